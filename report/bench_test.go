package report

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"vendorvet/internal/gen"
	"vendorvet/internal/latency"
	"vendorvet/rubric"
)

// BenchmarkMarkdown renders the report of a 50-vendor session in each language.
// Budget (with the write below): ≤ 10 ms.
func BenchmarkMarkdown(b *testing.B) {
	s := gen.Session(gen.Rand(1), 50)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		b.Run(string(lang), func(b *testing.B) {
			var rec latency.Recorder
			var size int
			b.ReportAllocs()
			b.ResetTimer()
			rec.Start()
			for range b.N {
				rec.Time(func() { size = len(Markdown(s, lang, now)) })
			}
			b.StopTimer()
			rec.Report(b)
			b.ReportMetric(float64(size)/1024, "KiB")
		})
	}
}

// BenchmarkExportMarkdown is the whole export of a 50-vendor session: the report,
// then the safe write of the file (temporary file, fsync, rename, fsync of the
// folder). Budget: ≤ 10 ms.
func BenchmarkExportMarkdown(b *testing.B) {
	s := gen.Session(gen.Rand(1), 50)
	dir := b.TempDir()
	var rec latency.Recorder
	b.ReportAllocs()
	b.ResetTimer()
	rec.Start()
	for i := range b.N {
		path := filepath.Join(dir, "report-"+strconv.Itoa(i)+".md")
		rec.Time(func() {
			if err := WriteFile(path, Markdown(s, s.Lang, time.Now()), false); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.StopTimer()
	rec.Report(b)
}

// BenchmarkMarkdownPanel is the same session judged by a panel of three whose
// second and third members each answer a third of the questions differently:
// every vendor has disagreements to rank by the points at stake, which is a score
// for each evaluator's answer to each of them. Run beside BenchmarkMarkdown, the
// report of one evaluator.
func BenchmarkMarkdownPanel(b *testing.B) {
	s := gen.Session(gen.Rand(1), 50)
	r := gen.Rand(2)
	s.Panel = []rubric.Evaluator{{Name: "王敏", Role: rubric.Lead}, {Name: "李四", Role: rubric.Member}, {Name: "赵六", Role: rubric.Member}}
	for i := range s.Vendors {
		v := &s.Vendors[i]
		v.Panel = map[string]rubric.Answers{"王敏": v.Answers}
		for _, name := range []string{"李四", "赵六"} {
			other := v.Answers.Clone()
			for _, q := range rubric.Questions {
				if r.IntN(3) == 0 {
					if val, ok := gen.Answer(r, q, r.Float64()); ok {
						other[q.ID] = val
					}
				}
			}
			v.Panel[name] = other
		}
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	var rec latency.Recorder
	b.ReportAllocs()
	b.ResetTimer()
	rec.Start()
	for range b.N {
		rec.Time(func() { Markdown(s, rubric.EN, now) })
	}
	b.StopTimer()
	rec.Report(b)
}
