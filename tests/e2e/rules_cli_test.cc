// rules_cli_test: `gleaner rules check` end to end, as a user runs it
// before trusting a rules folder to cron: one "ok: ..." line per good file
// on stdout, one `gleaner: checking rules: FILE:LINE: KEY: why` line per
// problem on stderr, and exit 0 (all good), 3 (anything broken or missing)
// or 2 (usage).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "e2e/gleaner_process.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

constexpr char kGood[] = R"toml([site]
name = "portal"
start = ["https://news.example.cn/", "https://news.example.cn/world/"]
feeds = "https://news.example.cn/rss.xml"
article = '/news/\d+\.html$'
encoding = "gb2312"

[extract]
body = "div.content"
drop = [".share", ".ad"]
)toml";

constexpr char kBroken[] = R"toml([site]
name = "broken"
start = ["https://a.example/", "ftp://x/"]
)toml";

TEST(RulesCliTest, GoodFilePrintsOneOkLineAndExitsZero) {
  TempDir dir;
  std::string path = (dir / "portal.toml").string();
  WriteFile(path, kGood);
  ProcessResult r = RunGleaner({"rules", "check", path});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out, "ok: " + path +
                       ": portal (2 start URLs, 0 sitemaps, 1 feed, article pattern, encoding gb2312, "
                       "3 extract selectors)\n");
  EXPECT_EQ(r.err, "");
}

TEST(RulesCliTest, ExampleInTheTreeChecksClean) {
  ProcessResult r = RunGleaner({"rules", "check", (SourceDir() / "selectors").string()});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_NE(r.out.find("/example.toml: huaxia-daily ("), std::string::npos) << Describe(r);
  EXPECT_EQ(r.err, "");
}

TEST(RulesCliTest, BrokenFileExitsThreeWithFileLineKeyAndWhy) {
  TempDir dir;
  std::string path = (dir / "broken.toml").string();
  WriteFile(path, kBroken);
  ProcessResult r = RunGleaner({"rules", "check", path});
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "gleaner: checking rules: " + path + ":3: site.start[1]: 'ftp://x/' is not an http or https URL\n");
}

TEST(RulesCliTest, FolderReportsEveryFileAndCountsTheProblems) {
  TempDir dir;
  WriteFile(dir / "a.toml", kGood);
  WriteFile(dir / "b.toml", kBroken);
  WriteFile(dir / "c.toml", "[extract]\ntitel = \"h1\"\n");
  WriteFile(dir / "d.toml", "[site]\nname = \"portal\"\n");  // a.toml's name again
  ProcessResult r = RunGleaner({"rules", "check", dir.path().string()});
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
  std::string a = (dir / "a.toml").string(), d = (dir / "d.toml").string();
  EXPECT_TRUE(r.out.starts_with("ok: " + a + ": portal (")) << Describe(r);
  EXPECT_NE(r.out.find("ok: " + d + ": portal ("), std::string::npos) << Describe(r);
  std::vector<std::string> lines = r.ErrLines();
  ASSERT_EQ(lines.size(), 4u) << Describe(r);
  EXPECT_EQ(lines[0], "gleaner: checking rules: " + (dir / "b.toml").string() +
                          ":3: site.start[1]: 'ftp://x/' is not an http or https URL");
  EXPECT_EQ(lines[1], "gleaner: checking rules: " + (dir / "c.toml").string() +
                          ":2: extract.titel: unknown key (did you mean 'title'?)");
  EXPECT_EQ(lines[2], "gleaner: checking rules: " + d + ":2: site.name: 'portal' is also the name of " + a +
                          ":2 (site names must be unique)");
  EXPECT_EQ(lines[3], "gleaner: checking rules: 3 problems in 4 files");
}

TEST(RulesCliTest, EncodingMustBeOneTheDecoderKnows) {
  TempDir dir;
  std::string path = (dir / "enc.toml").string();
  WriteFile(path, "[site]\nencoding = \"gbkk\"\n");
  ProcessResult r = RunGleaner({"rules", "check", path});
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_EQ(r.err, "gleaner: checking rules: " + path +
                       ":2: site.encoding: 'gbkk' is not an encoding gleaner knows (e.g. gbk, gb18030, big5, "
                       "utf-8)\n");
}

TEST(RulesCliTest, MissingPathExitsThree) {
  TempDir dir;
  std::string path = (dir / "nope.toml").string();
  ProcessResult r = RunGleaner({"rules", "check", path});
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_EQ(r.err, "gleaner: checking rules: " + path + ": no such file or directory\n");
  ProcessResult empty = RunGleaner({"rules", "check", dir.path().string()});
  EXPECT_EQ(empty.exit_code, 3) << Describe(empty);
  EXPECT_EQ(empty.err, "gleaner: checking rules: " + dir.path().string() + ": no *.toml rules files in this folder\n");
}

TEST(RulesCliTest, UsageErrorsExitTwo) {
  const std::vector<std::vector<std::string>> usages = {{"rules"}, {"rules", "check"}, {"rules", "lint", "x"}};
  for (const std::vector<std::string>& args : usages) {
    ProcessResult r = RunGleaner(args);
    EXPECT_EQ(r.exit_code, 2) << args.size() << "\n" << Describe(r);
    EXPECT_EQ(r.out, "");
  }
}

}  // namespace
}  // namespace gleaner::testing
