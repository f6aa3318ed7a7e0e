// Focus: failures keep what was stored - a writer killed with SIGKILL mid
// batch, a locked database, a full disk, a corrupt or read-only file - and
// readers work while a writer writes (WAL).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "store/store_test_util.h"

namespace gleaner::store {
namespace {

using gleaner::testing::Body;
using gleaner::testing::MakeArticle;
using gleaner::testing::MustPut;
using gleaner::testing::ScratchStore;
using gleaner::testing::TempDir;

std::string RawText(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    out = text ? reinterpret_cast<const char*>(text) : "";
  } else {
    out = std::string("error: ") + sqlite3_errmsg(db);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

int64_t RawInt(const std::string& path, const char* sql) { return std::stoll(RawText(path, sql)); }

// "" on success, else SQLite's message.
std::string RawExec(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  char* err = nullptr;
  sqlite3_exec(db, sql, nullptr, nullptr, &err);
  std::string out = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  return out;
}

std::string UrlFor(int i) { return "https://news.example.cn/a/" + std::to_string(i) + ".html"; }

// The child: inserts batches of 50 forever, reporting each committed total
// on `fd`. Never returns; no gtest here (we are in a forked copy).
[[noreturn]] void InsertForever(const std::string& path, int fd) {
  Options options;
  options.batch_rows = 50;
  options.batch_ms = 1 << 30;
  auto opened = Store::Open(path, options);
  if (!opened.ok()) _exit(2);
  for (int i = 50;; ++i) {
    if (!(*opened)->Put(MakeArticle(UrlFor(i), Body(i), "标题" + std::to_string(i))).ok()) _exit(3);
    if ((i + 1) % 50 == 0) {
      int committed = i + 1;
      if (write(fd, &committed, sizeof committed) != sizeof committed) _exit(4);
    }
  }
}

TEST(CrashTest, SigkillMidBatchLosesNoCommittedRowAndLeavesNoHalfArticle) {
  TempDir dir;
  std::string path = (dir / "news.db").string();
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    for (int i = 0; i < 50; ++i) MustPut(**store, MakeArticle(UrlFor(i), Body(i), "标题" + std::to_string(i)));
  }  // committed and closed before fork: the child opens its own connection
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    InsertForever(path, fds[1]);
  }
  close(fds[1]);
  int committed = 0;
  for (int reports = 0; reports < 2; ++reports) {
    ASSERT_EQ(read(fds[0], &committed, sizeof committed), static_cast<ssize_t>(sizeof committed));
  }
  kill(child, SIGKILL);  // the child is inside its next batch by now
  int status = 0;
  waitpid(child, &status, 0);
  close(fds[0]);
  ASSERT_TRUE(WIFSIGNALED(status));

  EXPECT_EQ(RawText(path, "PRAGMA integrity_check"), "ok");
  int64_t rows = RawInt(path, "SELECT count(*) FROM articles");
  EXPECT_GE(rows, committed);        // nothing committed before is lost
  EXPECT_EQ(rows % 50, 0);           // whole batches only
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.error().message;
  int64_t checked = 0;
  auto scan = (*store)->Scan(Query{}, [&](const Article& a, int64_t) {
    int i = std::stoi(a.url.substr(a.url.rfind('/') + 1));
    EXPECT_EQ(a.body, Body(i)) << a.url;  // no half-written article
    EXPECT_EQ(a.title, "标题" + std::to_string(i));
    ++checked;
    return Status::Ok();
  });
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(checked, rows);
  EXPECT_EQ(RawInt(path, "SELECT count(*) FROM near_bands"), 4 * rows);
  EXPECT_EQ(RawExec(path, "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')"), "");
  auto search = (*store)->Search("标题" + std::to_string(rows - 1), SearchOptions{});
  ASSERT_TRUE(search.ok());
  EXPECT_EQ(search->hits.size(), 1u);
}

TEST(FaultTest, LockedDatabaseIsBusyNamingTheFileAndRecovers) {
  Options options = ScratchStore::Fast();
  options.busy_timeout_ms = 20;
  ScratchStore s(options);
  MustPut(*s.store, MakeArticle(UrlFor(1), Body(1)));
  ASSERT_TRUE(s.store->Commit().ok());
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(s.path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto r = s.store->Put(MakeArticle(UrlFor(2), Body(2)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kBusy);
  EXPECT_NE(r.error().message.find(s.path), std::string::npos) << r.error().message;
  // Readers are not blocked by the other writer.
  EXPECT_TRUE(s.store->Get(1).ok());
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_TRUE(s.store->Put(MakeArticle(UrlFor(2), Body(2))).ok());
}

TEST(FaultTest, FullDiskIsDiskFullAndKeepsEarlierRows) {
  TempDir dir;
  std::string path = (dir / "news.db").string();
  {
    auto store = Store::Open(path, ScratchStore::Fast());
    ASSERT_TRUE(store.ok());
    for (int i = 0; i < 20; ++i) MustPut(**store, MakeArticle(UrlFor(i), Body(i)));
  }
  Options capped = ScratchStore::Fast();
  capped.max_page_count = RawInt(path, "PRAGMA page_count") + 3;
  capped.batch_rows = 5;
  auto store = Store::Open(path, capped);
  ASSERT_TRUE(store.ok()) << store.error().message;
  Error error{Code::kInternal, ""};
  int stored = 0;
  for (int i = 20; i < 400; ++i) {
    auto r = (*store)->Put(MakeArticle(UrlFor(i), Body(i)));
    if (!r.ok()) {
      error = r.error();
      break;
    }
    ++stored;
  }
  EXPECT_EQ(error.code, Code::kDiskFull) << error.message;
  EXPECT_NE(error.message.find(path), std::string::npos) << error.message;
  EXPECT_LT(stored, 380);
  // What was committed before the failure is still there and readable.
  store->reset();
  EXPECT_EQ(RawText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_GE(RawInt(path, "SELECT count(*) FROM articles"), 20);
  auto again = Store::Open(path, ScratchStore::Fast());
  ASSERT_TRUE(again.ok());
  for (int i = 0; i < 20; ++i) {
    auto a = (*again)->Get(i + 1);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->body, Body(i));
  }
}

TEST(FaultTest, FullDiskInsideABatchLosesOnlyThatArticleOrSaysSo) {
  TempDir dir;
  std::string path = (dir / "news.db").string();
  { ASSERT_TRUE(Store::Open(path, ScratchStore::Fast()).ok()); }
  Options capped = ScratchStore::Fast();
  capped.max_page_count = RawInt(path, "PRAGMA page_count") + 30;
  capped.batch_rows = 1000;
  auto store = Store::Open(path, capped);
  ASSERT_TRUE(store.ok());
  int ok_puts = 0;
  std::string message;
  for (int i = 0; i < 1000; ++i) {
    auto r = (*store)->Put(MakeArticle(UrlFor(i), Body(i)));
    if (!r.ok()) {
      message = r.error().message;
      break;
    }
    ++ok_puts;
  }
  ASSERT_FALSE(message.empty());
  // Either the batch survived (the failed article alone was undone) and
  // commits, or the error said the open batch was rolled back.
  Status committed = (*store)->Commit();
  int64_t rows = 0;
  auto scan = (*store)->Scan(Query{}, [&](const Article&, int64_t) { ++rows; return Status::Ok(); });
  ASSERT_TRUE(scan.ok());
  if (message.find("rolled back") == std::string::npos && committed.ok()) {
    EXPECT_EQ(rows, ok_puts);
  } else {
    EXPECT_EQ(rows, 0);
  }
}

TEST(FaultTest, GarbageFileIsCorruptNamingTheFile) {
  TempDir dir;
  std::string path = (dir / "news.db").string();
  gleaner::testing::WriteFile(path, std::string(8192, '\x5A'));
  auto opened = Store::Open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, Code::kCorrupt);
  EXPECT_NE(opened.error().message.find(path), std::string::npos) << opened.error().message;
}

TEST(FaultTest, DamagedPagesAreReportedAsCorrupt) {
  TempDir dir;
  std::string path = (dir / "news.db").string();
  {
    auto store = Store::Open(path, ScratchStore::Fast());
    ASSERT_TRUE(store.ok());
    for (int i = 0; i < 100; ++i) MustPut(**store, MakeArticle(UrlFor(i), Body(i)));
  }
  int64_t size = static_cast<int64_t>(std::filesystem::file_size(path));
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(size / 2);
    std::string garbage(static_cast<size_t>(size / 4), '\xA5');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto opened = Store::Open(path, ScratchStore::Fast());
  Code code = Code::kInternal;
  std::string message;
  if (!opened.ok()) {
    code = opened.error().code;
    message = opened.error().message;
  } else {
    auto scan = (*opened)->Scan(Query{}, [](const Article&, int64_t) { return Status::Ok(); });
    if (!scan.ok()) {
      code = scan.error().code;
      message = scan.error().message;
    }
  }
  EXPECT_EQ(code, Code::kCorrupt) << message;
  EXPECT_NE(message.find(path), std::string::npos) << message;
}

// Makes a file unwritable for the test's scope: chmod for a normal user,
// the immutable flag for root (which ignores permissions).
class ReadOnlyFile {
 public:
  explicit ReadOnlyFile(const std::string& path) : path_(path) {
    if (geteuid() != 0) {
      ok_ = chmod(path.c_str(), 0444) == 0;
      return;
    }
    fd_ = open(path.c_str(), O_RDONLY);
    int flags = 0;
    if (fd_ >= 0 && ioctl(fd_, FS_IOC_GETFLAGS, &flags) == 0) {
      flags |= FS_IMMUTABLE_FL;
      ok_ = ioctl(fd_, FS_IOC_SETFLAGS, &flags) == 0;
    }
  }
  ~ReadOnlyFile() {
    if (fd_ >= 0) {
      int flags = 0;
      if (ioctl(fd_, FS_IOC_GETFLAGS, &flags) == 0) {
        flags &= ~FS_IMMUTABLE_FL;
        ioctl(fd_, FS_IOC_SETFLAGS, &flags);
      }
      close(fd_);
    } else {
      chmod(path_.c_str(), 0644);
    }
  }
  bool ok() const { return ok_; }

 private:
  std::string path_;
  int fd_ = -1;
  bool ok_ = false;
};

TEST(FaultTest, ReadOnlyFileIsAnIoErrorNamingTheFileAndStillReadable) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle(UrlFor(1), Body(1)));
  s.store.reset();
  ReadOnlyFile read_only(s.path);
  if (!read_only.ok()) GTEST_SKIP() << "cannot make a file read-only here";
  auto opened = Store::Open(s.path, ScratchStore::Fast());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, Code::kIo);
  EXPECT_NE(opened.error().message.find(s.path), std::string::npos) << opened.error().message;
  auto reader = Store::Open(s.path, s.ReaderOptions());
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  auto a = (*reader)->Get(1);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->body, Body(1));
}

TEST(ConcurrencyTest, ReadersScanAndSearchWhileAWriterCommits) {
  ScratchStore s;
  for (int i = 0; i < 30; ++i) MustPut(*s.store, MakeArticle(UrlFor(i), Body(i), "会谈" + std::to_string(i)));
  ASSERT_TRUE(s.store->Commit().ok());
  auto reader = Store::Open(s.path, s.ReaderOptions());
  ASSERT_TRUE(reader.ok());
  int64_t seen = 0;
  int next = 30;
  auto scan = (*reader)->Scan(Query{}, [&](const Article&, int64_t) {
    ++seen;
    // The writer commits while the reader is in the middle of its scan.
    EXPECT_TRUE(s.store->Put(MakeArticle(UrlFor(next), Body(next))).ok());
    ++next;
    EXPECT_TRUE(s.store->Commit().ok());
    return Status::Ok();
  });
  ASSERT_TRUE(scan.ok()) << scan.error().message;
  EXPECT_EQ(seen, 30);  // its snapshot, not the rows committed meanwhile
  EXPECT_EQ(scan->cursor_seq, 30);
  // A writer with an open batch does not block readers either.
  MustPut(*s.store, MakeArticle(UrlFor(500), Body(500), "未提交"));
  auto search = (*reader)->Search("会谈29", SearchOptions{});
  ASSERT_TRUE(search.ok());
  EXPECT_EQ(search->hits.size(), 1u);
  auto pending = (*reader)->Search("未提交", SearchOptions{});
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->hits.empty());
}

}  // namespace
}  // namespace gleaner::store
