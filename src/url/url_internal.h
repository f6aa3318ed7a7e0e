// url_internal: helpers shared by the url module's files (not a public API).
// Owns:    CurlUrl owns one CURLU handle; CurlString one curl_url_get string.
// Threads: all helpers are thread-safe; handles belong to one thread at a time.
#ifndef GLEANER_SRC_URL_URL_INTERNAL_H_
#define GLEANER_SRC_URL_URL_INTERNAL_H_

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace gleaner::url::internal {

// Hrefs longer than this are refused. Article URLs are under ~300 bytes;
// common servers reject request lines over 8 KB (Apache's LimitRequestLine
// is 8190), so a longer link can never be fetched anyway.
inline constexpr size_t kMaxUrlBytes = 8192;

struct CurlUrlFree {
  void operator()(CURLU* handle) const noexcept { curl_url_cleanup(handle); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlFree>;

struct CurlStringFree {
  void operator()(char* text) const noexcept { curl_free(text); }
};
using CurlString = std::unique_ptr<char, CurlStringFree>;

// Reads one part of `handle`; "" when the part is absent or on any error.
std::string GetPart(CURLU* handle, CURLUPart part, unsigned flags = 0);

// Browser-style clean-up of a URL or href, so curl sees plain ASCII:
// trims leading/trailing C0 controls and spaces, drops tab/CR/LF anywhere,
// turns '\' into '/' before the query, and percent-encodes (outside the
// authority) spaces, controls, non-ASCII bytes, "<>`{}|^ and a '%' that does
// not start an escape.
std::string CleanReference(std::string_view ref);

// True when `host` (as curl hands it out, lower-cased) reads back as the
// same host: not empty, no '%', spaces, controls or DEL, and any byte past
// ASCII part of valid UTF-8 (an IDN curl could not punycode). Resolve and
// Canonicalize refuse other hosts rather than write a URL that names
// another host, or none, when read again.
bool IsWritableHost(std::string_view host);

// The lower-cased scheme of `text` ("" when it has none): letters, digits,
// '+', '-', '.' starting with a letter and followed by ':'.
std::string SchemeOf(std::string_view text);

// Lower-cases ASCII letters in place.
void AsciiLower(std::string& text);

inline bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// RFC 3986 "unreserved": ALPHA / DIGIT / "-" / "." / "_" / "~".
inline bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '_' || c == '~';
}

}  // namespace gleaner::url::internal

#endif  // GLEANER_SRC_URL_URL_INTERNAL_H_
