// limits_test: hostile sizes through the pipeline - a 1 GiB gzip bomb
// against pipeline::Gunzip and PageProcessor (stops at the decoded cap), a
// 50 MB page with no newline and a million attributes on one element
// (extraction completes, best effort). Nesting and the 20 MB page are in
// samples_test.cc; the html caps themselves in tests/html.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "gleaner/pipeline.h"
#include "support/test_util.h"

namespace gleaner::pipeline {
namespace {

constexpr size_t kMiB = size_t{1} << 20;

using ::gleaner::testing::ZeroGzipBomb;

// The bomb builder itself, and Gunzip's cap on it at limit-1/limit/limit+1.
TEST(GzipBombTest, SmallBombInflatesToExactlyItsSizeAndStopsOneBytePast) {
  const std::string bomb = ZeroGzipBomb(8);
  std::string out;
  ASSERT_TRUE(Gunzip(bomb, 8 * kMiB + 1, &out).ok());
  ASSERT_TRUE(Gunzip(bomb, 8 * kMiB, &out).ok());
  EXPECT_EQ(out.size(), 8 * kMiB);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\0'), static_cast<std::ptrdiff_t>(8 * kMiB));
  Status capped = Gunzip(bomb, 8 * kMiB - 1, &out);
  ASSERT_FALSE(capped.ok());
  EXPECT_EQ(capped.error().code, Code::kTooLarge);
}

TEST(GzipBombTest, GigabyteOfZerosStopsAtTheDecodedCap) {
  const std::string bomb = ZeroGzipBomb(1024);
  ASSERT_LT(bomb.size(), 2 * kMiB);  // ~1 MB on the wire, 1 GiB inflated
  const size_t cap = Limits().max_decoded_bytes;
  std::string out;
  Status status = Gunzip(bomb, cap, &out);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, Code::kTooLarge);
  EXPECT_NE(status.error().message.find(std::to_string(cap)), std::string::npos) << status.error().message;
  EXPECT_LE(out.size(), cap);

  PageProcessor processor;
  Page page;
  page.bytes = bomb;
  page.input = "bomb.html.gz";
  Result<Article> article = processor.Process(page);
  ASSERT_FALSE(article.ok());
  EXPECT_EQ(article.error().code, Code::kTooLarge) << article.error().message;
}

// 50 MB on one line, as minified pages with inline images come: 1 MB of
// article, then a 49 MB base64 data: image. The html module parses the
// first 32 MB (a best-effort tree: the image tag is cut off) and the
// extractor still reads the title and the paragraphs before the image.
// The bulk is one attribute value rather than 50 MB of paragraphs so the
// test stays fast under ASan; text-heavy huge pages are covered by the
// 20 MB page in samples_test.cc.
TEST(HugePageTest, FiftyMegabytesWithoutANewlineGiveABestEffortArticle) {
  std::string bytes =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>长页面测试</title></head>"
      "<body><h1>长页面测试</h1><div class=\"content\">";
  const std::string paragraph =
      "<p>这是一个没有换行符的超长页面中的一段文字，用来检查提取在五十兆字节的输入上能够完成。</p>";
  bytes.reserve(50 * kMiB + 64);
  while (bytes.size() < kMiB) bytes += paragraph;
  bytes += "<img src=\"data:image/jpeg;base64,";
  bytes.resize(50 * kMiB, 'A');
  bytes += "\"><p>图片之后的段落。</p></div></body></html>";
  ASSERT_EQ(bytes.find('\n'), std::string::npos);
  PageProcessor processor;
  Page page;
  page.bytes = bytes;
  page.input = "long.html";
  page.url = "http://news.example.com.cn/a/long.html";
  Result<Article> article = processor.Process(page);
  ASSERT_TRUE(article.ok()) << article.error().message;
  EXPECT_EQ(article->title, "长页面测试");
  EXPECT_NE(article->body.find("五十兆字节"), std::string::npos);
  EXPECT_EQ(article->body.find("图片之后"), std::string::npos);  // past the 32 MB cut
}

// html keeps the first 128 attributes of a tag; the page around the tag
// is read as usual.
TEST(HugePageTest, AMillionAttributesOnOneElementDoNotStopExtraction) {
  std::string bytes =
      "<html><head><meta charset=\"utf-8\"><title>属性测试</title></head><body><h1>属性测试</h1>"
      "<div class=\"content\"";
  bytes.reserve(10 * kMiB);
  for (int i = 0; i < 1'000'000; ++i) bytes += " a" + std::to_string(i);
  bytes += "><p>一个元素上有一百万个属性，提取仍然完成，正文仍然可以读到。</p>"
           "<p>第二段也在这里，说明页面的其余部分照常处理。</p></div></body></html>";
  PageProcessor processor;
  Page page;
  page.bytes = bytes;
  page.input = "attrs.html";
  Result<Article> article = processor.Process(page);
  ASSERT_TRUE(article.ok()) << article.error().message;
  EXPECT_EQ(article->title, "属性测试");
  EXPECT_NE(article->body.find("一百万个属性"), std::string::npos);
}

}  // namespace
}  // namespace gleaner::pipeline
