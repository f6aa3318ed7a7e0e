// dedup_internal: helpers shared by the dedup sources only.
#ifndef GLEANER_SRC_DEDUP_DEDUP_INTERNAL_H_
#define GLEANER_SRC_DEDUP_DEDUP_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>

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

// Normalises `text` (see NormalizeText) into code points, and, when
// `utf8` is not null, also into UTF-8. Both outputs are cleared first.
void Normalize(std::string_view text, std::u32string* code_points, std::string* utf8);


}  // namespace gleaner::dedup::internal

#endif  // GLEANER_SRC_DEDUP_DEDUP_INTERNAL_H_
