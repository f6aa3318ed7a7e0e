// store_test_util: a fake clock, article builders and a scratch store for
// the store tests.
#ifndef GLEANER_TESTS_STORE_STORE_TEST_UTIL_H_
#define GLEANER_TESTS_STORE_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>

#include "dedup/zh_text.h"
#include "gleaner/store.h"
#include "support/test_util.h"

namespace gleaner::testing {

// Time that moves only when a test says so. 2025-03-14T00:00:00Z.
class FakeClock final : public store::Clock {
 public:
  int64_t NowMs() const override { return now_ms_; }
  void AdvanceSeconds(int64_t s) { now_ms_ += s * 1000; }
  int64_t now_s() const { return now_ms_ / 1000; }

 private:
  int64_t now_ms_ = 1741910400000;
};

inline Article MakeArticle(const std::string& url, const std::string& body,
                           const std::string& title = "标题") {
  Article a;
  a.input = url;
  a.url = url;
  a.title = title;
  a.body = body;
  a.lang = "zh";
  a.encoding.name = "UTF-8";
  a.encoding.source = "meta";
  a.confidence = 0.9;
  return a;
}

// A distinct ~600-character Chinese body per seed.
inline std::string Body(uint64_t seed) { return ZhArticle(seed, 600); }

// A store in a fresh temp dir with a fake clock.
struct ScratchStore {
  TempDir dir;
  FakeClock clock;
  std::unique_ptr<store::Store> store;
  std::string path = (dir / "news.db").string();

  // fsync off: these tests are about behaviour, and an fsync costs ~20 ms
  // here; the crash tests open with the default (fsync on).
  static store::Options Fast(store::Options options = {}) {
    options.fsync = false;
    return options;
  }
  explicit ScratchStore(store::Options options = Fast()) {
    options.clock = &clock;
    auto opened = store::Store::Open(path, options);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
    if (opened.ok()) store = std::move(opened).value();
  }
  store::Options ReaderOptions() {
    store::Options options;
    options.read_only = true;
    options.clock = &clock;
    return options;
  }
};

// Puts and expects success.
inline store::PutOutcome MustPut(store::Store& s, const Article& a) {
  auto r = s.Put(a);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : store::PutOutcome{};
}

// SQL on a store's file through a plain connection, outside the store (to
// read what it wrote, or to damage or age it as another program might).
inline void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

// The first column of the first row `sql` gives, or -1 when there is none.
inline int64_t RawInt(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  int64_t v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return v;
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_STORE_STORE_TEST_UTIL_H_
