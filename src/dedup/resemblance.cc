// The store's second near-duplicate path: a key for the title, and the
// true shingle similarity of two bodies, which the fingerprint only samples.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dedup_internal.h"
#include "gleaner/dedup.h"

namespace gleaner::dedup {
namespace {

constexpr uint64_t kTitleSeed = 0x3C6EF372FE94F82BULL;

}  // namespace

std::vector<uint64_t> ShingleSet(std::string_view text) {
  std::u32string cps;
  internal::Normalize(text, &cps, nullptr);
  std::vector<uint64_t> hashes;
  hashes.reserve(cps.size());
  internal::ForEachShingle(cps, [&](uint64_t h) { hashes.push_back(h); });
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

uint64_t TitleKey(std::string_view title) {
  std::string normalized = NormalizeText(title);
  if (normalized.empty()) return 0;
  uint64_t key = Hash64(normalized, kTitleSeed) >> 33;
  return key == 0 ? 1 : key;  // 0 means "no key"
}

double Resemblance(std::string_view a, std::string_view b) {
  return Resemblance(ShingleSet(a), ShingleSet(b));
}

double Resemblance(const std::vector<uint64_t>& sa, const std::vector<uint64_t>& sb) {
  if (sa.empty() || sb.empty()) return 0;
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < sa.size() && j < sb.size();) {
    if (sa[i] < sb[j]) {
      ++i;
    } else if (sb[j] < sa[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(shared) / static_cast<double>(sa.size() + sb.size() - shared);
}

}  // namespace gleaner::dedup
