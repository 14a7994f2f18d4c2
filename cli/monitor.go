package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"vendorvet/capacity"
	"vendorvet/db"
	"vendorvet/monitor"
	"vendorvet/review"
	"vendorvet/rubric"
	"vendorvet/usermsg"
)

// monitorUsage is the monitor command's help.
var monitorUsage = rubric.Text{
	ZH: `用法：vendorvet monitor 子命令 ID 服务商 [选项]

选定服务商后的试运营与监控（第 7 步）。服务商可写名称或序号（会话中的第几个服务商）。

  monitor start ID 服务商 [--from YYYY-MM-DD] [--trial-days N] [--period month|week]
                          [--fee 金额] [--sl-definition 口径]
      开始试运营（默认从今天起 60 天，按月统计）。目标取自服务商第 5 步的承诺，
      月服务费取自第 6 步报价按企业业务量折算的日常月成本；算不出时用 --fee 给出。
  monitor import ID 服务商 文件.csv [--replace]
      导入服务商后台导出的 CSV（全部导入或全部不导入）；已导入的周期只有加 --replace 才替换。
  monitor report ID 服务商 [--format md|json] [--period 周期] [-o 文件] [--force]
      月度业务回顾：指标承诺与实际、未达标与扣款及原因、状态、质检、试运营结论。
      --period 只看到该周期为止（如 2027-02 或 2027-W05）。
  monitor set ID 服务商 [--sl-definition 口径] [--fee 金额] [--threshold 秒]
                        [--contract-start 日期] [--contract-end 日期] [--from 日期] [--trial-days N]
                        [--period month|week] [--target 指标=值 ...] [--tiers 点:比例,...]
                        [--per-point 比例] [--cap 比例] [--earn-back N] [--chronic-misses N]
      修改条款。--target fcr=85% 设定目标，fcr=none 取消；--tiers none 改为按点扣款。
  monitor qa ID 服务商 --period 周期 --ref 会话编号 --score 0–100 [--finding 文字] [--action 文字]
      记录一条质检抽检。

服务水平口径：abandons_within_met、answered_only、all_abandons_against、
short_abandons_ignored（默认）。指标：service_level、answer_rate、abandonment、aht_s、
fcr、csat、qa_pass、complaints_per_k、conversion。CSV 的列见 README 的“Monitoring”一节。`,
	EN: `Usage: vendorvet monitor SUBCOMMAND ID VENDOR [flags]

Trial and monitoring of a chosen vendor (step 7). VENDOR is its name or its number
(the vendor's place in the session).

  monitor start ID VENDOR [--from YYYY-MM-DD] [--trial-days N] [--period month|week]
                          [--fee AMOUNT] [--sl-definition NAME]
      starts the trial (from today, 60 days, monthly periods unless given). The
      targets are the vendor's step-5 commitments, the monthly fee its step-6 quote
      for a normal month at our volume; give it with --fee when it cannot be worked out.
  monitor import ID VENDOR FILE.csv [--replace]
      imports the vendor dashboard's CSV, all of it or nothing; a period imported
      already is replaced only with --replace.
  monitor report ID VENDOR [--format md|json] [--period P] [-o FILE] [--force]
      the monthly business review: KPIs promised and delivered, misses and the credits
      they cost and why, standing, QA findings, the trial's verdict. --period P
      reviews up to P (2027-02 or 2027-W05).
  monitor set ID VENDOR [--sl-definition NAME] [--fee AMOUNT] [--threshold SECONDS]
                        [--contract-start DAY] [--contract-end DAY] [--from DAY] [--trial-days N]
                        [--period month|week] [--target KPI=VALUE ...] [--tiers POINTS:PERCENT,...]
                        [--per-point PERCENT] [--cap PERCENT] [--earn-back N] [--chronic-misses N]
      changes the terms. --target fcr=85% sets a target, fcr=none takes it away;
      --tiers none makes the schedule linear.
  monitor qa ID VENDOR --period P --ref REF --score 0-100 [--finding TEXT] [--action TEXT]
      logs one sampled conversation.

Service-level definitions: abandons_within_met, answered_only, all_abandons_against,
short_abandons_ignored (the default). KPIs: service_level, answer_rate, abandonment,
aht_s, fcr, csat, qa_pass, complaints_per_k, conversion. The CSV's columns are in
README's "Monitoring".`,
}

// DefaultTrialDays is a trial's length unless given, as the interface's.
const DefaultTrialDays = monitor.DefaultTrialDays

func (c *cli) monitor(args []string) error {
	if len(args) == 0 {
		return c.usagef("monitor 需要一个子命令：start、import、report、set 或 qa（参见 vendorvet monitor --help）。",
			"The monitor command needs a subcommand: start, import, report, set or qa (see vendorvet monitor --help).")
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		return flag.ErrHelp
	case "start":
		return c.monitorStart(args[1:])
	case "import":
		return c.monitorImport(args[1:])
	case "report":
		return c.monitorReport(args[1:])
	case "set":
		return c.monitorSet(args[1:])
	case "qa":
		return c.monitorQA(args[1:])
	}
	return c.usagef("未知的 monitor 子命令 %q（可用：start、import、report、set、qa）。",
		"Unknown monitor subcommand %q (start, import, report, set or qa).", args[0])
}

// monitored is the session and vendor a monitor command is about.
type monitored struct {
	sess   *db.Session
	vendor rubric.Vendor // as the panel judges it
	id     int64
}

// monitoredVendor finds the session and its vendor, by name or by number.
func (c *cli) monitoredVendor(ctx context.Context, store *db.Store, id int64, which string) (monitored, error) {
	sess, err := c.session(ctx, store, id)
	if err != nil {
		return monitored{}, err
	}
	i, err := c.vendorIndex(sess, which)
	if err != nil {
		return monitored{}, err
	}
	return monitored{sess: sess, vendor: sess.Rubric().Vendors[i], id: sess.Vendors[i].ID}, nil
}

// vendorIndex reads VENDOR: the name as the session has it (or unique whatever the
// case), else its number in the session's order, from 1.
func (c *cli) vendorIndex(sess *db.Session, which string) (int, error) {
	which = strings.TrimSpace(which)
	folded := -1
	for i, v := range sess.Vendors {
		if v.Name == which {
			return i, nil
		}
		if strings.EqualFold(v.Name, which) {
			if folded >= 0 {
				folded = -2 // two names differ only by case: not a choice
			} else if folded == -1 {
				folded = i
			}
		}
	}
	if folded >= 0 {
		return folded, nil
	}
	if n, err := strconv.Atoi(which); err == nil && n >= 1 && n <= len(sess.Vendors) {
		return n - 1, nil
	}
	names := make([]string, len(sess.Vendors))
	for i, v := range sess.Vendors {
		names[i] = fmt.Sprintf("%d %s", i+1, v.Name)
	}
	list := strings.Join(names, c.lang.Pick("、", ", "))
	if len(names) == 0 {
		list = c.lang.Pick("无", "none")
	}
	return 0, c.failf(db.ErrNotFound, "会话 %d 没有服务商 %q（其服务商：%s）。", "Session %d has no vendor %q (its vendors: %s).", sess.ID, which, list)
}

// monitorStore runs f on the store with the session and vendor of the command's
// first two arguments.
func (c *cli) monitorStore(pos []string, f func(ctx context.Context, store *db.Store, m monitored) error) error {
	id, err := c.sessionID(pos[0])
	if err != nil {
		return err
	}
	return c.withStore(func(ctx context.Context, store *db.Store) error {
		m, err := c.monitoredVendor(ctx, store, id, pos[1])
		if err != nil {
			return err
		}
		return f(ctx, store, m)
	})
}

// monthlyReview is a vendor's monthly business review up to period ("" for the
// latest), in format md or json.
func (c *cli) monthlyReview(ctx context.Context, store *db.Store, m monitored, format, period string) ([]byte, error) {
	rec, err := store.Monitoring(ctx, m.id)
	if err != nil {
		return nil, c.refused(err)
	}
	r, err := review.Build(review.Input{Session: m.sess.Title, Client: m.sess.Client, Vendor: m.vendor.Name,
		Record: rec, Through: strings.TrimSpace(period), Today: time.Now(), Lang: c.reportLang(m.sess.Lang)})
	if err != nil {
		return nil, c.flagRefused("period", err)
	}
	if format != "json" {
		return review.Markdown(r), nil
	}
	data, err := review.JSON(r)
	if err != nil {
		return nil, c.failf(err, "生成 JSON 失败：%v", "Could not write the JSON: %v", err)
	}
	return data, nil
}

// refused says why the store or the arithmetic refused something.
func (c *cli) refused(err error) error {
	var me *monitor.Error
	if errors.As(err, &me) {
		return c.failf(err, "%s。", "%s.", c.lang.Pick(me.ZH, me.EN))
	}
	return &userError{msg: usermsg.For(err, c.lang), err: err}
}

// dayFlag reads a day given to a flag.
func (c *cli) dayFlag(name, s string) (time.Time, error) {
	d, err := monitor.ParseDate(s)
	if err != nil {
		return d, c.usagef("--%s 的值 %q 无效：日期须为 YYYY-MM-DD。", "--%s does not take %q: a day is written YYYY-MM-DD.", name, s)
	}
	return d, nil
}

func (c *cli) monitorStart(args []string) error {
	flags := c.newFlagSet("monitor start")
	from := flags.String("from", "", "")
	days := flags.Int("trial-days", DefaultTrialDays, "")
	kind := flags.String("period", string(monitor.Monthly), "")
	fee := flags.String("fee", "", "")
	def := flags.String("sl-definition", string(monitor.DefaultSLDefinition), "")
	pos, err := c.positionals(flags, args, 2, rubric.Text{ZH: "会话编号和服务商", EN: "a session ID and a vendor"})
	if err != nil {
		return err
	}
	start := monitor.Day(time.Now())
	if *from != "" {
		if start, err = c.dayFlag("from", *from); err != nil {
			return err
		}
	}
	k, err := monitor.ParsePeriodKind(*kind)
	if err != nil {
		return c.flagRefused("period", err)
	}
	d, err := monitor.ParseSLDefinition(*def)
	if err != nil {
		return c.flagRefused("sl-definition", err)
	}
	if *days < 0 || *days > monitor.MaxTrialDays {
		return c.usagef("--trial-days 须在 0 到 %d 之间。", "--trial-days is from 0 to %d.", monitor.MaxTrialDays)
	}
	var given float64
	if *fee != "" {
		if given, err = c.staffNumber("fee", *fee, rubric.Yuan, false); err != nil {
			return err
		}
	}
	return c.monitorStore(pos, func(ctx context.Context, store *db.Store, m monitored) error {
		e := monitor.Start(m.sess.Requirements, m.vendor.Answers, monitor.Terms{From: start, TrialDays: *days,
			Kind: k, Definition: d, Fee: given, FeeGiven: *fee != ""})
		if err := store.StartEngagement(ctx, m.id, e); err != nil {
			return c.refused(err)
		}
		fmt.Fprint(c.stdout, c.engagementWords(m.vendor.Name, e))
		return nil
	})
}

// flagRefused says a flag's value the arithmetic refused: a mistake on the
// command line.
func (c *cli) flagRefused(name string, err error) error {
	var me *monitor.Error
	if errors.As(err, &me) {
		return c.usagef("--%s：%s。", "--%s: %s.", name, c.lang.Pick(me.ZH, me.EN))
	}
	return c.usagef("--%s：%v", "--%s: %v", name, err)
}

// engagementWords sums up an engagement's terms.
func (c *cli) engagementWords(vendor string, e monitor.Engagement) string {
	var b strings.Builder
	line := func(zh, en string, args ...any) { b.WriteString(c.sayf(zh, en, args...) + "\n") }
	if e.TrialDays > 0 {
		line("%s 的试运营：%s 至 %s（%d 天），%s统计。", "%s on trial: %s to %s (%d days), %s periods.", vendor,
			e.TrialStart.Format(monitor.DateLayout), e.TrialEnd().AddDate(0, 0, -1).Format(monitor.DateLayout), e.TrialDays, e.Kind.Name().In(c.lang))
	} else {
		line("%s：无试运营，%s统计。", "%s: no trial, %s periods.", vendor, e.Kind.Name().In(c.lang))
	}
	switch {
	case e.ContractStart.IsZero():
	case e.ContractEnd.IsZero():
		line("合同：自 %s 起，未定结束日期。", "Contract: from %s, with no end set.", e.ContractStart.Format(monitor.DateLayout))
	default:
		line("合同：%s 至 %s。", "Contract: %s to %s.", e.ContractStart.Format(monitor.DateLayout), e.ContractEnd.Format(monitor.DateLayout))
	}
	if len(e.SLA.Targets) == 0 {
		line("没有目标：服务商第 5 步未作可核对的承诺；用 vendorvet monitor set --target 设定。",
			"No targets: the vendor made no step-5 commitment the dashboard can check; set them with vendorvet monitor set --target.")
	} else {
		line("目标：", "Targets:")
	}
	for _, t := range e.SLA.Targets {
		from := c.lang.Pick("手动设定", "set by hand")
		if q, ok := rubric.QuestionByID(e.Origins[t.KPI]); ok {
			from = q.Label.In(c.lang)
		}
		within := ""
		if t.KPI == monitor.ServiceLevelKPI && e.ThresholdS > 0 {
			within = c.sayf(" %s 秒内", " within %s s", rubric.FormatGrouped(e.ThresholdS))
		}
		line("  %s %s%s（%s）", "  %s %s%s (%s)", t.KPI.Name().In(c.lang), t.KPI.TargetWords(t.Value), within, from)
	}
	line("服务水平口径：%s（%s）。", "Service level: %s (%s).", e.SLA.Definition, e.SLA.Definition.Name().In(c.lang))
	switch e.FeeSource {
	case monitor.FeeFromQuote:
		line("月服务费：%s，按第 6 步报价折算的日常月成本。", "Monthly fee: %s, a normal month at our volume from the step-6 quote.", capacity.Money(e.SLA.MonthlyFee))
	case monitor.FeeGiven:
		line("月服务费：%s（手动给出）。", "Monthly fee: %s (as given).", capacity.Money(e.SLA.MonthlyFee))
	default:
		line("月服务费：报价无法折算；用 vendorvet monitor set --fee 给出，扣款才有金额。",
			"Monthly fee: the quote does not give one; give it with vendorvet monitor set --fee to have credits in yuan.")
	}
	line("扣款：%s。", "Credits: %s.", e.SLA.Schedule.Words(c.lang))
	return b.String()
}

func (c *cli) monitorImport(args []string) error {
	flags := c.newFlagSet("monitor import")
	replace := flags.Bool("replace", false, "")
	pos, err := c.positionals(flags, args, 3, rubric.Text{ZH: "会话编号、服务商和 CSV 文件", EN: "a session ID, a vendor and a CSV file"})
	if err != nil {
		return err
	}
	// The file is read and checked whole before the database is opened.
	periods, err := c.readPeriods(pos[2])
	if err != nil {
		return err
	}
	return c.monitorStore(pos, func(ctx context.Context, store *db.Store, m monitored) error {
		if err := store.ImportPeriods(ctx, m.id, periods, *replace); err != nil {
			var exists *db.PeriodExistsError
			if errors.As(err, &exists) {
				return c.failf(err, "%s 的周期 %s 已导入；要替换请加 --replace，本次未导入任何数据。",
					"The periods %[2]s of %[1]s are imported already; add --replace to replace them. Nothing was imported.",
					pos[2], strings.Join(exists.Labels, ", "))
			}
			return c.refused(err)
		}
		labels := make([]string, len(periods))
		for i, p := range periods {
			labels[i] = p.Label
		}
		fmt.Fprintln(c.stdout, c.sayf("已导入 %d 个周期：%s。", "Imported %d periods: %s.", len(periods), strings.Join(labels, ", ")))
		return nil
	})
}

// readPeriods reads a dashboard's CSV ("-" is standard input), all or nothing.
func (c *cli) readPeriods(name string) ([]monitor.Period, error) {
	var r io.Reader = c.stdin
	if name != "-" {
		f, err := os.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, c.failf(err, "文件 %s 不存在。", "%s does not exist.", name)
		}
		if err != nil {
			return nil, c.failf(err, "无法打开 %s：%v", "Cannot open %s: %v", name, err)
		}
		defer f.Close()
		r = f
	}
	periods, err := monitor.ReadCSV(r)
	var ce *monitor.CSVError
	if errors.As(err, &ce) {
		parts := make([]string, len(ce.Rows))
		for i, row := range ce.Rows {
			parts[i] = c.sayf("第 %d 行：%s", "line %d: %s", row.Line, c.lang.Pick(row.Err.ZH, row.Err.EN))
		}
		return nil, c.failf(err, "%s 未导入：%s。", "%s was not imported: %s.", name, strings.Join(parts, c.lang.Pick("；", "; ")))
	}
	if err != nil {
		return nil, c.failf(err, "无法读取 %s：%v", "Cannot read %s: %v", name, err)
	}
	if len(periods) == 0 {
		return nil, c.failf(nil, "%s 中没有周期。", "%s holds no period.", name)
	}
	return periods, nil
}

func (c *cli) monitorReport(args []string) error {
	flags := c.newFlagSet("monitor report")
	format := flags.String("format", "md", "")
	period := flags.String("period", "", "")
	out := flags.String("o", "", "")
	force := flags.Bool("force", false, "")
	pos, err := c.positionals(flags, args, 2, rubric.Text{ZH: "会话编号和服务商", EN: "a session ID and a vendor"})
	if err != nil {
		return err
	}
	if err := c.exportFormat(*format); err != nil {
		return err
	}
	return c.monitorStore(pos, func(ctx context.Context, store *db.Store, m monitored) error {
		data, err := c.monthlyReview(ctx, store, m, *format, *period)
		if err != nil {
			return err
		}
		return c.emit(data, *out, *force)
	})
}

// targetsFlag is --target KPI=VALUE, repeated.
type targetsFlag []string

func (t *targetsFlag) String() string     { return strings.Join(*t, " ") }
func (t *targetsFlag) Set(s string) error { *t = append(*t, s); return nil }

func (c *cli) monitorSet(args []string) error {
	flags := c.newFlagSet("monitor set")
	def := flags.String("sl-definition", "", "")
	fee := flags.String("fee", "", "")
	threshold := flags.String("threshold", "", "")
	cStart := flags.String("contract-start", "", "")
	cEnd := flags.String("contract-end", "", "")
	from := flags.String("from", "", "")
	days := flags.Int("trial-days", 0, "")
	kind := flags.String("period", "", "")
	var targets targetsFlag
	flags.Var(&targets, "target", "")
	tiers := flags.String("tiers", "", "")
	perPoint := flags.String("per-point", "", "")
	capPct := flags.String("cap", "", "")
	earnBack := flags.Int("earn-back", 0, "")
	chronic := flags.Int("chronic-misses", 0, "")
	pos, err := c.positionals(flags, args, 2, rubric.Text{ZH: "会话编号和服务商", EN: "a session ID and a vendor"})
	if err != nil {
		return err
	}
	given := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { given[f.Name] = true })
	// Every value is read before the store is opened: a mistake writes nothing.
	var changes []func(*monitor.Engagement)
	change := func(f func(*monitor.Engagement)) { changes = append(changes, f) }
	if given["sl-definition"] {
		d, err := monitor.ParseSLDefinition(*def)
		if err != nil {
			return c.flagRefused("sl-definition", err)
		}
		change(func(e *monitor.Engagement) { e.SLA.Definition = d })
	}
	if given["fee"] {
		x, err := c.staffNumber("fee", *fee, rubric.Yuan, false)
		if err != nil {
			return err
		}
		change(func(e *monitor.Engagement) { e.SLA.MonthlyFee, e.FeeSource, e.FeeBasis = x, monitor.FeeGiven, "" })
	}
	if given["threshold"] {
		x, err := c.staffDuration("threshold", *threshold)
		if err != nil {
			return err
		}
		change(func(e *monitor.Engagement) { e.ThresholdS = x })
	}
	for _, d := range []struct {
		name string
		s    string
		set  func(*monitor.Engagement, time.Time)
	}{
		{"contract-start", *cStart, func(e *monitor.Engagement, t time.Time) { e.ContractStart = t }},
		{"contract-end", *cEnd, func(e *monitor.Engagement, t time.Time) { e.ContractEnd = t }},
		{"from", *from, func(e *monitor.Engagement, t time.Time) { e.TrialStart = t }},
	} {
		if !given[d.name] {
			continue
		}
		var t time.Time // "none" takes a contract's day away
		if !(d.s == "none" && d.name != "from") {
			if t, err = c.dayFlag(d.name, d.s); err != nil {
				return err
			}
		}
		set := d.set
		change(func(e *monitor.Engagement) { set(e, t) })
	}
	if given["trial-days"] {
		n := *days
		change(func(e *monitor.Engagement) { e.TrialDays = n })
	}
	if given["period"] {
		k, err := monitor.ParsePeriodKind(*kind)
		if err != nil {
			return c.flagRefused("period", err)
		}
		change(func(e *monitor.Engagement) { e.Kind = k })
	}
	for _, t := range targets {
		f, err := c.targetChange(t)
		if err != nil {
			return err
		}
		change(f)
	}
	if given["tiers"] {
		ts, err := c.readTiers(*tiers)
		if err != nil {
			return err
		}
		change(func(e *monitor.Engagement) { e.SLA.Schedule.Tiers = ts })
	}
	for _, p := range []struct {
		name, s string
		set     func(*monitor.Schedule, float64)
	}{
		{"per-point", *perPoint, func(s *monitor.Schedule, x float64) { s.PerPoint = x }},
		{"cap", *capPct, func(s *monitor.Schedule, x float64) { s.Cap = x }},
	} {
		if !given[p.name] {
			continue
		}
		x, err := c.staffNumber(p.name, p.s, rubric.Percent, false)
		if err != nil {
			return err
		}
		set := p.set
		change(func(e *monitor.Engagement) { set(&e.SLA.Schedule, x) })
	}
	if given["earn-back"] {
		n := *earnBack
		change(func(e *monitor.Engagement) { e.SLA.Schedule.EarnBack = n })
	}
	if given["chronic-misses"] {
		n := *chronic
		change(func(e *monitor.Engagement) { e.SLA.Schedule.ChronicMisses = n })
	}
	if len(changes) == 0 {
		return c.usagef("monitor set 需要至少一个要修改的选项（参见 vendorvet monitor --help）。",
			"The monitor set command needs a flag to change (see vendorvet monitor --help).")
	}
	return c.monitorStore(pos, func(ctx context.Context, store *db.Store, m monitored) error {
		e, err := store.Engagement(ctx, m.id)
		if err != nil {
			return c.refused(err)
		}
		for _, f := range changes {
			f(&e)
		}
		if err := store.SaveEngagement(ctx, m.id, e); err != nil {
			return c.refused(err)
		}
		fmt.Fprint(c.stdout, c.engagementWords(m.vendor.Name, e))
		return nil
	})
}

// targetChange reads --target KPI=VALUE: a share as 85% or 85, handle time as a
// duration, complaints per thousand as a number; KPI=none takes the target away.
func (c *cli) targetChange(s string) (func(*monitor.Engagement), error) {
	name, value, ok := strings.Cut(s, "=")
	k, err := monitor.ParseKPI(name)
	if !ok || err != nil {
		if err == nil {
			err = &monitor.Error{Field: "target", ZH: fmt.Sprintf("应写作 指标=值，而不是 %q", s), EN: fmt.Sprintf("write KPI=VALUE, not %q", s)}
		}
		return nil, c.flagRefused("target", err)
	}
	drop := func(e *monitor.Engagement) {
		kept := e.SLA.Targets[:0:0]
		for _, t := range e.SLA.Targets {
			if t.KPI != k {
				kept = append(kept, t)
			}
		}
		e.SLA.Targets = kept
		delete(e.Origins, k)
	}
	if strings.TrimSpace(value) == "none" {
		return drop, nil
	}
	var x float64
	switch {
	case k == monitor.AHT:
		x, err = c.staffDuration("target", value)
	case k.IsShare():
		x, err = c.staffPercent("target", value)
	default:
		x, err = c.staffNumber("target", value, nil, false)
	}
	if err != nil {
		return nil, err
	}
	return func(e *monitor.Engagement) {
		drop(e)
		e.SLA.Targets = monitor.SortTargets(append(e.SLA.Targets, monitor.Target{KPI: k, Value: x}))
	}, nil
}

// readTiers reads --tiers 1:2,3:5,5:10 (points short : per cent of the fee); none
// leaves the schedule linear.
func (c *cli) readTiers(s string) ([]monitor.Tier, error) {
	if strings.TrimSpace(s) == "none" {
		return nil, nil
	}
	var out []monitor.Tier
	for _, part := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(part, ":")
		points, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		pct, err2 := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(b), "%"), 64)
		if !ok || err1 != nil || err2 != nil || math.IsNaN(points) || math.IsNaN(pct) {
			return nil, c.usagef("--tiers 的值 %q 无效：应写作 差距点数:扣款比例,…，如 1:2,3:5,5:10。",
				"--tiers does not take %q: write POINTS:PERCENT,…, such as 1:2,3:5,5:10.", s)
		}
		out = append(out, monitor.Tier{Shortfall: points, Percent: pct})
	}
	if err := (monitor.Schedule{Tiers: out}).Check(); err != nil {
		return nil, c.flagRefused("tiers", err)
	}
	return out, nil
}

func (c *cli) monitorQA(args []string) error {
	flags := c.newFlagSet("monitor qa")
	period := flags.String("period", "", "")
	ref := flags.String("ref", "", "")
	score := flags.String("score", "", "")
	finding := flags.String("finding", "", "")
	action := flags.String("action", "", "")
	pos, err := c.positionals(flags, args, 2, rubric.Text{ZH: "会话编号和服务商", EN: "a session ID and a vendor"})
	if err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(*period) == "":
		return c.usagef("monitor qa 需要 --period。", "The monitor qa command needs --period.")
	case strings.TrimSpace(*ref) == "":
		return c.usagef("monitor qa 需要 --ref（抽检的会话编号）。", "The monitor qa command needs --ref (the conversation sampled).")
	case strings.TrimSpace(*score) == "":
		return c.usagef("monitor qa 需要 --score（0–100）。", "The monitor qa command needs --score (0–100).")
	}
	x, err := c.staffNumber("score", *score, nil, false)
	if err != nil {
		return err
	}
	entry := monitor.QAEntry{Period: strings.TrimSpace(*period), Ref: *ref, Score: x, Finding: *finding, Action: *action}
	if err := entry.Check(); err != nil {
		var me *monitor.Error
		errors.As(err, &me)
		return c.usagef("%s。", "%s.", c.lang.Pick(me.ZH, me.EN))
	}
	return c.monitorStore(pos, func(ctx context.Context, store *db.Store, m monitored) error {
		id, err := store.AddQA(ctx, m.id, entry)
		if err != nil {
			return c.refused(err)
		}
		fmt.Fprintln(c.stdout, c.sayf("已记录质检抽检 %d（%s）。", "Logged QA entry %d (%s).", id, entry.Period))
		return nil
	})
}
