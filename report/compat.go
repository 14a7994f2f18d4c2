package report

import (
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// The session file moved to package sessionfile; these names keep the callers that
// have not moved yet building. Use sessionfile's names in new code.
const (
	Format        = sessionfile.Format
	MaxImportSize = sessionfile.MaxSize
)

// ImportError is sessionfile.ImportError.
type ImportError = sessionfile.ImportError

// ExportJSON is sessionfile.Export.
func ExportJSON(s rubric.Session) ([]byte, error) { return sessionfile.Export(s) }

// ImportJSON is sessionfile.Import.
func ImportJSON(data []byte) (rubric.Session, error) { return sessionfile.Import(data) }
