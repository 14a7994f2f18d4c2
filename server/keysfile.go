package server

import "time"

// loadKeys reads the keys file into the keyring, logging each line skipped with
// its number; why says what made it read the file.
func (s *Server) loadKeys(why string) error {
	bad, err := s.keys.load(s.cfg.KeysPath)
	if err != nil {
		return err
	}
	for _, e := range bad {
		s.log.Warn("keys file: line skipped", "file", s.cfg.KeysPath, "line", e.Line, "err", e.Err)
	}
	s.keys.mu.RLock()
	n := len(s.keys.byKey)
	s.keys.mu.RUnlock()
	s.log.Info("keys loaded", "file", s.cfg.KeysPath, "people", n, "skipped", len(bad), "why", why)
	return nil
}

// watchKeys reads the keys file again when it changes or Reload says so, until
// the server stops. A file that cannot be read leaves the people as they were.
func (s *Server) watchKeys() {
	tick := time.NewTicker(keysPoll)
	defer tick.Stop()
	for {
		var why string
		select {
		case <-s.ctx.Done():
			return
		case <-s.cfg.Reload:
			why = "reload"
		case <-tick.C:
			if !s.keys.changed(s.cfg.KeysPath) {
				continue
			}
			why = "changed"
		}
		if err := s.loadKeys(why); err != nil {
			s.log.Error("keys file", "file", s.cfg.KeysPath, "err", err)
		}
	}
}
