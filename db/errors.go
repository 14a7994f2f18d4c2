package db

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"vendorvet/rubric"
)

// The kinds of failure the caller may want to tell apart; test them with errors.Is.
var (
	// ErrNotVendorvet: the file is not a vendorvet database (not SQLite, another
	// application's SQLite file, or a folder). It was not modified.
	ErrNotVendorvet = errors.New("not a vendorvet database")
	// ErrNewerSchema: the database was written by a newer vendorvet. It was not modified.
	ErrNewerSchema = errors.New("written by a newer version of vendorvet")
	// ErrCorrupt: the file is a damaged database (truncated, zeroed, failed check).
	ErrCorrupt = errors.New("database file is damaged")
	// ErrStrayLog: the database is sound, but the write-ahead log beside it (PATH-wal)
	// would make it a damaged one: another database's log, or a damaged one. Neither
	// file was modified.
	ErrStrayLog = errors.New("the write-ahead log beside it does not belong to it or is damaged")
	// ErrConflict: an answer, a note or a requirement changed underneath the caller;
	// see ConflictError, NoteConflictError and RequirementsConflictError.
	ErrConflict = errors.New("changed elsewhere meanwhile")
	// ErrNotFound: the session or vendor does not exist (any more).
	ErrNotFound = errors.New("not found")
	// ErrExists: a file that would be created already exists.
	ErrExists = errors.New("file already exists")
	// ErrReadOnly: the database, its folder or its disk cannot be written. vendorvet
	// saves every change as it is made, so it does not open what it cannot write.
	// The file was not modified.
	ErrReadOnly = errors.New("database cannot be written")
	// ErrDiskFull: the disk the database is on is full, so that it could not be
	// opened for writing. The file was not modified.
	ErrDiskFull = errors.New("the disk is full")
	// ErrDuplicateVendor: the session already has a vendor of that name; names tell
	// vendors apart in the comparison, the report and the JSON export.
	ErrDuplicateVendor = errors.New("the session already has a vendor of that name")
)

// FileError names the database file a problem was found in.
type FileError struct {
	Path string
	// Kind is ErrNotVendorvet, ErrNewerSchema, ErrCorrupt, ErrStrayLog, ErrReadOnly,
	// ErrDiskFull or ErrExists.
	Kind error
	// Schema is the schema version found in the file, for ErrNewerSchema.
	Schema int
	// Err is the underlying cause, when there is one.
	Err error
}

func (e *FileError) Error() string {
	s := e.Path + ": " + e.Kind.Error()
	if e.Kind == ErrNewerSchema {
		s += fmt.Sprintf(" (schema %d, this version reads up to %d)", e.Schema, SchemaVersion)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *FileError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// ConflictError is returned by SaveAnswer when the answer's stored version is not
// the one the caller based its change on. errors.Is(err, ErrConflict) holds.
type ConflictError struct {
	VendorID int64
	Question string
	// Current is the stored value; nil when the answer is now unknown.
	Current *rubric.Value
	// Version is the stored version, to base the next attempt on.
	Version int64
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("vendor %d: %s: %v (now at version %d)", e.VendorID, e.Question, ErrConflict, e.Version)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// NoteConflictError is returned by ChangeNote when the stored note is no longer the
// text the caller changed. errors.Is(err, ErrConflict) holds.
type NoteConflictError struct {
	VendorID int64
	Step     int
	// Current is the stored text; "" when the step has no note now.
	Current string
}

func (e *NoteConflictError) Error() string {
	return fmt.Sprintf("vendor %d: notes of step %d: %v", e.VendorID, e.Step, ErrConflict)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *NoteConflictError) Is(target error) bool { return target == ErrConflict }

// RequirementsConflictError is returned by ChangeRequirements when a field the caller
// changed no longer holds the value the caller saw. errors.Is(err, ErrConflict) holds.
type RequirementsConflictError struct {
	SessionID int64
	// Fields are the fields in conflict, by their names in the session format.
	Fields []string
	// Current is the stored requirements, every field as it is now.
	Current rubric.Requirements
}

func (e *RequirementsConflictError) Error() string {
	return fmt.Sprintf("session %d: requirements %s: %v", e.SessionID, strings.Join(e.Fields, ", "), ErrConflict)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *RequirementsConflictError) Is(target error) bool { return target == ErrConflict }

// requirementsError is a requirement the store refused; its Field is a requirements
// field, not a question id, even where the two share a name ("channels").
type requirementsError struct{ field rubric.FieldError }

func (e *requirementsError) Error() string { return "requirements: " + e.field.Error() }
func (e *requirementsError) Unwrap() error { return &e.field }

// sqliteCode returns the primary SQLite result code inside err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// UserMessage turns an error of this package into one sentence for the person at the
// keyboard, in lang. It returns "" for nil.
func UserMessage(err error, lang rubric.Lang) string {
	if err == nil {
		return ""
	}
	say := func(zh, en string, args ...any) string {
		return fmt.Sprintf(rubric.Text{ZH: zh, EN: en}.In(lang), args...)
	}
	var fe *FileError
	if errors.As(err, &fe) {
		switch fe.Kind {
		case ErrNotVendorvet:
			return say("%s 不是 vendorvet 数据库，文件未被改动。请换一个文件。",
				"%s is not a vendorvet database; it was left untouched. Choose another file.", fe.Path)
		case ErrNewerSchema:
			return say("%s 由更新版本的 vendorvet 写入(数据结构版本 %d，本版本最高支持 %d)，文件未被改动。请升级 vendorvet 后再打开。",
				"%s was written by a newer vendorvet (schema %d; this version reads up to %d); it was left untouched. Update vendorvet to open it.",
				fe.Path, fe.Schema, SchemaVersion)
		case ErrCorrupt:
			return say("%s 已损坏，无法打开，vendorvet 不会写入它。请从备份恢复或换一个文件。",
				"%s is damaged and cannot be opened; vendorvet will not write to it. Restore a backup or choose another file.", fe.Path)
		case ErrStrayLog:
			return say("%[1]s 旁边的日志文件 %[1]s-wal 不属于它或已损坏，vendorvet 没有打开它，两个文件都未被改动。如果刚用备份替换了数据库，请把这个 -wal 文件移走后再试。",
				"The log beside %[1]s (%[1]s-wal) does not belong to it or is damaged; vendorvet did not open it and left both files untouched. If you have just put a backup in its place, move that -wal file away and try again.", fe.Path)
		case ErrReadOnly:
			return say("%s 无法写入(没有权限，或文件、文件夹、磁盘只读)；vendorvet 每次修改都立即保存，因此没有打开它，文件未被改动。",
				"%s cannot be written (no permission, or a read-only file, folder or disk), and vendorvet saves every change as it is made, so it was not opened and was left untouched.", fe.Path)
		case ErrDiskFull:
			return say("磁盘已满，无法写入 %s；文件未被改动。请腾出空间后再试。",
				"The disk is full, so %s cannot be written; it was left untouched. Free some space and try again.", fe.Path)
		case ErrExists:
			return say("%s 已存在，请换一个文件名。", "%s already exists; choose another name.", fe.Path)
		}
	}
	var ce *ConflictError
	if errors.As(err, &ce) {
		label := ce.Question
		if q, ok := rubric.QuestionByID(ce.Question); ok {
			label = q.Label.In(lang)
		}
		return say("未保存：「%s」刚在另一个窗口中被修改，请查看当前值后再作答。",
			"Not saved: “%s” was just changed in another window; check its current value and answer again.", label)
	}
	var nc *NoteConflictError
	if errors.As(err, &nc) {
		return say("未保存：步骤 %d 的备注刚在另一个窗口中被修改，请查看当前内容后再修改。",
			"Not saved: the notes of step %d were just changed in another window; check what they say now and change them again.", nc.Step)
	}
	var rc *RequirementsConflictError
	if errors.As(err, &rc) {
		return say("未保存：需求刚在另一个窗口中被修改，请查看当前值后再修改。",
			"Not saved: the requirements were just changed in another window; check their current values and change them again.")
	}
	var re *requirementsError
	if errors.As(err, &re) {
		return say("未保存：%s。", "Not saved: %s.", re.field.Message.In(lang))
	}
	var field *rubric.FieldError
	if errors.As(err, &field) {
		return say("未保存：%s。", "Not saved: %s.", fieldMessage(*field, lang))
	}
	var fieldValue rubric.FieldError
	if errors.As(err, &fieldValue) {
		return say("未保存：%s。", "Not saved: %s.", fieldMessage(fieldValue, lang))
	}
	switch {
	case errors.Is(err, ErrDuplicateVendor):
		return say("未保存：本评估中已有同名服务商，请换一个名称。",
			"Not saved: this session already has a vendor of that name; choose another name.")
	case errors.Is(err, ErrNotFound):
		return say("该评估或服务商已不存在，可能已在另一个窗口中删除。",
			"This session or vendor no longer exists; it may have been deleted in another window.")
	case errors.Is(err, context.Canceled):
		return say("未保存：操作已取消。", "Not saved: the operation was cancelled.")
	case errors.Is(err, context.DeadlineExceeded):
		return say("未保存：数据库未能及时响应，请重试。", "Not saved: the database did not answer in time; try again.")
	case errors.Is(err, syscall.ENOSPC):
		return diskFull(lang)
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		return diskFull(lang)
	case sqlite3.SQLITE_READONLY:
		return say("未保存：数据库是只读的，请检查文件权限或磁盘。",
			"Not saved: the database is read-only; check the file's permissions or the disk.")
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return say("未保存：另一个 vendorvet 正占用数据库，请稍后重试。",
			"Not saved: another vendorvet is holding the database; try again in a moment.")
	case sqlite3.SQLITE_IOERR:
		return say("未保存：磁盘读写出错(%v)。", "Not saved: the disk reported an error (%v).", err)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return say("数据库已损坏，请从备份恢复。", "The database is damaged; restore a backup.")
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return say("无法打开数据库文件(%v)。", "Cannot open the database file (%v).", err)
	}
	if errors.Is(err, fs.ErrPermission) {
		return say("无法访问数据库文件：没有权限(%v)。", "Cannot use the database file: permission denied (%v).", err)
	}
	return say("数据库出错：%v", "Database error: %v", err)
}

func diskFull(lang rubric.Lang) string {
	return rubric.Text{
		ZH: "未保存：磁盘已满。腾出空间后，下一次修改即可保存。",
		EN: "Not saved: disk full. Free some space and the next change will be saved.",
	}.In(lang)
}

// fieldMessage says what is wrong with a field, naming the question when it is one.
func fieldMessage(e rubric.FieldError, lang rubric.Lang) string {
	if q, ok := rubric.QuestionByID(e.Field); ok {
		sep := ": "
		if lang == rubric.ZH {
			sep = "："
		}
		return q.Label.In(lang) + sep + e.Message.In(lang)
	}
	return e.Message.In(lang)
}
