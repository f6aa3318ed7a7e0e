#include "text_util.h"

#include "gleaner/utf8.h"

#include <algorithm>

namespace gleaner::extract::internal {

bool IsSpace(char32_t cp) {
  return cp <= 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0x3000 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF || cp == 0x202F || cp == 0x205F;
}

bool IsCjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // extension A
         (cp >= 0x20000 && cp <= 0x3134F) ||  // extensions B..G
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // compatibility
         (cp >= 0x3040 && cp <= 0x30FF) ||    // kana
         (cp >= 0xAC00 && cp <= 0xD7AF);      // Hangul syllables
}

bool IsPunct(char32_t cp) {
  switch (cp) {
    case ',': case '.': case ';': case ':': case '?': case '!':
    case 0x3001: case 0x3002:                            // 、。
    case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF1F:  // ，；：？
    case 0xFF01: case 0xFF0E:                            // ！．
    case 0x201C: case 0x201D: case 0x2018: case 0x2019:  // “”‘’
    case 0x300C: case 0x300D: case 0x300E: case 0x300F:  // 「」『』
    case 0x2026: case 0x2014:                            // … —
      return true;
    default:
      return false;
  }
}

TextCounts CountText(std::string_view s) {
  TextCounts counts;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // ASCII fast path: most bytes of most pages
      ++i;
      if (c > 0x20 && c != 0x7F) {
        ++counts.chars;
        if (c == ',' || c == '.' || c == ';' || c == ':' || c == '?' || c == '!') ++counts.punct;
      }
      continue;
    }
    char32_t cp = utf8::Next(s, &i);
    if (IsSpace(cp)) continue;
    ++counts.chars;
    if (IsCjk(cp)) ++counts.cjk;
    else if (IsPunct(cp)) ++counts.punct;
  }
  return counts;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t cp = utf8::Next(s, &i);
    if (IsSpace(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    if (cp == 0xFFFD && i - start == 1) {
      utf8::Append(cp, &out);
    } else {
      out.append(s.data() + start, i - start);
    }
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
                          return lower(a) == lower(b);
                        });
  return it != haystack.end();
}

}  // namespace gleaner::extract::internal
