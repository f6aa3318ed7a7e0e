// sniff: cheap looks at the first bytes of a document - which root element
// it has (sitemap, feed or HTML) and which encoding its XML declaration
// names - without running the XML parser.
#include <array>
#include <string>
#include <string_view>

#include "discover_internal.h"

namespace gleaner::discover::internal {
namespace {

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string AsciiLowered(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lowered;
}

// UTF-16 text (with a BOM, or starting "<?" / "<r") seen as ASCII: each code
// unit under 0x80 becomes its byte, any other one '?'. Enough to read markup
// names; the parser does the real decoding.
std::string Utf16AsAscii(std::string_view bytes, bool little_endian) {
  std::string ascii;
  ascii.reserve(bytes.size() / 2);
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    unsigned char lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
    unsigned char hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
    ascii.push_back(hi == 0 && lo < 0x80 ? static_cast<char>(lo) : '?');
  }
  return ascii;
}

// The prefix with any BOM removed, as ASCII-compatible bytes.
std::string MarkupView(std::string_view prefix) {
  auto starts = [&](std::string_view magic) { return prefix.substr(0, magic.size()) == magic; };
  if (starts("\xEF\xBB\xBF")) return std::string(prefix.substr(3));
  if (starts("\xFF\xFE")) return Utf16AsAscii(prefix.substr(2), true);
  if (starts("\xFE\xFF")) return Utf16AsAscii(prefix.substr(2), false);
  if (prefix.size() >= 2 && prefix[0] == '<' && prefix[1] == '\0') {
    return Utf16AsAscii(prefix, true);
  }
  if (prefix.size() >= 2 && prefix[0] == '\0' && prefix[1] == '<') {
    return Utf16AsAscii(prefix, false);
  }
  return std::string(prefix);
}

// Index just past the DOCTYPE starting at `pos`, stepping over a bracketed
// internal subset and quoted strings; npos when the prefix ends first.
size_t SkipDoctype(std::string_view text, size_t pos) {
  int brackets = 0;
  char quote = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++brackets;
    } else if (c == ']') {
      --brackets;
    } else if (c == '>' && brackets <= 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Index just past the markup before the root element that starts at `pos`
// (a PI, comment or DOCTYPE), or npos.
size_t SkipProlog(std::string_view text, size_t pos) {
  std::string_view rest = text.substr(pos);
  if (rest.substr(0, 2) == "<?") {
    size_t end = text.find("?>", pos + 2);
    return end == std::string_view::npos ? end : end + 2;
  }
  if (rest.substr(0, 4) == "<!--") {
    size_t end = text.find("-->", pos + 4);
    return end == std::string_view::npos ? end : end + 3;
  }
  // HTML writes <!doctype html>; XML would refuse it, but the sniff should
  // still see the root after it.
  if (AsciiLowered(rest.substr(0, 9)) == "<!doctype") return SkipDoctype(text, pos + 9);
  return std::string_view::npos;
}

struct LabelMapping {
  std::string_view label;  // lower case, as an XML declaration may write it
  std::string_view iconv_name;
};

// WHATWG's Encoding Standard maps these labels to its "gbk" / "Big5"
// decoders, which are GB18030 / Big5-HKSCS; "euc-cn" is not a WHATWG label
// but is seen on Chinese sites with the same meaning.
constexpr std::array<LabelMapping, 15> kLabelOverrides = {{
    {"gb2312", "GB18030"},         {"gbk", "GB18030"},
    {"x-gbk", "GB18030"},          {"gb_2312", "GB18030"},
    {"gb_2312-80", "GB18030"},     {"csgb2312", "GB18030"},
    {"chinese", "GB18030"},        {"iso-ir-58", "GB18030"},
    {"csiso58gb231280", "GB18030"}, {"euc-cn", "GB18030"},
    {"big5", "BIG5-HKSCS"},        {"big5-hkscs", "BIG5-HKSCS"},
    {"cn-big5", "BIG5-HKSCS"},     {"csbig5", "BIG5-HKSCS"},
    {"x-x-big5", "BIG5-HKSCS"},
}};

// The value of encoding="..." in an XML declaration, or "".
std::string DeclaredEncoding(std::string_view text) {
  if (text.substr(0, 5) != "<?xml") return "";
  size_t end = text.find("?>");
  if (end == std::string_view::npos) return "";
  std::string_view decl = text.substr(0, end);
  size_t key = decl.find("encoding");
  if (key == std::string_view::npos) return "";
  size_t i = key + 8;
  while (i < decl.size() && IsXmlSpace(decl[i])) ++i;
  if (i >= decl.size() || decl[i] != '=') return "";
  ++i;
  while (i < decl.size() && IsXmlSpace(decl[i])) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return "";
  size_t close = decl.find(decl[i], i + 1);
  if (close == std::string_view::npos) return "";
  return std::string(decl.substr(i + 1, close - i - 1));
}

}  // namespace

std::string RootName(std::string_view prefix) {
  std::string text = MarkupView(prefix);
  size_t pos = 0;
  while (pos < text.size()) {
    if (IsXmlSpace(text[pos])) {
      ++pos;
      continue;
    }
    if (text[pos] != '<' || pos + 1 >= text.size()) return "";
    char next = text[pos + 1];
    if (next == '?' || next == '!') {
      pos = SkipProlog(text, pos);
      if (pos == std::string::npos) return "";
      continue;
    }
    size_t end = pos + 1;
    while (end < text.size() && !IsXmlSpace(text[end]) && text[end] != '>' && text[end] != '/') {
      ++end;
    }
    if (end == text.size()) return "";  // the name may go on past the prefix
    std::string_view name = std::string_view(text).substr(pos + 1, end - pos - 1);
    size_t colon = name.rfind(':');
    return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
  }
  return "";
}

std::string EncodingOverride(std::string_view prefix) {
  // A BOM decides the encoding before any declaration (XML 1.0 appendix F).
  if (prefix.substr(0, 3) == "\xEF\xBB\xBF" || prefix.substr(0, 2) == "\xFF\xFE" ||
      prefix.substr(0, 2) == "\xFE\xFF") {
    return "";
  }
  std::string label = AsciiLowered(DeclaredEncoding(prefix));
  for (const LabelMapping& mapping : kLabelOverrides) {
    if (mapping.label == label) return std::string(mapping.iconv_name);
  }
  return "";
}

}  // namespace gleaner::discover::internal
