// charset: bytes in any declared or undeclared encoding -> UTF-8.
// Does:    WHATWG-style sniffing: BOM, then the HTTP charset, then a <meta>
//          prescan (reads past 1024 bytes: Chinese <head>s are long), then
//          statistical detection (uchardet). WHATWG label table (gb2312/gbk
//          -> GB18030, big5 -> Big5-HKSCS, iso-8859-1/ascii -> windows-1252).
//          A declaration that decodes badly (more than a handful of U+FFFD
//          or over 0.1%) or implausibly (latin1 on GBK/UTF-8 bytes, GBK on
//          Big5 bytes, gb2312 on valid UTF-8) is checked against the other
//          candidates (UTF-8, GBK, Big5, uchardet's guess); a clean one
//          wins. The algorithm is described at the top of decoder.cc.
// Owns:    per Decoder, one iconv descriptor per encoding used, one uchardet
//          handle.
// Borrows: the input bytes during Decode() only; the result owns its text.
// Threads: a Decoder is not thread-safe (one per worker); free functions are.
// Errors:  Decode() never fails: bad sequences become U+FFFD, counted in
//          DecodedText::replacements. UTF-8 input: one U+FFFD per maximal
//          invalid subpart (Unicode's recommended practice). Other
//          encodings: one U+FFFD per byte that starts no valid sequence (an
//          ASCII byte after a bad lead byte is kept), and one for a
//          sequence cut off by the end of input. NUL bytes are kept as
//          U+0000 (Gumbo turns them into U+FFFD itself). The output never
//          starts with a BOM.
// Names:   encodings are reported by their WHATWG names, exactly: "UTF-8",
//          "GBK", "gb18030", "Big5", "Shift_JIS", "EUC-JP", "ISO-2022-JP",
//          "EUC-KR", "UTF-16LE", "UTF-16BE", "windows-1252", "KOI8-R", ...
//          GBK and gb18030 both decode with glibc's GB18030 converter;
//          Big5 decodes with BIG5-HKSCS; Shift_JIS with CP932; EUC-KR
//          with CP949. Labels of WHATWG's "replacement" encoding
//          (iso-2022-kr, hz-gb-2312, ...) are ignored as if undeclared.
// Touches: no files, no network, no globals.
#ifndef GLEANER_CHARSET_H_
#define GLEANER_CHARSET_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace gleaner::charset {

// Where the encoding decision came from. kDetected also covers "a
// declaration was overruled because it decoded badly". kDefault: nothing
// was declared and nothing detected: windows-1252, or UTF-8 for input
// that is empty or pure ASCII.
enum class Source { kBom, kHttp, kMeta, kDetected, kOverride, kDefault };

// "bom", "http", "meta", "detected", "override", "default".
std::string_view SourceName(Source source);

// Either field may be left out: `decoder.Decode(bytes, {.http_charset = cs})`.
struct Hints {
  std::string_view http_charset{};    // charset= of the Content-Type, or empty
  std::string_view override_label{};  // --encoding / rules `encoding`, or empty
};

struct DecodedText {
  std::string utf8;        // the page as valid UTF-8
  std::string encoding;    // WHATWG name used: "UTF-8", "GBK", "Big5", ...
                           // (detection says "GBK", or "gb18030" when it
                           // saw 4-byte sequences)
  Source source = Source::kDefault;
  std::string declared;    // the label as declared (http or meta, trimmed):
                           // the one used, else the one overruled; or ""
                           // (also when a BOM or an override decided)
  int64_t replacements = 0;  // U+FFFD inserted for undecodable bytes
};

// The canonical WHATWG encoding name for a label ("gb2312" -> "GBK",
// "latin1" -> "windows-1252", "iso-2022-kr" -> "replacement"), or "" for an
// unknown label. Case-insensitive; surrounding ASCII whitespace is ignored.
std::string CanonicalName(std::string_view label);

// How far Decode() looks for a <meta> charset. WHATWG stops at 1024 bytes,
// but Chinese portals put long scripts and styles in <head> first.
inline constexpr size_t kPrescanLimit = 64 * 1024;

// The <meta charset> / <meta http-equiv content="...charset="> label found
// by WHATWG's prescan of the first `limit` bytes (the tag must end inside
// them), trimmed and lower-cased, or "" when none. Comments are skipped;
// labels of unknown encodings are skipped as WHATWG says. The UTF-16 ->
// UTF-8 and x-user-defined -> windows-1252 fix-ups are Decode()'s job.
std::string PrescanMeta(std::string_view bytes, size_t limit = kPrescanLimit);

// True when `bytes` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

class Decoder {
 public:
  Decoder();
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Decodes a page to UTF-8 following the order above: BOM, override,
  // HTTP, meta, detection, windows-1252. Never fails. An unknown override
  // label is ignored.
  DecodedText Decode(std::string_view bytes, const Hints& hints = {});

  // Converts `bytes` from the encoding named by `label` to UTF-8, bad
  // sequences becoming U+FFFD (counted in *replacements when non-null). An
  // unknown or "replacement" label decodes as windows-1252. No BOM
  // sniffing: a BOM in `bytes` comes out as U+FEFF.
  std::string Convert(std::string_view bytes, std::string_view label,
                      int64_t* replacements = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The iconv that converts pages (glibc's), for `gleaner --version`:
// "iconv (glibc 2.36)".
std::string LibraryVersion();

}  // namespace gleaner::charset

#endif  // GLEANER_CHARSET_H_
