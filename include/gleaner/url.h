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

// Parses an absolute hierarchical URL ("scheme://...") of any scheme, cleaned
// up like Resolve's ref. Userinfo is dropped. An IDN host becomes punycode
// when the process runs in a UTF-8 locale (curl's IDN needs one) and stays
// raw UTF-8 otherwise. Errors: kInvalidInput (relative, "mailto:x", bad).
Result<Url> Parse(std::string_view text);

// Parses an absolute http or https URL; other schemes give kUnsupported.
Result<Url> ParseHttp(std::string_view text);

// Resolves `ref` (as written in an href, possibly relative, with spaces or
// raw non-ASCII) against the absolute `base`, as a browser would: surrounding
// whitespace trimmed, tab/CR/LF dropped, '\' read as '/' before the query,
// raw UTF-8 and unsafe bytes percent-encoded, "#frag"/"" keep the document.
// Returns the absolute URL string (host lower case, default port dropped,
// fragment kept); it is always http or https.
// Errors: kUnsupported for any other scheme (javascript:, mailto:, tel:,
// data:, ftp:, or a relative ref against a non-http base); kInvalidInput
// for an unparsable ref or base, or one longer than 8192 bytes.
Result<std::string> Resolve(std::string_view base, std::string_view ref);

struct CanonicalOptions {
  // Drop utm_*, spm, from, share/tracking ids and session-id parameters
  // (sid, jsessionid, phpsessid, ...), per the table in src/url/canonical.cc;
  // a numeric from= (a list offset) and a short sid= (a section id) stay.
  // Default on.
  bool drop_tracking_params = true;
  // Sort the remaining query parameters. Default on.
  bool sort_params = true;
  // Strip a trailing index.html/.htm/.shtml/.php, default.htm(l)/.asp(x).
  bool strip_index_file = true;
  // Extra parameter names to drop (exact, lower case), from site rules;
  // dropped even when drop_tracking_params is off.
  std::vector<std::string> extra_params;
};

// The canonical form used as an identity: lower-case scheme and host,
// default port, userinfo and fragment removed, percent-encoding normalised
// (upper-case hex, unreserved characters decoded), tracking parameters
// dropped, parameters sorted, dot segments removed, trailing index file
// stripped, an empty path made "/". The dropped parameters are listed, each
// with its reason, in src/url/canonical.cc. Use it as a key; fetch the URL
// the page linked (a server may not serve "/dir/" for "/dir/index.shtml").
// Fails like Parse.
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
