// robots_fuzz: robots::Robots::Parse on arbitrary text, then Allowed on a
// path derived from the input and on fixed ones, FromFetch by status.
// Input: the first line (up to 256 bytes) is the path asked about; the rest
// is the robots.txt. Byte 0 of the path also picks the user agent and the
// status FromFetch sees.
// Checks: "/robots.txt" is always allowed; DisallowAll allows nothing else;
// a 4xx allows everything.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "gleaner/robots.h"

namespace {

constexpr std::string_view kAgents[] = {"gleaner", "Gleaner/0.1 (+https://x)", "*", "", "googlebot"};
constexpr long kStatuses[] = {200, 304, 301, 404, 429, 500, 0, 199, 600, -1};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using gleaner::robots::FromFetch;
  using gleaner::robots::Robots;
  auto [line, text] = gleaner::fuzz::SplitLine(gleaner::fuzz::AsView(data, size));
  if (line.size() > 256) line = line.substr(0, 256);
  const uint8_t pick = line.empty() ? 0 : static_cast<uint8_t>(line[0]);
  const std::string_view agent = kAgents[pick % 5];

  const Robots robots = Robots::Parse(text, agent);
  std::string path = "/" + std::string(line);
  (void)robots.Allowed(path);
  (void)robots.Allowed(line);
  for (std::string_view fixed : {"/", "/news/2025/0314/1.shtml?from=rss", "/%E4%B8%AD/a*b$",
                                 "", "/private/", "/a%2fb", "/%zz"}) {
    (void)robots.Allowed(fixed);
  }
  FUZZ_CHECK(robots.Allowed("/robots.txt"));
  (void)robots.crawl_delay_s();
  for (const std::string& sitemap : robots.sitemaps()) FUZZ_CHECK(!sitemap.empty());

  const long status = kStatuses[(pick >> 4) % 10];
  const Robots fetched = FromFetch(status, text, agent);
  if (status >= 400 && status < 500 && status != 429) FUZZ_CHECK(fetched.Allowed(path));
  const Robots none = Robots::DisallowAll();
  FUZZ_CHECK(!none.Allowed("/x") && none.Allowed("/robots.txt"));
  return 0;
}
