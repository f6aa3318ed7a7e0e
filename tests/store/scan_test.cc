// Focus: Scan - change order, filters (site, dates, duplicates, limit),
// and what a cursor position means (new versions count as new).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/store_test_util.h"

namespace gleaner::store {
namespace {

using gleaner::testing::Body;
using gleaner::testing::MakeArticle;
using gleaner::testing::MustPut;
using gleaner::testing::ScratchStore;

struct Scanned {
  std::vector<std::string> urls;
  ScanResult result;
};

Scanned Collect(Store& store, const Query& query) {
  Scanned out;
  auto r = store.Scan(query, [&](const Article& a, int64_t) {
    out.urls.push_back(a.url);
    return Status::Ok();
  });
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  if (r.ok()) out.result = *r;
  return out;
}

Article Dated(const std::string& url, uint64_t seed, const std::string& published) {
  Article a = MakeArticle(url, Body(seed));
  a.published = published;
  return a;
}

TEST(ScanTest, RowsComeInChangeOrderWithStoredFields) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  MustPut(*s.store, MakeArticle("https://a.example.cn/2", Body(2)));
  std::vector<int64_t> seqs;
  auto r = s.store->Scan(Query{}, [&](const Article& a, int64_t seq) {
    EXPECT_TRUE(a.stored);
    seqs.push_back(seq);
    return Status::Ok();
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(seqs, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(r->cursor_seq, 2);
}

TEST(ScanTest, DuplicatesAreLeftOutUnlessAskedFor) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  MustPut(*s.store, MakeArticle("https://b.example.com/1", Body(1)));
  EXPECT_EQ(Collect(*s.store, Query{}).urls.size(), 1u);
  Query all;
  all.include_duplicates = true;
  EXPECT_EQ(Collect(*s.store, all).urls.size(), 2u);
}

TEST(ScanTest, SiteFilterAcceptsSiteHostOrUrl) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://news.example.cn/1", Body(1)));
  MustPut(*s.store, MakeArticle("https://www.other.com/1", Body(2)));
  for (std::string site : {"example.cn", "news.example.cn", "https://m.example.cn/x", "EXAMPLE.CN"}) {
    Query q;
    q.site = site;
    EXPECT_EQ(Collect(*s.store, q).urls, std::vector<std::string>{"https://news.example.cn/1"}) << site;
  }
  Query unknown;
  unknown.site = "nowhere.org";
  EXPECT_TRUE(Collect(*s.store, unknown).urls.empty());
}

TEST(ScanTest, DayBoundsUseThePublishedDayAsWrittenInclusive) {
  ScratchStore s;
  MustPut(*s.store, Dated("https://a.example.cn/feb", 1, "2025-02-28T23:59:00+08:00"));
  MustPut(*s.store, Dated("https://a.example.cn/mar1", 2, "2025-03-01T00:10:00+08:00"));
  MustPut(*s.store, Dated("https://a.example.cn/mar31", 3, "2025-03-31T23:50:00+08:00"));
  MustPut(*s.store, Dated("https://a.example.cn/apr", 4, "2025-04-01"));
  Query q;
  q.since = *ParseDateBound("2025-03-01");
  q.until = *ParseDateBound("2025-03-31");
  EXPECT_EQ(Collect(*s.store, q).urls,
            (std::vector<std::string>{"https://a.example.cn/mar1", "https://a.example.cn/mar31"}));
}

TEST(ScanTest, InstantBoundsCompareUtcInstants) {
  ScratchStore s;
  MustPut(*s.store, Dated("https://a.example.cn/early", 1, "2025-03-01T07:59:00+08:00"));
  MustPut(*s.store, Dated("https://a.example.cn/late", 2, "2025-03-01T08:00:00+08:00"));
  Query q;
  q.since = *ParseDateBound("2025-03-01T00:00:00Z");
  EXPECT_EQ(Collect(*s.store, q).urls, std::vector<std::string>{"https://a.example.cn/late"});
}

TEST(ScanTest, ArticleWithoutPublishedIsDatedByFirstSeen) {
  ScratchStore s;  // the fake clock says 2025-03-14
  MustPut(*s.store, MakeArticle("https://a.example.cn/undated", Body(1)));
  Query q;
  q.since = *ParseDateBound("2025-03-14");
  q.until = *ParseDateBound("2025-03-14");
  EXPECT_EQ(Collect(*s.store, q).urls.size(), 1u);
  q.since = *ParseDateBound("2025-03-15");
  q.until.reset();
  EXPECT_TRUE(Collect(*s.store, q).urls.empty());
}

TEST(ScanTest, LimitAtBoundaries) {
  ScratchStore s;
  for (int i = 1; i <= 3; ++i) MustPut(*s.store, MakeArticle("https://a.example.cn/" + std::to_string(i), Body(i)));
  for (int limit : {2, 3, 4}) {
    Query q;
    q.limit = limit;
    Scanned got = Collect(*s.store, q);
    EXPECT_EQ(got.urls.size(), static_cast<size_t>(std::min(limit, 3))) << limit;
    EXPECT_EQ(got.result.cursor_seq, std::min(limit, 3)) << limit;
  }
}

TEST(ScanTest, AfterSeqGivesOnlyLaterChangesAndNewVersionsCountAsNew) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  MustPut(*s.store, MakeArticle("https://a.example.cn/2", Body(2)));
  Scanned first = Collect(*s.store, Query{});
  ASSERT_EQ(first.result.cursor_seq, 2);
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));   // unchanged: not new
  MustPut(*s.store, MakeArticle("https://a.example.cn/2", Body(22)));  // new version: new
  MustPut(*s.store, MakeArticle("https://a.example.cn/3", Body(3)));   // new
  Query q;
  q.after_seq = first.result.cursor_seq;
  Scanned next = Collect(*s.store, q);
  EXPECT_EQ(next.urls, (std::vector<std::string>{"https://a.example.cn/2", "https://a.example.cn/3"}));
  q.after_seq = next.result.cursor_seq;
  EXPECT_TRUE(Collect(*s.store, q).urls.empty());
}

TEST(ScanTest, CursorSeqCoversFilteredOutRows) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  MustPut(*s.store, MakeArticle("https://b.other.com/1", Body(2)));
  Query q;
  q.site = "example.cn";
  Scanned got = Collect(*s.store, q);
  EXPECT_EQ(got.urls.size(), 1u);
  EXPECT_EQ(got.result.cursor_seq, 2);
}

TEST(ScanTest, VisitorErrorStopsTheScan) {
  ScratchStore s;
  for (int i = 1; i <= 3; ++i) MustPut(*s.store, MakeArticle("https://a.example.cn/" + std::to_string(i), Body(i)));
  int seen = 0;
  auto r = s.store->Scan(Query{}, [&](const Article&, int64_t) -> Status {
    ++seen;
    return MakeError(Code::kIo, "out: broken pipe");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kIo);
  EXPECT_EQ(seen, 1);
  EXPECT_TRUE(s.store->Put(MakeArticle("https://a.example.cn/9", Body(9))).ok());  // store still usable
}

TEST(ScanTest, WithoutBodySkipsIt) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  Query q;
  q.with_body = false;
  ASSERT_TRUE(s.store->Scan(q, [&](const Article& a, int64_t) {
    EXPECT_TRUE(a.body.empty());
    EXPECT_FALSE(a.title.empty());
    return Status::Ok();
  }).ok());
}

TEST(CursorTest, NamedCursorsMoveOnlyForward) {
  ScratchStore s;
  auto start = s.store->CursorPosition("daily-feed");
  ASSERT_TRUE(start.ok());
  EXPECT_EQ(*start, 0);
  ASSERT_TRUE(s.store->AdvanceCursor("daily-feed", 5).ok());
  ASSERT_TRUE(s.store->AdvanceCursor("daily-feed", 3).ok());
  EXPECT_EQ(*s.store->CursorPosition("daily-feed"), 5);
  EXPECT_EQ(*s.store->CursorPosition("other"), 0);
  EXPECT_EQ(s.store->AdvanceCursor("", 1).error().code, Code::kInvalidInput);
}

}  // namespace
}  // namespace gleaner::store
