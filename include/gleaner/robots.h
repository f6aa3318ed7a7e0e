// robots: robots.txt per RFC 9309, for one user agent.
// Does:    parses groups (user-agent lines, merged when repeated), allow and
//          disallow rules with `*` and `$`, longest match wins (allow on a
//          tie), Crawl-delay, Sitemap lines; percent-encoding normalised on
//          both sides before matching; what a fetch outcome means (2xx:
//          parse; 4xx: allow all; 5xx or no answer: disallow all).
// Owns:    its parsed rules (value type).
// Threads: a Robots is immutable after Parse and may be shared.
// Errors:  none: any bytes parse (lines that do not parse are ignored); input
//          past kMaxRobotsBytes is ignored, as RFC 9309 allows.
// Touches: nothing.
#ifndef GLEANER_ROBOTS_H_
#define GLEANER_ROBOTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gleaner::robots {

// RFC 9309 2.5: crawlers must parse at least 500 KiB.
inline constexpr size_t kMaxRobotsBytes = 512 * 1024;

class Robots {
 public:
  // Everything allowed, no delay (also the 4xx case).
  Robots() = default;

  // Parses robots.txt text for `user_agent` (our product token, e.g.
  // "gleaner"; matched case-insensitively against the user-agent lines,
  // falling back to the `*` group). A full User-Agent string works too:
  // only the token before the first '/' or space is used.
  static Robots Parse(std::string_view text, std::string_view user_agent);
  // Nothing allowed (5xx, or the host could not be reached).
  static Robots DisallowAll();

  // True when `path` (path plus "?query", as sent in the request line) may
  // be fetched. "/robots.txt" itself is always allowed.
  bool Allowed(std::string_view path) const;

  // Crawl-delay of the group that applies, in seconds, if any (the largest
  // when several groups apply). Not capped here: the crawler caps it.
  std::optional<double> crawl_delay_s() const { return crawl_delay_s_; }
  // Sitemap URLs listed anywhere in the file (they are not group-specific).
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  struct Rule {
    std::string pattern;  // normalised; may hold '*' and a final '$'
    bool allow;
  };
  // Only the applying groups' rules, longest pattern first and allow before
  // disallow at equal length, so the first match is RFC 9309's winner.
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_s_;
  std::vector<std::string> sitemaps_;
  bool disallow_all_ = false;
};

// What a robots.txt fetch result means (RFC 9309 2.3.1): status 2xx ->
// Parse(body); 3xx after redirects were followed, 4xx -> allow all;
// 5xx, 429 or no response (status 0) -> disallow all. Any other status
// (1xx, >= 600, negative) counts as no answer. 304 Not Modified parses
// `body`, so a revalidating caller passes its cached copy there.
Robots FromFetch(long http_status, std::string_view body, std::string_view user_agent);

}  // namespace gleaner::robots

#endif  // GLEANER_ROBOTS_H_
