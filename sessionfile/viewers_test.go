package sessionfile

import (
	"reflect"
	"strings"
	"testing"

	"vendorvet/demo"
	"vendorvet/rubric"
)

// A session's viewers go out and come back; a viewer who is also on the panel,
// twice in the list, or not a name is refused with where it is.
func TestViewersRoundTripAndRefusals(t *testing.T) {
	s := demo.Session(rubric.EN)
	s.Panel = []rubric.Evaluator{{Name: s.Evaluator, Role: rubric.Lead}}
	s.Blind, s.Viewers = true, []string{"Chen Jie", "审计部"}
	data, err := Export(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"viewers": [`) {
		t.Fatalf("the export holds no viewers:\n%.400s", data)
	}
	back, err := Import(data)
	if err != nil {
		t.Fatalf("import of our own export: %v", err)
	}
	if !reflect.DeepEqual(back.Viewers, s.Viewers) {
		t.Errorf("viewers %q came back as %q", s.Viewers, back.Viewers)
	}
	for name, edit := range map[string]struct{ from, to, says string }{
		"on the panel": {`"Chen Jie"`, `"` + s.Evaluator + `"`, "viewers[1]"},
		"twice":        {`"审计部"`, `"Chen Jie"`, "the same viewer twice"},
		"not a name":   {`"Chen Jie"`, `42`, "viewers[1]"},
	} {
		bad := strings.Replace(string(data), edit.from, edit.to, 1)
		if _, err := Import([]byte(bad)); err == nil || !strings.Contains(err.Error(), edit.says) {
			t.Errorf("a viewer %s: %v, want it refused naming %q", name, err, edit.says)
		}
	}
}
