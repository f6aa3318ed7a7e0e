// extract_fuzz: pipeline::PageProcessor::Process on arbitrary bytes - gunzip,
// the not-HTML sniff, charset, the html pre-scan and Gumbo, extraction -
// then the Article as JSON.
// Input: byte 0 picks the HTTP charset hint and whether site rules (CSS
// selectors) apply; the rest is the page as fetched.
// Checks: every text field of an Article is valid UTF-8 (it goes out as
// JSON); an error is kNotHtml, kTooLarge or kInvalidInput, nothing else.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "gleaner/article.h"
#include "gleaner/charset.h"
#include "gleaner/pipeline.h"

namespace {

using gleaner::Article;

constexpr std::string_view kCharsets[] = {"", "utf-8", "gbk", "big5", "iso-8859-1", "shift_jis",
                                          "utf-16le", "gb2312"};

const gleaner::extract::ExtractRules& SiteRules() {
  static const auto* rules = [] {
    auto* r = new gleaner::extract::ExtractRules();
    r->title = "h1.title, .headline";
    r->date = ".info .time";
    r->body = "div.content, article";
    r->source = ".info .source";
    r->related = ".newslist a";
    r->drop = {".share", ".ad", "div > .comment:nth-child(2n+1)"};
    r->timezone = "+08:00";
    return r;
  }();
  return *rules;
}

void CheckUtf8(const Article& a) {
  using gleaner::charset::IsValidUtf8;
  for (const std::string* s : {&a.url, &a.canonical_url, &a.title, &a.published, &a.modified,
                               &a.published_raw, &a.editor, &a.source, &a.body, &a.lang}) {
    FUZZ_CHECK(IsValidUtf8(*s));
  }
  for (const std::string& s : a.authors) FUZZ_CHECK(IsValidUtf8(s));
  for (const std::string& s : a.tags) FUZZ_CHECK(IsValidUtf8(s));
  for (const auto& image : a.images) FUZZ_CHECK(IsValidUtf8(image.url) && IsValidUtf8(image.caption));
  for (const auto& link : a.related) FUZZ_CHECK(IsValidUtf8(link.url) && IsValidUtf8(link.title));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gleaner;
  static pipeline::PageProcessor* processor = new pipeline::PageProcessor();
  std::string_view input = fuzz::AsView(data, size);
  const uint8_t mode = fuzz::TakeByte(&input);

  pipeline::Page page;
  page.bytes = input;
  page.input = "fuzz.html";
  page.url = "http://news.example.com.cn/a/2025/0314/123.shtml";
  page.http_charset = std::string(kCharsets[mode % 8]);
  page.fetched_at = std::chrono::system_clock::time_point(std::chrono::seconds(1741912560));
  if (mode & 0x08) page.rules = &SiteRules();
  extract::Explanation explain;
  extract::PageLinks links;
  if (mode & 0x10) page.explain = &explain;
  page.links = &links;

  Result<Article> article = processor->Process(page);
  if (!article.ok()) {
    const Code code = article.error().code;
    FUZZ_CHECK(code == Code::kNotHtml || code == Code::kTooLarge || code == Code::kInvalidInput);
    return 0;
  }
  CheckUtf8(*article);
  for (const std::string& link : links.links) FUZZ_CHECK(charset::IsValidUtf8(link));
  const std::string json = ArticleToJson(*article);
  FUZZ_CHECK(!json.empty());
  return 0;
}
