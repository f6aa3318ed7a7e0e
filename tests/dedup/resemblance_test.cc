// Focus: the second near-duplicate path's two parts. TitleKey folds what
// differs between copies of a headline and nothing else; Resemblance keeps a
// reprint with one sentence changed above kTitleResemblance and a different
// story under the same headline and boilerplate far below it, in Chinese and
// English, including the short bodies the fingerprint misses.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dedup/news_text.h"
#include "dedup/zh_text.h"
#include "gleaner/dedup.h"

namespace gleaner::dedup {
namespace {

using gleaner::testing::ChineseNews;
using gleaner::testing::EnglishNews;
using gleaner::testing::JoinArticle;
using gleaner::testing::NewsCase;
using gleaner::testing::OriginalBody;
using gleaner::testing::ReprintBody;
using gleaner::testing::SplitMix;
using gleaner::testing::WithBoilerplate;
using gleaner::testing::ZhArticle;
using gleaner::testing::ZhSentence;
using gleaner::testing::ZhSentences;

struct TitleCase {
  const char* id;
  std::string a;
  std::string b;
  bool same;
};

class TitleKeyTest : public ::testing::TestWithParam<TitleCase> {};

TEST_P(TitleKeyTest, EqualExactlyWhenTheWordsAre) {
  const TitleCase& c = GetParam();
  EXPECT_EQ(TitleKey(c.a) == TitleKey(c.b), c.same) << c.id;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TitleKeyTest,
    ::testing::Values(
        TitleCase{"t1-same", "英美防长会谈聚焦对乌安全承诺", "英美防长会谈聚焦对乌安全承诺", true},
        TitleCase{"t2-spaces", "英美防长会谈 聚焦对乌安全承诺", "英美防长会谈　聚焦对乌安全承诺", true},
        TitleCase{"t3-punct", "英美防长会谈：聚焦“安全承诺”", "英美防长会谈,聚焦安全承诺", true},
        TitleCase{"t4-width", "２０２５年一季度ＧＤＰ增长5.2%", "2025年一季度GDP增长5.2%", true},
        TitleCase{"t5-case", "Central Bank Holds Rates", "central bank holds rates", true},
        TitleCase{"t6-other-word", "英美防长会谈聚焦对乌安全承诺", "英美外长会谈聚焦对乌安全承诺", false},
        TitleCase{"t7-other-number", "沪指收涨0.5%", "沪指收涨0.6%", false},
        TitleCase{"t8-prefix", "英美防长会谈", "独家：英美防长会谈", false}));

TEST(TitleKeyTest, NoTitleHasNoKey) {
  EXPECT_EQ(TitleKey(""), 0u);
  EXPECT_EQ(TitleKey("  ——  ！？ "), 0u);
  EXPECT_NE(TitleKey("安"), 0u);
}

TEST(ResemblanceTest, BoundsAndSymmetry) {
  std::string body = ZhArticle(1, 500);
  EXPECT_DOUBLE_EQ(Resemblance(body, body), 1.0);
  EXPECT_DOUBLE_EQ(Resemblance("　　" + body + "\n", body), 1.0);  // layout only
  EXPECT_DOUBLE_EQ(Resemblance("", body), 0.0);
  EXPECT_DOUBLE_EQ(Resemblance(body, "。，"), 0.0);
  std::string other = ZhArticle(2, 500);
  EXPECT_DOUBLE_EQ(Resemblance(body, other), Resemblance(other, body));
}

TEST(ResemblanceTest, MalformedUtf8DoesNotCrash) {
  EXPECT_GE(Resemblance("\xFF\xFE\xE5\xAE", "\xC0\xAF安全"), 0.0);
  EXPECT_DOUBLE_EQ(Resemblance("安\xFF全承诺", "安全承诺"), 1.0);  // bad bytes are dropped
}

class NewsResemblanceTest : public ::testing::TestWithParam<NewsCase> {};

TEST_P(NewsResemblanceTest, ReprintWithOneSentenceChangedIsAboveTheFloor) {
  const NewsCase& c = GetParam();
  EXPECT_GE(Resemblance(OriginalBody(c), ReprintBody(c)), kTitleResemblance) << c.lang;
}

TEST_P(NewsResemblanceTest, OtherStoryWithTheSameBoilerplateIsFarBelow) {
  const NewsCase& c = GetParam();
  double r = Resemblance(WithBoilerplate(c, c.sentences), WithBoilerplate(c, c.other_story));
  EXPECT_LT(r, kTitleResemblance / 2) << c.lang;
}

INSTANTIATE_TEST_SUITE_P(Languages, NewsResemblanceTest, ::testing::Values(ChineseNews(), EnglishNews()),
                         [](const auto& info) { return info.param.lang; });

// The rates the doc quotes: generated Chinese of 300-800 characters, one
// sentence in the middle replaced (the fingerprint misses a share of these),
// against unrelated articles built from the same vocabulary.
TEST(ResemblanceTest, RatesOnShortChineseArticles) {
  constexpr int kTrials = 200;
  int fingerprint_near = 0;
  int resembles = 0;
  double max_unrelated = 0;
  for (int i = 0; i < kTrials; ++i) {
    uint64_t seed = 7000 + i;
    size_t chars = 300 + (i % 6) * 100;
    auto sentences = ZhSentences(seed, chars);
    std::string body = JoinArticle(sentences);
    SplitMix rng(seed ^ 0x5EED);
    sentences[sentences.size() / 2] = ZhSentence(rng);
    std::string edited = JoinArticle(sentences);
    fingerprint_near +=
        HammingDistance(Sign(body).fingerprint, Sign(edited).fingerprint) <= kDefaultThreshold;
    resembles += Resemblance(body, edited) >= kTitleResemblance;
    max_unrelated = std::max(max_unrelated, Resemblance(body, ZhArticle(seed + 50000, chars)));
  }
  EXPECT_EQ(resembles, kTrials);
  EXPECT_LT(fingerprint_near, kTrials * 95 / 100) << "the fingerprint alone misses some";
  EXPECT_LT(max_unrelated, 0.3);
}

}  // namespace
}  // namespace gleaner::dedup
