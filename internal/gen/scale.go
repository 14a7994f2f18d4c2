package gen

import (
	"strconv"
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

// Scale is a session of a size the scale benchmarks measure, named by its vendors
// ("10", "100", "1000") or "max" for Largest.
type Scale struct {
	Name    string
	Session rubric.Session
}

// Scales are the sessions the scale benchmarks read: 10, 100 and 1,000 vendors as an
// evaluation has them, and the largest file import accepts.
func Scales(seed uint64) []Scale {
	var out []Scale
	for _, n := range []int{10, 100, 1000} {
		out = append(out, Scale{strconv.Itoa(n), Session(Rand(seed), n)})
	}
	return append(out, Scale{"max", Largest(seed)})
}
