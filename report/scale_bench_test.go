package report

import (
	"testing"

	"vendorvet/internal/gen"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// sessionFiles are the session files of gen.Scales; the last, the largest import
// accepts, is checked against the limit.
func sessionFiles(b *testing.B) []struct {
	name string
	data []byte
} {
	b.Helper()
	var files []struct {
		name string
		data []byte
	}
	for _, sc := range gen.Scales(1) {
		data, err := sessionfile.Export(sc.Session)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, struct {
			name string
			data []byte
		}{sc.Name, data})
	}
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
