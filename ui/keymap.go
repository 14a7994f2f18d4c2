package ui

import (
	"github.com/charmbracelet/bubbles/key"

	"vendorvet/rubric"
)

// keyMap is every key of the interface with its help in one language: one place
// to read what each screen answers to. A screen copies its part, so that turning a
// key off there leaves the others alone.
type keyMap struct {
	lang         rubric.Lang
	App          appKeys
	Sessions     sessionsKeys
	Session      sessionKeys
	Vendor       vendorKeys
	Requirements requirementsKeys
	Compare      compareKeys
	Capacity     capacityKeys
	WhatIf       whatIfKeys
	Export       exportKeys
	Form         formKeys
	Confirm      confirmKeys
	Notice       noticeKeys
	Panel        panelKeys
	History      historyKeys
	Who          whoKeys
	Monitor      monitorKeys
	QA           qaKeys
}

// appKeys work on every screen.
type appKeys struct{ Quit, ForceQuit, Help key.Binding }

// sessionsKeys are the keys of the list of sessions.
type sessionsKeys struct{ Up, Down, PageUp, PageDown, Open, New, Demo, Rename, Delete, Filter, Export, Done key.Binding }

// sessionKeys are the keys of a session's vendors.
type sessionKeys struct {
	Up, Down, Open, Add, Rename, Remove, Requirements, Compare, Capacity, Export, Back key.Binding
	// Monitor opens the vendor's trial and monitoring, or starts it.
	Monitor key.Binding
	// Blind and AddEvaluator change the panel: a lead's keys.
	Blind, AddEvaluator key.Binding
}

// vendorKeys are the keys of a vendor's steps.
type vendorKeys struct {
	Next, Prev, Steps, Jump, Field, Yes, Card, Followup, Evidence, Submit, Panel, Back key.Binding
}

// requirementsKeys are the keys of step 1, the requirements.
type requirementsKeys struct{ Field, Back key.Binding }

// compareKeys are the keys of the comparison.
type compareKeys struct {
	Left, Right, Up, Down, PageUp, PageDown, Items, Profile, Custom, Capacity, WhatIf, Back key.Binding
}

// capacityKeys are the keys of the capacity plan and its results.
type capacityKeys struct{ Field, Scroll, PageUp, PageDown, WhatIf, Back key.Binding }

// whatIfKeys are the keys of the what-if, which saves nothing until it is adopted.
type whatIfKeys struct{ Field, Scroll, PageUp, PageDown, Adopt, Back key.Binding }

// exportKeys are the keys of the export.
type exportKeys struct{ Write, Focus, Up, Down, PageUp, PageDown, Left, Right, Yes, No, Back key.Binding }

// formKeys are the keys of a dialog.
type formKeys struct{ Next, Back key.Binding }

// confirmKeys are the keys of a yes/no question.
type confirmKeys struct{ Toggle, Yes, No, Enter, Back key.Binding }

// noticeKeys are the keys of a notice.
type noticeKeys struct{ Close key.Binding }

// panelKeys are the keys of a vendor's panel view.
type panelKeys struct{ Up, Down, PageUp, PageDown, Decide, History, Back key.Binding }

// historyKeys are the keys of a vendor's history.
type historyKeys struct{ Up, Down, PageUp, PageDown, Back key.Binding }

// whoKeys are the keys of the question who is evaluating.
type whoKeys struct{ Up, Down, Choose, Back key.Binding }

// monitorKeys are the keys of a vendor's monitoring: its periods, their figures
// and the way to its QA log.
type monitorKeys struct {
	Prev, Next, Up, Down, PageUp, PageDown, Figures, Add, Remove, QA, Back key.Binding
}

// qaKeys are the keys of a vendor's QA sampling log.
type qaKeys struct{ Up, Down, Add, Remove, Back key.Binding }

func newKeyMap(lang rubric.Lang) *keyMap {
	bind := func(keys []string, helpKey, zh, en string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, lang.Pick(zh, en)))
	}
	m := &keyMap{lang: lang}
	m.App.Quit = bind([]string{"q"}, "q", "退出", "quit")
	m.App.ForceQuit = bind([]string{"ctrl+c"}, "ctrl+c", "保存并退出", "save & quit")
	m.App.Help = bind([]string{"?"}, "?", "全部按键", "all keys")
	m.Sessions.Up = bind([]string{"up", "k"}, "↑", "上移", "up")
	m.Sessions.Down = bind([]string{"down", "j"}, "↓", "下移", "down")
	m.Sessions.PageUp = bind([]string{"pgup"}, "pgup", "上一页", "page up")
	m.Sessions.PageDown = bind([]string{"pgdown"}, "pgdn", "下一页", "page down")
	m.Sessions.Open = bind([]string{"enter"}, "enter", "打开", "open")
	m.Sessions.New = bind([]string{"n"}, "n", "新建", "new")
	m.Sessions.Demo = bind([]string{"D"}, "D", "示例", "demo")
	m.Sessions.Rename = bind([]string{"r"}, "r", "重命名", "rename")
	m.Sessions.Delete = bind([]string{"d", "delete"}, "d", "删除", "delete")
	m.Sessions.Filter = bind([]string{"/"}, "/", "筛选", "filter")
	m.Sessions.Export = bind([]string{"e"}, "e", "导出", "export")
	m.Sessions.Done = bind([]string{"enter", "esc"}, "enter/esc", "完成筛选", "done")
	m.Session.Up = bind([]string{"up", "k"}, "↑", "上移", "up")
	m.Session.Down = bind([]string{"down", "j"}, "↓", "下移", "down")
	m.Session.Open = bind([]string{"enter"}, "enter", "评估", "open")
	m.Session.Add = bind([]string{"a"}, "a", "添加", "add")
	m.Session.Rename = bind([]string{"r"}, "r", "重命名", "rename")
	m.Session.Remove = bind([]string{"d", "delete"}, "d", "移除", "remove")
	m.Session.Requirements = bind([]string{"s"}, "s", "需求", "requirements")
	m.Session.Compare = bind([]string{"c"}, "c", "对比", "compare")
	m.Session.Capacity = bind([]string{"m"}, "m", "容量与成本", "capacity & cost")
	m.Session.Export = bind([]string{"e"}, "e", "导出", "export")
	m.Session.Blind = bind([]string{"b"}, "b", "盲评开/关", "blind review on/off")
	m.Session.AddEvaluator = bind([]string{"p"}, "p", "添加成员", "add a member")
	m.Session.Monitor = bind([]string{"o"}, "o", "试运营与监控", "trial & monitoring")
	m.Session.Back = bind([]string{"esc"}, "esc", "返回", "back")
	m.Vendor.Next = bind([]string{"pgdown", "ctrl+n"}, "pgdn", "下一步", "next step")
	m.Vendor.Prev = bind([]string{"pgup", "ctrl+p"}, "pgup", "上一步", "previous step")
	// Steps is the help line's short word for Next and Prev together.
	m.Vendor.Steps = bind([]string{"pgdown", "pgup"}, "pgdn/pgup", "换步骤", "step")
	m.Vendor.Jump = bind([]string{"alt+1", "alt+2", "alt+3", "alt+4", "alt+5", "alt+6", "alt+7"}, "alt+1…7", "跳到该步骤", "go to that step")
	m.Vendor.Field = bind([]string{"tab", "shift+tab"}, "tab/↑↓", "切换问题", "questions")
	m.Vendor.Yes = bind([]string{"y"}, "y/n/u", "是/否/未知", "yes/no/unknown")
	m.Vendor.Card = bind([]string{"ctrl+o"}, "ctrl+o", "全部评分", "scorecard")
	// ctrl+g: 跟进 (gēnjìn); no text field takes it.
	m.Vendor.Followup = bind([]string{"ctrl+g"}, "ctrl+g", "待确认", "follow up")
	// ctrl+e: evidence. A text field's end of line is still end.
	m.Vendor.Evidence = bind([]string{"ctrl+e"}, "ctrl+e", "凭证", "evidence")
	// ctrl+s and ctrl+l: no text field of the steps takes them.
	m.Vendor.Submit = bind([]string{"ctrl+s"}, "ctrl+s", "提交评估", "submit")
	m.Vendor.Panel = bind([]string{"ctrl+l"}, "ctrl+l", "评估小组", "panel")
	m.Vendor.Back = bind([]string{"esc"}, "esc", "返回", "back")
	m.Requirements.Field = bind([]string{"tab", "shift+tab"}, "tab/↑↓", "切换字段", "move between fields")
	m.Requirements.Back = bind([]string{"esc"}, "esc", "完成", "done")
	m.Compare.Left = bind([]string{"left", "h"}, "←/→", "更多服务商", "more vendors")
	m.Compare.Right = bind([]string{"right", "l"}, "→", "向右", "right")
	m.Compare.Up = bind([]string{"up", "k"}, "↑/↓", "上下滚动", "scroll")
	m.Compare.Down = bind([]string{"down", "j"}, "↓", "向下", "down")
	m.Compare.PageUp = bind([]string{"pgup"}, "pgup", "上一页", "page up")
	m.Compare.PageDown = bind([]string{"pgdown", " "}, "pgdn", "下一页", "page down")
	m.Compare.Items = bind([]string{"i"}, "i", "展开细项", "show items")
	m.Compare.Profile = bind([]string{"p"}, "p", "切换权重", "next weights")
	m.Compare.Custom = bind([]string{"w"}, "w", "自定义权重", "custom weights")
	m.Compare.Capacity = bind([]string{"m"}, "m", "容量与成本", "capacity & cost")
	m.Compare.WhatIf = bind([]string{"t", "ctrl+t"}, "t", "假设分析", "what if")
	m.Compare.Back = bind([]string{"esc"}, "esc", "返回", "back")
	m.Capacity.Field = bind([]string{"tab", "shift+tab"}, "tab/↑↓", "切换字段", "move between fields")
	// Every field of the plan takes text: the results scroll and the what-if opens
	// on keys no text field uses.
	m.Capacity.Scroll = bind([]string{"pgdown", "pgup"}, "pgdn/pgup", "滚动结果", "scroll results")
	m.Capacity.PageUp = bind([]string{"pgup"}, "pgup", "结果上一页", "results up")
	m.Capacity.PageDown = bind([]string{"pgdown"}, "pgdn", "结果下一页", "results down")
	m.Capacity.WhatIf = bind([]string{"ctrl+t"}, "ctrl+t", "假设分析", "what if")
	m.Capacity.Back = bind([]string{"esc"}, "esc", "完成", "done")
	m.WhatIf.Field = bind([]string{"tab", "shift+tab"}, "tab/↑↓", "切换字段", "move between fields")
	m.WhatIf.Scroll = bind([]string{"pgdown", "pgup"}, "pgdn/pgup", "滚动结果", "scroll results")
	m.WhatIf.PageUp = bind([]string{"pgup"}, "pgup", "结果上一页", "results up")
	m.WhatIf.PageDown = bind([]string{"pgdown"}, "pgdn", "结果下一页", "results down")
	// ctrl+s: the one save of a screen that saves nothing by itself.
	m.WhatIf.Adopt = bind([]string{"ctrl+s"}, "ctrl+s", "采用为需求", "adopt as requirements")
	m.WhatIf.Back = bind([]string{"esc"}, "esc", "放弃并返回", "leave, nothing saved")
	m.Export.Write = bind([]string{"enter"}, "enter", "写入文件", "write file")
	m.Export.Focus = bind([]string{"tab", "shift+tab"}, "tab", "预览", "preview")
	m.Export.Up = bind([]string{"up"}, "↑/↓", "滚动预览", "scroll preview")
	m.Export.Down = bind([]string{"down"}, "↓", "向下", "down")
	m.Export.PageUp = bind([]string{"pgup"}, "pgup/pgdn", "翻页", "page")
	m.Export.PageDown = bind([]string{"pgdown"}, "pgdn", "下一页", "page down")
	m.Export.Left = bind([]string{"left", "h"}, "←/→", "左右滚动", "scroll sideways")
	m.Export.Right = bind([]string{"right", "l"}, "→", "向右", "right")
	m.Export.Yes = bind([]string{"y", "Y"}, "y", "覆盖", "overwrite")
	m.Export.No = bind([]string{"n", "N", "esc"}, "n/esc", "不覆盖", "keep the file")
	m.Export.Back = bind([]string{"esc"}, "esc", "返回", "back")
	m.Form.Next = bind([]string{"enter"}, "enter", "下一项/确定", "next / done")
	m.Form.Back = bind([]string{"esc"}, "esc", "取消", "cancel")
	m.Confirm.Toggle = bind([]string{"left", "right", "tab", "h", "l"}, "←/→", "切换", "switch")
	m.Confirm.Yes = bind([]string{"y", "Y"}, "y", "是", "yes")
	m.Confirm.No = bind([]string{"n", "N"}, "n", "否", "no")
	m.Confirm.Enter = bind([]string{"enter"}, "enter", "确定", "confirm")
	m.Confirm.Back = bind([]string{"esc"}, "esc", "取消", "cancel")
	m.Notice.Close = bind([]string{"enter", "esc", " "}, "enter", "知道了", "got it")
	m.Panel.Up = bind([]string{"up", "k"}, "↑/↓", "选择问题", "questions")
	m.Panel.Down = bind([]string{"down", "j"}, "↓", "下移", "down")
	m.Panel.PageUp = bind([]string{"pgup"}, "pgup", "上一页", "page up")
	m.Panel.PageDown = bind([]string{"pgdown", " "}, "pgdn", "下一页", "page down")
	m.Panel.Decide = bind([]string{"enter", "d"}, "enter", "裁定共识", "decide")
	m.Panel.History = bind([]string{"h"}, "h", "修改记录", "history")
	m.Panel.Back = bind([]string{"esc"}, "esc", "返回", "back")
	m.History.Up = bind([]string{"up", "k"}, "↑/↓", "滚动", "scroll")
	m.History.Down = bind([]string{"down", "j"}, "↓", "向下", "down")
	m.History.PageUp = bind([]string{"pgup"}, "pgup", "上一页", "page up")
	m.History.PageDown = bind([]string{"pgdown", " "}, "pgdn", "下一页", "page down")
	m.History.Back = bind([]string{"esc"}, "esc", "返回", "back")
	m.Who.Up = bind([]string{"up", "k"}, "↑/↓", "选择", "choose")
	m.Who.Down = bind([]string{"down", "j"}, "↓", "下移", "down")
	m.Who.Choose = bind([]string{"enter"}, "enter", "就是我", "that is me")
	m.Who.Back = bind([]string{"esc"}, "esc", "返回", "back")
	// The periods move as the comparison's vendors do, and with [ and ] as well.
	m.Monitor.Prev = bind([]string{"left", "h", "["}, "←/→", "换周期", "period")
	m.Monitor.Next = bind([]string{"right", "l", "]"}, "→", "下一周期", "next period")
	m.Monitor.Up = bind([]string{"up", "k"}, "↑/↓", "滚动", "scroll")
	m.Monitor.Down = bind([]string{"down", "j"}, "↓", "向下", "down")
	m.Monitor.PageUp = bind([]string{"pgup"}, "pgup", "上一页", "page up")
	m.Monitor.PageDown = bind([]string{"pgdown", " "}, "pgdn", "下一页", "page down")
	m.Monitor.Figures = bind([]string{"enter"}, "enter", "本周期数据", "figures")
	m.Monitor.Add = bind([]string{"a"}, "a", "录入新周期", "new period")
	m.Monitor.Remove = bind([]string{"d", "delete"}, "d", "删除本周期数据", "remove the period")
	// s: sampling, 抽检.
	m.Monitor.QA = bind([]string{"s"}, "s", "质检抽检", "QA log")
	m.Monitor.Back = bind([]string{"esc"}, "esc", "返回", "back")
	m.QA.Up = bind([]string{"up", "k"}, "↑/↓", "选择", "choose")
	m.QA.Down = bind([]string{"down", "j"}, "↓", "下移", "down")
	m.QA.Add = bind([]string{"a"}, "a", "记录抽检", "log a sample")
	m.QA.Remove = bind([]string{"d", "delete"}, "d", "删除", "remove")
	m.QA.Back = bind([]string{"esc"}, "esc", "返回", "back")
	return m
}
