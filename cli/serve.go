package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/log"

	"vendorvet/db"
	"vendorvet/report"
	"vendorvet/rubric"
	"vendorvet/server"
)

// shutdownGrace is how long a stopping server gives its connections to write what
// they have queued: within the ten seconds a service manager waits.
const shutdownGrace = 8 * time.Second

// hostKeyName is the server's key, beside the database when --host-key is not given.
const hostKeyName = "vendorvet_host_ed25519"

var serveUsage = rubric.Text{
	ZH: `用法：vendorvet serve --keys 文件 [--listen 地址] [--host-key 文件]
                      [--max-sessions N] [--idle-timeout 时长] [--conn-rate N]

通过 SSH 为团队提供同一界面：每人用自己的密钥连接，以自己的身份在共享数据库上评估。
不带命令连接（ssh -p 端口 主机）进入完整界面；在主机后给出命令则只输出结果：
  list                          列出会话
  export ID [--format md|json]  输出报告或 JSON（不写服务器上的任何文件）
  score ID [--json]             输出会话的评分卡
  monitor report ID 服务商 [--format md|json] [--period P]
                                输出服务商的月度业务回顾
  people                        （仅 admin）列出密钥文件中的人及其密钥指纹

密钥文件每行一人：角色 姓名 密钥类型 密钥 [注释]，例如
  lead 张三 ssh-ed25519 AAAA… zhang@laptop
角色为 admin、lead 或 evaluator（均以本人身份工作，在各会话中的角色以评估小组为准）
或 viewer（只能查看）。admin 看到所有会话；其他人只看到自己所在评估小组（或被加为
查看者）的会话，由该会话的组长或 admin 加入。admin 和 lead 可以新建会话并成为其组长。
姓名即评估小组中的姓名，含空格时加双引号，如 "Laura Bennett"。
空行和 # 开头的行忽略；有错的行在日志中注明行号并跳过。文件修改后或收到 SIGHUP 时重新读取。
只接受公钥登录。SIGTERM 或 Ctrl+C 停止服务：不再接受连接，各连接保存已排队的修改后退出。

选项：
  --keys 文件          密钥文件（必需）
  --listen 地址        监听地址（默认 127.0.0.1:23234）
  --host-key 文件      服务器私钥，不存在时生成（权限 0600；默认在数据库旁）
  --max-sessions N     同时连接数上限（默认 50）
  --idle-timeout 时长  无输入多久后断开（默认 30m）
  --conn-rate N        每个地址每分钟可新建的连接数（默认 30；一次可达连接上限的两倍）`,
	EN: `Usage: vendorvet serve --keys FILE [--listen ADDR] [--host-key FILE]
                      [--max-sessions N] [--idle-timeout DURATION] [--conn-rate N]

Serves the same interface to a team over SSH: each person connects with their own
key and evaluates as themselves on the shared database. Connecting without a command
(ssh -p PORT HOST) opens the full interface; a command after the host prints its
result only:
  list                          list the sessions
  export ID [--format md|json]  print the report or the JSON (no file is written on the server)
  score ID [--json]             print the session's scorecards
  monitor report ID VENDOR [--format md|json] [--period P]
                                print a vendor's monthly business review
  people                        (admins only) the people of the keys file, with
                                their keys' fingerprints

The keys file has one person a line: ROLE NAME KEYTYPE KEY [comment], e.g.
  lead Zhang.San ssh-ed25519 AAAA… zhang@laptop
ROLE is admin, lead or evaluator (each works as themselves, their part in a session
being what its panel says) or viewer (may only look). An admin sees every session;
everyone else only those whose panel they are on, or are a viewer of, as the
session's lead or an admin put them. An admin or a lead may start a session, and
leads it. NAME is the name the panels
know the person by, in double quotes when it has spaces ("Laura Bennett"). Blank
lines and lines starting with # are skipped; a line with a mistake is logged with
its number and skipped. The file is read again when it changes and on SIGHUP.
Public keys only. SIGTERM or Ctrl+C stops the server: no new connections, and every
connection writes its queued changes before it ends.

Flags:
  --keys FILE              the keys file (required)
  --listen ADDR            address to listen on (default 127.0.0.1:23234)
  --host-key FILE          the server's private key, made when missing (mode 0600;
                           default: beside the database)
  --max-sessions N         sessions connected at once (default 50)
  --idle-timeout DURATION  disconnect after this long without input (default 30m)
  --conn-rate N            new connections an address may open a minute (default 30;
                           twice --max-sessions at once)`,
}

func (c *cli) serve(args []string) error {
	flags := c.newFlagSet("serve")
	listen := flags.String("listen", server.DefaultListen, "")
	hostKey := flags.String("host-key", "", "")
	keys := flags.String("keys", "", "")
	maxSessions := flags.Int("max-sessions", server.DefaultMaxSessions, "")
	idle := flags.Duration("idle-timeout", server.DefaultIdleTimeout, "")
	connRate := flags.Int("conn-rate", server.DefaultConnectionsPerMinute, "")
	if _, err := c.positionals(flags, args, 0, rubric.Text{}); err != nil {
		return err
	}
	if *keys == "" {
		return c.usagef("serve 需要 --keys 密钥文件（参见 vendorvet serve --help）。",
			"The serve command needs --keys FILE (see vendorvet serve --help).")
	}
	if *maxSessions < 1 || *idle <= 0 || *connRate < 1 {
		return c.usagef("--max-sessions、--idle-timeout 和 --conn-rate 须为正数。", "--max-sessions, --idle-timeout and --conn-rate must be positive.")
	}
	path, err := c.dbPath()
	if err != nil {
		return err
	}
	// Made and checked once here, so that a damaged or foreign file stops the
	// server before anyone connects rather than at each connection.
	if err := c.withStore(func(context.Context, *db.Store) error { return nil }); err != nil {
		return err
	}
	if *hostKey == "" {
		*hostKey = filepath.Join(filepath.Dir(path), hostKeyName)
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	srv, err := server.New(server.Config{
		Listen: *listen, HostKeyPath: *hostKey, KeysPath: *keys, DBPath: path,
		MaxSessions: *maxSessions, IdleTimeout: *idle, ConnectionsPerMinute: *connRate,
		Lang: c.lang, LangFor: localeLang,
		Commands: remoteCommands, Reload: hup,
		Logger: log.NewWithOptions(c.stderr, log.Options{ReportTimestamp: true, Prefix: "vendorvet"}),
	})
	if err != nil {
		return c.failf(err, "无法启动服务器：%v", "Cannot start the server: %v", err)
	}
	return c.serveUntilStopped(srv)
}

// serveUntilStopped serves until SIGTERM or an interrupt, then stops the server
// within shutdownGrace.
func (c *cli) serveUntilStopped(srv *server.Server) error {
	stop, release := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer release()
	served := make(chan error, 1)
	go func() { served <- srv.ListenAndServe() }()
	select {
	case err := <-served:
		return c.failf(err, "服务器停止：%v", "The server stopped: %v", err)
	case <-stop.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return c.failf(err, "部分连接未能在 %v 内结束。", "Some connections did not end within %v.", shutdownGrace)
	}
	return <-served
}

// remoteCommands runs a command given after the host on the connection's store,
// which acts as the person connected: list, export and score, with their output
// going back over the connection and nothing written on the server.
func remoteCommands(ctx context.Context, store *db.Store, lang rubric.Lang, args []string, stdout, stderr io.Writer) int {
	c := &cli{stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, lang: lang,
		getenv: func(string) string { return "" }}
	return c.exit(c.remote(ctx, store, args))
}

func (c *cli) remote(ctx context.Context, store *db.Store, args []string) error {
	var err error
	switch args[0] {
	case "list":
		err = c.remoteList(ctx, store, args[1:])
	case "export":
		err = c.remoteExport(ctx, store, args[1:])
	case "score":
		err = c.remoteScore(ctx, store, args[1:])
	case "monitor":
		err = c.remoteMonitor(ctx, store, args[1:])
	default:
		return c.usagef("此服务器只接受 list、export、score、monitor report 命令，而不是 %q。",
			"This server takes the commands list, export, score and monitor report, not %q.", args[0])
	}
	if errors.Is(err, errRemoteFlag) {
		return c.usagef("通过服务器不能使用 --db、--evaluator 或 --accessible。",
			"--db, --evaluator and --accessible cannot be used through the server.")
	}
	return err
}

// errRemoteFlag is a global flag that has no meaning through the server: the
// database and the person are the server's and the key's.
var errRemoteFlag = errors.New("global flag through the server")

// remoteArgs parses a remote command's arguments and refuses the global flags
// that would choose another database or person.
func (c *cli) remoteArgs(name string, args []string, want int, what rubric.Text, define func(*flag.FlagSet)) ([]string, error) {
	fs := c.newFlagSet(name)
	define(fs)
	pos, err := c.positionals(fs, args, want, what)
	if err != nil {
		return nil, err
	}
	if c.dbFlag != "" || c.evaluator != "" || c.accessible {
		return nil, errRemoteFlag
	}
	return pos, nil
}

func (c *cli) remoteList(ctx context.Context, store *db.Store, args []string) error {
	if _, err := c.remoteArgs("list", args, 0, rubric.Text{}, func(*flag.FlagSet) {}); err != nil {
		return err
	}
	all, err := c.allSessions(ctx, store)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		fmt.Fprintln(c.stdout, c.lang.Pick("还没有评估会话。", "No evaluation sessions yet."))
		return nil
	}
	_, err = io.WriteString(c.stdout, c.sessionTable(all))
	return err
}

func (c *cli) remoteExport(ctx context.Context, store *db.Store, args []string) error {
	var format *string
	sess, err := c.remoteSession(ctx, store, "export", args, func(fs *flag.FlagSet) { format = fs.String("format", "md", "") })
	if err != nil {
		return err
	}
	if err := c.exportFormat(*format); err != nil {
		return err
	}
	data, err := c.exported(ctx, store, sess, *format)
	if err != nil {
		return err
	}
	_, err = c.stdout.Write(data)
	return err
}

func (c *cli) remoteScore(ctx context.Context, store *db.Store, args []string) error {
	var asJSON *bool
	sess, err := c.remoteSession(ctx, store, "score", args, func(fs *flag.FlagSet) { asJSON = fs.Bool("json", false, "") })
	if err != nil {
		return err
	}
	if !*asJSON {
		_, err := io.WriteString(c.stdout, report.ScoreText(sess.Rubric(), c.lang))
		return err
	}
	data, err := report.ScoreJSON(sess.Rubric())
	if err != nil {
		return c.failf(err, "生成评分 JSON 失败：%v", "Could not write the scorecards as JSON: %v", err)
	}
	_, err = c.stdout.Write(data)
	return err
}

// remoteMonitor prints a vendor's monthly business review: the one monitoring
// command that writes nothing, so the one the server takes.
func (c *cli) remoteMonitor(ctx context.Context, store *db.Store, args []string) error {
	if len(args) == 0 || args[0] != "report" {
		return c.usagef("通过服务器只能使用 monitor report ID 服务商 [--format md|json] [--period P]。",
			"Through the server monitor takes only report ID VENDOR [--format md|json] [--period P].")
	}
	var format, period *string
	pos, err := c.remoteArgs("monitor report", args[1:], 2, rubric.Text{ZH: "会话编号和服务商", EN: "a session ID and a vendor"},
		func(fs *flag.FlagSet) { format, period = fs.String("format", "md", ""), fs.String("period", "", "") })
	if err != nil {
		return err
	}
	if err := c.exportFormat(*format); err != nil {
		return err
	}
	id, err := c.sessionID(pos[0])
	if err != nil {
		return err
	}
	m, err := c.monitoredVendor(ctx, store, id, pos[1])
	if err != nil {
		return err
	}
	data, err := c.monthlyReview(ctx, store, m, *format, *period)
	if err != nil {
		return err
	}
	_, err = c.stdout.Write(data)
	return err
}

// remoteSession reads a remote command's session ID and loads the session as the
// person connected sees it. Blind review holds as in the interface: the panel's
// answers and scores are not shown to an evaluator who is not a lead before they
// have submitted every vendor.
func (c *cli) remoteSession(ctx context.Context, store *db.Store, name string, args []string, define func(*flag.FlagSet)) (*db.Session, error) {
	pos, err := c.remoteArgs(name, args, 1, rubric.Text{ZH: "一个会话编号", EN: "a session ID"}, define)
	if err != nil {
		return nil, err
	}
	id, err := c.sessionID(pos[0])
	if err != nil {
		return nil, err
	}
	sess, err := c.session(ctx, store, id)
	if err != nil {
		return nil, err
	}
	if sess.BlindedAny() {
		return nil, c.failf(nil, "盲评中：报告含小组全部答案，由组长导出，或你提交全部服务商后导出。",
			"Blind review: only the lead, or you after submitting every vendor, can see the panel's report.")
	}
	return sess, nil
}
