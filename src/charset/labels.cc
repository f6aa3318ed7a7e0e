// labels: the WHATWG Encoding Standard's encodings and labels, and which
// glibc converter decodes each. Source: encoding.spec.whatwg.org, section
// "Names and labels" (encodings.json), one row per label.
#include <array>

#include "charset_internal.h"
#include "gleaner/charset.h"

namespace gleaner::charset {
namespace internal {
namespace {

// Indexed by Enc. glibc names checked with `iconv -l` on Debian 12
// (glibc 2.36). Choices that differ from the WHATWG name:
//  - GBK and gb18030 both use GB18030: WHATWG's GBK decoder *is* the
//    gb18030 decoder, and pages labelled gb2312 carry GBK-only characters
//    (镕 喆 堃) and GB18030 4-byte ones.
//  - Big5 uses BIG5-HKSCS: WHATWG's Big5 index is Big5 + HKSCS.
//  - Shift_JIS uses CP932 and EUC-KR uses CP949, the Microsoft supersets
//    WHATWG's indexes follow (NEC/IBM rows, UHC hangul).
//  - EUC-JP uses EUC-JP-MS, which has the NEC rows WHATWG's index has.
//  - windows-1252 has no iconv name: its table is ours (converters.cc),
//    because glibc leaves 0x81/0x8D/0x8F/0x90/0x9D undefined and WHATWG
//    maps them to the C1 controls.
constexpr std::array<EncodingInfo, kEncodingCount> kEncodings = {{
    {"UTF-8", nullptr, Kind::kUtf8},
    {"IBM866", "IBM866", Kind::kSingleByte},
    {"ISO-8859-2", "ISO-8859-2", Kind::kSingleByte},
    {"ISO-8859-3", "ISO-8859-3", Kind::kSingleByte},
    {"ISO-8859-4", "ISO-8859-4", Kind::kSingleByte},
    {"ISO-8859-5", "ISO-8859-5", Kind::kSingleByte},
    {"ISO-8859-6", "ISO-8859-6", Kind::kSingleByte},
    {"ISO-8859-7", "ISO-8859-7", Kind::kSingleByte},
    {"ISO-8859-8", "ISO-8859-8", Kind::kSingleByte},
    {"ISO-8859-8-I", "ISO-8859-8", Kind::kSingleByte},
    {"ISO-8859-10", "ISO-8859-10", Kind::kSingleByte},
    {"ISO-8859-13", "ISO-8859-13", Kind::kSingleByte},
    {"ISO-8859-14", "ISO-8859-14", Kind::kSingleByte},
    {"ISO-8859-15", "ISO-8859-15", Kind::kSingleByte},
    {"ISO-8859-16", "ISO-8859-16", Kind::kSingleByte},
    {"KOI8-R", "KOI8-R", Kind::kSingleByte},
    {"KOI8-U", "KOI8-U", Kind::kSingleByte},
    {"macintosh", "MACINTOSH", Kind::kSingleByte},
    {"windows-874", "WINDOWS-874", Kind::kSingleByte},
    {"windows-1250", "WINDOWS-1250", Kind::kSingleByte},
    {"windows-1251", "WINDOWS-1251", Kind::kSingleByte},
    {"windows-1252", nullptr, Kind::kSingleByte},
    {"windows-1253", "WINDOWS-1253", Kind::kSingleByte},
    {"windows-1254", "WINDOWS-1254", Kind::kSingleByte},
    {"windows-1255", "WINDOWS-1255", Kind::kSingleByte},
    {"windows-1256", "WINDOWS-1256", Kind::kSingleByte},
    {"windows-1257", "WINDOWS-1257", Kind::kSingleByte},
    {"windows-1258", "WINDOWS-1258", Kind::kSingleByte},
    {"x-mac-cyrillic", "MAC-CYRILLIC", Kind::kSingleByte},
    {"GBK", "GB18030", Kind::kMultiByte},
    {"gb18030", "GB18030", Kind::kMultiByte},
    {"Big5", "BIG5-HKSCS", Kind::kMultiByte},
    {"EUC-JP", "EUC-JP-MS", Kind::kMultiByte},
    {"ISO-2022-JP", "ISO-2022-JP", Kind::kMultiByte},
    {"Shift_JIS", "CP932", Kind::kMultiByte},
    {"EUC-KR", "CP949", Kind::kMultiByte},
    {"replacement", nullptr, Kind::kReplacement},
    {"UTF-16BE", "UTF-16BE", Kind::kUtf16},
    {"UTF-16LE", "UTF-16LE", Kind::kUtf16},
    {"x-user-defined", nullptr, Kind::kUserDefined},
}};

// Every WHATWG label, lower case, grouped by encoding in the spec's order.
constexpr LabelRow kLabels[] = {
    {"unicode-1-1-utf-8", Enc::kUtf8}, {"unicode11utf8", Enc::kUtf8},
    {"unicode20utf8", Enc::kUtf8}, {"utf-8", Enc::kUtf8}, {"utf8", Enc::kUtf8},
    {"x-unicode20utf8", Enc::kUtf8},

    {"866", Enc::kIbm866}, {"cp866", Enc::kIbm866}, {"csibm866", Enc::kIbm866},
    {"ibm866", Enc::kIbm866},

    {"csisolatin2", Enc::kIso8859_2}, {"iso-8859-2", Enc::kIso8859_2},
    {"iso-ir-101", Enc::kIso8859_2}, {"iso8859-2", Enc::kIso8859_2},
    {"iso88592", Enc::kIso8859_2}, {"iso_8859-2", Enc::kIso8859_2},
    {"iso_8859-2:1987", Enc::kIso8859_2}, {"l2", Enc::kIso8859_2},
    {"latin2", Enc::kIso8859_2},

    {"csisolatin3", Enc::kIso8859_3}, {"iso-8859-3", Enc::kIso8859_3},
    {"iso-ir-109", Enc::kIso8859_3}, {"iso8859-3", Enc::kIso8859_3},
    {"iso88593", Enc::kIso8859_3}, {"iso_8859-3", Enc::kIso8859_3},
    {"iso_8859-3:1988", Enc::kIso8859_3}, {"l3", Enc::kIso8859_3},
    {"latin3", Enc::kIso8859_3},

    {"csisolatin4", Enc::kIso8859_4}, {"iso-8859-4", Enc::kIso8859_4},
    {"iso-ir-110", Enc::kIso8859_4}, {"iso8859-4", Enc::kIso8859_4},
    {"iso88594", Enc::kIso8859_4}, {"iso_8859-4", Enc::kIso8859_4},
    {"iso_8859-4:1988", Enc::kIso8859_4}, {"l4", Enc::kIso8859_4},
    {"latin4", Enc::kIso8859_4},

    {"csisolatincyrillic", Enc::kIso8859_5}, {"cyrillic", Enc::kIso8859_5},
    {"iso-8859-5", Enc::kIso8859_5}, {"iso-ir-144", Enc::kIso8859_5},
    {"iso8859-5", Enc::kIso8859_5}, {"iso88595", Enc::kIso8859_5},
    {"iso_8859-5", Enc::kIso8859_5}, {"iso_8859-5:1988", Enc::kIso8859_5},

    {"arabic", Enc::kIso8859_6}, {"asmo-708", Enc::kIso8859_6},
    {"csiso88596e", Enc::kIso8859_6}, {"csiso88596i", Enc::kIso8859_6},
    {"csisolatinarabic", Enc::kIso8859_6}, {"ecma-114", Enc::kIso8859_6},
    {"iso-8859-6", Enc::kIso8859_6}, {"iso-8859-6-e", Enc::kIso8859_6},
    {"iso-8859-6-i", Enc::kIso8859_6}, {"iso-ir-127", Enc::kIso8859_6},
    {"iso8859-6", Enc::kIso8859_6}, {"iso88596", Enc::kIso8859_6},
    {"iso_8859-6", Enc::kIso8859_6}, {"iso_8859-6:1987", Enc::kIso8859_6},

    {"csisolatingreek", Enc::kIso8859_7}, {"ecma-118", Enc::kIso8859_7},
    {"elot_928", Enc::kIso8859_7}, {"greek", Enc::kIso8859_7},
    {"greek8", Enc::kIso8859_7}, {"iso-8859-7", Enc::kIso8859_7},
    {"iso-ir-126", Enc::kIso8859_7}, {"iso8859-7", Enc::kIso8859_7},
    {"iso88597", Enc::kIso8859_7}, {"iso_8859-7", Enc::kIso8859_7},
    {"iso_8859-7:1987", Enc::kIso8859_7}, {"sun_eu_greek", Enc::kIso8859_7},

    {"csiso88598e", Enc::kIso8859_8}, {"csisolatinhebrew", Enc::kIso8859_8},
    {"hebrew", Enc::kIso8859_8}, {"iso-8859-8", Enc::kIso8859_8},
    {"iso-8859-8-e", Enc::kIso8859_8}, {"iso-ir-138", Enc::kIso8859_8},
    {"iso8859-8", Enc::kIso8859_8}, {"iso88598", Enc::kIso8859_8},
    {"iso_8859-8", Enc::kIso8859_8}, {"iso_8859-8:1988", Enc::kIso8859_8},
    {"visual", Enc::kIso8859_8},

    {"csiso88598i", Enc::kIso8859_8I}, {"iso-8859-8-i", Enc::kIso8859_8I},
    {"logical", Enc::kIso8859_8I},

    {"csisolatin6", Enc::kIso8859_10}, {"iso-8859-10", Enc::kIso8859_10},
    {"iso-ir-157", Enc::kIso8859_10}, {"iso8859-10", Enc::kIso8859_10},
    {"iso885910", Enc::kIso8859_10}, {"l6", Enc::kIso8859_10},
    {"latin6", Enc::kIso8859_10},

    {"iso-8859-13", Enc::kIso8859_13}, {"iso8859-13", Enc::kIso8859_13},
    {"iso885913", Enc::kIso8859_13},

    {"iso-8859-14", Enc::kIso8859_14}, {"iso8859-14", Enc::kIso8859_14},
    {"iso885914", Enc::kIso8859_14},

    {"csisolatin9", Enc::kIso8859_15}, {"iso-8859-15", Enc::kIso8859_15},
    {"iso8859-15", Enc::kIso8859_15}, {"iso885915", Enc::kIso8859_15},
    {"iso_8859-15", Enc::kIso8859_15}, {"l9", Enc::kIso8859_15},

    {"iso-8859-16", Enc::kIso8859_16},

    {"cskoi8r", Enc::kKoi8R}, {"koi", Enc::kKoi8R}, {"koi8", Enc::kKoi8R},
    {"koi8-r", Enc::kKoi8R}, {"koi8_r", Enc::kKoi8R},

    {"koi8-ru", Enc::kKoi8U}, {"koi8-u", Enc::kKoi8U},

    {"csmacintosh", Enc::kMacintosh}, {"mac", Enc::kMacintosh},
    {"macintosh", Enc::kMacintosh}, {"x-mac-roman", Enc::kMacintosh},

    {"dos-874", Enc::kWindows874}, {"iso-8859-11", Enc::kWindows874},
    {"iso8859-11", Enc::kWindows874}, {"iso885911", Enc::kWindows874},
    {"tis-620", Enc::kWindows874}, {"windows-874", Enc::kWindows874},

    {"cp1250", Enc::kWindows1250}, {"windows-1250", Enc::kWindows1250},
    {"x-cp1250", Enc::kWindows1250},

    {"cp1251", Enc::kWindows1251}, {"windows-1251", Enc::kWindows1251},
    {"x-cp1251", Enc::kWindows1251},

    {"ansi_x3.4-1968", Enc::kWindows1252}, {"ascii", Enc::kWindows1252},
    {"cp1252", Enc::kWindows1252}, {"cp819", Enc::kWindows1252},
    {"csisolatin1", Enc::kWindows1252}, {"ibm819", Enc::kWindows1252},
    {"iso-8859-1", Enc::kWindows1252}, {"iso-ir-100", Enc::kWindows1252},
    {"iso8859-1", Enc::kWindows1252}, {"iso88591", Enc::kWindows1252},
    {"iso_8859-1", Enc::kWindows1252}, {"iso_8859-1:1987", Enc::kWindows1252},
    {"l1", Enc::kWindows1252}, {"latin1", Enc::kWindows1252},
    {"us-ascii", Enc::kWindows1252}, {"windows-1252", Enc::kWindows1252},
    {"x-cp1252", Enc::kWindows1252},

    {"cp1253", Enc::kWindows1253}, {"windows-1253", Enc::kWindows1253},
    {"x-cp1253", Enc::kWindows1253},

    {"cp1254", Enc::kWindows1254}, {"csisolatin5", Enc::kWindows1254},
    {"iso-8859-9", Enc::kWindows1254}, {"iso-ir-148", Enc::kWindows1254},
    {"iso8859-9", Enc::kWindows1254}, {"iso88599", Enc::kWindows1254},
    {"iso_8859-9", Enc::kWindows1254}, {"iso_8859-9:1989", Enc::kWindows1254},
    {"l5", Enc::kWindows1254}, {"latin5", Enc::kWindows1254},
    {"windows-1254", Enc::kWindows1254}, {"x-cp1254", Enc::kWindows1254},

    {"cp1255", Enc::kWindows1255}, {"windows-1255", Enc::kWindows1255},
    {"x-cp1255", Enc::kWindows1255},

    {"cp1256", Enc::kWindows1256}, {"windows-1256", Enc::kWindows1256},
    {"x-cp1256", Enc::kWindows1256},

    {"cp1257", Enc::kWindows1257}, {"windows-1257", Enc::kWindows1257},
    {"x-cp1257", Enc::kWindows1257},

    {"cp1258", Enc::kWindows1258}, {"windows-1258", Enc::kWindows1258},
    {"x-cp1258", Enc::kWindows1258},

    {"x-mac-cyrillic", Enc::kMacCyrillic}, {"x-mac-ukrainian", Enc::kMacCyrillic},

    {"chinese", Enc::kGbk}, {"csgb2312", Enc::kGbk},
    {"csiso58gb231280", Enc::kGbk}, {"gb2312", Enc::kGbk},
    {"gb_2312", Enc::kGbk}, {"gb_2312-80", Enc::kGbk}, {"gbk", Enc::kGbk},
    {"iso-ir-58", Enc::kGbk}, {"x-gbk", Enc::kGbk},

    {"gb18030", Enc::kGb18030},

    {"big5", Enc::kBig5}, {"big5-hkscs", Enc::kBig5}, {"cn-big5", Enc::kBig5},
    {"csbig5", Enc::kBig5}, {"x-x-big5", Enc::kBig5},

    {"cseucpkdfmtjapanese", Enc::kEucJp}, {"euc-jp", Enc::kEucJp},
    {"x-euc-jp", Enc::kEucJp},

    {"csiso2022jp", Enc::kIso2022Jp}, {"iso-2022-jp", Enc::kIso2022Jp},

    {"csshiftjis", Enc::kShiftJis}, {"ms932", Enc::kShiftJis},
    {"ms_kanji", Enc::kShiftJis}, {"shift-jis", Enc::kShiftJis},
    {"shift_jis", Enc::kShiftJis}, {"sjis", Enc::kShiftJis},
    {"windows-31j", Enc::kShiftJis}, {"x-sjis", Enc::kShiftJis},

    {"cseuckr", Enc::kEucKr}, {"csksc56011987", Enc::kEucKr},
    {"euc-kr", Enc::kEucKr}, {"iso-ir-149", Enc::kEucKr},
    {"korean", Enc::kEucKr}, {"ks_c_5601-1987", Enc::kEucKr},
    {"ks_c_5601-1989", Enc::kEucKr}, {"ksc5601", Enc::kEucKr},
    {"ksc_5601", Enc::kEucKr}, {"windows-949", Enc::kEucKr},

    {"csiso2022kr", Enc::kReplacement}, {"hz-gb-2312", Enc::kReplacement},
    {"iso-2022-cn", Enc::kReplacement}, {"iso-2022-cn-ext", Enc::kReplacement},
    {"iso-2022-kr", Enc::kReplacement}, {"replacement", Enc::kReplacement},

    {"unicodefffe", Enc::kUtf16Be}, {"utf-16be", Enc::kUtf16Be},

    {"csunicode", Enc::kUtf16Le}, {"iso-10646-ucs-2", Enc::kUtf16Le},
    {"ucs-2", Enc::kUtf16Le}, {"unicode", Enc::kUtf16Le},
    {"unicodefeff", Enc::kUtf16Le}, {"utf-16", Enc::kUtf16Le},
    {"utf-16le", Enc::kUtf16Le},

    {"x-user-defined", Enc::kUserDefined},
};

// The longest label, "cseucpkdfmtjapanese", has 19 bytes; longer input is
// no label and is rejected before copying.
constexpr size_t kMaxLabelLength = 19;

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

const EncodingInfo& Info(Enc enc) { return kEncodings[static_cast<size_t>(enc)]; }

size_t LabelCount() { return std::size(kLabels); }
const LabelRow& LabelAt(size_t i) { return kLabels[i]; }

std::string_view TrimAsciiWhitespace(std::string_view s) {
  while (!s.empty() && IsAsciiWhitespace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && IsAsciiWhitespace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<Enc> LookupLabel(std::string_view label) {
  label = TrimAsciiWhitespace(label);
  if (label.empty() || label.size() > kMaxLabelLength) return std::nullopt;
  char lower[kMaxLabelLength];
  for (size_t i = 0; i < label.size(); ++i) lower[i] = AsciiLower(label[i]);
  const std::string_view key(lower, label.size());
  // ~220 rows, looked up once or twice per page: a linear scan is cheaper
  // than the sort it would take to binary-search.
  for (const LabelRow& row : kLabels) {
    if (row.label == key) return row.enc;
  }
  return std::nullopt;
}

}  // namespace internal

std::string CanonicalName(std::string_view label) {
  const std::optional<internal::Enc> enc = internal::LookupLabel(label);
  if (!enc) return {};
  return std::string(internal::Info(*enc).name);
}

std::string_view SourceName(Source source) {
  switch (source) {
    case Source::kBom: return "bom";
    case Source::kHttp: return "http";
    case Source::kMeta: return "meta";
    case Source::kDetected: return "detected";
    case Source::kOverride: return "override";
    case Source::kDefault: return "default";
  }
  return "default";
}

}  // namespace gleaner::charset
