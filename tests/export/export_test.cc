// Focus: what an export consumer receives - valid JSON / JSONL / RFC 4180
// CSV, chosen fields, whole files only, and cursors that move only after a
// complete export.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "gleaner/export.h"
#include "store/store_test_util.h"

namespace gleaner::exporter {
namespace {

using gleaner::testing::Body;
using gleaner::testing::MakeArticle;
using gleaner::testing::ReadFile;
using gleaner::testing::ScratchStore;
using nlohmann::json;

// Runs Write into a memory stream and returns what was written.
std::string WriteToString(store::Store& store, const Options& options, Result<Summary>* result = nullptr) {
  char* data = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&data, &size);
  auto r = Write(store, options, out);
  std::fclose(out);
  std::string text(data, size);
  std::free(data);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  if (result) *result = r;
  return text;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

// A small RFC 4180 reader for checking CSV output.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Article a = MakeArticle("https://news.example.cn/1", "第一段，含\"引号\"。\n\n" + Body(1), "标题, 带逗号");
    a.authors = {"张三", "李四"};
    a.images = {{"https://img.example.cn/1.jpg", "图"}, {"https://img.example.cn/2.jpg", ""}};
    a.published = "2025-03-14T08:56:00+08:00";
    Put(a);
    Put(MakeArticle("https://news.example.cn/2", Body(2), "第二篇"));
    Put(MakeArticle("https://www.other.com/3", Body(3), "Third"));
    Put(MakeArticle("https://copy.example.org/1", "第一段，含\"引号\"。\n\n" + Body(1), "转载"));  // duplicate
  }
  void Put(const Article& a) { ASSERT_TRUE(s_.store->Put(a).ok()); }
  ScratchStore s_;
};

TEST_F(ExportTest, JsonlIsOneObjectPerLineWithStoreFields) {
  Options options;
  std::vector<std::string> lines = Lines(WriteToString(*s_.store, options));
  ASSERT_EQ(lines.size(), 3u);  // the duplicate is left out
  json first = json::parse(lines[0]);
  EXPECT_EQ(first["url"], "https://news.example.cn/1");
  EXPECT_EQ(first["title"], "标题, 带逗号");
  EXPECT_EQ(first["id"], 1);
  EXPECT_EQ(first["version"], 1);
  EXPECT_EQ(first["first_seen"], "2025-03-14T00:00:00Z");
  EXPECT_TRUE(first["duplicate_of"].is_null());
  auto back = ArticleFromJson(lines[0]);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->authors, (std::vector<std::string>{"张三", "李四"}));
}

TEST_F(ExportTest, IncludeDuplicatesAddsThemWithDuplicateOf) {
  Options options;
  options.query.include_duplicates = true;
  std::vector<std::string> lines = Lines(WriteToString(*s_.store, options));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(json::parse(lines[3])["duplicate_of"], 1);
}

TEST_F(ExportTest, JsonIsOneValidArrayForZeroOneAndManyRows) {
  for (int64_t limit : {0, 1, 3}) {
    Options options;
    options.format = Format::kJson;
    if (limit == 0) options.query.site = "nowhere.org";
    options.query.limit = limit;
    std::string text = WriteToString(*s_.store, options);
    json array = json::parse(text, nullptr, false);
    ASSERT_TRUE(array.is_array()) << text;
    EXPECT_EQ(array.size(), static_cast<size_t>(limit)) << limit;
  }
}

TEST_F(ExportTest, CsvHasHeaderQuotingAndJoinedLists) {
  Options options;
  options.format = Format::kCsv;
  options.fields = {"id", "title", "authors", "images", "body", "encoding", "published"};
  auto rows = ParseCsv(WriteToString(*s_.store, options));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], options.fields);
  EXPECT_EQ(rows[1][0], "1");
  EXPECT_EQ(rows[1][1], "标题, 带逗号");
  EXPECT_EQ(rows[1][2], "张三; 李四");
  EXPECT_EQ(rows[1][3], "https://img.example.cn/1.jpg https://img.example.cn/2.jpg");
  EXPECT_EQ(rows[1][4].rfind("第一段，含\"引号\"。\n\n", 0), 0u);
  EXPECT_EQ(rows[1][5], "UTF-8");
  EXPECT_EQ(rows[1][6], "2025-03-14T08:56:00+08:00");
  EXPECT_EQ(rows[2][2], "");  // no authors: empty cell
}

TEST_F(ExportTest, CsvWithoutFieldsHasEveryField) {
  Options options;
  options.format = Format::kCsv;
  auto rows = ParseCsv(WriteToString(*s_.store, options));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].size(), ArticleFieldNames().size());
  for (const auto& row : rows) EXPECT_EQ(row.size(), rows[0].size());
}

TEST_F(ExportTest, FieldsPickAndOrder) {
  Options options;
  options.fields = {"title", "url"};
  std::string first = Lines(WriteToString(*s_.store, options))[0];
  EXPECT_EQ(first, R"({"title":"标题, 带逗号","url":"https://news.example.cn/1"})");
}

TEST(ParseFieldsTest, KnownUnknownAndEmpty) {
  auto ok = ParseFields("title, url,id");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (std::vector<std::string>{"title", "url", "id"}));
  auto bad = ParseFields("title,headline");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Code::kInvalidInput);
  EXPECT_NE(bad.error().message.find("headline"), std::string::npos);
  EXPECT_FALSE(ParseFields(",,").ok());
}

TEST(ParseFormatTest, Names) {
  EXPECT_EQ(*ParseFormat("json"), Format::kJson);
  EXPECT_EQ(*ParseFormat("jsonl"), Format::kJsonl);
  EXPECT_EQ(*ParseFormat("ndjson"), Format::kJsonl);
  EXPECT_EQ(*ParseFormat("csv"), Format::kCsv);
  EXPECT_EQ(ParseFormat("xml").error().code, Code::kInvalidInput);
}

TEST_F(ExportTest, FiltersReachTheStore) {
  Options options;
  options.query.site = "other.com";
  EXPECT_EQ(Lines(WriteToString(*s_.store, options)).size(), 1u);
}

TEST_F(ExportTest, OutputFileAppearsWholeAndNoTempIsLeft) {
  Options options;
  options.format = Format::kJson;
  options.output = (s_.dir / "march.json").string();
  auto r = Export(*s_.store, options, stdout);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->articles, 3);
  EXPECT_TRUE(json::parse(ReadFile(options.output), nullptr, false).is_array());
  for (const auto& entry : std::filesystem::directory_iterator(s_.dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

TEST_F(ExportTest, OutputIntoMissingDirectoryIsAnIoErrorNamingIt) {
  Options options;
  options.output = (s_.dir / "no" / "such" / "dir" / "out.jsonl").string();
  auto r = Export(*s_.store, options, stdout);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kIo);
  EXPECT_NE(r.error().message.find(options.output), std::string::npos);
}

TEST_F(ExportTest, FullDeviceIsDiskFullAndTheCursorStays) {
  std::FILE* full = std::fopen("/dev/full", "w");
  if (full == nullptr) GTEST_SKIP() << "no /dev/full";
  Options options;
  options.cursor = "feed";
  auto r = Export(*s_.store, options, full);
  std::fclose(full);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kDiskFull);
  EXPECT_EQ(*s_.store->CursorPosition("feed"), 0);
}

TEST_F(ExportTest, CursorGivesEachConsumerOnlyWhatIsNew) {
  Options options;
  options.cursor = "daily-feed";
  options.output = (s_.dir / "day1.jsonl").string();
  auto day1 = Export(*s_.store, options, stdout);
  ASSERT_TRUE(day1.ok());
  EXPECT_EQ(day1->articles, 3);
  EXPECT_EQ(day1->cursor_seq, 4);
  options.output = (s_.dir / "day1b.jsonl").string();
  auto again = Export(*s_.store, options, stdout);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->articles, 0);
  EXPECT_EQ(ReadFile(options.output), "");
  Put(MakeArticle("https://news.example.cn/2", Body(22), "第二篇（更新）"));  // new version
  Put(MakeArticle("https://news.example.cn/5", Body(5), "第五篇"));
  options.output = (s_.dir / "day2.jsonl").string();
  auto day2 = Export(*s_.store, options, stdout);
  ASSERT_TRUE(day2.ok());
  std::vector<std::string> lines = Lines(ReadFile(options.output));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::parse(lines[0])["title"], "第二篇（更新）");
  EXPECT_EQ(json::parse(lines[0])["version"], 2);
  // Another consumer is independent.
  Options other;
  other.cursor = "archive";
  other.output = (s_.dir / "archive.jsonl").string();
  EXPECT_EQ(Export(*s_.store, other, stdout)->articles, 4);
}

// A store whose scan fails after two rows: an interrupted export.
class FailingStore final : public store::Store {
 public:
  explicit FailingStore(store::Store& real) : real_(real) {}
  Result<store::PutOutcome> Put(const Article& a, const store::PutContext& c) override { return real_.Put(a, c); }
  Status LogFetch(const store::FetchRecord& r) override { return real_.LogFetch(r); }
  Status Commit() override { return real_.Commit(); }
  Result<store::ScanResult> Scan(const store::Query& q, const store::ScanVisitor& visit) override {
    int rows = 0;
    auto r = real_.Scan(q, [&](const Article& a, int64_t seq) -> Status {
      if (++rows > 2) return MakeError(Code::kCorrupt, "news.db: reading articles: database disk image is malformed");
      return visit(a, seq);
    });
    return r;
  }
  Result<store::SearchResult> Search(std::string_view q, const store::SearchOptions& o) override {
    return real_.Search(q, o);
  }
  Result<std::vector<store::SiteStats>> Stats() override { return real_.Stats(); }
  Result<Article> Get(int64_t id) override { return real_.Get(id); }
  Result<std::vector<Article>> History(int64_t id) override { return real_.History(id); }
  Result<int64_t> CursorPosition(std::string_view n) override { return real_.CursorPosition(n); }
  Status AdvanceCursor(std::string_view n, int64_t s) override { return real_.AdvanceCursor(n, s); }
  const std::string& path() const override { return real_.path(); }

 private:
  store::Store& real_;
};

TEST_F(ExportTest, InterruptedExportLeavesTheOldFileAndTheCursor) {
  std::string target = (s_.dir / "feed.json").string();
  gleaner::testing::WriteFile(target, "[]\n");  // yesterday's complete file
  FailingStore failing(*s_.store);
  Options options;
  options.format = Format::kJson;
  options.cursor = "feed";
  options.output = target;
  auto r = Export(failing, options, stdout);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kCorrupt);
  EXPECT_EQ(ReadFile(target), "[]\n");
  EXPECT_EQ(*s_.store->CursorPosition("feed"), 0);
  for (const auto& entry : std::filesystem::directory_iterator(s_.dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace gleaner::exporter
