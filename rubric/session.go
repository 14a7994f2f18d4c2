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
}
