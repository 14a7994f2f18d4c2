package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"testing"

	"vendorvet/internal/gen"
	"vendorvet/sessionfile"
)

// scaleFiles are the session files of gen.Scales.
func scaleFiles(b *testing.B) []struct {
	name string
	data []byte
} {
	b.Helper()
	var files []struct {
		name string
		data []byte
	}
	for _, sc := range gen.Scales(1) {
		data, err := sessionfile.Export(sc.Session)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, struct {
			name string
			data []byte
		}{sc.Name, data})
	}
	return files
}

// runCommand runs vendorvet in-process with data on standard input.
func runCommand(b *testing.B, data []byte, args ...string) {
	var stderr bytes.Buffer
	if code := Main(args, bytes.NewReader(data), io.Discard, &stderr, func(string) string { return "" }); code != 0 {
		b.Fatalf("%v: exit %d: %s", args, code, stderr.String())
	}
}

// BenchmarkScaleCommands runs `import -` and `score -` on each file, beside a floor:
// encoding/json decoding the same file into a map. Budget: linear in the file; the
// largest file scores in under 2 s and 200 MB.
func BenchmarkScaleCommands(b *testing.B) {
	for _, f := range scaleFiles(b) {
		b.Run("floor/"+f.name, func(b *testing.B) {
			b.SetBytes(int64(len(f.data)))
			b.ReportAllocs()
			for range b.N {
				var m map[string]any
				if err := json.Unmarshal(f.data, &m); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("score/"+f.name, func(b *testing.B) {
			b.SetBytes(int64(len(f.data)))
			b.ReportAllocs()
			for range b.N {
				runCommand(b, f.data, "--lang", "en", "score", "-")
			}
		})
		b.Run("import/"+f.name, func(b *testing.B) {
			dbPath := filepath.Join(b.TempDir(), "vendorvet.db")
			runCommand(b, nil, "--db", dbPath, "list") // creates the database outside the timing
			b.SetBytes(int64(len(f.data)))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				runCommand(b, f.data, "--db", dbPath, "import", "-")
			}
		})
	}
}
