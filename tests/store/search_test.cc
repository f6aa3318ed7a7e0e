// Focus: full-text search - trigram matches, bm25 order, snippets, 1-2
// character Chinese terms, index kept in step with new versions; and stats.
#include <gtest/gtest.h>

#include <string>

#include "store/store_test_util.h"

namespace gleaner::store {
namespace {

using gleaner::testing::Body;
using gleaner::testing::MakeArticle;
using gleaner::testing::MustPut;
using gleaner::testing::ScratchStore;

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MustPut(*s_.store, MakeArticle("https://news.example.cn/1", "英美防长会谈聚焦对乌安全承诺与三边同盟。" + Body(1),
                                   "英美防长会谈聚焦安全承诺"));
    MustPut(*s_.store, MakeArticle("https://news.example.cn/2", Body(2) + "会议还讨论了安全承诺问题。", "经济会议"));
    MustPut(*s_.store, MakeArticle("https://www.other.com/3", "The Quick brown fox jumps. " + Body(3), "Fox"));
  }
  SearchResult Find(const std::string& q, SearchOptions options = {}) {
    auto r = s_.store->Search(q, options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : SearchResult{};
  }
  ScratchStore s_;
};

TEST_F(SearchTest, RanksTitleMatchFirstWithHighlightedSnippet) {
  SearchResult r = Find("安全承诺");
  EXPECT_FALSE(r.substring_scan);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].url, "https://news.example.cn/1");
  EXPECT_LT(r.hits[0].score, r.hits[1].score);  // bm25: lower is better
  EXPECT_NE(r.hits[0].snippet.find("[安全承诺]"), std::string::npos) << r.hits[0].snippet;
  EXPECT_EQ(r.hits[0].site, "example.cn");
}

TEST_F(SearchTest, AllTermsMustMatch) {
  EXPECT_EQ(Find("安全承诺 三边同盟").hits.size(), 1u);
  EXPECT_EQ(Find("安全承诺 不存在的词").hits.size(), 0u);
}

TEST_F(SearchTest, CaseInsensitiveForLatin) {
  EXPECT_EQ(Find("QUICK").hits.size(), 1u);
}

TEST_F(SearchTest, QueryOperatorsAreLiteral) {
  EXPECT_TRUE(s_.store->Search("\"安全 OR NOT * :", SearchOptions{}).ok());
}

TEST_F(SearchTest, TwoCharacterChineseTermFallsBackToSubstringScan) {
  SearchResult r = Find("三边");
  EXPECT_TRUE(r.substring_scan);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_NE(r.hits[0].snippet.find("[三边]"), std::string::npos) << r.hits[0].snippet;
}

TEST_F(SearchTest, ShortTermNarrowsAnIndexedQuery) {
  // FTS5 would drop "三边" (2 chars) silently; it must still be required.
  EXPECT_EQ(Find("安全承诺 三边").hits.size(), 1u);
  EXPECT_EQ(Find("安全承诺 火星").hits.size(), 0u);
}

TEST_F(SearchTest, TermLengthBoundary) {
  // 2 code points: substring; 3: trigram index.
  EXPECT_TRUE(Find("承诺").substring_scan);
  EXPECT_FALSE(Find("安全承").substring_scan);
  EXPECT_EQ(Find("安全承").hits.size(), 2u);
}

TEST_F(SearchTest, IndexFollowsNewVersions) {
  MustPut(*s_.store, MakeArticle("https://news.example.cn/1", Body(9) + "改写后的稿件提到火星探测。", "改写"));
  EXPECT_EQ(Find("火星探测").hits.size(), 1u);
  EXPECT_EQ(Find("三边同盟").hits.size(), 0u);
}

TEST_F(SearchTest, DuplicatesOnlyWhenAskedFor) {
  MustPut(*s_.store, MakeArticle("https://reprint.example.org/1", "英美防长会谈聚焦对乌安全承诺与三边同盟。" + Body(1),
                                 "英美防长会谈聚焦安全承诺"));
  EXPECT_EQ(Find("三边同盟").hits.size(), 1u);
  SearchOptions all;
  all.include_duplicates = true;
  SearchResult r = Find("三边同盟", all);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_TRUE(r.hits[0].duplicate_of || r.hits[1].duplicate_of);
}

TEST_F(SearchTest, SiteAndLimit) {
  SearchOptions site;
  site.site = "other.com";
  EXPECT_EQ(Find("brown", site).hits.size(), 1u);
  EXPECT_EQ(Find("安全承诺", site).hits.size(), 0u);
  SearchOptions one;
  one.limit = 1;
  EXPECT_EQ(Find("安全承诺", one).hits.size(), 1u);
}

TEST_F(SearchTest, EmptyQueryIsInvalid) {
  auto r = s_.store->Search("   　 ", SearchOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kInvalidInput);
}

TEST(StatsTest, PerSiteCountsOfArticlesDuplicatesVersionsAndErrors) {
  ScratchStore s;
  MustPut(*s.store, MakeArticle("https://news.example.cn/1", Body(1)));
  MustPut(*s.store, MakeArticle("https://news.example.cn/2", Body(2)));
  MustPut(*s.store, MakeArticle("https://news.example.cn/2", Body(3)));  // new version
  s.clock.AdvanceSeconds(100);
  MustPut(*s.store, MakeArticle("https://www.other.com/1", Body(1)));  // duplicate
  FetchRecord ok{"https://news.example.cn/1", 200, std::nullopt, "", 1000, 50, 0};
  FetchRecord bad{"https://news.example.cn/9", 503, Code::kHttp, "503 Service Unavailable", 0, 10, 0};
  ASSERT_TRUE(s.store->LogFetch(ok).ok());
  ASSERT_TRUE(s.store->LogFetch(bad).ok());
  auto stats = s.store->Stats();
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  ASSERT_EQ(stats->size(), 2u);
  const SiteStats& cn = (*stats)[0];
  EXPECT_EQ(cn.site, "example.cn");
  EXPECT_EQ(cn.articles, 2);
  EXPECT_EQ(cn.duplicates, 0);
  EXPECT_EQ(cn.versions, 1);
  EXPECT_EQ(cn.fetches, 2);
  EXPECT_EQ(cn.errors, 1);
  EXPECT_EQ(cn.last_seen, s.clock.now_s() - 100);
  const SiteStats& other = (*stats)[1];
  EXPECT_EQ(other.site, "other.com");
  EXPECT_EQ(other.articles, 0);
  EXPECT_EQ(other.duplicates, 1);
  EXPECT_EQ(other.last_seen, s.clock.now_s());
}

}  // namespace
}  // namespace gleaner::store
