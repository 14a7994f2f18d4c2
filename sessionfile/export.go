// Package sessionfile reads and writes the session interchange file of format.md,
// vendorvet.session/1: the export, and the strict import that names what is wrong.
// It knows the rubric and text cleaning, nothing else.
package sessionfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"vendorvet/rubric"
)

// Format names the session interchange format this package reads and writes.
const Format = "vendorvet.session/1"

// noteSteps are the steps that carry a notes / evidence field, in order.
var noteSteps = []int{2, 3, 4, 5, 6, 7}

// member is one key of a JSON object, in the order it is written or was read.
type member struct {
	Key   string
	Value json.RawMessage
}

// object is a JSON object whose keys keep their order.
type object []member

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsonString(m.Key))
		b.WriteByte(':')
		b.Write(m.Value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// jsonString encodes s without turning <, > and & into \u escapes: the output is a
// file people read, not HTML.
func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// marshal encodes v without HTML escaping, indented by two spaces, with lists of
// plain values kept on one line as format.md writes them.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return indent(bytes.TrimSpace(b.Bytes())), nil
}

// indent lays out compact JSON: one key a line, two spaces a level, and an array
// that holds no object or array written inline: ["web", "app"].
func indent(src []byte) []byte {
	var out bytes.Buffer
	// Room for the indentation up front: growing by doubling would hold two copies of
	// a large session at once.
	out.Grow(len(src) + len(src)/4)
	level := 0
	newline := func() {
		out.WriteByte('\n')
		out.WriteString(strings.Repeat("  ", level))
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			end := stringEnd(src, i)
			out.Write(src[i:end])
			i = end - 1
		case '{', '[':
			// Each byte is looked at once more at most: an array's scan for being
			// flat stops at its first object or array.
			end, isFlat := flatEnd(src, i)
			switch {
			case end == i+1:
				out.Write(src[i : end+1])
				i = end
			case isFlat:
				writeInline(&out, src[i:end+1])
				i = end
			default:
				out.WriteByte(c)
				level++
				newline()
			}
		case '}', ']':
			level--
			newline()
			out.WriteByte(c)
		case ',':
			out.WriteByte(',')
			newline()
		case ':':
			out.WriteString(": ")
		default:
			out.WriteByte(c)
		}
	}
	out.WriteByte('\n')
	return out.Bytes()
}

// stringEnd returns the index just past the JSON string that starts at i.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// closing returns the index of the bracket that closes the one at i.
func closing(src []byte, i int) int {
	depth := 0
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '"':
			j = stringEnd(src, j) - 1
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(src) - 1
}

// flatEnd looks at the object or array that opens at i: when it is empty or an array
// of plain values it returns the index of its closing bracket and true; otherwise
// it stops at the first nested bracket or key and returns false.
func flatEnd(src []byte, i int) (int, bool) {
	if src[i] == '{' {
		if i+1 < len(src) && src[i+1] == '}' {
			return i + 1, true
		}
		return 0, false
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '"':
			j = stringEnd(src, j) - 1
		case '{', '[':
			return 0, false
		case ']':
			return j, true
		}
	}
	return len(src) - 1, true
}

// writeInline writes a flat compact array with a space after each comma.
func writeInline(out *bytes.Buffer, arr []byte) {
	for j := 0; j < len(arr); j++ {
		switch arr[j] {
		case '"':
			end := stringEnd(arr, j)
			out.Write(arr[j:end])
			j = end - 1
		case ',':
			out.WriteString(", ")
		default:
			out.WriteByte(arr[j])
		}
	}
}

type sessionJSON struct {
	Format       string           `json:"format"`
	Title        string           `json:"title"`
	Client       string           `json:"client"`
	Evaluator    string           `json:"evaluator"`
	Lang         string           `json:"lang,omitempty"`
	Profile      json.RawMessage  `json:"profile"`
	Requirements requirementsJSON `json:"requirements"`
	Vendors      []vendorJSON     `json:"vendors"`
}

// requirementsJSON fixes the key order and the shape of step 1 in the file, whatever
// the rubric's own struct looks like.
type requirementsJSON struct {
	Channels        []string `json:"channels"`
	DailyVolume     int      `json:"daily_volume"`
	PeakMultiplier  float64  `json:"peak_multiplier"`
	PeakPeriods     []string `json:"peak_periods"`
	ServiceHours    string   `json:"service_hours"`
	Goals           []string `json:"goals"`
	Industry        string   `json:"industry"`
	StaffingMode    string   `json:"staffing_mode"`
	UserProfile     string   `json:"user_profile"`
	TargetResponseS int      `json:"target_response_s"`
	TargetFCRPct    float64  `json:"target_fcr_pct"`
	TargetAnswerPct float64  `json:"target_answer_pct"`
	TargetCSATPct   float64  `json:"target_csat_pct"`
	BudgetMonth     *float64 `json:"budget_month"`
	Notes           string   `json:"notes"`
}

type vendorJSON struct {
	Name    string `json:"name"`
	Contact string `json:"contact"`
	Answers object `json:"answers"`
	Notes   object `json:"notes"`
}

// Export writes s in the vendorvet.session/1 format: keys in a fixed order, answers
// in the order of the question catalogue, unknown answers left out, notes for every
// step 2..7 ("" when empty).
func Export(s rubric.Session) ([]byte, error) {
	r := s.Requirements
	out := sessionJSON{
		Format:    Format,
		Title:     s.Title,
		Client:    s.Client,
		Evaluator: s.Evaluator,
		Lang:      string(s.Lang),
		Profile:   profileJSON(s.Profile),
		Requirements: requirementsJSON{
			Channels:        nonNil(r.Channels),
			DailyVolume:     r.DailyVolume,
			PeakMultiplier:  r.PeakMultiplier,
			PeakPeriods:     nonNil(r.PeakPeriods),
			ServiceHours:    r.ServiceHours,
			Goals:           nonNil(r.Goals),
			Industry:        r.Industry,
			StaffingMode:    r.StaffingMode,
			UserProfile:     r.UserProfile,
			TargetResponseS: r.TargetResponseS,
			TargetFCRPct:    r.TargetFCRPct,
			TargetAnswerPct: r.TargetAnswerPct,
			TargetCSATPct:   r.TargetCSATPct,
			BudgetMonth:     r.BudgetMonth,
			Notes:           r.Notes,
		},
		Vendors: []vendorJSON{},
	}
	for _, v := range s.Vendors {
		out.Vendors = append(out.Vendors, vendorJSON{
			Name:    v.Name,
			Contact: v.Contact,
			Answers: answersJSON(v.Answers),
			Notes:   notesJSON(v.Notes),
		})
	}
	b, err := marshal(out)
	if err != nil {
		return nil, fmt.Errorf("export session %q as JSON: %w", s.Title, err)
	}
	return b, nil
}

func answersJSON(a rubric.Answers) object {
	o := object{}
	for _, q := range rubric.Questions {
		v, ok := a[q.ID]
		if !ok {
			continue
		}
		if raw := q.Encode(v); raw != nil {
			o = append(o, member{q.ID, raw})
		}
	}
	return o
}

func notesJSON(notes map[int]string) object {
	o := object{}
	for _, step := range noteSteps {
		o = append(o, member{strconv.Itoa(step), jsonString(notes[step])})
	}
	return o
}

// ProfileName is the name a profile is written by: a built-in profile's, or the
// default's for a session that never chose one; false for weights of its own.
func ProfileName(p rubric.Profile) (string, bool) {
	if p.Name == "" && p.Weights == [4]float64{} {
		return rubric.DefaultProfile.Name, true
	}
	for _, named := range []rubric.Profile{rubric.DefaultProfile, rubric.RegulatedProfile} {
		if p.Name == named.Name && p.Weights == named.Weights {
			return named.Name, true
		}
	}
	return "", false
}

// profileJSON names the two built-in profiles and spells out any other weights.
func profileJSON(p rubric.Profile) json.RawMessage {
	if name, ok := ProfileName(p); ok {
		return jsonString(name)
	}
	o := object{}
	for d, dim := range rubric.Dimensions {
		o = append(o, member{dim.ID, json.RawMessage(strconv.FormatFloat(p.Weights[d], 'f', -1, 64))})
	}
	b, _ := o.MarshalJSON()
	return b
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
