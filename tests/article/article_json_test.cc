// Focus: the Article JSON contract - field names, order, nulls, UTF-8 repair,
// and the round trip through ArticleFromJson.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "gleaner/article.h"

namespace gleaner {
namespace {

Article Sample() {
  Article a;
  a.input = "saved.html";
  a.url = "https://news.example.cn/a/1.html";
  a.title = "英美防长会谈";
  a.published = "2025-03-14T08:56:00+08:00";
  a.published_raw = "2025-03-14 08:56";
  a.authors = {"张三", "李四"};
  a.source = "央视新闻";
  a.body = "第一段。\n\n第二段 \"quoted\" \\ tab\t.";
  a.lang = "zh";
  a.images = {{"https://news.example.cn/1.png", ""}};
  a.related = {{"另一篇", "https://news.example.cn/a/2.html"}};
  a.next_pages = {"https://news.example.cn/a/1_2.html"};
  a.encoding = {"GBK", "meta", 2};
  a.confidence = 0.87654;
  return a;
}

TEST(ArticleJsonTest, EmptyStringsAreNullAndListsAreArrays) {
  nlohmann::json j = nlohmann::json::parse(ArticleToJson(Sample()));
  EXPECT_TRUE(j["canonical_url"].is_null());
  EXPECT_TRUE(j["modified"].is_null());
  EXPECT_TRUE(j["editor"].is_null());
  EXPECT_TRUE(j["tags"].is_array());
  EXPECT_EQ(j["authors"][1], "李四");
  EXPECT_EQ(j["encoding"]["replacements"], 2);
  EXPECT_TRUE(j["images"][0]["caption"].is_null());
  EXPECT_DOUBLE_EQ(j["confidence"].get<double>(), 0.877);
  EXPECT_FALSE(j.contains("id")) << "store fields appear only for stored articles";
}

TEST(ArticleJsonTest, FieldsFollowTheDocumentedOrder) {
  std::string json = ArticleToJson(Sample());
  size_t last = 0;
  for (std::string_view name : {"input", "url", "title", "published", "body", "related",
                                "encoding", "confidence"}) {
    size_t at = json.find("\"" + std::string(name) + "\":");
    ASSERT_NE(at, std::string::npos) << name;
    EXPECT_GT(at, last) << name;
    last = at;
  }
}

TEST(ArticleJsonTest, SelectedFieldsOnlyInGivenOrder) {
  JsonOptions options;
  options.fields = {"title", "url"};
  EXPECT_EQ(ArticleToJson(Sample(), options),
            "{\"title\":\"英美防长会谈\",\"url\":\"https://news.example.cn/a/1.html\"}");
}

TEST(ArticleJsonTest, InvalidUtf8BecomesReplacementCharacter) {
  Article a;
  a.body = std::string("ok\xff\xfe" "end\x01", 8);
  nlohmann::json j = nlohmann::json::parse(ArticleToJson(a));
  EXPECT_EQ(j["body"], "ok\xEF\xBF\xBD\xEF\xBF\xBD" "end\x01");
}

TEST(ArticleJsonTest, RoundTripKeepsEveryField) {
  Article a = Sample();
  a.stored = StoredInfo{42, 1700000000, 1700000500, 3, 7};
  Result<Article> back = ArticleFromJson(ArticleToJson(a));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->title, a.title);
  EXPECT_EQ(back->body, a.body);
  EXPECT_EQ(back->authors, a.authors);
  EXPECT_EQ(back->related[0].url, a.related[0].url);
  EXPECT_EQ(back->encoding.name, "GBK");
  EXPECT_EQ(back->encoding.replacements, 2);
  ASSERT_TRUE(back->stored.has_value());
  EXPECT_EQ(back->stored->id, 42);
  EXPECT_EQ(back->stored->version, 3);
  EXPECT_EQ(back->stored->duplicate_of, 7);
}

TEST(ArticleJsonTest, StoredTimesAreIsoUtc) {
  Article a;
  a.stored = StoredInfo{1, 0, 1700000000, 1, std::nullopt};
  nlohmann::json j = nlohmann::json::parse(ArticleToJson(a));
  EXPECT_EQ(j["first_seen"], "1970-01-01T00:00:00Z");
  EXPECT_EQ(j["last_seen"], "2023-11-14T22:13:20Z");
  EXPECT_TRUE(j["duplicate_of"].is_null());
}

TEST(ArticleJsonTest, MalformedJsonIsAnError) {
  EXPECT_FALSE(ArticleFromJson("{not json").ok());
  EXPECT_FALSE(ArticleFromJson("[1,2]").ok());
  EXPECT_FALSE(ArticleFromJson("").ok());
}

TEST(ArticleJsonTest, PrettyOutputParsesToTheSameObject) {
  JsonOptions pretty;
  pretty.pretty = true;
  EXPECT_EQ(nlohmann::json::parse(ArticleToJson(Sample(), pretty)),
            nlohmann::json::parse(ArticleToJson(Sample())));
}

}  // namespace
}  // namespace gleaner
