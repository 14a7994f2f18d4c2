// Command vendorvet helps a company choose a customer-service outsourcing vendor
// (客服外包服务商): an interactive evaluation in the terminal, plus subcommands to list,
// export, import, score and back up evaluation sessions.
package main

import (
	"os"

	"vendorvet/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
