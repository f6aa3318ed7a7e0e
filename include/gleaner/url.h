// url: parse, resolve and canonicalise URLs.
// Does:    absolute-URL parsing (http/https only for fetching), RFC 3986
//          reference resolution against a base, canonical form for dedup
//          and the frontier, host/site helpers.
// Owns:    nothing; each call uses a short-lived CURLU handle.
// Threads: all functions are thread-safe.
// Errors:  kInvalidInput naming the URL and curl's reason; kUnsupported for
//          a scheme other than http/https where one is required.
// Touches: no files, no network, no globals.
#ifndef GLEANER_URL_H_
#define GLEANER_URL_H_

#include <string>
#include <string_view>
#include <vector>

#include "gleaner/result.h"

namespace gleaner::url {

// The parts of an absolute URL. Scheme and host are lower case; `port` is
// empty when it was absent or the scheme's default; `path` starts with "/";
// `query` excludes "?" and `fragment` excludes "#".
struct Url {
  std::string scheme;
  std::string host;
  std::string port;
  std::string path;
  std::string query;
  std::string fragment;

  // The full URL string ("https://host/path?query#fragment").
  std::string ToString() const;
};

// Parses an absolute URL of any scheme (leading/trailing spaces trimmed).
Result<Url> Parse(std::string_view text);

// Parses an absolute http or https URL; other schemes give kUnsupported.
Result<Url> ParseHttp(std::string_view text);

// Resolves `ref` (as written in an href, possibly relative, with spaces or
// raw non-ASCII) against the absolute `base`. Returns the absolute URL
// string. Fails for javascript:, mailto:, data: and unparsable refs.
Result<std::string> Resolve(std::string_view base, std::string_view ref);

struct CanonicalOptions {
  // Drop utm_*, spm, from, share/tracking ids and session-id parameters
  // (sid, jsessionid, phpsessid, ...). Default on.
  bool drop_tracking_params = true;
  // Sort the remaining query parameters. Default on.
  bool sort_params = true;
  // Strip a trailing "index.html"/"index.htm"/"index.shtml"/"default.html".
  bool strip_index_file = true;
  // Extra parameter names to drop (exact, lower case), from site rules.
  std::vector<std::string> extra_params;
};

// The canonical form used as an identity: lower-case scheme and host,
// default port and fragment removed, percent-encoding normalised, tracking
// parameters dropped, parameters sorted, dot segments removed, trailing
// index file stripped, an empty path made "/". Fails like Parse.
Result<std::string> Canonicalize(std::string_view text, const CanonicalOptions& options = {});

// The host of an absolute URL, lower case, or "" if it does not parse.
std::string HostOf(std::string_view text);

// The registrable-ish site of a host: "news.example.com.cn" ->
// "example.com.cn", "www.bbc.co.uk" -> "bbc.co.uk", "127.0.0.1" -> itself.
// Uses a small built-in list of two-level public suffixes (com.cn, co.uk...).
std::string SiteOf(std::string_view host);

// True for http:// and https:// URLs (case-insensitive scheme).
bool IsHttp(std::string_view text);

}  // namespace gleaner::url

#endif  // GLEANER_URL_H_
