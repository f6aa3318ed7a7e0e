// Focus: UTF-8 validation and sanitising - what is well-formed (Unicode
// Table 3-7) and how many U+FFFD a bad stretch becomes (one per maximal
// subpart), in the spirit of SQLite's badutf.test.
#include <gtest/gtest.h>

#include <string>

#include "charset_internal.h"
#include "gleaner/charset.h"

namespace gleaner::charset {
namespace {

using namespace std::string_view_literals;

struct Utf8Case {
  const char* id;
  std::string_view bytes;
  std::string_view sanitized;  // "?" stands for U+FFFD
  int64_t replacements;
};

const Utf8Case kUtf8Cases[] = {
    {"u8-1.1", "", "", 0},
    {"u8-1.2", "plain ascii", "plain ascii", 0},
    {"u8-1.3", "\xE4\xB8\xAD\xE6\x96\x87", "\xE4\xB8\xAD\xE6\x96\x87", 0},  // 中文
    {"u8-1.4", "\xF0\xA0\xAE\xB7", "\xF0\xA0\xAE\xB7", 0},                  // 𠮷
    {"u8-1.5", "\xC2\x80\xDF\xBF", "\xC2\x80\xDF\xBF", 0},
    {"u8-1.6", "\xEF\xBF\xBF\xF4\x8F\xBF\xBF", "\xEF\xBF\xBF\xF4\x8F\xBF\xBF", 0},
    {"u8-1.7", "a\0b"sv, "a\0b"sv, 0},  // NUL is kept
    {"u8-2.1", "\x80", "?", 1},          // lone continuation
    {"u8-2.2", "a\xFF" "b", "a?b", 1},
    {"u8-2.3", "\xC0\xAF", "??", 2},          // overlong '/': C0 starts nothing
    {"u8-2.4", "\xE0\x80\xAF", "???", 3},     // overlong: E0 needs A0..BF
    {"u8-2.5", "\xED\xA0\x80", "???", 3},     // a UTF-16 surrogate
    {"u8-2.6", "\xF4\x90\x80\x80", "????", 4},  // above U+10FFFF
    {"u8-2.7", "\xF5\x80", "??", 2},
    {"u8-3.1", "\xE4\xB8", "?", 1},           // truncated at the end: one
    {"u8-3.2", "\xE4\xB8" "a", "?a", 1},      // cut by ASCII: one, ASCII kept
    {"u8-3.3", "\xF0\xA0\xAE", "?", 1},
    {"u8-3.4", "\xF0\xA0\xAE\xE4\xB8\xAD", "?\xE4\xB8\xAD", 1},
    {"u8-3.5", "\xC3", "?", 1},
    {"u8-4.1", "\xE4\xB8\xAD\x80\x80\xE6\x96\x87", "\xE4\xB8\xAD??\xE6\x96\x87", 2},
};

std::string WithFffd(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '?') {
      out += internal::kReplacementUtf8;
    } else {
      out += c;
    }
  }
  return out;
}

TEST(Utf8Test, ValidationAndSanitising) {
  for (const Utf8Case& c : kUtf8Cases) {
    std::string out;
    const int64_t n = internal::AppendSanitizedUtf8(c.bytes, &out);
    EXPECT_EQ(out, WithFffd(c.sanitized)) << c.id;
    EXPECT_EQ(n, c.replacements) << c.id;
    EXPECT_EQ(IsValidUtf8(c.bytes), c.replacements == 0) << c.id;
    EXPECT_TRUE(IsValidUtf8(out)) << c.id;
    const internal::Utf8Scan scan = internal::ScanUtf8(c.bytes);
    EXPECT_EQ(scan.errors, c.replacements) << c.id;
  }
}

// The ASCII fast path reads eight bytes at a time: a bad byte at every
// offset of a word, and at the tail, must still be found.
TEST(Utf8Test, BadByteAtEveryOffset) {
  for (size_t len = 1; len <= 40; ++len) {
    for (size_t at = 0; at < len; ++at) {
      std::string s(len, 'a');
      s[at] = '\xFF';
      EXPECT_FALSE(IsValidUtf8(s)) << len << "/" << at;
      EXPECT_EQ(internal::ValidUtf8Prefix(s), at) << len << "/" << at;
    }
  }
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(internal::CountCodePoints(""), 0);
  EXPECT_EQ(internal::CountCodePoints("abc"), 3);
  EXPECT_EQ(internal::CountCodePoints("\xE4\xB8\xAD\xE6\x96\x87 \xF0\xA0\xAE\xB7"), 4);
}

TEST(Utf8Test, ScanCountsMultibyteSequences) {
  const internal::Utf8Scan scan = internal::ScanUtf8("a\xE4\xB8\xAD\xC3\xA9\xFF");
  EXPECT_EQ(scan.multibyte, 2);
  EXPECT_EQ(scan.errors, 1);
}

}  // namespace
}  // namespace gleaner::charset
