package rubric

import (
	"fmt"
	"unicode/utf8"
)

// A panel of evaluators: who they are, and the lead's decisions that settle what
// they do not agree on. How a panel's answers come to a consensus is the panel
// package's; these are the facts every front end and the session file share.

// Role is what an evaluator may do on a panel.
type Role string

const (
	// Lead sees every evaluator's answers and decides the consensus where the
	// panel does not agree.
	Lead Role = "lead"
	// Member answers independently and, in blind mode, sees only their own
	// answers to a vendor until they submit it.
	Member Role = "evaluator"
)

// MaxEvaluatorName is the most characters an evaluator's name may have: a name,
// or a role such as "法务部 Legal", is a few dozen at most.
const MaxEvaluatorName = 200

// EvaluatorNameProblem says what is wrong with an evaluator's name, cleaned and
// trimmed as the store keeps it: empty or too long; nil when it will do.
func EvaluatorNameProblem(name string) *Text {
	switch {
	case name == "":
		return &Text{"评估人姓名不能为空", "an evaluator's name cannot be empty"}
	case utf8.RuneCountInString(name) > MaxEvaluatorName:
		return &Text{fmt.Sprintf("评估人姓名最多 %d 个字", MaxEvaluatorName),
			fmt.Sprintf("an evaluator's name has at most %d characters", MaxEvaluatorName)}
	}
	return nil
}

// Evaluator is one person on a session's panel.
type Evaluator struct {
	Name string
	Role Role
}

// Decision is the lead's consensus answer to a question, with the reason.
type Decision struct {
	Value  Value
	Known  bool // false: the lead decided the answer is unknown
	Reason string
	By     string
	At     int64 // unix seconds
}
