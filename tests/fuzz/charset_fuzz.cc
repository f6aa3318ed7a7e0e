// charset_fuzz: charset::Decoder::Decode and Convert on arbitrary bytes.
// Input: byte 0 picks the HTTP charset hint, byte 1 the override label
// (each from kLabels, or none); the rest is the page.
// Checks the header's promises: the output is valid UTF-8 and never starts
// with a BOM; the encoding named is one CanonicalName knows.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "gleaner/charset.h"

namespace {

// Labels portals send, lie with, or misspell; index 0 is "no hint".
constexpr std::string_view kLabels[] = {
    "",          "utf-8",      "gbk",          "gb2312",     "gb18030",     "big5",
    "big5-hkscs", "shift_jis",  "euc-jp",       "iso-2022-jp", "euc-kr",     "utf-16le",
    "utf-16be",  "utf-16",     "windows-1252", "iso-8859-1", "koi8-r",      "x-user-defined",
    "iso-2022-kr", "hz-gb-2312", "replacement", " GBK ",     "unknown-label", "x-gbk",
    "windows-1251", "iso-8859-2", "macintosh",  "ascii",
};
constexpr size_t kLabelCount = sizeof(kLabels) / sizeof(kLabels[0]);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gleaner;
  static charset::Decoder* decoder = new charset::Decoder();  // one per worker, reused
  std::string_view input = fuzz::AsView(data, size);
  const uint8_t http = fuzz::TakeByte(&input);
  const uint8_t over = fuzz::TakeByte(&input);
  charset::Hints hints;
  hints.http_charset = kLabels[http % kLabelCount];
  // Most inputs go without an override: it decides everything when set.
  if (over < kLabelCount) hints.override_label = kLabels[over];

  charset::DecodedText text = decoder->Decode(input, hints);
  FUZZ_CHECK(charset::IsValidUtf8(text.utf8));
  FUZZ_CHECK(text.utf8.rfind("\xEF\xBB\xBF", 0) != 0);
  FUZZ_CHECK(text.replacements >= 0);
  FUZZ_CHECK(!charset::CanonicalName(text.encoding).empty());

  int64_t replacements = 0;
  std::string converted = decoder->Convert(input, kLabels[http % kLabelCount], &replacements);
  FUZZ_CHECK(charset::IsValidUtf8(converted));
  FUZZ_CHECK(replacements >= 0);
  (void)charset::PrescanMeta(input);
  return 0;
}
