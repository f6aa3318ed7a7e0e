// bylines: 来源/作者/记者/编辑/Source/By lines -> source, authors, editor.
//
// A line is cut into segments, each a label (from zh_patterns' tables) and
// the value after it, which runs to the next label, a hard separator
// (| 丨 【 】 ; newline) or an unmatched closing bracket. Each value is then
// cut at a date, split into names, and every piece is checked: nav words,
// numbers, other labels and over-long text are never names or sources.
//
// Labels only count at a boundary (line start, space, punctuation), except
// the journalist labels (记者, 本报记者...), which Chinese writes straight
// after the outlet ("新华社记者张三"); inside an open value no label without a
// boundary counts, so "来源：中国记者网" stays one source.
#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "extract_internal.h"
#include "zh_patterns.h"

namespace gleaner::extract::internal {
namespace {

// A byline paragraph is short; longer ones are prose that mentions 记者.
constexpr size_t kMaxBylineOnlyBytes = 200;
// Longest source or name, in code points ("经济日报-中国经济网" is 10).
constexpr size_t kMaxSourceChars = 30;
constexpr size_t kMaxOutletChars = 12;        // 经济日报-中国经济网 unlabelled
constexpr size_t kMaxCjkNameChars = 5;        // 欧阳明日; 本报评论员
constexpr size_t kMaxCjkDottedNameChars = 12; // 阿卜杜拉·买买提 (names with ·)
constexpr size_t kMaxGluedNameChars = 4;      // 记者张三: no separator, so a short name
constexpr size_t kMaxEnglishNameBytes = 60;
constexpr size_t kMaxEnglishNameWords = 5;

enum class Field { kSource, kAuthor, kEditor, kStop };

struct Segment {
  Field field;
  size_t label_begin;
  size_t value_begin;
  size_t value_end;
  bool glued;  // no separator after the label ("记者张三")
};

// ---- UTF-8 helpers ----------------------------------------------------------

// The code point at s[i] and its byte length; bad bytes read as U+FFFD, 1.
char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) {
    *len = 1;
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? b : b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  *len = n;
  return cp;
}

bool IsCjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3040 && cp <= 0x9FFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF);
}

bool IsSpaceCp(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
         (cp >= 0x2000 && cp <= 0x200B);
}

// Punctuation and brackets, ASCII and CJK; trimmed from names and allowed
// as the leftover of a byline-only paragraph.
bool IsPunctCp(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '!' && cp <= '/' && cp != '&') || (cp >= ':' && cp <= '@') ||
           (cp >= '[' && cp <= '`') || (cp >= '{' && cp <= '~');
  }
  return cp == 0xB7 || (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x3001 && cp <= 0x303F) ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x2022;
}

// Ends a value: | ｜ 丨 【 】 [ ] ; ； and line breaks.
bool IsHardStop(char32_t cp) {
  return cp == '|' || cp == 0xFF5C || cp == 0x4E28 || cp == 0x3010 || cp == 0x3011 ||
         cp == '[' || cp == ']' || cp == ';' || cp == 0xFF1B || cp == '\n' || cp == '\t';
}

bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsOpenParen(char32_t cp) { return cp == '(' || cp == 0xFF08; }
bool IsCloseParen(char32_t cp) { return cp == ')' || cp == 0xFF09; }

bool HasCjk(std::string_view s) {
  for (size_t i = 0, len = 0; i < s.size(); i += len) {
    if (IsCjk(DecodeAt(s, i, &len))) return true;
  }
  return false;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The code point that ends right before s[i], or 0 at the start.
char32_t PrevCp(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t b = i - 1;
  while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  size_t len = 0;
  return DecodeAt(s, b, &len);
}

// Trims spaces and punctuation (both ends), then 《》 and quotes.
std::string_view TrimPunct(std::string_view s) {
  size_t len = 0;
  while (!s.empty()) {
    const char32_t cp = DecodeAt(s, 0, &len);
    if (!IsSpaceCp(cp) && !IsPunctCp(cp)) break;
    s.remove_prefix(len);
  }
  while (!s.empty()) {
    size_t b = s.size() - 1;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    const char32_t cp = DecodeAt(s, b, &len);
    if (!IsSpaceCp(cp) && !IsPunctCp(cp)) break;
    s.remove_suffix(s.size() - b);
  }
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool InList(PhraseList list, std::string_view word) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view w) { return EqualsNoCase(w, word); });
}

// ---- labels -----------------------------------------------------------------

struct LabelHit {
  Field field;
  size_t value_begin;  // after the label and its separator
  bool glued;          // the value follows the label with no separator
};

// Labels Chinese writes straight after the outlet or before the name with
// no separator: 新华社记者张三, 通讯员王五 (記者 etc. in traditional script).
bool IsJournalistLabel(std::string_view label) {
  return label.ends_with("记者") || label.ends_with("記者") || label == "通讯员" ||
         label == "通訊員" || label == "实习生" || label == "實習生";
}

// Source labels that are verbs and take the outlet directly: 转自新华社.
bool IsGluedSourceLabel(std::string_view label) {
  return label.ends_with("转自") || label.ends_with("转载自") || label.ends_with("轉自") ||
         label.ends_with("轉載自");
}

// Where the value starts after `label` ending at j, or npos when what
// follows does not make it a label.
size_t AfterLabel(std::string_view s, size_t j, std::string_view label, Field field) {
  const bool ascii = static_cast<unsigned char>(label[0]) < 0x80;
  size_t k = j, len = 0;
  while (k < s.size() && IsSpaceCp(DecodeAt(s, k, &len))) k += len;
  const bool spaced = k > j;
  const char32_t next = k < s.size() ? DecodeAt(s, k, &len) : 0;
  const bool colon = next == ':' || next == 0xFF1A;
  if (ascii) {
    if (label.ends_with("by") || label.ends_with("By")) {  // "By Jane", not "By the way"
      return spaced && next >= 'A' && next <= 'Z' ? k : std::string_view::npos;
    }
    if (colon) return k + len;
    return field == Field::kStop && (spaced || k == s.size()) ? k : std::string_view::npos;
  }
  if (label == "文") {  // 文/张三, 文｜张三
    const bool slash = next == '/' || next == 0xFF0F || next == '|' || next == 0xFF5C ||
                       next == 0x4E28 || colon;
    return slash && !spaced ? k + len : std::string_view::npos;
  }
  if (colon) return k + len;
  if (spaced || k == s.size()) return k;
  if (field == Field::kAuthor && (next == '|' || next == 0xFF5C || next == 0x4E28 || next == '/')) {
    return k + len;  // 撰文｜张三
  }
  if (field == Field::kStop && (IsPunctCp(next) || IsDigit(next))) return k;  // 【打印】 评论(12)
  if (IsJournalistLabel(label) || IsGluedSourceLabel(label)) {
    return IsCjk(next) ? k : std::string_view::npos;  // 记者张三, 转自新华社
  }
  return std::string_view::npos;
}

bool LabelTextAt(std::string_view s, size_t i, std::string_view label) {
  if (i + label.size() > s.size()) return false;
  if (static_cast<unsigned char>(label[0]) >= 0x80) return s.compare(i, label.size(), label) == 0;
  if (label == "By") return s.compare(i, 2, "By") == 0 || s.compare(i, 2, "BY") == 0;
  return EqualsNoCase(s.substr(i, label.size()), label);
}

struct LabelEntry {
  Field field;
  std::string_view text;
};

// Every label, grouped by its first byte (ASCII labels under both cases),
// so LabelAt, called at each character of a line, compares only the few
// labels that can start there.
class LabelIndex {
 public:
  LabelIndex() {
    const std::pair<Field, PhraseList> tables[] = {
        {Field::kSource, kSourceLabels}, {Field::kAuthor, kAuthorLabels},
        {Field::kEditor, kEditorLabels}, {Field::kStop, kStopLabels}};
    for (const auto& [field, table] : tables) {
      for (std::string_view label : table) {
        const auto b = static_cast<unsigned char>(label[0]);
        by_byte_[b].push_back({field, label});
        if (std::isalpha(b)) by_byte_[b ^ 0x20].push_back({field, label});
      }
    }
  }
  const std::vector<LabelEntry>& Starting(char c) const {
    return by_byte_[static_cast<unsigned char>(c)];
  }

 private:
  std::array<std::vector<LabelEntry>, 256> by_byte_;
};

const LabelIndex& Labels() {
  static const LabelIndex index;  // built once; read-only afterwards
  return index;
}

// The longest label at s[i] that has a valid separator after it.
// `in_value`: a value is open, so a label glued to the text before it
// (no boundary) does not count.
std::optional<LabelHit> LabelAt(std::string_view s, size_t i, bool in_value) {
  const std::vector<LabelEntry>& candidates = Labels().Starting(s[i]);
  if (candidates.empty()) return std::nullopt;
  const char32_t prev = PrevCp(s, i);
  const bool boundary = prev == 0 || IsSpaceCp(prev) || IsPunctCp(prev);
  std::optional<LabelHit> best;
  size_t best_len = 0;
  for (const auto& [field, label] : candidates) {
    if (label.size() <= best_len || !LabelTextAt(s, i, label)) continue;
    const bool ascii = static_cast<unsigned char>(label[0]) < 0x80;
    if (ascii && prev < 0x80 && std::isalnum(static_cast<int>(prev))) continue;
    if (!boundary && (ascii || in_value || !IsJournalistLabel(label))) continue;
    const size_t value = AfterLabel(s, i + label.size(), label, field);
    if (value == std::string_view::npos) continue;
    best = LabelHit{field, value, value == i + label.size()};
    best_len = label.size();
  }
  return best;
}

// Cuts a line into labelled segments, in order.
std::vector<Segment> Segments(std::string_view s) {
  std::vector<Segment> out;
  bool open = false;
  int depth = 0;  // brackets opened inside the current value
  for (size_t i = 0, len = 0; i < s.size(); i += len) {
    const char32_t cp = DecodeAt(s, i, &len);
    if (auto hit = LabelAt(s, i, open)) {
      if (open) out.back().value_end = i;
      out.push_back(Segment{hit->field, i, hit->value_begin, s.size(), hit->glued});
      open = true;
      depth = 0;
      len = hit->value_begin - i;
      if (len == 0) len = 1;
      continue;
    }
    if (!open) continue;
    if (IsOpenParen(cp)) ++depth;
    if (IsCloseParen(cp) && depth-- == 0) {
      out.back().value_end = i;
      open = false;
    } else if (IsHardStop(cp)) {
      out.back().value_end = i;
      open = false;
    }
  }
  return out;
}

// ---- values -----------------------------------------------------------------

// Cuts a value at the first date in it ("新华社 2025-03-14 08:56").
std::string_view CutAtDate(std::string_view v) {
  static const DateContext kAnyTime{};  // only the position of a date matters
  if (auto date = FindDate(v, kAnyTime)) return v.substr(0, date->begin);
  return v;
}

// Removes "(实习)" / "（图）" parts and trims.
std::string StripBrackets(std::string_view v) {
  std::string out;
  int depth = 0;
  for (size_t i = 0, len = 0; i < v.size(); i += len) {
    const char32_t cp = DecodeAt(v, i, &len);
    if (IsOpenParen(cp)) ++depth;
    if (depth == 0) out.append(v.substr(i, len));
    if (IsCloseParen(cp) && depth > 0) --depth;
  }
  return out;
}

// For CJK text, the part before the first space ("新华社 作者" -> "新华社").
std::string_view CutCjkAtSpace(std::string_view v) {
  if (!HasCjk(v)) return v;
  for (size_t i = 0, len = 0; i < v.size(); i += len) {
    if (IsSpaceCp(DecodeAt(v, i, &len))) return v.substr(0, i);
  }
  return v;
}

bool IsLabelWord(std::string_view w) {
  return InList(kSourceLabels, w) || InList(kAuthorLabels, w) || InList(kEditorLabels, w) ||
         InList(kStopLabels, w);
}

bool HasAsciiDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "JANE DOE" -> "Jane Doe"; mixed case is kept as written.
std::string FixAllCaps(std::string_view name) {
  const bool has_lower = std::any_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  std::string out(name);
  if (has_lower || name.size() < 3) return out;
  bool word_start = true;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z' && !word_start) c = static_cast<char>(c + 32);
    word_start = !(std::isalpha(static_cast<unsigned char>(c)) || c == '\'');
  }
  return out;
}

bool IsPlausibleName(std::string_view name, size_t max_cjk_chars = kMaxCjkNameChars) {
  if (name.empty() || IsNavWord(name) || IsLabelWord(name) || HasAsciiDigit(name)) return false;
  if (name.find("http") != name.npos || name.find('@') != name.npos || name.find(".com") != name.npos) {
    return false;
  }
  if (HasCjk(name)) {
    const size_t n = CodePoints(name);
    const bool dotted = name.find("·") != name.npos || name.find("•") != name.npos;
    if (n < 2 || n > (dotted ? kMaxCjkDottedNameChars : max_cjk_chars)) return false;
    return std::none_of(kNonNameWords.begin(), kNonNameWords.end(),
                        [&](std::string_view w) { return name.find(w) != name.npos; });
  }
  if (name.size() > kMaxEnglishNameBytes || !(name[0] >= 'A' && name[0] <= 'Z')) return false;
  return std::count(name.begin(), name.end(), ' ') < static_cast<long>(kMaxEnglishNameWords);
}

// Strips the staff code 网易 appends to editors' names ("王晓敏_NBJS7254").
std::string_view StripStaffCode(std::string_view name) {
  const size_t cut = name.rfind('_');
  if (cut == std::string_view::npos || cut == 0 || cut + 1 == name.size() || !HasCjk(name.substr(0, cut))) {
    return name;
  }
  const std::string_view code = name.substr(cut + 1);
  const bool code_like = std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
  return code_like ? name.substr(0, cut) : name;
}

// Strips 报道/摄/综合报道 at the end of a name ("张三摄" -> "张三").
std::string_view StripTailWords(std::string_view name) {
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view tail : kBylineTailWords) {
      if (name.size() > tail.size() && name.ends_with(tail)) {
        name = TrimPunct(name.substr(0, name.size() - tail.size()));
        changed = true;
      }
    }
  }
  return name;
}

// Splits a names value on 、 ， , / ; & "and" 和 与 及, and on spaces
// between CJK names. "和" splits only between two names of 2+ characters,
// since it also occurs inside names (王和平).
std::vector<std::string> SplitNames(std::string_view value) {
  std::string v = StripBrackets(value);
  for (std::string_view sep : {"、", "，", "／", "；", " and ", " AND ", " & "}) {
    for (size_t p; (p = v.find(sep)) != v.npos;) v.replace(p, sep.size(), ",");
  }
  const bool cjk = HasCjk(v);
  std::vector<std::string> out;
  std::string token;
  auto flush = [&]() {
    std::string_view t = TrimPunct(token);
    if (cjk) {
      for (std::string_view conj : {"和", "与", "及"}) {
        const size_t p = t.find(conj);
        if (p != t.npos && CodePoints(t.substr(0, p)) >= 2 &&
            CodePoints(t.substr(p + conj.size())) >= 2) {
          out.emplace_back(t.substr(0, p));
          t = t.substr(p + conj.size());
        }
      }
    }
    if (!t.empty()) out.emplace_back(t);
    token.clear();
  };
  for (size_t i = 0, len = 0; i < v.size(); i += len) {
    const char32_t cp = DecodeAt(v, i, &len);
    if (cp == ',' || cp == '/' || (cjk && IsSpaceCp(cp))) {
      flush();
    } else {
      token.append(v, i, len);
    }
  }
  flush();
  return out;
}

struct Names {
  std::vector<std::string> names;
  std::string outlet;  // "Reuters" from "By JANE DOE, Reuters"
  int rejected = 0;    // pieces that were neither names nor known filler
};

// `max_cjk_chars`: the longest Chinese name accepted (shorter after a glued label).
Names ReadNames(std::string_view value, size_t max_cjk_chars = kMaxCjkNameChars) {
  Names out;
  for (const std::string& piece : SplitNames(CutAtDate(value))) {
    std::string_view name = StripTailWords(StripStaffCode(TrimPunct(piece)));
    if (name.empty() || InList(kBylineTailWords, name)) continue;
    if (InList(kKnownOutlets, name)) {
      if (out.outlet.empty()) out.outlet = std::string(name);
      continue;
    }
    if (InList(kEnglishRoleWords, name) || IsNavWord(name)) continue;
    if (!IsPlausibleName(name, max_cjk_chars)) {
      ++out.rejected;
      break;  // prose from here on ("记者从…获悉,…与…"): no names after it
    }
    std::string fixed = FixAllCaps(name);
    if (std::find(out.names.begin(), out.names.end(), fixed) == out.names.end()) {
      out.names.push_back(std::move(fixed));
    }
  }
  return out;
}

// The outlet name of a source value, or "" when it is not one.
std::string ReadSource(std::string_view value) {
  std::string_view v = TrimPunct(CutCjkAtSpace(TrimPunct(CutAtDate(value))));
  if (!HasCjk(v)) {
    for (std::string_view sep : {" - ", " | ", " / "}) v = v.substr(0, v.find(sep));
  }
  v = TrimPunct(v);
  if (v.empty() || CodePoints(v) > kMaxSourceChars || IsNavWord(v) || IsLabelWord(v)) return {};
  if (std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; })) {
    return {};
  }
  return std::string(v);
}

// "新华社记者张三": the outlet glued before a journalist label.
std::string OutletBeforeLabel(std::string_view s, size_t label_begin) {
  size_t b = label_begin;
  while (b > 0) {
    const size_t prev_start = [&] {
      size_t p = b - 1;
      while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
      return p;
    }();
    size_t len = 0;
    if (!IsCjk(DecodeAt(s, prev_start, &len))) break;
    b = prev_start;
  }
  std::string_view run = s.substr(b, label_begin - b);
  for (std::string_view end : {"社", "报", "网", "台", "新闻", "報", "網", "新聞"}) {
    if (run.ends_with(end) && CodePoints(run) >= 2 && CodePoints(run) <= 10) return std::string(run);
  }
  return {};
}

struct Parsed {
  Byline byline;
  std::vector<Segment> segments;
  int rejected = 0;  // pieces of source/author/editor values that were not names
  // Parts of values that were not read (after a date, around the source);
  // a byline-only paragraph has nothing but dates, numbers and nav words there.
  std::vector<std::string_view> leftovers;
  std::vector<std::string_view> stop_values;  // 审核：王五, 浏览次数：123
  bool responsible_editor = false;  // the editor came from 责任编辑/责编
  bool found = false;
};

// 责任编辑 names the editor answerable for the article; a plain 编辑 beside
// it ("编辑：杨虹 责任编辑：刘亮") is a desk editor.
bool IsResponsibleEditorLabel(std::string_view label_start) {
  for (std::string_view label : {"责任编辑", "责编", "責任編輯", "責編"}) {
    if (label_start.starts_with(label)) return true;
  }
  return false;
}

// True when `rest` is only dates, numbers, punctuation and nav words
// ("2025-03-14 08:56", "123", "大 中 小"), and with `names_ok` also names
// (the values of 审核：王五, 校对：李四).
bool OnlyFiller(std::string_view rest, bool names_ok) {
  static const DateContext kAnyTime{};
  auto tokens_ok = [names_ok](std::string_view part) {
    size_t start = 0;
    while (start < part.size()) {
      size_t end = part.find(' ', start);
      if (end == part.npos) end = part.size();
      const std::string_view token = TrimPunct(part.substr(start, end - start));
      const bool number = std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!token.empty() && !number && !IsNavWord(token) && !(names_ok && IsPlausibleName(token))) {
        return false;
      }
      start = end + 1;
    }
    return true;
  };
  while (auto date = FindDate(rest, kAnyTime)) {
    if (!tokens_ok(rest.substr(0, date->begin))) return false;
    rest.remove_prefix(date->end);
  }
  return tokens_ok(rest);
}

Parsed Parse(std::string_view line) {
  Parsed p;
  p.segments = Segments(line);
  for (const Segment& seg : p.segments) {
    const std::string_view value = line.substr(seg.value_begin, seg.value_end - seg.value_begin);
    switch (seg.field) {
      case Field::kSource: {
        std::string source = ReadSource(value);
        const size_t at = source.empty() ? value.npos : value.find(source);
        if (at == value.npos) {  // "来源：打印" is chrome; "来源：今天上午…" is not a byline
          p.leftovers.push_back(value);
          break;
        }
        p.leftovers.push_back(value.substr(0, at));
        p.leftovers.push_back(value.substr(at + source.size()));
        if (p.byline.source.empty()) p.byline.source = std::move(source);
        break;
      }
      case Field::kAuthor: {
        Names names = ReadNames(value, seg.glued ? kMaxGluedNameChars : kMaxCjkNameChars);
        p.rejected += names.rejected;
        p.leftovers.push_back(value.substr(CutAtDate(value).size()));
        for (std::string& n : names.names) {
          if (std::find(p.byline.authors.begin(), p.byline.authors.end(), n) == p.byline.authors.end()) {
            p.byline.authors.push_back(std::move(n));
          }
        }
        if (p.byline.source.empty()) p.byline.source = names.outlet;
        if (p.byline.source.empty()) p.byline.source = OutletBeforeLabel(line, seg.label_begin);
        break;
      }
      case Field::kEditor: {
        Names names = ReadNames(value);
        p.rejected += names.rejected;
        p.leftovers.push_back(value.substr(CutAtDate(value).size()));
        const bool responsible = IsResponsibleEditorLabel(line.substr(seg.label_begin));
        if ((p.byline.editor.empty() || (responsible && !p.responsible_editor)) && !names.names.empty()) {
          p.byline.editor.clear();
          p.responsible_editor = responsible;
          const bool cjk = HasCjk(names.names[0]);
          for (size_t k = 0; k < names.names.size(); ++k) {
            if (k > 0) p.byline.editor += cjk ? "、" : ", ";
            p.byline.editor += names.names[k];
          }
        }
        break;
      }
      case Field::kStop:
        p.stop_values.push_back(value);
        break;
    }
  }
  p.found = !p.byline.source.empty() || !p.byline.authors.empty() || !p.byline.editor.empty();
  return p;
}

}  // namespace

bool IsOutletName(std::string_view name) {
  const std::string_view v = TrimPunct(name);
  if (v.empty() || IsNavWord(v) || IsLabelWord(v)) return false;
  if (InList(kKnownOutlets, v)) return true;
  if (!HasCjk(v) || HasAsciiDigit(v)) return false;
  const size_t n = CodePoints(v);
  if (n < 3 || n > kMaxOutletChars) return false;
  for (size_t i = 0, len = 0; i < v.size(); i += len) {
    const char32_t cp = DecodeAt(v, i, &len);
    if (!IsCjk(cp) && cp != 0xFF0D && cp != '-' && cp != 0xB7) return false;  // 人民网－人民日报
  }
  return std::any_of(kOutletEndings.begin(), kOutletEndings.end(),
                     [&](std::string_view end) { return v.ends_with(end); });
}

bool IsNavWord(std::string_view word) {
  word = TrimPunct(word);
  if (InList(kNavWords, word)) return true;
  // "大 中 小" and other runs made only of nav words.
  if (word.find(' ') == word.npos) return false;
  size_t start = 0;
  while (start < word.size()) {
    size_t end = word.find(' ', start);
    if (end == word.npos) end = word.size();
    const std::string_view part = word.substr(start, end - start);
    if (!part.empty() && !InList(kNavWords, part)) return false;
    start = end + 1;
  }
  return true;
}

Byline ParseByline(std::string_view line) { return Parse(line).byline; }

bool IsBylineOnly(std::string_view paragraph) {
  const std::string_view text = TrimPunct(paragraph);
  if (text.empty() || text.size() > kMaxBylineOnlyBytes) return false;
  const Parsed p = Parse(text);
  if (!p.found || p.rejected > 0) return false;
  for (std::string_view rest : p.leftovers) {
    if (!OnlyFiller(rest, false)) return false;
  }
  for (std::string_view rest : p.stop_values) {
    if (!OnlyFiller(rest, true)) return false;
  }
  // Everything outside the segments must be filler (punctuation, dates,
  // nav words); the outlet before 记者 ("新华社记者 张三") is byline too.
  size_t covered = 0;
  for (const Segment& seg : p.segments) {
    std::string_view gap = text.substr(covered, seg.label_begin - covered);
    if (seg.field == Field::kAuthor && !p.byline.source.empty() && gap.ends_with(p.byline.source)) {
      gap.remove_suffix(p.byline.source.size());
    }
    if (!OnlyFiller(gap, false)) return false;
    covered = seg.value_end;
  }
  return OnlyFiller(text.substr(covered), false);
}

}  // namespace gleaner::extract::internal
