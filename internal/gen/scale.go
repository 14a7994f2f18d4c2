package gen

import (
	"strings"

	"vendorvet/rubric"
)

// Largest returns the largest session vendorvet imports, for measuring scale:
// rubric.MaxVendors vendors as Session makes them, each with notes at every step of
// about 3 KB, so that its JSON export is about 19 MB, just under the 20 MB limit.
func Largest(seed uint64) rubric.Session {
	s := Session(Rand(seed), rubric.MaxVendors)
	note := strings.Repeat("营业执照已核验,现场参观基地。", 70)
	for i := range s.Vendors {
		for step := 2; step <= 7; step++ {
			s.Vendors[i].Notes[step] = note
		}
	}
	return s
}
