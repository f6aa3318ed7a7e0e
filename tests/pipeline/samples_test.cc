// samples_test: every page under samples/ through PageProcessor, compared
// field by field with its hand-written .expected.json (see samples/README.md),
// and the pipeline on hostile input: empty, random and binary bytes, a 20 MB
// page, 100 000 nested elements, gzip (whole, capped and damaged), truncated
// GBK.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "e2e/article_compare.h"
#include "e2e/sample_set.h"
#include "gleaner/article.h"
#include "gleaner/pipeline.h"
#include "support/test_util.h"

namespace gleaner::pipeline {
namespace {

using gleaner::testing::LoadSample;
using gleaner::testing::SampleFiles;
using gleaner::testing::SampleNames;

// Runs a sample as the crawler would see it: its bytes, its address and the
// charset its server sends.
Result<Article> ProcessSample(PageProcessor& processor, const SampleFiles& sample,
                              std::string_view bytes) {
  Page page;
  page.bytes = bytes;
  page.input = "samples/" + sample.name + ".html";
  page.url = sample.url;
  page.http_charset = sample.http_charset;
  return processor.Process(page);
}

Article ExpectedArticle(const SampleFiles& sample) {
  Result<Article> expected = ArticleFromJson(sample.expected_json);
  if (!expected.ok()) {
    ADD_FAILURE() << sample.name << ".expected.json: " << expected.error().message;
    return {};
  }
  return *expected;
}

// ---- samples --------------------------------------------------------------

class SampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SampleTest, ExtractsEveryExpectedField) {
  SampleFiles sample = LoadSample(GetParam());
  ASSERT_FALSE(sample.bytes.empty());
  ASSERT_FALSE(sample.url.empty()) << sample.name << ".serve.json has no url";
  Article expected = ExpectedArticle(sample);
  PageProcessor processor;
  Result<Article> actual = ProcessSample(processor, sample, sample.bytes);
  ASSERT_TRUE(actual.ok()) << sample.name << ": " << CodeName(actual.error().code) << ": "
                           << actual.error().message;
  SCOPED_TRACE("sample " + sample.name + " (url " + sample.url + ", http charset '" +
               sample.http_charset + "')");
  gleaner::testing::ExpectSameArticle(expected, *actual);
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleTest, ::testing::ValuesIn(SampleNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return gleaner::testing::TestNameFor(info.param);
                         });

TEST(SampleSetTest, HasTheRequiredSamples) {
  std::vector<std::string> names = SampleNames();
  EXPECT_GE(names.size(), 20u) << "samples/ lost pages; see samples/README.md";
  for (const char* required :
       {"zh-portal-oneline-utf8", "zh-gb2312-lie", "zh-gb18030-rare-chars", "zh-hk-big5",
        "zh-undeclared-gbk", "zh-conflict-latin1-header-gbk", "zh-utf8-lying-gbk-header",
        "zh-split-page1-utf8", "en-wordpress-blog", "en-newspaper-article", "zh-wechat-js-content",
        "zh-xinhua-info-above-title", "zh-people-gb2312", "zh-tencent-window-data", "zh-discuz-thread-gbk",
        "zh-trs-gov-hanweb", "zh-oldcms-gov-table-gb2312"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
  }
}

// ArticleFromJson skips fields it does not find, so a misspelt key in an
// expected file would compare against "" unnoticed: every extract field
// must be spelt out (null or [] when empty).
TEST(SampleSetTest, ExpectedFilesNameEveryField) {
  for (const std::string& name : SampleNames()) {
    std::string json = LoadSample(name).expected_json;
    for (std::string_view field : ArticleFieldNames()) {
      if (field == "id") break;  // store fields follow; extract output has none
      EXPECT_NE(json.find("\"" + std::string(field) + "\":"), std::string::npos)
          << name << ".expected.json lacks \"" << field << "\"";
    }
    Result<Article> parsed = ArticleFromJson(json);
    ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.error().message;
    EXPECT_EQ(parsed->input, "samples/" + name + ".html") << name;
    EXPECT_EQ(parsed->url, LoadSample(name).url) << name << ": url differs from serve.json";
    EXPECT_GT(parsed->confidence, 0) << name;
  }
}

// One processor used for page after page (as a crawl worker does) gives the
// same articles as a fresh one per page: no state leaks between pages.
TEST(SampleSetTest, OneProcessorForAllPagesGivesTheSameArticles) {
  PageProcessor shared;
  for (const std::string& name : SampleNames()) {
    SampleFiles sample = LoadSample(name);
    PageProcessor fresh;
    Result<Article> a = ProcessSample(shared, sample, sample.bytes);
    Result<Article> b = ProcessSample(fresh, sample, sample.bytes);
    ASSERT_EQ(a.ok(), b.ok()) << name;
    if (!a.ok()) continue;
    EXPECT_EQ(ArticleToJson(*a), ArticleToJson(*b)) << name;
  }
}

// ---- gzip ------------------------------------------------------------------

TEST(PipelineInputTest, GzippedPageGivesTheSameArticleAsThePlainPage) {
  SampleFiles sample = LoadSample("zh-table-gbk");
  PageProcessor processor;
  Result<Article> plain = ProcessSample(processor, sample, sample.bytes);
  Result<Article> zipped = ProcessSample(processor, sample, gleaner::testing::Gzip(sample.bytes));
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  ASSERT_TRUE(zipped.ok()) << zipped.error().message;
  EXPECT_EQ(ArticleToJson(*zipped), ArticleToJson(*plain));
}

// The cap on gunzipped bytes, at limit-1 / limit / limit+1 of the page size.
TEST(PipelineInputTest, GunzipCapAtTheBoundary) {
  SampleFiles sample = LoadSample("zh-portal-oneline-utf8");
  std::string zipped = gleaner::testing::Gzip(sample.bytes);
  const size_t size = sample.bytes.size();
  struct Case {
    const char* id;
    size_t cap;
    bool ok;
  } cases[] = {{"cap-1", size - 1, false}, {"cap", size, true}, {"cap+1", size + 1, true}};
  for (const Case& c : cases) {
    Limits limits;
    limits.max_decoded_bytes = c.cap;
    PageProcessor processor(limits);
    Result<Article> result = ProcessSample(processor, sample, zipped);
    EXPECT_EQ(result.ok(), c.ok) << c.id;
    if (!c.ok && !result.ok()) {
      EXPECT_EQ(result.error().code, Code::kTooLarge) << c.id;
    }
    if (c.ok && result.ok()) {
      EXPECT_EQ(result->title, "英美防长会谈聚焦对乌安全承诺与三边同盟 或影响俄乌局势走向") << c.id;
    }
  }
}

TEST(PipelineInputTest, DamagedGzipIsAnErrorNotAnArticle) {
  SampleFiles sample = LoadSample("zh-portal-oneline-utf8");
  std::string zipped = gleaner::testing::Gzip(sample.bytes);
  std::string cut = zipped.substr(0, zipped.size() / 2);
  std::string corrupt = zipped;
  for (size_t i = 20; i < corrupt.size() - 8 && i < 400; ++i) corrupt[i] = static_cast<char>(~corrupt[i]);
  PageProcessor processor;
  for (const std::string* bytes : {&cut, &corrupt}) {
    Result<Article> result = ProcessSample(processor, sample, *bytes);
    ASSERT_FALSE(result.ok()) << "a damaged gzip stream must not become an article";
    EXPECT_TRUE(result.error().code == Code::kInvalidInput ||
                result.error().code == Code::kNotHtml)
        << CodeName(result.error().code) << ": " << result.error().message;
  }
}

// ---- not HTML ----------------------------------------------------------------

// A string literal with its embedded NULs (std::string(const char*) would
// stop at the first one).
template <size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

TEST(PipelineInputTest, BinaryDocumentsAreNotHtml) {
  struct Case {
    const char* id;
    std::string bytes;
  } cases[] = {
      {"pdf", Bytes("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")},
      {"png", Bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0") +
                  std::string(2000, '\x11')},
      {"jpeg", Bytes("\xFF\xD8\xFF\xE0\0\x10JFIF\0") + std::string(2000, '\x22')},
      {"gif", Bytes("GIF89a\x01\0\x01\0\x80\0\0") + std::string(2000, '\x33')},
      {"zip", Bytes("PK\x03\x04\x14\0\0\0\x08\0") + std::string(2000, '\x44')},
  };
  PageProcessor processor;
  for (const Case& c : cases) {
    Page page;
    page.bytes = c.bytes;
    page.input = std::string("file.") + c.id;
    Result<Article> result = processor.Process(page);
    ASSERT_FALSE(result.ok()) << c.id << " became an article";
    EXPECT_EQ(result.error().code, Code::kNotHtml) << c.id << ": " << result.error().message;
  }
}

TEST(PipelineInputTest, RandomBytesAreNotPresentedAsAnArticle) {
  std::mt19937 rng(20250314);
  std::string bytes(64 * 1024, '\0');
  for (char& b : bytes) b = static_cast<char>(rng() & 0xFF);
  PageProcessor processor;
  Page page;
  page.bytes = bytes;
  page.input = "random.bin";
  Result<Article> result = processor.Process(page);
  if (result.ok()) {
    EXPECT_LT(result->confidence, 0.3) << "random bytes scored as an article";
  } else {
    EXPECT_EQ(result.error().code, Code::kNotHtml) << result.error().message;
  }
}

TEST(PipelineInputTest, EmptyBytesGiveNoArticleText) {
  PageProcessor processor;
  Page page;
  page.input = "empty.html";
  Result<Article> result = processor.Process(page);
  if (result.ok()) {
    EXPECT_TRUE(result->body.empty());
    EXPECT_TRUE(result->title.empty());
    EXPECT_LT(result->confidence, 0.3);
  } else {
    EXPECT_TRUE(result.error().code == Code::kNotHtml ||
                result.error().code == Code::kInvalidInput)
        << CodeName(result.error().code);
  }
}

// ---- huge and deep -------------------------------------------------------------

// A trap page far past the fetcher's 10 MB cap still gives a result (or a
// clean kTooLarge), never a crash or an unbounded wait.
TEST(PipelineInputTest, TwentyMegabytePageIsHandled) {
  const std::string paragraph =
      "<p>巨型页面测试段落，用于检查流水线在超大输入下不会崩溃，也不会无限占用内存。"
      "This paragraph repeats until the page is twenty megabytes long.</p>\n";
  std::string page_bytes =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>巨型页面_测试站</title></head>"
      "<body><h1>巨型页面</h1><div class=\"content\">";
  page_bytes.reserve(20u << 20);
  while (page_bytes.size() < (20u << 20)) page_bytes += paragraph;
  page_bytes += "</div></body></html>";
  PageProcessor processor;
  Page page;
  page.bytes = page_bytes;
  page.input = "huge.html";
  page.url = "http://127.0.0.1/special/huge.html";
  Result<Article> result = processor.Process(page);
  if (result.ok()) {
    EXPECT_EQ(result->encoding.name, "UTF-8");
    EXPECT_FALSE(result->body.empty());
  } else {
    EXPECT_EQ(result.error().code, Code::kTooLarge) << result.error().message;
  }
}

TEST(PipelineInputTest, HundredThousandNestedElementsDoNotCrash) {
  constexpr int kDepth = 100000;
  std::string bytes = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>深层嵌套</title></head><body>";
  bytes.reserve(kDepth * 12 + 512);
  for (int i = 0; i < kDepth; ++i) bytes += "<div>";
  bytes += "<p>最深处的一段文字。</p>";
  for (int i = 0; i < kDepth; ++i) bytes += "</div>";
  bytes += "</body></html>";
  PageProcessor processor;
  Page page;
  page.bytes = bytes;
  page.input = "deep.html";
  Result<Article> result = processor.Process(page);
  if (!result.ok()) {
    EXPECT_EQ(result.error().code, Code::kTooLarge) << result.error().message;
  }
}

// ---- encodings ------------------------------------------------------------------

// A GBK page cut in the middle of a two-byte character: the dangling lead
// byte becomes one U+FFFD, counted, and the article is still read.
TEST(PipelineInputTest, TruncatedGbkCountsReplacementAndKeepsTheArticle) {
  SampleFiles sample = LoadSample("zh-table-gbk");
  std::string bytes = sample.bytes + "\xD6";  // lead byte of 中, its trail byte lost
  PageProcessor processor;
  Result<Article> result = ProcessSample(processor, sample, bytes);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->encoding.name, "GBK");
  EXPECT_GE(result->encoding.replacements, 1);
  EXPECT_EQ(result->title, "我市今年将为120个老旧小区加装电梯 每部最高补贴20万元");
}

TEST(PipelineInputTest, EncodingOverrideWinsOverDetection) {
  SampleFiles sample = LoadSample("zh-undeclared-gbk");
  PageProcessor processor;
  Page page;
  page.bytes = sample.bytes;
  page.input = "samples/zh-undeclared-gbk.html";
  page.url = sample.url;
  page.encoding_override = "gbk";
  Result<Article> result = processor.Process(page);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->encoding.source, "override");
  EXPECT_EQ(result->encoding.name, "GBK");
  EXPECT_EQ(result->title, "我县多措并举抓好春耕备耕 确保粮食播种面积稳定在32万亩以上");
}

// The same GBK bytes served with each lie a server tells give the same text.
TEST(PipelineInputTest, LyingHttpCharsetsOnGbkBytesGiveTheSameText) {
  SampleFiles sample = LoadSample("zh-conflict-utf8-header-gbk");
  PageProcessor processor;
  Result<Article> honest = ProcessSample(processor, sample, sample.bytes);
  ASSERT_TRUE(honest.ok()) << honest.error().message;
  for (const char* lie : {"utf-8", "iso-8859-1", "us-ascii", "gbk", ""}) {
    SampleFiles served = sample;
    served.http_charset = lie;
    Result<Article> result = ProcessSample(processor, served, sample.bytes);
    ASSERT_TRUE(result.ok()) << lie;
    EXPECT_EQ(result->title, honest->title) << "http charset '" << lie << "'";
    EXPECT_EQ(result->body, honest->body) << "http charset '" << lie << "'";
    EXPECT_EQ(result->encoding.name, "GBK") << "http charset '" << lie << "'";
  }
}

}  // namespace
}  // namespace gleaner::pipeline
