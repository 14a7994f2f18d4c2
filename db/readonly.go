package db

import "errors"

// ErrViewOnly: a write to a store opened for someone who may only look (ViewOnly).
// Nothing was written.
var ErrViewOnly = errors.New("this person may view the evaluations but not change them")

// ViewOnly makes every later write of the store fail with ErrViewOnly, while reads
// go on as before: the store of someone who may see the evaluations but not change
// them. It is called before the store is handed to anything that writes, as the
// writes read the refusal without a lock.
func (s *Store) ViewOnly() {
	if s.writeErr == nil {
		s.writeErr = ErrViewOnly
	}
}
