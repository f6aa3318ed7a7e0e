// fetch: FetchOne's redirect loop and the Content-Type helpers.
//
// Redirects are followed here, not by curl (CURLOPT_FOLLOWLOCATION), so each
// hop is checked before it is fetched: its scheme, the hop count, and
// whether the chain has come back to a URL it already visited.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fetch_internal.h"
#include "gleaner/fetch.h"
#include "gleaner/url.h"

namespace gleaner::fetch {
namespace internal {

int64_t ParseRetryAfter(std::string_view value, std::time_t now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return -1;
  if (value.front() >= '0' && value.front() <= '9') {
    int64_t seconds = -1;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    bool whole = ec == std::errc() && end == value.data() + value.size();
    return whole ? seconds : -1;
  }
  std::string date(value);
  std::time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == -1) return -1;
  return when > now ? static_cast<int64_t>(when - now) : 0;
}

}  // namespace internal

namespace {

using Clock = std::chrono::steady_clock;

bool IsFollowedRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string DropFragment(std::string text) {
  size_t hash = text.find('#');
  if (hash != std::string::npos) text.resize(hash);
  return text;
}

std::string_view TrimChars(std::string_view text, std::string_view chars) {
  size_t begin = text.find_first_not_of(chars);
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(chars);
  return text.substr(begin, end - begin + 1);
}

void AsciiLower(std::string& text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

std::string Chain(const std::vector<std::string>& hops, const std::string& last) {
  std::string out;
  for (const std::string& hop : hops) out.append(hop).append(" -> ");
  return out.append(last);
}

Response MakeResponse(internal::Hop&& hop, std::string final_url,
                      std::vector<std::string> redirects, Clock::time_point start) {
  Response response;
  response.url = std::move(final_url);
  response.redirects = std::move(redirects);
  response.status = hop.status;
  response.content_type = std::move(hop.content_type);
  response.etag = std::move(hop.etag);
  response.last_modified = std::move(hop.last_modified);
  if (hop.status >= 300 && hop.status < 400) response.location = std::move(hop.location);
  response.retry_after_s = internal::ParseRetryAfter(hop.retry_after, std::time(nullptr));
  response.body = std::move(hop.body);
  response.total_time_s = std::chrono::duration<double>(Clock::now() - start).count();
  return response;
}

// The next URL of a redirect chain, or why it must not be fetched.
Result<std::string> NextHop(const std::string& origin, const std::string& current,
                            const internal::Hop& hop, const std::vector<std::string>& visited) {
  auto next = url::Resolve(current, hop.location);
  if (!next.ok()) {
    Code code = next.error().code == Code::kUnsupported ? Code::kUnsupported : Code::kHttp;
    return MakeError(code, "fetching " + origin + ": redirect from " + current + " refused: " +
                               next.error().message);
  }
  std::string target = DropFragment(std::move(next.value()));
  bool seen =
      target == current || std::find(visited.begin(), visited.end(), target) != visited.end();
  if (seen) {
    std::vector<std::string> hops = visited;
    hops.push_back(current);
    return MakeError(Code::kHttp, "fetching " + origin + ": redirect loop: " + Chain(hops, target));
  }
  return target;
}

}  // namespace

Result<Response> FetchOne(const Request& request, const Options& options) {
  const Clock::time_point start = Clock::now();
  auto parsed = url::ParseHttp(request.url);
  if (!parsed.ok()) {
    Error error = parsed.take_error();
    return MakeError(error.code, "fetching " + request.url + ": " + error.message);
  }
  parsed->fragment.clear();  // never sent to the server
  std::string current = parsed->ToString();

  internal::Transfer transfer;
  GLEANER_TRY(transfer.Init(request, options));

  std::vector<std::string> redirects;
  while (true) {
    auto elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    int64_t remaining_ms = options.total_timeout_ms - elapsed_ms;
    if (remaining_ms <= 0) {
      return MakeError(Code::kTimeout, "fetching " + current + ": total timeout of " +
                                           std::to_string(options.total_timeout_ms) +
                                           " ms reached after " +
                                           std::to_string(redirects.size()) + " redirects");
    }
    auto hop = transfer.Perform(current, remaining_ms);
    if (!hop.ok()) return hop.take_error();
    bool follow = IsFollowedRedirect(hop->status) && !hop->location.empty() &&
                  options.max_redirects > 0;
    if (!follow) return MakeResponse(std::move(hop.value()), current, std::move(redirects), start);
    if (static_cast<int>(redirects.size()) >= options.max_redirects) {
      return MakeError(Code::kHttp, "fetching " + request.url + ": more than " +
                                        std::to_string(options.max_redirects) +
                                        " redirects: " + Chain(redirects, current));
    }
    auto next = NextHop(request.url, current, hop.value(), redirects);
    if (!next.ok()) return next.take_error();
    redirects.push_back(std::move(current));
    current = std::move(next.value());
  }
}

std::string CharsetOf(std::string_view content_type) {
  // Parameters follow the media type: "; name=value" (value maybe quoted).
  size_t pos = content_type.find(';');
  while (pos != std::string_view::npos) {
    size_t end = content_type.find(';', pos + 1);
    std::string_view param = content_type.substr(pos + 1, end == std::string_view::npos
                                                              ? std::string_view::npos
                                                              : end - pos - 1);
    pos = end;
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(TrimChars(param.substr(0, eq), " \t"));
    AsciiLower(name);
    if (name == "charset") return std::string(TrimChars(param.substr(eq + 1), " \t\"'"));
  }
  return "";
}

bool IsHtmlContentType(std::string_view content_type) {
  std::string media(TrimChars(content_type.substr(0, content_type.find(';')), " \t"));
  AsciiLower(media);
  return media.empty() || media == "text/html" || media == "application/xhtml+xml";
}

}  // namespace gleaner::fetch
