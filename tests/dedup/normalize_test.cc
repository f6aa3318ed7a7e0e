// Focus: NormalizeText folds what differs between copies of one article
// (width, case, spaces, punctuation, bad bytes) and keeps what says something.
#include <gtest/gtest.h>

#include <string>

#include "gleaner/dedup.h"

namespace gleaner::dedup {
namespace {

struct NormalizeCase {
  const char* id;
  std::string in;
  std::string want;
};

class NormalizeTest : public ::testing::TestWithParam<NormalizeCase> {};

TEST_P(NormalizeTest, Folds) {
  EXPECT_EQ(NormalizeText(GetParam().in), GetParam().want) << GetParam().id;
}

INSTANTIATE_TEST_SUITE_P(
    Table, NormalizeTest,
    ::testing::Values(
        NormalizeCase{"n1-ascii-case", "Hello, World!", "helloworld"},
        NormalizeCase{"n2-fullwidth-digits", "２０２５年３月", "2025年3月"},
        NormalizeCase{"n3-fullwidth-letters", "ＡＢＣ ａｂｃ", "abcabc"},
        NormalizeCase{"n4-cjk-punct", "英美防长会谈，聚焦“安全承诺”。", "英美防长会谈聚焦安全承诺"},
        NormalizeCase{"n5-brackets", "【新华社】《人民日报》「引号」", "新华社人民日报引号"},
        NormalizeCase{"n6-ideographic-space", "　　第一段\n\n第二段", "第一段第二段"},
        NormalizeCase{"n7-replacement-char", "安\xEF\xBF\xBD全", "安全"},
        NormalizeCase{"n8-invalid-bytes", "a\xFF\xC0\xAF" "b", "ab"},
        NormalizeCase{"n9-truncated-utf8", "安全\xE5\xAE", "安全"},
        NormalizeCase{"n10-latin1-case", "ÉCOLE Über", "écoleüber"},
        NormalizeCase{"n11-cyrillic-greek", "ПРИВЕТ ΑΒΓ", "приветαβγ"},
        NormalizeCase{"n12-zero-width", "a\u200Bb\uFEFFc", "abc"},
        NormalizeCase{"n13-iteration-mark-kept", "人々〇", "人々〇"},
        NormalizeCase{"n14-empty", "", ""},
        NormalizeCase{"n15-only-punct", " ，。！？…—", ""},
        NormalizeCase{"n16-emoji", "好👍文", "好文"},
        NormalizeCase{"n17-surrogate-encoded", "a\xED\xA0\x80z", "az"}));

TEST(NormalizeIdempotentTest, NormalisingTwiceChangesNothing) {
  std::string once = NormalizeText("Ｔｈｅ　Quick，“brown” fox —２０２５年。");
  EXPECT_EQ(NormalizeText(once), once);
}

TEST(ContentHashTest, CopiesThatDifferOnlyInLayoutHashEqual) {
  Signature a = Sign("英美防长会谈聚焦对乌安全承诺。\n\n双方发表了联合声明。");
  Signature b = Sign("　　英美防长会谈聚焦对乌安全承诺！ 双方发表了联合声明……");
  EXPECT_EQ(a.content_hash, b.content_hash);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.text_chars, b.text_chars);
}

TEST(ContentHashTest, OneCharacterChangedHashesDifferently) {
  EXPECT_NE(Sign("今年一季度同比增长5%").content_hash, Sign("今年一季度同比增长6%").content_hash);
}

TEST(ContentHashTest, HashesAreStableAcrossBuilds) {
  // Stores keep these values: a change here makes every stored hash,
  // fingerprint and band key stale. Change them only with a migration that
  // re-signs stored bodies (and a new meta.fingerprint name).
  EXPECT_EQ(HashCodePoints(U"安全承诺"), 3240754268991562621ULL);
  EXPECT_EQ(Hash64("gleaner"), 4241306282288220168ULL);
  EXPECT_EQ(Fingerprint64(NormalizeText("英美防长会谈聚焦对乌安全承诺与三边同盟，或影响俄乌局势走向。")),
            4341535820846898700ULL);
  EXPECT_EQ(BandKeys(0x0123456789abcdefULL, 4)[0], 11759501963947079316ULL);
  EXPECT_NE(Hash64("abcdefgh"), Hash64("abcdefgh", 1));
}

TEST(ContentHashTest, LengthIsPartOfTheHash) {
  // Zero bytes at the end must not vanish into the tail word.
  EXPECT_NE(Hash64(std::string("ab", 2)), Hash64(std::string("ab\0", 3)));
  EXPECT_NE(Hash64(std::string(8, '\0')), Hash64(std::string(16, '\0')));
}

TEST(ContentHashTest, CodePointHashSeesLengthAndOrder) {
  EXPECT_EQ(HashCodePoints(U"安全承诺"), HashCodePoints(U"安全承诺"));
  EXPECT_NE(HashCodePoints(U"安全承诺"), HashCodePoints(U"承诺安全"));
  EXPECT_NE(HashCodePoints(std::u32string(U"ab")), HashCodePoints(std::u32string(U"ab\0", 3)));
  EXPECT_NE(HashCodePoints(U""), HashCodePoints(std::u32string(1, U'\0')));
  EXPECT_EQ(Sign("安全，承诺").content_hash, HashCodePoints(U"安全承诺"));
}

TEST(SignTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(Sign("安全承诺").text_chars, 4);
  EXPECT_EQ(Sign("abc").text_chars, 3);
  EXPECT_EQ(Sign("").text_chars, 0);
  EXPECT_EQ(Sign("").fingerprint, 0u);
}

}  // namespace
}  // namespace gleaner::dedup
