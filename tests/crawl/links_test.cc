// links_test: which links become frontier rows - scope, rules, trap
// defences at their limits, session tokens - and what a page is judged to be.
#include <gtest/gtest.h>

#include <string>

#include "crawl_internal.h"

namespace gleaner::crawl::internal {
namespace {

std::unique_ptr<SiteTable> Table(rules::SiteRules rules = {}) {
  Options options;
  if (rules.name.empty()) {
    options.start_urls = {"https://news.example.cn/"};
  } else {
    options.sites = {rules};
  }
  options.max_depth = 3;
  auto table = SiteTable::Build(options);
  EXPECT_TRUE(table.ok());
  return table.ok() ? std::move(table).value() : nullptr;
}

LinkVerdict Check(const SiteTable& t, const std::string& url, LinkFrom from = {"https://news.example.cn/", 0, 0},
                  NewUrl* out = nullptr) {
  NewUrl link;
  LinkVerdict v = MakeLink(t, url, PageKind::kArticle, from, &link);
  if (out) *out = link;
  return v;
}

TEST(LinksTest, ScopeIsTheStartSiteAndItsSubdomains) {
  auto t = Table();
  EXPECT_EQ(Check(*t, "https://sports.example.cn/a/1.html"), LinkVerdict::kOk);
  EXPECT_EQ(Check(*t, "https://other.cn/a/1.html"), LinkVerdict::kOutOfScope);
  EXPECT_EQ(Check(*t, "mailto:x@example.cn"), LinkVerdict::kInvalid);
}

TEST(LinksTest, RulesHostsWidenTheScope) {
  rules::SiteRules r;
  r.name = "portal";
  r.start = {"https://news.example.cn/"};
  r.hosts = {"cdn-news.example.com"};
  auto t = Table(r);
  EXPECT_EQ(Check(*t, "https://cdn-news.example.com/a/1.html"), LinkVerdict::kOk);
  EXPECT_EQ(Check(*t, "https://www.example.com/a/1.html"), LinkVerdict::kOutOfScope);
}

TEST(LinksTest, ExcludePatternAndBinaryExtensionsAreNeverFetched) {
  rules::SiteRules r;
  r.name = "portal";
  r.start = {"https://news.example.cn/"};
  r.exclude = {"/calendar/"};
  auto t = Table(r);
  EXPECT_EQ(Check(*t, "https://news.example.cn/calendar/?d=1"), LinkVerdict::kExcluded);
  for (const char* u : {"/f/report.PDF", "/img/1.jpg", "/x.zip", "/v.mp4", "/d.docx"}) {
    EXPECT_EQ(Check(*t, std::string("https://news.example.cn") + u), LinkVerdict::kBinary) << u;
  }
  NewUrl link;
  EXPECT_EQ(MakeLink(*t, "https://news.example.cn/sitemap.xml.gz", PageKind::kSitemap, {}, &link), LinkVerdict::kOk);
}

TEST(LinksTest, UrlLengthCapAtLimitMinusOneLimitAndPlusOne) {
  auto t = Table();
  std::string base = "https://news.example.cn/";
  auto of_length = [&](size_t n) { return base + std::string(n - base.size(), 'a'); };
  EXPECT_EQ(Check(*t, of_length(kMaxUrlBytes - 1)), LinkVerdict::kOk);
  EXPECT_EQ(Check(*t, of_length(kMaxUrlBytes)), LinkVerdict::kOk);
  EXPECT_EQ(Check(*t, of_length(kMaxUrlBytes + 1)), LinkVerdict::kTooLong);
}

TEST(LinksTest, TooManyParametersAndRepeatedSegmentsAreTraps) {
  auto t = Table();
  std::string query;
  for (int i = 0; i < kMaxQueryParams; ++i) query += (i ? "&p" : "p") + std::to_string(i) + "=1";
  EXPECT_EQ(Check(*t, "https://news.example.cn/s?" + query), LinkVerdict::kOk);
  EXPECT_EQ(Check(*t, "https://news.example.cn/s?" + query + "&x=2"), LinkVerdict::kTooManyParams);
  EXPECT_EQ(Check(*t, "https://news.example.cn/a/b/a/b/"), LinkVerdict::kOk);
  EXPECT_EQ(Check(*t, "https://news.example.cn/a/b/a/b/a/b/"), LinkVerdict::kRepeatedSegments);
}

TEST(LinksTest, DepthCapAtLimitMinusOneLimitAndPlusOne) {
  auto t = Table();  // max_depth 3
  EXPECT_EQ(Check(*t, "https://news.example.cn/a/1.html", {"https://news.example.cn/l/", 1, 0}), LinkVerdict::kOk);
  EXPECT_EQ(Check(*t, "https://news.example.cn/a/1.html", {"https://news.example.cn/l/", 2, 0}), LinkVerdict::kOk);
  EXPECT_EQ(Check(*t, "https://news.example.cn/a/1.html", {"https://news.example.cn/l/", 3, 0}),
            LinkVerdict::kTooDeep);
}

TEST(LinksTest, SamePathNewQueryChainsAreCappedLikeACalendar) {
  auto t = Table();
  std::string cal = "https://news.example.cn/calendar/";
  NewUrl link;
  EXPECT_EQ(Check(*t, cal + "?date=2", {cal + "?date=1", 1, kMaxQueryHops - 1}, &link), LinkVerdict::kOk);
  EXPECT_EQ(link.hops, kMaxQueryHops);
  EXPECT_EQ(Check(*t, cal + "?date=3", {cal + "?date=2", 1, kMaxQueryHops}), LinkVerdict::kTrapHops);
  // Another path starts the count again.
  EXPECT_EQ(Check(*t, "https://news.example.cn/list/?p=2", {cal + "?date=2", 1, kMaxQueryHops}, &link),
            LinkVerdict::kOk);
  EXPECT_EQ(link.hops, 0);
}

TEST(LinksTest, SessionTokensAndTrackingParametersNeverReachTheServer) {
  auto t = Table();
  NewUrl link;
  ASSERT_EQ(Check(*t, "https://news.example.cn/a/1.shtml?sid=2c4719dc6544", {}, &link), LinkVerdict::kOk);
  EXPECT_EQ(link.url, "https://news.example.cn/a/1.shtml");
  ASSERT_EQ(Check(*t, "https://news.example.cn/a/1.shtml?sid=604215717255", {}, &link), LinkVerdict::kOk);
  EXPECT_EQ(link.url, "https://news.example.cn/a/1.shtml");  // hex without a letter
  ASSERT_EQ(Check(*t, "https://news.example.cn/a/1.html?utm_source=wechat&id=5", {}, &link), LinkVerdict::kOk);
  EXPECT_EQ(link.url, "https://news.example.cn/a/1.html?id=5");
  // A short section id stays: it names a page.
  ASSERT_EQ(Check(*t, "https://news.example.cn/list.php?sid=5", {}, &link), LinkVerdict::kOk);
  EXPECT_EQ(link.url, "https://news.example.cn/list.php?sid=5");
  // Variants of one page share one key.
  NewUrl a, b;
  Check(*t, "https://NEWS.example.cn/a/1.html?from=rss#comments", {}, &a);
  Check(*t, "https://news.example.cn/a/1.html", {}, &b);
  EXPECT_EQ(a.url_key, b.url_key);
}

TEST(LinksTest, HostKeyKeepsOnlyAPortThatIsNotTheDefault) {
  EXPECT_EQ(HostKey("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
  EXPECT_EQ(HostKey("https://News.Example.cn:443/x"), "news.example.cn");
  EXPECT_EQ(HostKey("not a url"), "");
}

TEST(LinksTest, UnwantedContentTypes) {
  for (const char* type : {"image/png", "application/pdf", "video/mp4", "application/zip",
                           "application/vnd.ms-excel"}) {
    EXPECT_TRUE(IsUnwantedContentType(type)) << type;
  }
  for (const char* type : {"text/html; charset=gbk", "application/xhtml+xml", "application/rss+xml",
                           "text/xml", "application/x-gzip", "application/octet-stream", "",
                           "application/vnd.google-earth.kml+xml"}) {
    EXPECT_FALSE(IsUnwantedContentType(type)) << type;
  }
}

TEST(LinksTest, ListUrlsAndKindGuesses) {
  auto t = Table();
  const Site& site = *t->sites()[0];
  for (const char* u : {"https://x.cn/news/", "https://x.cn/news/index.html", "https://x.cn/news/list_2.html",
                        "https://x.cn/index_3.shtml"}) {
    EXPECT_TRUE(LooksLikeListUrl(u)) << u;
    EXPECT_EQ(GuessKind(site, u), PageKind::kList) << u;
  }
  for (const char* u : {"https://x.cn/news/2025/0314/100883.html", "https://x.cn/show-100897.html",
                        "https://x.cn/show.php?id=12345"}) {
    EXPECT_FALSE(LooksLikeListUrl(u)) << u;
    EXPECT_EQ(GuessKind(site, u), PageKind::kArticle) << u;
  }
}

TEST(LinksTest, GenericArticleNeedsConfidenceAndARealBody) {
  auto t = Table();
  const Site& site = *t->sites()[0];
  FrontierUrl lease;
  lease.kind = PageKind::kArticle;
  lease.depth = 2;
  Article a;
  a.confidence = 0.9;
  a.body = std::string(400, 'x') + "\n\n" + std::string(400, 'y');
  std::string u = "https://news.example.cn/2025/0314/100883.html";
  EXPECT_TRUE(IsArticlePage(site, lease, u, a));
  EXPECT_FALSE(IsArticlePage(site, lease, "https://news.example.cn/news/", a));  // a section
  Article low = a;
  low.confidence = 0.3;
  EXPECT_FALSE(IsArticlePage(site, lease, u, low));
  Article headlines = a;
  headlines.body.clear();
  for (int i = 0; i < 12; ++i) headlines.body += "标题一二三 2025-03-14\n\n";
  EXPECT_FALSE(IsArticlePage(site, lease, u, headlines));
  FrontierUrl start = lease;
  start.kind = PageKind::kList;
  start.depth = 0;
  EXPECT_FALSE(IsArticlePage(site, start, u, a));  // start pages are lists
}

}  // namespace
}  // namespace gleaner::crawl::internal
