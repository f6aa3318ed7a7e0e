// response: turning a finished hop into the public Response, shared by
// FetchOne and the Fetcher: Retry-After, and where a redirect points.
#include <charconv>
#include <ctime>
#include <string>
#include <string_view>
#include <utility>

#include "fetch_internal.h"
#include "gleaner/fetch.h"
#include "gleaner/url.h"

namespace gleaner::fetch::internal {
namespace {

std::string_view TrimSpaces(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

// An HTTP-date (IMF-fixdate, or the obsolete RFC 850 / asctime forms curl
// also reads) as epoch seconds; -1 when it does not parse.
std::time_t ParseHttpDate(std::string_view value) {
  value = TrimSpaces(value);
  if (value.empty()) return -1;
  std::string date(value);
  return curl_getdate(date.c_str(), nullptr);
}

}  // namespace

int64_t ParseRetryAfter(std::string_view value, std::time_t now) {
  value = TrimSpaces(value);
  if (value.empty()) return -1;
  if (value.front() >= '0' && value.front() <= '9') {
    int64_t seconds = -1;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    bool whole = ec == std::errc() && end == value.data() + value.size();
    return whole ? seconds : -1;
  }
  std::time_t when = ParseHttpDate(value);
  if (when == -1) return -1;
  return when > now ? static_cast<int64_t>(when - now) : 0;
}

int64_t RetryAfterSeconds(std::string_view retry_after, std::string_view date,
                          std::time_t local_now) {
  // A server whose clock is off by minutes still means "N seconds after I
  // sent this": its own Date is the right origin for its own HTTP-date.
  std::time_t server_now = ParseHttpDate(date);
  return ParseRetryAfter(retry_after, server_now != -1 ? server_now : local_now);
}

Result<std::string> RequestUrl(std::string_view raw) {
  auto parsed = url::ParseHttp(raw);
  if (!parsed.ok()) {
    Error error = parsed.take_error();
    return MakeError(error.code, "fetching " + std::string(raw) + ": " + error.message);
  }
  parsed->fragment.clear();  // never sent to the server
  return parsed->ToString();
}

bool IsFollowedRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

Result<std::string> ResolveLocation(const std::string& origin, const std::string& current,
                                    const std::string& location) {
  auto next = url::Resolve(current, location);
  if (!next.ok()) {
    Code code = next.error().code == Code::kUnsupported ? Code::kUnsupported : Code::kHttp;
    return MakeError(code, "fetching " + origin + ": redirect from " + current + " refused: " +
                               next.error().message);
  }
  std::string target = std::move(next.value());
  size_t hash = target.find('#');
  if (hash != std::string::npos) target.resize(hash);
  return target;
}

Response MakeResponse(Hop&& hop, std::string url, std::time_t now) {
  Response response;
  response.url = std::move(url);
  response.status = hop.status;
  response.content_type = std::move(hop.content_type);
  response.etag = std::move(hop.etag);
  response.last_modified = std::move(hop.last_modified);
  if (hop.status >= 300 && hop.status < 400) response.location = std::move(hop.location);
  response.retry_after_s = RetryAfterSeconds(hop.retry_after, hop.date, now);
  response.body = std::move(hop.body);
  response.total_time_s = hop.total_time_s;
  response.bytes_received = hop.bytes_received;
  return response;
}

}  // namespace gleaner::fetch::internal
