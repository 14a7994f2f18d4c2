package cli

import (
	"errors"
	"flag"
	"io"
	"regexp"
	"strings"

	"vendorvet/rubric"
)

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
	fs.StringVar(&c.evaluator, "evaluator", c.evaluator, "")
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

// positionals parses a command's arguments and checks how many positional ones
// there are.
func (c *cli) positionals(fs *flag.FlagSet, args []string, want int, what rubric.Text) ([]string, error) {
	pos, err := c.parseArgs(fs, args)
	if err != nil {
		return nil, err
	}
	name := fs.Name()
	switch {
	case len(pos) < want:
		return nil, c.usagef("%s 需要%s（参见 vendorvet %s --help）。", "The %s command needs %s (see vendorvet %s --help).",
			name, what.In(c.lang), name)
	case len(pos) > want:
		return nil, c.usagef("%s 多了参数 %q（参见 vendorvet %s --help）。", "The %s command does not take the argument %q (see vendorvet %s --help).",
			name, pos[want], name)
	}
	return pos, nil
}
