// store_cli_test: `gleaner export`, `search` and `stats` end to end on a
// store seeded by `gleaner extract --db` over samples/: output formats,
// files, cursors, dedup of a second run, and the error contract (exit codes,
// one `gleaner: ...` line naming the file).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "e2e/gleaner_process.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

using nlohmann::json;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

// One store seeded once for the whole suite.
class StoreCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (*dir_ / "news.db").string();
    ProcessResult help = RunGleaner({"extract", "--help"});
    seeded_ = help.out.find("--db") != std::string::npos;
    if (!seeded_) return;
    ProcessResult first = RunGleaner({"extract", "--db", db_, (SourceDir() / "samples").string()});
    seeded_ = first.exit_code == 0;
    EXPECT_TRUE(seeded_) << Describe(first);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!seeded_) GTEST_SKIP() << "`gleaner extract --db` is not available in this build";
  }
  static ProcessResult Run(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--db", db_});
    return RunGleaner(args);
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline bool seeded_ = false;
};

TEST_F(StoreCliTest, ExportJsonlHasStoreFieldsAndLeavesStdoutClean) {
  ProcessResult r = Run({"export", "--format", "jsonl"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    json j = json::parse(line, nullptr, false);
    ASSERT_TRUE(j.is_object()) << line.substr(0, 200);
    EXPECT_TRUE(j["id"].is_number_integer());
    EXPECT_TRUE(j["first_seen"].is_string());
    EXPECT_EQ(j["version"], 1);
    EXPECT_TRUE(j["duplicate_of"].is_null());
  }
}

TEST_F(StoreCliTest, SecondExtractOfTheSamePagesAddsNothing) {
  ProcessResult before = Run({"export", "--include-duplicates", "--fields", "id,url"});
  ProcessResult again = RunGleaner({"extract", "--db", db_, (SourceDir() / "samples").string()});
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  ProcessResult after = Run({"export", "--include-duplicates", "--fields", "id,url"});
  EXPECT_EQ(before.out, after.out);
}

TEST_F(StoreCliTest, JsonFormatIsOneArrayAndOutputFileIsWhole) {
  std::string out = (*dir_ / "all.json").string();
  ProcessResult r = Run({"export", "--output", out});  // format from the extension
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_TRUE(r.out.empty());
  json array = json::parse(ReadFile(out), nullptr, false);
  ASSERT_TRUE(array.is_array());
  EXPECT_EQ(array.size(), Lines(Run({"export"}).out).size());
}

TEST_F(StoreCliTest, CsvHasAHeaderRow) {
  ProcessResult r = Run({"export", "--format", "csv", "--fields", "id,title,url"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_TRUE(r.out.starts_with("id,title,url\r\n")) << r.out.substr(0, 200);
}

TEST_F(StoreCliTest, CursorExportsOnlyWhatIsNew) {
  ProcessResult first = Run({"export", "--cursor", "e2e-feed"});
  ASSERT_EQ(first.exit_code, 0) << Describe(first);
  EXPECT_FALSE(first.out.empty());
  ProcessResult second = Run({"export", "--cursor", "e2e-feed"});
  ASSERT_EQ(second.exit_code, 0) << Describe(second);
  EXPECT_TRUE(second.out.empty()) << second.out.substr(0, 200);
}

TEST_F(StoreCliTest, SiteAndDateFilters) {
  ProcessResult none = Run({"export", "--site", "no-such-site.org"});
  ASSERT_EQ(none.exit_code, 0) << Describe(none);
  EXPECT_TRUE(none.out.empty());
  ProcessResult future = Run({"export", "--since", "2999-01-01"});
  ASSERT_EQ(future.exit_code, 0) << Describe(future);
  EXPECT_TRUE(future.out.empty());
}

TEST_F(StoreCliTest, SearchFindsChineseAndEnglishWithSnippets) {
  ProcessResult zh = Run({"search", "--format", "jsonl", "污水处理厂"});
  ASSERT_EQ(zh.exit_code, 0) << Describe(zh);
  std::vector<std::string> hits = Lines(zh.out);
  ASSERT_FALSE(hits.empty()) << Describe(zh);
  json hit = json::parse(hits[0]);
  EXPECT_NE(hit["snippet"].get<std::string>().find("<em>污水处理厂</em>"), std::string::npos) << hits[0];
  ProcessResult en = Run({"search", "flood", "wall"});
  ASSERT_EQ(en.exit_code, 0) << Describe(en);
  EXPECT_NE(en.out.find("[flood"), std::string::npos) << Describe(en);
}

TEST_F(StoreCliTest, ShortChineseTermsUseTheIndex) {
  // One- and two-character Chinese terms are phrases of character tokens:
  // ranked hits from the index, no scan notice.
  ProcessResult r = Run({"search", "--format", "jsonl", "电梯"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.err.find("scanned"), std::string::npos) << Describe(r);
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_FALSE(lines.empty()) << "the GBK table sample is about lifts (电梯)";
  for (const std::string& line : lines) {
    json hit = json::parse(line);
    EXPECT_NE(hit["snippet"].get<std::string>().find("<em>电梯</em>"), std::string::npos) << line;
  }
}

TEST_F(StoreCliTest, StatsCountsPerSite) {
  ProcessResult r = Run({"stats", "--format", "jsonl"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  int64_t articles = 0;
  for (const std::string& line : Lines(r.out)) articles += json::parse(line)["articles"].get<int64_t>();
  EXPECT_EQ(static_cast<size_t>(articles), Lines(Run({"export", "--fields", "id"}).out).size());
  ProcessResult table = Run({"stats"});
  ASSERT_EQ(table.exit_code, 0) << Describe(table);
  EXPECT_TRUE(table.out.starts_with("SITE")) << table.out;
}

// Errors need no seeded store.
TEST(StoreCliErrorTest, MissingStoreIsOneLineNamingIt) {
  TempDir dir;
  std::string db = (dir / "none.db").string();
  for (std::vector<std::string> args : {std::vector<std::string>{"export", "--db", db},
                                        std::vector<std::string>{"search", "--db", db, "安全承诺"},
                                        std::vector<std::string>{"stats", "--db", db}}) {
    ProcessResult r = RunGleaner(args);
    EXPECT_EQ(r.exit_code, 1) << Describe(r);
    ASSERT_EQ(r.ErrLines().size(), 1u) << Describe(r);
    EXPECT_TRUE(r.ErrLines()[0].starts_with("gleaner: ")) << r.err;
    EXPECT_NE(r.err.find(db), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
}

TEST(StoreCliErrorTest, CorruptStoreIsExitFourNamingTheFile) {
  TempDir dir;
  std::string db = (dir / "bad.db").string();
  WriteFile(db, std::string(4096, 'x'));
  ProcessResult r = RunGleaner({"stats", "--db", db});
  EXPECT_EQ(r.exit_code, 4) << Describe(r);
  EXPECT_NE(r.err.find(db), std::string::npos) << r.err;
}

TEST(StoreCliErrorTest, BadFlagsAreUsageErrors) {
  TempDir dir;
  std::string db = (dir / "x.db").string();
  for (std::vector<std::string> args : {std::vector<std::string>{"export", "--db", db, "--format", "xml"},
                                        std::vector<std::string>{"export", "--db", db, "--since", "March"},
                                        std::vector<std::string>{"export", "--db", db, "--fields", "headline"},
                                        std::vector<std::string>{"stats", "--db", db, "--format", "xml"}}) {
    ProcessResult r = RunGleaner(args);
    EXPECT_EQ(r.exit_code, 2) << Describe(r);
    EXPECT_TRUE(r.err.starts_with("gleaner: ")) << r.err;
  }
}

}  // namespace
}  // namespace gleaner::testing
