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

#include "e2e/gleaner_process.h"
#include "support/http_server.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

std::string Article(int id) {
  std::string body;
  for (int p = 0; p < 4; ++p) {
    body += "<p>第" + std::to_string(id) + "号报道：记者从有关部门获悉，本市第" + std::to_string(id * 31 + p) +
            "批重点项目已经全面开工，预计将带动就业岗位" + std::to_string(id * 97 + p * 13) +
            "个，相关负责人表示将全力做好服务保障工作，确保项目早日建成投产见效。</p>";
  }
  return "<html><head><meta charset=\"utf-8\"><title>报道" + std::to_string(id) + "</title></head><body><article><h1>报道" +
         std::to_string(id) + "</h1><time datetime=\"2025-03-14T08:56:00+08:00\">2025-03-14 08:56</time>" + body +
         "</article></body></html>";
}

class CrawlCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Serve("/robots.txt", HttpResponse::Status(404));
    std::string list = "<html><body><ul>";
    for (int i = 1; i <= 5; ++i) {
      std::string path = "/a/" + std::to_string(i) + ".html";
      server_.Serve(path, HttpResponse::Ok(Article(i)));
      list += "<li><a href=\"" + path + "\">报道" + std::to_string(i) + "</a></li>";
    }
    server_.Serve("/", HttpResponse::Ok(list + "</ul></body></html>"));
    WriteFile(rules_, "[site]\nname = \"test\"\nstart = [\"" + server_.Url("/") +
                          "\"]\narticle = '/a/\\d+\\.html$'\n");
  }
  ProcessResult Crawl(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"crawl", "--db", db_, "--delay", "0", "--rules", rules_.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunGleaner(args);
  }
  int StoredCount() {
    ProcessResult r = RunGleaner({"export", "--db", db_, "--format", "jsonl", "--include-duplicates"});
    int n = 0;
    for (char c : r.out) n += c == '\n';
    return n;
  }

  HttpServer server_;
  TempDir dir_;
  std::string db_ = (dir_ / "news.db").string();
  std::filesystem::path rules_ = dir_ / "rules" / "test.toml";
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
  for (int i = 1; i <= 5; ++i) {
    server_.Route("/a/" + std::to_string(i) + ".html", [&, i](const HttpRequest&) {
      if (!sent.exchange(true)) {
        std::ifstream in(lock_path);
        pid_t pid = 0;
        in >> pid;
        if (pid > 0) kill(pid, SIGTERM);
      }
      return HttpResponse::Ok(Article(i));
    });
  }
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
