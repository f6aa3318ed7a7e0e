// crawl_cli_test: `gleaner crawl` as cron runs it, against the loopback
// server - exit statuses (0, 2, 3, 5, 6, 130), a summary on stderr, silence
// with --quiet, and a second run that resumes after SIGTERM.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string>
#include <vector>

#include "e2e/crawl_site.h"
#include "e2e/gleaner_process.h"
#include "support/http_server.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

class CrawlCliTest : public CrawlSiteTest {
 protected:
  void SetUp() override { MakeSite(server_.Origin(), 5, 4); }
  ProcessResult Crawl(std::vector<std::string> extra = {}) { return CrawlInto(db_, std::move(extra)); }
  int StoredCount() { return StoredIn(db_); }

  std::string db_ = (dir_ / "news.db").string();
};

TEST_F(CrawlCliTest, StoresArticlesAndSummarisesOnStderr) {
  ProcessResult r = Crawl();
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("I crawl done pages=6 new=5"), std::string::npos) << r.err;
  EXPECT_EQ(StoredCount(), 5);
}

TEST_F(CrawlCliTest, QuietIsSilentOnSuccess) {
  ProcessResult r = Crawl({"--quiet"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
}

TEST_F(CrawlCliTest, StartUrlWithoutRulesCrawlsGenerically) {
  ProcessResult r = RunGleaner({"crawl", "--db", db_, "--delay", "0", server_.Url("/")});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(StoredCount(), 5);
}

TEST_F(CrawlCliTest, AnotherCrawlHoldingTheLockExitsFive) {
  std::string lock_path = db_ + ".lock";
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(flock(fd, LOCK_EX | LOCK_NB), 0);
  ProcessResult r = Crawl();
  close(fd);
  EXPECT_EQ(r.exit_code, 5) << Describe(r);
  EXPECT_NE(r.err.find("gleaner: crawl: another crawl is running on " + db_), std::string::npos) << r.err;
  EXPECT_TRUE(server_.Requests().empty());
}

TEST_F(CrawlCliTest, BrokenRulesExitThreeAndUsageErrorsTwo) {
  WriteFile(dir_ / "bad.toml", "[site]\nname = \"bad\"\narticle = '(unclosed'\n");
  ProcessResult bad = RunGleaner({"crawl", "--db", db_, "--rules", (dir_ / "bad.toml").string()});
  EXPECT_EQ(bad.exit_code, 3) << Describe(bad);
  EXPECT_NE(bad.err.find("gleaner: loading rules: "), std::string::npos);
  ProcessResult nothing = RunGleaner({"crawl", "--db", db_});
  EXPECT_EQ(nothing.exit_code, 2) << Describe(nothing);
  ProcessResult time = Crawl({"--max-time", "soon"});
  EXPECT_EQ(time.exit_code, 2) << Describe(time);
  EXPECT_NE(time.err.find("--max-time"), std::string::npos);
}

TEST_F(CrawlCliTest, FailuresOverTheThresholdExitSix) {
  for (int i = 1; i <= 5; ++i) server_.Serve("/a/" + std::to_string(i) + ".html", HttpResponse::Status(500));
  ProcessResult r = Crawl({"--max-attempts", "1", "--failure-threshold", "0.5"});
  EXPECT_EQ(r.exit_code, 6) << Describe(r);
  EXPECT_NE(r.err.find("by_reason=http_500:5"), std::string::npos) << r.err;
}

// The first article request reads the crawl's pid from the lock file and
// sends it SIGTERM: the run stops cleanly, and the next one finishes.
TEST_F(CrawlCliTest, SigtermStopsWith130AndTheNextRunFinishes) {
  std::atomic<bool> sent{false};
  std::string lock_path = db_ + ".lock";
  on_article_ = [&] {
    if (sent.exchange(true)) return;
    std::ifstream in(lock_path);
    pid_t pid = 0;
    in >> pid;
    if (pid > 0) kill(pid, SIGTERM);
  };
  ProcessResult stopped = Crawl({"--per-host", "1"});
  EXPECT_EQ(stopped.exit_code, 130) << Describe(stopped);
  EXPECT_NE(stopped.err.find("stopped_by=signal"), std::string::npos) << stopped.err;
  EXPECT_LT(StoredCount(), 5);
  ProcessResult again = Crawl();
  EXPECT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(StoredCount(), 5);
}

}  // namespace
}  // namespace gleaner::testing
