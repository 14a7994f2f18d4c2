package cli

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// versionString describes this build: the module version when it was installed at
// one, else "devel", with the source revision when the build recorded it.
func versionString() string {
	info, _ := debug.ReadBuildInfo() // nil when the binary carries none
	return formatVersion(info)
}

// formatVersion renders build information such as
// "vendorvet devel (49c1881d2e3f, 2026-01-05T10:00:00Z, modified) go1.26.0".
func formatVersion(info *debug.BuildInfo) string {
	version, goVersion := "devel", runtime.Version()
	var vcs []string
	if info != nil {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			version = v
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
		settings := map[string]string{}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if rev := settings["vcs.revision"]; rev != "" {
			vcs = append(vcs, rev[:min(12, len(rev))])
		}
		if t := settings["vcs.time"]; t != "" {
			vcs = append(vcs, t)
		}
		if settings["vcs.modified"] == "true" {
			vcs = append(vcs, "modified")
		}
	}
	out := "vendorvet " + version
	if len(vcs) > 0 {
		out += " (" + strings.Join(vcs, ", ") + ")"
	}
	return out + " " + goVersion
}
