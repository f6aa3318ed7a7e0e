// Focus: Decoder::Convert - each converter turns real bytes (checked
// against Python's codecs) into the right UTF-8, and bad bytes into a
// counted U+FFFD, never an error.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "charset_internal.h"
#include "gleaner/charset.h"
#include "test_pages.h"

namespace gleaner::charset {
namespace {

using namespace std::string_view_literals;

struct ConvertCase {
  const char* id;
  const char* label;
  std::string_view bytes;
  std::string_view utf8;  // "?" stands for U+FFFD
  int64_t replacements;
};

const ConvertCase kConvertCases[] = {
    {"cv-1.1", "gbk", "\xD6\xD0\xCE\xC4", "中文", 0},
    {"cv-1.2", "gb2312", "\xE9\x46\x86\xB4\x88\xD2", "镕喆堃", 0},  // GBK-only
    {"cv-1.3", "gb18030", "\x95\x34\xB2\x35", "𠮷", 0},              // 4 bytes
    {"cv-1.4", "gbk", "\xFE\x9F", "䶮", 0},
    {"cv-1.5", "gbk", "\xA2\xE3", "€", 0},
    {"cv-1.6", "gbk", "\x80", "€", 0},  // WHATWG's single-byte euro
    {"cv-1.7", "gbk", "\xD6", "?", 1},  // truncated at the end
    {"cv-1.8", "gbk", "\xD6\xD0\xCE", "中?", 1},
    {"cv-1.9", "gbk", "\xD6 a", "? a", 1},  // bad lead: the ASCII survives
    {"cv-1.10", "gbk", "a\xFF" "b", "a?b", 1},
    {"cv-1.11", "gbk", "a\0b"sv, "a\0b"sv, 0},  // NUL kept
    {"cv-1.12", "gb18030", "\x81\x30\x81", "?", 1},  // 4-byte cut short
    {"cv-2.1", "big5", "\xA4\xA4\xA4\xE5", "中文", 0},
    {"cv-2.2", "big5", "\xBB\x4F\xC6\x57", "臺灣", 0},
    {"cv-2.3", "big5-hkscs", "\xFB\x69", "堃", 0},  // HKSCS
    {"cv-2.4", "big5", "\x88\x62", "\xC3\x8A\xCC\x84", 0},  // Ê + U+0304
    {"cv-2.5", "big5", "\xA4\xA4\xA4", "中?", 1},
    {"cv-2.6", "big5", "\xA4 x", "? x", 1},
    {"cv-3.1", "shift_jis", "\x93\xFA\x96\x7B\x8C\xEA", "日本語", 0},
    {"cv-3.2", "euc-jp", "\xC6\xFC\xCB\xDC\xB8\xEC", "日本語", 0},
    {"cv-3.3", "iso-2022-jp", "\x1B\x24\x42\x46\x7C\x4B\x5C\x1B\x28\x42", "日本", 0},
    {"cv-3.4", "euc-kr", "\xC7\xD1\xB1\xB9\xBE\xEE", "한국어", 0},
    {"cv-3.5", "euc-kr", "\x8C\x63", "똠", 0},  // UHC, outside KS X 1001
    {"cv-4.1", "utf-16le", "A\0\xE9\0\xAC\x20"sv, "Aé€", 0},
    {"cv-4.2", "utf-16be", "\xD8\x42\xDF\xB7", "𠮷", 0},
    {"cv-4.3", "utf-16le", "A\0B"sv, "A?", 1},  // odd byte at the end
    {"cv-4.4", "utf-16be", "\xD8\x42\x00\x41"sv, "?A", 1},  // lone surrogate
    {"cv-5.1", "windows-1252", "\x80\x81\x9F\xE9", "€\xC2\x81Ÿé", 0},
    {"cv-5.2", "iso-8859-1", "\x93hi\x94", "“hi”", 0},
    {"cv-5.3", "koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4", "Привет", 0},
    {"cv-5.4", "windows-1251", "\xCF\xF0\xE8\xE2\xE5\xF2", "Привет", 0},
    {"cv-5.5", "x-user-defined", "a\x80\xFF", "a\xEF\x9E\x80\xEF\x9F\xBF", 0},
    {"cv-5.6", "no-such-charset", "caf\xE9", "café", 0},  // unknown: windows-1252
    {"cv-5.7", "iso-2022-kr", "caf\xE9", "café", 0},      // replacement: ditto
    {"cv-5.8", "iso-8859-3", "\xA5", "?", 1},              // a hole in the table
    {"cv-5.9", "iso-8859-15", "\xA4", "€", 0},
    {"cv-5.10", "macintosh", "\x8E", "é", 0},
    {"cv-6.1", "utf-8", "\xE4\xB8\xAD\xFF", "中?", 1},
    {"cv-6.2", "utf-8", "\xEF\xBB\xBF" "a", "\xEF\xBB\xBF" "a", 0},  // no BOM sniffing here
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

TEST(ConvertTest, Table) {
  Decoder decoder;
  for (const ConvertCase& c : kConvertCases) {
    int64_t replacements = -1;
    EXPECT_EQ(decoder.Convert(c.bytes, c.label, &replacements), WithFffd(c.utf8))
        << c.id << " " << c.label;
    EXPECT_EQ(replacements, c.replacements) << c.id;
  }
}

TEST(ConvertTest, NullReplacementCounterIsFine) {
  Decoder decoder;
  EXPECT_EQ(decoder.Convert("\xD6\xD0", "gbk"), "中");
}

// iconv keeps shift state; a page that ends inside a JIS X 0208 run must
// not leak it into the next page.
TEST(ConvertTest, StatefulConverterIsResetBetweenPages) {
  Decoder decoder;
  EXPECT_EQ(decoder.Convert("\x1B\x24\x42\x46\x7C", "iso-2022-jp"), "日");
  EXPECT_EQ(decoder.Convert("\x46\x7C", "iso-2022-jp"), "F|");
}

TEST(ConvertTest, RoundTripsLongText) {
  Decoder decoder;
  const std::string text = std::string(testing::kSimplifiedNews) +
                           std::string(testing::kGbkOnlyNews) + std::string(testing::kGb18030News);
  int64_t replacements = -1;
  EXPECT_EQ(decoder.Convert(testing::Encode(text, "GB18030"), "gb18030", &replacements), text);
  EXPECT_EQ(replacements, 0);
  EXPECT_EQ(decoder.Convert(testing::Encode(testing::kTraditionalNews, "BIG5-HKSCS"), "big5"),
            testing::kTraditionalNews);
}

// Garbage of every kind comes out as valid UTF-8 in every encoding.
TEST(ConvertTest, RandomBytesGiveValidUtf8) {
  std::string bytes(1 << 16, '\0');
  uint32_t x = 7;
  for (char& c : bytes) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  Decoder decoder;
  for (size_t i = 0; i < internal::kEncodingCount; ++i) {
    const std::string_view name = internal::Info(static_cast<internal::Enc>(i)).name;
    int64_t replacements = -1;
    const std::string out = decoder.Convert(bytes, name, &replacements);
    EXPECT_TRUE(IsValidUtf8(out)) << name;
    EXPECT_GE(replacements, 0) << name;
    // Every short prefix too: cut-off sequences at every position.
    for (size_t len = 0; len < 16; ++len) {
      EXPECT_TRUE(IsValidUtf8(decoder.Convert(bytes.substr(0, len), name))) << name << len;
    }
  }
}

}  // namespace
}  // namespace gleaner::charset
