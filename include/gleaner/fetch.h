// fetch: HTTP(S) transfers with libcurl.
// Does:    one transfer at a time (FetchOne) with http/https-only redirects,
//          and many at once (Fetcher, libcurl's multi interface) with
//          connection reuse, per-host and total connection caps, HTTP/2
//          where the server offers it over TLS, and no redirect following.
//          Both: gzip/deflate/br, connect/total/low-speed timeouts, a cap on
//          the decoded body checked as bytes arrive, conditional GET headers,
//          Retry-After as seconds.
// Owns:    FetchOne: per call, one CURL easy handle and its header list.
//          Fetcher: one CURL multi handle (connection and DNS cache) and a
//          small pool of easy handles, each with its header list.
// Threads: FetchOne is thread-safe once curl_global_init has run (main does
//          it before any thread). A Fetcher is driven by one thread (Submit,
//          Poll, in_flight, destruction); only Wakeup may be called from
//          other threads.
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

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
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
  // Fetcher only (FetchOne uses one connection at a time). Connections
  // open at once to one host:port, and in all; transfers beyond either cap
  // wait inside curl for a free connection, and that wait counts against
  // total_timeout_ms. These are a safety net: politeness (how many
  // requests a host gets, and when) is the caller's schedule.
  long max_host_connections = 2;
  long max_total_connections = 16;
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
  long status = 0;  // HTTP status of the final response; 304 = not modified, empty body
  std::string content_type;   // as sent, e.g. "text/html; charset=gbk"
  std::string etag;
  std::string last_modified;
  // Location of a 3xx that was not followed: as sent from FetchOne,
  // resolved to an absolute URL (fragment dropped) from a Fetcher.
  std::string location;
  // Retry-After in seconds, -1 when absent or unparsable. An HTTP-date is
  // counted from the response's Date header when it has a valid one (so a
  // skewed local clock does not matter), else from the local clock; a date
  // in the past gives 0.
  int64_t retry_after_s = -1;
  std::string body;           // decoded (Content-Encoding removed)
  double total_time_s = 0;
  // Bytes read from the network for this response, headers included,
  // before decoding (a gzip body counts as compressed); summed over every
  // hop when FetchOne followed redirects.
  int64_t bytes_received = 0;
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

// One finished transfer of a Fetcher: the tag given to Submit and its
// outcome (a Response for any HTTP status, or an Error as for FetchOne).
struct Completion {
  uint64_t tag = 0;
  Result<Response> result;
};

// Many transfers at once on libcurl's multi interface. The caller decides
// what to fetch and when (scope, robots, politeness); the Fetcher only runs
// transfers. It never follows redirects: a 3xx comes back as a Response
// with `location` resolved, so the caller can check each hop first.
// A body cut short (closed mid-body, Content-Length longer than what came)
// is kNetwork "connection closed mid-body", never a short successful body.
//
// Threads: not thread-safe. One thread calls Submit, Poll, in_flight and
// the destructor; any thread may call Wakeup while the Fetcher lives.
class Fetcher {
 public:
  // Creates the multi handle with the connection caps from `options` and
  // keeps `options` for every transfer (max_redirects is ignored). If curl
  // cannot allocate it, every Submit completes with kInternal.
  // REQUIRES: curl_global_init has run.
  explicit Fetcher(const Options& options);
  // Aborts every transfer in flight; their completions are dropped.
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Starts fetching `request.url` at once (extra and conditional headers
  // sent); `tag` comes back in its Completion. A URL that cannot be
  // fetched (bad, not http/https) completes with its Error on the next Poll
  // without waiting.
  void Submit(Request request, uint64_t tag);

  // Runs transfers until at least one finishes, Wakeup is called, or
  // `timeout` passes; returns every transfer finished by then, in the order
  // they finished (empty on timeout or wakeup).
  std::vector<Completion> Poll(std::chrono::milliseconds timeout);

  // Makes the Poll in progress, or else the next one, return at once.
  // Thread-safe; it only sets an atomic flag and writes a byte to curl's
  // wakeup socket, so a signal handler may call it too.
  void Wakeup();

  // Transfers submitted and not yet returned by Poll.
  size_t in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The libcurl this process runs with and its TLS library, for
// `gleaner --version`: "libcurl 7.88.1 (OpenSSL/3.0.15)".
std::string LibraryVersion();

}  // namespace gleaner::fetch

#endif  // GLEANER_FETCH_H_
