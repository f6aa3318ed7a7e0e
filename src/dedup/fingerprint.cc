// Hashes of a normalised body: the exact content hash, the one-permutation
// MinHash fingerprint the store indexes, and classic SimHash for comparison.
// Why MinHash bits and not SimHash: docs/internals/simhash.md.
#include <bit>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "dedup_internal.h"
#include "gleaner/dedup.h"

namespace gleaner::dedup {
namespace {

using internal::ForEachShingle;
using internal::Mix64;

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;  // odd, bits well spread
constexpr uint64_t kBitSeed = 0x6A09E667F3BCC909ULL;
constexpr int kBinBits = 6;  // 64 bins, one fingerprint bit each
constexpr uint64_t kValueMask = (uint64_t{1} << (64 - kBinBits)) - 1;
constexpr uint64_t kEmpty = std::numeric_limits<uint64_t>::max();

// Little-endian load of up to 8 bytes, so the hash is the same on every CPU.
uint64_t Load(const unsigned char* p, size_t n) {
  uint64_t w = 0;
  for (size_t i = 0; i < n; ++i) w |= uint64_t{p[i]} << (8 * i);
  return w;
}

// One-permutation MinHash with rotation densification (Shrivastava & Li
// 2014): bin = top 6 bits of the shingle hash, keep the minimum of the rest;
// an empty bin borrows the next non-empty bin to its right, salted by the
// distance. Each bin gives one bit: P(bit differs) = (1 - Jaccard) / 2.
uint64_t MinHashBits(const std::u32string& cps) {
  if (cps.empty()) return 0;
  uint64_t mins[64];
  for (uint64_t& m : mins) m = kEmpty;
  ForEachShingle(cps, [&](uint64_t h) {
    uint64_t& slot = mins[h >> (64 - kBinBits)];
    uint64_t value = h & kValueMask;
    if (value < slot) slot = value;
  });
  uint64_t bits = 0;
  for (int bin = 0; bin < 64; ++bin) {
    int distance = 0;
    while (mins[(bin + distance) % 64] == kEmpty) ++distance;  // at least one bin is full
    uint64_t salted = mins[(bin + distance) % 64] ^ (uint64_t(distance) * kGolden) ^ kBitSeed;
    bits |= (Mix64(salted) & 1) << bin;
  }
  return bits;
}

}  // namespace

uint64_t Hash64(std::string_view bytes, uint64_t seed) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  uint64_t h = seed ^ (uint64_t(n) * kGolden);
  for (; n >= 8; n -= 8, p += 8) {
    h ^= Mix64(Load(p, 8));
    h = std::rotl(h, 27) * kGolden + 0x52dce729;
  }
  h ^= Mix64(Load(p, n) ^ (uint64_t(n) << 59));
  return Mix64(h);
}

uint64_t HashCodePoints(const std::u32string& cps) {
  // The same bytes Hash64 would see for the UTF-8 form cost a re-encode;
  // hashing the code points directly (two per 64-bit word) is as strong.
  uint64_t h = 0x5851F42D4C957F2DULL ^ (uint64_t(cps.size()) * kGolden);
  size_t i = 0;
  for (; i + 2 <= cps.size(); i += 2) {
    h ^= Mix64((uint64_t{cps[i]} << 32) | cps[i + 1]);
    h = std::rotl(h, 27) * kGolden + 0x52dce729;
  }
  if (i < cps.size()) h ^= Mix64(uint64_t{cps[i]} | (uint64_t{1} << 63));
  return Mix64(h);
}

uint64_t Fingerprint64(std::string_view normalized) {
  std::u32string cps;
  internal::Normalize(normalized, &cps, nullptr);  // idempotent on normalised text
  return MinHashBits(cps);
}

uint64_t SimHash64(std::string_view normalized) {
  std::u32string cps;
  internal::Normalize(normalized, &cps, nullptr);
  if (cps.empty()) return 0;
  int64_t weight[64] = {};
  ForEachShingle(cps, [&](uint64_t h) {
    for (int bit = 0; bit < 64; ++bit) weight[bit] += ((h >> bit) & 1) ? 1 : -1;
  });
  uint64_t bits = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (weight[bit] > 0) bits |= uint64_t{1} << bit;
  }
  return bits;
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

std::vector<uint64_t> BandKeys(uint64_t fingerprint, int bands) {
  if (bands < 1) bands = 1;
  if (bands > 64) bands = 64;
  std::vector<uint64_t> keys;
  keys.reserve(bands);
  for (int band = 0; band < bands; ++band) {
    int begin = band * 64 / bands;
    int end = (band + 1) * 64 / bands;
    int width = end - begin;
    uint64_t value = width == 64 ? fingerprint : (fingerprint >> begin) & ((uint64_t{1} << width) - 1);
    // Hashing (band, bits) into one key: a rare key collision only adds a
    // candidate, and candidates are always checked by Hamming distance.
    keys.push_back(Mix64(value ^ Mix64(uint64_t(band) + kGolden)));
  }
  return keys;
}

Signature Sign(std::string_view body) {
  std::u32string cps;
  internal::Normalize(body, &cps, nullptr);
  Signature signature;
  signature.content_hash = HashCodePoints(cps);
  signature.fingerprint = MinHashBits(cps);
  signature.text_chars = static_cast<int64_t>(cps.size());
  return signature;
}

}  // namespace gleaner::dedup
