// Package usermsg says what went wrong in a sentence for the person at the keyboard,
// in Chinese or English: the words the interactive interface and the command line
// show for the store's typed errors. The store itself returns errors, never words.
package usermsg

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"vendorvet/db"
	"vendorvet/monitor"
	"vendorvet/rubric"
)

// For turns an error of the store into one sentence in lang; "" for nil.
func For(err error, lang rubric.Lang) string {
	if err == nil {
		return ""
	}
	say := func(zh, en string, args ...any) string {
		return fmt.Sprintf(lang.Pick(zh, en), args...)
	}
	var fe *db.FileError
	if errors.As(err, &fe) {
		if s := fileSentence(fe, say); s != "" {
			return s
		}
	}
	if s := refusedSentence(err, lang, say); s != "" {
		return s
	}
	var followup *db.FollowupError
	if errors.As(err, &followup) {
		return say("待确认事项未保存：%s。", "Follow-up not saved: %s.", followup.Message.In(lang))
	}
	var evidence *db.EvidenceError
	if errors.As(err, &evidence) {
		return say("凭证未保存：%s。", "Evidence not saved: %s.", evidence.Message.In(lang))
	}
	if s := monitoringSentence(err, lang, say); s != "" {
		return s
	}
	switch {
	case errors.Is(err, db.ErrDuplicateVendor):
		return say("未保存：本评估中已有同名服务商，请换一个名称。",
			"Not saved: this session already has a vendor of that name; choose another name.")
	case errors.Is(err, db.ErrTooManyVendors):
		return say("未保存：一个评估最多有 %d 个服务商，已达上限。",
			"Not saved: a session holds at most %d vendors, and this one is full.", rubric.MaxVendors)
	case errors.Is(err, db.ErrViewOnly):
		return say("未保存：你只能查看评估，不能修改（团队服务器上的查看者角色）。",
			"Not saved: you may view the evaluations but not change them (a viewer on the team server).")
	case errors.Is(err, db.ErrLeadOnly):
		return say("未保存：只有本评估的组长可以这样修改。",
			"Not saved: only a lead of this session's panel may change that.")
	case errors.Is(err, db.ErrMayNotStart):
		return say("未保存：你可以加入评估小组，但不能新建评估；请评估组长或管理员把你加入。",
			"Not saved: you may join panels but not start sessions; ask a lead or an admin to add you.")
	case errors.Is(err, db.ErrNotFound):
		return say("该评估或服务商已不存在，可能已在另一个窗口中删除。",
			"This session or vendor no longer exists; it may have been deleted in another window.")
	case errors.Is(err, context.Canceled):
		return say("未保存：操作已取消。", "Not saved: the operation was cancelled.")
	case errors.Is(err, context.DeadlineExceeded):
		return say("未保存：数据库未能及时响应，请重试。", "Not saved: the database did not answer in time; try again.")
	}
	switch db.Cause(err) {
	case db.ErrDiskFull:
		return say("未保存：磁盘已满。腾出空间后，下一次修改即可保存。",
			"Not saved: disk full. Free some space and the next change will be saved.")
	case db.ErrReadOnly:
		return say("未保存：数据库是只读的，请检查文件权限或磁盘。",
			"Not saved: the database is read-only; check the file's permissions or the disk.")
	case db.ErrBusy:
		return say("未保存：另一个 vendorvet 正占用数据库，请稍后重试。",
			"Not saved: another vendorvet is holding the database; try again in a moment.")
	case db.ErrDiskIO:
		return say("未保存：磁盘读写出错(%v)。", "Not saved: the disk reported an error (%v).", err)
	case db.ErrCorrupt:
		return say("数据库已损坏，请从备份恢复。", "The database is damaged; restore a backup.")
	case db.ErrCannotOpen:
		return say("无法打开数据库文件(%v)。", "Cannot open the database file (%v).", err)
	}
	if errors.Is(err, fs.ErrPermission) {
		return say("无法访问数据库文件：没有权限(%v)。", "Cannot use the database file: permission denied (%v).", err)
	}
	return say("数据库出错：%v", "Database error: %v", err)
}

type sayFunc func(zh, en string, args ...any) string

// fileSentence names the database file that was refused and says it is untouched.
func fileSentence(fe *db.FileError, say sayFunc) string {
	switch fe.Kind {
	case db.ErrNotVendorvet:
		return say("%s 不是 vendorvet 数据库，文件未被改动。请换一个文件。",
			"%s is not a vendorvet database; it was left untouched. Choose another file.", fe.Path)
	case db.ErrNewerSchema:
		return say("%s 由更新版本的 vendorvet 写入(数据结构版本 %d，本版本最高支持 %d)，文件未被改动。请升级 vendorvet 后再打开。",
			"%s was written by a newer vendorvet (schema %d; this version reads up to %d); it was left untouched. Update vendorvet to open it.",
			fe.Path, fe.Schema, db.SchemaVersion)
	case db.ErrCorrupt:
		return say("%s 已损坏，无法打开，vendorvet 不会写入它。请从备份恢复或换一个文件。",
			"%s is damaged and cannot be opened; vendorvet will not write to it. Restore a backup or choose another file.", fe.Path)
	case db.ErrStrayLog:
		return say("%[1]s 旁边的日志文件 %[1]s-wal 不属于它或已损坏，vendorvet 没有打开它，两个文件都未被改动。如果刚用备份替换了数据库，请把这个 -wal 文件移走后再试。",
			"The log beside %[1]s (%[1]s-wal) does not belong to it or is damaged; vendorvet did not open it and left both files untouched. If you have just put a backup in its place, move that -wal file away and try again.", fe.Path)
	case db.ErrReadOnly:
		return say("%s 无法写入(没有权限，或文件、文件夹、磁盘只读)；vendorvet 每次修改都立即保存，因此没有打开它，文件未被改动。",
			"%s cannot be written (no permission, or a read-only file, folder or disk), and vendorvet saves every change as it is made, so it was not opened and was left untouched.", fe.Path)
	case db.ErrDiskFull:
		return say("磁盘已满，无法写入 %s；文件未被改动。请腾出空间后再试。",
			"The disk is full, so %s cannot be written; it was left untouched. Free some space and try again.", fe.Path)
	case db.ErrExists:
		return say("%s 已存在，请换一个文件名。", "%s already exists; choose another name.", fe.Path)
	}
	return ""
}

// refusedSentence says why a change was not saved: changed in another window
// meanwhile, or a value the store does not accept.
func refusedSentence(err error, lang rubric.Lang, say sayFunc) string {
	var ce *db.ConflictError
	if errors.As(err, &ce) {
		label := ce.Question
		if q, ok := rubric.QuestionByID(ce.Question); ok {
			label = q.Label.In(lang)
		}
		return say("未保存：「%s」刚在另一个窗口中被修改，请查看当前值后再作答。",
			"Not saved: “%s” was just changed in another window; check its current value and answer again.", label)
	}
	var nc *db.NoteConflictError
	if errors.As(err, &nc) {
		return say("未保存：步骤 %d 的备注刚在另一个窗口中被修改，请查看当前内容后再修改。",
			"Not saved: the notes of step %d were just changed in another window; check what they say now and change them again.", nc.Step)
	}
	var rc *db.RequirementsConflictError
	if errors.As(err, &rc) {
		return say("未保存：需求刚在另一个窗口中被修改，请查看当前值后再修改。",
			"Not saved: the requirements were just changed in another window; check their current values and change them again.")
	}
	var re *db.RequirementsError
	if errors.As(err, &re) {
		return say("未保存：%s。", "Not saved: %s.", re.Field.Message.In(lang))
	}
	var field *rubric.FieldError
	if errors.As(err, &field) {
		return say("未保存：%s。", "Not saved: %s.", fieldMessage(*field, lang))
	}
	var fieldValue rubric.FieldError
	if errors.As(err, &fieldValue) {
		return say("未保存：%s。", "Not saved: %s.", fieldMessage(fieldValue, lang))
	}
	return ""
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

// monitoringSentence says why the store refused a write of trial and monitoring;
// "" for another error.
func monitoringSentence(err error, lang rubric.Lang, say func(string, string, ...any) string) string {
	var exists *db.PeriodExistsError
	if errors.As(err, &exists) {
		return say("未保存：周期 %s 的数据已导入；要替换请加 --replace。", "Not saved: the figures of %s are imported already; add --replace to replace them.",
			strings.Join(exists.Labels, lang.Pick("、", ", ")))
	}
	var refused *monitor.Error
	if errors.As(err, &refused) {
		return say("未保存：%s。", "Not saved: %s.", lang.Pick(refused.ZH, refused.EN))
	}
	switch {
	case errors.Is(err, db.ErrNoEngagement):
		return say("该服务商尚未开始试运营或监控（先运行 vendorvet monitor start）。",
			"This vendor is not under trial or monitoring yet (run vendorvet monitor start first).")
	case errors.Is(err, db.ErrEngagementExists):
		return say("未保存：该服务商已开始试运营或监控；修改条款请用 vendorvet monitor set。",
			"Not saved: this vendor is under trial or monitoring already; change its terms with vendorvet monitor set.")
	}
	return ""
}
