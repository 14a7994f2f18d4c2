package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"vendorvet/rubric"
	"vendorvet/staffing"
)

// staffUsage is the staff command's help.
var staffUsage = rubric.Text{
	ZH: `用法：vendorvet staff --calls N --interval 时长 --aht 时长 --target 百分比/时长 [选项]

按 Erlang C（客户一直等待）计算一个时段内需要的坐席数；给了 --patience 时按 Erlang A
（客户等不及会挂断）。输出在线坐席数、考虑缺勤率后需排班的人数、服务水平、平均应答时间、
占用率和需要等待的概率（有 --patience 时还有放弃率）。模型假定来电按泊松分布随机到达。
不打开数据库。

时长可写作 30m、180s、3min、1h、180秒、3分钟；不带单位的数是秒（--interval 须带单位）。
百分比可写作 30% 或 30。

选项：
  --calls N             时段内的来电（会话）量
  --interval 时长       时段长度，如 30m
  --aht 时长            平均处理时长（通话 + 保持 + 话后处理）
  --target P/T          服务水平目标：P 的来电在 T 内接起，如 80/20s
  --shrinkage 百分比    缺勤率（休息、培训、请假），排班人数 = ⌈坐席 ÷ (1 − 缺勤率)⌉
  --max-occupancy 百分比 最高占用率，如 85%
  --patience 时长       客户平均耐心时长；给出后按 Erlang A 计算，放弃的来电计入未达标
  --concurrency N       每名坐席同时处理的会话数（在线客服，1–4）；处理时长按
                        1、1.7、2.5、2.9 的效率系数折算
  --agents N            不求人数，给出 N 名坐席时的各项指标
  --json                以 JSON 输出：agents、scheduled、service_level、asa_s、occupancy、
                        p_wait、p_abandon（无 --patience 时为 null）`,
	EN: `Usage: vendorvet staff --calls N --interval DURATION --aht DURATION --target P/T [flags]

Sizes one interval of a contact queue by Erlang C (callers wait as long as it takes),
or by Erlang A (callers hang up when their patience runs out) when --patience is given.
Prints the agents needed on the phones, the staff to schedule once shrinkage is allowed
for, the service level, average speed of answer, occupancy and the probability of
waiting (and of abandoning, with --patience). The models assume contacts arrive at
random (Poisson). No database is opened.

Durations are typed as 30m, 180s, 3min or 1h (Chinese units too); a bare number is seconds
(--interval needs a unit). Percentages as 30% or 30.

Flags:
  --calls N               contacts offered in the interval
  --interval DURATION     the interval's length, such as 30m
  --aht DURATION          average handle time (talk + hold + after-call work)
  --target P/T            service-level target: P of contacts answered within T, as 80/20s
  --shrinkage PERCENT     time off the phones (breaks, training, absence); staff to
                          schedule = ⌈agents ÷ (1 − shrinkage)⌉
  --max-occupancy PERCENT the most of their time agents may be busy, such as 85%
  --patience DURATION     callers' mean patience; Erlang A, and an abandoned contact
                          counts against the service level
  --concurrency N         conversations an agent carries at once (chat, 1–4); handle
                          time is divided by 1, 1.7, 2.5 or 2.9
  --agents N              the figures of N agents instead of the number needed
  --json                  JSON output: agents, scheduled, service_level, asa_s,
                          occupancy, p_wait, p_abandon (null without --patience)`,
}

// staffJSON is staff --json: one object, its keys fixed.
type staffJSON struct {
	Agents       int      `json:"agents"`
	Scheduled    int      `json:"scheduled"`
	ServiceLevel float64  `json:"service_level"`
	ASA          float64  `json:"asa_s"`
	Occupancy    float64  `json:"occupancy"`
	PWait        float64  `json:"p_wait"`
	PAbandon     *float64 `json:"p_abandon"`
}

func (c *cli) staff(args []string) error {
	flags := c.newFlagSet("staff")
	calls := flags.String("calls", "", "")
	interval := flags.String("interval", "", "")
	aht := flags.String("aht", "", "")
	target := flags.String("target", "", "")
	shrinkage := flags.String("shrinkage", "", "")
	maxOcc := flags.String("max-occupancy", "", "")
	patience := flags.String("patience", "", "")
	concurrency := flags.String("concurrency", "", "")
	agents := flags.String("agents", "", "")
	asJSON := flags.Bool("json", false, "")
	if _, err := c.positionals(flags, args, 0, rubric.Text{}); err != nil {
		return err
	}
	q, tg, n, err := c.staffInputs(*calls, *interval, *aht, *target, *shrinkage, *maxOcc, *patience, *concurrency, *agents)
	if err != nil {
		return err
	}
	var f staffing.Figures
	if n > 0 {
		f, err = staffing.Evaluate(q, n, tg)
	} else {
		f, err = staffing.Required(q, tg)
	}
	var se *staffing.Error
	if errors.As(err, &se) {
		return c.usagef("%s。", "%s.", c.lang.Pick(se.ZH, se.EN))
	}
	if err != nil {
		return err
	}
	if *asJSON {
		out := staffJSON{f.Agents, f.Scheduled, f.ServiceLevel, f.ASA, f.Occupancy, f.PWait, nil}
		if f.Abandon {
			out.PAbandon = &f.PAbandon
		}
		data, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(c.stdout, "%s\n", data)
		return err
	}
	fmt.Fprint(c.stdout, c.staffText(q, tg, f, n > 0))
	return nil
}

// staffText is the figures as lines to read.
func (c *cli) staffText(q staffing.Queue, tg staffing.Target, f staffing.Figures, given bool) string {
	var b strings.Builder
	pct := func(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" }
	secs := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	model := "Erlang C"
	if f.Abandon {
		model = "Erlang A"
	}
	fmt.Fprint(&b, c.sayf("负荷：%s 爱尔兰（%s）\n", "Offered load: %s erlangs (%s)\n", strconv.FormatFloat(f.Load, 'f', 2, 64), model))
	if given {
		fmt.Fprint(&b, c.sayf("坐席：%d\n", "Agents: %d\n", f.Agents))
	} else {
		fmt.Fprint(&b, c.sayf("所需坐席：%d\n", "Agents required: %d\n", f.Agents))
	}
	fmt.Fprint(&b, c.sayf("需排班人数：%d（缺勤率 %s）\n", "Staff to schedule: %d (shrinkage %s)\n", f.Scheduled, pct(tg.Shrinkage)))
	fmt.Fprint(&b, c.sayf("服务水平：%s 在 %s 秒内接起\n", "Service level: %s answered within %s s\n", pct(f.ServiceLevel), secs(tg.Within)))
	fmt.Fprint(&b, c.sayf("平均应答时间：%s 秒\n", "Average speed of answer: %s s\n", secs(f.ASA)))
	fmt.Fprint(&b, c.sayf("占用率：%s\n", "Occupancy: %s\n", pct(f.Occupancy)))
	fmt.Fprint(&b, c.sayf("需要等待的概率：%s\n", "Probability of waiting: %s\n", pct(f.PWait)))
	if f.Abandon {
		fmt.Fprint(&b, c.sayf("放弃的概率：%s\n", "Probability of abandoning: %s\n", pct(f.PAbandon)))
	}
	if given {
		met := f.ServiceLevel >= tg.ServiceLevel && (tg.MaxOccupancy == 0 || f.Occupancy <= tg.MaxOccupancy)
		fmt.Fprint(&b, c.lang.Pick(map[bool]string{true: "达到目标。\n", false: "未达到目标。\n"}[met],
			map[bool]string{true: "Meets the target.\n", false: "Misses the target.\n"}[met]))
	}
	return b.String()
}

// staffInputs reads the staff command's flags; n is 0 unless --agents was given.
func (c *cli) staffInputs(calls, interval, aht, target, shrinkage, maxOcc, patience, concurrency, agents string) (staffing.Queue, staffing.Target, int, error) {
	var q staffing.Queue
	var tg staffing.Target
	for _, req := range []struct{ name, value string }{{"calls", calls}, {"interval", interval}, {"aht", aht}, {"target", target}} {
		if strings.TrimSpace(req.value) == "" {
			return q, tg, 0, c.usagef("staff 需要 --%s（参见 vendorvet staff --help）。", "The staff command needs --%s (see vendorvet staff --help).", req.name)
		}
	}
	var err error
	if q.Contacts, err = c.staffNumber("calls", calls, rubric.Inquiries, false); err != nil {
		return q, tg, 0, err
	}
	if _, plain := bareNumber(interval); plain {
		return q, tg, 0, c.usagef("--interval 需要带单位，如 30m 或 1h，而不是 %q。", "--interval needs a unit, as in 30m or 1h, not %q.", interval)
	}
	if q.Interval, err = c.staffDuration("interval", interval); err != nil {
		return q, tg, 0, err
	}
	if q.AHT, err = c.staffDuration("aht", aht); err != nil {
		return q, tg, 0, err
	}
	level, within, ok := strings.Cut(target, "/")
	if !ok {
		return q, tg, 0, c.usagef("--target 应写作 百分比/时长，如 80/20s，而不是 %q。", "--target is PERCENT/DURATION, as in 80/20s, not %q.", target)
	}
	if tg.ServiceLevel, err = c.staffPercent("target", level); err != nil {
		return q, tg, 0, err
	}
	if tg.Within, err = c.staffDuration("target", within); err != nil {
		return q, tg, 0, err
	}
	if shrinkage != "" {
		if tg.Shrinkage, err = c.staffPercent("shrinkage", shrinkage); err != nil {
			return q, tg, 0, err
		}
	}
	if maxOcc != "" {
		if tg.MaxOccupancy, err = c.staffPercent("max-occupancy", maxOcc); err != nil {
			return q, tg, 0, err
		}
		if tg.MaxOccupancy == 0 {
			tg.MaxOccupancy = -1 // a cap of nothing, refused as such, not taken as no cap
		}
	}
	if patience != "" {
		if q.Patience, err = c.staffDuration("patience", patience); err != nil {
			return q, tg, 0, err
		}
		if q.Patience == 0 {
			q.Patience = -1 // no patience at all is no queue: refused, not taken as none given
		}
	}
	if concurrency != "" {
		if q.Concurrency, err = c.staffNumber("concurrency", concurrency, nil, false); err != nil {
			return q, tg, 0, err
		}
		if q.Concurrency == 0 {
			q.Concurrency = -1
		}
	}
	n := 0
	if agents != "" {
		x, err := c.staffNumber("agents", agents, nil, true)
		if err != nil {
			return q, tg, 0, err
		}
		if x < 1 || x > staffing.MaxAgents {
			return q, tg, 0, c.usagef("--agents 须在 1 到 %d 之间。", "--agents must be between 1 and %d.", staffing.MaxAgents)
		}
		n = int(x)
	}
	return q, tg, n, nil
}

// bareNumber reads s as a number with no unit.
func bareNumber(s string) (float64, bool) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return x, err == nil
}

// staffNumber reads a count as people type it: 1,200, 1.2万, 360通.
func (c *cli) staffNumber(flag, s string, m *rubric.Measure, integer bool) (float64, error) {
	r := rubric.NumberSpec{Field: flag, Measure: m, Min: 0, Max: math.Inf(1), Integer: integer, Required: true}.Read(s)
	if r.Err != nil {
		return 0, c.staffBad(flag, s, r.Err.Message)
	}
	return r.Value, nil
}

// staffDuration reads a duration in seconds: Go's 30m, 1h30m, 180s, or rubric's
// 3min, 3 分钟, 180秒, 180 (seconds).
func (c *cli) staffDuration(flag, s string) (float64, error) {
	if d, err := time.ParseDuration(strings.Join(strings.Fields(s), "")); err == nil {
		if d < 0 {
			return 0, c.staffBad(flag, s, rubric.Text{ZH: "时长不能为负", EN: "a duration cannot be negative"})
		}
		return d.Seconds(), nil
	}
	return c.staffNumber(flag, s, rubric.Seconds, false)
}

// staffPercent reads a percentage, 30% or 30, as a share: 0.3.
func (c *cli) staffPercent(flag, s string) (float64, error) {
	x, err := c.staffNumber(flag, s, rubric.Percent, false)
	return x / 100, err
}

func (c *cli) staffBad(flag, s string, why rubric.Text) error {
	return c.usagef("--%s 的值 %q 无效：%s。", "--%s does not take %q: %s.", flag, s, why.In(c.lang))
}
