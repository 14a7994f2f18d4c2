//go:build slow

package ui

import (
	"fmt"
	"testing"
)

func TestEveryScreenFitsEverySizeWithThirtyLongNames(t *testing.T) {
	sizes := [][2]int{{20, 5}, {40, 10}, {80, 24}, {200, 60}}
	for _, lang := range langs {
		c := newTestCommon(t, lang)
		storeSession(t, c, thirtyVendors(lang))
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s_%dx%d", lang, sz[0], sz[1]), func(t *testing.T) {
				walkEveryScreen(t, c, sz[0], sz[1])
			})
		}
	}
}
