//go:build linux

// Command ptytime measures how long programs take to show their first screen in a
// pseudo-terminal of their own, as a person's terminal would run them, with nothing
// between the program and the clock: each run starts the program on a new
// pseudo-terminal of the given size and stops the clock when the given text has
// come out of it (escape sequences aside), then quits the program with q. The
// programs are run in turn, so that all see the same machine, after one run each
// that is not counted (it brings the binaries and files into the page cache).
//
// Usage:
//
//	ptytime [flags] NAME TEXT COMMAND [ARG...] [::: NAME TEXT COMMAND [ARG...]]...
//
// The first program is the yardstick: each other one's median is also given as a
// multiple of its median. The last line reads "ratio NAME FIRST X" for the last
// program, for scripts.
//
// Like a terminal, it answers the queries a program sends: the background colour
// (OSC 11, which lipgloss asks for and waits up to 5 s for) and the cursor position
// (CSI 6n, which follows it).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/sys/unix"
)

type program struct {
	name, text string
	argv       []string
	runs       []time.Duration
}

// Queries a terminal answers, and its answers: a black background, the cursor at
// the top left.
var queries = []struct{ ask, answer string }{
	{"\x1b]11;?\x1b\\", "\x1b]11;rgb:0000/0000/0000\x1b\\"},
	{"\x1b]11;?\a", "\x1b]11;rgb:0000/0000/0000\a"},
	{"\x1b[6n", "\x1b[1;1R"},
}

func main() {
	n := flag.Int("n", 9, "counted runs of each program")
	cols := flag.Int("cols", 120, "columns of the terminal")
	rows := flag.Int("rows", 40, "rows of the terminal")
	termName := flag.String("term", "xterm-256color", "TERM given to the programs")
	timeout := flag.Duration("timeout", 30*time.Second, "longest wait for a program's text")
	verbose := flag.Bool("v", false, "print every run and the queries answered")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: ptytime [flags] NAME TEXT COMMAND [ARG...] [::: NAME TEXT COMMAND [ARG...]]...")
		flag.PrintDefaults()
	}
	flag.Parse()
	progs, err := parse(flag.Args())
	if err != nil || *n < 1 {
		if err != nil {
			fmt.Fprintln(os.Stderr, "ptytime:", err)
		}
		flag.Usage()
		os.Exit(2)
	}
	env := environ(*termName)
	size := &unix.Winsize{Col: uint16(*cols), Row: uint16(*rows)}
	answered := map[string]int{}
	for i := -1; i < *n; i++ {
		for _, p := range progs {
			took, asked, err := run(p, size, env, *timeout)
			if err != nil {
				fmt.Fprintf(os.Stderr, "ptytime: %s: %v\n", p.name, err)
				os.Exit(1)
			}
			if i < 0 {
				continue // the first run of each warms the page cache
			}
			p.runs = append(p.runs, took)
			for q, k := range asked {
				answered[p.name+": "+q] += k
			}
			if *verbose {
				fmt.Fprintf(os.Stderr, "%s run %d: %.1f ms\n", p.name, i+1, ms(took))
			}
		}
	}

	fmt.Printf("start to first screen in a pseudo-terminal %d×%d (TERM=%s), median of %d (min–max)\n",
		*cols, *rows, *termName, *n)
	width := 0
	for _, p := range progs {
		width = max(width, len(p.name))
	}
	base := median(progs[0].runs)
	for i, p := range progs {
		m := median(p.runs)
		line := fmt.Sprintf("  %-*s  %6.1f ms  (%.1f–%.1f)", width, p.name, ms(m),
			ms(slices.Min(p.runs)), ms(slices.Max(p.runs)))
		if i > 0 {
			line += fmt.Sprintf("  %.2f × %s", float64(m)/float64(base), progs[0].name)
		}
		fmt.Println(line)
	}
	if len(answered) > 0 {
		var said []string
		for q, k := range answered {
			said = append(said, fmt.Sprintf("%s %d×", q, k))
		}
		slices.Sort(said)
		fmt.Println("  queries answered: " + strings.Join(said, ", "))
	}
	if len(progs) > 1 {
		last := progs[len(progs)-1]
		fmt.Printf("ratio %s %s %.2f\n", last.name, progs[0].name, float64(median(last.runs))/float64(base))
	}
}

// parse reads the programs: NAME TEXT COMMAND [ARG...], separated by ":::".
func parse(args []string) ([]*program, error) {
	var progs []*program
	for len(args) > 0 {
		end := slices.Index(args, ":::")
		if end < 0 {
			end = len(args)
		}
		group := args[:end]
		if len(group) < 3 {
			return nil, fmt.Errorf("%q: want NAME TEXT COMMAND [ARG...]", group)
		}
		if group[1] == "" {
			return nil, fmt.Errorf("%s: the text to wait for is empty", group[0])
		}
		progs = append(progs, &program{name: group[0], text: group[1], argv: group[2:]})
		args = args[min(end+1, len(args)):]
	}
	if len(progs) == 0 {
		return nil, errors.New("no program to time")
	}
	return progs, nil
}

// environ is this process's environment with TERM set and no size given in it, so
// that the programs ask the terminal.
func environ(term string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "TERM", "LINES", "COLUMNS", "TMUX":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TERM="+term)
}

// run starts p on a new pseudo-terminal of the given size and returns the time from
// just before its start to the moment its text came out, and the queries it
// answered. The program is then quit with q, or killed if it does not end.
func run(p *program, size *unix.Winsize, env []string, timeout time.Duration) (time.Duration, map[string]int, error) {
	ptm, pts, err := openPTY(size)
	if err != nil {
		return 0, nil, err
	}
	defer ptm.Close()

	cmd := exec.Command(p.argv[0], p.argv[1:]...)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pts, pts, pts
	// A session of its own with the terminal as its controlling one, in the
	// foreground, as a shell starts a program.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}

	seen := make(chan time.Time, 1)
	drained := make(chan struct{})
	asked := map[string]int{}
	var out bytes.Buffer
	go func() {
		defer close(drained)
		buf := make([]byte, 64*1024)
		answeredTo := 0 // out's bytes already looked at for queries
		found := false
		for {
			k, err := ptm.Read(buf)
			now := time.Now()
			if k > 0 {
				out.Write(buf[:k])
				answeredTo = answer(ptm, out.Bytes(), answeredTo, asked)
				if !found && strings.Contains(ansi.Strip(out.String()), p.text) {
					found = true
					seen <- now
				}
			}
			if err != nil {
				// EIO once the program and its children have closed the terminal.
				return
			}
		}
	}()

	start := time.Now()
	if err := cmd.Start(); err != nil {
		pts.Close()
		return 0, nil, err
	}
	pts.Close()
	// exited is closed once the program has ended, with waitErr set.
	exited := make(chan struct{})
	var waitErr error
	go func() {
		waitErr = cmd.Wait()
		close(exited)
	}()

	var t time.Time
	select {
	case t = <-seen:
	case <-exited:
		// A program that writes and ends at once: its output may still be read.
		<-drained
		select {
		case t = <-seen:
			return t.Sub(start), asked, nil
		default:
			return 0, nil, fmt.Errorf("ended (%v) before %q came out; it wrote:\n%s", waitErr, p.text, tail(out.String()))
		}
	case <-time.After(timeout):
		cmd.Process.Kill()
		<-exited
		<-drained
		return 0, nil, fmt.Errorf("%q did not come out within %v; it wrote:\n%s", p.text, timeout, tail(out.String()))
	}

	// Quit as a person would, so that the program closes its files as usual (a
	// database left with its log would be checked whole at the next start). A
	// program that has ended meanwhile no longer reads the terminal.
	if _, err := io.WriteString(ptm, "q"); err != nil {
		select {
		case <-exited:
		default:
			cmd.Process.Kill()
			<-exited
			<-drained
			return 0, nil, fmt.Errorf("quit: %w", err)
		}
	}
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-exited
		<-drained
		return 0, nil, errors.New("did not quit on q within 10 s")
	}
	<-drained
	return t.Sub(start), asked, nil
}

// answer replies to the queries in out that begin at or after from (less the
// length of a query, which may have been cut between two reads) and returns how far
// out has been looked at.
func answer(ptm *os.File, out []byte, from int, asked map[string]int) int {
	longest := 0
	for _, q := range queries {
		longest = max(longest, len(q.ask))
	}
	// Every query found whole is answered once: look again only at bytes that could
	// begin a query not yet complete.
	lo := from
	for {
		first, which := -1, -1
		for i, q := range queries {
			if j := bytes.Index(out[lo:], []byte(q.ask)); j >= 0 && (first < 0 || j < first) {
				first, which = j, i
			}
		}
		if first < 0 {
			break
		}
		q := queries[which]
		ptm.WriteString(q.answer)
		asked[strings.NewReplacer("\x1b", "ESC", "\a", "BEL").Replace(q.ask)]++
		lo += first + len(q.ask)
	}
	return max(lo, len(out)-longest+1)
}

// openPTY opens a new pseudo-terminal pair of the given size.
func openPTY(size *unix.Winsize) (ptm, pts *os.File, err error) {
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("open /dev/ptmx: %w", err)
	}
	ptm = os.NewFile(uintptr(fd), "/dev/ptmx")
	fail := func(what string, err error) (*os.File, *os.File, error) {
		ptm.Close()
		return nil, nil, fmt.Errorf("%s: %w", what, err)
	}
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		return fail("unlock the pseudo-terminal", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		return fail("number of the pseudo-terminal", err)
	}
	name := fmt.Sprintf("/dev/pts/%d", n)
	sfd, err := unix.Open(name, unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		return fail("open "+name, err)
	}
	pts = os.NewFile(uintptr(sfd), name)
	if err := unix.IoctlSetWinsize(sfd, unix.TIOCSWINSZ, size); err != nil {
		pts.Close()
		return fail("size the pseudo-terminal", err)
	}
	return ptm, pts, nil
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// tail is the end of a program's output, readable.
func tail(s string) string {
	s = ansi.Strip(s)
	if len(s) > 2000 {
		s = "…" + s[len(s)-2000:]
	}
	return s
}
