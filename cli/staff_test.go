package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestStaffText(t *testing.T) {
	h := newHarness(t)
	// The design note's published Erlang C example: 55 agents on 48 erlangs.
	r := h.run("--lang", "en", "staff", "--calls", "360", "--interval", "30m", "--aht", "4min", "--target", "80/15s", "--agents", "55").ok(t)
	for _, want := range []string{"Agents: 55", "84.6% answered within 15.0 s", "Average speed of answer: 8.2 s", "Occupancy: 87.3%", "Probability of waiting: 23.9%", "Meets the target"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "abandon") {
		t.Errorf("abandonment without --patience:\n%s", r.stdout)
	}
	r = h.run("--lang", "zh", "staff", "--calls", "100", "--interval", "0.5h", "--aht", "3分钟", "--target", "80%/20秒", "--shrinkage", "30", "--patience", "300").ok(t)
	if !strings.Contains(r.stdout, "所需坐席：13") || !strings.Contains(r.stdout, "需排班人数：19") || !strings.Contains(r.stdout, "放弃的概率") {
		t.Errorf("zh:\n%s", r.stdout)
	}
	if _, err := os.Stat(h.dbArg); err == nil {
		t.Error("staff created the database")
	}
}

func TestStaffJSON(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct {
		args    []string
		abandon bool
	}{
		{[]string{"--calls", "100", "--interval", "30m", "--aht", "180s", "--target", "80/20s", "--shrinkage", "30%"}, false},
		{[]string{"--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20", "--patience", "5min", "--max-occupancy", "85%", "--shrinkage", "30%"}, true},
	} {
		r := h.run(append([]string{"staff", "--json"}, c.args...)...).ok(t)
		var m map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"agents", "scheduled", "service_level", "asa_s", "occupancy", "p_wait", "p_abandon"} {
			if _, ok := m[k]; !ok {
				t.Errorf("no key %s in %s", k, r.stdout)
			}
		}
		if len(m) != 7 {
			t.Errorf("keys %v", m)
		}
		if (m["p_abandon"] != nil) != c.abandon {
			t.Errorf("p_abandon %v with patience %v", m["p_abandon"], c.abandon)
		}
		// 14 agents by Erlang C (Call Centre Helper's example), 13 by Erlang A; 20 and 19 scheduled.
		wantAgents, wantScheduled := 14.0, 20.0
		if c.abandon {
			wantAgents, wantScheduled = 13, 19
		}
		if m["agents"] != wantAgents || m["scheduled"] != wantScheduled {
			t.Errorf("agents %v scheduled %v", m["agents"], m["scheduled"])
		}
	}
}

func TestStaffBadInput(t *testing.T) {
	base := []string{"--calls", "100", "--interval", "30m", "--aht", "180s", "--target", "80/20s"}
	with := func(flag, value string) []string {
		out := append([]string{"staff"}, base...)
		for i := 1; i < len(out); i += 2 {
			if out[i] == flag {
				out[i+1] = value
				return out
			}
		}
		return append(out, flag, value)
	}
	cases := [][]string{
		{"staff"},
		with("--interval", "0m"),
		with("--interval", "30"),
		with("--interval", "-30m"),
		with("--aht", "0"),
		with("--aht", "abc"),
		with("--calls", "0"),
		with("--calls", "-5"),
		with("--target", "80"),
		with("--target", "120/20s"),
		with("--target", "100/20s"),
		with("--target", "80/-3s"),
		with("--max-occupancy", "0"),
		with("--max-occupancy", "120%"),
		with("--shrinkage", "100%"),
		with("--patience", "0"),
		with("--concurrency", "9"),
		with("--agents", "2.5"),
		with("--agents", "5"), // 5 agents on 10 erlangs never catch up
		append(with("--aht", "1h"), "extra"),
	}
	for _, lang := range []string{"en", "zh"} {
		for _, args := range cases {
			h := newHarness(t)
			msg := h.run(append([]string{"--lang", lang}, args...)...).failed(t, exitUsage)
			if isChinese(msg) != (lang == "zh") {
				t.Errorf("%s %v: %q", lang, args, msg)
			}
		}
	}
}

// FuzzStaffArgs: whatever is typed into the staff command's values, it answers or
// refuses in one line with status 2; it never panics or prints NaN.
func FuzzStaffArgs(f *testing.F) {
	f.Add("360", "30m", "240s", "80/15s", "", "", "", "", "55")
	f.Add("100", "30分钟", "3min", "80%/20秒", "30%", "85", "300", "2", "")
	f.Add("1.2万", "1h", "600", "90/10", "25", "", "1h", "4", "")
	f.Add("1e308", "1ns", "1e308", "99.9999/0", "99", "1e-9", "1e-300", "1", "")
	f.Fuzz(func(t *testing.T, calls, interval, aht, target, shrinkage, maxOcc, patience, concurrency, agents string) {
		args := []string{"staff", "--calls", calls, "--interval", interval, "--aht", aht, "--target", target, "--json"}
		for _, kv := range [][2]string{{"--shrinkage", shrinkage}, {"--max-occupancy", maxOcc}, {"--patience", patience}, {"--concurrency", concurrency}, {"--agents", agents}} {
			if kv[1] != "" {
				args = append(args, kv[0], kv[1])
			}
		}
		h := &harness{t: t, dbArg: os.DevNull, env: map[string]string{}}
		r := h.runRaw(args...)
		switch r.code {
		case exitOK:
			if strings.Contains(r.stdout, "NaN") || strings.Contains(r.stdout, "Inf") || r.stderr != "" {
				t.Fatalf("%q: %q %q", args, r.stdout, r.stderr)
			}
		case exitUsage:
			if !strings.HasPrefix(r.stderr, "vendorvet: ") || strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, "NaN") {
				t.Fatalf("%q: %q", args, r.stderr)
			}
		default:
			t.Fatalf("%q: exit %d %q", args, r.code, r.stderr)
		}
	})
}
