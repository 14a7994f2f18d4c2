// Command mkfile writes the session files the scale measurements read: a session of
// -vendors vendors as internal/gen makes them, or with -largest the largest file
// vendorvet imports.
package main

import (
	"flag"
	"fmt"
	"os"

	"vendorvet/internal/gen"
	"vendorvet/sessionfile"
)

func main() {
	vendors := flag.Int("vendors", 10, "vendors in the session")
	largest := flag.Bool("largest", false, "the largest session vendorvet imports")
	seed := flag.Uint64("seed", 1, "seed of the generator")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: mkfile [-vendors N | -largest] [-seed S] FILE")
		os.Exit(2)
	}
	s := gen.Session(gen.Rand(*seed), *vendors)
	if *largest {
		s = gen.Largest(*seed)
	}
	data, err := sessionfile.Export(s)
	if err == nil {
		err = os.WriteFile(flag.Arg(0), data, 0o600)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkfile:", err)
		os.Exit(1)
	}
}
