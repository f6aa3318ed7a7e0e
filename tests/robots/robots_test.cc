// Focus: which URLs a robots.txt lets us fetch: RFC 9309's and Google's
// documented examples, group selection and merging, agent matching, longest
// match, '*' and '$', percent-encoding, Crawl-delay and Sitemap lines.
#include "gleaner/robots.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace gleaner::robots {
namespace {

struct AllowCase {
  const char* id;
  const char* agent;
  const char* path;
  bool allowed;
};

void ExpectTable(const char* robots_txt, const std::vector<AllowCase>& cases) {
  for (const AllowCase& c : cases) {
    const Robots robots = Robots::Parse(robots_txt, c.agent);
    EXPECT_EQ(robots.Allowed(c.path), c.allowed) << c.id << ": agent " << c.agent << " path " << c.path;
  }
}

// RFC 9309 section 5.1.
constexpr const char* kRfcSimpleExample =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n";

TEST(RobotsRfcTest, SimpleExampleSection51) {
  ExpectTable(kRfcSimpleExample,
              {
                  {"rfc51-01", "foobot", "/example/page.html", true},
                  {"rfc51-02", "foobot", "/example/allowed.gif", true},
                  {"rfc51-03", "foobot", "/example/other.html", false},
                  {"rfc51-04", "foobot", "/", false},
                  {"rfc51-05", "barbot", "/example/page.html", false},
                  {"rfc51-06", "barbot", "/example/other.html", true},
                  {"rfc51-07", "barbot", "/image.gif", true},
                  {"rfc51-08", "bazbot", "/example/page.html", false},
                  {"rfc51-09", "bazbot", "/publications/x", true},
                  {"rfc51-10", "quxbot", "/example/page.html", true},  // own, empty group
                  {"rfc51-11", "quxbot", "/image.gif", true},
                  {"rfc51-12", "otherbot", "/image.gif", false},  // falls back to `*`
                  {"rfc51-13", "otherbot", "/a/b/image.gif", false},
                  {"rfc51-14", "otherbot", "/image.gif?x", true},  // '$' anchors the end
                  {"rfc51-15", "otherbot", "/example/", false},
                  {"rfc51-16", "otherbot", "/publications/a.gif", true},  // longer allow
                  {"rfc51-17", "otherbot", "/public", true},
              });
}

TEST(RobotsRfcTest, LongestMatchSection52) {
  ExpectTable(
      "User-Agent: foobot\n"
      "Allow: /example/page/\n"
      "Disallow: /example/page/disallowed.gif\n",
      {
          {"rfc52-01", "foobot", "/example/page/", true},
          {"rfc52-02", "foobot", "/example/page/ok.gif", true},
          {"rfc52-03", "foobot", "/example/page/disallowed.gif", false},
          {"rfc52-04", "foobot", "/example/", true},
      });
}

struct MatchCase {
  const char* id;
  const char* pattern;
  const char* path;
  bool matches;
};

// Google Search Central, "How Google interprets the robots.txt
// specification", URL matching based on path values.
const MatchCase kGoogleMatchCases[] = {
    {"g-root-01", "/", "/", true},
    {"g-root-02", "/", "/any/page.html", true},
    {"g-star-01", "/*", "/", true},
    {"g-star-02", "/*", "/any/page.html", true},
    {"g-end-01", "/$", "/", true},
    {"g-end-02", "/$", "/page.htm", false},
    {"g-end-03", "/$", "/?q=1", false},
    {"g-fish-01", "/fish", "/fish", true},
    {"g-fish-02", "/fish", "/fish.html", true},
    {"g-fish-03", "/fish", "/fish/salmon.html", true},
    {"g-fish-04", "/fish", "/fishheads", true},
    {"g-fish-05", "/fish", "/fishheads/yummy.html", true},
    {"g-fish-06", "/fish", "/fish.php?id=anything", true},
    {"g-fish-07", "/fish", "/Fish.asp", false},
    {"g-fish-08", "/fish", "/catfish", false},
    {"g-fish-09", "/fish", "/?id=fish", false},
    {"g-fish-10", "/fish", "/desert/fish", false},
    {"g-fishstar-01", "/fish*", "/fish", true},
    {"g-fishstar-02", "/fish*", "/fishheads/yummy.html", true},
    {"g-fishstar-03", "/fish*", "/Fish.asp", false},
    {"g-fishstar-04", "/fish*", "/catfish", false},
    {"g-fishdir-01", "/fish/", "/fish/", true},
    {"g-fishdir-02", "/fish/", "/fish/?id=anything", true},
    {"g-fishdir-03", "/fish/", "/fish/salmon.htm", true},
    {"g-fishdir-04", "/fish/", "/fish", false},
    {"g-fishdir-05", "/fish/", "/fish.html", false},
    {"g-fishdir-06", "/fish/", "/animals/fish/", false},
    {"g-fishdir-07", "/fish/", "/Fish/Salmon.asp", false},
    {"g-php-01", "/*.php", "/index.php", true},
    {"g-php-02", "/*.php", "/filename.php", true},
    {"g-php-03", "/*.php", "/folder/filename.php", true},
    {"g-php-04", "/*.php", "/folder/filename.php?parameters", true},
    {"g-php-05", "/*.php", "/folder/any.php.file.html", true},
    {"g-php-06", "/*.php", "/filename.php/", true},
    {"g-php-07", "/*.php", "/", false},
    {"g-php-08", "/*.php", "/windows.PHP", false},
    {"g-phpend-01", "/*.php$", "/filename.php", true},
    {"g-phpend-02", "/*.php$", "/folder/filename.php", true},
    {"g-phpend-03", "/*.php$", "/filename.php?parameters", false},
    {"g-phpend-04", "/*.php$", "/filename.php/", false},
    {"g-phpend-05", "/*.php$", "/filename.php5", false},
    {"g-phpend-06", "/*.php$", "/windows.PHP", false},
    {"g-fishphp-01", "/fish*.php", "/fish.php", true},
    {"g-fishphp-02", "/fish*.php", "/fishheads/catfish.php?parameters", true},
    {"g-fishphp-03", "/fish*.php", "/Fish.PHP", false},
    // Query strings are part of what is matched.
    {"query-01", "/*?sid=", "/a/b?sid=1", true},
    {"query-02", "/*?sid=", "/a/b?x=1", false},
    {"query-03", "/search?", "/search?q=1", true},
    {"query-04", "/search?", "/search", false},
    {"query-05", "/a$", "/a?x=1", false},
    {"query-06", "/*sid=", "/a?x=1&sid=2", true},
    // A value without a leading '/' still means a path from the root.
    {"slash-01", "private/", "/private/x", true},
    {"slash-02", "private/", "/a/private/x", false},
    {"slash-03", "*.gif$", "/a.gif", true},
};

TEST(RobotsMatchTest, GoogleDocumentedPathMatching) {
  for (const MatchCase& c : kGoogleMatchCases) {
    const std::string robots_txt = std::string("User-agent: *\nDisallow: ") + c.pattern + "\n";
    const Robots robots = Robots::Parse(robots_txt, "gleaner");
    EXPECT_EQ(robots.Allowed(c.path), !c.matches) << c.id << ": " << c.pattern << " vs " << c.path;
  }
}

struct PrecedenceCase {
  const char* id;
  const char* rules;
  const char* path;
  bool allowed;
};

// Google's order-of-precedence table, plus ties and lengths around it.
const PrecedenceCase kPrecedenceCases[] = {
    {"g-prec-01", "Allow: /p\nDisallow: /\n", "/page", true},
    {"g-prec-02", "Allow: /folder\nDisallow: /folder\n", "/folder/page", true},
    {"g-prec-03", "Allow: /page\nDisallow: /*.htm\n", "/page.htm", false},
    {"g-prec-04", "Allow: /page\nDisallow: /*.ph\n", "/page.php5", true},
    {"g-prec-05", "Allow: /$\nDisallow: /\n", "/", true},
    {"g-prec-06", "Allow: /$\nDisallow: /\n", "/page.htm", false},
    {"order-01", "Disallow: /\nAllow: /p\n", "/page", true},  // order does not matter
    {"order-02", "Disallow: /folder\nAllow: /folder\n", "/folder/page", true},
    {"len-01", "Allow: /a\nDisallow: /ab\n", "/abc", false},
    {"len-02", "Allow: /abc\nDisallow: /ab\n", "/abc", true},
    {"len-03", "Allow: /ab*\nDisallow: /abc\n", "/abc", true},    // equal length: allow
    {"len-04", "Allow: /page\nDisallow: /page$\n", "/page", false},  // '$' counts
    {"len-05", "Allow: /page\nDisallow: /page$\n", "/pages", true},
    {"empty-01", "Disallow:\n", "/anything", true},
    {"empty-02", "Disallow: \nDisallow: /x\n", "/x", false},
    {"empty-03", "Allow:\nDisallow: /\n", "/x", false},
    {"index-01", "Disallow: /dir/\nAllow: /dir/index.html\n", "/dir/", true},
    {"index-02", "Disallow: /dir/\nAllow: /dir/index.html\n", "/dir/index.html", true},
    {"index-03", "Disallow: /dir/\nAllow: /dir/index.htm\n", "/dir/", true},
    {"index-04", "Disallow: /dir/\nAllow: /dir/index.html\n", "/dir/other.html", false},
    {"index-05", "Disallow: /dir/\nAllow: /dir/index.html\n", "/dir/?page=2", false},
};

TEST(RobotsMatchTest, LongestMatchWinsAndAllowWinsTies) {
  for (const PrecedenceCase& c : kPrecedenceCases) {
    const std::string robots_txt = std::string("User-agent: *\n") + c.rules;
    EXPECT_EQ(Robots::Parse(robots_txt, "gleaner").Allowed(c.path), c.allowed) << c.id;
  }
}

// RFC 9309 2.2.2 and 2.2.3, and what curl sends for the paths.
const MatchCase kPercentCases[] = {
    {"pct-01", "/foo/bar/ツ", "/foo/bar/%E3%83%84", true},
    {"pct-02", "/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84", true},
    {"pct-03", "/foo/bar/%62%61%7A", "/foo/bar/baz", true},
    {"pct-04", "/foo/bar/baz", "/foo/bar/%62%61%7A", true},
    {"pct-05", "/a%e3%83%84", "/a%E3%83%84", true},
    {"pct-06", "/foo/bar/%E3%83%84", "/foo/bar/ツ", true},
    {"pct-07", "/a%2Fb", "/a/b", false},  // an encoded '/' is not a separator
    {"pct-08", "/a%2fb", "/a%2Fb", true},
    {"pct-09", "/path/file-with-a-%2A.html", "/path/file-with-a-*.html", true},
    {"pct-10", "/path/file-with-a-%2A.html", "/path/file-with-a-x.html", false},
    {"pct-11", "/path/foo-%24", "/path/foo-$", true},
    {"pct-12", "/a b", "/a%20b", true},
    {"pct-13", "/~user", "/%7Euser", true},
    {"pct-14", "/%7euser", "/~user", true},
    {"pct-15", "/新闻/", "/%E6%96%B0%E9%97%BB/2025.html", true},
    {"pct-16", "/%e6%96%b0", "/新", true},
    {"pct-17", "/100%", "/100%25", true},
    {"pct-18", "/a$b", "/a$bc", true},  // '$' before the end is literal
    {"pct-19", "/a$b", "/a", false},
    {"pct-20", "/新闻/", "/%E6%96%B0/", false},
};

TEST(RobotsMatchTest, PercentEncodingNormalisedOnBothSides) {
  for (const MatchCase& c : kPercentCases) {
    const std::string robots_txt = std::string("User-agent: *\nDisallow: ") + c.pattern + "\n";
    const Robots robots = Robots::Parse(robots_txt, "gleaner");
    EXPECT_EQ(robots.Allowed(c.path), !c.matches) << c.id << ": " << c.pattern << " vs " << c.path;
  }
}

struct AgentCase {
  const char* id;
  const char* line_value;  // after "User-agent:"
  const char* our_agent;
  bool names_us;
};

const AgentCase kAgentCases[] = {
    {"ua-01", "gleaner", "gleaner", true},
    {"ua-02", "Gleaner", "gleaner", true},
    {"ua-03", "GLEANER/1.0", "gleaner", true},
    {"ua-04", "gleaner (+http://example.com/bot)", "gleaner", true},
    {"ua-05", "  gleaner  ", "gleaner", true},
    {"ua-06", "gleaner", "Gleaner/0.1 (+http://example.com/bot)", true},
    {"ua-07", "gleanerbot", "gleaner", false},
    {"ua-08", "gleaner-news", "gleaner", false},
    {"ua-09", "glean", "gleaner", false},
    {"ua-10", "", "gleaner", false},
    {"ua-11", "*gleaner", "gleaner", false},
    {"ua-12", "Googlebot", "gleaner", false},
    {"ua-13", "gleaner # us", "gleaner", true},
    {"ua-14", "gleaner", "", false},
};

TEST(RobotsAgentTest, ProductTokenMatchedCaseInsensitively) {
  for (const AgentCase& c : kAgentCases) {
    const std::string robots_txt = std::string("User-agent: ") + c.line_value + "\nDisallow: /\n";
    EXPECT_EQ(Robots::Parse(robots_txt, c.our_agent).Allowed("/page"), !c.names_us) << c.id;
  }
}

TEST(RobotsAgentTest, StarGroupAppliesOnlyWithoutOwnGroup) {
  ExpectTable(
      "User-agent: *\nDisallow: /all/\n\nUser-agent: gleaner\nDisallow: /ours/\n",
      {
          {"star-01", "gleaner", "/all/x", true},
          {"star-02", "gleaner", "/ours/x", false},
          {"star-03", "other", "/all/x", false},
          {"star-04", "other", "/ours/x", true},
      });
  // Google: "* anything" is still the `*` group.
  EXPECT_FALSE(Robots::Parse("User-agent: * # all\nDisallow: /x\n", "gleaner").Allowed("/x"));
  EXPECT_FALSE(Robots::Parse("User-agent: * everyone\nDisallow: /x\n", "gleaner").Allowed("/x"));
}

TEST(RobotsGroupTest, NoGroupForUsOrStarAllowsAll) {
  EXPECT_TRUE(Robots::Parse("User-agent: other\nDisallow: /\n", "gleaner").Allowed("/x"));
  EXPECT_TRUE(Robots::Parse("", "gleaner").Allowed("/x"));
  EXPECT_TRUE(Robots().Allowed("/x"));
}

TEST(RobotsGroupTest, RulesBeforeAnyUserAgentAreIgnored) {
  EXPECT_TRUE(Robots::Parse("Disallow: /\nUser-agent: *\nDisallow: /x\n", "gleaner").Allowed("/a"));
}

TEST(RobotsGroupTest, ConsecutiveUserAgentLinesShareOneGroup) {
  const char* text = "User-agent: a\nUser-agent: gleaner\n\nUser-agent: b\nDisallow: /x\n";
  EXPECT_FALSE(Robots::Parse(text, "gleaner").Allowed("/x"));
  EXPECT_FALSE(Robots::Parse(text, "a").Allowed("/x"));
  EXPECT_FALSE(Robots::Parse(text, "b").Allowed("/x"));
}

TEST(RobotsGroupTest, GroupsNamingUsAreMerged) {
  ExpectTable(
      "User-agent: gleaner\nDisallow: /a\n\n"
      "User-agent: other\nDisallow: /b\n\n"
      "User-agent: Gleaner/2\nDisallow: /c\nAllow: /a/open\n",
      {
          {"merge-01", "gleaner", "/a", false},
          {"merge-02", "gleaner", "/b", true},
          {"merge-03", "gleaner", "/c", false},
          {"merge-04", "gleaner", "/a/open", true},  // longest match across groups
      });
  ExpectTable("User-agent: *\nDisallow: /a\nUser-agent: x\nDisallow: /b\nUser-agent: *\nDisallow: /c\n",
              {
                  {"merge-star-01", "gleaner", "/a", false},
                  {"merge-star-02", "gleaner", "/b", true},
                  {"merge-star-03", "gleaner", "/c", false},
              });
}

TEST(RobotsGroupTest, EmptyOwnGroupWinsOverStar) {
  EXPECT_TRUE(Robots::Parse("User-agent: *\nDisallow: /\n\nUser-agent: gleaner\n", "gleaner").Allowed("/x"));
  // An empty Disallow closes the user-agent run, so `*` is a new group.
  EXPECT_TRUE(Robots::Parse("User-agent: gleaner\nDisallow:\nUser-agent: *\nDisallow: /\n", "gleaner")
                  .Allowed("/x"));
}

TEST(RobotsGroupTest, WhatClosesTheUserAgentRun) {
  // Blank lines do not (RFC 9309 grammar): gleaner shares the `*` group.
  EXPECT_FALSE(Robots::Parse("User-agent: gleaner\n\nUser-agent: *\nDisallow: /\n", "gleaner").Allowed("/x"));
  // Crawl-delay does: a group may hold only a delay.
  const Robots delay_only =
      Robots::Parse("User-agent: *\nCrawl-delay: 5\nUser-agent: BadBot\nDisallow: /\n", "gleaner");
  EXPECT_TRUE(delay_only.Allowed("/x"));
  EXPECT_EQ(delay_only.crawl_delay_s(), 5.0);
  // Sitemap and unknown records do not.
  EXPECT_FALSE(Robots::Parse("User-agent: gleaner\nSitemap: http://x/s.xml\nUser-agent: o\nDisallow: /p\n",
                             "gleaner")
                   .Allowed("/p"));
  EXPECT_FALSE(
      Robots::Parse("User-agent: gleaner\nHost: x.com\nUser-agent: o\nDisallow: /p\n", "gleaner").Allowed("/p"));
}

TEST(RobotsTest, RobotsTxtItselfIsAlwaysAllowed) {
  const Robots robots = Robots::Parse("User-agent: *\nDisallow: /\n", "gleaner");
  EXPECT_TRUE(robots.Allowed("/robots.txt"));
  EXPECT_TRUE(robots.Allowed("/robots.txt?x=1"));
  EXPECT_FALSE(robots.Allowed("/robots.txt.bak"));
  EXPECT_FALSE(robots.Allowed("/"));
  EXPECT_TRUE(Robots::DisallowAll().Allowed("/robots.txt"));
  EXPECT_FALSE(Robots::DisallowAll().Allowed("/"));
}

TEST(RobotsTest, PathFormsOutsideTheUsualShape) {
  const Robots robots = Robots::Parse("User-agent: *\nDisallow: /$\nDisallow: /a$\n", "gleaner");
  EXPECT_FALSE(robots.Allowed(""));        // the empty path is "/"
  EXPECT_FALSE(robots.Allowed("/a#top"));  // a fragment is never sent
  EXPECT_FALSE(robots.Allowed("a"));       // a missing leading '/' is added
  EXPECT_TRUE(robots.Allowed("/ab"));
}

struct DelayCase {
  const char* id;
  const char* value;
  std::optional<double> want;
};

const DelayCase kDelayCases[] = {
    {"cd-01", "1", 1.0},      {"cd-02", "0.5", 0.5},          {"cd-03", "10.", 10.0},
    {"cd-04", ".5", 0.5},     {"cd-05", "0", 0.0},            {"cd-06", "  2  ", 2.0},
    {"cd-07", "120", 120.0},  // kept uncapped: the crawler caps
    {"cd-08", "abc", std::nullopt},  {"cd-09", "-1", std::nullopt},   {"cd-10", "+1", std::nullopt},
    {"cd-11", "1e3", std::nullopt},  {"cd-12", "1,5", std::nullopt},  {"cd-13", "inf", std::nullopt},
    {"cd-14", "nan", std::nullopt},  {"cd-15", "", std::nullopt},     {"cd-16", "1.2.3", std::nullopt},
    {"cd-17", "1 s", std::nullopt},  {"cd-18", "0x10", std::nullopt}, {"cd-19", ".", std::nullopt},
};

TEST(RobotsCrawlDelayTest, ParsesDecimalNumbersOnly) {
  for (const DelayCase& c : kDelayCases) {
    const std::string robots_txt = std::string("User-agent: *\nCrawl-delay: ") + c.value + "\n";
    EXPECT_EQ(Robots::Parse(robots_txt, "gleaner").crawl_delay_s(), c.want) << c.id;
  }
}

TEST(RobotsCrawlDelayTest, ComesFromTheGroupThatApplies) {
  EXPECT_EQ(Robots::Parse("User-agent: BadBot\nCrawl-delay: 30\n", "gleaner").crawl_delay_s(), std::nullopt);
  EXPECT_EQ(Robots::Parse("User-agent: *\nCrawl-delay: 3\nUser-agent: gleaner\nCrawl-delay: 7\n", "gleaner")
                .crawl_delay_s(),
            7.0);
  // Our own group without a delay: the `*` delay does not leak in.
  EXPECT_EQ(Robots::Parse("User-agent: *\nCrawl-delay: 3\nUser-agent: gleaner\nDisallow: /x\n", "gleaner")
                .crawl_delay_s(),
            std::nullopt);
  // Merged groups: the largest delay.
  EXPECT_EQ(Robots::Parse("User-agent: gleaner\nCrawl-delay: 2\nUser-agent: gleaner\nCrawl-delay: 9\n"
                          "User-agent: gleaner\nCrawl-delay: 4\n",
                          "gleaner")
                .crawl_delay_s(),
            9.0);
  EXPECT_EQ(Robots::Parse("Crawl-delay: 4\n", "gleaner").crawl_delay_s(), std::nullopt);
  EXPECT_EQ(Robots::Parse("User-agent: *\nCRAWL-DELAY : 4 # slow\n", "gleaner").crawl_delay_s(), 4.0);
}

TEST(RobotsSitemapTest, CollectedFromAnywhereAbsoluteOnceEach) {
  const Robots robots = Robots::Parse(
      "Sitemap: http://example.com/before.xml\n"
      "User-agent: other\nDisallow: /\n"
      "SITEMAP: https://example.com/in-other-group.xml # comment\n"
      "Site-map: http://example.com/typo.xml\n"
      "Sitemap: /relative.xml\n"
      "Sitemap: https://\n"
      "Sitemap: ftp://example.com/s.xml\n"
      "Sitemap: http://example.com/before.xml\n"
      "Sitemap:\n"
      "User-agent: gleaner\nAllow: /\nSitemap:http://example.com/last.xml",
      "gleaner");
  EXPECT_EQ(robots.sitemaps(), (std::vector<std::string>{
                                   "http://example.com/before.xml",
                                   "https://example.com/in-other-group.xml",
                                   "http://example.com/typo.xml",
                                   "http://example.com/last.xml",
                               }));
  EXPECT_TRUE(Robots::DisallowAll().sitemaps().empty());
}

}  // namespace
}  // namespace gleaner::robots
