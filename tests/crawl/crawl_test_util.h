// crawl_test_util: a small news site on the loopback server, a clock whose
// wall time the test moves, and a crawl run with fast, deterministic
// options - shared by the crawl tests.
#ifndef GLEANER_TESTS_CRAWL_CRAWL_TEST_UTIL_H_
#define GLEANER_TESTS_CRAWL_CRAWL_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gleaner/crawl.h"
#include "gleaner/frontier.h"
#include "gleaner/store.h"
#include "support/http_server.h"
#include "support/test_util.h"

namespace gleaner::testing {

// Wall time stands still unless the test moves it (2025-03-14T00:00:00Z);
// steady time is real, so politeness waits really wait (tests keep delays
// at 0 or a few milliseconds).
class TestClock final : public crawl::Clock {
 public:
  int64_t WallMs() const override { return wall_ms_.load(); }
  int64_t SteadyMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  }
  void AdvanceHours(int64_t h) { wall_ms_ += h * 3600 * 1000; }

 private:
  std::atomic<int64_t> wall_ms_{1741910400000};
};

// About 700 bytes of Chinese text per id, in paragraphs; different ids give
// unrelated bodies (words drawn by a generator seeded with the id), so the
// store never takes two test articles for near-duplicates.
inline std::string ArticleBody(int id) {
  static const char* kWords[] = {
      "记者", "今年", "全市", "项目", "建设", "进展", "顺利", "负责人", "表示", "下一步", "政策", "支持",
      "产业", "转型", "升级", "统计", "季度", "市场", "主体", "增长", "专家", "认为", "举措", "提升",
      "城市", "公共", "服务", "居民", "生活", "质量", "企业", "代表", "座谈会", "行业", "发展", "建议",
      "计划", "配套", "设施", "年底", "社区", "改造", "家庭", "便民", "措施", "营商", "环境", "交通"};
  uint64_t x = static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ull + 1;
  std::string body;
  for (int p = 0; p < 4; ++p) {
    body += "<p>第" + std::to_string(id) + "号报道。";
    for (int w = 0; w < 28; ++w) {
      x ^= x >> 12;
      x ^= x << 25;
      x ^= x >> 27;
      body += kWords[(x * 0x2545F4914F6CDD1Dull >> 40) % (sizeof kWords / sizeof kWords[0])];
      if (w % 7 == 6) body += "。";
    }
    body += "</p>\n";
  }
  return body;
}

// An article page with a title, a date, a body and optional links.
inline std::string ArticlePage(int id, const std::string& extra_html = "") {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>新闻标题第" + std::to_string(id) +
         "号</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div><article><h1>新闻标题第" +
         std::to_string(id) + "号</h1><div class=\"info\"><time datetime=\"2025-03-14T08:56:00+08:00\">"
         "2025-03-14 08:56</time> 来源：新华社</div>\n" + ArticleBody(id) + "</article>" + extra_html +
         "</body></html>";
}

// A list page linking the given paths.
inline std::string ListPage(const std::vector<std::string>& paths) {
  std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>列表</title></head><body><ul>";
  for (const std::string& p : paths) html += "<li><a href=\"" + p + "\">标题 " + p + "</a></li>\n";
  return html + "</ul></body></html>";
}

// Every request's path and arrival time (steady ms), for politeness checks.
class ArrivalLog {
 public:
  void Note(const std::string& target) {
    using namespace std::chrono;
    std::lock_guard<std::mutex> lock(mu_);
    arrivals_.push_back({target, duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count()});
  }
  std::vector<std::pair<std::string, int64_t>> arrivals() const {
    std::lock_guard<std::mutex> lock(mu_);
    return arrivals_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<std::string, int64_t>> arrivals_;
};

// Crawl options for tests: no delays, one worker, fixed seed, fsync off,
// no in-run retry waits (tests move the clock between runs instead).
inline crawl::Options TestOptions(const std::string& db, const TestClock* clock) {
  crawl::Options o;
  o.db_path = db;
  o.default_delay_s = 0;
  o.workers = 1;
  o.seed = 42;
  o.max_retry_wait_ms = 0;
  o.store.fsync = false;
  o.store.search_index = false;
  o.fetch.total_timeout_ms = 5000;
  o.clock = clock;
  return o;
}

// One site "test" crawled from `start`, its articles /a/N.html, with fsync
// on as a user runs it: the crawl the kill and fault tests interrupt.
inline crawl::Options OneSiteOptions(const std::string& db, const std::string& start,
                                     const crawl::Clock* clock) {
  crawl::Options o = TestOptions(db, nullptr);
  o.clock = clock;
  o.store.fsync = true;
  rules::SiteRules site;
  site.name = "test";
  site.start = {start};
  site.article = R"(/a/\d+\.html$)";
  o.sites = {site};
  return o;
}

// A rules site on the server: articles are /a/<n>.html.
inline rules::SiteRules TestSite(const HttpServer& server, const std::string& start = "/") {
  rules::SiteRules site;
  site.name = "test";
  site.start = {server.Url(start)};
  site.article = R"(/a/\d+\.html$)";
  return site;
}

inline crawl::Summary RunCrawl(const crawl::Options& options) {
  crawl::Crawler crawler(options);
  Result<crawl::Summary> summary = crawler.Run();
  EXPECT_TRUE(summary.ok()) << (summary.ok() ? "" : summary.error().message);
  return summary.ok() ? *summary : crawl::Summary{};
}

// Stored articles (duplicates included), by URL.
inline std::vector<Article> StoredArticles(const std::string& db) {
  std::vector<Article> out;
  store::Options options;
  options.read_only = true;
  auto s = store::Store::Open(db, options);
  EXPECT_TRUE(s.ok());
  if (!s.ok()) return out;
  store::Query query;
  query.include_duplicates = true;
  auto scanned = (*s)->Scan(query, [&](const Article& a, int64_t) {
    out.push_back(a);
    return Status::Ok();
  });
  EXPECT_TRUE(scanned.ok());
  return out;
}

inline std::optional<store::FrontierUrl> FrontierRow(const std::string& db, const std::string& url) {
  auto f = store::Frontier::Open(db);
  EXPECT_TRUE(f.ok());
  if (!f.ok()) return std::nullopt;
  auto row = (*f)->Get(url);
  EXPECT_TRUE(row.ok());
  return row.ok() ? *row : std::nullopt;
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_CRAWL_CRAWL_TEST_UTIL_H_
