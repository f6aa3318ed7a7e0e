// fuzz_util: what the fuzz targets share - splitting one input into parts,
// and FUZZ_CHECK for contract properties (a broken one aborts, so libFuzzer
// and the replay both report it with the input that broke it).
// Plain C++ on purpose (no <fuzzer/FuzzedDataProvider.h>): the same targets
// build with gcc for the ctest replay.
#ifndef GLEANER_TESTS_FUZZ_FUZZ_UTIL_H_
#define GLEANER_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

// Aborts with the condition and place when a documented property fails.
#define FUZZ_CHECK(cond)                                                            \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

namespace gleaner::fuzz {

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Splits at the first '\n': {before, after}; no newline gives {all, ""}.
inline std::pair<std::string_view, std::string_view> SplitLine(std::string_view input) {
  const size_t nl = input.find('\n');
  if (nl == std::string_view::npos) return {input, std::string_view()};
  return {input.substr(0, nl), input.substr(nl + 1)};
}

// Takes the first byte as a selector (0 when empty) and drops it.
inline uint8_t TakeByte(std::string_view* input) {
  if (input->empty()) return 0;
  const uint8_t b = static_cast<uint8_t>((*input)[0]);
  input->remove_prefix(1);
  return b;
}

}  // namespace gleaner::fuzz

#endif  // GLEANER_TESTS_FUZZ_FUZZ_UTIL_H_
