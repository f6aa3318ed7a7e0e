// crawl_kill_test: a crawl killed with SIGKILL mid-run (a child process:
// this test binary re-run with a filter) and then run again in-process
// stores every article exactly once and leaves a sound database.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "crawl/crawl_test_util.h"

extern char** environ;

namespace gleaner::testing {
namespace {

constexpr int kArticles = 40;
constexpr int kKillAfter = 15;  // article requests seen before the kill

// The child's side: runs only when the parent test sets the variables.
TEST(CrawlChild, Run) {
  const char* db = std::getenv("GLEANER_CRAWL_CHILD_DB");
  const char* start = std::getenv("GLEANER_CRAWL_CHILD_URL");
  if (db == nullptr || start == nullptr) GTEST_SKIP() << "runs only as the child of CrawlKillTest";
  TestClock clock;
  RunCrawl(OneSiteOptions(db, start, &clock));
}

std::string IntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  std::string result = sqlite3_step(stmt) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                                                        : "no answer";
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

TEST(CrawlKillTest, SigkillMidCrawlThenRerunStoresEveryArticleOnce) {
  HttpServer server;
  std::mutex mu;
  std::condition_variable cv;
  int seen = 0;
  server.Serve("/robots.txt", HttpResponse::Status(404));
  std::vector<std::string> paths;
  for (int i = 1; i <= kArticles; ++i) {
    std::string path = "/a/" + std::to_string(i) + ".html";
    paths.push_back(path);
    server.Route(path, [&, i](const HttpRequest&) {
      {
        std::lock_guard<std::mutex> lock(mu);
        ++seen;
      }
      cv.notify_all();
      HttpResponse response = HttpResponse::Ok(ArticlePage(i));
      response.delay_before_headers_ms = 10;  // keeps the crawl busy long enough to be killed
      return response;
    });
  }
  server.Serve("/", HttpResponse::Ok(ListPage(paths)));
  TempDir dir;
  std::string db = (dir / "news.db").string();

  // Everything the child needs is prepared before fork (threads run here).
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string filter = "--gtest_filter=CrawlChild.Run";
  std::vector<std::string> env_storage = {"GLEANER_CRAWL_CHILD_DB=" + db,
                                          "GLEANER_CRAWL_CHILD_URL=" + server.Url("/")};
  for (char** e = environ; *e != nullptr; ++e) env_storage.push_back(*e);
  std::vector<char*> env;
  for (std::string& e : env_storage) env.push_back(e.data());
  env.push_back(nullptr);
  std::vector<char*> argv = {self.data(), filter.data(), nullptr};
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, STDOUT_FILENO);
    execve(argv[0], argv.data(), env.data());
    _exit(127);
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    bool reached = cv.wait_for(lock, std::chrono::seconds(30), [&] { return seen >= kKillAfter; });
    EXPECT_TRUE(reached) << "the child crawl never got going";
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child finished before the kill";

  size_t before = StoredArticles(db).size();
  EXPECT_LT(before, static_cast<size_t>(kArticles));
  TestClock clock;
  crawl::Summary resumed = RunCrawl(OneSiteOptions(db, server.Url("/"), &clock));
  std::vector<Article> stored = StoredArticles(db);
  std::set<std::string> urls;
  for (const Article& a : stored) urls.insert(a.url);
  EXPECT_EQ(stored.size(), static_cast<size_t>(kArticles));
  EXPECT_EQ(urls.size(), static_cast<size_t>(kArticles));
  EXPECT_EQ(resumed.totals.articles_new + resumed.totals.articles_unchanged + static_cast<int64_t>(before),
            kArticles + resumed.totals.articles_unchanged);
  EXPECT_EQ(IntegrityCheck(db), "ok");
  auto frontier = store::Frontier::Open(db);
  ASSERT_TRUE(frontier.ok());
  auto counts = (*frontier)->CountByState();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)["leased"], 0);
  EXPECT_EQ((*counts)["pending"], 0);
}

}  // namespace
}  // namespace gleaner::testing
