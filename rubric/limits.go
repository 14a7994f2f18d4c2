package rubric

// MaxVendors is the most vendors a session may hold. A shortlist rarely passes 20;
// the bound keeps every import, score and export of a session short, and a file that
// claims more is not an evaluation.
const MaxVendors = 1000
