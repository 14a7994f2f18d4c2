package sessionfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"vendorvet/clean"
	"vendorvet/rubric"
)

// MaxSize is the largest session file Import reads. A real session with long
// notes is well under a megabyte; anything near this is not a session.
const MaxSize = 20 << 20

// maxDepth bounds the nesting of the document; the format itself is four levels deep.
const maxDepth = 16

// ImportError says what is wrong with a session file and where: Path is the key that
// is wrong, e.g. `vendors[1](示例服务商).answers.nda` (vendors are counted from 1, as
// people count, and named), or "" for the file as a whole.
type ImportError struct {
	Path    string
	Message rubric.Text
}

// Error reads as an English sentence that names the key.
func (e *ImportError) Error() string { return e.In(rubric.EN) }

// In returns the message in lang, prefixed by the path of the key. Paths and
// messages quote the file's own keys and values, so the sentence is cleaned here,
// whichever check built it: nothing in a file reaches a terminal as a control.
func (e *ImportError) In(lang rubric.Lang) string {
	if e.Path == "" {
		return clean.Line(e.Message.In(lang))
	}
	sep := ": "
	if lang == rubric.ZH {
		sep = ":"
	}
	return clean.Line(e.Path + sep + e.Message.In(lang))
}

func importErr(path, zh, en string) *ImportError {
	return &ImportError{Path: path, Message: rubric.Text{ZH: zh, EN: en}}
}

// Import reads a vendorvet.session/1 document strictly: an unknown or repeated key,
// a value of the wrong type or out of range, a bad notes step or bad profile weights
// is an *ImportError naming the key (and the vendor). A missing key means unknown, or
// the rubric's default for requirements. Free text is cleaned of control characters.
// Two vendors may not share a name: the ranking and the report refer to vendors by name.
func Import(data []byte) (rubric.Session, error) {
	var s rubric.Session
	text := bytes.TrimPrefix(data, []byte("\ufeff")) // editors on Windows add a BOM
	if len(text) > MaxSize {
		return s, importErr("", fmt.Sprintf("文件过大(%d 字节),会话文件不能超过 %d MB", len(text), MaxSize>>20),
			fmt.Sprintf("the file is too large (%d bytes); a session file may be at most %d MB", len(text), MaxSize>>20))
	}
	if at := invalidUTF8(text); at >= 0 {
		// encoding/json would read the byte as U+FFFD and store it silently. Lines and
		// columns count as an editor shows them, the offset as a hex dump of the file.
		line, col := position(text, int64(at+1))
		offset := at + len(data) - len(text)
		return s, importErr("", fmt.Sprintf("文件第 %d 行第 %d 列(字节偏移 %d)不是有效的 UTF-8 编码;请将文件存为 UTF-8", line, col, offset),
			fmt.Sprintf("the file is not valid UTF-8 at line %d, column %d (byte offset %d); save it as UTF-8", line, col, offset))
	}
	data = text
	if err := checkSyntax(data); err != nil {
		return s, err
	}
	if t := bytes.TrimSpace(data); t[0] != '{' {
		zh, en := kindOf(t)
		return s, importErr("", "会话文件须为一个 JSON 对象,而不是"+zh, "a session file must be one JSON object, not "+en)
	}
	top, err := members(data, "")
	if err != nil {
		return s, err
	}
	if err := checkFormat(top); err != nil {
		return s, err
	}
	s.Profile = rubric.DefaultProfile
	s.Requirements = rubric.DefaultRequirements()
	for _, m := range top {
		switch m.Key {
		case "format":
		case "title":
			s.Title, err = lineValue(m.Value, "title")
		case "client":
			s.Client, err = lineValue(m.Value, "client")
		case "evaluator":
			s.Evaluator, err = lineValue(m.Value, "evaluator")
		case "uid":
			s.UID, err = uidValue(m.Value)
		case "panel":
			s.Panel, err = evaluatorsValue(m.Value)
		case "blind":
			s.Blind, err = boolValue(m.Value, "blind")
		case "viewers":
			s.Viewers, err = viewersValue(m.Value)
		case "lang":
			s.Lang, err = langValue(m.Value)
		case "profile":
			s.Profile, err = profileValue(m.Value)
		case "requirements":
			s.Requirements, err = requirementsValue(m.Value)
		case "vendors":
			s.Vendors, err = vendorsValue(m.Value)
		default:
			err = unknownKey(m.Key, "")
		}
		if err != nil {
			return rubric.Session{}, err
		}
	}
	if err := checkPanel(s); err != nil {
		return rubric.Session{}, err
	}
	return s, nil
}

// checkSyntax rejects what is not one well-formed JSON value, saying where the
// problem is, and documents nested deeper than the format could ever be.
func checkSyntax(data []byte) error {
	// Valid is one pass without allocating; the decode below only says where it failed.
	if !json.Valid(data) {
		var raw json.RawMessage
		err := json.Unmarshal(data, &raw)
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			line, col := position(data, syn.Offset)
			return importErr("", fmt.Sprintf("文件不是有效的 JSON:第 %d 行第 %d 列附近有误(%s)", line, col, syn.Error()),
				fmt.Sprintf("the file is not valid JSON: %s at line %d, column %d", syn.Error(), line, col))
		}
		return importErr("", "文件不是有效的 JSON 或编码不是 UTF-8", "the file is not valid JSON: "+err.Error())
	}
	if depth(data) > maxDepth {
		return importErr("", fmt.Sprintf("文件嵌套超过 %d 层,不是 vendorvet 会话", maxDepth),
			fmt.Sprintf("the file is nested more than %d levels deep, which no vendorvet session is", maxDepth))
	}
	return nil
}

// invalidUTF8 returns the offset of the first byte of data that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// position turns a byte offset into a 1-based line and column (in characters).
func position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return line, max(col, 1)
}

// depth is the deepest nesting of objects and arrays in valid JSON.
func depth(data []byte) int {
	d, deepest, inString, escaped := 0, 0, false, false
	for _, c := range data {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			d++
			deepest = max(deepest, d)
		case c == '}' || c == ']':
			d--
		}
	}
	return deepest
}

// members reads a JSON object keeping its key order, and rejects a repeated key
// (which a map would silently collapse to its last value). raw is part of a document
// checkSyntax accepted, so it is split where it stands, without checking it again.
func members(raw json.RawMessage, path string) ([]member, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '{' {
		return nil, typeErr(path, "对象", "an object", raw)
	}
	var out []member
	seen := map[string]bool{}
	for i := skipSpace(t, 1); t[i] != '}'; {
		end := stringEnd(t, i)
		key, err := unquote(t[i:end])
		if err != nil {
			return nil, importErr(path, "无法读取键", "cannot read a key: "+err.Error())
		}
		i = skipSpace(t, skipSpace(t, end)+1) // past the colon
		end = valueEnd(t, i)
		if seen[key] {
			return nil, importErr(join(path, key), fmt.Sprintf("键 %q 出现了两次", key), fmt.Sprintf("the key %q appears twice", key))
		}
		seen[key] = true
		out = append(out, member{key, t[i:end]})
		if i = skipSpace(t, end); t[i] == ',' {
			i = skipSpace(t, i+1)
		}
	}
	return out, nil
}

// elements splits a JSON array of a document checkSyntax accepted into at most
// limit elements, and counts them all in n; ok is false when raw is not an array.
func elements(raw json.RawMessage, limit int) (list []json.RawMessage, n int, ok bool) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '[' {
		return nil, 0, false
	}
	for i := skipSpace(t, 1); t[i] != ']'; n++ {
		end := valueEnd(t, i)
		if n < limit {
			list = append(list, t[i:end])
		}
		if i = skipSpace(t, end); t[i] == ',' {
			i = skipSpace(t, i+1)
		}
	}
	return list, n, true
}

// skipSpace returns the index of the first byte at or after i that is not JSON
// white space.
func skipSpace(t []byte, i int) int {
	for i < len(t) && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the index just past the valid JSON value that starts at i.
func valueEnd(t []byte, i int) int {
	switch t[i] {
	case '"':
		return stringEnd(t, i)
	case '{', '[':
		return closing(t, i) + 1
	}
	for i < len(t) && !strings.ContainsRune(",}] \t\n\r", rune(t[i])) {
		i++
	}
	return i
}

// stringEnd returns the index just past the JSON string that starts at i.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// closing returns the index of the bracket that closes the one at i.
func closing(src []byte, i int) int {
	depth := 0
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '"':
			j = stringEnd(src, j) - 1
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(src) - 1
}

// unquote decodes a valid JSON string; most have no escapes to decode.
func unquote(quoted []byte) (string, error) {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1 : len(quoted)-1]), nil
	}
	var s string
	err := json.Unmarshal(quoted, &s)
	return s, err
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func unknownKey(key, path string) error {
	return importErr(join(path, key), fmt.Sprintf("未知的键 %q(请对照 %s 格式检查拼写)", key, Format),
		fmt.Sprintf("unknown key %q (check its spelling against the %s format)", key, Format))
}

// typeErr says which type a key needs and which one it has.
func typeErr(path, wantZH, wantEN string, raw json.RawMessage) error {
	gotZH, gotEN := kindOf(raw)
	return importErr(path, fmt.Sprintf("须为%s,而不是%s", wantZH, gotZH), fmt.Sprintf("must be %s, not %s", wantEN, gotEN))
}

func kindOf(raw json.RawMessage) (zh, en string) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "空值", "nothing"
	}
	switch t[0] {
	case '{':
		return "对象", "an object"
	case '[':
		return "数组", "a list"
	case '"':
		return "字符串", "a string"
	case 't', 'f':
		return "布尔值", "true/false"
	case 'n':
		return "null", "null"
	}
	return "数字", "a number"
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func checkFormat(top []member) error {
	i := slices.IndexFunc(top, func(m member) bool { return m.Key == "format" })
	if i < 0 {
		return importErr("format", fmt.Sprintf("缺少 \"format\" 键,这不是 vendorvet 会话文件(应为 %q)", Format),
			fmt.Sprintf("the \"format\" key is missing: this is not a vendorvet session file (expected %q)", Format))
	}
	var f string
	if json.Unmarshal(top[i].Value, &f) != nil || isNull(top[i].Value) {
		return typeErr("format", "字符串", "a string", top[i].Value)
	}
	if !slices.Contains([]string{Format, FormatV3, FormatV2, FormatV1}, f) {
		return importErr("format", fmt.Sprintf("不支持的格式 %q,本程序读取 %q 及更早的 /3、/2、/1", f, Format),
			fmt.Sprintf("format %q is not supported; this program reads %q and the earlier /3, /2 and /1", f, Format))
	}
	return nil
}

func stringValue(raw json.RawMessage, path string) (string, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '"' {
		return "", typeErr(path, "字符串", "a string", raw)
	}
	s, err := unquote(t)
	if err != nil {
		return "", typeErr(path, "字符串", "a string", raw)
	}
	// encoding/json reads an unpaired surrogate escape as U+FFFD, silently.
	if strings.ContainsRune(s, utf8.RuneError) && unpairedSurrogate(raw) {
		return "", importErr(path, "含有不成对的 UTF-16 代理项转义(\\uD800–\\uDFFF),它不代表任何字符",
			"holds an unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF), which stands for no character")
	}
	return s, nil
}

// unpairedSurrogate reports whether the JSON string raw has a \u escape of half a
// surrogate pair without its other half.
func unpairedSurrogate(raw []byte) bool {
	escape := func(i int) rune { // the \uXXXX at i, or -1
		if i+6 > len(raw) || raw[i] != '\\' || raw[i+1] != 'u' {
			return -1
		}
		n, err := strconv.ParseUint(string(raw[i+2:i+6]), 16, 32)
		if err != nil {
			return -1
		}
		return rune(n)
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		r := escape(i)
		switch {
		case r < 0:
			i++ // a one-letter escape such as \\ or \"
		case r >= 0xDC00 && r <= 0xDFFF:
			return true
		case r >= 0xD800 && r <= 0xDBFF:
			if low := escape(i + 6); low < 0xDC00 || low > 0xDFFF {
				return true
			}
			i += 11
		default:
			i += 5
		}
	}
	return false
}

// lineValue reads a one-line free-text field and cleans it; one longer than the
// interface lets anyone type is refused rather than cut.
func lineValue(raw json.RawMessage, path string) (string, error) {
	s, err := stringValue(raw, path)
	if err != nil {
		return "", err
	}
	s = clean.Line(s)
	if n := utf8.RuneCountInString(s); n > clean.MaxLine {
		return "", importErr(path, fmt.Sprintf("过长(%d 个字符),此项最多 %d 个字符", n, clean.MaxLine),
			fmt.Sprintf("is too long (%d characters); this field holds at most %d", n, clean.MaxLine))
	}
	return s, nil
}

// textValue reads a multi-line free-text field and cleans it.
func textValue(raw json.RawMessage, path string) (string, error) {
	s, err := stringValue(raw, path)
	return clean.Text(s), err
}

func numberValue(raw json.RawMessage, path string) (float64, error) {
	var f float64
	if isNull(raw) || json.Unmarshal(raw, &f) != nil {
		zh, en := kindOf(raw)
		if en == "a number" {
			return 0, importErr(path, "数值超出范围", "the number is out of range")
		}
		return 0, importErr(path, "须为数字,而不是"+zh, "must be a number, not "+en)
	}
	return f, nil
}

func intValue(raw json.RawMessage, path string) (int, error) {
	f, err := numberValue(raw, path)
	if err != nil {
		return 0, err
	}
	if f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, importErr(path, "须为整数", "must be a whole number")
	}
	return int(f), nil
}

func listValue(raw json.RawMessage, path string) ([]string, error) {
	var l []string
	if isNull(raw) || json.Unmarshal(raw, &l) != nil {
		return nil, typeErr(path, "字符串数组", "a list of strings", raw)
	}
	if l == nil {
		l = []string{}
	}
	return l, nil
}

func langValue(raw json.RawMessage) (rubric.Lang, error) {
	s, err := stringValue(raw, "lang")
	if err != nil {
		return "", err
	}
	if s != string(rubric.ZH) && s != string(rubric.EN) {
		return "", importErr("lang", fmt.Sprintf("须为 \"zh\" 或 \"en\",而不是 %q", s),
			fmt.Sprintf("must be \"zh\" or \"en\", not %q", s))
	}
	return rubric.Lang(s), nil
}

// profileValue reads "default", "regulated" or four weights {"A","B","C","D"}.
func profileValue(raw json.RawMessage) (rubric.Profile, error) {
	if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '"' {
		name, _ := stringValue(raw, "profile")
		if p, ok := rubric.ProfileByName(name); ok && name != "" {
			return p, nil
		}
		return rubric.Profile{}, importErr("profile", fmt.Sprintf("须为 \"default\"、\"regulated\" 或四项权重 {\"A\",\"B\",\"C\",\"D\"},而不是 %q", name),
			fmt.Sprintf("must be \"default\", \"regulated\" or four weights {\"A\",\"B\",\"C\",\"D\"}, not %q", name))
	}
	ms, err := members(raw, "profile")
	if err != nil {
		return rubric.Profile{}, typeErr("profile", "\"default\"、\"regulated\" 或权重对象", "\"default\", \"regulated\" or an object of weights", raw)
	}
	p := rubric.Profile{Name: "custom"}
	seen := [4]bool{}
	for _, m := range ms {
		d := slices.IndexFunc(rubric.Dimensions, func(dim rubric.Dimension) bool { return dim.ID == m.Key })
		if d < 0 {
			return rubric.Profile{}, unknownKey(m.Key, "profile")
		}
		w, err := numberValue(m.Value, "profile."+m.Key)
		if err != nil {
			return rubric.Profile{}, err
		}
		if w < 0 || w > 100 {
			return rubric.Profile{}, importErr("profile."+m.Key, "权重须在 0 到 100 之间", "a weight must be between 0 and 100")
		}
		p.Weights[d], seen[d] = w, true
	}
	sum := 0.0
	for d, dim := range rubric.Dimensions {
		if !seen[d] {
			return rubric.Profile{}, importErr("profile."+dim.ID, "缺少该维度的权重(四项权重须全部给出)",
				"the weight of this dimension is missing (give all four: A, B, C, D)")
		}
		sum += p.Weights[d]
	}
	if p.Validate() != nil {
		s := rubric.FormatNumber(math.Round(sum*1000) / 1000)
		return rubric.Profile{}, importErr("profile", "四项权重之和须为 100,当前为 "+s, "the four weights must sum to 100, not "+s)
	}
	return p, nil
}

// requirementsValue reads step 1; a missing key keeps the rubric's default.
func requirementsValue(raw json.RawMessage) (rubric.Requirements, error) {
	r := rubric.DefaultRequirements()
	ms, err := members(raw, "requirements")
	if err != nil {
		return r, err
	}
	for _, m := range ms {
		f, ok := rubric.RequirementFieldByID(m.Key)
		if !ok {
			return r, unknownKey(m.Key, "requirements")
		}
		if err := requirementValue(f, &r, m.Value, "requirements."+m.Key); err != nil {
			return r, err
		}
	}
	// A session still being set up may have no channel yet; every other rule holds.
	check := r
	if len(check.Channels) == 0 {
		check.Channels = []string{rubric.ChannelOptions[0].Value}
	}
	if errs := check.Validate(); len(errs) > 0 {
		e := errs[0]
		return r, &ImportError{Path: "requirements." + e.Field, Message: e.Message}
	}
	return r, nil
}

// requirementValue reads the field f of step 1 into r.
func requirementValue(f rubric.RequirementField, r *rubric.Requirements, raw json.RawMessage, path string) (err error) {
	switch f.Kind {
	case rubric.KindSet:
		*f.List(r), err = listValue(raw, path)
	case rubric.KindChoice:
		*f.Str(r), err = stringValue(raw, path)
	case rubric.KindText:
		*f.Str(r), err = textValue(raw, path)
	case rubric.KindNumber:
		if f.Optional && isNull(raw) {
			r.SetNumber(f.ID, 0, false)
			return nil
		}
		var x float64
		if f.Reading.Integer {
			var n int
			n, err = intValue(raw, path)
			x = float64(n)
		} else {
			x, err = numberValue(raw, path)
		}
		r.SetNumber(f.ID, x, true)
	}
	return err
}

func vendorsValue(raw json.RawMessage) ([]rubric.Vendor, error) {
	list, n, ok := elements(raw, rubric.MaxVendors)
	if !ok {
		return nil, typeErr("vendors", "数组", "a list", raw)
	}
	if n > rubric.MaxVendors {
		return nil, importErr("vendors", fmt.Sprintf("有 %d 个服务商,一个会话最多 %d 个", n, rubric.MaxVendors),
			fmt.Sprintf("has %d vendors; a session holds at most %d", n, rubric.MaxVendors))
	}
	vendors := make([]rubric.Vendor, 0, len(list))
	numbers := make(map[string]int, len(list)) // a vendor's number by its name
	for i, item := range list {
		v, err := vendorValue(item, i+1)
		if err != nil {
			return nil, err
		}
		if j, ok := numbers[v.Name]; ok {
			return nil, importErr(vendorPath(i+1, v.Name)+".name",
				fmt.Sprintf("与第 %d 个服务商重名;每个服务商的名称须唯一", j),
				fmt.Sprintf("the same name as vendor %d; every vendor needs its own name", j))
		}
		numbers[v.Name] = i + 1
		vendors = append(vendors, v)
	}
	if len(vendors) == 0 {
		return nil, nil // no vendors reads the same whether the list was empty or absent
	}
	return vendors, nil
}

// vendorPath names a vendor by its position from 1 and its name, shortened.
func vendorPath(n int, name string) string {
	p := fmt.Sprintf("vendors[%d]", n)
	if name == "" {
		return p
	}
	if r := []rune(name); len(r) > 40 {
		name = string(r[:40]) + "…"
	}
	return p + "(" + name + ")"
}

func vendorValue(raw json.RawMessage, n int) (rubric.Vendor, error) {
	v := rubric.Vendor{Answers: rubric.Answers{}}
	ms, err := members(raw, fmt.Sprintf("vendors[%d]", n))
	if err != nil {
		return v, err
	}
	// The name comes first so that every later error can say which vendor it is about.
	if i := slices.IndexFunc(ms, func(m member) bool { return m.Key == "name" }); i >= 0 {
		if v.Name, err = lineValue(ms[i].Value, vendorPath(n, "")+".name"); err != nil {
			return v, err
		}
	}
	path := vendorPath(n, v.Name)
	if strings.TrimSpace(v.Name) == "" {
		return v, importErr(path+".name", "服务商须有名称", "every vendor needs a name")
	}
	for _, m := range ms {
		switch m.Key {
		case "name":
		case "contact":
			v.Contact, err = lineValue(m.Value, path+".contact")
		case "answers":
			v.Answers, err = answersValue(m.Value, path+".answers")
		case "notes":
			v.Notes, err = notesValue(m.Value, path+".notes")
		case "followups":
			v.Followups, err = followupsValue(m.Value, path+".followups")
		case "evidence":
			v.Evidence, err = evidenceValue(m.Value, path+".evidence")
		case "panel":
			v.Panel, err = vendorPanelValue(m.Value, path+".panel")
		case "decisions":
			v.Decisions, err = decisionsValue(m.Value, path+".decisions")
		case "submitted":
			v.Submitted, err = submittedValue(m.Value, path+".submitted")
		case "history":
			v.History, err = historyValue(m.Value, path+".history")
		default:
			err = unknownKey(m.Key, path)
		}
		if err != nil {
			return v, err
		}
	}
	return v, nil
}

// answersValue reads the answers by question id; "unknown" and absent are the same.
func answersValue(raw json.RawMessage, path string) (rubric.Answers, error) {
	ms, err := members(raw, path)
	if err != nil {
		return nil, err
	}
	a := rubric.Answers{}
	for _, m := range ms {
		q, ok := rubric.QuestionByID(m.Key)
		if !ok {
			// A /1 file's answer to a question asked differently since.
			if to, v, carried := rubric.CarryForward(m.Key, m.Value); carried {
				if _, given := a[to]; !given {
					a[to] = v
				}
				continue
			}
			return nil, unknownKey(m.Key, path)
		}
		if isNull(m.Value) {
			return nil, importErr(join(path, m.Key), "不能为 null;未知的答案请直接省略该键",
				"cannot be null; leave the key out when the answer is unknown")
		}
		v, err := q.Decode(m.Value)
		if err != nil {
			var fe *rubric.FieldError
			if errors.As(err, &fe) {
				return nil, &ImportError{Path: join(path, m.Key), Message: fe.Message}
			}
			return nil, importErr(join(path, m.Key), "取值无效", err.Error())
		}
		if q.Encode(v) != nil {
			a[q.ID] = v
		}
	}
	return a, nil
}

// byQuestion reads an object of objects keyed by question id (a vendor's follow-ups
// or evidence): each inner object's keys go to read, which returns what it makes of
// them; an unknown question, or an unknown key, is refused by path.
func byQuestion[T any](raw json.RawMessage, path string, read func(question, at string, fields []member) (T, error)) (map[string]T, error) {
	ms, err := members(raw, path)
	if err != nil {
		return nil, err
	}
	var out map[string]T
	for _, m := range ms {
		if _, ok := rubric.QuestionByID(m.Key); !ok {
			return nil, unknownKey(m.Key, path)
		}
		at := join(path, m.Key)
		fields, err := members(m.Value, at)
		if err != nil {
			return nil, err
		}
		v, err := read(m.Key, at, fields)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = map[string]T{}
		}
		out[m.Key] = v
	}
	return out, nil
}

// dayValue reads a day, YYYY-MM-DD; what says which day it is.
func dayValue(raw json.RawMessage, at, zh, en string) (string, error) {
	s, err := lineValue(raw, at)
	if err != nil {
		return "", err
	}
	if _, perr := time.Parse("2006-01-02", s); perr != nil {
		return "", importErr(at, fmt.Sprintf("%s须为 YYYY-MM-DD,而不是 %q", zh, s), fmt.Sprintf("%s must be YYYY-MM-DD, not %q", en, s))
	}
	return s, nil
}

// followupsValue reads the follow-ups by question id, each with who and by when.
func followupsValue(raw json.RawMessage, path string) (map[string]rubric.Followup, error) {
	return byQuestion(raw, path, func(_, at string, fields []member) (f rubric.Followup, err error) {
		due := false
		for _, fm := range fields {
			switch fm.Key {
			case "owner":
				f.Owner, err = lineValue(fm.Value, at+".owner")
			case "due":
				f.Due, err = dayValue(fm.Value, at+".due", "到期日", "the day due")
				due = true
			default:
				err = unknownKey(fm.Key, at)
			}
			if err != nil {
				return f, err
			}
		}
		switch {
		case strings.TrimSpace(f.Owner) == "":
			return f, importErr(at+".owner", "待确认事项须写明由谁跟进", "a follow-up needs someone who finds out")
		case !due:
			return f, importErr(at+".due", "待确认事项须有到期日 YYYY-MM-DD", "a follow-up needs the day it is due, YYYY-MM-DD")
		}
		return f, nil
	})
}

// evidenceValue reads how answers were verified, by question id: where from, the
// day seen, a link and, for licences and certificates, the day valid until.
func evidenceValue(raw json.RawMessage, path string) (map[string]rubric.Evidence, error) {
	return byQuestion(raw, path, func(question, at string, fields []member) (e rubric.Evidence, err error) {
		seen := false
		for _, fm := range fields {
			switch fm.Key {
			case "source":
				e.Source, err = lineValue(fm.Value, at+".source")
			case "seen":
				e.Seen, err = dayValue(fm.Value, at+".seen", "核查日期", "the day seen")
				seen = true
			case "link":
				e.Link, err = lineValue(fm.Value, at+".link")
			case "valid_until":
				if !rubric.HasValidity(question) {
					return e, importErr(at+".valid_until", "只有资质和认证有有效期", "only licences and certificates have a validity")
				}
				e.ValidUntil, err = dayValue(fm.Value, at+".valid_until", "有效期", "the day valid until")
			default:
				err = unknownKey(fm.Key, at)
			}
			if err != nil {
				return e, err
			}
		}
		switch {
		case !rubric.EvidenceSources.Has(e.Source):
			return e, importErr(at+".source", fmt.Sprintf("凭证来源须为 document、registry、reference、visit 或 vendor,而不是 %q", e.Source),
				fmt.Sprintf("the source must be document, registry, reference, visit or vendor, not %q", e.Source))
		case !seen:
			return e, importErr(at+".seen", "凭证须有核查日期 YYYY-MM-DD", "evidence needs the day it was seen, YYYY-MM-DD")
		}
		return e, nil
	})
}

// notesValue reads the notes of steps 2..7; an empty note is the same as none.
func notesValue(raw json.RawMessage, path string) (map[int]string, error) {
	ms, err := members(raw, path)
	if err != nil {
		return nil, err
	}
	var notes map[int]string
	for _, m := range ms {
		step, perr := strconv.Atoi(m.Key)
		if perr != nil || !slices.Contains(noteSteps, step) || m.Key != strconv.Itoa(step) {
			return nil, importErr(join(path, m.Key), fmt.Sprintf("备注按步骤编号 \"2\" 到 \"7\" 记录,没有步骤 %q", m.Key),
				fmt.Sprintf("notes are kept per step, \"2\" to \"7\"; there is no step %q", m.Key))
		}
		text, err := textValue(m.Value, join(path, m.Key))
		if err != nil {
			return nil, err
		}
		if text == "" {
			continue
		}
		if notes == nil {
			notes = map[int]string{}
		}
		notes[step] = text
	}
	return notes, nil
}
