// Text normalisation for hashing: the same article copied by another portal,
// re-encoded, or typed with full-width digits must fold to the same string.
#include <cstdint>
#include <string>
#include <string_view>

#include "dedup_internal.h"
#include "gleaner/dedup.h"
#include "gleaner/utf8.h"

namespace gleaner::dedup {
namespace internal {
namespace {

constexpr uint32_t kDrop = 0;

// Decodes one UTF-8 sequence at text[*pos]; returns kDrop (and skips one
// byte) for an invalid, overlong or surrogate sequence.
uint32_t DecodeOne(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char b0 = byte(*pos);
  if (b0 < 0x80) {
    ++*pos;
    return b0;
  }
  int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || *pos + len > text.size()) {
    ++*pos;
    return kDrop;
  }
  uint32_t cp = b0 & (0x7F >> len);
  for (int i = 1; i < len; ++i) {
    unsigned char b = byte(*pos + i);
    if ((b & 0xC0) != 0x80) {
      ++*pos;
      return kDrop;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr uint32_t kMinForLen[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLen[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*pos;
    return kDrop;
  }
  *pos += len;
  return cp;
}

uint32_t FoldAscii(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
  return kDrop;  // space, punctuation, symbols, controls
}

// True for blocks that hold only punctuation, spaces, symbols or marks.
bool IsDroppedBlock(uint32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) ||  // combining diacritics
         (cp >= 0x2000 && cp <= 0x206F) ||  // general punctuation, zero-width
         (cp >= 0x20A0 && cp <= 0x20CF) ||  // currency
         (cp >= 0x2190 && cp <= 0x23FF) ||  // arrows, maths, technical
         (cp >= 0x2500 && cp <= 0x27BF) ||  // box drawing, shapes, dingbats
         (cp >= 0x3000 && cp <= 0x303F && cp != 0x3005 && cp != 0x3007) ||  // 。、《》【】
         (cp >= 0xFE10 && cp <= 0xFE1F) ||  // vertical forms
         (cp >= 0xFE30 && cp <= 0xFE6F) ||  // CJK compatibility and small forms
         (cp >= 0xFF5F && cp <= 0xFF65) ||  // half-width CJK punctuation
         cp == 0xFEFF || cp == 0xFFFC || cp == 0xFFFD ||
         (cp >= 0x1F000 && cp <= 0x1FAFF);  // emoji, pictographs
}

// The folded code point, or kDrop.
uint32_t Fold(uint32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF) return cp;  // CJK ideographs: most of a Chinese body
  if (cp < 0x80) return FoldAscii(cp);
  if (cp >= 0xFF01 && cp <= 0xFF5E) return FoldAscii(cp - 0xFEE0);  // full-width ASCII
  if (cp < 0xC0) return kDrop;                                       // C1, NBSP, ¡..¿
  if (cp == 0xD7 || cp == 0xF7) return kDrop;                        // × ÷
  if (cp <= 0xDE) return cp + 0x20;                                  // À..Þ
  if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) return cp + 0x20;  // Greek
  if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;                // Cyrillic А..Я
  if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;                // Ѐ..Џ
  if (IsDroppedBlock(cp)) return kDrop;
  return cp;
}

}  // namespace

void Normalize(std::string_view text, std::u32string* code_points, std::string* utf8) {
  code_points->clear();
  // At most one code point per byte: English bodies keep ~80% of their
  // bytes, and growing the buffer twice cost more than the spare capacity.
  code_points->reserve(text.size());
  if (utf8 != nullptr) {
    utf8->clear();
    utf8->reserve(text.size());
  }
  size_t pos = 0;
  while (pos < text.size()) {
    uint32_t cp = Fold(DecodeOne(text, &pos));
    if (cp == kDrop) continue;
    code_points->push_back(cp);
    if (utf8 != nullptr) gleaner::utf8::Append(cp, utf8);
  }
}

}  // namespace internal

std::string NormalizeText(std::string_view text) {
  std::u32string code_points;
  std::string utf8;
  internal::Normalize(text, &code_points, &utf8);
  return utf8;
}

}  // namespace gleaner::dedup
