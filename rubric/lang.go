// Package rubric is the domain of vendorvet: the step-1 requirements, a vendor's
// answers to the questions of steps 2–7, the default scorecard as data, and Score,
// which turns them into a scorecard. It is pure Go: no terminal, no SQL, no files.
package rubric

import "strings"

// Lang is a language the program speaks.
type Lang string

const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// ParseLang accepts "zh"/"en" and locale strings such as "zh_CN.UTF-8"; anything
// that is not Chinese is English.
func ParseLang(s string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "zh") {
		return ZH
	}
	return EN
}

// Pick returns zh in Chinese and en otherwise: the one way to say a sentence
// written in place, in both languages.
func (l Lang) Pick(zh, en string) string { return Text{ZH: zh, EN: en}.In(l) }

// Text is a label in both languages.
type Text struct {
	ZH string
	EN string
}

// In returns the label in lang, falling back to English.
func (t Text) In(lang Lang) string {
	if lang == ZH && t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// Option is one value of a choice or multi-choice field.
type Option struct {
	Value string
	Label Text
}

// Options is an ordered list of choices.
type Options []Option

// Label returns the label of value, or the value itself when it is not an option.
func (o Options) Label(value string, lang Lang) string {
	for _, opt := range o {
		if opt.Value == value {
			return opt.Label.In(lang)
		}
	}
	return value
}

// Has reports whether value is one of the options.
func (o Options) Has(value string) bool {
	for _, opt := range o {
		if opt.Value == value {
			return true
		}
	}
	return false
}

// Index returns the position of value, or -1.
func (o Options) Index(value string) int {
	for i, opt := range o {
		if opt.Value == value {
			return i
		}
	}
	return -1
}
