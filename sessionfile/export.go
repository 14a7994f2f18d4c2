// Package sessionfile reads and writes the session interchange file of format.md,
// vendorvet.session/4: the export, and the strict import that names what is wrong.
// It knows the rubric and text cleaning, nothing else.
package sessionfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"vendorvet/rubric"
)

// Format names the session interchange format this package writes. It reads the
// earlier ones too, each a subset of the next: /2 added follow-ups, evidence and the
// second rules' questions and targets; /3 the capacity plan, the seats a vendor
// commits and its prices by billing model; /4 the panel of evaluators, each one's
// answers, the lead's decisions, submissions, each vendor's history and the
// session's uid (panel.go).
const Format = "vendorvet.session/4"

// FormatV3, FormatV2 and FormatV1 are the earlier formats, still read.
const (
	FormatV3 = "vendorvet.session/3"
	FormatV2 = "vendorvet.session/2"
	FormatV1 = "vendorvet.session/1"
)

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
		b.Write(Quote(m.Key))
		b.WriteByte(':')
		b.Write(m.Value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Quote encodes s as a JSON string without turning <, > and & into \u escapes: the
// output is read by people, not put into HTML.
func Quote(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// marshal encodes v as format.md lays it out: encoding/json indents it by two spaces
// without HTML escaping, then each list of plain values goes on one line.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return inlineFlatLists(b.Bytes()), nil
}

// inlineFlatLists joins each list that holds no object or list onto the line of its
// key: ["web", "app"]. Indented JSON has one value a line, and a line that ends in
// "[" opens a list (a string ends in a quote), so lines are enough to find them.
func inlineFlatLists(indented []byte) []byte {
	out := make([]byte, 0, len(indented))
	for rest := indented; len(rest) > 0; {
		line, after := nextLine(rest)
		items, closer, tail, ok := flatList(line, after)
		if !ok {
			out = append(out, line...)
			rest = after
			continue
		}
		out = append(out, bytes.TrimSuffix(line, []byte("\n"))...)
		for i, item := range items {
			if i > 0 {
				out = append(out, ' ')
			}
			out = append(out, item...)
		}
		out = append(out, bytes.TrimLeft(closer, " ")...)
		rest = tail
	}
	return out
}

// nextLine splits off the first line of b, with its newline.
func nextLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i+1], b[i+1:]
	}
	return b, nil
}

// flatList reads the list that line opens when it holds plain values only: its
// items without indentation, its closing line, and what follows that.
func flatList(line, rest []byte) (items [][]byte, closer, tail []byte, ok bool) {
	if !bytes.HasSuffix(line, []byte("[\n")) {
		return nil, nil, nil, false
	}
	for len(rest) > 0 {
		l, after := nextLine(rest)
		t := bytes.TrimSpace(l)
		switch {
		case bytes.Equal(t, []byte("]")) || bytes.Equal(t, []byte("],")):
			return items, l, after, true
		case bytes.HasSuffix(t, []byte("{")) || bytes.HasSuffix(t, []byte("[")):
			return nil, nil, nil, false
		}
		items = append(items, t)
		rest = after
	}
	return nil, nil, nil, false
}

type sessionJSON struct {
	Format       string              `json:"format"`
	UID          string              `json:"uid,omitempty"`
	Title        string              `json:"title"`
	Client       string              `json:"client"`
	Evaluator    string              `json:"evaluator"`
	Panel        []evaluatorJSON     `json:"panel,omitempty"`
	Blind        *bool               `json:"blind,omitempty"`
	Viewers      []string            `json:"viewers,omitempty"`
	Lang         string              `json:"lang,omitempty"`
	Profile      json.RawMessage     `json:"profile"`
	Requirements rubric.Requirements `json:"requirements"`
	Vendors      []vendorJSON        `json:"vendors"`
}

type vendorJSON struct {
	Name      string       `json:"name"`
	Contact   string       `json:"contact"`
	Answers   object       `json:"answers"`
	Panel     object       `json:"panel,omitempty"`
	Decisions object       `json:"decisions,omitempty"`
	Submitted []string     `json:"submitted,omitempty"`
	Notes     object       `json:"notes"`
	Followups object       `json:"followups"`
	Evidence  object       `json:"evidence"`
	History   []changeJSON `json:"history,omitempty"`
}

type evidenceJSON struct {
	Source     string `json:"source"`
	Seen       string `json:"seen"`
	Link       string `json:"link,omitempty"`
	ValidUntil string `json:"valid_until,omitempty"`
}

type followupJSON struct {
	Owner string `json:"owner"`
	Due   string `json:"due"`
}

// Export writes s in the vendorvet.session/4 format: keys in a fixed order, answers
// follow-ups and evidence in the order of the question catalogue, unknown answers left out,
// notes for every step 2..7 ("" when empty).
func Export(s rubric.Session) ([]byte, error) {
	// Step 1 is stored as rubric.Requirements' JSON names, in the order of
	// rubric.RequirementFields; a list is [] even when empty.
	r := s.Requirements
	r.Channels, r.PeakPeriods, r.Goals = nonNil(r.Channels), nonNil(r.PeakPeriods), nonNil(r.Goals)
	out := sessionJSON{
		Format:       Format,
		UID:          s.UID,
		Title:        s.Title,
		Client:       s.Client,
		Evaluator:    s.Evaluator,
		Panel:        panelJSON(s.Panel),
		Viewers:      s.Viewers,
		Lang:         string(s.Lang),
		Profile:      profileJSON(s.Profile),
		Requirements: r,
		Vendors:      []vendorJSON{},
	}
	if len(s.Panel) > 0 {
		out.Blind = &s.Blind
	}
	for _, v := range s.Vendors {
		vj := vendorJSON{
			Name:      v.Name,
			Contact:   v.Contact,
			Answers:   answersJSON(v.Answers),
			Decisions: decisionsJSON(v.Decisions),
			Submitted: submittedJSON(s.Panel, v.Submitted),
			Notes:     notesJSON(v.Notes),
			Followups: followupsJSON(v.Followups),
			Evidence:  evidenceObject(v.Evidence),
			History:   historyJSON(v.History),
		}
		// With one evaluator the answers are theirs; with more, the consensus,
		// and each evaluator's are beside them.
		if len(s.Panel) > 1 {
			vj.Panel = vendorPanelJSON(s.Panel, v.Panel)
		}
		out.Vendors = append(out.Vendors, vj)
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

func followupsJSON(fs map[string]rubric.Followup) object {
	return byQuestionObject(fs, func(f rubric.Followup) any { return followupJSON(f) })
}

func evidenceObject(es map[string]rubric.Evidence) object {
	return byQuestionObject(es, func(e rubric.Evidence) any { return evidenceJSON(e) })
}

// byQuestionObject writes records kept by question id in the catalogue's order, each
// as doc makes it; byQuestion reads them back.
func byQuestionObject[T any](m map[string]T, doc func(T) any) object {
	o := object{}
	for _, q := range rubric.Questions {
		if v, ok := m[q.ID]; ok {
			raw, _ := json.Marshal(doc(v)) // structs of strings always encode
			o = append(o, member{q.ID, raw})
		}
	}
	return o
}

func notesJSON(notes map[int]string) object {
	o := object{}
	for _, step := range noteSteps {
		o = append(o, member{strconv.Itoa(step), Quote(notes[step])})
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
		return Quote(name)
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
