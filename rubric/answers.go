package rubric

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// Tri is a yes/no question's state. The zero value is Unknown: not yet asked or not
// verified, which scores 0 but stays distinguishable from No.
type Tri int8

const (
	Unknown Tri = iota
	Yes
	No
)

// String returns "yes", "no" or "unknown".
func (t Tri) String() string {
	switch t {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "unknown"
}

// ParseTri reads "yes", "no" or "unknown".
func ParseTri(s string) (Tri, bool) {
	switch s {
	case "yes":
		return Yes, true
	case "no":
		return No, true
	case "unknown", "":
		return Unknown, true
	}
	return Unknown, false
}

// Value is one answer. Which field holds it depends on the question's Kind: Tri for
// KindTri, Num for KindNumber, Str for KindChoice, Set for KindSet.
type Value struct {
	Tri Tri
	Num float64
	Str string
	Set []string
}

// Answers are a vendor's answers by question id. An absent id is unknown.
type Answers map[string]Value

// Clone returns a deep copy.
func (a Answers) Clone() Answers {
	c := make(Answers, len(a))
	for k, v := range a {
		v.Set = slices.Clone(v.Set)
		c[k] = v
	}
	return c
}

// Tri returns a yes/no answer; Unknown when absent.
func (a Answers) Tri(id string) Tri { return a[id].Tri }

// Num returns a number and whether it is known.
func (a Answers) Num(id string) (float64, bool) {
	v, ok := a[id]
	return v.Num, ok
}

// Str returns a choice and whether it is known.
func (a Answers) Str(id string) (string, bool) {
	v, ok := a[id]
	return v.Str, ok && v.Str != ""
}

// Set returns a set and whether it is known.
func (a Answers) Set(id string) ([]string, bool) {
	v, ok := a[id]
	return v.Set, ok
}

// Known reports whether q has an answer in a.
func (a Answers) Known(q Question) bool {
	v, ok := a[q.ID]
	if ok && q.says(v) {
		return true
	}
	if q.Or != "" {
		if other, isQuestion := QuestionByID(q.Or); isQuestion {
			return a.Known(other)
		}
	}
	return false
}

// Says reports whether v, saved as the answer to q, says something.
func Says(q Question, v Value) bool { return q.says(v) }

// SameValue reports whether two known answers to q are the same answer: sets in any
// order.
func SameValue(q Question, a, b Value) bool {
	switch q.Kind {
	case KindTri:
		return a.Tri == b.Tri
	case KindNumber:
		return a.Num == b.Num
	case KindChoice:
		return a.Str == b.Str
	}
	if len(a.Set) != len(b.Set) {
		return false
	}
	for _, x := range a.Set {
		if !slices.Contains(b.Set, x) {
			return false
		}
	}
	return true
}

// LowerIsBetter reports whether a lower number is better for the client: a time, a
// rate of failures, a price; not a share of successes, a count or a capacity.
func LowerIsBetter(id string) bool {
	if best, ok := bestNumbers[id]; ok {
		q, _ := QuestionByID(id)
		return best == q.Min
	}
	q, ok := QuestionByID(id)
	return ok && q.Measure == Yuan
}

// says reports whether v, saved as the answer to q, says something: a saved yes/no
// can still be unknown, a saved choice or set still blank.
func (q Question) says(v Value) bool {
	switch q.Kind {
	case KindTri:
		return v.Tri != Unknown
	case KindChoice:
		return v.Str != ""
	case KindSet:
		// An empty set of channels says nothing; an empty set of hidden fees says
		// "none found" once the fees were reviewed.
		return len(v.Set) > 0 || q.Detail
	}
	return true
}

// Check validates v as an answer to q and returns a bilingual message when it is not.
func (q Question) Check(v Value) *FieldError {
	bad := func(zh, en string) *FieldError { return &FieldError{q.ID, Text{zh, en}} }
	switch q.Kind {
	case KindTri:
		if v.Tri != Yes && v.Tri != No && v.Tri != Unknown {
			return bad("须为 是 或 否", "must be yes or no")
		}
	case KindNumber:
		return checkNumber(q.ID, v.Num, q.Min, q.Max, q.Integer)
	case KindChoice:
		if v.Str != "" && !q.Options.Has(v.Str) {
			return bad(fmt.Sprintf("未知的取值 %q", v.Str), fmt.Sprintf("unknown value %q", v.Str))
		}
	case KindSet:
		if e := checkSet(q.ID, v.Set, q.Options); e != nil {
			return &e[0]
		}
	}
	return nil
}

// FormatNumber prints a number without trailing zeros (99.5, 100, 1.5).
func FormatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// ParseNumber reads a number typed by a person for q (see NumberSpec.Read): blank is
// unknown (known=false, no error); anything else must read as a number within q's
// range.
func (q Question) ParseNumber(s string) (v float64, known bool, err *FieldError) {
	r := q.NumberSpec().Read(s)
	return r.Value, r.Known, r.Err
}

// Encode returns the JSON of v as an answer to q, or nil when v says "unknown".
func (q Question) Encode(v Value) json.RawMessage {
	var out any
	switch q.Kind {
	case KindTri:
		if v.Tri == Unknown {
			return nil
		}
		out = v.Tri.String()
	case KindNumber:
		out = v.Num
	case KindChoice:
		if v.Str == "" {
			return nil
		}
		out = v.Str
	case KindSet:
		s := v.Set
		if s == nil {
			s = []string{}
		}
		out = s
	}
	b, _ := json.Marshal(out)
	return b
}

// Decode reads the JSON of an answer to q and validates it.
func (q Question) Decode(raw json.RawMessage) (Value, error) {
	var v Value
	switch q.Kind {
	case KindTri:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return v, &FieldError{q.ID, Text{`须为 "yes" 或 "no"`, `must be "yes" or "no"`}}
		}
		t, ok := ParseTri(s)
		if !ok || s == "" {
			return v, &FieldError{q.ID, Text{`须为 "yes" 或 "no"`, `must be "yes" or "no"`}}
		}
		v.Tri = t
	case KindNumber:
		// JSON null unmarshals into a number without error and would read as a known 0.
		if err := json.Unmarshal(raw, &v.Num); err != nil || isNull(raw) {
			return v, &FieldError{q.ID, Text{"须为数字", "must be a number"}}
		}
	case KindChoice:
		if err := json.Unmarshal(raw, &v.Str); err != nil {
			return v, &FieldError{q.ID, Text{"须为字符串", "must be a string"}}
		}
		if v.Str == "" {
			return v, &FieldError{q.ID, Text{"不能为空", "cannot be empty"}}
		}
	case KindSet:
		// JSON null would read as an empty list, which for the fee list means "none found".
		if err := json.Unmarshal(raw, &v.Set); err != nil || isNull(raw) {
			return v, &FieldError{q.ID, Text{"须为字符串数组", "must be a list of strings"}}
		}
		if v.Set == nil {
			v.Set = []string{}
		}
	}
	if e := q.Check(v); e != nil {
		return Value{}, e
	}
	return v, nil
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }
