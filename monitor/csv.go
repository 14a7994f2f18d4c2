package monitor

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Columns are the columns of a dashboard's CSV export, every one required, in any
// order (README: "Monitoring").
var Columns = []string{"period", "offered", "answered", "answered_in_threshold", "abandoned",
	"abandoned_in_threshold", "handle_time_s", "first_contact_resolved", "csat_responses",
	"csat_positive", "qa_sampled", "qa_passed", "complaints", "presale_inquiries", "orders"}

// MaxRows bounds a file: five years of weeks many times over.
const MaxRows = 10_000

// RowError is what is wrong with one line of a CSV file.
type RowError struct {
	Line int // 1 is the header
	Err  *Error
}

// CSVError is every fault of a file; a file with any is not taken at all.
type CSVError struct{ Rows []RowError }

func (e *CSVError) Error() string {
	parts := make([]string, len(e.Rows))
	for i, r := range e.Rows {
		parts[i] = fmt.Sprintf("line %d: %s", r.Line, r.Err.EN)
	}
	return strings.Join(parts, "; ")
}

// ReadCSV reads the periods of a dashboard's CSV export. A file that has anything
// wrong is refused whole, each bad line named with what is wrong with it: unknown
// or missing columns, a count that is not a whole number of zero or more, parts
// larger than their whole, a period given twice.
func ReadCSV(r io.Reader) ([]Period, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // each line's count is checked here, with its number
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &CSVError{[]RowError{{1, errf("header", "文件为空,缺少表头", "the file is empty: no header")}}}
	}
	if err != nil {
		return nil, &CSVError{[]RowError{{1, errf("header", "无法读取表头:%v", "cannot read the header: %v", err)}}}
	}
	index, herr := headerIndex(header)
	if herr != nil {
		return nil, &CSVError{[]RowError{{1, herr}}}
	}
	var periods []Period
	var bad []RowError
	seen := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			bad = append(bad, RowError{line, errf("", "无法读取:%v", "cannot be read: %v", err)})
			break
		}
		if len(periods)+len(bad) >= MaxRows {
			bad = append(bad, RowError{line, errf("", "行数超过 %d", "more than %d rows", MaxRows)})
			break
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		p, perr := row(rec, index, len(header))
		if perr == nil {
			if first, dup := seen[p.Label]; dup {
				perr = errf("period", "周期 %s 已在第 %d 行出现", "period %s is already on line %d", p.Label, first)
			}
		}
		if perr != nil {
			bad = append(bad, RowError{line, perr})
			continue
		}
		seen[p.Label] = line
		periods = append(periods, p)
	}
	if len(bad) > 0 {
		return nil, &CSVError{bad}
	}
	return periods, nil
}

func headerIndex(header []string) (map[string]int, *Error) {
	index := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		known := false
		for _, c := range Columns {
			known = known || c == name
		}
		if !known {
			return nil, errf(name, "未知的列 %q", "unknown column %q", name)
		}
		if _, dup := index[name]; dup {
			return nil, errf(name, "列 %q 出现两次", "column %q is given twice", name)
		}
		index[name] = i
	}
	for _, c := range Columns {
		if _, ok := index[c]; !ok {
			return nil, errf(c, "缺少列 %q", "the column %q is missing", c)
		}
	}
	return index, nil
}

// row reads one line into a period and checks it.
func row(rec []string, index map[string]int, width int) (Period, *Error) {
	var p Period
	if len(rec) != width {
		return p, errf("", "有 %d 个字段,表头有 %d 列", "has %d fields where the header has %d columns", len(rec), width)
	}
	get := func(c string) string { return strings.TrimSpace(rec[index[c]]) }
	p.Label = get("period")
	if p.Label == "" {
		return p, errf("period", "缺少周期", "the period is missing")
	}
	count := func(c string, into *int) *Error {
		n, err := strconv.Atoi(get(c))
		if err != nil || n < 0 {
			return errf(c, "%s 须为不小于 0 的整数,而不是 %q", "%s must be a whole number, zero or more, not %q", c, get(c))
		}
		*into = n
		return nil
	}
	for _, f := range []struct {
		c    string
		into *int
	}{
		{"offered", &p.Offered}, {"answered", &p.Answered}, {"answered_in_threshold", &p.AnsweredInThreshold},
		{"abandoned", &p.Abandoned}, {"abandoned_in_threshold", &p.AbandonedInThreshold},
		{"first_contact_resolved", &p.FirstContactResolved}, {"csat_responses", &p.CSATResponses},
		{"csat_positive", &p.CSATPositive}, {"qa_sampled", &p.QASampled}, {"qa_passed", &p.QAPassed},
		{"complaints", &p.Complaints}, {"presale_inquiries", &p.PresaleInquiries}, {"orders", &p.Orders},
	} {
		if err := count(f.c, f.into); err != nil {
			return p, err
		}
	}
	ht, err := strconv.ParseFloat(get("handle_time_s"), 64)
	if err != nil {
		return p, errf("handle_time_s", "handle_time_s 须为秒数,而不是 %q", "handle_time_s must be seconds, not %q", get("handle_time_s"))
	}
	p.HandleTimeS = ht
	return p, p.Check()
}
