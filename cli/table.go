package cli

import (
	"strconv"

	"github.com/mattn/go-runewidth"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/report"
	"vendorvet/rubric"
)

// cellWidth measures text in terminal cells to cut a cell: a Chinese character takes
// two, an ambiguous one one whatever the locale, as in the terminals people use.
var cellWidth = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

// maxTextCells keeps one long title from pushing the other columns off the screen.
const maxTextCells = 30

// sessionTable renders sessions as an aligned table, one a line.
func (c *cli) sessionTable(sessions []db.SessionSummary) string {
	header := []string{
		c.lang.Pick("编号", "ID"), c.lang.Pick("标题", "Title"), c.lang.Pick("客户", "Client"),
		c.lang.Pick("服务商", "Vendors"), c.lang.Pick("领先服务商", "Leader"), c.lang.Pick("得分", "Score"),
		c.lang.Pick("评级", "Band"), c.lang.Pick("最后修改", "Last change"),
	}
	// Numbers line up on the right, text on the left.
	rightAligned := []bool{true, false, false, true, false, true, false, false}
	rows := [][]string{header}
	for _, s := range sessions {
		leader, score, band := "-", "-", "-"
		if s.HasLead {
			leader = cellText(s.Lead)
			score = rubric.FormatNumber(s.LeadTotal)
			band = s.LeadBand.Label(c.lang)
		}
		rows = append(rows, []string{
			strconv.FormatInt(s.ID, 10),
			cellText(s.Title),
			cellText(s.Client),
			strconv.Itoa(s.Vendors),
			leader, score, band,
			s.UpdatedAt.Local().Format("2006-01-02 15:04"),
		})
	}
	return report.Columns(rows, rightAligned)
}

// cellText makes stored text fit one table cell: one clean line, cut to a width.
func cellText(s string) string {
	s = clean.Line(s)
	if s == "" {
		return "-"
	}
	return cellWidth.Truncate(s, maxTextCells, "...")
}
