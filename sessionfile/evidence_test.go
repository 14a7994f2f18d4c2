package sessionfile

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"vendorvet/rubric"
)

// Evidence goes out in the order of the questions and comes back; a source, a day
// or a validity the file may not have is refused by path.
func TestEvidenceRoundTrip(t *testing.T) {
	ev := map[string]rubric.Evidence{
		"nda":              {Source: "document", Seen: "2026-11-29"},
		"business_license": {Source: "registry", Seen: "2026-11-30", Link: "https://gsxt.gov.cn/x", ValidUntil: "2027-06-30"},
		"mlps":             {Source: "vendor", Seen: "2026-11-01", ValidUntil: "2026-12-31"},
	}
	s := rubric.Session{Title: "T", Lang: rubric.EN, Requirements: rubric.DefaultRequirements(), Profile: rubric.DefaultProfile,
		Vendors: []rubric.Vendor{{Name: "A", Answers: rubric.Answers{}, Evidence: ev}}}
	data, err := Export(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"valid_until": "2027-06-30"`)) || bytes.Contains(data, []byte(`"link": ""`)) {
		t.Errorf("the licence's evidence is not written:\n%s", data)
	}
	back, err := Import(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Vendors[0].Evidence, ev) {
		t.Errorf("evidence came back as %+v", back.Vendors[0].Evidence)
	}
	at := bytes.Index(data, []byte(`"evidence"`))
	i, j, k := bytes.Index(data[at:], []byte(`"business_license"`)), bytes.Index(data[at:], []byte(`"nda"`)), bytes.Index(data[at:], []byte(`"mlps"`))
	if at < 0 || i < 0 || j < i || k < j {
		t.Errorf("evidence is not in the order of the questions:\n%s", data)
	}
	// Written again, the same bytes.
	again, _ := Export(back)
	if !bytes.Equal(again, data) {
		t.Errorf("exported twice, differently")
	}

	head := `"format": "vendorvet.session/2", "title": "T", "vendors": [{"name": "A", "evidence": `
	for _, c := range []struct{ doc, path string }{
		{head + `{"nda": {"source": "rumour", "seen": "2026-11-30"}}}]`, "evidence.nda.source"},
		{head + `{"nda": {"seen": "2026-11-30"}}}]`, "evidence.nda.source"},
		{head + `{"nda": {"source": "document", "seen": "30/11"}}}]`, "evidence.nda.seen"},
		{head + `{"nda": {"source": "document"}}}]`, "evidence.nda.seen"},
		{head + `{"nda": {"source": "document", "seen": "2026-11-30", "valid_until": "2027-01-01"}}}]`, "evidence.nda.valid_until"},
		{head + `{"iso9001": {"source": "document", "seen": "2026-11-30", "valid_until": "2027-02-30"}}}]`, "evidence.iso9001.valid_until"},
		{head + `{"iso9001": {"source": "document", "seen": "2026-11-30", "link": 7}}}]`, "evidence.iso9001.link"},
		{head + `{"no_such": {"source": "document", "seen": "2026-11-30"}}}]`, "no_such"},
		{head + `{"nda": {"source": "document", "seen": "2026-11-30", "verified": true}}}]`, "verified"},
		{head + `[]}]`, "evidence"},
	} {
		_, err := Import([]byte("{" + c.doc + "}"))
		var ie *ImportError
		if !errors.As(err, &ie) || !strings.Contains(ie.Path, c.path) {
			t.Errorf("%s: %v, want an ImportError at %s", c.doc, err, c.path)
		}
	}
}
