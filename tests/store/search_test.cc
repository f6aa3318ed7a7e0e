// Focus: full-text search - Chinese terms of any length, whole English
// words, FTS5 syntax taken literally, bm25 order with the title first,
// snippets on the stored text, duplicates, the index kept in step with new
// versions and batches; and stats.
#include <gtest/gtest.h>
#include <sqlite3.h>

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

TEST_F(SearchTest, ChineseTermsOfOneTwoAndFourCharactersUseTheIndex) {
  // 乌, 三边 and 火 are not in the generated bodies' vocabulary.
  struct Case {
    const char* id;
    const char* query;
    size_t hits;
  } cases[] = {
      {"zh-1 one char", "乌", 1},        {"zh-2 two chars", "三边", 1},
      {"zh-3 four chars", "安全承诺", 2}, {"zh-4 absent char", "火", 0},
      {"zh-5 adjacent pair", "乌安", 1},  {"zh-6 not adjacent", "边乌", 0},
  };
  for (const Case& c : cases) {
    SearchResult r = Find(c.query);
    EXPECT_FALSE(r.substring_scan) << c.id;
    EXPECT_EQ(r.hits.size(), c.hits) << c.id;
  }
  SearchResult one = Find("乌");
  ASSERT_EQ(one.hits.size(), 1u);
  EXPECT_NE(one.hits[0].snippet.find("[乌]"), std::string::npos) << one.hits[0].snippet;
  SearchResult two = Find("三边");
  ASSERT_EQ(two.hits.size(), 1u);
  EXPECT_NE(two.hits[0].snippet.find("[三边]"), std::string::npos) << two.hits[0].snippet;
}

TEST_F(SearchTest, ShortTermNarrowsAQuery) {
  EXPECT_EQ(Find("安全承诺 三边").hits.size(), 1u);
  EXPECT_EQ(Find("安全承诺 火星").hits.size(), 0u);
}

TEST_F(SearchTest, EnglishMatchesWholeWordsOrATypedPrefix) {
  EXPECT_EQ(Find("brown").hits.size(), 1u);
  EXPECT_EQ(Find("brow").hits.size(), 0u);  // not inside a word
  EXPECT_EQ(Find("brow*").hits.size(), 1u);
  EXPECT_EQ(Find("jumps fox").hits.size(), 1u);
  SearchResult r = Find("FOX");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_NE(r.hits[0].snippet.find("[fox]"), std::string::npos) << r.hits[0].snippet;
}

TEST_F(SearchTest, MixedScriptsAndFullWidth) {
  MustPut(*s_.store, MakeArticle("https://tech.example.cn/1",
                                 "苹果公司发布iPhone15手机，型号ＡＢＣ１２３。" + Body(4), "新品"));
  EXPECT_EQ(Find("iphone15发布").hits.size(), 0u);  // not adjacent in that order
  EXPECT_EQ(Find("发布iPhone15").hits.size(), 1u);
  EXPECT_EQ(Find("iphone15 苹果").hits.size(), 1u);
  SearchResult r = Find("abc123");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_NE(r.hits[0].snippet.find("[ＡＢＣ１２３]"), std::string::npos) << r.hits[0].snippet;
  EXPECT_EQ(Find("ＩＰＨＯＮＥ１５").hits.size(), 1u);
}

TEST_F(SearchTest, FtsSyntaxInTheQueryIsTakenLiterally) {
  MustPut(*s_.store, MakeArticle("https://www.other.com/4", "Talks NEAR border crossings went on. " + Body(5), "Border"));
  struct Case {
    const char* id;
    const char* query;
    size_t hits;
  } cases[] = {
      {"syn-1 NEAR is a word", "NEAR", 1},
      {"syn-2 NEAR group", "NEAR(border crossings)", 1},
      {"syn-3 OR is a word", "fox OR border", 0},
      {"syn-4 NOT is a word", "fox NOT", 0},
      {"syn-5 AND is a word", "fox AND", 0},
      {"syn-6 quotes", "\"fox\"", 1},
      {"syn-7 unbalanced quote", "\"fox", 1},
      {"syn-8 column filter", "title:fox", 0},
      {"syn-9 star and caret", "^fox*", 1},
      {"syn-10 parentheses", "(fox)", 1},
      {"syn-11 plus minus", "+fox -brown", 1},
      {"syn-12 zh with quotes", "“安全承诺”", 2},
  };
  for (const Case& c : cases) {
    auto r = s_.store->Search(c.query, SearchOptions{});
    ASSERT_TRUE(r.ok()) << c.id << ": " << r.error().message;
    EXPECT_EQ(r->hits.size(), c.hits) << c.id;
  }
}

TEST_F(SearchTest, QueryOfOnlyPunctuationIsInvalid) {
  for (const char* query : {"*", "\"\"", "( ) :", "。，！"}) {
    auto r = s_.store->Search(query, SearchOptions{});
    ASSERT_FALSE(r.ok()) << query;
    EXPECT_EQ(r.error().code, Code::kInvalidInput) << query;
  }
}

TEST_F(SearchTest, SnippetsMarkTheStoredTextAndStayShort) {
  std::string english;
  for (int i = 0; i < 40; ++i) english += "Filler sentence number " + std::to_string(i) + " says little. ";
  MustPut(*s_.store, MakeArticle("https://www.other.com/5", english + "The CAFÉ reopened. " + english, "Cafés"));
  SearchResult r = Find("café");
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string& snippet = r.hits[0].snippet;
  EXPECT_NE(snippet.find("[CAFÉ]"), std::string::npos) << snippet;  // the stored case
  EXPECT_LT(snippet.size(), 200u) << snippet;
  EXPECT_EQ(snippet.find('\n'), std::string::npos);
  SearchResult zh = Find("三边同盟");
  ASSERT_EQ(zh.hits.size(), 1u);
  EXPECT_NE(zh.hits[0].snippet.find("[三边同盟]"), std::string::npos) << zh.hits[0].snippet;
  EXPECT_LT(zh.hits[0].snippet.size(), 3u * 80) << zh.hits[0].snippet;  // ~48 characters of 3 bytes
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

// FTS5's own check that the index holds exactly the articles' text ("" =
// consistent), through a connection of its own.
std::string IndexIntegrity(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  char* err = nullptr;
  sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')", nullptr, nullptr, &err);
  std::string out = err != nullptr ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  return out;
}

size_t Hits(Store& store, const std::string& query) {
  auto r = store.Search(query, SearchOptions{});
  EXPECT_TRUE(r.ok()) << query << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r->hits.size() : 0;
}

TEST(SearchIndexTest, StaysInStepAcrossBatchesAndVersions) {
  Options options = ScratchStore::Fast();
  options.batch_rows = 3;  // puts 0-2 and 3-5 commit; 6 stays in the open batch
  ScratchStore s(options);
  auto url = [](int i) { return "https://a.example.cn/" + std::to_string(i); };
  for (int i = 0; i < 7; ++i) {
    MustPut(*s.store, MakeArticle(url(i), Body(100 + i) + " marker" + std::to_string(i), "title" + std::to_string(i)));
  }
  // Two versions of an article of the open batch, one of a committed one.
  MustPut(*s.store, MakeArticle(url(6), Body(200) + " first rewrite", "headline first"));
  MustPut(*s.store, MakeArticle(url(6), Body(201) + " second rewrite", "headline second"));
  MustPut(*s.store, MakeArticle(url(1), Body(202) + " third rewrite", "headline third"));
  ASSERT_TRUE(s.store->Commit().ok());
  EXPECT_EQ(IndexIntegrity(s.path), "");
  EXPECT_EQ(Hits(*s.store, "marker0"), 1u);
  EXPECT_EQ(Hits(*s.store, "marker1"), 0u);  // replaced
  EXPECT_EQ(Hits(*s.store, "marker6"), 0u);
  EXPECT_EQ(Hits(*s.store, "title6"), 0u);
  EXPECT_EQ(Hits(*s.store, "first"), 0u);
  EXPECT_EQ(Hits(*s.store, "second rewrite"), 1u);
  EXPECT_EQ(Hits(*s.store, "headline"), 2u);
  EXPECT_EQ(Hits(*s.store, "third"), 1u);
  // Another version after the commit, and a reopened store reads it all.
  MustPut(*s.store, MakeArticle(url(1), Body(203) + " fourth rewrite", "headline fourth"));
  s.store.reset();
  EXPECT_EQ(IndexIntegrity(s.path), "");
  auto reader = Store::Open(s.path, s.ReaderOptions());
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ(Hits(**reader, "third"), 0u);
  EXPECT_EQ(Hits(**reader, "fourth rewrite"), 1u);
  EXPECT_EQ(Hits(**reader, "marker5"), 1u);
}

TEST(SearchIndexTest, SearchSeesTheOpenBatch) {
  Options options = ScratchStore::Fast();
  options.batch_rows = 1000;
  ScratchStore s(options);
  MustPut(*s.store, MakeArticle("https://a.example.cn/1", Body(1) + " pending words", "t"));
  EXPECT_EQ(Hits(*s.store, "pending"), 1u);  // Search commits first
  EXPECT_EQ(IndexIntegrity(s.path), "");
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
