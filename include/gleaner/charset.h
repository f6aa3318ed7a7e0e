// charset: bytes in any declared or undeclared encoding -> UTF-8.
// Does:    WHATWG-style sniffing: BOM, then the HTTP charset, then a <meta>
//          prescan (reads past 1024 bytes: Chinese <head>s are long), then
//          statistical detection (uchardet). WHATWG label table (gb2312/gbk
//          -> GB18030, big5 -> Big5-HKSCS, iso-8859-1/ascii -> windows-1252).
//          A declaration that decodes badly is checked against the other
//          candidates (UTF-8, GB18030, Big5, detection); the clean one wins.
// Owns:    per Decoder, one iconv descriptor per encoding used, one uchardet
//          handle.
// Borrows: the input bytes during Decode() only; the result owns its text.
// Threads: a Decoder is not thread-safe (one per worker); free functions are.
// Errors:  Decode() never fails: bad sequences become U+FFFD, counted in
//          DecodedText::replacements.
// Touches: no files, no network, no globals.
#ifndef GLEANER_CHARSET_H_
#define GLEANER_CHARSET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace gleaner::charset {

// Where the encoding decision came from. kDetected also covers "a
// declaration was overruled because it decoded badly".
enum class Source { kBom, kHttp, kMeta, kDetected, kOverride, kDefault };

// "bom", "http", "meta", "detected", "override", "default".
std::string_view SourceName(Source source);

struct Hints {
  std::string_view http_charset;  // charset= of the Content-Type, or empty
  std::string_view override_label;  // --encoding / rules `encoding`, or empty
};

struct DecodedText {
  std::string utf8;        // the page as valid UTF-8
  std::string encoding;    // canonical WHATWG name used: "UTF-8", "GB18030", ...
  Source source = Source::kDefault;
  std::string declared;    // the label that was declared (http or meta), if any
  int64_t replacements = 0;  // U+FFFD inserted for undecodable bytes
};

// The canonical WHATWG encoding name for a label ("gb2312" -> "GBK" is the
// WHATWG name, but we decode it with GB18030; see DecoderNameFor), or ""
// for an unknown label. Case- and whitespace-insensitive.
std::string CanonicalName(std::string_view label);

// The <meta charset> / <meta http-equiv content="...charset="> label found
// by the prescan of the first `limit` bytes, or "" when none.
std::string PrescanMeta(std::string_view bytes, size_t limit = 64 * 1024);

// True when `bytes` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

class Decoder {
 public:
  Decoder();
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Decodes a page to UTF-8 following the order above. Never fails.
  DecodedText Decode(std::string_view bytes, const Hints& hints = {});

  // Converts `bytes` from the encoding named by `label` to UTF-8, bad
  // sequences becoming U+FFFD (counted in *replacements when non-null). An
  // unknown label decodes as windows-1252.
  std::string Convert(std::string_view bytes, std::string_view label,
                      int64_t* replacements = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gleaner::charset

#endif  // GLEANER_CHARSET_H_
