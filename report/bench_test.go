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
