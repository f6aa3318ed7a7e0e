// frontier_test: the crawl frontier in the store's file - adding and
// deduplicating URLs, the per-site cap at its limits, lease order, run
// starts (what is fetched again), outcomes, robots cache.
#include "gleaner/frontier.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "gleaner/store.h"
#include "support/test_util.h"

namespace gleaner::store {
namespace {

using testing::TempDir;

constexpr int64_t kNow = 1741910400000;

NewUrl Url(const std::string& path, PageKind kind = PageKind::kArticle, const std::string& host = "a.example") {
  NewUrl u;
  u.url = "https://" + host + path;
  u.url_key = u.url;
  u.site = "example";
  u.host = host;
  u.kind = kind;
  return u;
}

class FrontierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FrontierOptions options;
    options.fsync = false;
    auto opened = Frontier::Open(path_, options);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    f_ = std::move(opened).value();
    auto run = f_->StartRun(kNow);
    ASSERT_TRUE(run.ok());
    run_ = *run;
  }
  std::vector<std::string> LeasePaths(int limit, const std::string& host = "a.example", int64_t now = kNow) {
    auto leased = f_->Lease(host, limit, now);
    EXPECT_TRUE(leased.ok());
    std::vector<std::string> out;
    for (const FrontierUrl& u : leased->urls) out.push_back(u.url.substr(u.url.find('/', 8)));
    return out;
  }
  FrontierUrl Row(const std::string& path) {
    auto row = f_->Get("https://a.example" + path);
    EXPECT_TRUE(row.ok() && row->has_value());
    return row.ok() && row->has_value() ? **row : FrontierUrl{};
  }
  void Finish(const std::string& path, FetchOutcome outcome) {
    ASSERT_TRUE(f_->Finish(Row(path).id, outcome).ok());
  }

  TempDir dir_;
  std::string path_ = (dir_ / "news.db").string();
  std::unique_ptr<Frontier> f_;
  int64_t run_ = 0;
};

TEST_F(FrontierTest, OpensTheStoresFileAtSchemaVersionTwo) {
  auto store = Store::Open(path_);  // the same file serves both
  ASSERT_TRUE(store.ok()) << store.error().message;
  sqlite3* db = nullptr;
  sqlite3_open(path_.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_GE(sqlite3_column_int(stmt, 0), 2);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(FrontierTest, AddKeepsOneRowPerKeyAndNamesHostsWithNewWork) {
  auto added = f_->Add({Url("/1"), Url("/2"), Url("/1"), Url("/x", PageKind::kList, "b.example")}, run_, 0);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->added, 3);
  EXPECT_EQ(added->hosts, (std::vector<std::string>{"a.example", "b.example"}));
  auto again = f_->Add({Url("/1")}, run_, 0);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_TRUE(again->hosts.empty());
}

TEST_F(FrontierTest, PerSiteCapAtLimitMinusOneLimitAndPlusOne) {
  ASSERT_TRUE(f_->Add({Url("/1"), Url("/2")}, run_, 3).ok());
  auto third = f_->Add({Url("/3")}, run_, 3);  // 2 rows, cap 3: room for one
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->added, 1);
  auto fourth = f_->Add({Url("/4")}, run_, 3);  // at the cap
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->added, 0);
  EXPECT_EQ(fourth->capped, 1);
}

TEST_F(FrontierTest, LeasesListsBeforeArticlesAndOldestLastmodFirst) {
  NewUrl old_article = Url("/old");
  old_article.lastmod = "2025-03-01T08:00:00+08:00";
  NewUrl new_article = Url("/new");
  new_article.lastmod = "2025-03-14T08:00:00+08:00";
  ASSERT_TRUE(f_->Add({new_article, old_article, Url("/list/", PageKind::kList),
                       Url("/sitemap.xml", PageKind::kSitemap)}, run_, 0).ok());
  EXPECT_EQ(LeasePaths(3), (std::vector<std::string>{"/sitemap.xml", "/list/", "/old"}));
  EXPECT_EQ(LeasePaths(3), (std::vector<std::string>{"/new"}));  // leased rows are not leased again
  EXPECT_TRUE(LeasePaths(3).empty());
}

TEST_F(FrontierTest, RetryTimeHoldsARowBackAndIsReported) {
  ASSERT_TRUE(f_->Add({Url("/1")}, run_, 0).ok());
  ASSERT_EQ(LeasePaths(1).size(), 1u);
  FetchOutcome retry;
  retry.state = UrlState::kPending;
  retry.attempts = 1;
  retry.next_fetch_ms = kNow + 5000;
  Finish("/1", retry);
  auto leased = f_->Lease("a.example", 5, kNow);
  ASSERT_TRUE(leased.ok());
  EXPECT_TRUE(leased->urls.empty());
  EXPECT_EQ(leased->next_due_ms, kNow + 5000);
  EXPECT_EQ(LeasePaths(5, "a.example", kNow + 5000), (std::vector<std::string>{"/1"}));
  EXPECT_EQ(Row("/1").attempts, 1);
}

TEST_F(FrontierTest, StartRunRequeuesListsAndDueRevisitsButNotArticles) {
  ASSERT_TRUE(f_->Add({Url("/list/", PageKind::kList), Url("/a"), Url("/b"), Url("/c")}, run_, 0).ok());
  ASSERT_EQ(LeasePaths(10).size(), 4u);
  FetchOutcome list;
  list.kind = PageKind::kList;
  Finish("/list/", list);
  FetchOutcome done;
  Finish("/a", done);  // fetched once: never again
  FetchOutcome revisit;
  revisit.next_fetch_ms = kNow + 1000;
  Finish("/b", revisit);
  // /c stays leased: the run was killed.
  auto run2 = f_->StartRun(kNow + 2000);
  ASSERT_TRUE(run2.ok());
  EXPECT_EQ(*run2, run_ + 1);
  EXPECT_EQ(LeasePaths(10, "a.example", kNow + 2000), (std::vector<std::string>{"/list/", "/b", "/c"}));
}

TEST_F(FrontierTest, ValidatorsAreKeptUnlessA200ReplacesThem) {
  ASSERT_TRUE(f_->Add({Url("/list/", PageKind::kList)}, run_, 0).ok());
  FetchOutcome ok;
  ok.kind = PageKind::kList;
  ok.validators = true;
  ok.http_status = 200;
  ok.etag = "\"v1\"";
  ok.last_modified = "Fri, 14 Mar 2025 00:56:00 GMT";
  ok.content_hash = 77;
  Finish("/list/", ok);
  FetchOutcome not_modified;
  not_modified.kind = PageKind::kList;
  not_modified.http_status = 304;
  Finish("/list/", not_modified);
  FrontierUrl row = Row("/list/");
  EXPECT_EQ(row.etag, "\"v1\"");
  EXPECT_EQ(row.last_modified, "Fri, 14 Mar 2025 00:56:00 GMT");
  EXPECT_EQ(row.content_hash, 77u);
  EXPECT_EQ(row.http_status, 304);
}

TEST_F(FrontierTest, SeedsComeBackAndANewSitemapLastmodRequeuesAnArticle) {
  NewUrl seed = Url("/", PageKind::kList);
  seed.seed = true;
  NewUrl article = Url("/a");
  article.lastmod = "2025-03-01";
  ASSERT_TRUE(f_->Add({seed, article}, run_, 0).ok());
  ASSERT_EQ(LeasePaths(5).size(), 2u);
  FetchOutcome gone;
  gone.state = UrlState::kGone;
  gone.kind = PageKind::kList;
  Finish("/", gone);
  Finish("/a", FetchOutcome{});
  auto requeued = f_->Add({seed, article}, run_, 0);  // same lastmod: nothing to do for /a
  ASSERT_TRUE(requeued.ok());
  EXPECT_EQ(requeued->requeued, 1);
  EXPECT_EQ(LeasePaths(5), (std::vector<std::string>{"/"}));
  article.lastmod = "2025-03-02";  // corrected since
  requeued = f_->Add({article}, run_, 0);
  ASSERT_TRUE(requeued.ok());
  EXPECT_EQ(requeued->requeued, 1);
  EXPECT_EQ(requeued->hosts, (std::vector<std::string>{"a.example"}));
  EXPECT_EQ(LeasePaths(5), (std::vector<std::string>{"/a"}));
}

TEST_F(FrontierTest, RecordMarksARedirectTargetDoneButLeavesALeasedRowAlone) {
  FetchOutcome done;
  done.http_status = 200;
  ASSERT_TRUE(f_->Record(Url("/final"), done).ok());
  EXPECT_EQ(Row("/final").state, UrlState::kDone);
  ASSERT_TRUE(f_->Add({Url("/busy")}, run_, 0).ok());
  ASSERT_EQ(LeasePaths(5), (std::vector<std::string>{"/busy"}));
  ASSERT_TRUE(f_->Record(Url("/busy"), done).ok());
  EXPECT_EQ(Row("/busy").state, UrlState::kLeased);
  ASSERT_TRUE(f_->Release(Row("/busy").id).ok());
  EXPECT_EQ(Row("/busy").state, UrlState::kPending);
}

TEST_F(FrontierTest, RobotsCacheRoundTrips) {
  auto none = f_->Robots("a.example");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  RobotsRecord record{"a.example", 200, "User-agent: *\nDisallow: /x/\n", "\"r1\"", "", kNow};
  ASSERT_TRUE(f_->SaveRobots(record).ok());
  auto got = f_->Robots("a.example");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->body, record.body);
  EXPECT_EQ((*got)->etag, "\"r1\"");
}

TEST_F(FrontierTest, TransactionsCommitTogetherOrNotAtAll) {
  ASSERT_TRUE(f_->Begin().ok());
  ASSERT_TRUE(f_->Add({Url("/1")}, run_, 0).ok());
  f_->Rollback();
  auto counts = f_->CountByState();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)["pending"], 0);
  ASSERT_TRUE(f_->Begin().ok());
  ASSERT_TRUE(f_->Add({Url("/1")}, run_, 0).ok());
  ASSERT_TRUE(f_->Commit().ok());
  counts = f_->CountByState();
  EXPECT_EQ((*counts)["pending"], 1);
}

}  // namespace
}  // namespace gleaner::store
