// Command schema4gen wrote testdata/schema4.db, the database of the upgrade tests
// from schema 4, with the store as it was at schema 4 (the commit before schema 5):
//
//	go run ./db/testdata/schema4gen PATH
//
// Run at a later commit it writes the schema of that commit instead; the file
// kept is the one written then. It lies under testdata so that go build ./...
// leaves it alone.
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/rubric"
)

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func main() {
	path := os.Args[1]
	s, err := db.Open(path)
	must(err)
	ctx := context.Background()
	// Two demo sessions: answers, notes, evidence (an expired licence among them), follow-ups.
	_, err = s.ImportSession(ctx, demo.Session(rubric.ZH))
	must(err)
	_, err = s.ImportSession(ctx, demo.Session(rubric.EN))
	must(err)
	// A session written answer by answer, without an evaluator's name.
	sid, err := s.CreateSession(ctx, db.SessionMeta{Title: "Typed by hand", Client: "ACME", Lang: rubric.EN})
	must(err)
	req := rubric.DefaultRequirements()
	req.Channels = []string{"web", "phone"}
	req.Industry = "ecommerce"
	must(s.ChangeRequirements(ctx, sid, rubric.DefaultRequirements(), req))
	vid, err := s.AddVendor(ctx, sid, "Alpha", "Ms Li")
	must(err)
	for _, a := range []struct {
		q string
		v rubric.Value
	}{
		{"business_license", rubric.Value{Tri: rubric.Yes}},
		{"nda", rubric.Value{Tri: rubric.Yes}},
		{"fcr_pct", rubric.Value{Num: 82}},
		{"channels", rubric.Value{Set: []string{"web"}}},
		{"hours", rubric.Value{Str: "7x16"}},
	} {
		v := a.v
		_, err := s.SaveAnswer(ctx, vid, a.q, &v, 0)
		must(err)
	}
	// Answered twice: version 6 replaces version 2.
	_, err = s.SaveAnswer(ctx, vid, "nda", &rubric.Value{Tri: rubric.No}, 2)
	must(err)
	must(s.ChangeNote(ctx, vid, 2, "", "营业执照已核验\nlicence seen"))
	must(s.ChangeNote(ctx, vid, 5, "", "pricing to follow"))
	must(s.SaveDraft(ctx, vid, "response_s", "12a"))
	must(s.SavePlace(ctx, vid, 3, "fcr_pct"))
	must(s.SetEvidence(ctx, vid, "business_license", rubric.Evidence{Source: "registry", Seen: "2026-01-10", ValidUntil: "2025-12-31"}))
	must(s.SetFollowup(ctx, vid, "fcr_pct", rubric.Followup{Owner: "Wang", Due: "2026-02-01"}))
	_, err = s.AddVendor(ctx, sid, "Beta (nothing yet)", "")
	must(err)
	// Evaluators' names the upgrade must turn into a lead's: blank, and very long.
	_, err = s.CreateSession(ctx, db.SessionMeta{Title: "Blank evaluator", Evaluator: "   ", Lang: rubric.ZH})
	must(err)
	long := strings.Repeat("评", 250)
	lid, err := s.CreateSession(ctx, db.SessionMeta{Title: "Long evaluator", Evaluator: long, Lang: rubric.ZH})
	must(err)
	lv, err := s.AddVendor(ctx, lid, "甲", "")
	must(err)
	_, err = s.SaveAnswer(ctx, lv, "iso9001", &rubric.Value{Tri: rubric.Yes}, 0)
	must(err)
	must(s.Close())
	fmt.Println("schema", db.SchemaVersion, "written to", path)
}
