package db

import (
	"context"
	"math/rand/v2"
	"testing"

	"vendorvet/internal/latency"
	"vendorvet/rubric"
)

// BenchmarkSaveAnswer saves one answer: a compare-and-set, a re-score and a
// synchronous=FULL commit. Budget: median ≤ 2 ms (it runs on the saver's goroutine,
// never on the UI's).
func BenchmarkSaveAnswer(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	sid, err := s.ImportSession(ctx, genSession(rand.New(rand.NewPCG(1, 1)), 0, 0, 0))
	if err != nil {
		b.Fatal(err)
	}
	vid, err := s.AddVendor(ctx, sid, "v", "")
	if err != nil {
		b.Fatal(err)
	}
	// A vendor with most questions answered, as in a real interview.
	r := rand.New(rand.NewPCG(2, 2))
	for _, q := range rubric.Questions {
		v := randomValue(r, q)
		if _, err := s.SaveAnswer(ctx, vid, q.ID, &v, 0); err != nil {
			b.Fatal(err)
		}
	}
	_, version, _ := s.Answer(ctx, vid, "training_hours")
	var rec latency.Recorder
	b.ReportAllocs()
	b.ResetTimer()
	rec.Start()
	for i := range b.N {
		rec.Time(func() {
			version, err = s.SaveAnswer(ctx, vid, "training_hours", &rubric.Value{Num: float64(i % 2000)}, version)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	rec.Report(b)
}

// BenchmarkListSessions lists a page of the home screen from 10,000 sessions.
func BenchmarkListSessions(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	seed(b, s, rand.New(rand.NewPCG(3, 3)), 10000, 5, 0.2)
	for _, bm := range []struct {
		name   string
		filter string
		offset int
	}{
		{"first page", "", 0},
		{"last page", "", 9950},
		{"filtered", "client 4", 0},
	} {
		b.Run(bm.name, func(b *testing.B) {
			for range b.N {
				page, err := s.ListSessions(ctx, bm.filter, bm.offset, 50)
				if err != nil || len(page) == 0 {
					b.Fatal(len(page), err)
				}
			}
		})
	}
}
