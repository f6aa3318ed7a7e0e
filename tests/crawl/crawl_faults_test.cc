// crawl_faults_test: the world failing under a crawl - the disk fills (a
// file-size limit on a child crawl), the server goes away mid-crawl (a
// TcpGate in front of the loopback server is shut), the crawler is killed
// again and again - and each time the next run finishes the work: every
// article stored once, as a clean crawl stores it, and a sound database.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "crawl/crawl_test_util.h"
#include "crawl_internal.h"
#include "support/tcp_gate.h"

extern char** environ;

namespace gleaner::testing {
namespace {

constexpr int kArticles = 40;
constexpr int kReportFd = 3;  // where the child crawl writes its outcome

// Wall time that moves with real time (from 2025-03-14), and can jump: the
// crawl's own retry waits then really come due within a run.
class MovingClock final : public crawl::Clock {
 public:
  int64_t WallMs() const override { return 1741910400000 + offset_ms_.load() + (SteadyMs() - start_ms_); }
  int64_t SteadyMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  }
  void AdvanceHours(int64_t h) { offset_ms_ += h * 3600 * 1000; }

 private:
  int64_t start_ms_ = SteadyMs();
  std::atomic<int64_t> offset_ms_{0};
};

// The child's side: runs only when a parent test sets the variables, and
// writes "ok" or "<code name>\n<message>" to kReportFd when that is open.
TEST(CrawlFaultsChild, Crawl) {
  const char* db = std::getenv("GLEANER_FAULTS_CHILD_DB");
  const char* start = std::getenv("GLEANER_FAULTS_CHILD_URL");
  if (db == nullptr || start == nullptr) GTEST_SKIP() << "runs only as the child of CrawlFaultsTest";
  TestClock clock;
  crawl::Crawler crawler(OneSiteOptions(db, start, &clock));
  Result<crawl::Summary> summary = crawler.Run();
  std::string report = "ok";
  if (!summary.ok()) {
    report = std::string(CodeName(summary.error().code)) + "\n" + summary.error().message;
  } else if (summary->store_error) {
    report = std::string(CodeName(summary->store_error->code)) + "\n" + summary->store_error->message;
  }
  (void)!write(kReportFd, report.data(), report.size());
}

// Starts this binary as CrawlFaultsChild.Crawl on `db`; with `fsize_limit`
// > 0 under that RLIMIT_FSIZE (SIGXFSZ ignored, as `gleaner crawl` does, so
// writes fail with EFBIG). The child's report goes to `report_fd`.
pid_t StartChild(const std::string& db, const std::string& url, rlim_t fsize_limit, int report_fd) {
  // Everything is prepared before fork (the server's threads run here).
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string filter = "--gtest_filter=CrawlFaultsChild.Crawl";
  std::vector<std::string> env_storage = {"GLEANER_FAULTS_CHILD_DB=" + db, "GLEANER_FAULTS_CHILD_URL=" + url};
  for (char** e = environ; *e != nullptr; ++e) env_storage.push_back(*e);
  std::vector<char*> env;
  for (std::string& e : env_storage) env.push_back(e.data());
  env.push_back(nullptr);
  std::vector<char*> argv = {self.data(), filter.data(), nullptr};
  rlimit limit{fsize_limit, fsize_limit};
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, STDOUT_FILENO);
    if (report_fd >= 0) dup2(report_fd, kReportFd);
    if (fsize_limit > 0) {
      signal(SIGXFSZ, SIG_IGN);
      setrlimit(RLIMIT_FSIZE, &limit);
    }
    execve(argv[0], argv.data(), env.data());
    _exit(127);
  }
  return pid;
}

std::string IntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  std::string result = sqlite3_step(stmt) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                                                        : std::string("no answer: ") + sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

// What a user compares: path -> (title, body, published), and how many rows.
using Stored = std::map<std::string, std::tuple<std::string, std::string, std::string>>;
Stored StoredByPath(const std::string& db, const std::string& origin, size_t* rows) {
  Stored out;
  std::vector<Article> articles = StoredArticles(db);
  *rows = articles.size();
  for (const Article& a : articles) {
    out[a.url.substr(origin.size())] = {a.title, a.body, a.published};
  }
  return out;
}

std::map<std::string, int64_t> States(const std::string& db) {
  auto frontier = store::Frontier::Open(db);
  EXPECT_TRUE(frontier.ok());
  if (!frontier.ok()) return {};
  auto counts = (*frontier)->CountByState();
  EXPECT_TRUE(counts.ok());
  return counts.ok() ? *counts : std::map<std::string, int64_t>{};
}

// ArticlePage with a body eight times as long (about 7 KB): enough bytes
// for a file-size limit to be reached mid-crawl.
std::string LongArticlePage(int id) {
  std::string page = ArticlePage(id);
  std::string more;
  for (int k = 1; k < 8; ++k) more += ArticleBody(id + 1000 * k);
  return page.insert(page.find("</article>"), more);
}

// A news site of kArticles articles behind one list page. Each article
// request is counted; `hook` (if set) runs first, on the server's thread.
class FaultSite {
 public:
  FaultSite() {
    server_.Serve("/robots.txt", HttpResponse::Status(404));
    std::vector<std::string> paths;
    for (int i = 1; i <= kArticles; ++i) {
      std::string path = "/a/" + std::to_string(i) + ".html";
      paths.push_back(path);
      server_.Route(path, [this, i](const HttpRequest&) {
        int seen = 0;
        {
          std::lock_guard<std::mutex> lock(mu_);
          seen = ++seen_;
        }
        cv_.notify_all();
        if (hook_) hook_(seen);
        HttpResponse response = HttpResponse::Ok(LongArticlePage(i));
        response.delay_before_headers_ms = 10;  // keeps a crawl busy long enough to be hit
        return response;
      });
    }
    server_.Serve("/", HttpResponse::Ok(ListPage(paths)));
  }
  HttpServer& server() { return server_; }
  int seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }
  // Waits until `n` article requests were seen in all; false after 30 s.
  bool WaitSeen(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(30), [&] { return seen_ >= n; });
  }
  // Set before any crawl starts.
  void SetHook(std::function<void(int)> hook) { hook_ = std::move(hook); }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int seen_ = 0;  // GUARDED_BY(mu_)
  std::function<void(int)> hook_;
  HttpServer server_;  // last: its threads stop before the rest goes
};

TEST(CrawlFaultsTest, DiskFullStopsTheCrawlNamingTheDbAndTheNextRunFinishes) {
  FaultSite site;
  TempDir dir;
  std::string ref = (dir / "clean.db").string();
  std::string db = (dir / "news.db").string();
  TestClock clock;
  RunCrawl(OneSiteOptions(ref, site.server().Url("/"), &clock));
  store::Options schema = OneSiteOptions(db, "", &clock).store;
  { ASSERT_TRUE(store::Store::Open(db, schema).ok() && store::Frontier::Open(db).ok()); }  // before the limit
  auto empty = std::filesystem::file_size(db);
  auto full = std::filesystem::file_size(ref);
  // The crawl's new pages go to the -wal file first, and there are more of
  // them than the finished file gained: half of that is hit mid-crawl.
  rlim_t limit = (full - empty) / 2;
  ASSERT_GT(limit, 64u * 1024) << "the site is too small to fill a limit mid-crawl";

  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = StartChild(db, site.server().Url("/"), limit, fds[1]);
  ASSERT_GT(pid, 0);
  close(fds[1]);
  std::string report;
  char buffer[512];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) report.append(buffer, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "the child crawl died instead of failing cleanly";
  EXPECT_EQ(report.substr(0, report.find('\n')), "disk_full") << report;
  EXPECT_NE(report.find(db), std::string::npos) << "the error should name the database: " << report;
  EXPECT_EQ(IntegrityCheck(db), "ok");
  size_t rows = 0;
  EXPECT_LT(StoredByPath(db, site.server().Origin(), &rows).size(), static_cast<size_t>(kArticles));

  // Space is back: the next run finishes, and the store is the clean one.
  crawl::Summary again = RunCrawl(OneSiteOptions(db, site.server().Url("/"), &clock));
  EXPECT_FALSE(again.store_error) << again.store_error->message;
  size_t ref_rows = 0;
  Stored clean = StoredByPath(ref, site.server().Origin(), &ref_rows);
  EXPECT_EQ(StoredByPath(db, site.server().Origin(), &rows), clean);
  EXPECT_EQ(rows, static_cast<size_t>(kArticles));
  EXPECT_EQ(ref_rows, static_cast<size_t>(kArticles));
  EXPECT_EQ(IntegrityCheck(db), "ok");
  std::map<std::string, int64_t> states = States(db);
  EXPECT_EQ(states["pending"] + states["leased"] + states["failed"], 0);
}

TEST(CrawlFaultsTest, ServerGoneMidCrawlLeavesTheRestPendingAndTheNextRunFinishes) {
  FaultSite site;
  TcpGate gate(site.server().port());
  std::mutex mu;
  std::condition_variable cv;
  bool drop = false;
  site.SetHook([&](int seen) {
    if (seen != 10) return;
    std::lock_guard<std::mutex> lock(mu);
    drop = true;
    cv.notify_all();
  });
  std::thread dropper([&] {  // the server goes away while the crawl runs
    std::unique_lock<std::mutex> lock(mu);
    if (cv.wait_for(lock, std::chrono::seconds(30), [&] { return drop; })) gate.Close();
  });
  TempDir dir;
  std::string db = (dir / "news.db").string();
  MovingClock clock;
  crawl::Options options = OneSiteOptions(db, gate.Url("/"), &clock);
  options.max_retry_wait_ms = 60'000;  // as users run it: a run waits for its retries
  crawl::Summary cut = RunCrawl(options);
  dropper.join();
  ASSERT_TRUE(drop) << "the crawl never got going";

  std::string host = "127.0.0.1:" + std::to_string(gate.port());
  EXPECT_EQ(cut.hosts_skipped.count(host), 1u);
  EXPECT_EQ(cut.stopped_by, "done");
  EXPECT_GT(cut.totals.retries, 0);  // the failures are recorded...
  EXPECT_EQ(cut.totals.failed, 0);   // ...and none is given up for good
  int tried = 0;
  for (int i = 1; i <= kArticles; ++i) {
    auto row = FrontierRow(db, gate.Url("/a/" + std::to_string(i) + ".html"));
    ASSERT_TRUE(row);
    tried += row->attempts > 0 ? 1 : 0;
  }
  // Only the URLs that showed the host gone, and those in flight, paid an attempt.
  EXPECT_LE(tried, static_cast<int>(crawl::internal::kHostDownUrls) + options.per_host);
  std::map<std::string, int64_t> states = States(db);
  EXPECT_EQ(states["failed"], 0);
  EXPECT_EQ(states["leased"], 0);
  EXPECT_GT(states["pending"], 0);
  EXPECT_EQ(IntegrityCheck(db), "ok");

  gate.Open();  // the server is back, on the same port
  clock.AdvanceHours(1);
  crawl::Summary resumed = RunCrawl(options);
  EXPECT_TRUE(resumed.hosts_skipped.empty());
  size_t rows = 0;
  EXPECT_EQ(StoredByPath(db, gate.Url(""), &rows).size(), static_cast<size_t>(kArticles));
  EXPECT_EQ(rows, static_cast<size_t>(kArticles));
  states = States(db);
  EXPECT_EQ(states["pending"] + states["leased"] + states["failed"], 0);
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

// Five SIGKILLs at different points, each while the child waits on an
// article request the server holds (so it cannot finish first), then one
// run to the end: the store equals a clean crawl's.
TEST(CrawlFaultsTest, FiveKillsInARowThenOneRunEqualAClean) {
  FaultSite site;
  const std::vector<int> kill_at = {3, 9, 16, 24, 33};  // article requests seen, all runs together
  std::mutex mu;
  std::condition_variable cv;
  int killed = 0;  // GUARDED_BY(mu)
  int base = -1;  // article requests of the clean crawl; -1: not armed yet
  site.SetHook([&](int seen) {
    std::unique_lock<std::mutex> lock(mu);
    if (base < 0) return;
    for (size_t k = 0; k < kill_at.size(); ++k) {
      if (seen - base != kill_at[k]) continue;
      cv.wait_for(lock, std::chrono::seconds(30), [&] { return killed > static_cast<int>(k); });
    }
  });
  TempDir dir;
  std::string ref = (dir / "clean.db").string();
  std::string db = (dir / "news.db").string();
  TestClock clock;
  RunCrawl(OneSiteOptions(ref, site.server().Url("/"), &clock));
  {
    std::lock_guard<std::mutex> lock(mu);
    base = site.seen();
  }

  for (size_t k = 0; k < kill_at.size(); ++k) {
    pid_t pid = StartChild(db, site.server().Url("/"), 0, -1);
    ASSERT_GT(pid, 0);
    EXPECT_TRUE(site.WaitSeen(base + kill_at[k])) << "kill " << k << ": the child crawl never got there";
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    {
      std::lock_guard<std::mutex> lock(mu);
      ++killed;
    }
    cv.notify_all();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "kill " << k << ": the child ended first";
    if (std::filesystem::exists(db)) {
      EXPECT_EQ(IntegrityCheck(db), "ok") << "after kill " << k;
    }
  }
  RunCrawl(OneSiteOptions(db, site.server().Url("/"), &clock));
  size_t rows = 0;
  size_t ref_rows = 0;
  EXPECT_EQ(StoredByPath(db, site.server().Origin(), &rows), StoredByPath(ref, site.server().Origin(), &ref_rows));
  EXPECT_EQ(rows, static_cast<size_t>(kArticles));  // none twice
  EXPECT_EQ(ref_rows, static_cast<size_t>(kArticles));
  EXPECT_EQ(IntegrityCheck(db), "ok");
  std::map<std::string, int64_t> states = States(db);
  EXPECT_EQ(states["pending"] + states["leased"] + states["failed"], 0);
}

}  // namespace
}  // namespace gleaner::testing
