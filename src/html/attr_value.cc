// Decoding of attribute values the pre-scan lifts out of Gumbo's way.
//
// Only values whose decoding needs no entity table are lifted, so the
// result is byte for byte what Gumbo would produce:
//   - well-formed UTF-8 whose code points Gumbo keeps as they are (no NUL,
//     CR, C0/C1 controls other than tab/LF/FF, or noncharacters: Gumbo
//     turns those into U+FFFD or LF);
//   - '&' followed by neither an ASCII letter/digit nor '#': a literal '&';
//   - "&amp;" "&lt;" "&gt;" "&quot;" "&apos;" "&nbsp;";
//   - '&' + letters/digits + '=' ("?a=1&b=2"): literal, because in an
//     attribute value a reference without ';' followed by '=' or an
//     alphanumeric is never decoded;
//   - "&#123;" and "&#x7B;" whose code point is one Gumbo keeps.
// Anything else ("&copy", "&eacute;", "&#128;") makes the value ineligible.
#include "gleaner/utf8.h"
#include "html_internal.h"

namespace gleaner::html::internal {

namespace {

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// Code points the tokenizer passes through unchanged.
bool KeptAsIs(uint32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\f';
  if (cp >= 0x7F && cp <= 0x9F) return false;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;
  if ((cp & 0xFFFE) == 0xFFFE) return false;
  return cp <= 0x10FFFF;
}


// Length of the well-formed UTF-8 sequence at s[i] with its code point in
// *cp, or 0 when ill-formed (Unicode Table 3-7).
size_t Utf8At(std::string_view s, size_t i, uint32_t* cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  size_t left = s.size() - i;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF && left >= 2 && (b(1) & 0xC0) == 0x80) {
    *cp = (c & 0x1Fu) << 6 | (b(1) & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && left >= 3 && (b(1) & 0xC0) == 0x80 && (b(2) & 0xC0) == 0x80) {
    *cp = (c & 0x0Fu) << 12 | (b(1) & 0x3Fu) << 6 | (b(2) & 0x3Fu);
    return *cp >= 0x800 ? 3 : 0;  // surrogates are rejected by KeptAsIs
  }
  if (c >= 0xF0 && c <= 0xF4 && left >= 4 && (b(1) & 0xC0) == 0x80 && (b(2) & 0xC0) == 0x80 &&
      (b(3) & 0xC0) == 0x80) {
    *cp = (c & 0x07u) << 18 | (b(1) & 0x3Fu) << 12 | (b(2) & 0x3Fu) << 6 | (b(3) & 0x3Fu);
    return *cp >= 0x10000 && *cp <= 0x10FFFF ? 4 : 0;
  }
  return 0;
}

struct Named {
  std::string_view name;  // without '&', with ';'
  std::string_view text;
};
constexpr Named kNamed[] = {{"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"},
                            {"quot;", "\""}, {"apos;", "'"}, {"nbsp;", "\xC2\xA0"}};

// Handles the reference at s[i] == '&'; returns the bytes consumed or 0.
size_t Reference(std::string_view s, size_t i, std::string* out) {
  size_t n = s.size();
  if (i + 1 >= n || (!IsAlnum(s[i + 1]) && s[i + 1] != '#')) {
    if (out) out->push_back('&');
    return 1;
  }
  if (s[i + 1] == '#') {
    size_t p = i + 2;
    bool hex = p < n && (s[p] | 0x20) == 'x';
    if (hex) ++p;
    uint32_t cp = 0;
    size_t digits = 0;
    for (; p < n && digits < 8; ++p, ++digits) {
      char c = static_cast<char>(s[p] | 0x20);
      uint32_t v;
      if (s[p] >= '0' && s[p] <= '9') {
        v = static_cast<uint32_t>(s[p] - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        v = static_cast<uint32_t>(c - 'a' + 10);
      } else {
        break;
      }
      cp = cp * (hex ? 16 : 10) + v;
    }
    if (digits == 0 || digits == 8 || p >= n || s[p] != ';' || !KeptAsIs(cp)) return 0;
    if (out) utf8::Append(cp, out);
    return p + 1 - i;
  }
  for (const Named& e : kNamed) {
    if (s.substr(i + 1, e.name.size()) == e.name) {
      if (out) out->append(e.text);
      return 1 + e.name.size();
    }
  }
  size_t p = i + 1;
  while (p < n && IsAlnum(s[p])) ++p;
  if (p < n && s[p] == '=') {  // "&b=2": never a reference in an attribute
    if (out) out->append(s.substr(i, p - i));
    return p - i;
  }
  return 0;
}

}  // namespace

bool DecodeAttrValue(std::string_view raw, std::string* out) {
  size_t i = 0;
  while (i < raw.size()) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '&') {
      size_t used = Reference(raw, i, out);
      if (used == 0) return false;
      i += used;
      continue;
    }
    if (c >= 0x20 && c < 0x7F) {  // the common case
      if (out) out->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    uint32_t cp;
    size_t len = Utf8At(raw, i, &cp);
    if (len == 0 || !KeptAsIs(cp)) return false;
    if (out) out->append(raw.substr(i, len));
    i += len;
  }
  return true;
}

}  // namespace gleaner::html::internal
