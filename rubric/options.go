package rubric

// The value sets of format.md, with their labels.

var ChannelOptions = Options{
	{"web", Text{"网页在线", "Web chat"}},
	{"app", Text{"APP在线", "App chat"}},
	{"wechat", Text{"微信", "WeChat"}},
	{"phone", Text{"电话热线", "Phone hotline"}},
	{"email", Text{"邮件", "Email"}},
	{"ecommerce", Text{"电商平台(淘宝/天猫/京东/抖音)", "E-commerce platforms"}},
	{"offline", Text{"线下门店/展会", "Offline store / exhibition"}},
}

var PeakPeriodOptions = Options{
	{"promotions", Text{"大促(618/双11)", "Promotions (618 / Double 11)"}},
	{"holidays", Text{"节假日", "Holidays"}},
	{"launches", Text{"新品发布", "Product launches"}},
	{"evenings", Text{"晚间", "Evenings"}},
	{"other", Text{"其他", "Other"}},
}

// HoursOptions are ordered from least to most coverage; Covers relies on that order.
var HoursOptions = Options{
	{"5x8", Text{"5×8小时", "5×8"}},
	{"7x12", Text{"7×12小时", "7×12"}},
	{"7x16", Text{"7×16小时", "7×16"}},
	{"7x24", Text{"7×24小时", "7×24"}},
}

var GoalOptions = Options{
	{"cost", Text{"成本控制", "Cost control"}},
	{"quality", Text{"服务质量提升", "Service quality"}},
	{"disputes", Text{"售后纠纷处理", "After-sales disputes"}},
	{"retention", Text{"用户留存转化", "Retention & conversion"}},
}

var IndustryOptions = Options{
	{"ecommerce", Text{"电商", "E-commerce"}},
	{"finance", Text{"金融", "Finance"}},
	{"healthcare", Text{"医疗", "Healthcare"}},
	{"education", Text{"教育", "Education"}},
	{"gaming", Text{"游戏", "Gaming"}},
	{"saas", Text{"软件/科技", "SaaS / tech"}},
	{"logistics", Text{"物流", "Logistics"}},
	{"other", Text{"其他", "Other"}},
}

var StaffingOptions = Options{
	{"process", Text{"业务外包", "Process outsourcing"}},
	{"dispatch", Text{"人员外包(劳务派遣)", "Staff dispatch"}},
}

// BillingOptions are the ways a vendor may charge; a vendor often offers several.
var BillingOptions = Options{
	{"per_hour", Text{"按工时", "Per hour"}},
	{"per_volume", Text{"按咨询量", "Per volume"}},
	{"per_seat", Text{"按人数", "Per agent"}},
	{"fixed_plus_variable", Text{"固定+浮动", "Fixed + variable"}},
	{"promo_package", Text{"大促专项套餐", "Promotion package"}},
}

// ReportCadences are the regular reports the second article asks for (日报/周报/
// 月报); "none" says the vendor sends none.
var ReportCadences = Options{
	{"daily", Text{"日报", "Daily"}},
	{"weekly", Text{"周报", "Weekly"}},
	{"monthly", Text{"月报", "Monthly"}},
	{"none", Text{"不提供定期报告", "No regular reports"}},
}

var HiddenFeeOptions = Options{
	{"training", Text{"培训费", "Training fee"}},
	{"system", Text{"系统使用费", "System fee"}},
	{"equipment", Text{"设备费", "Equipment fee"}},
	{"overtime", Text{"加班费", "Overtime fee"}},
}

// Covers reports whether vendor service hours cover the required ones.
func Covers(vendor, required string) bool {
	v, r := HoursOptions.Index(vendor), HoursOptions.Index(required)
	return v >= 0 && r >= 0 && v >= r
}

// TrainingTopicOptions are what onboarding training may cover: the first article's
// product knowledge, service etiquette and compliance, and the second's platform
// rules and conversion skills.
var TrainingTopicOptions = Options{
	{"product", Text{"产品知识", "Product knowledge"}},
	{"etiquette", Text{"服务礼仪", "Service etiquette"}},
	{"compliance", Text{"合规", "Compliance"}},
	{"platform_rules", Text{"平台规则", "Platform rules"}},
	{"sales", Text{"询单转化技巧", "Sales conversion skills"}},
}

// CoreTrainingTopics are the topics the first article names (产品知识培训、服务礼仪培训、
// 合规培训): onboarding covering all three earns its point.
var CoreTrainingTopics = []string{"product", "etiquette", "compliance"}

// InvoiceOptions are ordered from worst to best for the client, as the best case
// takes the last: a special VAT invoice lets the client deduct its input VAT.
var InvoiceOptions = Options{
	{"none", Text{"不开发票", "No invoice"}},
	{"vat_ordinary", Text{"增值税普通发票", "VAT ordinary invoice"}},
	{"vat_special", Text{"增值税专用发票", "VAT special invoice"}},
}
