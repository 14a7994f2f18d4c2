package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/mattn/go-runewidth"

	"vendorvet/capacity"
	"vendorvet/clean"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// scored is a session with every vendor scored and ranked.
type scored struct {
	profile rubric.Profile
	cards   []rubric.Scorecard
	names   []string
	order   []int // indexes into cards, best first
	stable  rubric.Stability
}

// sessionProfile is the session's profile; a session that never chose one uses the
// default.
func sessionProfile(p rubric.Profile) rubric.Profile {
	if p.Name == "" && p.Weights == [4]float64{} {
		return rubric.DefaultProfile
	}
	return p
}

func scoreSession(s rubric.Session) scored {
	sc := scored{profile: sessionProfile(s.Profile)}
	for _, v := range s.Vendors {
		sc.cards = append(sc.cards, rubric.ScoreVendor(s.Requirements, v, sc.profile))
		sc.names = append(sc.names, v.Name)
	}
	sc.order = rubric.Ranking(sc.cards, sc.names)
	sc.stable = rubric.RankStability(sc.cards, sc.names, sc.profile)
	return sc
}

// ScoreJSON is the output of `vendorvet score FILE --json` (format.md "Scorecards"):
// per vendor the weighted dimensions, the raw item points, total, potential, band,
// completeness, knockout and flag codes, capacity, and with a panel of more than one
// each evaluator's total and the disagreements; then the ranking and whether it is
// stable.
// encoding/json writes it; formatLayout then lays it out as format.md does.
func ScoreJSON(s rubric.Session) ([]byte, error) {
	sc := scoreSession(s)
	doc := scoreDoc{
		Profile: profileJSON(sc.profile),
		Vendors: make([]cardDoc, len(sc.cards)),
		Ranking: make([]string, len(sc.order)),
	}
	if sc.stable.Tested {
		doc.RankStable = &sc.stable.Stable
	}
	cmp := capacity.Compare(s.Requirements, s.Vendors, sc.cards)
	panels := evaluatePanel(s, sc.profile)
	for i, c := range sc.cards {
		doc.Vendors[i] = newCardDoc(sc.names[i], c)
		doc.Vendors[i].Capacity = newCapacityDoc(cmp, cmp.Lines[i])
		if panels != nil {
			doc.Vendors[i].Panel, doc.Vendors[i].Disagreements = newPanelDocs(panels[i])
		}
	}
	doc.Need = newNeedDoc(cmp.Capacity)
	if cmp.Cheapest >= 0 {
		doc.CheapestCovering = &sc.names[cmp.Cheapest]
	}
	for i, idx := range sc.order {
		doc.Ranking[i] = sc.names[idx]
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // read by people, not put into HTML
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return formatLayout(b.Bytes()), nil
}

// scoreDoc is the document of ScoreJSON, its fields in format.md's order.
type scoreDoc struct {
	Profile any       `json:"profile"` // a profile's name, or its weights
	Vendors []cardDoc `json:"vendors"`
	Ranking []string  `json:"ranking"`
	// RankStable is null when fewer than two vendors are in contention: there is no
	// order to test, and "stable" would claim a check that was not made.
	RankStable *bool `json:"rank_stable"`
	// Need is the agents the requirements need, null when nothing can be sized;
	// CheapestCovering names the cheapest vendor for a year that covers the peak.
	Need             *needDoc `json:"need"`
	CheapestCovering *string  `json:"cheapest_covering"`
}

// needDoc is the need in agents at the busiest half hour of a normal and a peak day,
// the staff to schedule, the people to employ, and the plan fields estimated.
type needDoc struct {
	Agents        int      `json:"agents"`
	PeakAgents    int      `json:"peak_agents"`
	Scheduled     int      `json:"scheduled"`
	PeakScheduled int      `json:"peak_scheduled"`
	FTE           float64  `json:"fte"`
	PeakFTE       float64  `json:"peak_fte"`
	Estimated     []string `json:"estimated"`
}

func newNeedDoc(c rubric.Capacity) *needDoc {
	if !c.Sized() {
		return nil
	}
	n := c.Need
	return &needDoc{Agents: n.Agents, PeakAgents: n.PeakAgents, Scheduled: n.Scheduled, PeakScheduled: n.PeakScheduled,
		FTE: round1(n.FTE), PeakFTE: round1(n.PeakFTE), Estimated: append([]string{}, c.Estimated...)}
}

// capacityDoc is a vendor's coverage of the peak and its cheapest way to pay for a
// year; null where it cannot be said.
type capacityDoc struct {
	CoversPeak  *bool    `json:"covers_peak"`
	Basis       *string  `json:"basis"` // "seats" or "multiple"
	PeakRatio   *float64 `json:"peak_ratio"`
	Billing     *string  `json:"billing"` // the cheapest option's model; "quoted" for the vendor's own figure
	Package     bool     `json:"with_package"`
	NormalMonth *int64   `json:"normal_month"`
	PeakMonth   *int64   `json:"peak_month"`
	Annual      *int64   `json:"annual"`
	PerContact  *float64 `json:"per_contact"`
}

func newCapacityDoc(cmp capacity.Comparison, l capacity.Line) capacityDoc {
	var d capacityDoc
	switch l.Cover.Basis {
	case capacity.BySeats:
		basis, ratio := "seats", math.Floor(l.Cover.PeakRatio*1000)/1000
		d.Basis, d.PeakRatio = &basis, &ratio
	case capacity.ByMultiple:
		basis := "multiple"
		d.Basis = &basis
	}
	if d.Basis != nil {
		covers := l.Cover.CoversPeak
		d.CoversPeak = &covers
	}
	if o, ok := l.Cost.Best(); ok {
		model := o.Model
		if o.AsQuoted {
			model = "quoted"
		}
		normal, peak, annual := int64(math.Round(o.NormalMonth)), int64(math.Round(o.PeakMonth)), int64(math.Round(o.Annual))
		per := math.Round(o.PerContact*100) / 100
		d.Billing, d.Package = &model, o.WithPackage
		d.NormalMonth, d.PeakMonth, d.Annual, d.PerContact = &normal, &peak, &annual, &per
	}
	return d
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// cardDoc is one vendor's scorecard. encoding/json writes a map's keys sorted, which
// is the rubric's order of the dimensions (A–D) and of the items (A1–D4).
type cardDoc struct {
	Name        string                 `json:"name"`
	Dimensions  map[string]json.Number `json:"dimensions"`
	Items       map[string]int         `json:"items"`
	Total       json.Number            `json:"total"`
	Potential   json.Number            `json:"potential"`
	Band        rubric.Band            `json:"band"`
	Provisional bool                   `json:"provisional"`
	Answered    int                    `json:"answered"`
	Applicable  int                    `json:"applicable"`
	Knockouts   []string               `json:"knockouts"`
	Flags       []string               `json:"flags"`
	Capacity    capacityDoc            `json:"capacity"`
	// Panel is each evaluator's own total, in the panel's order, and
	// Disagreements the questions they do not agree on, most points at stake
	// first: both empty without a panel of more than one.
	Panel         []memberDoc       `json:"panel"`
	Disagreements []disagreementDoc `json:"disagreements"`
}

// memberDoc is one evaluator's own answers to a vendor, scored.
type memberDoc struct {
	Evaluator string      `json:"evaluator"`
	Total     json.Number `json:"total"`
	Band      rubric.Band `json:"band"`
}

// disagreementDoc is a question the panel does not agree on and the lead has not
// decided: each evaluator's answer as the session file encodes it, how far they
// agree ("majority", "split" or "spread") and the points at stake.
type disagreementDoc struct {
	Question  string       `json:"question"`
	Answers   givenAnswers `json:"answers"`
	Agreement string       `json:"agreement"`
	Stake     json.Number  `json:"stake"`
}

// givenAnswers are a question's answers by evaluator, an object in the panel's
// order rather than encoding/json's order of a map's keys; null is unknown.
type givenAnswers []givenAnswer

type givenAnswer struct {
	evaluator string
	answer    json.RawMessage // nil: unknown
}

func (g givenAnswers) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as the rest of the document
	b.WriteByte('{')
	for k, a := range g {
		if k > 0 {
			b.WriteByte(',')
		}
		if err := enc.Encode(a.evaluator); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteByte(':')
		if a.answer == nil {
			b.WriteString("null")
		} else {
			b.Write(a.answer)
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// newPanelDocs are a vendor's panel and disagreements as the document gives them:
// the evaluators who took part in it, and with one of them nothing to disagree on.
func newPanelDocs(pv panelVendor) ([]memberDoc, []disagreementDoc) {
	members := make([]memberDoc, 0, len(pv.eval.Members))
	disagreements := []disagreementDoc{}
	for _, m := range pv.eval.Members {
		members = append(members, memberDoc{Evaluator: m.Evaluator, Total: json.Number(rubric.FormatPoints(m.Card.Total)), Band: m.Card.Band})
	}
	for _, q := range pv.eval.Disagreements() {
		rq, _ := rubric.QuestionByID(q.ID)
		answers := make(givenAnswers, len(q.Given))
		for k, g := range q.Given {
			answers[k].evaluator = g.Evaluator
			if g.Known {
				answers[k].answer = rq.Encode(g.Value)
			}
		}
		disagreements = append(disagreements, disagreementDoc{Question: q.ID, Answers: answers,
			Agreement: agreementCode(q.Agreement), Stake: json.Number(rubric.FormatPoints(q.Stake))})
	}
	return members, disagreements
}

// newCardDoc is c as the document gives it. Points are written as the scorecard
// rounds them: a weighted total may carry one decimal.
func newCardDoc(name string, c rubric.Scorecard) cardDoc {
	d := cardDoc{
		Name:        name,
		Dimensions:  make(map[string]json.Number, len(c.Dimensions)),
		Items:       make(map[string]int, len(c.Items)),
		Total:       json.Number(rubric.FormatPoints(c.Total)),
		Potential:   json.Number(rubric.FormatPoints(c.Potential)),
		Band:        c.Band,
		Provisional: c.Provisional,
		Answered:    c.Answered,
		Applicable:  c.Applicable,
		Knockouts:   c.KnockoutCodes(),
		Flags:       c.FlagCodes(),
		// Without a panel of more than one: empty lists, not null.
		Panel:         []memberDoc{},
		Disagreements: []disagreementDoc{},
	}
	for _, ds := range c.Dimensions {
		d.Dimensions[ds.ID] = json.Number(rubric.FormatPoints(ds.Points))
	}
	for _, it := range c.Items {
		d.Items[it.ID] = it.Points
	}
	return d
}

// profileJSON names a built-in profile, or gives any other profile's weights.
func profileJSON(p rubric.Profile) any {
	if name, ok := sessionfile.ProfileName(p); ok {
		return name
	}
	weights := make(map[string]float64, len(rubric.Dimensions))
	for d, dim := range rubric.Dimensions {
		weights[dim.ID] = p.Weights[d]
	}
	return weights
}

// formatLayout puts each list and object of indented JSON that holds plain values
// only on the line of its key, as format.md lays out a scorecard: ["a", "b"] and
// { "A": 19, "B": 32 }, the items one dimension a line under each other; such an
// object in a list, an evaluator's total, takes a line of its own. Only
// whitespace changes. Indented JSON has one value a line, and a line that ends in
// "{" or "[" opens a container (a string ends in a quote), so lines are enough.
func formatLayout(indented []byte) []byte {
	lines := bytes.SplitAfter(indented, []byte("\n"))
	out := make([]byte, 0, len(indented))
	for i := 0; i < len(lines); i++ {
		members, end, ok := flatContainer(lines, i)
		if !ok {
			out = append(out, lines[i]...)
			continue
		}
		open := bytes.TrimSuffix(lines[i], []byte("\n"))
		closer := bytes.TrimSpace(lines[end])
		if open[len(open)-1] == '[' {
			out = append(out, open...)
			out = append(out, bytes.Join(members, []byte(", "))...)
		} else {
			out = append(out, open...)
			out = append(out, ' ')
			groupBreak := append([]byte(",\n"), bytes.Repeat([]byte(" "), len(open)+1)...)
			byDimension := bytes.HasPrefix(bytes.TrimSpace(open), []byte(`"items":`))
			for k, m := range members {
				switch {
				case k == 0:
				case byDimension && m[1] != members[k-1][1]: // "B1" after "A4"
					out = append(out, groupBreak...)
				default:
					out = append(out, ", "...)
				}
				out = append(out, m...)
			}
			out = append(out, ' ')
		}
		out = append(out, closer...)
		out = append(out, '\n')
		i = end
	}
	return out
}

// flatContainer reads the list or object that lines[at] opens after its key, or the
// object it opens in a list, when it holds plain values only: its members without
// indentation or commas, and the index of its closing line.
func flatContainer(lines [][]byte, at int) (members [][]byte, end int, ok bool) {
	open := bytes.TrimSpace(lines[at])
	afterKey := len(open) > 0 && open[0] == '"' && (open[len(open)-1] == '{' || open[len(open)-1] == '[')
	// An object on a line of its own is in a list, unless it is the document itself,
	// which is not indented.
	inList := string(open) == "{" && len(lines[at]) > 0 && lines[at][0] == ' '
	if !afterKey && !inList {
		return nil, 0, false
	}
	for end = at + 1; end < len(lines); end++ {
		l := bytes.TrimSpace(lines[end])
		switch {
		case len(l) == 0:
			return nil, 0, false
		case l[0] == '}' || l[0] == ']':
			return members, end, len(members) > 0
		case l[len(l)-1] == '{' || l[len(l)-1] == '[':
			return nil, 0, false
		}
		members = append(members, bytes.TrimSuffix(l, []byte(",")))
	}
	return nil, 0, false
}

// ScoreText is the same scorecards as a plain-text table for a terminal, columns
// aligned by display width so that Chinese names line up, followed by each vendor's
// knockouts and red flags as sentences and the ranking's stability.
func ScoreText(s rubric.Session, lang rubric.Lang) string {
	sc := scoreSession(s)
	var b strings.Builder
	if title := clean.Line(s.Title); title != "" {
		b.WriteString(title + "\n")
	}
	fmt.Fprintf(&b, "%s%s\n", lang.Pick("权重方案:", "Weight profile: "), sc.profile.Label(lang))
	legend := make([]string, len(rubric.Dimensions))
	for d, dim := range rubric.Dimensions {
		legend[d] = dim.ID + " " + dim.Name.In(lang)
	}
	b.WriteString(strings.Join(legend, " · ") + "\n\n")
	if len(sc.cards) == 0 {
		b.WriteString(lang.Pick("尚未添加服务商。", "No vendors yet.") + "\n")
		return b.String()
	}

	header := []string{"#", lang.Pick("服务商", "Vendor")}
	for d, dim := range rubric.Dimensions {
		header = append(header, dim.ID+"/"+rubric.FormatNumber(sc.profile.Weights[d]))
	}
	header = append(header, lang.Pick("总分", "Total"), lang.Pick("最高可达", "Up to"), lang.Pick("已答", "Answered"), lang.Pick("结论", "Band"))
	rows := [][]string{header}
	for pos, i := range sc.order {
		c := sc.cards[i]
		rank := fmt.Sprint(pos + 1)
		if c.Band == rubric.Disqualified {
			rank = "—"
		}
		row := []string{rank, truncate(clean.Line(sc.names[i]), 32)}
		for _, d := range c.Dimensions {
			row = append(row, rubric.FormatPoints(d.Points))
		}
		// A disqualified vendor reaches nothing that matters, whatever its open questions.
		upTo := rubric.FormatPoints(c.Potential)
		if c.Band == rubric.Disqualified {
			upTo = "—"
		}
		row = append(row, rubric.FormatPoints(c.Total), upTo,
			fmt.Sprintf("%d/%d", c.Answered, c.Applicable), rubric.BandWords(c, lang))
		rows = append(rows, row)
	}
	// Rank, name and band to the left, the numbers to the right.
	right := make([]bool, len(rows[0]))
	for col := 2; col < len(right)-1; col++ {
		right[col] = true
	}
	b.WriteString(Columns(rows, right))

	for _, i := range sc.order {
		c := sc.cards[i]
		if len(c.Knockouts) == 0 && len(c.Flags) == 0 && !c.Provisional {
			continue
		}
		b.WriteString("\n" + clean.Line(sc.names[i]) + "\n")
		for _, f := range c.Knockouts {
			b.WriteString("  " + rubric.KnockoutWords(f, lang) + "\n")
		}
		for _, f := range c.Flags {
			b.WriteString("  " + rubric.FlagWords(f, lang) + "\n")
		}
		if c.Provisional {
			b.WriteString("  " + rubric.Capitalized(rubric.ProvisionalWords(c, lang)) + "\n")
		}
	}
	name := func(i int) string { return clean.Line(sc.names[i]) }
	b.WriteString("\n" + lang.Pick("排名稳定性:", "Ranking stability: ") + stabilityWords(sc, lang, name) + "\n")
	return b.String()
}

// Columns lays out the header rows[0] and the rows below it in columns two spaces
// apart, measured in terminal cells so that Chinese names line up, the columns
// marked in right aligned to the right; lines end without trailing spaces.
func Columns(rows [][]string, right []bool) string {
	last := len(rows[0]) - 1
	t := table.New().
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderHeader(false).BorderColumn(false).
		Headers(rows[0]...).
		Rows(rows[1:]...).
		StyleFunc(func(_, col int) lipgloss.Style {
			st := lipgloss.NewStyle()
			if col < last {
				st = st.PaddingRight(2)
			}
			if right[col] {
				st = st.Align(lipgloss.Right)
			}
			return st
		})
	var b strings.Builder
	for _, line := range strings.Split(t.String(), "\n") {
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// cells measures text in terminal cells. Characters of ambiguous width (—, …) count
// as one cell whatever the locale says, as modern terminals draw them, so that the
// output does not depend on the environment.
var cells = func() *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = false
	return c
}()

// truncate shortens s to at most w terminal cells.
func truncate(s string, w int) string { return cells.Truncate(s, w, "…") }

// stabilityWords says whether the top two vendors in contention keep their order
// under every ±5 weight shift, naming them with name (an index into the cards); it
// follows a label such as "Ranking stability:", and claims nothing when fewer than
// two vendors are in contention.
func stabilityWords(sc scored, lang rubric.Lang, name func(int) string) string {
	if len(sc.cards) < 2 {
		return lang.Pick("只有一家服务商,无需比较排名。", "Only one vendor, so there is no ranking to test.")
	}
	st := sc.stable
	if !st.Tested {
		return rubric.NoOrderToTest.In(lang)
	}
	a, b := name(st.Top[0]), name(st.Top[1])
	if st.Stable {
		return lang.Pick(fmt.Sprintf("稳定。任一维度权重变动 ±%d 分时,%s、%s(仍在考虑之列的前两家)先后不变。", rubric.ShiftStep, a, b),
			fmt.Sprintf("Stable — the top two in contention, %s and %s, keep their order when any dimension weight moves by ±%d.", a, b, rubric.ShiftStep))
	}
	shifts := make([]string, len(st.Flips))
	for i, f := range st.Flips {
		shifts[i] = fmt.Sprintf("%s %+g", f.Dim, f.Delta)
	}
	return lang.Pick(fmt.Sprintf("不稳定。以下权重变动会改变%s、%s(仍在考虑之列的前两家)的名次:%s(其余维度按比例调整)。", a, b, strings.Join(shifts, "、")),
		fmt.Sprintf("Not stable — moving a weight by %s (the others re-normalised) changes the places of the top two in contention, %s and %s.", strings.Join(shifts, ", "), a, b))
}
