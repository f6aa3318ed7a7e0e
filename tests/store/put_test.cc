// Focus: what Put does with an article - new, unchanged (last_seen moves),
// new version (history kept), exact and near duplicates, URL identity.
#include <gtest/gtest.h>

#include <string>

#include "store/store_test_util.h"

namespace gleaner::store {
namespace {

using gleaner::testing::Body;
using gleaner::testing::MakeArticle;
using gleaner::testing::MustPut;
using gleaner::testing::ScratchStore;

TEST(PutTest, FirstPutIsNewWithVersionOne) {
  ScratchStore s;
  PutOutcome out = MustPut(*s.store, MakeArticle("https://news.example.cn/a/1.html", Body(1)));
  EXPECT_EQ(out.kind, PutKind::kNew);
  EXPECT_EQ(out.version, 1);
  EXPECT_FALSE(out.duplicate_of);
  auto got = s.store->Get(out.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->body, Body(1));
  ASSERT_TRUE(got->stored);
  EXPECT_EQ(got->stored->first_seen, s.clock.now_s());
  EXPECT_EQ(got->stored->version, 1);
}

TEST(PutTest, AllFieldsRoundTrip) {
  ScratchStore s;
  Article a = MakeArticle("https://news.example.cn/a/1.html", Body(1), "英美防长会谈");
  a.canonical_url = "https://news.example.cn/a/1.html";
  a.published = "2025-03-14T08:56:00+08:00";
  a.modified = "2025-03-14T09:00:00+08:00";
  a.published_raw = "2025年3月14日 08:56";
  a.authors = {"张三", "李四"};
  a.editor = "王磊";
  a.source = "央视新闻";
  a.images = {{"https://img.example.cn/1.jpg", "图片"}, {"https://img.example.cn/2.jpg", ""}};
  a.tags = {"国际", "安全"};
  a.related = {{"相关文章", "https://news.example.cn/a/2.html"}};
  a.next_pages = {"https://news.example.cn/a/1_2.html"};
  a.encoding = {"GB18030", "meta", 2};
  a.confidence = 0.75;
  PutOutcome out = MustPut(*s.store, a);
  auto got = s.store->Get(out.id);
  ASSERT_TRUE(got.ok());
  Article want = a;
  want.stored = got->stored;
  EXPECT_EQ(ArticleToJson(*got), ArticleToJson(want));
}

TEST(PutTest, SameUrlSameContentOnlyMovesLastSeen) {
  ScratchStore s;
  Article a = MakeArticle("https://news.example.cn/a/1.html", Body(1));
  PutOutcome first = MustPut(*s.store, a);
  s.clock.AdvanceSeconds(3600);
  a.body = "　　" + a.body + "\n";  // layout-only difference: same normalised text
  PutOutcome again = MustPut(*s.store, a);
  EXPECT_EQ(again.kind, PutKind::kUnchanged);
  EXPECT_EQ(again.id, first.id);
  auto got = s.store->Get(first.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->stored->last_seen - got->stored->first_seen, 3600);
  EXPECT_EQ(got->stored->version, 1);
}

TEST(PutTest, ChangedContentBecomesNewVersionAndKeepsHistory) {
  ScratchStore s;
  Article a = MakeArticle("https://news.example.cn/a/1.html", Body(1), "旧标题");
  PutOutcome first = MustPut(*s.store, a);
  s.clock.AdvanceSeconds(60);
  a.title = "新标题";
  a.body = Body(1) + "更正：数据已更新。";
  PutOutcome second = MustPut(*s.store, a);
  EXPECT_EQ(second.kind, PutKind::kNewVersion);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.version, 2);
  auto current = s.store->Get(first.id);
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(current->title, "新标题");
  EXPECT_EQ(current->stored->version, 2);
  auto history = s.store->History(first.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].title, "旧标题");
  EXPECT_EQ((*history)[0].body, Body(1));
  EXPECT_EQ((*history)[0].stored->version, 1);
  EXPECT_EQ((*history)[0].stored->last_seen - (*history)[0].stored->first_seen, 60);
}

TEST(PutTest, SameBodyAtAnotherUrlIsExactDuplicateOfTheFirst) {
  ScratchStore s;
  PutOutcome first = MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", Body(1)));
  PutOutcome copy = MustPut(*s.store, MakeArticle("https://reprint.other.com/x.html", Body(1)));
  EXPECT_EQ(copy.kind, PutKind::kDuplicate);
  ASSERT_TRUE(copy.duplicate_of);
  EXPECT_EQ(*copy.duplicate_of, first.id);
  EXPECT_EQ(copy.distance, 0);
  auto got = s.store->Get(copy.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->stored->duplicate_of, first.id);
}

TEST(PutTest, ReprintWithOtherBoilerplateIsNearDuplicate) {
  ScratchStore s;
  PutOutcome first = MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", Body(1)));
  std::string reprint = "来源：新华社\n\n" + Body(1) + "\n\n（责任编辑：王磊）";
  PutOutcome copy = MustPut(*s.store, MakeArticle("https://b.example.com/9.html", reprint));
  EXPECT_EQ(copy.kind, PutKind::kDuplicate);
  EXPECT_EQ(copy.duplicate_of, first.id);
  EXPECT_LE(copy.distance, 3);  // often 0: a few chrome lines rarely move a bit
}

TEST(PutTest, UnrelatedArticlesAreBothNew) {
  ScratchStore s;
  for (int i = 0; i < 50; ++i) {
    PutOutcome out = MustPut(*s.store, MakeArticle("https://a.example.cn/" + std::to_string(i), Body(i)));
    EXPECT_EQ(out.kind, PutKind::kNew) << i;
  }
}

TEST(PutTest, NearDedupOffKeepsNearCopiesAsArticles) {
  Options options;
  options.near_dedup = false;
  ScratchStore s(ScratchStore::Fast(options));
  MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", Body(1)));
  PutOutcome copy = MustPut(*s.store, MakeArticle("https://b.example.com/9.html", "来源：新华社\n" + Body(1)));
  EXPECT_EQ(copy.kind, PutKind::kNew);
}

TEST(PutTest, ShortBodiesAreNeverDuplicates) {
  ScratchStore s;
  // Two stub pages with the same 10-character body are not one article.
  MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", "本页暂无内容请稍后"));
  PutOutcome second = MustPut(*s.store, MakeArticle("https://a.example.cn/2.html", "本页暂无内容请稍后"));
  EXPECT_EQ(second.kind, PutKind::kNew);
}

TEST(PutTest, MinDedupCharsBoundary) {
  // 49, 50, 51 normalised code points with min_dedup_chars = 50.
  for (int chars : {49, 50, 51}) {
    ScratchStore s;
    std::string body;
    for (int i = 0; i < chars; ++i) body += "安";
    MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", body));
    PutOutcome second = MustPut(*s.store, MakeArticle("https://a.example.cn/2.html", body));
    EXPECT_EQ(second.kind, chars >= 50 ? PutKind::kDuplicate : PutKind::kNew) << chars;
  }
}

TEST(PutTest, TrackingParamsAndSameSiteCanonicalNameTheSameArticle) {
  ScratchStore s;
  PutOutcome first = MustPut(*s.store, MakeArticle("https://news.example.cn/a/1.html", Body(1)));
  Article mobile = MakeArticle("https://m.example.cn/a/1.html?utm_source=wx", Body(1));
  mobile.canonical_url = "https://news.example.cn/a/1.html";
  PutOutcome again = MustPut(*s.store, mobile);
  EXPECT_EQ(again.kind, PutKind::kUnchanged);
  EXPECT_EQ(again.id, first.id);
}

TEST(PutTest, CanonicalToHomePageDoesNotMergeArticles) {
  ScratchStore s;
  Article a = MakeArticle("https://news.example.cn/a/1.html", Body(1));
  Article b = MakeArticle("https://news.example.cn/a/2.html", Body(2));
  a.canonical_url = b.canonical_url = "https://news.example.cn/";
  EXPECT_EQ(MustPut(*s.store, a).kind, PutKind::kNew);
  EXPECT_EQ(MustPut(*s.store, b).kind, PutKind::kNew);
}

TEST(PutTest, NewVersionOfADuplicateIsJudgedAgain) {
  ScratchStore s;
  PutOutcome original = MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", Body(1)));
  PutOutcome copy = MustPut(*s.store, MakeArticle("https://b.example.com/1.html", Body(1)));
  ASSERT_EQ(copy.kind, PutKind::kDuplicate);
  PutOutcome rewritten = MustPut(*s.store, MakeArticle("https://b.example.com/1.html", Body(2)));
  EXPECT_EQ(rewritten.kind, PutKind::kNewVersion);
  EXPECT_FALSE(rewritten.duplicate_of);
  // It is an original now: a copy of its new text points at it.
  PutOutcome copy2 = MustPut(*s.store, MakeArticle("https://c.example.org/1.html", Body(2)));
  EXPECT_EQ(copy2.duplicate_of, copy.id);
  (void)original;
}

TEST(PutTest, NewVersionOfAnOriginalIsFoundByItsNewText) {
  ScratchStore s;
  PutOutcome first = MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", Body(1)));
  MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", Body(2)));
  // Near copies of the old text no longer match it; of the new text they do.
  EXPECT_EQ(MustPut(*s.store, MakeArticle("https://x.com/old", "编者按\n" + Body(1))).kind, PutKind::kNew);
  EXPECT_EQ(MustPut(*s.store, MakeArticle("https://x.com/new", "编者按\n" + Body(2))).duplicate_of, first.id);
}

TEST(PutTest, DuplicatesPointAtTheOriginalNeverAChain) {
  ScratchStore s;
  PutOutcome original = MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", Body(1)));
  PutOutcome near = MustPut(*s.store, MakeArticle("https://b.example.com/1.html", "来源：新华社\n" + Body(1)));
  PutOutcome near2 =
      MustPut(*s.store, MakeArticle("https://c.example.org/1.html", "来源：新华社\n" + Body(1) + "\n编辑：张三"));
  EXPECT_EQ(near.duplicate_of, original.id);
  EXPECT_EQ(near2.duplicate_of, original.id);
}

TEST(PutTest, ArticleWithoutUrlOrInputIsRejected) {
  ScratchStore s;
  Article a;
  a.body = Body(1);
  auto r = s.store->Put(a);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kInvalidInput);
}

TEST(PutTest, SavedFileWithoutUrlIsKeyedByItsPath) {
  ScratchStore s;
  Article a;
  a.input = "samples/one.html";
  a.body = Body(1);
  EXPECT_EQ(MustPut(*s.store, a).kind, PutKind::kNew);
  EXPECT_EQ(MustPut(*s.store, a).kind, PutKind::kUnchanged);
}

TEST(PutTest, PrecomputedSignatureIsUsed) {
  ScratchStore s;
  PutContext context;
  context.signature = dedup::Sign(Body(1));
  auto a = s.store->Put(MakeArticle("https://a.example.cn/1.html", Body(1)), context);
  ASSERT_TRUE(a.ok());
  auto b = s.store->Put(MakeArticle("https://b.example.cn/1.html", Body(1)));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->kind, PutKind::kDuplicate);
}

TEST(PutTest, BatchCommitsAtBatchRowsAndIsVisibleToOtherConnections) {
  Options options;
  options.batch_rows = 3;
  options.batch_ms = 1000000;
  ScratchStore s(ScratchStore::Fast(options));
  auto reader = Store::Open(s.path, s.ReaderOptions());
  ASSERT_TRUE(reader.ok());
  auto count = [&] {
    int64_t n = 0;
    auto r = (*reader)->Scan(Query{}, [&](const Article&, int64_t) { ++n; return Status::Ok(); });
    EXPECT_TRUE(r.ok());
    return n;
  };
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  MustPut(*s.store, MakeArticle("https://a.example.cn/2", Body(2)));
  EXPECT_EQ(count(), 0);  // limit-1: still pending
  MustPut(*s.store, MakeArticle("https://a.example.cn/3", Body(3)));
  EXPECT_EQ(count(), 3);  // limit: committed
  MustPut(*s.store, MakeArticle("https://a.example.cn/4", Body(4)));
  EXPECT_EQ(count(), 3);  // limit+1: a new batch
  ASSERT_TRUE(s.store->Commit().ok());
  EXPECT_EQ(count(), 4);
}

TEST(PutTest, BatchCommitsWhenOld) {
  Options options;
  options.batch_rows = 1000;
  options.batch_ms = 5000;
  ScratchStore s(ScratchStore::Fast(options));
  auto reader = Store::Open(s.path, s.ReaderOptions());
  ASSERT_TRUE(reader.ok());
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  s.clock.AdvanceSeconds(5);
  MustPut(*s.store, MakeArticle("https://a.example.cn/2", Body(2)));
  int64_t n = 0;
  ASSERT_TRUE((*reader)->Scan(Query{}, [&](const Article&, int64_t) { ++n; return Status::Ok(); }).ok());
  EXPECT_EQ(n, 2);
}

TEST(PutTest, ClosingTheStoreCommitsThePendingBatch) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  s.store.reset();
  auto reader = Store::Open(s.path, s.ReaderOptions());
  ASSERT_TRUE(reader.ok());
  EXPECT_TRUE((*reader)->Get(1).ok());
}

TEST(PutTest, ReadOnlyStoreRefusesWritesNamingTheFile) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1)));
  ASSERT_TRUE(s.store->Commit().ok());
  auto reader = Store::Open(s.path, s.ReaderOptions());
  ASSERT_TRUE(reader.ok());
  auto r = (*reader)->Put(MakeArticle("https://a.example.cn/2", Body(2)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kIo);
  EXPECT_NE(r.error().message.find("news.db"), std::string::npos);
  EXPECT_EQ((*reader)->AdvanceCursor("x", 1).error().code, Code::kIo);
}

}  // namespace
}  // namespace gleaner::store
