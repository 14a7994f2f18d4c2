package rubric

// RulesVersion numbers the scoring rules. A store scored by earlier rules scores its
// vendors again when it is opened, and says whose totals moved.
//
//  1. the first release
//  2. unfinished vendors are incomplete, not rejected; the articles' remaining
//     questions; bad reviews against a target; hidden fees cost the pricing share
//  3. peak elasticity on the seats a vendor commits against the agents our volume
//     needs, when it gives them
const RulesVersion = 3
