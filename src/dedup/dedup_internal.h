// dedup_internal: helpers shared by the dedup sources only.
#ifndef GLEANER_SRC_DEDUP_DEDUP_INTERNAL_H_
#define GLEANER_SRC_DEDUP_DEDUP_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "gleaner/dedup.h"

namespace gleaner::dedup::internal {

// murmur3's 64-bit finaliser: every input bit affects every output bit.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Hash of the 4 code points starting at cps[0]; the first three are packed
// exactly (21 bits each), the fourth is mixed in.
inline uint64_t ShingleHash(const char32_t* cps) {
  constexpr uint64_t kShingleSeed = 0x2545F4914F6CDD1DULL;
  uint64_t packed = (uint64_t{cps[0]} << 42) | (uint64_t{cps[1]} << 21) | uint64_t{cps[2]};
  return Mix64(packed ^ Mix64(uint64_t{cps[3]} ^ kShingleSeed));
}

// Calls visit(hash) for every shingle of normalised code points; a text
// shorter than a shingle is one shingle padded with zeros.
template <class Visit>
void ForEachShingle(const std::u32string& cps, Visit visit) {
  static_assert(kShingleCodePoints == 4, "ShingleHash packs exactly four code points");
  if (cps.empty()) return;
  if (cps.size() < kShingleCodePoints) {
    char32_t padded[kShingleCodePoints] = {};
    for (size_t i = 0; i < cps.size(); ++i) padded[i] = cps[i];
    visit(ShingleHash(padded));
    return;
  }
  for (size_t i = 0; i + kShingleCodePoints <= cps.size(); ++i) visit(ShingleHash(&cps[i]));
}

// Normalises `text` (see NormalizeText) into code points, and, when
// `utf8` is not null, also into UTF-8. Both outputs are cleared first.
void Normalize(std::string_view text, std::u32string* code_points, std::string* utf8);

}  // namespace gleaner::dedup::internal

#endif  // GLEANER_SRC_DEDUP_DEDUP_INTERNAL_H_
