package report

import (
	"fmt"
	"math"

	"vendorvet/rubric"
)

// answerWords says a vendor's answer to q in words, "Unknown" when there is none,
// "not required" for a question the requirements make moot (applicable is
// q.Applicable for the session's requirements).
func answerWords(q *rubric.Question, applicable bool, a rubric.Answers, lang rubric.Lang) string {
	v, known := a.Shown(*q)
	words := lang.Pick("未知", "Unknown")
	if known {
		words = rubric.ValueWords(*q, v, lang)
	}
	if q.Item != "" && !applicable && !q.Detail {
		if !known {
			return lang.Pick("不适用", "Not required")
		}
		return words + lang.Pick("(不适用)", " (not required)")
	}
	return words
}

// priceVsBudget compares a quoted monthly price with the budget, or says why it cannot.
func priceVsBudget(a rubric.Answers, r rubric.Requirements, lang rubric.Lang) (price, verdict string) {
	p, ok := a.Num("price_month")
	if !ok {
		return lang.Pick("未报价", "not quoted"), "—"
	}
	price = rubric.MoneyWords(p, lang)
	if r.BudgetMonth == nil || *r.BudgetMonth <= 0 {
		return price, lang.Pick("未设预算", "no budget set")
	}
	return price, budgetWords(p, *r.BudgetMonth, lang)
}

// budgetWords compares a month's cost with a positive monthly budget: "within budget
// (98%)", "12% over budget".
func budgetWords(p, b float64, lang rubric.Lang) string {
	share := math.Round(p / b * 100)
	if p <= b {
		return lang.Pick(fmt.Sprintf("预算内(%s%%)", rubric.FormatNumber(share)), fmt.Sprintf("within budget (%s%%)", rubric.FormatNumber(share)))
	}
	over := math.Round((p - b) / b * 100)
	return lang.Pick(fmt.Sprintf("超出预算 %s%%", rubric.FormatNumber(over)), fmt.Sprintf("%s%% over budget", rubric.FormatNumber(over)))
}
