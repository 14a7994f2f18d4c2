package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want []string
	}{
		{"hello world again", 11, []string{"hello world", "again"}},
		{"hello world", 5, []string{"hello", "world"}},
		{"当前 76，最高可达 81", 8, []string{"当前", "76，最高", "可达 81"}},
		{"一二三四，五六", 4, []string{"一二", "三", "四，", "五六"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"two\nlines", 10, []string{"two", "lines"}},
	} {
		got := wrapText(tc.in, tc.w)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > tc.w {
				t.Errorf("line %q wider than %d", l, tc.w)
			}
			if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "，") {
				t.Errorf("line %q starts with a space or a comma", l)
			}
		}
	}
}
