package sessionfile

import (
	"encoding/json"
	"testing"

	"vendorvet/internal/gen"
)

// sessionFiles are the session files of gen.Scales; the last, the largest import
// accepts, is checked against the limit.
func sessionFiles(b *testing.B) []struct {
	name string
	data []byte
} {
	b.Helper()
	var files []struct {
		name string
		data []byte
	}
	for _, sc := range gen.Scales(1) {
		data, err := Export(sc.Session)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, struct {
			name string
			data []byte
		}{sc.Name, data})
	}
	if n := len(files[len(files)-1].data); n > MaxSize {
		b.Fatalf("the largest file is %d bytes, over the limit", n)
	}
	return files
}

// BenchmarkImportScale reads session files of growing size (Import, what import
// and score do before anything else) beside a floor: encoding/json decoding the
// same file into a map. Budget: linear, the largest file well under a second.
func BenchmarkImportScale(b *testing.B) {
	for _, f := range sessionFiles(b) {
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
		b.Run("import/"+f.name, func(b *testing.B) {
			b.SetBytes(int64(len(f.data)))
			b.ReportAllocs()
			for range b.N {
				if _, err := Import(f.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExportScale writes the same sessions as JSON, what export --format json
// does once the session is read from the database.
func BenchmarkExportScale(b *testing.B) {
	for _, f := range sessionFiles(b) {
		s, err := Import(f.data)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(len(f.data)))
			b.ReportAllocs()
			for range b.N {
				if _, err := Export(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
