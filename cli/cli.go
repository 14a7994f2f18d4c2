package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/rubric"
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
}

// localeLang reads the language the way POSIX locales are resolved: LC_ALL, then
// LC_MESSAGES, then LANG; Chinese locales give Chinese, anything else English.
func localeLang(getenv func(string) string) rubric.Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return rubric.ParseLang(v)
		}
	}
	return rubric.EN
}

// langInArgs finds the last valid --lang value on the command line, before "--".
func langInArgs(args []string) (rubric.Lang, bool) {
	var found rubric.Lang
	ok := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		if l, valid := parseLangFlag(value); valid {
			found, ok = l, true
		}
	}
	return found, ok
}

// parseLangFlag accepts exactly the two languages the program speaks.
func parseLangFlag(s string) (rubric.Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "zh":
		return rubric.ZH, true
	case "en":
		return rubric.EN, true
	}
	return "", false
}

// say picks the sentence in the user's language.
func (c *cli) say(zh, en string) string {
	if c.lang == rubric.ZH {
		return zh
	}
	return en
}

// sayf is say with fmt.Sprintf arguments, which both sentences share.
func (c *cli) sayf(zh, en string, args ...any) string {
	return fmt.Sprintf(c.say(zh, en), args...)
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
	fmt.Fprintf(c.stderr, "vendorvet: %s\n", oneLine(clean.Line(err.Error())))
	var u *usageError
	if errors.As(err, &u) {
		return exitUsage
	}
	return exitError
}

// oneLine keeps an error to the single line the user reads.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// langValue is the --lang flag: only zh or en.
type langValue struct{ c *cli }

func (v langValue) String() string {
	if v.c == nil {
		return ""
	}
	return string(v.c.lang)
}

func (v langValue) Set(s string) error {
	l, ok := parseLangFlag(s)
	if !ok {
		return errors.New("not zh or en")
	}
	v.c.lang, v.c.langExplicit = l, true
	return nil
}

// newFlagSet makes the flag set of one command, with the global flags on it so that
// they are accepted after the command too. Its output is silenced: errors and help
// are printed by us, in the user's language.
func (c *cli) newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&c.dbFlag, "db", c.dbFlag, "")
	fs.Var(langValue{c}, "lang", "")
	fs.BoolVar(&c.accessible, "accessible", c.accessible, "")
	return fs
}

// parseArgs parses flags and positional arguments in any order ("export 3 -o r.md"
// as well as "export -o r.md 3"); everything after "--" is positional.
func (c *cli) parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, &usageError{c.flagError(fs.Name(), err)}
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// The error sentences of package flag, so that they can be said in Chinese too.
var (
	reUndefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	reNeedsArgument = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	reInvalidValue  = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*): `)
	reBadSyntax     = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// flagError turns an error of package flag into one sentence in the user's language.
func (c *cli) flagError(command string, err error) string {
	help := "vendorvet --help"
	if command != "vendorvet" {
		help = "vendorvet " + command + " --help"
	}
	s := err.Error()
	if m := reUndefinedFlag.FindStringSubmatch(s); m != nil {
		return c.sayf("未知选项 -%s（参见 %s）。", "Unknown flag -%s (see %s).", m[1], help)
	}
	if m := reNeedsArgument.FindStringSubmatch(s); m != nil {
		return c.sayf("选项 -%s 需要一个值（参见 %s）。", "The flag -%s needs a value (see %s).", m[1], help)
	}
	if m := reInvalidValue.FindStringSubmatch(s); m != nil {
		if m[2] == "lang" {
			return c.sayf("不支持的语言 %q，请用 zh 或 en。", "Unknown language %q; use zh or en.", m[1])
		}
		return c.sayf("选项 -%s 的值 %q 无效（参见 %s）。", "The flag -%s does not take the value %q (see %s).", m[2], m[1], help)
	}
	if m := reBadSyntax.FindStringSubmatch(s); m != nil {
		return c.sayf("无法识别的选项写法 %s（参见 %s）。", "Bad flag syntax %s (see %s).", m[1], help)
	}
	return s
}

// dbPath is where the database is: --db, else $VENDORVET_DB, else the default.
func (c *cli) dbPath() (string, error) {
	if c.dbFlag != "" {
		return c.dbFlag, nil
	}
	if p := c.getenv("VENDORVET_DB"); p != "" {
		return p, nil
	}
	p, err := db.DefaultPath()
	if err != nil {
		return "", c.failf(err, "找不到存放数据库的用户数据目录（%v），请用 --db 指定文件。",
			"Cannot find a user data folder for the database (%v); name a file with --db.", err)
	}
	return p, nil
}

// openStore opens the database the user chose; the caller closes it.
func (c *cli) openStore(open func(string) (*db.Store, error)) (*db.Store, error) {
	path, err := c.dbPath()
	if err != nil {
		return nil, err
	}
	store, err := open(path)
	if err != nil {
		return nil, c.storeError(err)
	}
	return store, nil
}

// storeError explains a failure of the database in the store's own words.
func (c *cli) storeError(err error) error {
	return &userError{msg: db.UserMessage(err, c.lang), err: err}
}

// withStore runs f on the open store and closes it, reporting a failed close.
func (c *cli) withStore(f func(ctx context.Context, store *db.Store) error) error {
	return c.withStoreOpenedBy(db.Open, f)
}

// withStoreOpenedBy is withStore with the store opened by open.
func (c *cli) withStoreOpenedBy(open func(string) (*db.Store, error), f func(ctx context.Context, store *db.Store) error) (err error) {
	store, err := c.openStore(open)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = c.failf(cerr, "关闭数据库失败：%v", "Closing the database failed: %v", cerr)
		}
	}()
	return f(context.Background(), store)
}
