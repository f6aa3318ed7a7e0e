// limits_test: rules files written to hurt - patterns that backtracking
// engines take exponential time on, read from TOML through ParseText and
// Compile and matched against megabyte URLs (RE2 runs them in one linear
// pass), and patterns past RE2's per-pattern memory cap, refused with the
// file and key. The cap's exact boundary (a{1000} / a{1001}) is in
// compiled_test.cc, the file-size cap in load_test.cc.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "gleaner/rules.h"

namespace gleaner::rules {
namespace {

std::shared_ptr<const CompiledRules> ParseAndCompile(const std::string& toml) {
  Result<SiteRules> parsed = ParseText(toml, "hostile.toml");
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  if (!parsed.ok()) return nullptr;
  Result<std::shared_ptr<const CompiledRules>> compiled = CompiledRules::Compile(*parsed);
  EXPECT_TRUE(compiled.ok()) << compiled.error().message;
  return compiled.ok() ? *compiled : nullptr;
}

// Each row: a pattern as written in the file, a megabyte subject and
// whether it matches. A backtracking engine would not finish any of them.
TEST(HostileRulesTest, CatastrophicBacktrackingPatternsFromAFileRunLinear) {
  const std::string xs = "https://a.example/" + std::string(1 << 20, 'x');
  const std::string as = std::string(1 << 20, 'a');
  struct Row {
    const char* id;
    const char* pattern;  // TOML literal string: backslashes reach RE2 as written
    std::string subject;
    bool match;
  } rows[] = {
      {"nested-plus", "(x+x+)+y", xs, false},
      {"nested-plus-hit", "(x+x+)+y", xs + "y", true},
      {"alternation", "^(a|aa)*$", as + "!", false},
      {"alternation-hit", "^(a|aa)*$", as, true},
      {"dot-star-20", "(.*a){20}b", as, false},
      {"word-space", "(\\w+\\s?)+$", as + "!", false},
      {"word-space-hit", "(\\w+\\s?)+$", as, true},
      {"email-like", "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+$", as + "@", false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.id);
    std::shared_ptr<const CompiledRules> rules =
        ParseAndCompile(std::string("[site]\narticle = '") + row.pattern + "'\n");
    ASSERT_NE(rules, nullptr);
    EXPECT_EQ(rules->IsArticle(row.subject), row.match);
  }
}

// Patterns whose compiled program passes kPatternMaxMem, in any of the
// three keys and in a long exclude list: refused, naming file, line and key.
TEST(HostileRulesTest, PatternsPastTheMemoryCapAreRefusedNamingTheKey) {
  struct Row {
    const char* id;
    std::string toml;
    const char* where;
  } rows[] = {
      {"article", "[site]\narticle = '\\pL{1000}'\n", "hostile.toml:2: site.article:"},
      {"follow", "[site]\nfollow = '(\\pL|\\pN){900}'\n", "hostile.toml:2: site.follow:"},
      {"exclude-last", "[site]\nexclude = [\n" + std::string(200, ' ') + "'a', 'b',\n '(\\pN|\\pL){1000}']\n",
       "hostile.toml:4: site.exclude[2]:"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.id);
    Result<SiteRules> parsed = ParseText(row.toml, "hostile.toml");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, Code::kInvalidInput);
    EXPECT_TRUE(parsed.error().message.starts_with(row.where)) << parsed.error().message;
    EXPECT_NE(parsed.error().message.find("more than 4 MB"), std::string::npos) << parsed.error().message;
  }
}

}  // namespace
}  // namespace gleaner::rules
