package rubric

import "encoding/json"

// CarryForward turns an answer to a question the first release asked, and this one
// asks differently, into the answer to today's question, keeping its meaning: the
// one pricing model into the set of billing models, and "daily / weekly / monthly
// reports: yes" into all three cadences ("no": none). ok is false for any other
// question, or an answer that said nothing.
func CarryForward(id string, raw json.RawMessage) (newID string, v Value, ok bool) {
	var s string
	if json.Unmarshal(raw, &s) != nil || s == "" {
		return "", v, false
	}
	switch id {
	case "pricing_model":
		return "billing_models", Value{Set: []string{s}}, BillingOptions.Has(s)
	case "reports":
		switch t, _ := ParseTri(s); t {
		case Yes:
			return "report_cadence", Value{Set: []string{"daily", "weekly", "monthly"}}, true
		case No:
			return "report_cadence", Value{Set: []string{"none"}}, true
		}
	}
	return "", v, false
}
