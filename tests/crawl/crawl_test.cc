// crawl_test: the crawler against the loopback server - storing articles,
// robots.txt, redirects hop by hop, conditional GET on the next run,
// retries across runs, traps, budgets, the lock, split articles,
// politeness measured at the server.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <vector>

#include "crawl/crawl_test_util.h"
#include "crawl_internal.h"
#include "gleaner/crawl.h"

namespace gleaner::testing {
namespace {

class CrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Serve("/robots.txt", HttpResponse::Status(404));
    for (int i = 1; i <= 9; ++i) {
      std::string path = "/a/" + std::to_string(i) + ".html";
      server_.Serve(path, HttpResponse::Ok(ArticlePage(i)));
    }
  }
  crawl::Options Options(rules::SiteRules site) {
    crawl::Options o = TestOptions(db_, &clock_);
    o.sites = {std::move(site)};
    return o;
  }
  crawl::Options Options() { return Options(TestSite(server_)); }
  std::set<std::string> StoredUrls() {
    std::set<std::string> urls;
    for (const Article& a : StoredArticles(db_)) urls.insert(a.url);
    return urls;
  }

  HttpServer server_;
  TempDir dir_;
  std::string db_ = (dir_ / "news.db").string();
  TestClock clock_;
};

TEST_F(CrawlTest, StoresTheArticlesOfAListAndTheListsItLinks) {
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/1.html", "/a/2.html", "/more/"})));
  server_.Serve("/more/", HttpResponse::Ok(ListPage({"/a/3.html", "/a/2.html?utm_source=x"})));
  crawl::Summary s = RunCrawl(Options());
  EXPECT_EQ(StoredUrls(), (std::set<std::string>{server_.Url("/a/1.html"), server_.Url("/a/2.html"),
                                                 server_.Url("/a/3.html")}));
  EXPECT_EQ(s.totals.articles_new, 3);
  EXPECT_EQ(s.stopped_by, "done");
  EXPECT_EQ(server_.RequestCount("/a/2.html"), 1);  // the utm_ variant is the same page
  for (const Article& a : StoredArticles(db_)) EXPECT_EQ(a.title.rfind("新闻标题第", 0), 0u) << a.title;
  auto row = FrontierRow(db_, server_.Url("/more/"));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->kind, store::PageKind::kList);
  EXPECT_EQ(row->state, store::UrlState::kDone);
}

TEST_F(CrawlTest, GenericCrawlWithoutRulesTellsArticlesFromLists) {
  server_.Serve("/", HttpResponse::Ok(ListPage({"/news/", "/a/1.html"})));
  server_.Serve("/news/", HttpResponse::Ok(ListPage({"/a/2.html", "/a/3.html", "/a/4.html", "/a/5.html",
                                                     "/a/6.html"})));
  crawl::Options o = TestOptions(db_, &clock_);
  o.start_urls = {server_.Url("/")};
  RunCrawl(o);
  std::set<std::string> urls = StoredUrls();
  EXPECT_EQ(urls.size(), 6u);
  EXPECT_FALSE(urls.count(server_.Url("/news/")));
}

TEST_F(CrawlTest, RobotsDisallowedPathsGetNoRequestAtAll) {
  server_.Serve("/robots.txt", HttpResponse::Ok("User-agent: *\nDisallow: /a/2.html\nDisallow: /private/\n",
                                                "text/plain"));
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/1.html", "/a/2.html", "/private/x.html", "/old/3"})));
  server_.Serve("/old/3", HttpResponse::Redirect(301, "/private/3.html"));
  RunCrawl(Options());
  EXPECT_EQ(server_.RequestCount("/a/2.html"), 0);
  EXPECT_EQ(server_.RequestCount("/private/x.html"), 0);
  EXPECT_EQ(server_.RequestCount("/private/3.html"), 0);  // a redirect hop is checked too
  EXPECT_EQ(server_.RequestCount("/robots.txt"), 1);
  EXPECT_EQ(StoredUrls(), (std::set<std::string>{server_.Url("/a/1.html")}));
}

TEST_F(CrawlTest, RobotsServerErrorSkipsTheHostForTheRun) {
  server_.Serve("/robots.txt", HttpResponse::Status(503));
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/1.html"})));
  crawl::Summary s = RunCrawl(Options());
  EXPECT_EQ(server_.RequestCount("/"), 0);
  EXPECT_EQ(server_.Requests().size(), 1u);  // robots.txt only
  EXPECT_EQ(s.totals.failed, 0);
  auto row = FrontierRow(db_, server_.Url("/"));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->state, store::UrlState::kPending);  // tried again next run
  EXPECT_EQ(row->attempts, 0);
}

TEST_F(CrawlTest, RedirectsAreFollowedHopByHopToTheArticle) {
  server_.Serve("/", HttpResponse::Ok(ListPage({"/html/7.htm"})));
  server_.Serve("/html/7.htm", HttpResponse::Redirect(301, "/go/7"));
  server_.Serve("/go/7", HttpResponse::Redirect(302, "../a/7.html"));
  RunCrawl(Options());
  EXPECT_EQ(StoredUrls(), (std::set<std::string>{server_.Url("/a/7.html")}));
  EXPECT_EQ(server_.RequestCount("/go/7"), 1);
  auto target = FrontierRow(db_, server_.Url("/a/7.html"));
  ASSERT_TRUE(target);  // a later link to the article does not fetch it again
  EXPECT_EQ(target->state, store::UrlState::kDone);
}

TEST_F(CrawlTest, RedirectLoopIsDetected) {
  server_.Serve("/", HttpResponse::Ok(ListPage({"/loop/a"})));
  server_.Serve("/loop/a", HttpResponse::Redirect(301, "/loop/b"));
  server_.Serve("/loop/b", HttpResponse::Redirect(302, "a"));
  crawl::Summary s = RunCrawl(Options());
  EXPECT_EQ(server_.RequestCount("/loop/a"), 1);
  EXPECT_EQ(server_.RequestCount("/loop/b"), 1);
  EXPECT_EQ(s.totals.gone, 1);
  auto row = FrontierRow(db_, server_.Url("/loop/a"));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->state, store::UrlState::kGone);
  EXPECT_NE(row->error.find("redirect_loop"), std::string::npos);
}

// /hop/N/0 -> /hop/N/1 -> ... -> /a/N.html: N redirects.
TEST_F(CrawlTest, RedirectCapAtLimitMinusOneLimitAndPlusOne) {
  server_.RoutePrefix("/hop/", [](const HttpRequest& r) {
    int n = std::stoi(r.path.substr(5));
    int k = std::stoi(r.path.substr(r.path.rfind('/') + 1));
    if (k + 1 < n) return HttpResponse::Redirect(302, "/hop/" + std::to_string(n) + "/" + std::to_string(k + 1));
    return HttpResponse::Redirect(302, "/a/" + std::to_string(n) + ".html");
  });
  server_.Serve("/", HttpResponse::Ok(ListPage({"/hop/4/0", "/hop/5/0", "/hop/6/0"})));
  RunCrawl(Options());
  EXPECT_EQ(StoredUrls(), (std::set<std::string>{server_.Url("/a/4.html"), server_.Url("/a/5.html")}));
  EXPECT_EQ(server_.RequestCount("/a/6.html"), 0);
  auto row = FrontierRow(db_, server_.Url("/hop/6/0"));
  ASSERT_TRUE(row);
  EXPECT_NE(row->error.find("too_many_redirects"), std::string::npos);
}

TEST_F(CrawlTest, SecondRunRevalidatesListsAndFetchesNoArticleAgain) {
  auto conditional = [](std::string body, std::string etag) {
    return [body, etag](const HttpRequest& r) {
      if (r.Header("If-None-Match") == etag) return HttpResponse::Status(304).WithHeader("ETag", etag);
      return HttpResponse::Ok(body).WithHeader("ETag", etag);
    };
  };
  server_.Route("/", conditional(ListPage({"/a/1.html", "/a/2.html"}), "\"home1\""));
  server_.Route("/robots.txt", [](const HttpRequest& r) {
    if (r.Header("If-None-Match") == "\"r1\"") return HttpResponse::Status(304);
    return HttpResponse::Ok("User-agent: *\nDisallow: /x/\n", "text/plain").WithHeader("ETag", "\"r1\"");
  });
  RunCrawl(Options());
  server_.ClearRequests();
  clock_.AdvanceHours(1);
  crawl::Summary second = RunCrawl(Options());
  EXPECT_EQ(server_.RequestCount("/a/1.html"), 0);
  EXPECT_EQ(server_.RequestCount("/a/2.html"), 0);
  ASSERT_EQ(server_.RequestsFor("/").size(), 1u);
  EXPECT_EQ(server_.RequestsFor("/")[0].Header("If-None-Match"), "\"home1\"");
  EXPECT_EQ(server_.RequestsFor("/robots.txt")[0].Header("If-None-Match"), "\"r1\"");
  EXPECT_EQ(second.totals.not_modified, 1);
  EXPECT_EQ(StoredArticles(db_).size(), 2u);
}

TEST_F(CrawlTest, ServiceUnavailableIsRetriedAfterRetryAfter) {
  std::atomic<int> calls{0};
  server_.Route("/a/1.html", [&](const HttpRequest&) {
    if (calls++ == 0) return HttpResponse::Status(503).WithHeader("Retry-After", "0");
    return HttpResponse::Ok(ArticlePage(1));
  });
  std::atomic<int> later{0};
  server_.Route("/a/2.html", [&](const HttpRequest&) {
    if (later++ == 0) return HttpResponse::Status(503).WithHeader("Retry-After", "3600");
    return HttpResponse::Ok(ArticlePage(2));
  });
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/1.html", "/a/2.html"})));
  crawl::Options o = Options();
  o.max_retry_wait_ms = 60'000;
  crawl::Summary s = RunCrawl(o);
  EXPECT_EQ(calls.load(), 2);  // retried in the same run
  EXPECT_EQ(later.load(), 1);  // an hour is not waited for: the next run does it
  auto row = FrontierRow(db_, server_.Url("/a/2.html"));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->state, store::UrlState::kPending);
  EXPECT_GE(row->next_fetch_ms, clock_.WallMs() + 3600 * 1000);
  EXPECT_EQ(s.totals.retries, 2);
  clock_.AdvanceHours(2);
  RunCrawl(o);
  EXPECT_EQ(later.load(), 2);
  EXPECT_EQ(StoredArticles(db_).size(), 2u);
}

TEST_F(CrawlTest, TransientServerErrorIsRetriedOnTheNextRun) {
  std::atomic<int> calls{0};
  server_.Route("/a/1.html", [&](const HttpRequest&) {
    return calls++ == 0 ? HttpResponse::Status(500) : HttpResponse::Ok(ArticlePage(1));
  });
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/1.html"})));
  RunCrawl(Options());
  EXPECT_TRUE(StoredArticles(db_).empty());
  EXPECT_EQ(FrontierRow(db_, server_.Url("/a/1.html"))->attempts, 1);
  clock_.AdvanceHours(1);
  RunCrawl(Options());
  EXPECT_EQ(StoredArticles(db_).size(), 1u);
  EXPECT_EQ(FrontierRow(db_, server_.Url("/a/1.html"))->attempts, 0);  // counted since the last success
  EXPECT_EQ(FrontierRow(db_, server_.Url("/a/1.html"))->state, store::UrlState::kDone);
}

TEST_F(CrawlTest, AttemptsSpanRunsAndStopAtTheCap) {
  server_.Serve("/a/1.html", HttpResponse::Status(500));
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/1.html"})));
  crawl::Options o = Options();
  o.max_attempts = 3;
  std::vector<int> requests;
  std::vector<store::UrlState> states;
  for (int run = 0; run < 4; ++run) {
    crawl::Summary s = RunCrawl(o);
    requests.push_back(server_.RequestCount("/a/1.html"));
    states.push_back(FrontierRow(db_, server_.Url("/a/1.html"))->state);
    if (run == 2) {
      EXPECT_EQ(s.totals.failed, 1);
    }
    clock_.AdvanceHours(1);
  }
  EXPECT_EQ(requests, (std::vector<int>{1, 2, 3, 3}));
  EXPECT_EQ(states, (std::vector<store::UrlState>{store::UrlState::kPending, store::UrlState::kPending,
                                                  store::UrlState::kFailed, store::UrlState::kFailed}));
}

TEST_F(CrawlTest, NotFoundIsGoneAndNotAskedAgain) {
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/404.html"})));
  crawl::Summary s = RunCrawl(Options());
  EXPECT_EQ(s.totals.gone, 1);
  EXPECT_EQ(s.totals.failed, 0);
  EXPECT_EQ(FrontierRow(db_, server_.Url("/a/404.html"))->state, store::UrlState::kGone);
  clock_.AdvanceHours(1);
  RunCrawl(Options());
  EXPECT_EQ(server_.RequestCount("/a/404.html"), 1);
}

TEST_F(CrawlTest, CalendarsSessionIdsAndLongUrlsAreBounded) {
  server_.RoutePrefix("/cal/", [](const HttpRequest& r) {
    int day = std::stoi(r.query.substr(r.query.find('=') + 1));
    return HttpResponse::Ok(ListPage({"/cal/?d=" + std::to_string(day - 1), "/cal/?d=" + std::to_string(day + 1),
                                      "/a/1.html?sid=" + std::to_string(day) + "f00d1234abc"}));
  });
  std::string long_path = "/long/" + std::string(3000, 'x');
  server_.Serve("/", HttpResponse::Ok(ListPage({"/cal/?d=100", long_path})));
  RunCrawl(Options());
  int calendar = 0, with_sid = 0;
  for (const HttpRequest& r : server_.Requests()) {
    calendar += r.path == "/cal/";
    with_sid += r.query.find("sid=") != std::string::npos;
  }
  EXPECT_LE(calendar, 2 * crawl::internal::kMaxQueryHops + 1);
  EXPECT_GE(calendar, 3);
  EXPECT_EQ(with_sid, 0);
  EXPECT_EQ(server_.RequestCount("/a/1.html"), 1);
  EXPECT_EQ(server_.RequestCount(long_path), 0);
}

TEST_F(CrawlTest, MaxPagesAtLimitMinusOneLimitAndPlusOne) {
  // Five URLs: the start page and four articles (robots.txt does not count).
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/1.html", "/a/2.html", "/a/3.html", "/a/4.html"})));
  for (int limit : {4, 5, 6}) {
    TempDir dir;
    crawl::Options o = Options();
    o.db_path = (dir / "news.db").string();
    o.max_pages = limit;
    server_.ClearRequests();
    crawl::Summary s = RunCrawl(o);
    size_t pages = server_.Requests().size() - static_cast<size_t>(server_.RequestCount("/robots.txt"));
    EXPECT_EQ(pages, static_cast<size_t>(std::min(limit, 5))) << limit;
    EXPECT_EQ(StoredArticles(o.db_path).size(), static_cast<size_t>(std::min(limit, 5) - 1)) << limit;
    EXPECT_EQ(s.stopped_by, limit == 6 ? "done" : "max-pages") << limit;
  }
}

TEST_F(CrawlTest, AHeldLockMakesAnotherRunBusy) {
  auto lock = crawl::CrawlLock::Acquire(db_);
  ASSERT_TRUE(lock.ok());
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/1.html"})));
  crawl::Crawler crawler(Options());
  Result<crawl::Summary> s = crawler.Run();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, Code::kBusy);
  EXPECT_NE(s.error().message.find("another crawl"), std::string::npos);
  EXPECT_TRUE(server_.Requests().empty());
  lock->reset();
  EXPECT_TRUE(crawl::CrawlLock::Acquire(db_).ok());
}

TEST_F(CrawlTest, SplitArticleIsStitchedAndItsPagesAreNotArticles) {
  std::string pager = "<div class=\"pages\"><a href=\"/a/8.html\">1</a> <a href=\"/a/8_2.html\">2</a> "
                      "<a href=\"/a/8_2.html\">下一页</a></div>";
  server_.Serve("/a/8.html", HttpResponse::Ok(ArticlePage(8, pager)));
  server_.Serve("/a/8_2.html", HttpResponse::Ok(ArticlePage(80)));
  server_.Serve("/", HttpResponse::Ok(ListPage({"/a/8.html"})));
  crawl::Options o = Options();
  o.sites[0].article = R"(/a/\d+(_\d+)?\.html$)";  // even a pattern that matches page 2
  RunCrawl(o);
  std::vector<Article> stored = StoredArticles(db_);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_NE(stored[0].body.find("第8号报道"), std::string::npos);
  EXPECT_NE(stored[0].body.find("第80号报道"), std::string::npos);
  EXPECT_EQ(server_.RequestCount("/a/8_2.html"), 1);
  EXPECT_EQ(FrontierRow(db_, server_.Url("/a/8_2.html"))->kind, store::PageKind::kOther);
}

TEST_F(CrawlTest, PolitenessIsMeasuredBetweenArrivalsAtTheServer) {
  ArrivalLog log;
  std::vector<std::string> list;
  for (int i = 1; i <= 6; ++i) {
    std::string path = "/a/" + std::to_string(i) + ".html";
    list.push_back(path);
    server_.Route(path, [&log, i](const HttpRequest& r) {
      log.Note(r.target);
      return HttpResponse::Ok(ArticlePage(i));
    });
  }
  server_.Route("/", [&](const HttpRequest& r) {
    log.Note(r.target);
    return HttpResponse::Ok(ListPage(list));
  });
  rules::SiteRules site = TestSite(server_);
  site.delay_s = 0.03;
  crawl::Options o = Options(site);
  o.per_host = 2;
  RunCrawl(o);
  auto arrivals = log.arrivals();
  ASSERT_EQ(arrivals.size(), 7u);
  for (size_t i = 1; i < arrivals.size(); ++i) {
    EXPECT_GE(arrivals[i].second - arrivals[i - 1].second, 30) << arrivals[i].first;
  }
  EXPECT_LE(server_.MaxConcurrentConnections(), 2);
}

}  // namespace
}  // namespace gleaner::testing
