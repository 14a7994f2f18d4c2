package rubric

// Vendor is one vendor on the shortlist with the evaluator's answers and notes.
type Vendor struct {
	Name    string
	Contact string
	Answers Answers
	// Notes holds the evidence / notes text of each step, keyed 2..7.
	Notes map[int]string
	// Followups holds the open questions turned into tasks, by question ID.
	Followups map[string]Followup
	// Evidence holds how answers were verified, by question ID.
	Evidence map[string]Evidence
	// Panel holds each evaluator's own answers, by name, when a panel evaluates
	// the vendor; Answers are then the consensus they are judged by. Nil for a
	// vendor read without its panel.
	Panel map[string]Answers
	// Decisions holds the lead's consensus answers, by question.
	Decisions map[string]Decision
	// Submitted holds who has submitted the vendor, by name.
	Submitted map[string]bool
	// History is every change to the vendor's answers, notes, evidence and
	// decisions, and every submission, oldest first, when it was read with them.
	History []Change
}

// Change is one change in a vendor's history.
type Change struct {
	At        int64  // unix milliseconds
	Evaluator string // who made it, by the name they had then
	Kind      string // "answer", "note", "evidence", "decision" or "submit"
	// Key is the question's ID, a note's step ("2" to "7"), or "" for a submission.
	Key string
	// Before and After are what was stored, as the store keeps it (an answer's
	// JSON, a note's text); nil when there was nothing.
	Before, After *string
}

// Session is one evaluation: the company's requirements and the vendors compared.
type Session struct {
	Title        string
	Client       string
	Evaluator    string
	Lang         Lang
	Profile      Profile
	Requirements Requirements
	Vendors      []Vendor
	// Panel is who evaluates the vendors, the lead first; Blind is blind mode.
	Panel []Evaluator
	Blind bool
	// Viewers may read the session without evaluating it; none is on the panel.
	Viewers []string
	// UID names the session wherever its copies go: an evaluator's copy, merged
	// back, is known for the session it came from. "" when unknown.
	UID string
}
