// Focus: Extract() as a whole - site rules and CMS presets overriding the
// generic guess, confidence on pages that are not articles, --explain, and
// the crawler's link output. Pages are built as HTML strings.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "gleaner/extract.h"
#include "gleaner/html.h"
#include "presets.h"

namespace gleaner::extract {
namespace {

std::string Paragraphs(int n, std::string_view text) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "<p>" + std::string(text) + "</p>\n";
  return out;
}

const char kSentence[] =
    "市住建局负责人介绍，今年将继续推进老旧小区改造，预计全年完成投资三十亿元，惠及居民五万余户，"
    "同时加快加装电梯审批，让更多居民早日受益。";

std::string ArticlePage(std::string head_extra = {}, std::string before_body = {}) {
  return "<html><head><title>老旧小区改造提速_古城新闻网</title>" + head_extra +
         "</head><body><div class=nav><a href=/>首页</a> <a href=/news/>新闻</a></div>"
         "<h1>老旧小区改造提速</h1><div class=info>2025-03-13 10:21 来源：古城晚报</div>" +
         before_body + "<div class=main-text>" + Paragraphs(6, kSentence) +
         "</div><div class=footer>版权所有 古城新闻网</div></body></html>";
}

Article ExtractHtml(const std::string& html, Context context = {}) {
  html::Document doc = html::Document::Parse(html);
  return Extract(doc, context);
}

TEST(ExtractTest, GenericArticleGetsEveryField) {
  Context context;
  context.url = "http://www.gucheng-news.com.cn/shehui/2025-03/13/content_58213.htm";
  Article a = ExtractHtml(ArticlePage(), context);
  EXPECT_EQ(a.title, "老旧小区改造提速");
  EXPECT_EQ(a.published, "2025-03-13T10:21:00+08:00");
  EXPECT_EQ(a.source, "古城晚报");
  EXPECT_EQ(a.lang, "zh");
  EXPECT_NE(a.body.find("惠及居民五万余户"), std::string::npos);
  EXPECT_EQ(a.body.find("版权所有"), std::string::npos);
  EXPECT_GT(a.confidence, 0.7);
}

TEST(ExtractTest, SiteRulesOverrideEachField) {
  ExtractRules rules;
  rules.title = ".headline";
  rules.body = "#real";
  rules.date = ".when";
  rules.source = ".from";
  rules.drop = {".promo"};
  Context context;
  context.rules = &rules;
  std::string page =
      "<html><body><h1>网站首页大标题</h1><div class=headline>规则指定的标题</div>"
      "<span class=when>2024年12月1日 09:30</span><span class=from>来源：规则日报</span>"
      "<div id=fake>" + Paragraphs(8, kSentence) + "</div>"
      "<div id=real><p>规则选中的正文第一段，内容足够长以便通过检查。</p><div class=promo>下载客户端领红包</div></div>"
      "</body></html>";
  Article a = ExtractHtml(page, context);
  EXPECT_EQ(a.title, "规则指定的标题");
  EXPECT_EQ(a.published, "2024-12-01T09:30:00+08:00");
  EXPECT_EQ(a.source, "规则日报");
  EXPECT_EQ(a.body, "规则选中的正文第一段，内容足够长以便通过检查。");
}

TEST(ExtractTest, RulesTimezoneAppliesToTimesWithoutOffset) {
  ExtractRules rules;
  rules.timezone = "-05:00";
  Context context;
  context.rules = &rules;
  std::string page = "<html lang=en><body><h1>Council approves flood wall</h1><p>March 14, 2025 8:56 AM</p><div>" +
                     Paragraphs(5, "The council voted on Thursday night to build a wall along the river, ending a decade of debate.") +
                     "</div></body></html>";
  EXPECT_EQ(ExtractHtml(page, context).published, "2025-03-14T08:56:00-05:00");
}

TEST(ExtractTest, PresetDetectedByGeneratorMeta) {
  html::Document doc = html::Document::Parse(ArticlePage("<meta name=generator content='WordPress 6.4'>"));
  const internal::Preset* preset = internal::DetectPreset(doc, "");
  ASSERT_NE(preset, nullptr);
  EXPECT_EQ(preset->name, "WordPress");
}

TEST(ExtractTest, PresetDetectedByPathsAndUrlShape) {
  std::string page = ArticlePage({}, "<script src=/plus/count.php?aid=5></script><a href=/plus/search.php>搜索</a>");
  html::Document doc = html::Document::Parse(page);
  const internal::Preset* preset = internal::DetectPreset(doc, "http://x.cn/a/2025/0313/5.html");
  ASSERT_NE(preset, nullptr);
  EXPECT_EQ(preset->name, "DedeCMS");
  html::Document discuz = html::Document::Parse(ArticlePage({}, "<a href='forum.php?mod=forumdisplay'>论坛</a>"));
  preset = internal::DetectPreset(discuz, "http://x.cn/portal.php?mod=view&aid=2871");
  ASSERT_NE(preset, nullptr);
  EXPECT_EQ(preset->name, "Discuz! portal");
}

TEST(ExtractTest, NoPresetOnAPlainPage) {
  html::Document doc = html::Document::Parse(ArticlePage());
  EXPECT_EQ(internal::DetectPreset(doc, "http://x.cn/news/1.html"), nullptr);
}

TEST(ExtractTest, PresetSelectorThatMatchesNothingLeavesTheGenericResult) {
  // A WordPress page whose theme renamed .entry-content: the preset's body
  // selector finds nothing and the generic extractor still reads the text.
  Article a = ExtractHtml(ArticlePage("<meta name=generator content=WordPress>"));
  EXPECT_NE(a.body.find("惠及居民五万余户"), std::string::npos);
  EXPECT_EQ(a.title, "老旧小区改造提速");
}

TEST(ExtractTest, ExplainNamesTheSignalsAndTheTemplate) {
  Explanation explanation;
  Context context;
  context.explain = &explanation;
  ExtractHtml(ArticlePage("<meta name=generator content=WordPress>"), context);
  bool saw_title = false, saw_template = false;
  for (const Explanation::Choice& c : explanation.choices) {
    if (c.field == "title") saw_title = c.signal.find("h1") != std::string::npos;
    if (c.field == "template") saw_template = c.value == "WordPress";
  }
  EXPECT_TRUE(saw_title);
  EXPECT_TRUE(saw_template);
  ASSERT_FALSE(explanation.body_candidates.empty());
  EXPECT_EQ(explanation.body_containers.front(), "div.main-text");
}

// Pages that are not articles: the confidence must say so.
struct NotArticleCase {
  const char* id;
  std::string html;
  const char* url;
};

TEST(ExtractTest, ConfidenceIsLowOnPagesThatAreNotArticles) {
  std::string list_items;
  for (int i = 0; i < 40; ++i) {
    list_items += "<li><a href=/news/2025/0313/" + std::to_string(1000 + i) +
                  ".html>城市更新行动第" + std::to_string(i) + "批项目开工</a> <span>03-13</span></li>";
  }
  NotArticleCase cases[] = {
      {"list-page", "<html><head><title>新闻列表_古城新闻网</title></head><body><h1>社会新闻</h1><ul>" + list_items +
                        "</ul><div class=pages><a href=list_2.html>下一页</a></div></body></html>",
       "http://x.cn/shehui/"},
      {"home-page", "<html><head><title>古城新闻网</title></head><body><div>" + list_items + "</div><div>" + list_items +
                        "</div></body></html>",
       "http://x.cn/"},
      {"search-page", "<html><head><title>搜索结果</title></head><body><form><input name=q></form><p>找到 40 条结果</p><ul>" +
                          list_items + "</ul></body></html>",
       "http://x.cn/search.php?q=电梯"},
      {"error-page", "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><p>nginx</p></body></html>",
       "http://x.cn/news/2025/0313/9999.html"},
  };
  for (const NotArticleCase& c : cases) {
    Context context;
    context.url = c.url;
    EXPECT_LT(ExtractHtml(c.html, context).confidence, 0.4) << c.id;
  }
}

TEST(ExtractTest, RelativeDateResolvesAgainstFetchTime) {
  Context context;
  // 2025-03-14 12:00 +08:00
  context.fetched_at = std::chrono::system_clock::time_point(std::chrono::seconds(1741924800));
  std::string page = "<html><body><h1>暴雨预警发布</h1><div class=info>3小时前 来源：气象台</div><div>" +
                     Paragraphs(5, kSentence) + "</div></body></html>";
  Article a = ExtractHtml(page, context);
  EXPECT_EQ(a.published, "2025-03-14T09:00:00+08:00");
}

TEST(ExtractTest, LinksForTheCrawlerAreAbsoluteAndUnique) {
  PageLinks links;
  Context context;
  context.url = "http://x.cn/news/1.html";
  context.links = &links;
  ExtractHtml("<html><head><link rel=alternate type=application/rss+xml href=/rss.xml></head><body>"
      "<a href=2.html>二</a><a href='2.html#top'>二</a><a href=mailto:a@b.c>信</a>"
      "<a href=//y.cn/3.html>三</a></body></html>",
      context);
  EXPECT_EQ(links.links, (std::vector<std::string>{"http://x.cn/news/2.html", "http://y.cn/3.html"}));
  EXPECT_EQ(links.feeds, (std::vector<std::string>{"http://x.cn/rss.xml"}));
}

}  // namespace
}  // namespace gleaner::extract
