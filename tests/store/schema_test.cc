// Focus: opening - a new file gets the schema, an old one is migrated, a
// newer gleaner's file, a stranger's SQLite file and a missing file give
// clear errors and are left untouched; options are validated.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "store/store_test_util.h"
#include "store_internal.h"

namespace gleaner::store {
namespace {

using gleaner::testing::Body;
using gleaner::testing::MakeArticle;
using gleaner::testing::MustPut;
using gleaner::testing::RawExec;
using gleaner::testing::RawInt;
using gleaner::testing::ReadFile;
using gleaner::testing::ScratchStore;
using gleaner::testing::TempDir;

TEST(SchemaTest, NewFileIsVersionedWalGleanerStore) {
  ScratchStore s;
  s.store.reset();
  EXPECT_EQ(RawInt(s.path, "PRAGMA user_version"), internal::Migrations().back().version);
  EXPECT_GE(internal::Migrations().back().version, 2) << "step 2 adds the crawler's frontier";
  EXPECT_EQ(RawInt(s.path, "PRAGMA application_id"), 0x676C6E72);
  EXPECT_EQ(RawInt(s.path, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'"), 1);
  sqlite3* db = nullptr;
  sqlite3_open(s.path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(SchemaTest, ReopenKeepsArticlesAndDoesNotMigrateAgain) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  s.store.reset();
  auto again = Store::Open(s.path);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(MustPut(**again, MakeArticle("https://a.example.cn/1", Body(1))).kind, PutKind::kUnchanged);
}

TEST(SchemaTest, NewerSchemaIsRefusedAndLeftUntouched) {
  ScratchStore s;
  s.store.reset();
  RawExec(s.path, "PRAGMA user_version = 99");
  std::string before = ReadFile(s.path);
  auto opened = Store::Open(s.path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, Code::kUnsupported);
  EXPECT_NE(opened.error().message.find("newer gleaner"), std::string::npos);
  EXPECT_NE(opened.error().message.find(s.path), std::string::npos);
  EXPECT_EQ(ReadFile(s.path), before);
}

TEST(SchemaTest, AnotherProgramsSqliteFileIsRefused) {
  TempDir dir;
  std::string path = (dir / "other.db").string();
  RawExec(path, "CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('mine');");
  auto opened = Store::Open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, Code::kInvalidInput);
  EXPECT_NE(opened.error().message.find("not a gleaner store"), std::string::npos);
  EXPECT_EQ(RawInt(path, "SELECT count(*) FROM sqlite_master"), 1);
}

TEST(SchemaTest, MissingFileForReadingIsNotFound) {
  TempDir dir;
  Options options;
  options.read_only = true;
  auto opened = Store::Open((dir / "none.db").string(), options);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, Code::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
}

TEST(SchemaTest, MissingFoldersAreCreatedForANewStore) {
  TempDir dir;
  std::string path = (dir / "share" / "gleaner" / "gleaner.db").string();
  auto opened = Store::Open(path, ScratchStore::Fast());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST(SchemaTest, CreateIfMissingOffDoesNotCreate) {
  TempDir dir;
  Options options;
  options.create_if_missing = false;
  EXPECT_EQ(Store::Open((dir / "none.db").string(), options).error().code, Code::kNotFound);
}

TEST(SchemaTest, ThresholdOutsideRangeIsInvalid) {
  TempDir dir;
  for (int threshold : {-1, dedup::kMaxThreshold + 1}) {
    Options options;
    options.near_threshold = threshold;
    EXPECT_EQ(Store::Open((dir / "t.db").string(), options).error().code, Code::kInvalidInput);
  }
  Options options;
  options.near_threshold = dedup::kMaxThreshold;
  EXPECT_TRUE(Store::Open((dir / "t.db").string(), options).ok());
}

TEST(SchemaTest, RaisingTheThresholdRebuildsTheBandIndex) {
  ScratchStore s;
  PutOutcome first = MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  s.store.reset();
  EXPECT_EQ(RawInt(s.path, "SELECT count(*) FROM near_bands"), 4);
  Options options;
  options.near_threshold = 6;
  auto wider = Store::Open(s.path, options);
  ASSERT_TRUE(wider.ok()) << wider.error().message;
  EXPECT_EQ(RawInt(s.path, "SELECT count(*) FROM near_bands"), 7);
  EXPECT_EQ(RawInt(s.path, "SELECT value FROM meta WHERE key = 'bands'"), 7);
  // Still finds duplicates of what was stored before.
  PutOutcome copy = MustPut(**wider, MakeArticle("https://b.example.com/1", "来源：新华社\n" + Body(1)));
  EXPECT_EQ(copy.duplicate_of, first.id);
  wider->reset();
  // Lowering it again keeps the wider index (it still finds every match).
  auto narrow = Store::Open(s.path);
  ASSERT_TRUE(narrow.ok());
  narrow->reset();
  EXPECT_EQ(RawInt(s.path, "SELECT value FROM meta WHERE key = 'bands'"), 7);
}

TEST(SchemaTest, StoreWithoutSearchIndexStillSearchesBySubstring) {
  Options options;
  options.search_index = false;
  ScratchStore s(ScratchStore::Fast(options));
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", "英美防长会谈聚焦对乌安全承诺。" + Body(1)));
  s.store.reset();
  EXPECT_EQ(RawInt(s.path, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'"), 0);
  auto reopened = Store::Open(s.path);  // default options: the file's setting wins
  ASSERT_TRUE(reopened.ok());
  auto found = (*reopened)->Search("安全承诺", SearchOptions{});
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_TRUE(found->substring_scan);
  EXPECT_EQ(found->hits.size(), 1u);
}

}  // namespace
}  // namespace gleaner::store
