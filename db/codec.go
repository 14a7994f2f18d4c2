package db

import (
	"encoding/json"
	"fmt"
	"time"

	"vendorvet/clean"
	"vendorvet/rubric"
)

// fromMillis reads a stored time: UTC unix milliseconds.
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// normalLang keeps the two languages we speak; anything else is English.
func normalLang(l rubric.Lang) rubric.Lang { return rubric.ParseLang(string(l)) }

// cleanMeta strips control characters from the one-line fields.
func cleanMeta(m SessionMeta) SessionMeta {
	return SessionMeta{
		Title:     clean.Line(m.Title),
		Client:    clean.Line(m.Client),
		Evaluator: clean.Line(m.Evaluator),
		Lang:      normalLang(m.Lang),
	}
}

// normalProfile treats the zero Profile as the default one.
func normalProfile(p rubric.Profile) rubric.Profile {
	if p.Name == "" && p.Weights == [4]float64{} {
		return rubric.DefaultProfile
	}
	return p
}

// encodeProfile stores a named profile by its name and any other as its weights,
// as the session format does.
func encodeProfile(p rubric.Profile) (string, error) {
	p = normalProfile(p)
	if err := p.Validate(); err != nil {
		return "", &rubric.FieldError{Field: "profile", Message: rubric.Text{
			ZH: "维度权重须为四个非负数，合计 100", EN: "profile: " + err.Error()}}
	}
	if named, ok := rubric.ProfileByName(p.Name); ok && p.Name != "" && named.Weights == p.Weights {
		b, _ := json.Marshal(p.Name)
		return string(b), nil
	}
	w := p.Weights
	b, err := json.Marshal(map[string]float64{"A": w[0], "B": w[1], "C": w[2], "D": w[3]})
	return string(b), err
}

func decodeProfile(s string) (rubric.Profile, error) {
	var name string
	if json.Unmarshal([]byte(s), &name) == nil {
		p, ok := rubric.ProfileByName(name)
		if !ok {
			return rubric.Profile{}, fmt.Errorf("unknown profile %q", name)
		}
		return p, nil
	}
	var w map[string]float64
	if err := json.Unmarshal([]byte(s), &w); err != nil {
		return rubric.Profile{}, fmt.Errorf("profile: %w", err)
	}
	return rubric.CustomProfile(w["A"], w["B"], w["C"], w["D"])
}

// prepareRequirements cleans the free-text fields, validates the rest and returns
// the JSON to store. A requirements form may be saved before a channel is chosen, so
// "no channel yet" is the one rule not enforced here.
func prepareRequirements(r rubric.Requirements) (rubric.Requirements, string, error) {
	r = normalRequirements(r)
	for _, e := range r.Validate() {
		if e.Field == "channels" && len(r.Channels) == 0 {
			continue
		}
		return r, "", &RequirementsError{Field: e}
	}
	b, err := json.Marshal(r)
	if err != nil {
		return r, "", fmt.Errorf("encode requirements: %w", err)
	}
	return r, string(b), nil
}

// normalRequirements is r as it would be stored: free text cleaned, no nil lists.
func normalRequirements(r rubric.Requirements) rubric.Requirements {
	r.UserProfile = clean.Text(r.UserProfile)
	r.Notes = clean.Text(r.Notes)
	for _, s := range []*[]string{&r.Channels, &r.PeakPeriods, &r.Goals} {
		if *s == nil {
			*s = []string{}
		}
	}
	return r
}

func decodeRequirements(s string) (rubric.Requirements, error) {
	r := rubric.DefaultRequirements()
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return r, fmt.Errorf("requirements: %w", err)
	}
	for _, s := range []*[]string{&r.Channels, &r.PeakPeriods, &r.Goals} {
		if *s == nil {
			*s = []string{}
		}
	}
	return r, nil
}

// prepareAnswer validates v as an answer to questionID and returns its stored JSON;
// nil JSON means unknown.
func prepareAnswer(questionID string, v *rubric.Value) (rubric.Question, []byte, error) {
	q, ok := rubric.QuestionByID(questionID)
	if !ok {
		return q, nil, &rubric.FieldError{Field: questionID, Message: rubric.Text{
			ZH: fmt.Sprintf("未知的问题 %q", questionID), EN: fmt.Sprintf("unknown question %q", questionID)}}
	}
	if v == nil {
		return q, nil, nil
	}
	if e := q.Check(*v); e != nil {
		return q, nil, e
	}
	return q, q.Encode(*v), nil
}

// decodeAnswer reads a stored answer; ok is false for an id this version does not
// know or a value it no longer accepts, which are skipped rather than fatal.
func decodeAnswer(questionID string, raw string) (rubric.Value, bool) {
	q, ok := rubric.QuestionByID(questionID)
	if !ok {
		return rubric.Value{}, false
	}
	v, err := q.Decode(json.RawMessage(raw))
	return v, err == nil
}

// checkStep refuses a note for a step that has no notes.
func checkStep(step int) error {
	if step < 2 || step > 7 {
		return &rubric.FieldError{Field: "notes", Message: rubric.Text{
			ZH: fmt.Sprintf("步骤须在 2 到 7 之间，而不是 %d", step), EN: fmt.Sprintf("step must be between 2 and 7, not %d", step)}}
	}
	return nil
}
