// text_util: UTF-8 and character-class helpers the extractor's passes share.
// Inside src/extract only.
#ifndef GLEANER_SRC_EXTRACT_TEXT_UTIL_H_
#define GLEANER_SRC_EXTRACT_TEXT_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace gleaner::extract::internal {

// UTF-8 decoding and encoding: include/gleaner/utf8.h.

// Whitespace as a reader sees it: ASCII space/controls, U+00A0, U+3000,
// U+2000..U+200B, U+FEFF.
bool IsSpace(char32_t cp);

// Han ideographs, kana and Hangul: characters that carry a word each.
bool IsCjk(char32_t cp);

// Sentence and clause punctuation, ASCII and CJK (，。、；：？！ etc.).
bool IsPunct(char32_t cp);

// Counts of what a reader would see in a piece of text.
struct TextCounts {
  uint32_t chars = 0;   // non-space code points
  uint32_t cjk = 0;     // of which CJK
  uint32_t punct = 0;   // of which punctuation
};
TextCounts CountText(std::string_view s);

// Collapses every run of whitespace (see IsSpace) to one ASCII space and
// trims both ends.
std::string CollapseSpace(std::string_view s);

// Lower-cases ASCII letters.
std::string AsciiLower(std::string_view s);

// True when `haystack` contains `needle` ignoring ASCII case.
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle);

// Calls visit(word) for each run of non-space bytes between ASCII spaces
// (the words of a class or id list, the pieces of a line) until visit
// returns false. Returns false when a visit did.
template <class Visit>
bool ForEachWord(std::string_view text, Visit visit) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start && !visit(text.substr(start, i - start))) return false;
  }
  return true;
}

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_TEXT_UTIL_H_
