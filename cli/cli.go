// Package cli is vendorvet's command line: the global flags, the subcommands and
// their help in Chinese and English. Main runs it; with no subcommand it starts the
// interactive application.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/user"

	"vendorvet/accessible"
	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/ui"
	"vendorvet/usermsg"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// Main is the whole program, with its surroundings passed in so that tests can call
// it in-process. It returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	c.lang = localeLang(getenv)
	if l, ok := langInArgs(args); ok {
		// Known before parsing, so that even an error in the flags is in the chosen language.
		c.lang = l
	}
	c.accessible = getenv("ACCESSIBLE") != ""
	return c.exit(c.dispatch(args))
}

// cli holds what every command needs: the streams, the environment and the global flags.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string

	lang         rubric.Lang
	langExplicit bool // --lang was given, rather than taken from the locale
	dbFlag       string
	accessible   bool
	// evaluator is who the interface acts as (--evaluator); "" lets it ask, or act
	// as a session's only evaluator.
	evaluator string
}

// dispatch parses the global flags, then runs the command that follows them.
func (c *cli) dispatch(args []string) error {
	fs := c.newFlagSet("vendorvet")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(c.stdout, c.mainUsage())
			return nil
		}
		return &usageError{c.flagError("vendorvet", err)}
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return c.runTUI()
	}
	cmd, ok := findCommand(rest[0])
	if !ok {
		return c.usagef("未知命令 %q（运行 vendorvet help 查看命令列表）。",
			"Unknown command %q (run vendorvet help for the list of commands).", rest[0])
	}
	err := cmd.run(c, rest[1:])
	if err == flag.ErrHelp {
		fmt.Fprint(c.stdout, c.commandUsage(cmd))
		return nil
	}
	return err
}

// runTUI starts the interactive application on the store. Every change is saved as
// it is made, so only a write that could not be done at all is worth an error here.
func (c *cli) runTUI() error {
	// The interface shows its first screen while the file's pages are checked.
	return c.withStoreOpenedBy(db.OpenChecking, func(_ context.Context, store *db.Store) error {
		var err error
		if c.evaluator != "" {
			if err := store.ActAs(c.evaluator); err != nil {
				return c.usagef("--evaluator：%s", "--evaluator: %s", usermsg.For(err, c.lang))
			}
		}
		if c.accessible {
			err = accessible.Run(store, c.lang)
		} else {
			err = ui.Run(store, ui.Options{Lang: c.lang, Evaluator: c.evaluator, UserName: systemUser(c.getenv)})
		}
		switch {
		case errors.Is(err, db.ErrCorrupt):
			// Found by the check that runs while the first screen is shown.
			return c.storeError(err)
		case errors.Is(err, ui.ErrNotSaved):
			return c.failf(err, "部分修改未能保存到 %s（磁盘已满或只读？）。", "Some changes could not be saved to %s (disk full or read-only?).", store.Path())
		case err != nil:
			return c.failf(err, "界面异常退出：%v", "The interface stopped: %v", err)
		}
		return nil
	})
}

// sayf is a sentence in the user's language, with fmt.Sprintf arguments both share.
func (c *cli) sayf(zh, en string, args ...any) string {
	return fmt.Sprintf(c.lang.Pick(zh, en), args...)
}

// usageError is a mistake on the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// userError is a failure explained in one sentence in the user's language.
type userError struct {
	msg string
	err error // the cause, for errors.Is; not shown
}

func (e *userError) Error() string { return e.msg }
func (e *userError) Unwrap() error { return e.err }

func (c *cli) usagef(zh, en string, args ...any) error {
	return &usageError{c.sayf(zh, en, args...)}
}

// failf explains a failure; cause may be nil.
func (c *cli) failf(cause error, zh, en string, args ...any) error {
	return &userError{msg: c.sayf(zh, en, args...), err: cause}
}

// exit prints err as one line on stderr and returns the exit status.
func (c *cli) exit(err error) int {
	if err == nil {
		return exitOK
	}
	// Messages quote file names and contents; none of it may act on the terminal.
	fmt.Fprintf(c.stderr, "vendorvet: %s\n", clean.Folded(clean.Line(err.Error())))
	var u *usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitError
}

// systemUser is the name the system knows the user by: $USER or $LOGNAME, else the
// account's; "" when none is known.
func systemUser(getenv func(string) string) string {
	for _, k := range []string{"USER", "LOGNAME"} {
		if name := getenv(k); name != "" {
			return name
		}
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}
