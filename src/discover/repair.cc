// repair: bare ampersands and HTML entity names in feeds and sitemaps,
// made well-formed before libxml2 sees them.
//
// Real feeds are written by string concatenation: `<link>…?id=1&page=2`,
// `<title>AT&T</title>` and `&nbsp;` in text are common, and each is a
// fatal error to an XML parser, which would lose the whole feed for one
// character. libxml2's recover mode drops the ampersand instead (the link
// then points elsewhere), so the bytes are fixed on the way in: an `&` that
// does not start a reference becomes `&amp;`, an HTML entity name becomes
// its numeric reference, an unknown name is kept as literal text. Inside
// comments, CDATA sections, processing instructions and the DOCTYPE the
// bytes pass untouched (there `&` is literal, or the DOCTYPE is refused).
// A well-formed document that uses only XML's own references comes out
// byte for byte the same.
//
// Works on the raw bytes: '&', '<', '>', quotes, ';' and '#' never occur
// inside a multi-byte character of UTF-8, GBK, GB18030, Big5 or Shift_JIS,
// so only UTF-16/32 documents skip the repair (see NeedsRepair).
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "discover_internal.h"

namespace gleaner::discover::internal {
namespace {

// Longer names are not references; bounds the bytes held back at a chunk end.
constexpr size_t kMaxReferenceName = 32;

struct NamedCharacter {
  const char* name;
  int code_point;
};

// The HTML entities feeds actually carry (XML's five pass as they are).
constexpr NamedCharacter kHtmlEntities[] = {
    {"nbsp", 160},   {"copy", 169},   {"reg", 174},     {"trade", 8482},  {"mdash", 8212},
    {"ndash", 8211}, {"hellip", 8230}, {"ldquo", 8220}, {"rdquo", 8221},  {"lsquo", 8216},
    {"rsquo", 8217}, {"middot", 183},  {"bull", 8226},  {"laquo", 171},   {"raquo", 187},
    {"times", 215},  {"deg", 176},     {"yen", 165},    {"euro", 8364},   {"pound", 163},
    {"cent", 162},   {"sect", 167},    {"para", 182},   {"emsp", 8195},   {"ensp", 8194},
    {"thinsp", 8201}, {"iexcl", 161},  {"iquest", 191}, {"acute", 180},   {"uml", 168},
};

bool IsNameStart(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
}

bool IsNameChar(char c) {
  return IsNameStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool IsXmlPredefined(std::string_view name) {
  return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

// What to do with the '&' at the start of `rest`.
struct Verdict {
  enum Kind { kNeedMore, kKeep, kEscape, kReplace } kind;
  size_t length = 0;        // kKeep / kReplace: bytes of the reference
  std::string replacement;  // kReplace
};

// `&#123;` / `&#x1F;`: kept when complete, escaped when malformed.
Verdict JudgeNumeric(std::string_view rest, bool at_end) {
  size_t i = 2;
  bool hex = i < rest.size() && (rest[i] == 'x' || rest[i] == 'X');
  if (hex) ++i;
  size_t digits_start = i;
  while (i < rest.size() && i < kMaxReferenceName &&
         (hex ? std::isxdigit(static_cast<unsigned char>(rest[i])) != 0
              : (rest[i] >= '0' && rest[i] <= '9'))) {
    ++i;
  }
  if (i == rest.size() && !at_end && i < kMaxReferenceName) return {Verdict::kNeedMore, 0, {}};
  if (i > digits_start && i < rest.size() && rest[i] == ';') return {Verdict::kKeep, i + 1, {}};
  return {Verdict::kEscape, 0, {}};
}

Verdict Judge(std::string_view rest, bool at_end) {
  if (rest.size() < 2) return at_end ? Verdict{Verdict::kEscape, 0, {}} : Verdict{Verdict::kNeedMore, 0, {}};
  if (rest[1] == '#') return JudgeNumeric(rest, at_end);
  if (!IsNameStart(rest[1])) return {Verdict::kEscape, 0, {}};
  size_t i = 2;
  while (i < rest.size() && i <= kMaxReferenceName && IsNameChar(rest[i])) ++i;
  if (i == rest.size() && !at_end && i <= kMaxReferenceName) return {Verdict::kNeedMore, 0, {}};
  if (i >= rest.size() || rest[i] != ';') return {Verdict::kEscape, 0, {}};
  std::string_view name = rest.substr(1, i - 1);
  if (IsXmlPredefined(name)) return {Verdict::kKeep, i + 1, {}};
  for (const NamedCharacter& entity : kHtmlEntities) {
    if (name == entity.name) {
      return {Verdict::kReplace, i + 1, "&#" + std::to_string(entity.code_point) + ";"};
    }
  }
  return {Verdict::kEscape, 0, {}};  // undeclared in XML: keep it as text
}

}  // namespace

bool NeedsRepair(std::string_view prefix) {
  // UTF-16/32 (with or without a BOM) put NULs or FE/FF in the first bytes.
  size_t n = std::min<size_t>(prefix.size(), 4);
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(prefix[i]);
    if (c == 0 || c == 0xFE || c == 0xFF) return false;
  }
  return true;
}

void ReferenceRepair::Feed(std::string_view chunk, bool at_end, std::string* out) {
  held_.append(chunk);
  std::string_view in = held_;
  size_t done = 0;  // bytes of `in` handled
  while (done < in.size()) {
    size_t step = Step(in.substr(done), at_end, out);
    if (step == 0) break;  // the rest must wait for more bytes
    done += step;
  }
  held_.erase(0, done);
  if (at_end && !held_.empty()) {  // cannot happen: at_end decides every byte
    out->append(held_);
    held_.clear();
  }
}

// Handles a prefix of `in` in the current state; returns its length, or 0
// when nothing can be decided before more bytes arrive.
size_t ReferenceRepair::Step(std::string_view in, bool at_end, std::string* out) {
  switch (state_) {
    case State::kText:
    case State::kTag:
      return StepMarkup(in, at_end, out);
    case State::kComment:
      return PassUntil(in, "-->", at_end, out);
    case State::kCData:
      return PassUntil(in, "]]>", at_end, out);
    case State::kInstruction:
      return PassUntil(in, "?>", at_end, out);
    case State::kDoctype:
      return StepDoctype(in, out);
  }
  return 0;
}

size_t ReferenceRepair::StepMarkup(std::string_view in, bool at_end, std::string* out) {
  // The bytes that end this run: '&' always; '<' in text; quotes and '>' in a tag.
  const char* stops = state_ == State::kText ? "&<" : (quote_ != 0 ? "&\"'" : "\"'>");
  size_t stop = in.find_first_of(stops);
  if (stop == std::string_view::npos) {
    out->append(in);
    return in.size();
  }
  if (stop > 0) {
    out->append(in.substr(0, stop));
    return stop;
  }
  char c = in[0];
  if (c == '&') return StepReference(in, at_end, out);
  if (c == '<') return StepOpen(in, at_end, out);
  if (c == '>') {
    state_ = State::kText;
  } else if (quote_ == 0) {
    quote_ = c;
  } else if (c == quote_) {
    quote_ = 0;
  }
  out->push_back(c);
  return 1;
}

size_t ReferenceRepair::StepReference(std::string_view in, bool at_end, std::string* out) {
  Verdict verdict = Judge(in, at_end);
  switch (verdict.kind) {
    case Verdict::kNeedMore:
      return 0;
    case Verdict::kKeep:
      out->append(in.substr(0, verdict.length));
      return verdict.length;
    case Verdict::kReplace:
      out->append(verdict.replacement);
      return verdict.length;
    case Verdict::kEscape:
      out->append("&amp;");
      return 1;
  }
  return 1;
}

// `in` starts with '<': which construct opens here.
size_t ReferenceRepair::StepOpen(std::string_view in, bool at_end, std::string* out) {
  constexpr std::string_view kCDataOpen = "<![CDATA[";
  if (!at_end && in.size() < kCDataOpen.size() && (in.size() == 1 || in[1] == '!')) return 0;
  size_t opened = 1;
  if (in.substr(0, 4) == "<!--") {
    state_ = State::kComment;
    opened = 4;
  } else if (in.substr(0, kCDataOpen.size()) == kCDataOpen) {
    state_ = State::kCData;
    opened = kCDataOpen.size();
  } else if (in.substr(0, 2) == "<?") {
    state_ = State::kInstruction;
    opened = 2;
  } else if (in.substr(0, 2) == "<!") {
    state_ = State::kDoctype;
    doctype_depth_ = 0;
    opened = 2;
  } else {
    state_ = State::kTag;
    quote_ = 0;
  }
  out->append(in.substr(0, opened));
  return opened;
}

// Copies through `close` (then back to text), or all but the bytes that
// could be the start of `close`.
size_t ReferenceRepair::PassUntil(std::string_view in, std::string_view close, bool at_end,
                                  std::string* out) {
  size_t at = in.find(close);
  if (at != std::string_view::npos) {
    out->append(in.substr(0, at + close.size()));
    state_ = State::kText;
    return at + close.size();
  }
  size_t safe = at_end ? in.size() : in.size() - std::min(in.size(), close.size() - 1);
  out->append(in.substr(0, safe));
  return safe;
}

// <!DOCTYPE …[ internal subset ]>: ends at the first '>' outside brackets.
size_t ReferenceRepair::StepDoctype(std::string_view in, std::string* out) {
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '[') ++doctype_depth_;
    if (c == ']' && doctype_depth_ > 0) --doctype_depth_;
    if (c == '>' && doctype_depth_ == 0) {
      out->append(in.substr(0, i + 1));
      state_ = State::kText;
      return i + 1;
    }
  }
  out->append(in);
  return in.size();
}

}  // namespace gleaner::discover::internal
