package report

import (
	"fmt"
	"testing"

	"vendorvet/internal/gen"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// sessionFiles are the session files the scale benchmarks read: 10, 100 and 1,000
// vendors as an evaluation has them, and "max", the largest file import accepts
// (rubric.MaxVendors vendors whose notes fill it to about sessionfile.MaxSize).
func sessionFiles(b *testing.B) []struct {
	name string
	data []byte
} {
	b.Helper()
	var files []struct {
		name string
		data []byte
	}
	add := func(name string, s rubric.Session) {
		data, err := sessionfile.Export(s)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, struct {
			name string
			data []byte
		}{name, data})
	}
	for _, n := range []int{10, 100, 1000} {
		add(fmt.Sprint(n), gen.Session(gen.Rand(1), n))
	}
	largest := gen.Largest(1)
	add("max", largest)
	if n := len(files[len(files)-1].data); n > sessionfile.MaxSize {
		b.Fatalf("the largest file is %d bytes, over the limit", n)
	}
	return files
}

// BenchmarkScoreScale is `vendorvet score FILE` without the process: read the file,
// then the table (text) or the scorecards as JSON. Budget: the largest file in under
// 2 s and 200 MB.
func BenchmarkScoreScale(b *testing.B) {
	for _, f := range sessionFiles(b) {
		for _, format := range []string{"text", "json"} {
			b.Run(format+"/"+f.name, func(b *testing.B) {
				b.SetBytes(int64(len(f.data)))
				b.ReportAllocs()
				for range b.N {
					s, err := sessionfile.Import(f.data)
					if err != nil {
						b.Fatal(err)
					}
					if format == "text" {
						_ = ScoreText(s, rubric.EN)
					} else if _, err := ScoreJSON(s); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
