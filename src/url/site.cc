// site: the registrable part of a host, for per-site scope and politeness.
//
// A full Public Suffix List is ~9000 rules and changes monthly; the crawler
// only needs "same site?" for the portals it is pointed at, so a short table
// of the two-level suffixes those portals live under is enough. A host under
// a suffix that is missing here gets one label too few ("a.gov.xx" ->
// "gov.xx"), which merges sites; add the suffix when that matters.
#include <algorithm>
#include <string>
#include <string_view>

#include "gleaner/url.h"
#include "url_internal.h"

namespace gleaner::url {
namespace {

// Sorted, so the lookup can binary-search. Each line is one country.
constexpr std::string_view kTwoLevelSuffixes[] = {
    "ac.cn",  "ac.jp",  "ac.kr",  "ac.uk",  "co.id",  "co.il",  "co.in",  "co.jp",
    "co.kr",  "co.nz",  "co.th",  "co.uk",  "co.za",  "com.ar", "com.au", "com.br",
    "com.cn", "com.hk", "com.mo", "com.mx", "com.my", "com.ph", "com.sg", "com.tr",
    "com.tw", "com.ua", "com.vn", "edu.au", "edu.cn", "edu.hk", "edu.sg", "edu.tw",
    "go.jp",  "go.kr",  "gov.au", "gov.cn", "gov.hk", "gov.sg", "gov.tw", "gov.uk",
    "idv.tw", "ne.jp",  "ne.kr",  "net.au", "net.cn", "net.hk", "net.nz", "net.tw",
    "or.jp",  "or.kr",  "org.au", "org.cn", "org.hk", "org.nz", "org.tw", "org.uk",
};

static_assert(std::is_sorted(std::begin(kTwoLevelSuffixes), std::end(kTwoLevelSuffixes)),
              "kTwoLevelSuffixes must stay sorted for binary_search");

bool IsTwoLevelSuffix(std::string_view suffix) {
  return std::binary_search(std::begin(kTwoLevelSuffixes), std::end(kTwoLevelSuffixes), suffix);
}

bool IsIpLiteral(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;  // IPv6, brackets or not
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.';
  });
}

}  // namespace

std::string SiteOf(std::string_view host_in) {
  std::string host(host_in);
  internal::AsciiLower(host);
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (IsIpLiteral(host)) return host;
  size_t last_dot = host.rfind('.');
  if (last_dot == std::string::npos || last_dot == 0) return host;
  size_t second_dot = host.rfind('.', last_dot - 1);
  if (second_dot == std::string::npos) return host;
  std::string_view suffix = std::string_view(host).substr(second_dot + 1);
  if (!IsTwoLevelSuffix(suffix)) return host.substr(second_dot + 1);
  if (second_dot == 0) return host;
  size_t third_dot = host.rfind('.', second_dot - 1);
  return third_dot == std::string::npos ? host : host.substr(third_dot + 1);
}

}  // namespace gleaner::url
