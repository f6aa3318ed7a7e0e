// fetch_internal: one HTTP exchange on a libcurl easy handle (a "hop"),
// shared by FetchOne's redirect loop (curl_easy_perform) and the Fetcher
// (curl_multi), so both set up, cap and translate transfers the same way.
// Not a public API.
// Owns:    Transfer owns one CURL easy handle, its request header list and
//          its error buffer.
// Threads: a Transfer belongs to one thread; the free functions are pure.
#ifndef GLEANER_SRC_FETCH_FETCH_INTERNAL_H_
#define GLEANER_SRC_FETCH_FETCH_INTERNAL_H_

#include <curl/curl.h>

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>

#include "gleaner/fetch.h"
#include "gleaner/result.h"

namespace gleaner::fetch::internal {

struct CurlEasyFree {
  void operator()(CURL* easy) const noexcept { curl_easy_cleanup(easy); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyFree>;

struct CurlSlistFree {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistFree>;

// What the last response of one hop said. Fields are reset on every status
// line, so 1xx interim responses leave nothing behind.
struct Hop {
  long status = 0;
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string location;
  std::string retry_after;       // raw header value
  std::string date;              // raw header value
  std::string content_encoding;  // raw header value
  int64_t content_length = -1;   // as declared, -1 when absent
  std::string body;              // decoded
  int64_t bytes_received = 0;    // header + body bytes before decoding
  double total_time_s = 0;       // curl's time for this hop
};

// State the curl callbacks write into. Invariant: body.size() never
// exceeds max_body_bytes; body_too_large is set whenever a callback
// refused bytes because of the cap.
struct HopState {
  int64_t max_body_bytes = 0;
  bool body_too_large = false;
  bool out_of_memory = false;
  Hop hop;
};

// One easy handle configured from Request and Options, then run once per
// hop: FetchOne performs it directly (a redirect to the same host reuses the
// connection); the Fetcher adds it to a multi and keeps it in a pool, calling
// Init again (curl_easy_reset) for its next request.
// Not movable: curl keeps pointers to error_buffer_, headers_ and state_.
class Transfer {
 public:
  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // Creates the handle, or resets the existing one, and sets every
  // per-request option. REQUIRES: the handle is in no multi and not
  // performing (the header list it used is freed here). Errors: kInternal
  // when curl cannot allocate or refuses an option.
  Status Init(const Request& request, const Options& options);

  // Points the handle at `url` with at most `timeout_ms` for the whole hop
  // and clears what the last hop left. Then run it (curl_easy_perform or a
  // multi) and pass its CURLcode to Finish.
  void Prepare(const std::string& url, int64_t timeout_ms);

  // The response of any HTTP status, or the network-level error (see
  // fetch.h) for `rc`, the result of the run that Prepare set up.
  Result<Hop> Finish(CURLcode rc);

  // Prepare, curl_easy_perform, Finish.
  Result<Hop> Perform(const std::string& url, int64_t timeout_ms);

  CURL* easy() const { return easy_.get(); }

 private:
  Error Translate(CURLcode rc) const;

  CurlEasy easy_;
  CurlSlist headers_;  // must outlive every transfer run on easy_
  Options options_;
  HopState state_;
  std::string url_;  // of the hop in progress, for messages
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

// True when libcurl here was built with HTTP/2 (nghttp2).
bool CurlHasHttp2();

// The URL to send for a request's `raw` URL: cleaned as url::ParseHttp
// does, fragment dropped. Errors: kInvalidInput, kUnsupported (not
// http/https), as "fetching <raw>: <why>".
Result<std::string> RequestUrl(std::string_view raw);

// The status of a redirect FetchOne follows and the Fetcher resolves.
bool IsFollowedRedirect(long status);

// `location` (from a redirect at `current`) resolved against `current`,
// fragment dropped. Errors: kUnsupported for a non-http(s) target, kHttp
// for an unusable one; messages start "fetching <origin>: ".
Result<std::string> ResolveLocation(const std::string& origin, const std::string& current,
                                    const std::string& location);

// The public Response for a finished hop at `url` (the Location is copied as
// sent; the caller resolves it if it wants). `now` is the local clock for
// Retry-After when the hop has no usable Date header.
Response MakeResponse(Hop&& hop, std::string url, std::time_t now);

// Retry-After as seconds from `now`: delta-seconds, or an HTTP-date (a date
// in the past gives 0). -1 when the value is empty or unparsable.
int64_t ParseRetryAfter(std::string_view value, std::time_t now);

// Retry-After of a response: an HTTP-date counts from the response's own
// Date header when that parses (server clock against server clock), else
// from `local_now`.
int64_t RetryAfterSeconds(std::string_view retry_after, std::string_view date,
                          std::time_t local_now);

}  // namespace gleaner::fetch::internal

#endif  // GLEANER_SRC_FETCH_FETCH_INTERNAL_H_
