// Package report renders an evaluation session for people and programs: the
// scorecards as JSON and as a plain-text table, and the Markdown report a procurement
// manager sends on. It also writes those files safely. It knows the rubric, the
// capacity and cost comparison and text cleaning, nothing else; the session file
// itself is package sessionfile's.
package report
