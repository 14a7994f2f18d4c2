package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"syscall"
	"time"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/report"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// listPage is how many sessions list reads from the database at a time.
const listPage = 200

func (c *cli) list(args []string) error {
	if _, err := c.positionals(c.newFlagSet("list"), args, 0, rubric.Text{}); err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, store *db.Store) error {
		all, err := c.allSessions(ctx, store)
		if err != nil {
			return err
		}
		if len(all) == 0 {
			fmt.Fprintln(c.stdout, c.lang.Pick("还没有评估会话。运行 vendorvet demo 可添加一个示例会话，运行 vendorvet 开始新的评估。",
				"No evaluation sessions yet. Run vendorvet demo to add a sample session, or vendorvet to start one."))
			return nil
		}
		_, err = io.WriteString(c.stdout, c.sessionTable(all))
		return err
	})
}

func (c *cli) export(args []string) error {
	flags := c.newFlagSet("export")
	format := flags.String("format", "md", "")
	out := flags.String("o", "", "")
	force := flags.Bool("force", false, "")
	pos, err := c.positionals(flags, args, 1, rubric.Text{ZH: "一个会话编号", EN: "a session ID"})
	if err != nil {
		return err
	}
	id, err := c.sessionID(pos[0])
	if err != nil {
		return err
	}
	if err := c.exportFormat(*format); err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, store *db.Store) error {
		sess, err := c.session(ctx, store, id)
		if err != nil {
			return err
		}
		data, err := c.exported(ctx, store, sess, *format)
		if err != nil {
			return err
		}
		return c.emit(data, *out, *force)
	})
}

// exported is a session as export gives it: the Markdown report, or ("json") the
// session file with every vendor's history.
func (c *cli) exported(ctx context.Context, store *db.Store, sess *db.Session, format string) ([]byte, error) {
	if format != "json" {
		return report.Markdown(sess.Rubric(), c.reportLang(sess.Lang), time.Now()), nil
	}
	withHistory, err := store.WithHistory(ctx, sess)
	if err != nil {
		return nil, c.storeError(err)
	}
	data, err := sessionfile.Export(withHistory)
	if err != nil {
		return nil, c.failf(err, "导出 JSON 失败：%v", "Could not export the JSON: %v", err)
	}
	return data, nil
}

// reportLang is the language of a report: --lang when given, else the session's own
// language, so that a Chinese evaluation gives a Chinese report whatever the locale.
func (c *cli) reportLang(session rubric.Lang) rubric.Lang {
	if !c.langExplicit && (session == rubric.ZH || session == rubric.EN) {
		return session
	}
	return c.lang
}

// emit writes an export to standard output, or to the file out when given.
func (c *cli) emit(data []byte, out string, force bool) error {
	if out == "" {
		_, err := c.stdout.Write(data)
		return err
	}
	if err := c.writeFile(out, data, force); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.sayf("已写入 %s", "Wrote %s", out))
	return nil
}

// exportFormat refuses an export format other than md and json.
func (c *cli) exportFormat(format string) error {
	if format != "md" && format != "json" {
		return c.usagef("不支持的格式 %q，请用 md 或 json。", "Unknown format %q; use md or json.", format)
	}
	return nil
}

// writeFile writes an export and explains why it would not.
func (c *cli) writeFile(path string, data []byte, force bool) error {
	err := report.WriteFile(path, data, force)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, report.ErrExists):
		return c.failf(err, "%s 已存在，未覆盖（加 --force 可覆盖）。", "%s already exists and was left alone (add --force to overwrite it).", path)
	case errors.Is(err, report.ErrSymlink):
		return c.failf(err, "%s 是符号链接，拒绝通过它写入。", "%s is a symbolic link; refusing to write through it.", path)
	}
	return c.failf(err, "写入 %s 失败：%v", "Could not write %s: %v", path, err)
}

func (c *cli) importSession(args []string) error {
	pos, err := c.positionals(c.newFlagSet("import"), args, 1, rubric.Text{ZH: "一个 JSON 文件", EN: "a JSON file"})
	if err != nil {
		return err
	}
	sess, err := c.readSession(pos[0])
	if err != nil {
		return err
	}
	// The file is fully checked before the database is even opened.
	return c.addSession(sess)
}

// addSession stores sess as a new session and prints its ID.
func (c *cli) addSession(sess rubric.Session) error {
	return c.withStore(func(ctx context.Context, store *db.Store) error {
		id, err := store.ImportSession(ctx, sess)
		if err != nil {
			return c.storeError(err)
		}
		fmt.Fprintln(c.stdout, id)
		return nil
	})
}

func (c *cli) score(args []string) error {
	flags := c.newFlagSet("score")
	asJSON := flags.Bool("json", false, "")
	pos, err := c.positionals(flags, args, 1, rubric.Text{ZH: "一个 JSON 文件", EN: "a JSON file"})
	if err != nil {
		return err
	}
	sess, err := c.readSession(pos[0])
	if err != nil {
		return err
	}
	if !*asJSON {
		_, err := io.WriteString(c.stdout, report.ScoreText(sess, c.lang))
		return err
	}
	data, err := report.ScoreJSON(sess)
	if err != nil {
		return c.failf(err, "生成评分 JSON 失败：%v", "Could not write the scorecards as JSON: %v", err)
	}
	_, err = c.stdout.Write(data)
	return err
}

// readSession reads and validates a session file ("-" is standard input).
func (c *cli) readSession(name string) (rubric.Session, error) {
	var r io.Reader = c.stdin
	shown := c.lang.Pick("标准输入", "standard input")
	if name != "-" {
		f, err := os.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			return rubric.Session{}, c.failf(err, "文件 %s 不存在。", "%s does not exist.", name)
		}
		if err != nil {
			return rubric.Session{}, c.failf(err, "无法打开 %s：%v", "Cannot open %s: %v", name, err)
		}
		defer f.Close()
		r, shown = f, name
	}
	// One byte past the limit is enough for sessionfile.Import to say the file is too large.
	data, err := io.ReadAll(io.LimitReader(r, sessionfile.MaxSize+1))
	if err != nil {
		return rubric.Session{}, c.failf(err, "无法读取 %s：%v", "Cannot read %s: %v", shown, err)
	}
	sess, err := sessionfile.Import(data)
	if err != nil {
		return rubric.Session{}, c.failf(err, "%s 不是有效的会话文件：%s。", "%s is not a valid session file: %s.", shown, importMessage(err, c.lang))
	}
	return sess, nil
}

// importMessage says what is wrong with a session file in lang.
func importMessage(err error, lang rubric.Lang) string {
	var ie *sessionfile.ImportError
	if errors.As(err, &ie) {
		return ie.In(lang)
	}
	return err.Error()
}

func (c *cli) demo(args []string) error {
	if _, err := c.positionals(c.newFlagSet("demo"), args, 0, rubric.Text{}); err != nil {
		return err
	}
	return c.addSession(demo.Session(c.lang))
}

func (c *cli) backup(args []string) error {
	pos, err := c.positionals(c.newFlagSet("backup"), args, 1, rubric.Text{ZH: "备份文件名", EN: "the name of the backup file"})
	if err != nil {
		return err
	}
	path := pos[0]
	return c.withStore(func(ctx context.Context, store *db.Store) error {
		// Stopped by Ctrl+C, a closed terminal or SIGTERM, the copy is abandoned and
		// its temporary file removed instead of being left behind half-written.
		ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
		defer stop()
		if err := store.Backup(ctx, path); err != nil {
			if ctx.Err() != nil {
				return c.failf(err, "备份已中止，没有留下任何文件。", "The backup was stopped; it left no file behind.")
			}
			return c.storeError(err)
		}
		fmt.Fprintln(c.stdout, c.sayf("数据库已备份到 %s", "Backed up the database to %s", path))
		return nil
	})
}

func (c *cli) version(args []string) error {
	if _, err := c.positionals(c.newFlagSet("version"), args, 0, rubric.Text{}); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, versionString())
	return nil
}

func (c *cli) help(args []string) error {
	pos, err := c.parseArgs(c.newFlagSet("help"), args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		fmt.Fprint(c.stdout, c.mainUsage())
		return nil
	case 1:
		cmd, ok := findCommand(pos[0])
		if !ok {
			return c.usagef("没有名为 %q 的命令（运行 vendorvet help 查看命令列表）。",
				"There is no command %q (run vendorvet help for the list of commands).", pos[0])
		}
		fmt.Fprint(c.stdout, c.commandUsage(cmd))
		return nil
	}
	return c.usagef("help 命令最多接受一个命令名。", "The help command takes at most one command name.")
}
