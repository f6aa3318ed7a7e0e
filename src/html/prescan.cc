// The pre-scan: copies a page without the bodies of <script> and <style>
// and without comments, so Gumbo (about 40 ns a byte) never sees them.
//
// Where each construct ends follows the HTML tokenizer (WHATWG 13.2.5):
//   - tags: attribute values in quotes may hold '<' and '>'; an unquoted
//     value ends at whitespace or '>'; end tags have attributes too;
//   - comments: "<!--" to "-->" or "--!>"; "<!-->" and "<!--->" are empty;
//     "<!" and "<?" and "</" + non-letter open bogus comments up to '>';
//   - script data with its escaped ("<!--") and double-escaped ("<!--" then
//     "<script>") states, where only "</script" + [\t\n\f\r />] in the
//     right state ends the script;
//   - RCDATA (title, textarea) and RAWTEXT (style, xmp, iframe, noembed,
//     noframes): up to "</name" + delimiter, passed through untouched
//     except style, whose body is dropped; plaintext runs to EOF;
//   - CDATA sections only in SVG/MathML; there <script> and <style> are
//     ordinary elements (OpenElements tracks the namespace).
// EOF inside any construct ends it. Everything else is copied byte for byte.
#include <cstring>

#include "html_internal.h"

namespace gleaner::html::internal {

namespace {

inline bool IsWs(char c) {
  // '\r' counts: the input stream turns CR and CRLF into LF first.
  return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
}
inline bool IsAlpha(char c) {
  char l = static_cast<char>(c | 0x20);
  return l >= 'a' && l <= 'z';
}
inline bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }
inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// True when s[p..] starts with `lower` ignoring ASCII case.
bool HasCi(std::string_view s, size_t p, std::string_view lower) {
  if (s.size() - p < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(s[p + i]) != lower[i]) return false;
  }
  return true;
}

// True when s[p] starts "</name" followed by a character that ends a tag
// name: an "appropriate end tag" for the element `name`.
bool IsEndTagOf(std::string_view s, size_t p, std::string_view name) {
  size_t after = p + 2 + name.size();
  if (after >= s.size() || s[p + 1] != '/') return false;
  if (!HasCi(s, p + 2, name)) return false;
  char c = s[after];
  return IsWs(c) || c == '/' || c == '>';
}

// Formatting elements rewritten as <span> in flatten mode. <a> and <nobr>
// stay: the tree builder keeps at most one of each active.
bool IsFlattenable(TagKey k) {
  switch (k) {
    case Key("b"): case Key("big"): case Key("code"): case Key("em"):
    case Key("font"): case Key("i"): case Key("s"): case Key("small"):
    case Key("strike"): case Key("strong"): case Key("tt"): case Key("u"):
      return true;
    default:
      return false;
  }
}

// Where a script body starting at `p` ends: the '<' of its end tag, or
// s.size() at EOF. Implements the script data states.
size_t FindScriptEnd(std::string_view s, size_t p) {
  enum class State { kData, kEscaped, kDoubleEscaped };
  State state = State::kData;
  int dashes = 0;  // '-' just seen in the escaped states, capped at 2
  const size_t n = s.size();
  while (p < n) {
    if (state == State::kData) {
      const void* lt = std::memchr(s.data() + p, '<', n - p);
      if (lt == nullptr) return n;
      p = static_cast<size_t>(static_cast<const char*>(lt) - s.data());
      if (IsEndTagOf(s, p, "script")) return p;
      if (s.substr(p, 4) == "<!--") {
        state = State::kEscaped;  // in the "escaped dash dash" state
        dashes = 2;
        p += 4;
      } else {
        ++p;
      }
      continue;
    }
    char c = s[p];
    if (c == '-') {
      dashes = dashes < 2 ? dashes + 1 : 2;
      ++p;
    } else if (c == '>') {
      if (dashes == 2) state = State::kData;
      dashes = 0;
      ++p;
    } else if (c != '<') {
      dashes = 0;
      ++p;
    } else if (state == State::kEscaped) {
      if (IsEndTagOf(s, p, "script")) return p;
      dashes = 0;
      // "<script" + delimiter opens the double-escaped state.
      size_t q = p + 1;
      while (q < n && IsAlpha(s[q])) ++q;
      if (q < n && (IsWs(s[q]) || s[q] == '/' || s[q] == '>') && q - p - 1 == 6 &&
          HasCi(s, p + 1, "script")) {
        state = State::kDoubleEscaped;
        p = q + 1;
      } else {
        p = q > p + 1 ? q : p + 1;
      }
    } else {  // double escaped: "</script" + delimiter goes back to escaped
      dashes = 0;
      if (IsEndTagOf(s, p, "script")) {
        state = State::kEscaped;
        p += 9;
      } else {
        ++p;
      }
    }
  }
  return n;
}

// Where RCDATA/RAWTEXT content of element `name` starting at `p` ends.
size_t FindRawEnd(std::string_view s, size_t p, std::string_view name) {
  const size_t n = s.size();
  while (p < n) {
    const void* lt = std::memchr(s.data() + p, '<', n - p);
    if (lt == nullptr) return n;
    p = static_cast<size_t>(static_cast<const char*>(lt) - s.data());
    if (IsEndTagOf(s, p, name)) return p;
    ++p;
  }
  return n;
}

struct TagScan {
  size_t name_begin = 0, name_end = 0;
  size_t end = 0;          // just past '>', or s.size() at EOF
  bool eof = false;        // the tag never closed: the tokenizer drops it
  bool self_closing = false;
  size_t cap_begin = 0;    // first attribute over the cap, or 0
};

class Scanner {
 public:
  Scanner(std::string_view in, const PrescanLimits& limits, PrescanOutput* out)
      : s_(in), limits_(limits), out_(out), model_(limits.max_open_elements) {}

  void Run() {
    size_t pos = 0;
    const size_t n = s_.size();
    while (pos < n) {
      const void* lt = std::memchr(s_.data() + pos, '<', n - pos);
      if (lt == nullptr) break;
      size_t at = static_cast<size_t>(static_cast<const char*>(lt) - s_.data());
      if (limits_.collapse_whitespace && at - pos > 1) CollapseWhitespace(pos, at);
      pos = OnLessThan(at);
    }
    Emit(n);
  }

 private:
  // Dispatches on what follows a '<' in the data state at `i`; returns
  // where scanning resumes.
  size_t OnLessThan(size_t i) {
    if (i + 1 >= s_.size()) return s_.size();
    char c = s_[i + 1];
    if (IsAlpha(c)) return StartTag(i);
    if (c == '/') return EndTag(i);
    if (c == '!') return MarkupDeclaration(i);
    if (c == '?') return BogusComment(i);
    return i + 1;  // a lone '<' is text
  }

  size_t StartTag(size_t i);
  size_t EndTag(size_t i);
  size_t MarkupDeclaration(size_t i);
  size_t Comment(size_t i);
  size_t BogusComment(size_t i);
  void ScanTag(size_t name_begin, TagScan* t);
  void RewriteTag(const TagScan& t, TagKey key, bool start_tag);
  void CollapseWhitespace(size_t begin, size_t end);
  void Lift(size_t tag_out_offset, size_t body_begin, size_t body_end);
  uint32_t AppendScriptText(std::string_view text);

  // Copies the input up to `upto` (exclusive) that is not yet copied.
  void Emit(size_t upto) {
    if (upto > copied_) out_->html.append(s_.data() + copied_, upto - copied_);
    copied_ = upto;
  }
  // Drops s_[begin, end) (REQUIRES: begin >= copied_).
  void Cut(size_t begin, size_t end) {
    Emit(begin);
    copied_ = end;
  }
  // Drops a token in the data state. If the output ends in '<' or an
  // unfinished character reference ("&am"), the bytes after the cut could
  // join it into a tag or an entity that was not in the page; an empty
  // comment keeps them apart exactly as the dropped token did.
  void CutInData(size_t begin, size_t end) {
    Emit(begin);
    copied_ = end;
    const std::string& o = out_->html;
    if (o.empty()) return;
    bool join = o.back() == '<';
    for (size_t j = o.size(); !join && j > 0 && o.size() - j < 40; --j) {
      char c = o[j - 1];
      if (c == '&') join = true;
      else if (!IsAlnum(c) && c != '#') break;
    }
    if (join) out_->html.append("<!---->");
  }

  std::string_view s_;
  PrescanLimits limits_;
  PrescanOutput* out_;
  OpenElements model_;
  size_t copied_ = 0;
  std::vector<RawAttr> attrs_;  // of the tag being scanned, up to the cap
};

// Scans a tag from its name to the closing '>' (tag open, tag name, the
// attribute states and the self-closing start tag state).
void Scanner::ScanTag(size_t name_begin, TagScan* t) {
  const size_t n = s_.size();
  const char* s = s_.data();
  size_t p = name_begin;
  while (p < n && !IsWs(s[p]) && s[p] != '/' && s[p] != '>') ++p;
  t->name_begin = name_begin;
  t->name_end = p;
  attrs_.clear();
  uint32_t count = 0;
  for (;;) {
    while (p < n && IsWs(s[p])) ++p;  // before attribute name
    if (p >= n) break;
    if (s[p] == '>') {
      t->end = p + 1;
      return;
    }
    if (s[p] == '/') {  // self-closing start tag state
      ++p;
      if (p < n && s[p] == '>') {
        t->self_closing = true;
        t->end = p + 1;
        return;
      }
      continue;
    }
    size_t name = p++;  // the first character may be '='
    while (p < n && !IsWs(s[p]) && s[p] != '/' && s[p] != '>' && s[p] != '=') ++p;
    size_t name_end = p;
    while (p < n && IsWs(s[p])) ++p;  // after attribute name
    size_t value = p, value_end = p;
    if (p < n && s[p] == '=') {
      ++p;
      while (p < n && IsWs(s[p])) ++p;  // before attribute value
      if (p >= n) break;
      if (s[p] == '"' || s[p] == '\'') {
        const void* q = std::memchr(s + p + 1, s[p], n - p - 1);
        if (q == nullptr) break;
        value = p + 1;
        value_end = static_cast<size_t>(static_cast<const char*>(q) - s);
        p = value_end + 1;
      } else {
        value = p;
        while (p < n && !IsWs(s[p]) && s[p] != '>') ++p;
        value_end = p;
      }
    }
    if (++count > limits_.max_attributes) {
      if (t->cap_begin == 0) t->cap_begin = name;
    } else {
      attrs_.push_back({static_cast<uint32_t>(name), static_cast<uint32_t>(name_end - name),
                        static_cast<uint32_t>(value), static_cast<uint32_t>(value_end - value)});
    }
  }
  t->eof = true;
  t->end = n;
}

// Rewrites a tag that is kept: renames flattened formatting elements,
// lifts long attribute values out (start tags only: end tag attributes are
// ignored anyway) and drops attributes past the cap. Cuts go left to right.
void Scanner::RewriteTag(const TagScan& t, TagKey key, bool start_tag) {
  if (limits_.flatten_formatting && IsFlattenable(key)) {
    Cut(t.name_begin, t.name_end);
    out_->html.append("span");
  }
  const size_t min_lift = limits_.min_lifted_attr_bytes;
  for (const RawAttr& a : attrs_) {
    if (!start_tag || min_lift == 0 || a.value_size < min_lift) continue;
    if (!DecodeAttrValue(s_.substr(a.value_begin, a.value_size), nullptr)) continue;
    bool quoted = s_[a.value_begin - 1] == '"' || s_[a.value_begin - 1] == '\'';
    Cut(a.value_begin, a.value_begin + a.value_size);
    size_t value_offset = out_->html.size() - (quoted ? 1 : 0);
    out_->html.push_back('\x01');
    out_->attrs.push_back({static_cast<uint32_t>(value_offset), a.value_begin, a.value_size});
  }
  if (t.cap_begin != 0) {
    size_t gt = t.end - 1;
    Cut(t.cap_begin, t.self_closing ? gt - 1 : gt);
  }
}

// Shortens a run of ASCII whitespace s_[begin, end) between two tags to
// one character; TextContent collapses such runs anyway.
void Scanner::CollapseWhitespace(size_t begin, size_t end) {
  bool newline = false;
  for (size_t p = begin; p < end; ++p) {
    char c = s_[p];
    if (!IsWs(c)) return;
    newline = newline || c == '\n' || c == '\r';
  }
  if (model_.InPre()) return;
  char keep = newline ? '\n' : s_[begin];
  Cut(begin, end);
  out_->html.push_back(keep);
}

size_t Scanner::StartTag(size_t i) {
  const size_t tag_out_offset = out_->html.size() + (i - copied_);
  TagScan t;
  ScanTag(i + 1, &t);
  if (t.eof) return s_.size();
  TagKey key = KeyOf(s_.substr(t.name_begin, t.name_end - t.name_begin));
  Content content;
  if (!model_.Start(key, t.self_closing, s_, attrs_, &content)) {
    ++out_->dropped_tags;
    CutInData(i, t.end);
    return t.end;
  }
  ++out_->start_tags;
  RewriteTag(t, key, /*start_tag=*/true);
  switch (content) {
    case Content::kNormal:
      return t.end;
    case Content::kScript: {
      size_t end = FindScriptEnd(s_, t.end);
      Lift(tag_out_offset, t.end, end);
      Cut(t.end, end);
      return end;
    }
    case Content::kStyle: {
      size_t end = FindRawEnd(s_, t.end, "style");
      Cut(t.end, end);
      return end;
    }
    case Content::kRawText:
    case Content::kRcData: {
      std::string_view name = s_.substr(t.name_begin, t.name_end - t.name_begin);
      std::string lower(name);
      for (char& c : lower) c = Lower(c);
      return FindRawEnd(s_, t.end, lower);
    }
    case Content::kPlainText:
      return s_.size();
  }
  return t.end;
}

size_t Scanner::EndTag(size_t i) {
  const size_t n = s_.size();
  if (i + 2 >= n) return n;  // "</" at EOF is text
  char c = s_[i + 2];
  if (c == '>') return i + 3;  // "</>" is ignored by the tokenizer
  if (!IsAlpha(c)) return BogusComment(i);
  TagScan t;
  ScanTag(i + 2, &t);
  if (t.eof) return n;
  TagKey key = KeyOf(s_.substr(t.name_begin, t.name_end - t.name_begin));
  if (!model_.End(key)) {
    CutInData(i, t.end);  // closes a start tag we dropped
    return t.end;
  }
  RewriteTag(t, key, /*start_tag=*/false);
  return t.end;
}

size_t Scanner::MarkupDeclaration(size_t i) {
  const size_t n = s_.size();
  if (s_.substr(i + 2, 2) == "--") return Comment(i);
  if (HasCi(s_, i + 2, "doctype")) {  // kept: it sets quirks mode
    const void* gt = std::memchr(s_.data() + i + 2, '>', n - i - 2);
    return gt == nullptr ? n : static_cast<size_t>(static_cast<const char*>(gt) - s_.data()) + 1;
  }
  if (s_.substr(i + 2, 7) == "[CDATA[" && model_.ns() != Ns::kHtml) {  // kept: it is text
    size_t end = s_.find("]]>", i + 9);
    return end == std::string_view::npos ? n : end + 3;
  }
  return BogusComment(i);
}

size_t Scanner::Comment(size_t i) {
  const size_t n = s_.size();
  size_t p = i + 4;
  size_t end = n;
  if (p < n && s_[p] == '>') {
    end = p + 1;  // "<!-->"
  } else if (p + 1 < n && s_[p] == '-' && s_[p + 1] == '>') {
    end = p + 2;  // "<!--->"
  } else {
    while (p < n) {
      const void* dash = std::memchr(s_.data() + p, '-', n - p);
      if (dash == nullptr) break;
      p = static_cast<size_t>(static_cast<const char*>(dash) - s_.data());
      if (p + 1 >= n || s_[p + 1] != '-') {
        p += 1;
        continue;
      }
      if (p + 2 < n && s_[p + 2] == '>') {
        end = p + 3;
        break;
      }
      if (p + 3 < n && s_[p + 2] == '!' && s_[p + 3] == '>') {
        end = p + 4;
        break;
      }
      p += 1;  // "---" may still end in "-->"
    }
  }
  CutInData(i, end);
  return end;
}

size_t Scanner::BogusComment(size_t i) {
  const size_t n = s_.size();
  const void* gt = std::memchr(s_.data() + i + 2, '>', n - i - 2);
  size_t end = gt == nullptr ? n : static_cast<size_t>(static_cast<const char*>(gt) - s_.data()) + 1;
  CutInData(i, end);
  return end;
}

uint32_t Scanner::AppendScriptText(std::string_view text) {
  uint32_t begin = static_cast<uint32_t>(out_->script_text.size());
  out_->script_text.append(text);
  return begin;
}

// Records a lifted script with the raw type/id/src of its start tag.
void Scanner::Lift(size_t tag_out_offset, size_t body_begin, size_t body_end) {
  LiftedScript script;
  script.tag_offset = tag_out_offset;
  for (const RawAttr& a : attrs_) {
    std::string_view name = s_.substr(a.name_begin, a.name_size);
    std::string_view value = s_.substr(a.value_begin, a.value_size);
    uint32_t* begin = nullptr;
    uint32_t* size = nullptr;
    if (name.size() == 4 && HasCi(name, 0, "type")) begin = &script.type_begin, size = &script.type_size;
    if (name.size() == 2 && HasCi(name, 0, "id")) begin = &script.id_begin, size = &script.id_size;
    if (name.size() == 3 && HasCi(name, 0, "src")) begin = &script.src_begin, size = &script.src_size;
    if (begin == nullptr || *size != 0) continue;  // the first one counts
    *begin = AppendScriptText(value);
    *size = static_cast<uint32_t>(value.size());
  }
  std::string_view body = s_.substr(body_begin, body_end - body_begin);
  script.text_begin = AppendScriptText(body);
  script.text_size = static_cast<uint32_t>(body.size());
  out_->scripts.push_back(script);
}

}  // namespace

void Prescan(std::string_view in, const PrescanLimits& limits, PrescanOutput* out) {
  out->html.clear();
  out->script_text.clear();
  out->scripts.clear();
  out->attrs.clear();
  out->start_tags = 0;
  out->dropped_tags = 0;
  out->html.reserve(in.size() / 2 + 64);
  Scanner(in, limits, out).Run();
}

}  // namespace gleaner::html::internal
