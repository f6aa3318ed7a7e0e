// Focus: ReadMetadata from small HTML pages: JSON-LD (@graph, arrays,
// broken scripts), OpenGraph, Chinese portals' meta names, itemprop, <time>,
// embedded app state, URL resolution, and which source wins on conflict.
#include <string>

#include <gtest/gtest.h>

#include "extract_internal.h"

namespace gleaner::extract::internal {
namespace {

constexpr char kPage[] = "https://news.example.com/world/2025/03/14/story.html";

Metadata Read(const std::string& html, std::string_view page_url = kPage) {
  const html::Document doc = html::Document::Parse(html);
  return ReadMetadata(doc, page_url);
}

std::string Iso(const std::optional<DateTime>& when) { return when ? FormatIso(*when) : ""; }

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : "|") + s;
  return out;
}

TEST(ReadMetadataTest, JsonLdGraphWithNewsArticle) {
  const Metadata m = Read(R"(<html><head><script type="application/ld+json">
  {"@context":"https://schema.org","@graph":[
    {"@type":"WebPage","@id":"https://news.example.com/p","name":"Page name"},
    {"@type":"NewsArticle","headline":"Fed holds rates steady",
     "datePublished":"2025-03-14T08:56:00+08:00","dateModified":"2025-03-14T10:00:00+08:00",
     "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Smith"}],
     "publisher":{"@type":"Organization","name":"Example News"},
     "articleBody":"First paragraph. Second paragraph.",
     "keywords":["economy","rates"],"inLanguage":"en-US",
     "mainEntityOfPage":{"@id":"/world/story"},
     "image":{"@type":"ImageObject","url":"/img/fed.jpg"}},
    {"@type":"Organization","name":"Example Org"}]}
  </script></head><body><p>x</p></body></html>)");
  EXPECT_EQ(m.title, "Fed holds rates steady");
  EXPECT_EQ(Iso(m.published), "2025-03-14T08:56:00+08:00");
  EXPECT_EQ(m.published_raw, "2025-03-14T08:56:00+08:00");
  EXPECT_EQ(Iso(m.modified), "2025-03-14T10:00:00+08:00");
  EXPECT_EQ(Join(m.authors), "Jane Doe|John Smith");
  EXPECT_EQ(m.site_name, "Example News");
  EXPECT_EQ(m.json_ld_body, "First paragraph. Second paragraph.");
  EXPECT_EQ(Join(m.tags), "economy|rates");
  EXPECT_EQ(m.lang, "en-US");
  EXPECT_EQ(m.canonical_url, "https://news.example.com/world/story");
  EXPECT_EQ(m.image, "https://news.example.com/img/fed.jpg");
  EXPECT_TRUE(m.is_article_type);
}

TEST(ReadMetadataTest, JsonLdTopLevelArrayAndStringAuthor) {
  const Metadata m = Read(R"(<script type="application/ld+json">
  [{"@type":"BreadcrumbList"},
   {"@type":["ReportageNewsArticle"],"headline":"标题","datePublished":"2025-03-14 08:56:00",
    "author":"张三","keywords":"两会,政府工作报告"}]</script>)");
  EXPECT_EQ(m.title, "标题");
  EXPECT_EQ(Iso(m.published), "2025-03-14T08:56:00");
  EXPECT_EQ(Join(m.authors), "张三");
  EXPECT_EQ(Join(m.tags), "两会|政府工作报告");
  EXPECT_TRUE(m.is_article_type);
}

TEST(ReadMetadataTest, JsonLdDateBeatsOpenGraphAndMetaNames) {
  const Metadata m = Read(R"(<head>
  <meta name="pubdate" content="2025-03-12 07:00:00">
  <meta property="article:published_time" content="2025-03-13T07:00:00Z">
  <script type="application/ld+json">{"@type":"Article","datePublished":"2025-03-14T08:56:00Z"}</script>
  </head>)");
  EXPECT_EQ(Iso(m.published), "2025-03-14T08:56:00+00:00");
}

TEST(ReadMetadataTest, OpenGraphBeatsMetaNamesBeatsItempropBeatsTime) {
  const std::string og = R"(<meta property="article:published_time" content="2025-03-11T01:00:00Z">)";
  const std::string name = R"(<meta name="publishdate" content="2025-03-12 02:00:00">)";
  const std::string item = R"(<span itemprop="datePublished" content="2025-03-13T03:00:00Z"></span>)";
  const std::string time = R"(<article><time datetime="2025-03-14T04:00:00Z">x</time></article>)";
  EXPECT_EQ(Iso(Read(time + item + name + og).published), "2025-03-11T01:00:00+00:00");
  EXPECT_EQ(Iso(Read(time + item + name).published), "2025-03-12T02:00:00");
  EXPECT_EQ(Iso(Read(time + item).published), "2025-03-13T03:00:00+00:00");
  EXPECT_EQ(Iso(Read(time).published), "2025-03-14T04:00:00+00:00");
}

TEST(ReadMetadataTest, OpenGraphFields) {
  const Metadata m = Read(R"(<html><head>
  <title>Fed holds rates steady | Example News</title>
  <meta property="og:title" content="Fed holds rates steady">
  <meta property="og:site_name" content="Example News">
  <meta property="og:url" content="/world/story">
  <meta property="og:type" content="article">
  <meta property="og:image" content="//cdn.example.com/fed.jpg">
  <meta property="og:locale" content="en_GB">
  <meta property="og:description" content="The Fed held rates.">
  <meta property="article:modified_time" content="2025-03-14T10:00:00Z">
  <meta property="article:author" content="https://www.facebook.com/janedoe">
  <meta property="article:author" content="Jane Doe">
  <meta property="article:tag" content="economy">
  <meta property="article:tag" content="rates">
  <meta name="keywords" content="site,generic,words">
  </head></html>)");
  EXPECT_EQ(m.title, "Fed holds rates steady");
  EXPECT_EQ(m.html_title, "Fed holds rates steady | Example News");
  EXPECT_EQ(m.site_name, "Example News");
  EXPECT_EQ(m.canonical_url, "https://news.example.com/world/story");
  EXPECT_EQ(m.image, "https://cdn.example.com/fed.jpg");
  EXPECT_EQ(m.lang, "en-GB");
  EXPECT_EQ(m.description, "The Fed held rates.");
  EXPECT_EQ(Iso(m.modified), "2025-03-14T10:00:00+00:00");
  EXPECT_EQ(Join(m.authors), "Jane Doe");
  EXPECT_EQ(Join(m.tags), "economy|rates");  // article:tag beats meta keywords
  EXPECT_TRUE(m.is_article_type);
}

TEST(ReadMetadataTest, ChinesePortalMetaNames) {
  const Metadata m = Read(R"(<html lang="zh-CN"><head>
  <meta charset="utf-8">
  <title>国务院召开常务会议_新浪网</title>
  <meta name="keywords" content="国务院 常务会议 稳就业">
  <meta name="description" content="国务院召开常务会议，部署稳就业工作。">
  <meta name="publishdate" content="2025-03-14 08:56:00">
  <meta name="source" content="新华社">
  <meta name="author" content="张三">
  </head><body></body></html>)");
  EXPECT_EQ(m.html_title, "国务院召开常务会议_新浪网");
  EXPECT_EQ(m.lang, "zh-CN");
  EXPECT_EQ(Iso(m.published), "2025-03-14T08:56:00");
  EXPECT_EQ(m.published_raw, "2025-03-14 08:56:00");
  EXPECT_EQ(m.source, "新华社");
  EXPECT_EQ(Join(m.authors), "张三");
  EXPECT_EQ(Join(m.tags), "国务院|常务会议|稳就业");
  EXPECT_EQ(m.description, "国务院召开常务会议，部署稳就业工作。");
  EXPECT_FALSE(m.is_article_type);
}

TEST(ReadMetadataTest, OtherPortalDateNames) {
  struct Row {
    const char* id;
    const char* tag;
    const char* want;
  };
  const Row rows[] = {
      {"ptime-163", R"(<meta name="ptime" content="2025-03-14 08:56:00">)", "2025-03-14T08:56:00"},
      {"weibo", R"(<meta name="weibo: article:create_at" content="2025-03-14 08:56:00">)",
       "2025-03-14T08:56:00"},
      {"parsely", R"(<meta name="parsely-pub-date" content="2025-03-14T08:56:00Z">)",
       "2025-03-14T08:56:00+00:00"},
      {"dc-issued", R"(<meta name="DC.date.issued" content="2025-03-14">)", "2025-03-14"},
      {"sailthru", R"(<meta name="sailthru.date" content="2025-03-14 08:56:00">)", "2025-03-14T08:56:00"},
      {"mixed-case", R"(<meta name="PubDate" content="2025-03-14">)", "2025-03-14"},
      {"og-release", R"(<meta property="og:release_date" content="2025-03-14">)", "2025-03-14"},
      {"unparsable", R"(<meta name="pubdate" content="soon">)", ""},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Iso(Read(row.tag).published), row.want) << row.id;
  }
}

TEST(ReadMetadataTest, ItempropAuthorHeadlineAndTime) {
  const Metadata m = Read(R"(<body><article>
  <h1 itemprop="headline">Fed holds rates steady</h1>
  <span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>
  <time itemprop="datePublished" datetime="2025-03-14T08:56:00-04:00">March 14</time>
  </article></body>)");
  EXPECT_EQ(m.title, "Fed holds rates steady");
  EXPECT_EQ(Join(m.authors), "Jane Doe");
  EXPECT_EQ(Iso(m.published), "2025-03-14T08:56:00-04:00");
}

TEST(ReadMetadataTest, TimeOutsideArticleWithoutPubdateIsIgnored) {
  EXPECT_FALSE(Read(R"(<body><div><time datetime="2025-03-14">x</time></div></body>)").published);
  EXPECT_EQ(Iso(Read(R"(<body><time pubdate datetime="2025-03-14">x</time></body>)").published),
            "2025-03-14");
}

TEST(ReadMetadataTest, BrokenJsonLdNeverCrashesAndOtherSourcesStand) {
  std::string deep(100000, '[');
  const Metadata m = Read(std::string(R"(<head>
  <script type="application/ld+json">{ "@type": "NewsArticle", "headline": </script>
  <script type="application/ld+json">{"@type":5,"headline":{},"author":42,"datePublished":7}</script>
  <script type="application/ld+json">{"@type":"NewsArticle","author":{"name":["x"]},"keywords":{"a":1},
    "image":[[[]]],"publisher":17,"mainEntityOfPage":false}</script>
  <script type="application/ld+json">)") + deep + R"(</script>
  <script type="application/ld+json"></script>
  <meta property="og:title" content="Still here">
  </head>)");
  EXPECT_EQ(m.title, "Still here");
}

TEST(ReadMetadataTest, JsonLdWithRawNewlinesAndCommentWrapper) {
  const Metadata m = Read("<script type=\"application/ld+json\"><!--\n"
                          "{\"@type\":\"NewsArticle\",\"headline\":\"标题\",\"articleBody\":\"第一段。\n第二段。\"}\n"
                          "--></script>");
  EXPECT_EQ(m.title, "标题");
  EXPECT_EQ(m.json_ld_body, "第一段。 第二段。");
}

const std::string kLongHtml =
    "<p>国务院总理主持召开国务院常务会议，听取关于进一步做好稳就业工作的汇报。</p>"
    "<p>会议指出，就业是最基本的民生，要把稳就业摆在更加突出的位置，强化政策支持。</p>"
    "<p>会议要求，各地区各部门要狠抓落实，确保各项政策措施落地见效。</p>";

TEST(ReadMetadataTest, NextDataBody) {
  const Metadata m = Read(
      R"(<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"article":{"title":"t","content":")" +
      kLongHtml + R"("}}}}</script>)");
  EXPECT_EQ(m.embedded_body.substr(0, 12), "国务院总");
  EXPECT_NE(m.embedded_body.find("\n\n会议指出"), std::string::npos);
  EXPECT_EQ(m.embedded_body.find('<'), std::string::npos);
}

TEST(ReadMetadataTest, InitialStateJsonAndJsLiteral) {
  const Metadata json_state = Read(
      R"(<script>window.__INITIAL_STATE__ = {"detail":{"summary":"short","body":")" + kLongHtml +
      R"("}};window.x=1;</script>)");
  EXPECT_NE(json_state.embedded_body.find("会议要求"), std::string::npos);
  const Metadata js_state = Read(
      R"(<script>var articleInfo = {title: '标题', content: ")" + kLongHtml +
      R"(", id: undefined};</script>)");
  EXPECT_NE(js_state.embedded_body.find("会议要求"), std::string::npos);
  // A short teaser is not a body.
  EXPECT_EQ(Read(R"(<script>window.__INITIAL_STATE__ = {"content":"<p>短</p>"};</script>)").embedded_body, "");
}

TEST(ReadMetadataTest, LinksResolvedAgainstPageUrl) {
  const std::string page = R"(<head><link rel="canonical" href="/world/story.html">
  <link rel="next" href="story_2.html"><meta property="og:image" content="img/a.jpg"></head>)";
  const Metadata m = Read(page);
  EXPECT_EQ(m.canonical_url, "https://news.example.com/world/story.html");
  EXPECT_EQ(m.next_url, "https://news.example.com/world/2025/03/14/story_2.html");
  EXPECT_EQ(m.image, "https://news.example.com/world/2025/03/14/img/a.jpg");
  // Without a page URL relative links are dropped, absolute ones kept.
  const Metadata bare = Read(page + R"(<link rel="canonical" href="https://a.example/x">)", "");
  EXPECT_EQ(bare.canonical_url, "https://a.example/x");
  EXPECT_EQ(bare.next_url, "");
  EXPECT_EQ(bare.image, "");
}

TEST(ReadMetadataTest, CanonicalLinkBeatsOgUrl) {
  const Metadata m = Read(R"(<meta property="og:url" content="https://news.example.com/og">
  <link rel="canonical" href="https://news.example.com/canonical">)");
  EXPECT_EQ(m.canonical_url, "https://news.example.com/canonical");
}

TEST(ReadMetadataTest, LanguageSources) {
  EXPECT_EQ(Read(R"(<html><head><meta http-equiv="Content-Language" content="zh-TW"></head></html>)").lang,
            "zh-TW");
  EXPECT_EQ(Read(R"(<html lang="en"><head><meta property="og:locale" content="fr_FR"></head></html>)").lang,
            "en");
}

TEST(ReadMetadataTest, SvgTitleIsNotThePageTitle) {
  const Metadata m = Read(R"(<html><body><svg><title>icon</title></svg></body></html>)");
  EXPECT_EQ(m.html_title, "");
}

TEST(ReadMetadataTest, EmptyAndGarbageDocuments) {
  EXPECT_EQ(Read("").title, "");
  const Metadata m = Read("\xFF\xFE<meta name=\"pubdate\" content=\"\xE6\x96\">\x00<<<>>");
  EXPECT_FALSE(m.published);
}

}  // namespace
}  // namespace gleaner::extract::internal
