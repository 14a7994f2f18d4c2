package db

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vendorvet/rubric"
)

// namesOnly is a session of n vendors with nothing but names.
func namesOnly(n int) rubric.Session {
	sess := rubric.Session{Title: "long list", Requirements: rubric.DefaultRequirements()}
	for i := range n {
		sess.Vendors = append(sess.Vendors, rubric.Vendor{Name: fmt.Sprintf("v%d", i+1)})
	}
	return sess
}

// largestSession is the largest session an import accepts: MaxVendors vendors, every
// question answered, every step's notes about as long as a 20 MB file allows.
func largestSession() rubric.Session {
	r := rand.New(rand.NewPCG(7, 7))
	sess := namesOnly(rubric.MaxVendors)
	note := strings.Repeat("营业执照已核验,现场参观基地。", 60) // about 2.7 KB
	for i := range sess.Vendors {
		v := &sess.Vendors[i]
		v.Answers, v.Notes = rubric.Answers{}, map[int]string{}
		for _, q := range rubric.Questions {
			v.Answers[q.ID] = randomValue(r, q)
		}
		for step := 2; step <= 7; step++ {
			v.Notes[step] = note
		}
	}
	return sess
}

func TestAddVendorRefusesPastTheLimit(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id, err := s.ImportSession(ctx, namesOnly(rubric.MaxVendors))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.AddVendor(ctx, id, "one more", "")
	if !errors.Is(err, ErrTooManyVendors) || !strings.Contains(err.Error(), fmt.Sprint(rubric.MaxVendors)) {
		t.Fatalf("vendor %d: error %v, want ErrTooManyVendors naming the limit", rubric.MaxVendors+1, err)
	}
	if n := count(t, s, "SELECT count(*) FROM vendors WHERE session_id = ?", id); n != rubric.MaxVendors {
		t.Fatalf("%d vendors after the refusal", n)
	}
	// Room made is room to add again, at the end of the list.
	if err := s.RemoveVendor(ctx, 1); err != nil {
		t.Fatal(err)
	}
	vid, err := s.AddVendor(ctx, id, "one more", "")
	if err != nil {
		t.Fatal(err)
	}
	if pos := count(t, s, "SELECT position FROM vendors WHERE id = ?", vid); pos != rubric.MaxVendors+1 {
		t.Errorf("the new vendor is at position %d", pos)
	}
	if _, err := s.AddVendor(ctx, id, "v2", ""); !errors.Is(err, ErrTooManyVendors) {
		t.Errorf("a full session with a duplicate name: %v", err)
	}
}

func TestImportRefusesTooManyVendors(t *testing.T) {
	s := openTemp(t)
	_, err := s.ImportSession(context.Background(), namesOnly(rubric.MaxVendors+1))
	if !errors.Is(err, ErrTooManyVendors) {
		t.Fatalf("error %v, want ErrTooManyVendors", err)
	}
	if n := count(t, s, "SELECT count(*) FROM sessions"); n != 0 {
		t.Errorf("%d sessions written", n)
	}
}

// An import holds the write lock only for its own short transaction: another
// connection saving meanwhile waits within busy_timeout and is never told the
// database is busy, whether the session is the largest accepted or one far past
// the limit.
func TestWritesDuringAnImportSucceed(t *testing.T) {
	largest := largestSession()
	if raceDetector {
		// The claim is about time, which the race detector stretches past
		// busy_timeout: here the import's locking is checked on a tenth of it, the
		// run without the detector checks the largest.
		largest.Vendors = largest.Vendors[:len(largest.Vendors)/10]
	}
	for _, c := range []struct {
		name string
		sess rubric.Session
		ok   bool
	}{
		{"largest accepted session", largest, true},
		{"hundred thousand vendors", namesOnly(100_000), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			path := filepath.Join(t.TempDir(), "vendorvet.db")
			importer, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer importer.Close()
			other, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			sid, err := other.ImportSession(ctx, namesOnly(1))
			if err != nil {
				t.Fatal(err)
			}
			saved, err := other.Session(ctx, sid)
			if err != nil {
				t.Fatal(err)
			}
			vid := saved.Vendors[0].ID

			done := make(chan error, 1)
			start := time.Now()
			go func() {
				_, err := importer.ImportSession(ctx, c.sess)
				done <- err
			}()
			writes, note := 0, ""
			for imported := false; !imported; {
				select {
				case err := <-done:
					if (err == nil) != c.ok {
						t.Fatalf("import: %v", err)
					}
					imported = true
				default:
					next := fmt.Sprintf("note %d", writes)
					if err := other.ChangeNote(ctx, vid, 2, note, next); err != nil {
						t.Fatalf("write %d during the import, %v in: %v", writes+1, time.Since(start), err)
					}
					writes, note = writes+1, next
					// A write every 5 ms, faster than anyone types. With no pause at
					// all the writer takes the lock again the moment it lets go, and as
					// SQLite's busy handler is not fair, the import could wait out its
					// busy timeout on a loaded machine.
					time.Sleep(5 * time.Millisecond)
				}
			}
			t.Logf("import %v, %d writes from another connection meanwhile", time.Since(start), writes)
		})
	}
}
