package ui

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/internal/gen"
	"vendorvet/internal/gen/gendb"
	"vendorvet/internal/latency"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// Sizes of the benchmark data: a long shortlist, and years of sessions.
const (
	benchVendors  = 50
	benchSessions = 10000
	benchPerSess  = 5
	benchSeed     = 1
)

// benchCommon opens the store at path and builds the shared state as the program
// does, with colours on: escape sequences are part of what a frame costs.
func benchCommon(b *testing.B, path string) *Common {
	b.Helper()
	store, err := db.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	saver := NewSaver(store, nil)
	b.Cleanup(func() { saver.Close(30 * time.Second) })
	return &Common{Styles: NewStyles(r), Theme: wizard.ThemeFor(r), Lang: rubric.ZH, Store: store, Saver: saver, Now: time.Now}
}

// benchSession stores a generated session of n vendors and loads it as the session
// screen would.
func benchSession(b *testing.B, c *Common, n int) *db.Session {
	b.Helper()
	ctx := context.Background()
	s := gen.Session(gen.Rand(benchSeed), n)
	s.Lang = c.Lang
	id, err := c.Store.ImportSession(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	sess, err := c.Store.Session(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	return sess
}

// benchFrame is what one message costs the UI goroutine: Bubble Tea calls Update, then
// View, for every message.
func benchFrame(app *App, msg tea.Msg) tea.Cmd {
	_, cmd := app.Update(msg)
	_ = app.View()
	return cmd
}

// benchKeystroke sends one key and the messages its commands produce at once (a move to
// the next field), and returns the time spent in Update and View for all of them;
// frames, when not nil, records each message's Update and View on its own.
// Commands run outside the clock, as Bubble Tea runs them on other goroutines; those
// that do not finish at once (cursor blinks) are dropped.
func benchKeystroke(b *testing.B, app *App, key tea.Msg, frames *latency.Recorder) time.Duration {
	start := time.Now()
	cmd := benchFrame(app, key)
	spent := time.Since(start)
	if frames != nil {
		frames.Add(spent)
	}
	for pending := []tea.Cmd{cmd}; len(pending) > 0; {
		c := pending[0]
		pending = pending[1:]
		if c == nil {
			continue
		}
		b.StopTimer()
		msg := benchRunNow(c)
		b.StartTimer()
		switch m := msg.(type) {
		case nil:
		case tea.BatchMsg:
			pending = append(pending, m...)
		default:
			start := time.Now()
			pending = append(pending, benchFrame(app, msg))
			d := time.Since(start)
			spent += d
			if frames != nil {
				frames.Add(d)
			}
		}
	}
	return spent
}

// benchRunNow runs a command and returns its message if it finishes within a millisecond.
func benchRunNow(cmd tea.Cmd) tea.Msg {
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(time.Millisecond):
		return nil
	}
}

// benchOpenWizard opens vendor vi of a 50-vendor session on step, as a user would reach
// it: sessions, then the session, then the vendor.
func benchOpenWizard(b *testing.B, c *Common, w, h, vi, step int) (*App, *vendorScreen) {
	b.Helper()
	sess := benchSession(b, c, benchVendors)
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: w, Height: h})
	app.Update(pushMsg{newSessionScreen(c, sess)})
	v := newVendorScreen(c, sess, vi, step)
	app.Update(pushMsg{v})
	app.View()
	return app, v
}

// benchWizardKeys are steady typing cycles: each ends where it began, so a benchmark can
// repeat it any number of times.
var benchWizardKeys = map[string]struct {
	step int
	keys []tea.Msg
}{
	// Step 3 opens on a number field: type 120 and take it back, every key
	// re-scoring and queueing a save.
	"number": {3, []tea.Msg{runes("1"), runes("2"), runes("0"),
		tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyBackspace}}},
	// Step 2 is yes/no questions: answer, move on, come back, answer otherwise.
	"yes-no": {2, []tea.Msg{runes("y"), tea.KeyMsg{Type: tea.KeyShiftTab}, runes("n"), tea.KeyMsg{Type: tea.KeyShiftTab}}},
}

// BenchmarkWizardKeystroke is one keystroke in a vendor's wizard with 50 vendors in
// the session at 120×40: Update, the re-score and View, with the live scorecard
// beside the form, and the same again for each message the key causes at once (y
// answers and then moves to the next question: two frames). median-us and p99-us
// are per keystroke, frame-median-us and frame-p99-us per Update and View. Budget:
// median ≤ 1 ms, p99 ≤ 4 ms. The reports of finished saves reach the UI between
// keystrokes, as in the program; their frames are timed apart (saved-median-us).
func BenchmarkWizardKeystroke(b *testing.B) {
	for _, name := range []string{"number", "yes-no"} {
		b.Run(name, func(b *testing.B) {
			c := benchCommon(b, filepath.Join(b.TempDir(), "bench.db"))
			reports := make(chan tea.Msg, 1<<16)
			c.Saver.notify = func(m tea.Msg) {
				select {
				case reports <- m:
				default:
				}
			}
			cycle := benchWizardKeys[name]
			app, _ := benchOpenWizard(b, c, 120, 40, 7, cycle.step)
			var rec, frames, saved latency.Recorder
			b.ReportAllocs()
			b.ResetTimer()
			rec.Start()
			for i := range b.N {
				rec.Add(benchKeystroke(b, app, cycle.keys[i%len(cycle.keys)], &frames))
				for len(reports) > 0 {
					msg := <-reports
					saved.Time(func() { benchFrame(app, msg) })
				}
			}
			b.StopTimer()
			rec.Report(b)
			frames.ReportAs(b, "frame")
			saved.ReportAs(b, "saved")
		})
	}
}

// benchPlanned stores a generated session of 50 vendors, with their seats and quotes,
// planned as the sample's apparel client (phone and chat, 5,000 contacts a day, ten
// times that at the peak), and opens the session screen on it at w×h.
func benchPlanned(b *testing.B, c *Common, w, h int) (*App, *db.Session) {
	b.Helper()
	s := gen.Session(gen.Rand(benchSeed), benchVendors)
	s.Lang = c.Lang
	s.Requirements = demo.Session(c.Lang).Requirements
	ctx := context.Background()
	id, err := c.Store.ImportSession(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	sess, err := c.Store.Session(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: w, Height: h})
	app.Update(pushMsg{newSessionScreen(c, sess)})
	return app, sess
}

// BenchmarkCapacityKeystroke is one key typed into a number of the capacity screens
// with 50 vendors: "what-if" types a digit into the daily volume of the what-if and
// takes it back, each key sizing the need again, setting every vendor's seats and
// quote beside it and drawing the frame; "plan" does the same in the plan's
// shrinkage, where each key is also queued for saving. Measured as
// BenchmarkWizardKeystroke measures: median-us and p99-us per keystroke. Budget:
// median ≤ 1 ms, p99 ≤ 4 ms.
func BenchmarkCapacityKeystroke(b *testing.B) {
	for _, bm := range []struct {
		name string
		w, h int
		open func(*Common, *db.Session) screen
		keys []tea.Msg
	}{
		{"what-if/120x40", 120, 40, func(c *Common, s *db.Session) screen { return newWhatIfScreen(c, s) },
			[]tea.Msg{runes("1"), tea.KeyMsg{Type: tea.KeyBackspace}}},
		{"what-if/80x24", 80, 24, func(c *Common, s *db.Session) screen { return newWhatIfScreen(c, s) },
			[]tea.Msg{runes("1"), tea.KeyMsg{Type: tea.KeyBackspace}}},
		// The plan opens on the busiest half hour's share (4); shrinkage is next.
		{"plan/120x40", 120, 40, func(c *Common, s *db.Session) screen { return newCapacityScreen(c, s) },
			[]tea.Msg{runes("2"), runes("5"), tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyBackspace}}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			c := benchCommon(b, filepath.Join(b.TempDir(), "bench.db"))
			app, sess := benchPlanned(b, c, bm.w, bm.h)
			app.Update(pushMsg{bm.open(c, sess)})
			if _, ok := app.top().(*capacityScreen); ok {
				app.Update(tea.KeyMsg{Type: tea.KeyTab})
			}
			app.View()
			var rec latency.Recorder
			b.ReportAllocs()
			b.ResetTimer()
			rec.Start()
			for i := range b.N {
				rec.Add(benchKeystroke(b, app, bm.keys[i%len(bm.keys)], nil))
			}
			b.StopTimer()
			rec.Report(b)
		})
	}
}

// BenchmarkWizardKeystrokeStoreLocked types while another process holds the
// database's write lock, so that no save can finish: keystrokes cost what they cost
// with a free store, because the UI queues saves and never waits for them.
func BenchmarkWizardKeystrokeStoreLocked(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.db")
	c := benchCommon(b, path)
	cycle := benchWizardKeys["number"]
	app, _ := benchOpenWizard(b, c, 120, 40, 7, cycle.step)
	release := benchLockStore(b, path)
	var rec latency.Recorder
	b.ReportAllocs()
	b.ResetTimer()
	rec.Start()
	for i := range b.N {
		rec.Add(benchKeystroke(b, app, cycle.keys[i%len(cycle.keys)], nil))
	}
	b.StopTimer()
	// Every keystroke changed the answer, and not one write got through.
	if b.N >= len(cycle.keys) && c.Saver.Pending() == 0 {
		b.Fatal("the saves finished although the store was locked: nothing was measured")
	}
	release()
	if !c.Saver.Flush(30 * time.Second) {
		b.Fatal("the queued saves did not land once the store was free")
	}
	rec.Report(b)
}

// benchLockStore takes the write lock of the database at path from a connection of its
// own, as another vendorvet process in the middle of a write would, and returns the
// function that lets it go.
func benchLockStore(b *testing.B, path string) func() {
	b.Helper()
	other, err := sql.Open("sqlite", path)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	conn, err := other.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		b.Fatal(err)
	}
	released := false
	release := func() {
		if released {
			return
		}
		released = true
		conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
		other.Close()
	}
	b.Cleanup(release)
	return release
}

// BenchmarkCompareView draws the comparison of 50 vendors at 200×60, the whole
// frame with title, status and help lines: again as it is (a status message, a
// cursor blink elsewhere), and after scrolling to other vendor columns, which draws
// the table anew. Budget: ≤ 2 ms.
func BenchmarkCompareView(b *testing.B) {
	for _, bm := range []struct {
		name   string
		items  bool
		scroll bool
	}{
		{"dimensions", false, false},
		{"items", true, false},
		{"scrolling", false, true},
		{"scrolling items", true, true},
	} {
		b.Run(bm.name, func(b *testing.B) {
			c := benchCommon(b, filepath.Join(b.TempDir(), "bench.db"))
			sess := benchSession(b, c, benchVendors)
			app := NewApp(c)
			app.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
			app.Update(pushMsg{newSessionScreen(c, sess)})
			app.Update(pushMsg{newCompareScreen(c, sess)})
			if bm.items {
				app.Update(runes("i"))
			}
			keys := []tea.Msg{tea.KeyMsg{Type: tea.KeyRight}, tea.KeyMsg{Type: tea.KeyLeft}}
			var rec latency.Recorder
			b.ReportAllocs()
			b.ResetTimer()
			rec.Start()
			for i := range b.N {
				if bm.scroll {
					rec.Time(func() { benchFrame(app, keys[i%2]) })
				} else {
					rec.Time(func() { _ = app.View() })
				}
			}
			b.StopTimer()
			rec.Report(b)
		})
	}
}

// benchSessionsDB copies the cached database of 10,000 sessions to a temporary
// folder; the first run builds the cache (about half a minute).
func benchSessionsDB(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "sessions.db")
	if err := gendb.CopyCached(path, benchSessions, benchPerSess, benchSeed); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkSessionsOpen opens the sessions screen on 10,000 sessions at 120×40:
// the count, the first page and the first frame. Budget: ≤ 50 ms.
func BenchmarkSessionsOpen(b *testing.B) {
	c := benchCommon(b, benchSessionsDB(b))
	var rec latency.Recorder
	b.ReportAllocs()
	b.ResetTimer()
	rec.Start()
	for range b.N {
		rec.Time(func() {
			app := NewApp(c)
			app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			_ = app.View()
		})
	}
	b.StopTimer()
	rec.Report(b)
}

// BenchmarkSessionsScroll moves through 10,000 sessions at 120×40, one line or one
// page a key. Pages are read in the background a screen ahead; each key's Update
// and View is timed, and the frames that store a page read in the background are
// reported apart (page-median-us, page-p99-us). Budget: the keystroke budget,
// median ≤ 1 ms and p99 ≤ 4 ms.
func BenchmarkSessionsScroll(b *testing.B) {
	path := benchSessionsDB(b)
	for _, k := range []tea.KeyType{tea.KeyDown, tea.KeyPgDown} {
		b.Run(k.String(), func(b *testing.B) {
			c := benchCommon(b, path)
			open := func() (*App, *sessionsScreen) {
				app := NewApp(c)
				app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				app.View()
				return app, app.top().(*sessionsScreen)
			}
			app, s := open()
			var rec, pages latency.Recorder
			b.ReportAllocs()
			b.ResetTimer()
			rec.Start()
			for range b.N {
				if s.cursor == s.count-1 {
					// At the bottom: start again from the top, as a new screen would.
					b.StopTimer()
					app, s = open()
					b.StartTimer()
				}
				var cmd tea.Cmd
				rec.Time(func() { cmd = benchFrame(app, tea.KeyMsg{Type: k}) })
				// Bubble Tea runs the command on another goroutine and sends its message
				// back later; here it runs off the clock, its message timed apart.
				b.StopTimer()
				msgs := benchRunAll(cmd)
				b.StartTimer()
				for _, msg := range msgs {
					pages.Time(func() { benchFrame(app, msg) })
				}
			}
			b.StopTimer()
			rec.Report(b)
			pages.ReportAs(b, "page")
		})
	}
}

// benchRunAll runs a command to the end and returns the messages it produces.
func benchRunAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch m := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, benchRunAll(c)...)
		}
		return out
	default:
		return []tea.Msg{m}
	}
}

// BenchmarkSessionsFilter types into the filter of 10,000 sessions and takes it
// back. A key starts a search in a command (count the matches, read their first
// page) and keeps the list on screen; the answer comes back as a message. median-us
// and p99-us are the key's frame, answer-median-us and answer-p99-us the frame
// that shows the answer, both on the UI goroutine; search-median-us is the command,
// run off the clock as Bubble Tea runs it on another goroutine.
func BenchmarkSessionsFilter(b *testing.B) {
	c := benchCommon(b, benchSessionsDB(b))
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	app.Update(runes("/"))
	// A still cursor: a key's command is then the search alone, not a blink.
	app.top().(*sessionsScreen).filter.Cursor.SetMode(cursor.CursorStatic)
	app.View()
	var keys []tea.Msg
	for _, r := range "服饰 apparel" {
		keys = append(keys, runes(string(r)))
	}
	for range len(keys) {
		keys = append(keys, tea.KeyMsg{Type: tea.KeyBackspace})
	}
	var rec, answer, search latency.Recorder
	b.ReportAllocs()
	b.ResetTimer()
	rec.Start()
	for i := range b.N {
		var cmd tea.Cmd
		rec.Time(func() { cmd = benchFrame(app, keys[i%len(keys)]) })
		b.StopTimer()
		var msgs []tea.Msg
		search.Time(func() { msgs = benchRunAll(cmd) })
		b.StartTimer()
		for _, m := range msgs {
			answer.Time(func() { benchFrame(app, m) })
		}
	}
	b.StopTimer()
	rec.Report(b)
	answer.ReportAs(b, "answer")
	search.ReportAs(b, "search")
}

// BenchmarkSaverSaveAnswer is one answer saved through the saver as the wizard saves
// it: queued on the UI goroutine (queue-us, what a keystroke pays), written on the
// saver's own goroutine with a synchronous commit, and reported back (median-us and
// p99-us, from queueing to the report). Budget: median ≤ 2 ms, and the UI never
// waits for it.
func BenchmarkSaverSaveAnswer(b *testing.B) {
	c := benchCommon(b, filepath.Join(b.TempDir(), "bench.db"))
	sess := benchSession(b, c, benchVendors)
	saved := make(chan SavedMsg, 1)
	c.Saver.notify = func(m tea.Msg) {
		if s, ok := m.(SavedMsg); ok {
			saved <- s
		}
	}
	v := sess.Vendors[0]
	c.Saver.Know(sess)
	var rec, queue latency.Recorder
	b.ReportAllocs()
	b.ResetTimer()
	rec.Start()
	for i := range b.N {
		val := rubric.Value{Num: float64(i % 2000)}
		start := time.Now()
		c.Saver.SaveAnswer(v.ID, "training_hours", "training", &val)
		queue.Add(time.Since(start))
		if m := <-saved; m.Err != nil {
			b.Fatal(m.Err)
		}
		rec.Add(time.Since(start))
	}
	b.StopTimer()
	rec.Report(b)
	b.ReportMetric(float64(queue.Percentile(50))/1e3, "queue-us")
}

// BenchmarkExport is the export of a 50-vendor session as the export screen does it:
// "write" reads the session from the store, renders the Markdown report and writes
// the file safely (off the UI goroutine); "open" is the screen opening at 120×40:
// the frames that show it and then its preview, with the commands that read the
// session and lay the preview out measured apart. Budget: the export ≤ 10 ms.
func BenchmarkExport(b *testing.B) {
	c := benchCommon(b, filepath.Join(b.TempDir(), "bench.db"))
	sess := benchSession(b, c, benchVendors)
	b.Run("write", func(b *testing.B) {
		dir := b.TempDir()
		var rec latency.Recorder
		b.ReportAllocs()
		b.ResetTimer()
		rec.Start()
		for i := range b.N {
			path := filepath.Join(dir, "report-"+itoa(i)+".md")
			rec.Time(func() {
				if m := writeReport(c, sess.ID, path, false); m.storeErr != nil || m.fileErr != nil {
					b.Fatal(m.storeErr, m.fileErr)
				}
			})
		}
		b.StopTimer()
		rec.Report(b)
	})
	// open: the command that loads the session and makes the report runs off the
	// clock (command-median-us), and so does the layout of the preview that the
	// screen's Init starts (layout-median-us); median-us and p99-us are the frames
	// that show the screen and then its preview, on the UI goroutine.
	b.Run("open", func(b *testing.B) {
		app := NewApp(c)
		app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		app.Update(pushMsg{newSessionScreen(c, sess)})
		var rec, command, layout latency.Recorder
		b.ReportAllocs()
		b.ResetTimer()
		rec.Start()
		for range b.N {
			b.StopTimer()
			var msg tea.Msg
			command.Time(func() { msg = openExport(c, sess.ID)() })
			b.StartTimer()
			var init tea.Cmd
			rec.Time(func() { init = benchFrame(app, msg) })
			b.StopTimer()
			var laidOut []tea.Msg
			layout.Time(func() { laidOut = benchRunAll(init) })
			for _, m := range laidOut {
				if _, ok := m.(previewMsg); ok {
					b.StartTimer()
					rec.Time(func() { benchFrame(app, m) })
					b.StopTimer()
				}
			}
			app.Update(popMsg{})
			b.StartTimer()
		}
		b.StopTimer()
		rec.Report(b)
		layout.ReportAs(b, "layout")
		command.ReportAs(b, "command")
	})
}
