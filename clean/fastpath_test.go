package clean

import "testing"

// The fast path of dangerous must agree with the full decision on every rune it
// answers.
func TestDangerousFastPathAgrees(t *testing.T) {
	for _, span := range [][2]rune{{0x20, 0x7E}, {0x3000, 0x9FFF}} {
		for r := span[0]; r <= span[1]; r++ {
			if dangerousRune(r) && r != hangulFiller {
				t.Errorf("U+%04X is dangerous but the fast path lets it through", r)
			}
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if dangerous(r) != dangerousRune(r) {
			t.Fatalf("U+%04X: dangerous %v, full decision %v", r, dangerous(r), dangerousRune(r))
		}
	}
}
