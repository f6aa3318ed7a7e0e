// Focus: the WHATWG label table - every label resolves, canonical names are
// WHATWG's exactly, and the Chinese labels land on the decoders portals need.
#include <gtest/gtest.h>
#include <iconv.h>

#include <cctype>
#include <set>
#include <string>

#include "charset_internal.h"
#include "gleaner/charset.h"

namespace gleaner::charset {
namespace {

struct LabelCase {
  const char* id;
  const char* label;
  const char* canonical;
};

// One row per label a user is likely to meet, plus spelling variants.
const LabelCase kLabelCases[] = {
    {"lbl-1.1", "utf-8", "UTF-8"},
    {"lbl-1.2", "UTF8", "UTF-8"},
    {"lbl-1.3", "unicode-1-1-utf-8", "UTF-8"},
    {"lbl-2.1", "gb2312", "GBK"},
    {"lbl-2.2", "GB2312", "GBK"},
    {"lbl-2.3", "gbk", "GBK"},
    {"lbl-2.4", "x-gbk", "GBK"},
    {"lbl-2.5", "chinese", "GBK"},
    {"lbl-2.6", "csgb2312", "GBK"},
    {"lbl-2.7", "iso-ir-58", "GBK"},
    {"lbl-2.8", "gb_2312-80", "GBK"},
    {"lbl-2.9", "csiso58gb231280", "GBK"},
    {"lbl-2.10", "gb_2312", "GBK"},
    {"lbl-2.11", "gb18030", "gb18030"},
    {"lbl-2.12", "GB18030", "gb18030"},
    {"lbl-3.1", "big5", "Big5"},
    {"lbl-3.2", "big5-hkscs", "Big5"},
    {"lbl-3.3", "cn-big5", "Big5"},
    {"lbl-3.4", "csbig5", "Big5"},
    {"lbl-3.5", "x-x-big5", "Big5"},
    {"lbl-4.1", "iso-8859-1", "windows-1252"},
    {"lbl-4.2", "latin1", "windows-1252"},
    {"lbl-4.3", "ascii", "windows-1252"},
    {"lbl-4.4", "us-ascii", "windows-1252"},
    {"lbl-4.5", "l1", "windows-1252"},
    {"lbl-4.6", "iso_8859-1", "windows-1252"},
    {"lbl-4.7", "cp1252", "windows-1252"},
    {"lbl-4.8", "windows-1252", "windows-1252"},
    {"lbl-4.9", "ansi_x3.4-1968", "windows-1252"},
    {"lbl-5.1", "shift_jis", "Shift_JIS"},
    {"lbl-5.2", "sjis", "Shift_JIS"},
    {"lbl-5.3", "windows-31j", "Shift_JIS"},
    {"lbl-5.4", "euc-jp", "EUC-JP"},
    {"lbl-5.5", "iso-2022-jp", "ISO-2022-JP"},
    {"lbl-5.6", "euc-kr", "EUC-KR"},
    {"lbl-5.7", "ks_c_5601-1987", "EUC-KR"},
    {"lbl-5.8", "windows-949", "EUC-KR"},
    {"lbl-6.1", "utf-16", "UTF-16LE"},
    {"lbl-6.2", "utf-16le", "UTF-16LE"},
    {"lbl-6.3", "utf-16be", "UTF-16BE"},
    {"lbl-6.4", "unicodefffe", "UTF-16BE"},
    {"lbl-7.1", "windows-1250", "windows-1250"},
    {"lbl-7.2", "cp1251", "windows-1251"},
    {"lbl-7.3", "iso-8859-9", "windows-1254"},
    {"lbl-7.4", "latin5", "windows-1254"},
    {"lbl-7.5", "tis-620", "windows-874"},
    {"lbl-7.6", "iso-8859-11", "windows-874"},
    {"lbl-7.7", "windows-1258", "windows-1258"},
    {"lbl-8.1", "koi8-r", "KOI8-R"},
    {"lbl-8.2", "koi8", "KOI8-R"},
    {"lbl-8.3", "koi8-u", "KOI8-U"},
    {"lbl-8.4", "koi8-ru", "KOI8-U"},
    {"lbl-8.5", "iso-8859-2", "ISO-8859-2"},
    {"lbl-8.6", "latin2", "ISO-8859-2"},
    {"lbl-8.7", "iso-8859-8-i", "ISO-8859-8-I"},
    {"lbl-8.8", "visual", "ISO-8859-8"},
    {"lbl-8.9", "iso-8859-15", "ISO-8859-15"},
    {"lbl-8.10", "l9", "ISO-8859-15"},
    {"lbl-8.11", "iso-8859-16", "ISO-8859-16"},
    {"lbl-8.12", "macintosh", "macintosh"},
    {"lbl-8.13", "x-mac-cyrillic", "x-mac-cyrillic"},
    {"lbl-8.14", "ibm866", "IBM866"},
    {"lbl-9.1", "x-user-defined", "x-user-defined"},
    {"lbl-9.2", "iso-2022-kr", "replacement"},
    {"lbl-9.3", "hz-gb-2312", "replacement"},
    {"lbl-10.1", "  gbk  ", "GBK"},
    {"lbl-10.2", "\tutf-8\n", "UTF-8"},
    {"lbl-10.3", "\fBig5\r", "Big5"},
    {"lbl-11.1", "", ""},
    {"lbl-11.2", "gb 2312", ""},
    {"lbl-11.3", "utf-9", ""},
    {"lbl-11.4", "cseucpkdfmtjapanesex", ""},
    {"lbl-11.5", "\"gbk\"", ""},  // quotes are the HTTP parser's business
    {"lbl-11.6", "utf\xE2\x80\x91" "8", ""},
};

TEST(LabelTest, CanonicalNames) {
  for (const LabelCase& c : kLabelCases) {
    EXPECT_EQ(CanonicalName(c.label), c.canonical) << c.id << " label=" << c.label;
  }
}

TEST(LabelTest, EveryTableRowResolvesToItsEncoding) {
  for (size_t i = 0; i < internal::LabelCount(); ++i) {
    const internal::LabelRow& row = internal::LabelAt(i);
    const std::optional<internal::Enc> enc = internal::LookupLabel(row.label);
    ASSERT_TRUE(enc.has_value()) << row.label;
    EXPECT_EQ(*enc, row.enc) << row.label;
    // Upper case resolves the same: labels are ASCII case-insensitive.
    std::string upper(row.label);
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_EQ(internal::LookupLabel(upper), row.enc) << upper;
  }
}

TEST(LabelTest, TableHasEveryWhatwgLabelOnce) {
  std::set<std::string_view> seen;
  for (size_t i = 0; i < internal::LabelCount(); ++i) {
    EXPECT_TRUE(seen.insert(internal::LabelAt(i).label).second) << internal::LabelAt(i).label;
  }
  // The sum of the per-encoding label counts in the spec's table (6 for
  // UTF-8, 9 for GBK, 17 for windows-1252, ...), over its 40 encodings.
  EXPECT_EQ(seen.size(), 228u);
}

TEST(LabelTest, EveryEncodingHasALabelAndAConverterOnThisGlibc) {
  std::set<internal::Enc> covered;
  for (size_t i = 0; i < internal::LabelCount(); ++i) covered.insert(internal::LabelAt(i).enc);
  EXPECT_EQ(covered.size(), internal::kEncodingCount);
  Decoder decoder;
  for (size_t i = 0; i < internal::kEncodingCount; ++i) {
    const auto& info = internal::Info(static_cast<internal::Enc>(i));
    if (info.iconv_name == nullptr) continue;
    // A converter glibc lacks decodes as windows-1252, which would turn
    // "\xA4\xA4" into two Latin letters; every converter here must exist.
    iconv_t cd = iconv_open("UTF-8", info.iconv_name);
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1)) << info.iconv_name;
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }
}

TEST(LabelTest, SourceNames) {
  EXPECT_EQ(SourceName(Source::kBom), "bom");
  EXPECT_EQ(SourceName(Source::kHttp), "http");
  EXPECT_EQ(SourceName(Source::kMeta), "meta");
  EXPECT_EQ(SourceName(Source::kDetected), "detected");
  EXPECT_EQ(SourceName(Source::kOverride), "override");
  EXPECT_EQ(SourceName(Source::kDefault), "default");
}

}  // namespace
}  // namespace gleaner::charset
