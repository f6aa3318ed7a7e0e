// robots: the robots.txt line parser, group selection and FromFetch.
//
// Group rules (RFC 9309 2.1, 2.2.1), as Google's open-source parser reads
// them where the RFC leaves room:
//   1. A run of user-agent lines opens one group; the run is closed by the
//      first allow, disallow or crawl-delay line (an empty "Disallow:" too),
//      so the next user-agent line opens a new group. Sitemap and unknown
//      lines close nothing.
//   2. Every group naming our product token is merged into one; only when
//      there is none do the `*` groups (merged) apply; with neither, all
//      is allowed. A group naming us with no rules still wins over `*`.
//   3. Records before the first user-agent line belong to no group.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "gleaner/robots.h"
#include "robots_internal.h"

namespace gleaner::robots {
namespace {

enum class Key { kUnknown, kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap };

struct KeyName {
  std::string_view name;  // lower case
  Key key;
};

// Record names, compared case-insensitively. The misspellings are the ones
// Google's parser accepts (RFC 9309 2.2.4 lets crawlers be lenient).
constexpr KeyName kKeyNames[] = {
    {"user-agent", Key::kUserAgent}, {"useragent", Key::kUserAgent},
    {"user agent", Key::kUserAgent}, {"allow", Key::kAllow},
    {"disallow", Key::kDisallow},    {"dissallow", Key::kDisallow},
    {"dissalow", Key::kDisallow},    {"disalow", Key::kDisallow},
    {"diasllow", Key::kDisallow},    {"disallaw", Key::kDisallow},
    {"crawl-delay", Key::kCrawlDelay}, {"crawldelay", Key::kCrawlDelay},
    {"crawl delay", Key::kCrawlDelay}, {"sitemap", Key::kSitemap},
    {"site-map", Key::kSitemap},
};

constexpr std::string_view kRobotsPath = "/robots.txt";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(text[i]) != AsciiLower(prefix[i])) return false;
  }
  return true;
}

Key KeyOf(std::string_view name) {
  for (const KeyName& entry : kKeyNames) {
    if (name.size() == entry.name.size() && StartsWithIgnoreCase(name, entry.name)) {
      return entry.key;
    }
  }
  return Key::kUnknown;
}

// Our product token from whatever the caller passed: "gleaner/0.1 (+url)"
// -> "gleaner".
std::string_view ProductToken(std::string_view user_agent) {
  user_agent = Trim(user_agent);
  return user_agent.substr(0, user_agent.find_first_of("/ \t"));
}

// "*", or "*" followed by a space and anything (Google reads "* foo" as `*`).
bool IsGlobalAgent(std::string_view value) {
  return !value.empty() && value[0] == '*' && (value.size() == 1 || IsSpace(value[1]));
}

// The line's value names us when it is our token, or our token followed by
// a version or comment: "Gleaner", "gleaner/1.0", "gleaner (news)". Not
// "gleanerbot" or "gleaner-news": those are other products.
bool NamesAgent(std::string_view value, std::string_view token) {
  if (token.empty() || !StartsWithIgnoreCase(value, token)) return false;
  if (value.size() == token.size()) return true;
  const char next = value[token.size()];
  return next == '/' || IsSpace(next);
}

bool IsAbsoluteHttpUrl(std::string_view value) {
  return (StartsWithIgnoreCase(value, "http://") && value.size() > 7) ||
         (StartsWithIgnoreCase(value, "https://") && value.size() > 8);
}

// The part of `text` that is parsed: the first kMaxRobotsBytes, less a last
// line cut in two by the limit (half a pattern means a different rule).
std::string_view ParsedPart(std::string_view text) {
  if (text.size() <= kMaxRobotsBytes) return text;
  const std::string_view head = text.substr(0, kMaxRobotsBytes);
  const char next = text[kMaxRobotsBytes];
  if (next == '\n' || next == '\r') return head;
  const size_t last_break = head.find_last_of("\r\n");
  return last_break == std::string_view::npos ? std::string_view() : head.substr(0, last_break + 1);
}

// A UTF-8 byte order mark, or the start of one (Google skips both).
std::string_view SkipBom(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  size_t n = 0;
  while (n < kBom.size() && n < text.size() && text[n] == kBom[n]) ++n;
  return text.substr(n);
}

// Google: "Allow: /dir/index.html" also allows "/dir/", the same page.
// Returns "/dir/$" for such a pattern, nullopt otherwise.
std::optional<std::string> IndexPageDirectory(const std::string& pattern) {
  const size_t slash = pattern.rfind('/');
  if (slash == std::string::npos) return std::nullopt;
  const std::string_view last = std::string_view(pattern).substr(slash + 1);
  if (last != "index.htm" && last != "index.html" && last != "index.htm$" &&
      last != "index.html$") {
    return std::nullopt;
  }
  return pattern.substr(0, slash + 1) + "$";
}

struct ParsedRule {
  std::string pattern;
  bool allow;
};

// What the groups for one kind of agent (ours, or `*`) said.
struct Collected {
  std::vector<ParsedRule> rules;
  std::optional<double> crawl_delay_s;
};

// Feeds lines one at a time; see the group rules at the top of the file.
class Parser {
 public:
  explicit Parser(std::string_view token) : token_(token) {}

  void Line(std::string_view line) {
    const size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;  // RFC 9309 requires the colon
    const Key key = KeyOf(Trim(line.substr(0, colon)));
    const std::string_view value = Trim(line.substr(colon + 1));
    switch (key) {
      case Key::kUserAgent:
        UserAgent(value);
        break;
      case Key::kAllow:
      case Key::kDisallow:
        agent_run_open_ = false;
        Rule(value, key == Key::kAllow);
        break;
      case Key::kCrawlDelay:
        agent_run_open_ = false;
        CrawlDelay(value);
        break;
      case Key::kSitemap:
        Sitemap(value);
        break;
      case Key::kUnknown:
        break;
    }
  }

  // The groups that apply: ours when any named us, else `*`.
  Collected& Chosen() { return ever_named_us_ ? ours_ : global_; }
  std::vector<std::string>& sitemaps() { return sitemaps_; }

 private:
  void UserAgent(std::string_view value) {
    if (!agent_run_open_) {
      group_is_ours_ = false;
      group_is_global_ = false;
      agent_run_open_ = true;
    }
    if (IsGlobalAgent(value)) {
      group_is_global_ = true;
    } else if (NamesAgent(value, token_)) {
      group_is_ours_ = true;
      ever_named_us_ = true;
    }
  }

  void Rule(std::string_view value, bool allow) {
    if (!group_is_ours_ && !group_is_global_) return;
    std::string pattern = internal::NormalizePattern(value);
    if (pattern.empty()) return;  // "Disallow:" with no value disallows nothing
    if (allow) {
      if (std::optional<std::string> dir = IndexPageDirectory(pattern)) AddRule(std::move(*dir), true);
    }
    AddRule(std::move(pattern), allow);
  }

  void AddRule(std::string pattern, bool allow) {
    if (group_is_global_) global_.rules.push_back({pattern, allow});
    if (group_is_ours_) ours_.rules.push_back({std::move(pattern), allow});
  }

  // Several applying groups with a delay each: the largest, to stay polite.
  void CrawlDelay(std::string_view value) {
    const std::optional<double> seconds = internal::ParseCrawlDelay(value);
    if (!seconds) return;
    if (group_is_ours_) RaiseTo(ours_.crawl_delay_s, *seconds);
    if (group_is_global_) RaiseTo(global_.crawl_delay_s, *seconds);
  }

  static void RaiseTo(std::optional<double>& delay_s, double seconds) {
    delay_s = std::max(delay_s.value_or(seconds), seconds);
  }

  void Sitemap(std::string_view value) {
    if (!IsAbsoluteHttpUrl(value)) return;
    if (seen_sitemaps_.insert(std::string(value)).second) sitemaps_.emplace_back(value);
  }

  std::string_view token_;
  bool agent_run_open_ = false;   // the last record was a user-agent line
  bool group_is_ours_ = false;    // the current group names our token
  bool group_is_global_ = false;  // the current group names `*`
  bool ever_named_us_ = false;
  Collected ours_;
  Collected global_;
  std::vector<std::string> sitemaps_;
  std::unordered_set<std::string> seen_sitemaps_;
};

bool IsRobotsTxt(std::string_view path) {
  return path.substr(0, path.find_first_of("?#")) == kRobotsPath;
}

}  // namespace

Robots Robots::Parse(std::string_view text, std::string_view user_agent) {
  Parser parser(ProductToken(user_agent));
  std::string_view rest = SkipBom(ParsedPart(text));
  while (!rest.empty()) {
    const size_t end = rest.find_first_of("\r\n");
    parser.Line(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    const bool crlf = rest[end] == '\r' && end + 1 < rest.size() && rest[end + 1] == '\n';
    rest.remove_prefix(end + (crlf ? 2 : 1));
  }

  Robots robots;
  Collected& chosen = parser.Chosen();
  // Longest pattern first, allow before disallow at equal length: the first
  // rule that matches is then the one RFC 9309 2.2.2 picks.
  std::sort(chosen.rules.begin(), chosen.rules.end(), [](const ParsedRule& a, const ParsedRule& b) {
    if (a.pattern.size() != b.pattern.size()) return a.pattern.size() > b.pattern.size();
    if (a.allow != b.allow) return a.allow;
    return a.pattern < b.pattern;
  });
  chosen.rules.erase(std::unique(chosen.rules.begin(), chosen.rules.end(),
                                 [](const ParsedRule& a, const ParsedRule& b) {
                                   return a.allow == b.allow && a.pattern == b.pattern;
                                 }),
                     chosen.rules.end());
  robots.rules_.reserve(chosen.rules.size());
  for (ParsedRule& rule : chosen.rules) robots.rules_.push_back({std::move(rule.pattern), rule.allow});
  robots.crawl_delay_s_ = chosen.crawl_delay_s;
  robots.sitemaps_ = std::move(parser.sitemaps());
  return robots;
}

Robots Robots::DisallowAll() {
  Robots robots;
  robots.disallow_all_ = true;
  return robots;
}

bool Robots::Allowed(std::string_view path) const {
  if (IsRobotsTxt(path)) return true;
  if (disallow_all_) return false;
  if (rules_.empty()) return true;
  const std::string normalized = internal::NormalizePath(path);
  std::vector<uint32_t> scratch;
  for (const Rule& rule : rules_) {
    if (internal::PatternMatches(rule.pattern, normalized, scratch)) return rule.allow;
  }
  return true;
}

Robots FromFetch(long http_status, std::string_view body, std::string_view user_agent) {
  // 304: the caller revalidated its cached copy and passes it as the body.
  if ((http_status >= 200 && http_status <= 299) || http_status == 304) {
    return Robots::Parse(body, user_agent);
  }
  // 429 is a 4xx, but it says "come back later", not "there is no file";
  // Google treats it as a server error, and so do we.
  if (http_status == 429) return Robots::DisallowAll();
  if (http_status >= 300 && http_status <= 499) return Robots();
  return Robots::DisallowAll();
}

}  // namespace gleaner::robots
