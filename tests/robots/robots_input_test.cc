// Focus: hostile and odd robots.txt input (malformed lines, BOM, line ends,
// garbage, the size cap, huge rule counts, wildcard patterns built to make
// a backtracking matcher explode), fetch outcomes, and portal-sim's file.
#include "gleaner/robots.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gleaner::robots {
namespace {

using namespace std::string_literals;

struct TextCase {
  const char* id;
  std::string text;
  bool private_allowed;  // Allowed("/private/x") for agent "gleaner"
};

// Every text but the ignored-line ones disallows /private/ for `*`.
const TextCase kTextCases[] = {
    {"plain", "User-agent: *\nDisallow: /private/\n", false},
    {"bom", "\xEF\xBB\xBFUser-agent: *\nDisallow: /private/\n", false},
    {"partial-bom", "\xEF\xBBUser-agent: *\nDisallow: /private/\n", false},
    {"cr", "User-agent: *\rDisallow: /private/\r", false},
    {"crlf", "User-agent: *\r\nDisallow: /private/\r\n", false},
    {"mixed-ends", "User-agent: *\r\n\r\rDisallow: /private/\n\r", false},
    {"no-final-newline", "User-agent: *\nDisallow: /private/", false},
    {"indented", "   User-agent: *\n\tDisallow: /private/  \t\n", false},
    {"space-before-colon", "User-agent : *\nDisallow : /private/\n", false},
    {"no-space", "User-agent:*\nDisallow:/private/\n", false},
    {"upper-case", "USER-AGENT: *\nDISALLOW: /private/\n", false},
    {"trailing-comment", "User-agent: * # all\nDisallow: /private/ # keep out\n", false},
    {"typo-dissallow", "User-agent: *\nDissallow: /private/\n", false},
    {"typo-useragent", "Useragent: *\nDisallow: /private/\n", false},
    {"typo-user-agent-space", "User agent: *\nDisallow: /private/\n", false},
    {"garbage-lines", "\x01\x02\xff\xfe\n:::\n::\nUser-agent: *\n\xc3\x28: x\nDisallow: /private/\n\xff\n", false},
    {"nul-bytes", "User-agent: *\n\0\0\nDisallow: /private/\n\0"s, false},
    {"unicode-lines", "# 机器人协议\nUser-agent: *\n说明: 禁止\nDisallow: /private/\n", false},
    {"unknown-records", "User-agent: *\nHost: example.com\nClean-param: ref\nDisallow: /private/\n", false},
    {"no-colon", "User-agent: *\nDisallow /private/\n", true},
    {"commented-out", "User-agent: *\n# Disallow: /private/\n", true},
    {"comment-as-value", "User-agent: *\nDisallow: # /private/\n", true},
    {"html-soft-404", "<html><body><h1>Not Found</h1></body></html>\n", true},
    {"only-colons", ":\n:\n::::", true},
    {"empty", "", true},
    {"whitespace-only", " \t\r\n\n", true},
    {"other-agent-unicode", "User-agent: 机器人\nDisallow: /\n", true},
};

TEST(RobotsInputTest, MalformedAndOddLines) {
  for (const TextCase& c : kTextCases) {
    const Robots robots = Robots::Parse(c.text, "gleaner");
    EXPECT_EQ(robots.Allowed("/private/x"), c.private_allowed) << c.id;
    EXPECT_TRUE(robots.Allowed("/public")) << c.id;
  }
}

TEST(RobotsInputTest, OnlyTheFirstColonSplitsKeyAndValue) {
  const Robots robots = Robots::Parse("User-agent: *\nDisallow: /a:b\n", "gleaner");
  EXPECT_FALSE(robots.Allowed("/a:b/c"));
  EXPECT_TRUE(robots.Allowed("/a"));
}

// A text whose "Disallow: /late" line has its '\n' at offset `newline_at`,
// followed by more rules up to `total` bytes.
std::string TextWithLateRule(size_t newline_at, size_t total) {
  const std::string head = "User-agent: *\nDisallow: /early\n";
  const std::string rule = "Disallow: /late";
  std::string text = head;
  const size_t filler = newline_at - head.size() - rule.size();
  text += "#" + std::string(filler - 2, 'x') + "\n";
  text += rule;
  text += "\n";
  while (text.size() < total) text += "Disallow: /tail\n";
  return text;
}

TEST(RobotsLimitTest, ParsesOnlyTheFirstMaxBytesAndNoHalfLine) {
  struct {
    const char* id;
    size_t newline_at;
    bool late_parsed;
  } cases[] = {
      {"newline-at-limit-1", kMaxRobotsBytes - 1, true},
      {"newline-at-limit", kMaxRobotsBytes, true},  // the line itself fits
      {"newline-at-limit+1", kMaxRobotsBytes + 1, false},  // its last byte is cut
  };
  for (const auto& c : cases) {
    const std::string text = TextWithLateRule(c.newline_at, kMaxRobotsBytes + 4096);
    const Robots robots = Robots::Parse(text, "gleaner");
    EXPECT_FALSE(robots.Allowed("/early")) << c.id;
    EXPECT_EQ(robots.Allowed("/late"), !c.late_parsed) << c.id;
    EXPECT_TRUE(robots.Allowed("/tail")) << c.id;
  }
}

TEST(RobotsLimitTest, FileOfExactlyMaxBytesIsParsedWhole) {
  std::string text = "User-agent: *\n#";
  const std::string rule = "\nDisallow: /last";
  text += std::string(kMaxRobotsBytes - text.size() - rule.size(), 'x') + rule;
  ASSERT_EQ(text.size(), kMaxRobotsBytes);
  EXPECT_FALSE(Robots::Parse(text, "gleaner").Allowed("/last"));
  EXPECT_TRUE(Robots::Parse(text + "x", "gleaner").Allowed("/last"));  // now cut in half
}

TEST(RobotsLimitTest, TenMegabyteFileKeepsRulesFromTheStart) {
  std::string text = "User-agent: *\nDisallow: /early\nSitemap: http://example.com/s.xml\n";
  text.reserve((10u << 20) + 4096);
  for (int i = 0; text.size() < kMaxRobotsBytes + 4096; ++i) {
    text += "Disallow: /dir" + std::to_string(i) + "/\n";
  }
  std::string block;
  while (block.size() < (64u << 10)) block += "Disallow: /beyond/\n";
  while (text.size() < (10u << 20)) text += block;
  text += "Disallow: /late\nSitemap: http://example.com/late.xml\n";
  const Robots robots = Robots::Parse(text, "gleaner");
  EXPECT_FALSE(robots.Allowed("/early"));
  EXPECT_FALSE(robots.Allowed("/dir100/x"));
  EXPECT_TRUE(robots.Allowed("/late"));
  EXPECT_TRUE(robots.Allowed("/beyond/"));
  EXPECT_TRUE(robots.Allowed("/other"));
  EXPECT_EQ(robots.sitemaps(), std::vector<std::string>{"http://example.com/s.xml"});
}

TEST(RobotsLimitTest, TenMegabytesOfOneLineOrGarbageDoNotCrash) {
  const std::string one_line = "User-agent: *\nDisallow: /x\nDisallow: /" + std::string(10u << 20, 'a');
  EXPECT_FALSE(Robots::Parse(one_line, "gleaner").Allowed("/x"));
  EXPECT_TRUE(Robots::Parse(one_line, "gleaner").Allowed("/aaa"));  // the cut line is dropped

  std::string garbage(10u << 20, '\0');
  uint32_t state = 12345;
  for (char& c : garbage) {
    state = state * 1103515245u + 12345u;
    c = static_cast<char>(state >> 24);
  }
  const Robots robots = Robots::Parse(garbage, "gleaner");
  (void)robots.Allowed("/some/path?q=1");
  (void)robots.crawl_delay_s();
}

TEST(RobotsLimitTest, ManyRulesStillMatchCorrectly) {
  std::string text = "User-agent: *\nAllow: /d123/open\n";
  // ~450 KB: all of it under the cap.
  for (int i = 0; i < 25000; ++i) text += "Disallow: /d" + std::to_string(i) + "/\n";
  ASSERT_LT(text.size(), kMaxRobotsBytes);
  const Robots robots = Robots::Parse(text, "gleaner");
  EXPECT_FALSE(robots.Allowed("/d24999/x"));
  EXPECT_FALSE(robots.Allowed("/d0/"));
  EXPECT_TRUE(robots.Allowed("/d123/open"));
  EXPECT_TRUE(robots.Allowed("/d25000/x"));
  EXPECT_TRUE(robots.Allowed("/e"));
}

// Each of these would take exponential or quadratic time in a backtracking
// or naive matcher; ours is linear, so the test binary stays fast.
TEST(RobotsLimitTest, PathologicalWildcardPatterns) {
  const std::string many_a(100000, 'a');
  const Robots seven = Robots::Parse("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*b\n", "gleaner");
  EXPECT_TRUE(seven.Allowed("/" + many_a));
  EXPECT_FALSE(seven.Allowed("/" + many_a + "b"));

  std::string stars = "User-agent: *\nDisallow: /";
  for (int i = 0; i < 20000; ++i) stars += "*a";
  stars += "*b\n";
  const Robots alternating = Robots::Parse(stars, "gleaner");
  EXPECT_TRUE(alternating.Allowed("/" + many_a));
  EXPECT_FALSE(alternating.Allowed("/" + many_a + "b"));

  const std::string long_run = "User-agent: *\nDisallow: /*" + std::string(5000, 'a') + "b$\n";
  const Robots run = Robots::Parse(long_run, "gleaner");
  EXPECT_TRUE(run.Allowed("/" + many_a));
  EXPECT_FALSE(run.Allowed("/" + many_a + "b"));

  const Robots star_run =
      Robots::Parse("User-agent: *\nDisallow: /" + std::string(100000, '*') + "x$\n", "gleaner");
  EXPECT_TRUE(star_run.Allowed("/" + many_a));
  EXPECT_FALSE(star_run.Allowed("/" + many_a + "x"));
}

enum class Outcome { kParsed, kAllowAll, kDisallowAll };

TEST(RobotsFetchTest, StatusDecidesWhatTheFileMeans) {
  struct {
    long status;
    Outcome want;
  } cases[] = {
      {0, Outcome::kDisallowAll},   {-1, Outcome::kDisallowAll},  {100, Outcome::kDisallowAll},
      {199, Outcome::kDisallowAll}, {200, Outcome::kParsed},      {204, Outcome::kParsed},
      {299, Outcome::kParsed},      {300, Outcome::kAllowAll},    {301, Outcome::kAllowAll},
      {304, Outcome::kParsed},      {399, Outcome::kAllowAll},    {400, Outcome::kAllowAll},
      {401, Outcome::kAllowAll},    {403, Outcome::kAllowAll},    {404, Outcome::kAllowAll},
      {410, Outcome::kAllowAll},    {428, Outcome::kAllowAll},    {429, Outcome::kDisallowAll},
      {430, Outcome::kAllowAll},    {499, Outcome::kAllowAll},    {500, Outcome::kDisallowAll},
      {503, Outcome::kDisallowAll}, {599, Outcome::kDisallowAll}, {600, Outcome::kDisallowAll},
  };
  const char* body = "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n";
  for (const auto& c : cases) {
    const Robots robots = FromFetch(c.status, body, "gleaner");
    const Outcome got = !robots.Allowed("/public")      ? Outcome::kDisallowAll
                        : !robots.Allowed("/private/x") ? Outcome::kParsed
                                                        : Outcome::kAllowAll;
    EXPECT_EQ(got, c.want) << "status " << c.status;
    EXPECT_TRUE(robots.Allowed("/robots.txt")) << "status " << c.status;
    EXPECT_EQ(robots.crawl_delay_s().has_value(), c.want == Outcome::kParsed) << "status " << c.status;
  }
}

// portal-sim's /robots.txt (shared/portal-sim, robots_txt()), in its own
// order and in the order the crawler brief lists it.
std::string PortalSimRobots(bool badbot_first, const char* delay) {
  std::string star = "User-agent: *\n";
  for (int s = 1; s <= 5; ++s) {
    star += "Disallow: /s" + std::to_string(s) + "/print/\n";
    star += "Disallow: /s" + std::to_string(s) + "/admin/\n";
  }
  star += "Crawl-delay: "s + delay + "\n";
  const std::string sitemap = "\nSitemap: http://127.0.0.1:8765/sitemap_index.xml\n";
  const std::string badbot = "User-agent: BadBot\nDisallow: /\n";
  if (badbot_first) return "# portal-sim robots.txt\n" + badbot + "\n" + star + sitemap;
  return star + sitemap + badbot;
}

TEST(RobotsPortalSimTest, OurCrawlerAndBadBot) {
  for (bool badbot_first : {true, false}) {
    const Robots ours = Robots::Parse(PortalSimRobots(badbot_first, "1"), "gleaner/0.1");
    EXPECT_TRUE(ours.Allowed("/")) << badbot_first;
    EXPECT_TRUE(ours.Allowed("/s1/news/"));
    EXPECT_TRUE(ours.Allowed("/s1/print"));  // the rule has a trailing '/'
    EXPECT_TRUE(ours.Allowed("/s3/html/12.htm"));
    EXPECT_FALSE(ours.Allowed("/s1/print/123.html"));
    EXPECT_FALSE(ours.Allowed("/s5/print/9.html?page=2"));
    EXPECT_FALSE(ours.Allowed("/s3/admin/"));
    EXPECT_EQ(ours.crawl_delay_s(), 1.0);
    EXPECT_EQ(ours.sitemaps(), std::vector<std::string>{"http://127.0.0.1:8765/sitemap_index.xml"});

    const Robots bad = Robots::Parse(PortalSimRobots(badbot_first, "1"), "BadBot/2.0");
    EXPECT_FALSE(bad.Allowed("/"));
    EXPECT_FALSE(bad.Allowed("/s1/news/"));
    EXPECT_TRUE(bad.Allowed("/robots.txt"));
    EXPECT_EQ(bad.crawl_delay_s(), std::nullopt);
    EXPECT_EQ(bad.sitemaps().size(), 1u);
  }
  EXPECT_EQ(Robots::Parse(PortalSimRobots(true, "0.1"), "gleaner").crawl_delay_s(), 0.1);
}

}  // namespace
}  // namespace gleaner::robots
