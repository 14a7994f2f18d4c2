package cli

import (
	"context"
	"fmt"
	"strings"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/rubric"
)

// mergeUsage is the merge command's help.
var mergeUsage = rubric.Text{
	ZH: `用法：vendorvet merge 编号 文件 [--as 姓名] [--yes]

把一位评估人在会话副本上的回答合并回编号为 ID 的会话：评估人在另一台电脑上导入
会话的 JSON 导出、独立作答后再导出，由负责人合并。只写入这位评估人自己的回答，
不改变任何其他人的；同一文件合并两次，第二次不改变任何内容。评估人在两边都改过的
回答，以修改时间较晚的为准，另一边的值保留在修改记录中。

评估人默认是文件中的 evaluator，可用 --as 指定。文件来自其他会话时，按服务商名称
对应，先列出对应上和未对应上的服务商，加 --yes 才写入。

选项：
  --as 姓名   以此评估人身份合并
  --yes       文件来自其他会话时，确认按名称对应并写入`,
	EN: `Usage: vendorvet merge ID FILE [--as NAME] [--yes]

Merges one evaluator's answers, given on a copy of the session, back into session ID:
the evaluator imported the session's JSON export elsewhere, answered on their own and
exported it again; the lead merges it. Only that evaluator's answers are written, and
nobody else's change; merging the same file twice changes nothing the second time. An
answer the evaluator changed on both sides is taken from the later change, the other
value staying in the history.

The evaluator is the file's "evaluator" unless --as names them. A file from another
session is matched by vendor names: the matched and unmatched vendors are listed, and
nothing is written without --yes.

Flags:
  --as NAME   merge as this evaluator
  --yes       the file comes from another session: write the vendors matched by name`,
}

func (c *cli) merge(args []string) error {
	flags := c.newFlagSet("merge")
	as := flags.String("as", "", "")
	yes := flags.Bool("yes", false, "")
	pos, err := c.positionals(flags, args, 2, rubric.Text{ZH: "一个会话编号和一个 JSON 文件", EN: "a session ID and a JSON file"})
	if err != nil {
		return err
	}
	id, err := c.sessionID(pos[0])
	if err != nil {
		return err
	}
	file, err := c.readSession(pos[1])
	if err != nil {
		return err
	}
	name := strings.TrimSpace(clean.Line(*as))
	if name == "" {
		name = strings.TrimSpace(file.Evaluator)
	}
	if name == "" {
		return c.usagef("文件没有写明评估人，请用 --as 指定。", "The file names no evaluator; name them with --as.")
	}
	return c.withStore(func(ctx context.Context, store *db.Store) error {
		sess, err := c.session(ctx, store, id)
		if err != nil {
			return err
		}
		plan, err := c.mergePlan(sess, file, name)
		if err != nil {
			return err
		}
		sameSession := file.UID != "" && file.UID == sess.UID
		if !sameSession {
			c.listMatches(plan, file)
			if len(plan.vendors) == 0 {
				return c.failf(nil, "文件来自其他会话，且没有服务商名称能对应上，未写入任何内容。",
					"The file comes from another session and no vendor's name matches; nothing was written.")
			}
			if !*yes {
				return c.failf(nil, "文件来自其他会话：确认上面的对应后加 --yes 再运行，才会写入。",
					"The file comes from another session: check the matches above and run again with --yes to write them.")
			}
		}
		res, err := store.Merge(ctx, id, name, plan.vendors)
		if err != nil {
			return c.storeError(err)
		}
		fmt.Fprintln(c.stdout, c.sayf("已合并 %s 的回答：写入 %d 个，%d 个已相同，%d 个本库的修改更晚而保留；新增 %d 条修改记录。",
			"Merged %s's answers: %d written, %d already the same, %d kept as changed later here; %d changes added to the history.",
			name, res.Written, res.Same, res.Kept, res.Recorded))
		return nil
	})
}

// mergeMatch is the file's vendors set beside the session's.
type mergeMatch struct {
	vendors   []db.MergeVendor
	matched   []string // the file's vendors with a vendor of that name here
	unmatched []string // file's vendors with no vendor of that name here
}

// mergePlan matches the file's vendors with the session's by name and takes the
// evaluator's answers from each: their own in a panel's file, else the file's.
func (c *cli) mergePlan(sess *db.Session, file rubric.Session, name string) (mergeMatch, error) {
	byName := map[string]int64{}
	for _, v := range sess.Vendors {
		byName[clean.Line(v.Name)] = v.ID
	}
	var m mergeMatch
	for _, v := range file.Vendors {
		vid, ok := byName[clean.Line(v.Name)]
		if !ok {
			m.unmatched = append(m.unmatched, v.Name)
			continue
		}
		answers := v.Answers
		if len(v.Panel) > 0 {
			own, ok := v.Panel[name]
			if !ok {
				continue // this evaluator gave this vendor nothing
			}
			answers = own
		}
		m.vendors = append(m.vendors, db.MergeVendor{VendorID: vid, Answers: answers, History: v.History})
		m.matched = append(m.matched, v.Name)
	}
	if len(file.Panel) > 0 && !onPanel(file.Panel, name) && !fileGivesAnswers(file) {
		return m, c.failf(nil, "文件的评估小组中没有 %s，也没有可合并的回答。", "%s is not on the file's panel, and it gives no answers to merge.", name)
	}
	return m, nil
}

func onPanel(p []rubric.Evaluator, name string) bool {
	for _, e := range p {
		if e.Name == name {
			return true
		}
	}
	return false
}

// fileGivesAnswers reports whether a file gives answers outside a panel: a file of
// one evaluator.
func fileGivesAnswers(file rubric.Session) bool {
	for _, v := range file.Vendors {
		if len(v.Panel) == 0 && len(v.Answers) > 0 {
			return true
		}
	}
	return false
}

// listMatches says which of the file's vendors match the session's by name.
func (c *cli) listMatches(m mergeMatch, file rubric.Session) {
	fmt.Fprintln(c.stdout, c.sayf("文件来自其他会话（%s），按服务商名称对应：", "The file comes from another session (%s); vendors matched by name:", file.Title))
	for _, n := range m.matched {
		fmt.Fprintln(c.stdout, "  = "+n)
	}
	for _, n := range m.unmatched {
		fmt.Fprintln(c.stdout, c.sayf("  ? %s（本会话没有同名服务商，不合并）", "  ? %s (no vendor of that name here; not merged)", n))
	}
}
