package rubric

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
