package report

import (
	"strings"
	"testing"
	"time"

	"vendorvet/rubric"
)

// The report lists the open follow-ups, soonest first, overdue marked; one whose
// question was answered since is done and not listed.
func TestMarkdownListsOpenFollowups(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	s := rubric.Session{Title: "T", Lang: rubric.ZH, Requirements: rubric.DefaultRequirements(), Profile: rubric.DefaultProfile,
		Vendors: []rubric.Vendor{
			{Name: "云帆|呼叫", Answers: rubric.Answers{"nda": {Tri: rubric.Yes}}, Followups: map[string]rubric.Followup{
				"nda":     {Owner: "李", Due: "2026-11-01"},
				"iso9001": {Owner: "王敏", Due: "2026-12-20"},
			}},
			{Name: "网萌", Followups: map[string]rubric.Followup{"mlps": {Owner: "陈", Due: "2026-11-30"}}},
		}}
	md := string(Markdown(s, rubric.ZH, now))
	want := "## 待确认事项\n\n| 服务商 | 问题 | 由谁跟进 | 到期日 |\n|---|---|---|---|\n" +
		"| 网萌 | 等保二级及以上认证 | 陈 | 2026-11-30 **已逾期** |\n" +
		"| 云帆\\|呼叫 | ISO 9001 质量管理体系认证 | 王敏 | 2026-12-20 |\n"
	if !strings.Contains(md, want) {
		t.Errorf("the follow-ups section is not\n%s\nin:\n%s", want, md)
	}
	if strings.Contains(md, "| 李 |") {
		t.Error("a follow-up whose question is answered is listed")
	}
	if md := string(Markdown(rubric.Session{Title: "T", Requirements: rubric.DefaultRequirements(), Profile: rubric.DefaultProfile,
		Vendors: []rubric.Vendor{{Name: "A"}}}, rubric.EN, now)); strings.Contains(md, "Follow-ups") {
		t.Error("a report without follow-ups has their section")
	}
}
