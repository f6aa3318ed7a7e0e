// fetch: FetchOne's redirect loop and the Content-Type helpers.
//
// Redirects are followed here, not by curl (CURLOPT_FOLLOWLOCATION), so each
// hop is checked before it is fetched: its scheme, the hop count, and
// whether the chain has come back to a URL it already visited.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fetch_internal.h"
#include "gleaner/fetch.h"

namespace gleaner::fetch {
namespace {

using Clock = std::chrono::steady_clock;

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

// The next URL of a redirect chain, or why it must not be fetched.
Result<std::string> NextHop(const std::string& origin, const std::string& current,
                            const internal::Hop& hop, const std::vector<std::string>& visited) {
  auto next = internal::ResolveLocation(origin, current, hop.location);
  if (!next.ok()) return next.take_error();
  std::string target = std::move(next.value());
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
  auto first = internal::RequestUrl(request.url);
  if (!first.ok()) return first.take_error();
  std::string current = std::move(first.value());

  internal::Transfer transfer;
  GLEANER_TRY(transfer.Init(request, options));

  std::vector<std::string> redirects;
  int64_t bytes_received = 0;  // every hop's
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
    bytes_received += hop->bytes_received;
    bool follow = internal::IsFollowedRedirect(hop->status) && !hop->location.empty() &&
                  options.max_redirects > 0;
    if (!follow) {
      Response response =
          internal::MakeResponse(std::move(hop.value()), current, std::time(nullptr));
      response.redirects = std::move(redirects);
      response.bytes_received = bytes_received;
      response.total_time_s = std::chrono::duration<double>(Clock::now() - start).count();
      return response;
    }
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
