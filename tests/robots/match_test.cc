// Focus: the matcher and normaliser on their own: wildcard edge cases
// (overlapping runs, anchors, empty runs) and the exact normalised forms.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "robots_internal.h"

namespace gleaner::robots::internal {
namespace {

struct GlobCase {
  const char* id;
  const char* pattern;  // already normalised
  const char* path;     // already normalised
  bool matches;
};

const GlobCase kGlobCases[] = {
    {"glob-01", "/", "/", true},
    {"glob-02", "/$", "/", true},
    {"glob-03", "/$", "/a", false},
    {"glob-04", "*", "/x", true},
    {"glob-05", "*$", "/x", true},
    {"glob-06", "/a*", "/a", true},
    {"glob-07", "/a*$", "/a", true},
    {"glob-08", "/a*b$", "/ab", true},
    {"glob-09", "/a*b$", "/abc", false},
    {"glob-10", "/a*b$", "/abcb", true},
    {"glob-11", "/*/b", "/x/y/b", true},
    {"glob-12", "/a*a", "/a", false},       // the second 'a' must come after the first
    {"glob-13", "/ab*ba$", "/aba", false},  // the anchored run may not overlap the head
    {"glob-14", "/ab*ba$", "/abba", true},
    {"glob-15", "/**x", "/x", true},
    {"glob-16", "/a**$", "/abc", true},
    {"glob-17", "/*aab", "/aaab", true},    // KMP restarts inside a partial match
    {"glob-18", "/*abab$", "/abaabab", true},
    {"glob-19", "/*abac*c$", "/ababac", false},
    {"glob-20", "/*abac*c$", "/ababacxc", true},
    {"glob-21", "/longer-than-path", "/long", false},
    {"glob-22", "/x*longer-than-path", "/x", false},
    {"glob-23", "/a*b*c", "/a--c--b", false},
    {"glob-24", "/a*b*c", "/a--b--c", true},
};

TEST(PatternMatchesTest, WildcardAndAnchorEdgeCases) {
  std::vector<uint32_t> scratch;
  for (const GlobCase& c : kGlobCases) {
    EXPECT_EQ(PatternMatches(c.pattern, c.path, scratch), c.matches) << c.id;
  }
}

struct NormalCase {
  const char* id;
  const char* in;
  const char* pattern;  // NormalizePattern(in)
  const char* path;     // NormalizePath(in)
};

const NormalCase kNormalCases[] = {
    {"norm-01", "/a/b?c=d&e", "/a/b?c=d&e", "/a/b?c=d&e"},
    {"norm-02", "/%7e%41%2d", "/~A-", "/~A-"},
    {"norm-03", "/%2f%3a%e3", "/%2F%3A%E3", "/%2F%3A%E3"},
    {"norm-04", "/ツ", "/%E3%83%84", "/%E3%83%84"},
    {"norm-05", "/a b\"<>\\^`{|}\x7f", "/a%20b%22%3C%3E%5C%5E%60%7B%7C%7D%7F",
     "/a%20b%22%3C%3E%5C%5E%60%7B%7C%7D%7F"},
    {"norm-06", "/100%", "/100%25", "/100%25"},
    {"norm-07", "/%zz%4", "/%25zz%254", "/%25zz%254"},
    {"norm-08", "/a*b$", "/a*b$", "/a%2Ab%24"},
    {"norm-09", "/a$b$", "/a%24b$", "/a%24b%24"},
    {"norm-10", "x", "/x", "/x"},
    {"norm-11", "*x", "*x", "/%2Ax"},
    {"norm-12", "/a#frag", "/a#frag", "/a"},  // values never hold '#': comments are cut first
};

TEST(NormalizeTest, PatternAndPathForms) {
  for (const NormalCase& c : kNormalCases) {
    EXPECT_EQ(NormalizePattern(c.in), c.pattern) << c.id;
    EXPECT_EQ(NormalizePath(c.in), c.path) << c.id;
  }
  EXPECT_EQ(NormalizePattern(""), "");
  EXPECT_EQ(NormalizePath(""), "/");
}

TEST(ParseCrawlDelayTest, LargeButFiniteAndTooLarge) {
  EXPECT_EQ(ParseCrawlDelay("86400"), 86400.0);
  EXPECT_EQ(ParseCrawlDelay(std::string(400, '9')), std::nullopt);  // beyond a double
}

}  // namespace
}  // namespace gleaner::robots::internal
