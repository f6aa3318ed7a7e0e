// fetch: HTTP(S) transfers with libcurl.
// Does:    one transfer at a time (FetchOne) with http/https-only redirects,
//          gzip/deflate/br, connect/total/low-speed timeouts, a cap on the
//          decoded body checked as bytes arrive, conditional GET headers.
// Owns:    per call, one CURL easy handle and its header list.
// Threads: FetchOne is thread-safe once curl_global_init has run (main does
//          it before any thread).
// Errors:  the Result carries network-level failures: kTimeout, kNetwork
//          (DNS, refused, reset, TLS, a body cut short, bad compression),
//          kTooLarge (body cap), kUnsupported (a non-http(s) URL or redirect
//          target), kInvalidInput (URL), kHttp for a redirect limit, loop or
//          unusable Location. Messages read "fetching <url>: <why>". Any HTTP
//          status, 4xx and 5xx included, is a successful transfer: read
//          Response::status.
// Touches: the network only.
#ifndef GLEANER_FETCH_H_
#define GLEANER_FETCH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gleaner/result.h"

namespace gleaner::fetch {

struct Options {
  // Largest decoded body accepted, for every response (error pages and
  // redirect bodies too); a larger one fails with kTooLarge as soon as the
  // bytes arrive (Content-Length may be missing or lie), or before any body
  // byte when an uncompressed response declares more. 10 MB: news articles
  // are ~30-300 KB, and 20 MB trap pages exist.
  int64_t max_body_bytes = 10 << 20;
  int64_t connect_timeout_ms = 10'000;
  int64_t total_timeout_ms = 30'000;  // the whole call, all redirect hops
  // Abort when fewer than low_speed_bytes/s arrive for low_speed_time_s.
  int64_t low_speed_bytes = 512;
  int64_t low_speed_time_s = 15;
  // Redirects followed by FetchOne (http/https targets only); one more is
  // kHttp. 0 = follow none: a 3xx comes back as the Response, with
  // `location` set.
  int max_redirects = 5;
  std::string user_agent = "gleaner/0.1 (+https://github.com/gleaner/gleaner)";
  // Sent as Accept-Encoding; curl decodes the body. "" offers everything
  // this libcurl decodes (gzip, deflate, br, zstd here).
  std::string accept_encoding = "gzip, deflate, br";
};

struct Request {
  std::string url;
  std::string if_none_match;      // an ETag from an earlier 200, or empty
  std::string if_modified_since;  // a Last-Modified from an earlier 200, or empty
  std::vector<std::pair<std::string, std::string>> extra_headers;
};

struct Response {
  std::string url;  // final URL after redirects, cleaned as url::Parse does, no fragment
  std::vector<std::string> redirects;  // every URL before the final one, in order
  // Headers below come from the final response only (not 1xx or redirects).
  long status = 0;  // HTTP status of the final response
  std::string content_type;   // as sent, e.g. "text/html; charset=gbk"
  std::string etag;
  std::string last_modified;
  std::string location;       // Location of a 3xx that was not followed
  int64_t retry_after_s = -1;  // Retry-After in seconds, -1 when absent
  std::string body;           // decoded (Content-Encoding removed)
  double total_time_s = 0;
};

// Fetches one URL, following up to options.max_redirects redirects (only to
// http/https; a URL met twice is a loop). Conditional and extra headers go
// with every hop. Returns the response for any HTTP status; see Errors.
Result<Response> FetchOne(const Request& request, const Options& options = {});

// The charset parameter of a Content-Type value ("text/html; charset=GBK"
// -> "GBK"), or "" when there is none.
std::string CharsetOf(std::string_view content_type);

// True when a Content-Type names an HTML or XHTML document, or is empty
// (many servers omit it; the bytes decide then). Deliberately strict:
// text/plain and application/octet-stream are false even though some
// Chinese portals serve .shtml pages so; the caller sniffs the body.
bool IsHtmlContentType(std::string_view content_type);

}  // namespace gleaner::fetch

#endif  // GLEANER_FETCH_H_
