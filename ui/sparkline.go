package ui

import (
	"math"
	"strings"
)

// sparkBars are the eight heights of a sparkline, lowest first.
var sparkBars = []rune("▁▂▃▄▅▆▇█")

// sparkGap stands in a sparkline for a period with nothing to measure.
const sparkGap = '·'

// sparkline draws values as one bar each, scaled from the lowest to the highest
// known value; known[i] false is a gap. All values alike are drawn half high, as
// there is no rise or fall to show.
func sparkline(values []float64, known []bool) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range values {
		if known[i] {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	var b strings.Builder
	top := len(sparkBars) - 1
	for i, v := range values {
		switch {
		case !known[i]:
			b.WriteRune(sparkGap)
		case hi-lo < 1e-12:
			b.WriteRune(sparkBars[top/2])
		default:
			b.WriteRune(sparkBars[int(math.Round((v-lo)/(hi-lo)*float64(top)))])
		}
	}
	return b.String()
}
