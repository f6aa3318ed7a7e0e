// crawl_faults_cli_test: `gleaner crawl` as cron runs it when the disk
// fills (a file-size limit) or the server goes away mid-crawl: the exit
// status and message a user acts on (4 naming the database; 6 naming the
// host), a database that still reads, and a next run that finishes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "e2e/crawl_site.h"
#include "e2e/gleaner_process.h"
#include "support/http_server.h"
#include "support/tcp_gate.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

constexpr int kArticles = 30;

// RLIMIT_FSIZE for this process while in scope; children (gleaner) inherit
// it. Nothing else here writes files meanwhile.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    rlimit limit{bytes, saved_.rlim_max};
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &saved_); }

 private:
  rlimit saved_{};
};

class CrawlFaultsCliTest : public CrawlSiteTest {
 protected:
  // About 6 KB per article: a file-size limit can fall between the schema
  // and the finished file.
  void MakeSite(const std::string& origin) { CrawlSiteTest::MakeSite(origin, kArticles, 20); }
  ProcessResult Crawl(const std::string& db, std::vector<std::string> extra = {}) {
    return CrawlInto(db, std::move(extra));
  }
  int StoredCount(const std::string& db) { return StoredIn(db); }
};

TEST_F(CrawlFaultsCliTest, DiskFullExitsFourNamingTheDbAndTheNextRunFinishes) {
  MakeSite(server_.Origin());
  std::string clean = (dir_ / "clean.db").string();
  ASSERT_EQ(Crawl(clean).exit_code, 0);
  std::string db = (dir_ / "news.db").string();
  ASSERT_EQ(Crawl(db, {"--max-pages", "1"}).exit_code, 0);  // the schema and the list page only
  // Every page the rest of the crawl writes goes to the -wal file first (no
  // checkpoint in a crawl this small), and more pages are written than the
  // finished file gains: half its gain is reached mid-crawl. gleaner itself
  // ignores SIGXFSZ, so the write fails with EFBIG.
  auto gain = std::filesystem::file_size(clean) - std::filesystem::file_size(db);
  rlim_t limit = gain / 2;
  ASSERT_GT(limit, 64u * 1024) << "the site is too small to fill a limit mid-crawl";
  ProcessResult full;
  {
    FileSizeLimit guard(limit);
    full = Crawl(db);
  }
  EXPECT_EQ(full.exit_code, 4) << Describe(full);
  EXPECT_NE(full.err.find("gleaner: crawl: " + db + ": the disk (or a file-size limit) is full"), std::string::npos)
      << full.err;
  EXPECT_NE(full.err.find("(File too large)"), std::string::npos) << full.err;
  // What was committed reads back (how much depends on how the pages fell
  // into the writer's rounds: all of it may have been one round).
  EXPECT_LT(StoredCount(db), kArticles);

  ProcessResult again = Crawl(db);
  EXPECT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(StoredCount(db), kArticles);
}

// The gate in front of the server is shut at the 5th article request: the
// run ends at once with its summary, exit 6 and the host named; the next
// run, with the server back on the same port, stores the rest.
TEST_F(CrawlFaultsCliTest, ServerGoneMidCrawlExitsSixAndTheNextRunFinishes) {
  TcpGate gate(server_.port());
  std::mutex mu;
  std::condition_variable cv;
  int seen = 0;
  on_article_ = [&] {
    std::lock_guard<std::mutex> lock(mu);
    if (++seen == 5) cv.notify_all();
  };
  MakeSite(gate.Url(""));
  std::thread dropper([&] {
    std::unique_lock<std::mutex> lock(mu);
    if (cv.wait_for(lock, std::chrono::seconds(30), [&] { return seen >= 5; })) gate.Close();
  });
  std::string db = (dir_ / "news.db").string();
  ProcessResult cut = Crawl(db);
  dropper.join();
  EXPECT_EQ(cut.exit_code, 6) << Describe(cut);
  EXPECT_NE(cut.err.find("I crawl done "), std::string::npos) << cut.err;
  EXPECT_NE(cut.err.find(" hosts_skipped=1"), std::string::npos) << cut.err;
  EXPECT_NE(cut.err.find("W crawl host_left host=127.0.0.1:" + std::to_string(gate.port()) + " reason=\"unreachable"),
            std::string::npos)
      << cut.err;
  EXPECT_LT(StoredCount(db), kArticles);

  gate.Open();
  ProcessResult again = Crawl(db);
  EXPECT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_NE(again.err.find(" hosts_skipped=0"), std::string::npos) << again.err;
  EXPECT_EQ(StoredCount(db), kArticles);
}

}  // namespace
}  // namespace gleaner::testing
