// Focus: the store's second near-duplicate path (near_titles). A reprint
// with one sentence changed, short enough that its fingerprint lands past
// the threshold, is linked to the same-title original; a different story
// under the same headline with the same boilerplate stays an article; the
// title index follows new versions, caps its candidates, can be switched
// off with near_dedup, and is built for stores migrated from schema 2.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "dedup/news_text.h"
#include "sqlite_store.h"
#include "store/store_test_util.h"
#include "store_internal.h"

namespace gleaner::store {
namespace {

using gleaner::testing::Body;
using gleaner::testing::ChineseNews;
using gleaner::testing::EnglishNews;
using gleaner::testing::MakeArticle;
using gleaner::testing::MustPut;
using gleaner::testing::NewsCase;
using gleaner::testing::OriginalBody;
using gleaner::testing::RawExec;
using gleaner::testing::RawInt;
using gleaner::testing::ReprintBody;
using gleaner::testing::ScratchStore;
using gleaner::testing::WithBoilerplate;

int FingerprintDistance(const std::string& a, const std::string& b) {
  return dedup::HammingDistance(dedup::Sign(a).fingerprint, dedup::Sign(b).fingerprint);
}

class NearTitleNewsTest : public ::testing::TestWithParam<NewsCase> {};

TEST_P(NearTitleNewsTest, ShortReprintWithOneSentenceChangedIsLinked) {
  const NewsCase& c = GetParam();
  ASSERT_GT(FingerprintDistance(OriginalBody(c), ReprintBody(c)), dedup::kDefaultThreshold)
      << "this pair must be one the fingerprint alone misses";
  ScratchStore s;
  PutOutcome original =
      MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", OriginalBody(c), c.title));
  PutOutcome reprint =
      MustPut(*s.store, MakeArticle("https://b.example.com/9.html", ReprintBody(c), c.title));
  EXPECT_EQ(reprint.kind, PutKind::kDuplicate);
  EXPECT_EQ(reprint.duplicate_of, original.id);
  EXPECT_GT(reprint.distance, dedup::kDefaultThreshold);  // the real Hamming distance, reported
  auto got = s.store->Get(reprint.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->stored->duplicate_of, original.id);
}

TEST_P(NearTitleNewsTest, OtherStoryUnderTheSameHeadlineAndBoilerplateStaysAnArticle) {
  const NewsCase& c = GetParam();
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", WithBoilerplate(c, c.sentences), c.title));
  PutOutcome other = MustPut(
      *s.store, MakeArticle("https://a.example.cn/2.html", WithBoilerplate(c, c.other_story), c.title));
  EXPECT_EQ(other.kind, PutKind::kNew);
  EXPECT_FALSE(other.duplicate_of);
}

TEST_P(NearTitleNewsTest, ReprintUnderAnotherHeadlineIsLeftToTheFingerprint) {
  // The title path only widens the search; without it this edit is too
  // large for the fingerprint's threshold.
  const NewsCase& c = GetParam();
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", OriginalBody(c), c.title));
  PutOutcome reprint =
      MustPut(*s.store, MakeArticle("https://b.example.com/9.html", ReprintBody(c), "Exclusive: " + c.title));
  EXPECT_EQ(reprint.kind, PutKind::kNew);
}

INSTANTIATE_TEST_SUITE_P(Languages, NearTitleNewsTest, ::testing::Values(ChineseNews(), EnglishNews()),
                         [](const auto& info) { return info.param.lang; });

TEST(NearTitleTest, NearDedupOffSkipsTheTitlePathToo) {
  Options options;
  options.near_dedup = false;
  ScratchStore s(ScratchStore::Fast(options));
  const NewsCase& c = ChineseNews();
  MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", OriginalBody(c), c.title));
  EXPECT_EQ(MustPut(*s.store, MakeArticle("https://b.example.com/9.html", ReprintBody(c), c.title)).kind,
            PutKind::kNew);
}

// The original, then `others` unrelated originals under the same title,
// then the reprint: found while the original is among the newest
// kMaxTitleCandidates of its title.
TEST(NearTitleTest, CandidatesAreTheNewestOfTheTitleUpToTheCap) {
  const NewsCase& c = ChineseNews();
  constexpr int kCap = internal::kMaxTitleCandidates;
  for (int others : {kCap - 2, kCap - 1, kCap}) {
    ScratchStore s;
    PutOutcome original =
        MustPut(*s.store, MakeArticle("https://a.example.cn/0.html", OriginalBody(c), c.title));
    for (int i = 1; i <= others; ++i) {
      MustPut(*s.store, MakeArticle("https://a.example.cn/" + std::to_string(i) + ".html", Body(i), c.title));
    }
    PutOutcome reprint =
        MustPut(*s.store, MakeArticle("https://b.example.com/9.html", ReprintBody(c), c.title));
    if (others + 1 <= kCap) {
      EXPECT_EQ(reprint.duplicate_of, original.id) << others;
    } else {
      EXPECT_EQ(reprint.kind, PutKind::kNew) << others;
    }
  }
}

TEST(NearTitleTest, NewVersionMovesTheOriginalToItsNewTitle) {
  const NewsCase& c = ChineseNews();
  ScratchStore s;
  PutOutcome original =
      MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", OriginalBody(c), "旧标题"));
  MustPut(*s.store,
          MakeArticle("https://a.example.cn/1.html", OriginalBody(c) + "（更正：时间有误。）", c.title));
  ASSERT_TRUE(s.store->Commit().ok());
  EXPECT_EQ(RawInt(s.path, "SELECT count(*) FROM near_titles"), 1);
  EXPECT_EQ(static_cast<uint64_t>(RawInt(s.path, "SELECT title_key FROM near_titles")),
            dedup::TitleKey(c.title));
  PutOutcome reprint =
      MustPut(*s.store, MakeArticle("https://c.example.org/1.html", ReprintBody(c), c.title));
  EXPECT_EQ(reprint.duplicate_of, original.id);
}

TEST(NearTitleTest, DuplicatesAndShortBodiesAreNotIndexed) {
  const NewsCase& c = ChineseNews();
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", OriginalBody(c), c.title));
  MustPut(*s.store, MakeArticle("https://b.example.com/1.html", ReprintBody(c), c.title));
  MustPut(*s.store, MakeArticle("https://a.example.cn/2.html", "本页暂无内容", c.title));
  MustPut(*s.store, MakeArticle("https://a.example.cn/3.html", Body(3), "。。"));  // no title key
  s.store.reset();
  EXPECT_EQ(RawInt(s.path, "SELECT count(*) FROM near_titles"), 1);
}

TEST(NearTitleTest, StoreMigratedFromSchemaTwoGetsItsTitlesIndexed) {
  const NewsCase& c = ChineseNews();
  ScratchStore s;
  PutOutcome original =
      MustPut(*s.store, MakeArticle("https://a.example.cn/1.html", OriginalBody(c), c.title));
  MustPut(*s.store, MakeArticle("https://a.example.cn/2.html", Body(2), "另一篇"));
  s.store.reset();
  // What a gleaner before schema 3 left: no near_titles, no meta key.
  RawExec(s.path,
          "DROP TABLE near_titles; DELETE FROM meta WHERE key = 'near_titles'; PRAGMA user_version = 2;");

  Options read_only = s.ReaderOptions();
  EXPECT_FALSE(Store::Open(s.path, read_only).ok()) << "a read-only open cannot migrate";
  auto reopened = Store::Open(s.path, ScratchStore::Fast());
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(RawInt(s.path, "PRAGMA user_version"), internal::Migrations().back().version);
  EXPECT_EQ(RawInt(s.path, "SELECT count(*) FROM near_titles"), 2);
  PutOutcome reprint =
      MustPut(**reopened, MakeArticle("https://b.example.com/9.html", ReprintBody(c), c.title));
  EXPECT_EQ(reprint.duplicate_of, original.id);
  reopened->reset();
  auto again = Store::Open(s.path, ScratchStore::Fast());  // built once: nothing to do
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(RawInt(s.path, "SELECT count(*) FROM near_titles"), 2);
}

TEST(NearTitleTest, NewStoreNeedsNoTitleBuild) {
  ScratchStore s;
  s.store.reset();
  EXPECT_EQ(RawInt(s.path, "SELECT value = 'built' FROM meta WHERE key = 'near_titles'"), 1);
}

}  // namespace
}  // namespace gleaner::store
