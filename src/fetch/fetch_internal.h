// fetch_internal: one HTTP exchange on a libcurl easy handle (a "hop"),
// shared by FetchOne's redirect loop. Not a public API.
// Owns:    Transfer owns one CURL easy handle and its request header list.
// Threads: a Transfer belongs to one thread; ParseRetryAfter is pure.
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
  std::string content_encoding;  // raw header value
  int64_t content_length = -1;   // as declared, -1 when absent
  std::string body;              // decoded
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

// One easy handle configured once from Request and Options, then performed
// once per hop so a redirect to the same host reuses the connection.
// Not movable: curl keeps pointers to error_buffer_ and state_.
class Transfer {
 public:
  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // Creates the handle and sets every per-call option. Errors: kInternal
  // when curl cannot allocate or refuses an option.
  Status Init(const Request& request, const Options& options);

  // GETs `url` with at most `timeout_ms` for the whole hop. Returns the
  // response of any HTTP status; errors are network-level (see fetch.h).
  Result<Hop> Perform(const std::string& url, int64_t timeout_ms);

 private:
  Error Translate(CURLcode rc, const std::string& url) const;

  CurlEasy easy_;
  CurlSlist headers_;  // must outlive every perform on easy_
  Options options_;
  HopState state_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

// Retry-After as seconds from `now`: delta-seconds, or an HTTP-date (a date
// in the past gives 0). -1 when the value is empty or unparsable.
int64_t ParseRetryAfter(std::string_view value, std::time_t now);

}  // namespace gleaner::fetch::internal

#endif  // GLEANER_SRC_FETCH_FETCH_INTERNAL_H_
