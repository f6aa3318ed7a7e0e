// robots_internal: the robots module's normalisation and pattern matcher,
// shared by its files and its tests (not a public API).
// Threads: all functions are pure and thread-safe.
#ifndef GLEANER_SRC_ROBOTS_ROBOTS_INTERNAL_H_
#define GLEANER_SRC_ROBOTS_ROBOTS_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gleaner::robots::internal {

// Normalising both sides makes "/a%7eb", "/a~b" and "/a%7Eb" one path, and a
// raw UTF-8 pattern ("/新闻/") match the percent-encoded path curl sends.
// Both functions: %XX of an unreserved character (RFC 3986: ALPHA DIGIT
// "-._~") is decoded, other %XX get upper-case hex, a '%' that starts no
// escape becomes %25, and bytes that may not appear raw in a URI (controls,
// space, non-ASCII, "<>\^`{|} and DEL) are percent-encoded. Reserved
// characters stay as written: "%2F" and "/" mean different things.

// A rule value as a pattern: '*' stays a wildcard and a final '$' the end
// anchor; a '$' anywhere else is literal (%24). A value that starts with
// neither '/' nor '*' gets a leading '/' ("Disallow: private/" means
// "/private/"). "" for an empty value.
std::string NormalizePattern(std::string_view value);

// A request path ("/a/b?q"): the fragment, if any, is dropped, a missing
// leading '/' is added, and '*' and '$' are literal (%2A, %24), as RFC 9309
// 2.2.3 asks so that "Disallow: /a-%2A" matches "/a-*".
std::string NormalizePath(std::string_view path);

// True when normalised `pattern` matches a prefix of normalised `path` (the
// whole path when the pattern ends in '$'). Linear in pattern + path: each
// literal run between '*'s is found at its leftmost place with KMP, which
// is exact for '*'-only globs, so no input backtracks. `scratch` is reused
// for KMP tables between calls.
bool PatternMatches(std::string_view pattern, std::string_view path,
                    std::vector<uint32_t>& scratch);

// A Crawl-delay value: digits with at most one '.', at least one digit
// ("1", "0.5", ".5", "10."). Anything else, signs and exponents included,
// is nullopt, as is a value too large for a double.
std::optional<double> ParseCrawlDelay(std::string_view value);

}  // namespace gleaner::robots::internal

#endif  // GLEANER_SRC_ROBOTS_ROBOTS_INTERNAL_H_
