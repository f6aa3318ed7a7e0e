// rules_fuzz: rules::ParseText on arbitrary TOML, then CompiledRules::Compile
// and matching the site's own URLs and fixed ones against its patterns.
// Input: the whole input is the rules file's text.
// Checks: a parse error is kInvalidInput naming the file; rules that parse
// also compile (ParseText checks the patterns Compile uses).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "gleaner/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gleaner;
  Result<rules::SiteRules> parsed = rules::ParseText(fuzz::AsView(data, size), "fuzz.toml");
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.error().code == Code::kInvalidInput);
    FUZZ_CHECK(parsed.error().message.find("fuzz.toml") != std::string::npos);
    return 0;
  }
  Result<std::shared_ptr<const rules::CompiledRules>> compiled = rules::CompiledRules::Compile(*parsed);
  FUZZ_CHECK(compiled.ok());
  const rules::CompiledRules& c = **compiled;
  auto match = [&c](std::string_view u) {
    (void)c.IsExcluded(u);
    (void)c.IsArticle(u);
    (void)c.ShouldFollow(u);
  };
  for (const std::string& u : parsed->start) match(u);
  for (const std::string& u : parsed->sitemaps) match(u);
  for (std::string_view u : {"https://news.example.cn/news/2025/123.html", "http://a/?sid=1",
                             "https://news.example.cn/list/", ""}) {
    match(u);
  }
  (void)c.has_article_pattern();
  return 0;
}
