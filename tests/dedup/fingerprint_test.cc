// Focus: the near-duplicate fingerprint is within the threshold for the edits
// reprints make (a changed sentence, other site chrome) and far for unrelated
// articles; the band keys make every match within k findable.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dedup/zh_text.h"
#include "gleaner/dedup.h"

namespace gleaner::dedup {
namespace {

using gleaner::testing::JoinArticle;
using gleaner::testing::SplitMix;
using gleaner::testing::ZhArticle;
using gleaner::testing::ZhSentence;
using gleaner::testing::ZhSentences;

int Distance(const std::string& a, const std::string& b) {
  return HammingDistance(Sign(a).fingerprint, Sign(b).fingerprint);
}

// Replaces one sentence in the middle with a fresh one.
std::string ChangeOneSentence(uint64_t seed, size_t chars) {
  auto sentences = ZhSentences(seed, chars);
  SplitMix rng(seed ^ 0xABCDEF);
  sentences[sentences.size() / 2] = ZhSentence(rng);
  return JoinArticle(sentences);
}

std::string WithOtherChrome(const std::string& body) {
  return "来源：新华社　责任编辑：王磊\n\n" + body +
         "\n\n（来源：央视新闻）\n\n以上就是本篇文章【会谈】的全部内容了，欢迎阅览！";
}

TEST(FingerprintTest, IdenticalTextIsDistanceZero) {
  std::string body = ZhArticle(1, 1000);
  EXPECT_EQ(Distance(body, body), 0);
}

TEST(FingerprintTest, OneChangedSentenceIn1000CharChineseArticleIsNear) {
  // One fixed article; about 1 in 10 such edits lands at 4-7 bits instead
  // (RatesOverManyArticles and docs/internals/simhash.md give the rates).
  std::string body = ZhArticle(8, 1000);
  EXPECT_LE(Distance(body, ChangeOneSentence(8, 1000)), kDefaultThreshold);
}

TEST(FingerprintTest, OtherSiteChromeAroundTheBodyIsNear) {
  std::string body = ZhArticle(11, 1000);
  EXPECT_LE(Distance(body, WithOtherChrome(body)), kDefaultThreshold);
}

TEST(FingerprintTest, UnrelatedArticleIsFar) {
  EXPECT_GT(Distance(ZhArticle(1, 1000), ZhArticle(2, 1000)), kDefaultThreshold);
}

// Rates over many articles; the doc quotes the measured values.
TEST(FingerprintTest, RatesOverManyArticles) {
  constexpr int kTrials = 200;
  int changed_near = 0;
  int chrome_near = 0;
  int unrelated_near = 0;
  int min_unrelated = 64;
  for (int i = 0; i < kTrials; ++i) {
    uint64_t seed = 1000 + i;
    std::string body = ZhArticle(seed, 1000);
    changed_near += Distance(body, ChangeOneSentence(seed, 1000)) <= kDefaultThreshold;
    chrome_near += Distance(body, WithOtherChrome(body)) <= kDefaultThreshold;
    int d = Distance(body, ZhArticle(seed + 5000, 1000));
    unrelated_near += d <= kDefaultThreshold;
    min_unrelated = std::min(min_unrelated, d);
  }
  EXPECT_GE(changed_near, kTrials * 85 / 100);
  EXPECT_GE(chrome_near, kTrials * 85 / 100);
  EXPECT_EQ(unrelated_near, 0);
  EXPECT_GT(min_unrelated, 2 * kDefaultThreshold);
}

TEST(FingerprintTest, UnrelatedPairsFalsePositiveRateIsZero) {
  // 60 articles, all 1770 pairs.
  std::vector<uint64_t> prints;
  for (int i = 0; i < 60; ++i) prints.push_back(Sign(ZhArticle(90000 + i, 800)).fingerprint);
  int near = 0;
  for (size_t i = 0; i < prints.size(); ++i) {
    for (size_t j = i + 1; j < prints.size(); ++j) near += HammingDistance(prints[i], prints[j]) <= 3;
  }
  EXPECT_EQ(near, 0);
}

TEST(FingerprintTest, EnglishOneWordChangedIsNear) {
  std::string a =
      "The central bank held interest rates steady on Thursday, saying inflation had eased "
      "but remained above its target. Officials signalled that cuts could come later in the "
      "year if price pressures continue to fade. Markets had largely expected the decision, "
      "and stocks rose modestly after the announcement. Analysts said the statement was "
      "slightly more optimistic than the last one, pointing to stronger hiring and wages.";
  std::string b = a;
  b.replace(b.find("Thursday"), 8, "Wednesday");
  EXPECT_LE(Distance(a, b), kDefaultThreshold);
  EXPECT_GT(Distance(a, "A storm brought heavy snow to the mountains, closing roads and "
                        "schools across the region while crews worked through the night to "
                        "restore power to thousands of homes that lost electricity."),
            kDefaultThreshold);
}

TEST(FingerprintTest, ShortTextsStillGetAFingerprint) {
  EXPECT_NE(Sign("安").fingerprint, 0u);
  EXPECT_NE(Sign("安全").fingerprint, Sign("安心").fingerprint);
}

TEST(SimHashTest, ClassicSimHashDriftsMoreThanMinHashBits) {
  // Why the store uses MinHash bits: over the same edits SimHash moves more.
  int simhash_total = 0;
  int minhash_total = 0;
  for (int i = 0; i < 50; ++i) {
    std::string a = NormalizeText(ZhArticle(300 + i, 1000));
    std::string b = NormalizeText(ChangeOneSentence(300 + i, 1000));
    simhash_total += HammingDistance(SimHash64(a), SimHash64(b));
    minhash_total += HammingDistance(Fingerprint64(a), Fingerprint64(b));
  }
  EXPECT_LT(minhash_total, simhash_total);
}

TEST(BandKeysTest, EveryPairWithinKSharesABand) {
  SplitMix rng(5);
  for (int k = 0; k <= kMaxThreshold; ++k) {
    for (int trial = 0; trial < 200; ++trial) {
      uint64_t a = rng.Next();
      uint64_t b = a;
      for (int flips = 0; flips < k; ++flips) b ^= uint64_t{1} << rng.Below(64);
      auto ka = BandKeys(a, k + 1);
      auto kb = BandKeys(b, k + 1);
      ASSERT_EQ(ka.size(), static_cast<size_t>(k + 1));
      bool shared = false;
      for (size_t i = 0; i < ka.size(); ++i) shared |= ka[i] == kb[i];
      EXPECT_TRUE(shared) << "k=" << k;
    }
  }
}

TEST(BandKeysTest, BandsAreDistinctKeysForTheSameBits) {
  // Band 0 and band 1 of 0 hold the same bits (all zero) but must not collide.
  auto keys = BandKeys(0, 4);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::unique(keys.begin(), keys.end()), keys.end());
}

TEST(BandKeysTest, OutOfRangeBandCountsAreClamped) {
  EXPECT_EQ(BandKeys(42, 0).size(), 1u);
  EXPECT_EQ(BandKeys(42, 64).size(), 64u);
  EXPECT_EQ(BandKeys(42, 65).size(), 64u);
}

}  // namespace
}  // namespace gleaner::dedup
