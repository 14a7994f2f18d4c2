package sessionfile

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"vendorvet/rubric"
)

// The panel in the session file (/4): who evaluates ("panel", "blind"), the
// session's "uid", and per vendor each evaluator's answers ("panel"), the lead's
// decisions, who submitted and the vendor's history. A file of one evaluator that
// carries none of it reads as before.

type evaluatorJSON struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

type decisionJSON struct {
	Value  json.RawMessage `json:"value"` // null: decided unknown
	Reason string          `json:"reason"`
	By     string          `json:"by"`
	At     string          `json:"at"` // RFC 3339, UTC
}

type changeJSON struct {
	At        string  `json:"at"` // RFC 3339 with milliseconds, UTC
	Evaluator string  `json:"evaluator"`
	Kind      string  `json:"kind"`
	Key       string  `json:"key"`
	Before    *string `json:"before"`
	After     *string `json:"after"`
}

// maxHistory is the most changes a vendor's history in a file may hold.
const maxHistory = 1_000_000

// historyKinds are the kinds of change a history holds.
var historyKinds = []string{"answer", "note", "evidence", "decision", "submit"}

func panelJSON(p []rubric.Evaluator) []evaluatorJSON {
	out := make([]evaluatorJSON, len(p))
	for i, e := range p {
		out[i] = evaluatorJSON{e.Name, string(e.Role)}
	}
	return out
}

// vendorPanelJSON is each evaluator's answers, in the panel's order.
func vendorPanelJSON(panel []rubric.Evaluator, answers map[string]rubric.Answers) object {
	o := object{}
	for _, e := range panel {
		if a, ok := answers[e.Name]; ok {
			raw, _ := json.Marshal(answersJSON(a))
			o = append(o, member{e.Name, raw})
		}
	}
	return o
}

func decisionsJSON(ds map[string]rubric.Decision) object {
	o := object{}
	for _, q := range rubric.Questions {
		d, ok := ds[q.ID]
		if !ok {
			continue
		}
		value := json.RawMessage("null")
		if d.Known {
			value = q.Encode(d.Value)
		}
		raw, _ := json.Marshal(decisionJSON{Value: value, Reason: d.Reason, By: d.By, At: time.Unix(d.At, 0).UTC().Format(time.RFC3339)})
		o = append(o, member{q.ID, raw})
	}
	return o
}

func submittedJSON(panel []rubric.Evaluator, s map[string]bool) []string {
	out := []string{}
	for _, e := range panel {
		if s[e.Name] {
			out = append(out, e.Name)
		}
	}
	return out
}

func historyJSON(h []rubric.Change) []changeJSON {
	out := make([]changeJSON, len(h))
	for i, c := range h {
		out[i] = changeJSON{At: time.UnixMilli(c.At).UTC().Format("2006-01-02T15:04:05.000Z07:00"),
			Evaluator: c.Evaluator, Kind: c.Kind, Key: c.Key, Before: c.Before, After: c.After}
	}
	return out
}

// evaluatorsValue reads the session's panel: names unique, one lead at least.
func evaluatorsValue(raw json.RawMessage) ([]rubric.Evaluator, error) {
	list, n, ok := elements(raw, rubric.MaxVendors)
	if !ok {
		return nil, typeErr("panel", "数组", "a list", raw)
	}
	if n > rubric.MaxVendors {
		return nil, importErr("panel", "评估小组人数过多", "the panel has too many members")
	}
	var out []rubric.Evaluator
	leads := 0
	for i, item := range list {
		at := fmt.Sprintf("panel[%d]", i+1)
		ms, err := members(item, at)
		if err != nil {
			return nil, err
		}
		var e rubric.Evaluator
		for _, m := range ms {
			switch m.Key {
			case "name":
				e.Name, err = evaluatorNameValue(m.Value, at+".name")
			case "role":
				var role string
				if role, err = stringValue(m.Value, at+".role"); err == nil {
					e.Role = rubric.Role(role)
					if e.Role != rubric.Lead && e.Role != rubric.Member {
						err = importErr(at+".role", "须为 lead 或 evaluator", "must be lead or evaluator")
					}
				}
			default:
				err = unknownKey(m.Key, at)
			}
			if err != nil {
				return nil, err
			}
		}
		if e.Name == "" || e.Role == "" {
			return nil, importErr(at, "每位评估人须有 name 和 role", "every evaluator needs a name and a role")
		}
		if slices.ContainsFunc(out, func(x rubric.Evaluator) bool { return x.Name == e.Name }) {
			return nil, importErr(at+".name", "评估人重名:"+e.Name, "the same evaluator twice: "+e.Name)
		}
		if e.Role == rubric.Lead {
			leads++
		}
		out = append(out, e)
	}
	if len(out) > 0 && leads == 0 {
		return nil, importErr("panel", "评估小组须有一位负责人(lead)", "the panel needs a lead")
	}
	return out, nil
}

// viewersValue reads who may read the session without evaluating it: names
// unique.
func viewersValue(raw json.RawMessage) ([]string, error) {
	list, n, ok := elements(raw, rubric.MaxVendors)
	if !ok {
		return nil, typeErr("viewers", "数组", "a list", raw)
	}
	if n > rubric.MaxVendors {
		return nil, importErr("viewers", "查看者人数过多", "too many viewers")
	}
	var out []string
	for i, item := range list {
		at := fmt.Sprintf("viewers[%d]", i+1)
		name, err := evaluatorNameValue(item, at)
		if err != nil {
			return nil, err
		}
		if slices.Contains(out, name) {
			return nil, importErr(at, "查看者重名:"+name, "the same viewer twice: "+name)
		}
		out = append(out, name)
	}
	return out, nil
}

func evaluatorNameValue(raw json.RawMessage, path string) (string, error) {
	name, err := lineValue(raw, path)
	if err != nil {
		return "", err
	}
	name = strings.TrimSpace(name)
	if problem := rubric.EvaluatorNameProblem(name); problem != nil {
		return "", &ImportError{Path: path, Message: *problem}
	}
	return name, nil
}

// vendorPanelValue reads each evaluator's answers to a vendor.
func vendorPanelValue(raw json.RawMessage, path string) (map[string]rubric.Answers, error) {
	ms, err := members(raw, path)
	if err != nil {
		return nil, err
	}
	out := map[string]rubric.Answers{}
	for _, m := range ms {
		if out[m.Key], err = answersValue(m.Value, join(path, m.Key)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func decisionsValue(raw json.RawMessage, path string) (map[string]rubric.Decision, error) {
	return byQuestion(raw, path, func(question, at string, fields []member) (rubric.Decision, error) {
		var d rubric.Decision
		q, _ := rubric.QuestionByID(question)
		for _, f := range fields {
			var err error
			switch f.Key {
			case "value":
				if !isNull(f.Value) {
					if d.Value, err = q.Decode(f.Value); err == nil {
						d.Known = true
					} else {
						err = importErr(join(at, "value"), "取值无效", err.Error())
					}
				}
			case "reason":
				if d.Reason, err = textValue(f.Value, join(at, "reason")); err == nil && strings.TrimSpace(d.Reason) == "" {
					err = importErr(join(at, "reason"), "决定须写明理由", "a decision needs a reason")
				}
			case "by":
				d.By, err = evaluatorNameValue(f.Value, join(at, "by"))
			case "at":
				var s string
				if s, err = stringValue(f.Value, join(at, "at")); err == nil {
					var t time.Time
					if t, err = time.Parse(time.RFC3339, s); err != nil {
						err = importErr(join(at, "at"), "须为时间,如 2026-12-02T08:30:00Z", "must be a time such as 2026-12-02T08:30:00Z")
					}
					d.At = t.Unix()
				}
			default:
				err = unknownKey(f.Key, at)
			}
			if err != nil {
				return d, err
			}
		}
		if d.Reason == "" || d.By == "" {
			return d, importErr(at, "决定须有 reason 和 by", "a decision needs a reason and who decided (by)")
		}
		return d, nil
	})
}

func submittedValue(raw json.RawMessage, path string) (map[string]bool, error) {
	names, err := listValue(raw, path)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, n := range names {
		out[n] = true
	}
	return out, nil
}

func historyValue(raw json.RawMessage, path string) ([]rubric.Change, error) {
	list, _, ok := elements(raw, maxHistory)
	if !ok {
		return nil, typeErr(path, "数组", "a list", raw)
	}
	out := make([]rubric.Change, 0, len(list))
	for i, item := range list {
		at := fmt.Sprintf("%s[%d]", path, i+1)
		ms, err := members(item, at)
		if err != nil {
			return nil, err
		}
		var c rubric.Change
		for _, m := range ms {
			switch m.Key {
			case "at":
				var s string
				if s, err = stringValue(m.Value, at+".at"); err == nil {
					var t time.Time
					if t, err = time.Parse(time.RFC3339Nano, s); err != nil {
						err = importErr(at+".at", "须为时间,如 2026-12-02T08:30:00.000Z", "must be a time such as 2026-12-02T08:30:00.000Z")
					}
					c.At = t.UnixMilli()
				}
			case "evaluator":
				c.Evaluator, err = evaluatorNameValue(m.Value, at+".evaluator")
			case "kind":
				if c.Kind, err = stringValue(m.Value, at+".kind"); err == nil && !slices.Contains(historyKinds, c.Kind) {
					err = importErr(at+".kind", "未知的修改类型 "+c.Kind, "unknown kind of change "+c.Kind)
				}
			case "key":
				c.Key, err = stringValue(m.Value, at+".key")
			case "before":
				c.Before, err = optionalText(m.Value, at+".before")
			case "after":
				c.After, err = optionalText(m.Value, at+".after")
			default:
				err = unknownKey(m.Key, at)
			}
			if err != nil {
				return nil, err
			}
		}
		if c.Evaluator == "" || c.Kind == "" || c.At == 0 {
			return nil, importErr(at, "每条修改记录须有 at、evaluator 和 kind", "every change needs at, evaluator and kind")
		}
		out = append(out, c)
	}
	return out, nil
}

func optionalText(raw json.RawMessage, path string) (*string, error) {
	if isNull(raw) {
		return nil, nil
	}
	s, err := stringValue(raw, path)
	return &s, err
}

// uidValue reads a session's uid: 32 lower-case hexadecimal digits.
func uidValue(raw json.RawMessage) (string, error) {
	s, err := stringValue(raw, "uid")
	if err != nil {
		return "", err
	}
	if len(s) != 32 || strings.Trim(s, "0123456789abcdef") != "" {
		return "", importErr("uid", "须为 32 位十六进制小写字符", "must be 32 lower-case hexadecimal digits")
	}
	return s, nil
}

func boolValue(raw json.RawMessage, path string) (bool, error) {
	var b bool
	if isNull(raw) || json.Unmarshal(raw, &b) != nil {
		return false, typeErr(path, "true 或 false", "true or false", raw)
	}
	return b, nil
}

// checkPanel holds a file's vendors to its panel: each evaluator's answers,
// submissions and decisions are by someone on it, and decisions by a lead.
func checkPanel(s rubric.Session) error {
	role := map[string]rubric.Role{}
	for _, e := range s.Panel {
		role[e.Name] = e.Role
	}
	for i, name := range s.Viewers {
		if _, ok := role[name]; ok {
			return importErr(fmt.Sprintf("viewers[%d]", i+1), name+" 已在评估小组(panel)中", name+" is on the panel already")
		}
	}
	for i, v := range s.Vendors {
		path := vendorPath(i+1, v.Name)
		for name := range v.Panel {
			if _, ok := role[name]; !ok {
				return importErr(join(path+".panel", name), "不在评估小组(panel)中", "is not on the panel")
			}
		}
		for name := range v.Submitted {
			if _, ok := role[name]; !ok {
				return importErr(path+".submitted", name+" 不在评估小组(panel)中", name+" is not on the panel")
			}
		}
		for q, d := range v.Decisions {
			if role[d.By] != rubric.Lead {
				return importErr(join(path+".decisions", q)+".by", d.By+" 不是评估小组的负责人(lead)", d.By+" is not a lead of the panel")
			}
		}
	}
	return nil
}
