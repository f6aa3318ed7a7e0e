// charset_internal: what the charset module's files share. Not a contract
// for other modules; include only from src/charset and tests/charset.
#ifndef GLEANER_SRC_CHARSET_CHARSET_INTERNAL_H_
#define GLEANER_SRC_CHARSET_CHARSET_INTERNAL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gleaner::charset::internal {

// ---------------------------------------------------------------------------
// Encodings and labels (labels.cc)

// How bytes of an encoding are turned into UTF-8.
enum class Kind : uint8_t {
  kUtf8,         // validated and copied (utf8.cc)
  kSingleByte,   // ASCII + a 128-entry table built from glibc (converters.cc)
  kMultiByte,    // glibc iconv
  kUtf16,        // glibc iconv, 2-byte units
  kUserDefined,  // x-user-defined: 0x80..0xFF -> U+F780..U+F7FF
  kReplacement,  // WHATWG "replacement": we treat its labels as undeclared
};

// One row per WHATWG encoding, in the spec's order.
enum class Enc : uint8_t {
  kUtf8,
  kIbm866, kIso8859_2, kIso8859_3, kIso8859_4, kIso8859_5, kIso8859_6,
  kIso8859_7, kIso8859_8, kIso8859_8I, kIso8859_10, kIso8859_13,
  kIso8859_14, kIso8859_15, kIso8859_16, kKoi8R, kKoi8U, kMacintosh,
  kWindows874, kWindows1250, kWindows1251, kWindows1252, kWindows1253,
  kWindows1254, kWindows1255, kWindows1256, kWindows1257, kWindows1258,
  kMacCyrillic,
  kGbk, kGb18030, kBig5,
  kEucJp, kIso2022Jp, kShiftJis, kEucKr,
  kReplacement, kUtf16Be, kUtf16Le, kUserDefined,
};
inline constexpr size_t kEncodingCount = static_cast<size_t>(Enc::kUserDefined) + 1;

struct EncodingInfo {
  std::string_view name;   // WHATWG name, exactly as the spec writes it
  const char* iconv_name;  // glibc converter, or nullptr when we decode it
  Kind kind;
};

const EncodingInfo& Info(Enc enc);

// The encoding for a WHATWG label (ASCII case-insensitive, surrounding
// ASCII whitespace ignored), or nullopt for an unknown label.
std::optional<Enc> LookupLabel(std::string_view label);

// The label table itself, for tests: row `i` of `count` rows.
struct LabelRow {
  std::string_view label;
  Enc enc;
};
size_t LabelCount();
const LabelRow& LabelAt(size_t i);

// GBK, gb18030 and Big5: the encodings the Han-frequency check applies to.
inline bool IsChinese(Enc enc) {
  return enc == Enc::kGbk || enc == Enc::kGb18030 || enc == Enc::kBig5;
}

// ASCII whitespace as WHATWG defines it: TAB, LF, FF, CR, SPACE.
inline bool IsAsciiWhitespace(unsigned char c) {
  return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

std::string_view TrimAsciiWhitespace(std::string_view s);

// ---------------------------------------------------------------------------
// BOM (prescan.cc)

struct Bom {
  Enc enc;
  size_t length;  // bytes to skip
};
std::optional<Bom> SniffBom(std::string_view bytes);

// ---------------------------------------------------------------------------
// UTF-8 (utf8.cc)

inline constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// Length of the longest prefix of `bytes` that is valid UTF-8 (stops before
// an invalid or truncated sequence).
size_t ValidUtf8Prefix(std::string_view bytes);

// Appends `bytes` to *out with each maximal invalid subpart replaced by
// U+FFFD; returns the number of replacements.
int64_t AppendSanitizedUtf8(std::string_view bytes, std::string* out);

struct Utf8Scan {
  int64_t multibyte = 0;  // valid sequences of 2-4 bytes
  int64_t errors = 0;     // maximal invalid subparts
};
Utf8Scan ScanUtf8(std::string_view bytes);

// True when every byte is < 0x80.
bool IsAscii(std::string_view bytes);

// Code points in valid UTF-8 (bytes that are not continuation bytes).
int64_t CountCodePoints(std::string_view utf8);

// ---------------------------------------------------------------------------
// Converters (converters.cc)

// Decodes bytes of any Enc into UTF-8, caching one iconv descriptor and one
// byte table per encoding. Not thread-safe.
class Converters {
 public:
  Converters();
  ~Converters();
  Converters(const Converters&) = delete;
  Converters& operator=(const Converters&) = delete;

  // Replaces *out with `bytes` decoded from `enc`; returns the number of
  // U+FFFD written for bad input. kReplacement decodes as windows-1252. If
  // glibc lacks the converter, decodes as windows-1252 too. A trial decode
  // passes `max_replacements`: past it, iconv decoding stops early (each
  // error costs an iconv call) and *out holds only a prefix.
  int64_t Decode(Enc enc, std::string_view bytes, std::string* out,
                 int64_t max_replacements = INT64_MAX);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------
// Detection helpers (detect.cc, common_han.cc)

// True for the ~1,300 most frequent Han characters of modern simplified and
// traditional Chinese (both forms).
bool IsCommonHan(char32_t cp);

// Han characters (U+4E00..U+9FFF) in the first `max_bytes` of valid UTF-8,
// and how many of them are common. Correct Chinese text scores ~70-90%
// common; GBK read as Big5, Big5 read as GBK or UTF-8 read as GBK scores
// under ~15%.
struct HanStats {
  int64_t han = 0;
  int64_t common = 0;
};
HanStats CountHan(std::string_view utf8, size_t max_bytes);

// Structure of `bytes` read as GB18030: well-formed 2- and 4-byte
// sequences, and high bytes that start none.
struct DbcsScan {
  int64_t pairs = 0;
  int64_t quads = 0;
  int64_t bad = 0;
};
DbcsScan ScanGb18030(std::string_view bytes);

// uchardet behind RAII. Not thread-safe.
class Detector {
 public:
  Detector();
  ~Detector();
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  // uchardet's guess for the first `max_bytes` of `bytes`, mapped to a
  // WHATWG encoding; nullopt when it has none or names one we lack.
  std::optional<Enc> Guess(std::string_view bytes, size_t max_bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gleaner::charset::internal

#endif  // GLEANER_SRC_CHARSET_CHARSET_INTERNAL_H_
