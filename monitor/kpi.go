// Package monitor follows a chosen vendor after signing, period by period: the
// KPIs its dashboard's figures give, each against the target the vendor committed
// to, the service credits a miss costs it under the contract's schedule, and the
// standing the periods add up to. It is the arithmetic of the design note on
// capacity and SLAs; the store and the screens keep and show what it works out.
package monitor

import (
	"fmt"
	"math"
)

// Period is one week or month of a vendor's dashboard figures, as its CSV export
// gives them (README: "Monitoring").
type Period struct {
	Label                string // "2026-12" or "2026-W49"
	Offered              int    // contacts that reached the queue
	Answered             int
	AnsweredInThreshold  int // answered within the service level's threshold
	Abandoned            int
	AbandonedInThreshold int     // abandoned before the threshold passed
	HandleTimeS          float64 // seconds of handle time over all answered contacts
	FirstContactResolved int
	CSATResponses        int
	CSATPositive         int // 4 or 5 of 5
	QASampled            int
	QAPassed             int
	Complaints           int
	PresaleInquiries     int
	Orders               int
}

// Empty reports whether the period had no contacts: it is skipped, never scored
// as a failure.
func (p Period) Empty() bool { return p.Offered == 0 }

// Check refuses figures that cannot be: negative counts, parts larger than their
// whole. It names the first fault, in both languages.
func (p Period) Check() *Error {
	counts := []struct {
		name string
		n    int
	}{
		{"offered", p.Offered}, {"answered", p.Answered}, {"answered_in_threshold", p.AnsweredInThreshold},
		{"abandoned", p.Abandoned}, {"abandoned_in_threshold", p.AbandonedInThreshold},
		{"first_contact_resolved", p.FirstContactResolved}, {"csat_responses", p.CSATResponses},
		{"csat_positive", p.CSATPositive}, {"qa_sampled", p.QASampled}, {"qa_passed", p.QAPassed},
		{"complaints", p.Complaints}, {"presale_inquiries", p.PresaleInquiries}, {"orders", p.Orders},
	}
	for _, c := range counts {
		if c.n < 0 {
			return errf(c.name, "%s 不能为负数", "%s cannot be negative", c.name)
		}
	}
	if p.HandleTimeS < 0 || math.IsNaN(p.HandleTimeS) || math.IsInf(p.HandleTimeS, 0) {
		return errf("handle_time_s", "handle_time_s 须为不小于 0 的秒数", "handle_time_s must be seconds, zero or more")
	}
	parts := []struct {
		part, whole string
		p, w        int
	}{
		{"answered", "offered", p.Answered, p.Offered},
		{"abandoned", "offered", p.Abandoned, p.Offered},
		{"answered_in_threshold", "answered", p.AnsweredInThreshold, p.Answered},
		{"abandoned_in_threshold", "abandoned", p.AbandonedInThreshold, p.Abandoned},
		{"first_contact_resolved", "answered", p.FirstContactResolved, p.Answered},
		{"csat_positive", "csat_responses", p.CSATPositive, p.CSATResponses},
		{"qa_passed", "qa_sampled", p.QAPassed, p.QASampled},
		{"orders", "presale_inquiries", p.Orders, p.PresaleInquiries},
	}
	for _, c := range parts {
		if c.p > c.w {
			return errf(c.part, "%s(%d)大于 %s(%d)", "%s (%d) is greater than %s (%d)", c.part, c.p, c.whole, c.w)
		}
	}
	if p.Answered+p.Abandoned > p.Offered {
		return errf("abandoned", "answered 与 abandoned 之和(%d)大于 offered(%d)", "answered and abandoned together (%d) are more than offered (%d)",
			p.Answered+p.Abandoned, p.Offered)
	}
	return nil
}

// Error is a figure refused, said in both languages.
type Error struct {
	Field  string
	ZH, EN string
}

func (e *Error) Error() string { return e.Field + ": " + e.EN }

func errf(field, zh, en string, args ...any) *Error {
	return &Error{field, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...)}
}

// SLDefinition is how a contract counts its service level. The four in use differ
// by several points on the same figures, which is why a contract must name one.
type SLDefinition string

const (
	// AbandonsWithinMet counts abandons within the threshold as met:
	// (answered within + abandoned within) ÷ offered.
	AbandonsWithinMet SLDefinition = "abandons_within_met"
	// AnsweredOnly counts the answered contacts only: answered within ÷ answered.
	AnsweredOnly SLDefinition = "answered_only"
	// AllAbandonsAgainst counts every abandon against: answered within ÷ offered.
	AllAbandonsAgainst SLDefinition = "all_abandons_against"
	// ShortAbandonsIgnored leaves out abandons within the threshold, who left before
	// anyone could answer: answered within ÷ (offered − abandoned within).
	ShortAbandonsIgnored SLDefinition = "short_abandons_ignored"
)

// DefaultSLDefinition is the definition an engagement starts with: callers who hang
// up within the threshold are not the vendor's failure, and every later abandon is.
const DefaultSLDefinition = ShortAbandonsIgnored

// SLDefinitions are the definitions, in the design note's order.
var SLDefinitions = []SLDefinition{AbandonsWithinMet, AnsweredOnly, AllAbandonsAgainst, ShortAbandonsIgnored}

// ParseSLDefinition reads a definition's name.
func ParseSLDefinition(s string) (SLDefinition, error) {
	for _, d := range SLDefinitions {
		if string(d) == s {
			return d, nil
		}
	}
	return "", errf("sl_definition", "未知的服务水平口径 %q(可选:abandons_within_met、answered_only、all_abandons_against、short_abandons_ignored)",
		"unknown service-level definition %q (abandons_within_met, answered_only, all_abandons_against or short_abandons_ignored)", s)
}

// ratio is a share, known only when its whole is not zero.
func ratio(part, whole float64) (float64, bool) {
	if whole <= 0 {
		return 0, false
	}
	return part / whole, true
}

// ServiceLevel is the period's service level by definition d.
func (p Period) ServiceLevel(d SLDefinition) (float64, bool) {
	in := float64(p.AnsweredInThreshold)
	switch d {
	case AbandonsWithinMet:
		return ratio(in+float64(p.AbandonedInThreshold), float64(p.Offered))
	case AnsweredOnly:
		return ratio(in, float64(p.Answered))
	case AllAbandonsAgainst:
		return ratio(in, float64(p.Offered))
	}
	return ratio(in, float64(p.Offered-p.AbandonedInThreshold))
}

// KPI names a measure of a period.
type KPI string

// The KPIs of a period, in the order screens and reports list them.
const (
	ServiceLevelKPI KPI = "service_level"
	AnswerRate      KPI = "answer_rate"
	Abandonment     KPI = "abandonment"
	AHT             KPI = "aht_s"
	FCR             KPI = "fcr"
	CSAT            KPI = "csat"
	QAPass          KPI = "qa_pass"
	ComplaintsPerK  KPI = "complaints_per_k"
	Conversion      KPI = "conversion"
)

// KPIs are every KPI, in order.
var KPIs = []KPI{ServiceLevelKPI, AnswerRate, Abandonment, AHT, FCR, CSAT, QAPass, ComplaintsPerK, Conversion}

// LowerIsBetter reports whether a lower value of k is better: abandonment, handle
// time and complaints.
func (k KPI) LowerIsBetter() bool { return k == Abandonment || k == AHT || k == ComplaintsPerK }

// IsShare reports whether k is a share of contacts (kept from 0 to 1), rather than
// seconds or a count per thousand.
func (k KPI) IsShare() bool { return k != AHT && k != ComplaintsPerK }

// Value is a period's k; ok is false when the period gives nothing to measure it
// by (no survey answered, no conversation sampled).
func (p Period) Value(k KPI, d SLDefinition) (float64, bool) {
	switch k {
	case ServiceLevelKPI:
		return p.ServiceLevel(d)
	case AnswerRate:
		return ratio(float64(p.Answered), float64(p.Offered))
	case Abandonment:
		return ratio(float64(p.Abandoned), float64(p.Offered))
	case AHT:
		return ratio(p.HandleTimeS, float64(p.Answered))
	case FCR:
		return ratio(float64(p.FirstContactResolved), float64(p.Answered))
	case CSAT:
		return ratio(float64(p.CSATPositive), float64(p.CSATResponses))
	case QAPass:
		return ratio(float64(p.QAPassed), float64(p.QASampled))
	case ComplaintsPerK:
		x, ok := ratio(float64(p.Complaints), float64(p.Answered))
		return x * 1000, ok
	case Conversion:
		return ratio(float64(p.Orders), float64(p.PresaleInquiries))
	}
	return 0, false
}
