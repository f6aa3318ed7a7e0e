// compiled_test: the URL patterns as the crawler uses them. Patterns are
// searched anywhere in the URL, case-sensitively; empty ones let everything
// through; bad or oversized ones are refused; no pattern can make matching
// slower than linear in the URL.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gleaner/rules.h"

namespace gleaner::rules {
namespace {

std::shared_ptr<const CompiledRules> MustCompile(const SiteRules& rules) {
  Result<std::shared_ptr<const CompiledRules>> compiled = CompiledRules::Compile(rules);
  EXPECT_TRUE(compiled.ok()) << compiled.error().message;
  return compiled.ok() ? *compiled : nullptr;
}

SiteRules PortalRules() {
  SiteRules rules;
  rules.name = "portal";
  rules.article = R"(/news/\d+\.html$)";
  rules.follow = "/(news|list)/";
  rules.exclude = {R"(\?sid=)", "/calendar/"};
  return rules;
}

TEST(CompiledRulesTest, MatchingTable) {
  struct Row { const char* id; const char* url; bool article; bool follow; bool excluded; };
  const Row rows[] = {
      {"m-1", "https://news.example.cn/news/123.html", true, true, false},
      {"m-2", "https://news.example.cn/news/123.html?sid=9", false, true, true},
      {"m-3", "https://news.example.cn/list/2.html", false, true, false},
      {"m-4", "https://news.example.cn/calendar/2025.html", false, false, true},
      {"m-5", "https://news.example.cn/NEWS/123.html", false, false, false},  // case-sensitive
      {"m-6", "https://news.example.cn/news/abc.html", false, true, false},
      {"m-7", "https://news.example.cn/news/123.html#top", false, true, false},  // $ is the URL's end
      {"m-8", "https://other.example/x/news/7.html", true, true, false},         // anywhere in the URL
      {"m-9", "", false, false, false},
  };
  std::shared_ptr<const CompiledRules> compiled = MustCompile(PortalRules());
  ASSERT_NE(compiled, nullptr);
  EXPECT_TRUE(compiled->has_article_pattern());
  for (const Row& row : rows) {
    EXPECT_EQ(compiled->IsArticle(row.url), row.article) << row.id;
    EXPECT_EQ(compiled->ShouldFollow(row.url), row.follow) << row.id;
    EXPECT_EQ(compiled->IsExcluded(row.url), row.excluded) << row.id;
  }
}

TEST(CompiledRulesTest, EmptyPatternsLetEveryUrlThrough) {
  SiteRules rules;
  std::shared_ptr<const CompiledRules> compiled = MustCompile(rules);
  ASSERT_NE(compiled, nullptr);
  EXPECT_FALSE(compiled->has_article_pattern());
  EXPECT_TRUE(compiled->IsArticle("https://a.example/anything"));
  EXPECT_TRUE(compiled->ShouldFollow("https://a.example/anything"));
  EXPECT_FALSE(compiled->IsExcluded("https://a.example/anything"));
}

TEST(CompiledRulesTest, CaseInsensitiveOnlyWhenAsked) {
  SiteRules rules;
  rules.exclude = {R"((?i)\.pdf$)"};
  std::shared_ptr<const CompiledRules> compiled = MustCompile(rules);
  ASSERT_NE(compiled, nullptr);
  EXPECT_TRUE(compiled->IsExcluded("https://a.example/report.PDF"));
  EXPECT_TRUE(compiled->IsExcluded("https://a.example/report.pdf"));
  EXPECT_FALSE(compiled->IsExcluded("https://a.example/report.pdf.html"));
}

TEST(CompiledRulesTest, RulesBuiltInCodeWithABadPatternFailNamingFileAndKey) {
  SiteRules rules = PortalRules();
  rules.file = "selectors/portal.toml";
  rules.exclude.push_back("(unclosed");
  Result<std::shared_ptr<const CompiledRules>> compiled = CompiledRules::Compile(rules);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.error().code, Code::kInvalidInput);
  EXPECT_EQ(compiled.error().message,
            "selectors/portal.toml: site.exclude[2]: not a valid RE2 pattern: missing ): (unclosed");
  rules.file.clear();
  rules.exclude.pop_back();
  rules.follow = "a**";
  compiled = CompiledRules::Compile(rules);
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.error().message,
            "rules for 'portal': site.follow: not a valid RE2 pattern: bad repetition operator: **");
}

// RE2 bounds what a pattern may cost at compile time: nested counted
// repetitions are refused outright, and a program past kPatternMaxMem is
// refused rather than allowed to grow.
TEST(CompiledRulesTest, PatternMemoryIsBounded) {
  struct Row { const char* id; const char* pattern; bool ok; };
  const Row rows[] = {
      {"mem-1", "(((a{100}){100}){100})", false},
      {"mem-2", "a{1000}", true},
      {"mem-3", "a{1001}", false},
      {"mem-4", R"(\pL{100})", true},
      {"mem-5", R"(\pL{1000})", false},
      {"mem-6", R"(([a-z]{50}){20})", true},
  };
  for (const Row& row : rows) {
    SiteRules rules;
    rules.article = row.pattern;
    Result<std::shared_ptr<const CompiledRules>> compiled = CompiledRules::Compile(rules);
    EXPECT_EQ(compiled.ok(), row.ok) << row.id << (compiled.ok() ? "" : ": " + compiled.error().message);
  }
}

// Patterns that take exponential time in backtracking engines run in one
// linear pass in RE2: this finishes at once instead of never.
TEST(CompiledRulesTest, PathologicalPatternsRunLinear) {
  SiteRules rules;
  rules.article = "(x+x+)+y";
  rules.follow = "^(a|aa)*$";
  rules.exclude = {"(.*a){20}b"};
  std::shared_ptr<const CompiledRules> compiled = MustCompile(rules);
  ASSERT_NE(compiled, nullptr);
  std::string xs = "https://a.example/" + std::string(1 << 20, 'x');
  std::string as = std::string(1 << 20, 'a') + "!";
  EXPECT_FALSE(compiled->IsArticle(xs));
  EXPECT_FALSE(compiled->ShouldFollow(as));
  EXPECT_FALSE(compiled->IsExcluded(as));
  EXPECT_TRUE(compiled->IsArticle(xs + "y"));
}

TEST(CompiledRulesTest, OneCompiledRulesServesManyThreads) {
  // The crawler's workers share one CompiledRules; RE2 matching is const.
  std::shared_ptr<const CompiledRules> compiled = MustCompile(PortalRules());
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->rules().name, "portal");
  std::atomic<int> wrong{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&compiled, &wrong, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string url = "https://a.example/news/" + std::to_string(i * 4 + t) + ".html";
        if (!compiled->IsArticle(url) || compiled->IsExcluded(url)) ++wrong;
        if (compiled->IsArticle(url + "?sid=1") || !compiled->IsExcluded(url + "?sid=1")) ++wrong;
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace gleaner::rules
