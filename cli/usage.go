package cli

import (
	"fmt"
	"strings"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// command is one subcommand: its usage in both languages and what it does with the
// arguments that follow its name.
type command struct {
	name    string
	summary rubric.Text // one line for the main usage
	usage   rubric.Text // the command's own help
	run     func(c *cli, args []string) error
}

// fileLimits are what import and score accept, said where their help says it.
var fileLimits = rubric.Text{
	ZH: fmt.Sprintf("会话文件须为 UTF-8 编码，最大 %d MB，最多 %d 个服务商；\n单行文本（标题、客户、评估人、服务商名称和联系人）最多 %d 个字符。",
		sessionfile.MaxSize>>20, rubric.MaxVendors, clean.MaxLine),
	EN: fmt.Sprintf("A session file is UTF-8 of at most %d MB, with at most %d vendors and at most\n%d characters in a one-line field (title, client, evaluator, a vendor's name\nor contact).",
		sessionfile.MaxSize>>20, rubric.MaxVendors, clean.MaxLine),
}

// commands lists the subcommands in the order the main usage shows them. It is a
// function because help, one of them, looks the others up.
func commands() []command {
	return []command{
		{"list", rubric.Text{ZH: "列出已保存的评估会话", EN: "list the saved evaluation sessions"}, rubric.Text{
			ZH: `用法：vendorvet list

列出数据库中的评估会话：编号、标题、客户、服务商数量、领先的服务商及其得分与评级、最后修改时间。`,
			EN: `Usage: vendorvet list

Lists the evaluation sessions in the database: ID, title, client, number of vendors,
the leading vendor with its score and band, and the time of the last change.`,
		}, (*cli).list},
		{"export", rubric.Text{ZH: "导出一个会话为 Markdown 报告或 JSON", EN: "write a session as a Markdown report or as JSON"}, rubric.Text{
			ZH: `用法：vendorvet export ID [--format md|json] [-o 文件] [--force]

把编号为 ID 的会话导出为 Markdown 评估报告（默认）或 JSON（vendorvet.session/4 格式，
可用 vendorvet import 导入）。不给 -o 时输出到标准输出。报告使用会话自己的语言，
给了 --lang 时使用 --lang。

选项：
  --format md|json   输出格式（默认 md）
  -o 文件            写入该文件（权限 0600，先写临时文件再改名）
  --force            文件已存在时覆盖它`,
			EN: `Usage: vendorvet export ID [--format md|json] [-o FILE] [--force]

Writes session ID as a Markdown evaluation report (the default) or as JSON (the
vendorvet.session/4 format, which vendorvet import reads). Without -o it goes to
standard output. The report is in the session's own language unless --lang is given.

Flags:
  --format md|json   output format (default md)
  -o FILE            write to FILE (mode 0600, through a temporary file and a rename)
  --force            overwrite FILE if it exists`,
		}, (*cli).export},
		{"import", rubric.Text{ZH: "从 JSON 导出文件导入一个会话，输出新编号", EN: "add a session from its JSON export; prints the new ID"}, rubric.Text{
			ZH: `用法：vendorvet import 文件

从 JSON 文件（vendorvet.session/4 及更早的 /3、/2、/1 格式）导入一个会话，并输出新会话的编号。
文件先完整校验，有错误时数据库保持不变。文件为 - 时从标准输入读取。
` + fileLimits.ZH,
			EN: `Usage: vendorvet import FILE

Adds the session in FILE (the vendorvet.session/4 JSON format, or the earlier /3, /2, /1) to the database and
prints the new session's ID. The file is checked in full first: when it has a mistake,
the database is left unchanged. A FILE of - reads standard input.
` + fileLimits.EN,
		}, (*cli).importSession},
		{"merge", rubric.Text{ZH: "把评估人在副本上的回答合并回会话", EN: "merge an evaluator's answers from a copy back into a session"}, mergeUsage, (*cli).merge},
		{"score", rubric.Text{ZH: "为 JSON 会话文件中的服务商评分（不使用数据库）", EN: "print the scorecards of a JSON session file (no database)"}, rubric.Text{
			ZH: `用法：vendorvet score 文件 [--json]

为 JSON 会话文件中的每个服务商打分并输出评分卡，不打开、也不创建数据库。
文件为 - 时从标准输入读取。
` + fileLimits.ZH + `

选项：
  --json   以 JSON 输出评分卡`,
			EN: `Usage: vendorvet score FILE [--json]

Scores every vendor of the JSON session in FILE and prints the scorecards, without
opening or creating a database. A FILE of - reads standard input.
` + fileLimits.EN + `

Flags:
  --json   print the scorecards as JSON`,
		}, (*cli).score},
		{"staff", rubric.Text{ZH: "计算一个时段所需的坐席数（Erlang C / Erlang A，不使用数据库）", EN: "the agents a queue needs (Erlang C / Erlang A; no database)"}, staffUsage, (*cli).staff},
		{"monitor", rubric.Text{ZH: "选定服务商的试运营与监控：开始、导入数据、月度回顾", EN: "trial and monitoring of a chosen vendor: start, import figures, monthly review"}, monitorUsage, (*cli).monitor},
		{"demo", rubric.Text{ZH: "添加一个示例会话，输出其编号", EN: "add a sample session to try things out; prints its ID"}, rubric.Text{
			ZH: `用法：vendorvet demo

向数据库添加一个示例评估会话（按当前语言），并输出它的编号。`,
			EN: `Usage: vendorvet demo

Adds a sample evaluation session (in the current language) to the database and prints
its ID.`,
		}, (*cli).demo},
		{"backup", rubric.Text{ZH: "把数据库安全地备份到文件", EN: "copy the database safely to a file"}, rubric.Text{
			ZH: `用法：vendorvet backup 文件

把数据库的一致副本写入文件（应用运行中也可以备份）。`,
			EN: `Usage: vendorvet backup FILE

Writes a consistent copy of the database to FILE (safe while the application runs).`,
		}, (*cli).backup},
		{"serve", rubric.Text{ZH: "通过 SSH 为团队提供界面和命令", EN: "serve the interface and commands to a team over SSH"}, serveUsage, (*cli).serve},
		{"version", rubric.Text{ZH: "显示版本", EN: "print the version"}, rubric.Text{
			ZH: `用法：vendorvet version

显示 vendorvet 的版本、源代码修订和 Go 版本。`,
			EN: `Usage: vendorvet version

Prints the version of vendorvet, the source revision it was built from and the Go
version.`,
		}, (*cli).version},
		{"help", rubric.Text{ZH: "显示帮助，或某个命令的帮助", EN: "show this help, or the help of a command"}, rubric.Text{
			ZH: `用法：vendorvet help [命令]

显示总的帮助，或某个命令的帮助。`,
			EN: `Usage: vendorvet help [COMMAND]

Shows this help, or the help of COMMAND.`,
		}, (*cli).help},
	}
}

func findCommand(name string) (command, bool) {
	for _, cmd := range commands() {
		if cmd.name == name {
			return cmd, true
		}
	}
	return command{}, false
}

// globalFlagsHelp describes the flags every command accepts.
func (c *cli) globalFlagsHelp() string {
	where := c.lang.Pick("用户数据目录中的 vendorvet.db", "vendorvet.db in the user data folder")
	if p, err := db.DefaultPath(); err == nil {
		where = p
	}
	return c.sayf(`全局选项（可放在命令前或命令后）：
  --db 文件        数据库文件（默认：环境变量 VENDORVET_DB，否则
                   %s）
  --lang zh|en     界面与报告语言（默认取自 LC_ALL、LC_MESSAGES、LANG）
  --accessible     为读屏软件使用纯文本提示（环境变量 ACCESSIBLE 非空时亦然）
  --evaluator 姓名 以此评估人身份作答（首次作答即加入评估小组）；不指定时，只有一位
                   评估人的会话归其本人，多人的会话打开时询问（首选系统用户名）
  -h, --help       显示帮助`, `Global flags (before or after the command):
  --db FILE        the database file (default: $VENDORVET_DB, else
                   %s)
  --lang zh|en     language of messages and reports (default: from LC_ALL,
                   LC_MESSAGES or LANG)
  --accessible     plain prompts for screen readers (also when $ACCESSIBLE is set)
  --evaluator NAME who is evaluating, on a session's panel (joins it with the first
                   answer); without it a session of one evaluator is theirs and the
                   interface asks on a panel of more, offering the system's user first
  -h, --help       show help`, where)
}

// mainUsage is the help of the program as a whole.
func (c *cli) mainUsage() string {
	var b strings.Builder
	b.WriteString(c.lang.Pick(`vendorvet — 客服外包服务商评估：按七个步骤提问，用 100 分四维度评分卡实时打分。

用法：
  vendorvet [全局选项]                   启动交互式应用
  vendorvet [全局选项] 命令 [参数]

命令：
`, `vendorvet — choose a customer-service outsourcing vendor: seven steps of questions,
every vendor scored live on a 100-point, four-dimension scorecard.

Usage:
  vendorvet [global flags]                start the interactive application
  vendorvet [global flags] COMMAND [ARGS]

Commands:
`))
	for _, cmd := range commands() {
		fmt.Fprintf(&b, "  %-9s %s\n", cmd.name, cmd.summary.In(c.lang))
	}
	b.WriteString("\n")
	b.WriteString(c.globalFlagsHelp())
	b.WriteString("\n\n")
	b.WriteString(c.lang.Pick("运行 vendorvet 命令 --help 查看该命令的帮助。\n",
		"Run vendorvet COMMAND --help for the help of a command.\n"))
	return b.String()
}

// commandUsage is the help of one command.
func (c *cli) commandUsage(cmd command) string {
	return cmd.usage.In(c.lang) + "\n\n" + c.globalFlagsHelp() + "\n"
}
