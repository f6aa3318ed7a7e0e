// Focus: Decoder::Decode on honest pages - the sniffing order (BOM,
// override, HTTP, <meta>, detection, default), what it reports, and
// malformed input that must still give valid UTF-8.
#include <gtest/gtest.h>

#include <string>

#include "gleaner/charset.h"
#include "test_pages.h"

namespace gleaner::charset {
namespace {

using namespace std::string_view_literals;
using testing::Encode;
using testing::NewsPage;

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

std::string SimplifiedPage(std::string_view head) {
  return NewsPage(head, std::string(testing::kSimplifiedNews) + std::string(testing::kGbkOnlyNews),
                  "城市建设");
}

TEST(DecodeTest, Utf8PageWithHttpCharsetIsCopied) {
  Decoder decoder;
  const std::string page = SimplifiedPage("<meta charset=\"utf-8\">");
  const DecodedText d = decoder.Decode(page, {.http_charset = "utf-8"});
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kHttp);
  EXPECT_EQ(d.declared, "utf-8");
  EXPECT_EQ(d.replacements, 0);
}

TEST(DecodeTest, Gb2312LabelWithGbkOnlyCharsUsesGb18030) {
  Decoder decoder;
  const std::string page = SimplifiedPage("<meta http-equiv=\"Content-Type\" "
                                          "content=\"text/html; charset=gb2312\">");
  const DecodedText d = decoder.Decode(Encode(page, "GBK"));
  EXPECT_EQ(d.utf8, page);
  EXPECT_NE(d.utf8.find("张喆、李堃和王镕"), std::string::npos);
  EXPECT_EQ(d.encoding, "GBK");  // WHATWG's name for the gb2312 label
  EXPECT_EQ(d.source, Source::kMeta);
  EXPECT_EQ(d.declared, "gb2312");
  EXPECT_EQ(d.replacements, 0);
}

TEST(DecodeTest, Gb18030FourByteCharacters) {
  Decoder decoder;
  const std::string page = NewsPage("<meta charset=\"gb18030\">",
                                    std::string(testing::kSimplifiedNews) +
                                        std::string(testing::kGb18030News));
  const DecodedText d = decoder.Decode(Encode(page, "GB18030"));
  EXPECT_EQ(d.utf8, page);
  EXPECT_NE(d.utf8.find("𠮷野家"), std::string::npos);
  EXPECT_NE(d.utf8.find("二十€"), std::string::npos);
  EXPECT_NE(d.utf8.find("刘䶮"), std::string::npos);
  EXPECT_EQ(d.encoding, "gb18030");
  EXPECT_EQ(d.replacements, 0);
}

TEST(DecodeTest, Gb2312LabelOnGb18030FourByteCharacters) {
  Decoder decoder;
  const std::string page = NewsPage("<meta charset=\"gb2312\">",
                                    std::string(testing::kSimplifiedNews) +
                                        std::string(testing::kGb18030News));
  const DecodedText d = decoder.Decode(Encode(page, "GB18030"));
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "GBK");
}

TEST(DecodeTest, Big5Declared) {
  Decoder decoder;
  const std::string page = NewsPage("<meta charset=\"big5\">", testing::kTraditionalNews, "市政");
  const DecodedText d = decoder.Decode(Encode(page, "BIG5-HKSCS"));
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "Big5");
  EXPECT_EQ(d.source, Source::kMeta);
}

TEST(DecodeTest, ShiftJisAndEucKrDeclared) {
  Decoder decoder;
  const std::string ja = NewsPage("<meta charset=\"Shift_JIS\">", testing::kJapaneseNews);
  const DecodedText dj = decoder.Decode(Encode(ja, "CP932"));
  EXPECT_EQ(dj.utf8, ja);
  EXPECT_EQ(dj.encoding, "Shift_JIS");
  const std::string ko = NewsPage("<meta charset=\"euc-kr\">", testing::kKoreanNews);
  const DecodedText dk = decoder.Decode(Encode(ko, "CP949"), {.http_charset = "EUC-KR"});
  EXPECT_EQ(dk.utf8, ko);
  EXPECT_EQ(dk.encoding, "EUC-KR");
  EXPECT_EQ(dk.source, Source::kHttp);
}

TEST(DecodeTest, BomWinsOverEverythingAndIsStripped) {
  Decoder decoder;
  const std::string page = SimplifiedPage("<meta charset=\"gbk\">");
  const DecodedText d = decoder.Decode("\xEF\xBB\xBF" + page,
                                       {.http_charset = "gbk", .override_label = "big5"});
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kBom);
  EXPECT_EQ(d.declared, "");
}

TEST(DecodeTest, Utf16WithBom) {
  Decoder decoder;
  const std::string page = SimplifiedPage("<meta charset=\"utf-16\">");
  const DecodedText le = decoder.Decode("\xFF\xFE" + Encode(page, "UTF-16LE"));
  EXPECT_EQ(le.utf8, page);
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.source, Source::kBom);
  const DecodedText be = decoder.Decode("\xFE\xFF" + Encode(page, "UTF-16BE"));
  EXPECT_EQ(be.utf8, page);
  EXPECT_EQ(be.encoding, "UTF-16BE");
}

TEST(DecodeTest, Utf16DeclaredByHttpWithoutBom) {
  Decoder decoder;
  const std::string page = SimplifiedPage("");
  const DecodedText d = decoder.Decode(Encode(page, "UTF-16LE"), {.http_charset = "utf-16"});
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.source, Source::kHttp);
}

TEST(DecodeTest, OverrideBeatsDeclarations) {
  Decoder decoder;
  const std::string page = SimplifiedPage("<meta charset=\"utf-8\">");
  const DecodedText d = decoder.Decode(Encode(page, "GBK"),
                                       {.http_charset = "utf-8", .override_label = "gbk"});
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "GBK");
  EXPECT_EQ(d.source, Source::kOverride);
  EXPECT_EQ(d.declared, "");
}

TEST(DecodeTest, UnknownOverrideIsIgnored) {
  Decoder decoder;
  const std::string page = SimplifiedPage("<meta charset=\"gbk\">");
  const DecodedText d = decoder.Decode(Encode(page, "GBK"), {.override_label = "gbk2"});
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.source, Source::kMeta);
}

TEST(DecodeTest, QuotedHttpCharset) {
  Decoder decoder;
  const std::string page = SimplifiedPage("");
  const DecodedText d = decoder.Decode(Encode(page, "GBK"), {.http_charset = " \"GBK\" "});
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.source, Source::kHttp);
  EXPECT_EQ(d.declared, "GBK");
}

TEST(DecodeTest, MetaAfterLongHead) {
  Decoder decoder;
  std::string head = "<script>var config = {";
  for (int i = 0; i < 200; ++i) head += "\"key" + std::to_string(i) + "\": \"value\", ";
  head += "};</script>\n<meta charset=\"gbk\">";
  ASSERT_GT(head.size(), 1024u);
  const std::string page = SimplifiedPage(head);
  const DecodedText d = decoder.Decode(Encode(page, "GBK"));
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.source, Source::kMeta);
}

// The prescan limit through Decode: a meta ending at the limit is read;
// one byte later it is not, and detection must find GBK by itself.
TEST(DecodeTest, MetaAtPrescanLimit) {
  Decoder decoder;
  const std::string meta = "<meta charset=\"gbk\">";
  const std::string body = Encode(SimplifiedPage(""), "GBK");
  const std::string inside = std::string(kPrescanLimit - meta.size(), ' ') + meta + body;
  EXPECT_EQ(decoder.Decode(inside).source, Source::kMeta);
  const DecodedText outside = decoder.Decode(" " + inside);
  EXPECT_EQ(outside.source, Source::kDetected);
  EXPECT_EQ(outside.encoding, "GBK");
  EXPECT_EQ(outside.declared, "");
}

TEST(DecodeTest, MetaInsideCommentIsIgnored) {
  Decoder decoder;
  const std::string page =
      SimplifiedPage("<!-- old template: <meta charset=\"big5\"> -->\n<meta charset=\"gbk\">");
  const DecodedText d = decoder.Decode(Encode(page, "GBK"));
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.declared, "gbk");
}

TEST(DecodeTest, MetaUtf16MeansUtf8AndXUserDefinedMeansWindows1252) {
  Decoder decoder;
  const std::string page = SimplifiedPage("<meta charset=\"utf-16\">");
  const DecodedText d = decoder.Decode(page);
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kMeta);
  const DecodedText x = decoder.Decode("<meta charset=x-user-defined><p>caf\xE9</p>");
  EXPECT_EQ(x.encoding, "windows-1252");
  EXPECT_EQ(x.utf8, "<meta charset=x-user-defined><p>café</p>");
}

TEST(DecodeTest, ReplacementLabelIsTreatedAsUndeclared) {
  Decoder decoder;
  const std::string page = SimplifiedPage("<meta charset=\"iso-2022-kr\">");
  const DecodedText d = decoder.Decode(page);
  EXPECT_EQ(d.utf8, page);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kDetected);
  EXPECT_EQ(d.declared, "iso-2022-kr");
}

TEST(DecodeTest, TruncatedGbkEndsInOneReplacement) {
  Decoder decoder;
  std::string bytes = Encode(testing::kSimplifiedNews, "GBK");
  bytes.pop_back();  // "\n"
  bytes.pop_back();  // half of "。"
  const DecodedText d = decoder.Decode(bytes, {.http_charset = "gbk"});
  EXPECT_EQ(d.encoding, "GBK");
  EXPECT_EQ(d.source, Source::kHttp);
  EXPECT_EQ(d.replacements, 1);
  EXPECT_TRUE(d.utf8.ends_with("按时保质完成" + std::string(kFffd)));
}

TEST(DecodeTest, EmptyInput) {
  Decoder decoder;
  const DecodedText d = decoder.Decode("");
  EXPECT_EQ(d.utf8, "");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kDefault);
  EXPECT_EQ(d.replacements, 0);
  const DecodedText g = decoder.Decode("", {.http_charset = "gbk"});
  EXPECT_EQ(g.utf8, "");
  EXPECT_EQ(g.encoding, "GBK");
}

TEST(DecodeTest, AsciiOnlyUndeclaredIsUtf8ByDefault) {
  Decoder decoder;
  const DecodedText d = decoder.Decode("<p>hello</p>");
  EXPECT_EQ(d.utf8, "<p>hello</p>");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.source, Source::kDefault);
}

TEST(DecodeTest, NulBytesAreKept) {
  Decoder decoder;
  const DecodedText d = decoder.Decode("<p>a\0b</p>"sv, {.http_charset = "utf-8"});
  EXPECT_EQ(d.utf8, "<p>a\0b</p>"sv);
  EXPECT_EQ(d.replacements, 0);
}

TEST(DecodeTest, RandomBytesNeverFail) {
  Decoder decoder;
  uint32_t x = 99;
  for (int round = 0; round < 20; ++round) {
    std::string bytes(1000 + round * 997, '\0');
    for (char& c : bytes) {
      x = x * 1664525u + 1013904223u;
      c = static_cast<char>(x >> 24);
    }
    for (const char* http : {"", "utf-8", "gbk", "big5", "utf-16", "iso-8859-1", "bogus"}) {
      const DecodedText d = decoder.Decode(bytes, {.http_charset = http});
      EXPECT_TRUE(IsValidUtf8(d.utf8)) << round << " " << http;
      EXPECT_FALSE(d.encoding.empty());
      EXPECT_GE(d.replacements, 0);
    }
  }
}

// Real pages with bytes flipped, cut and spliced: whatever the damage,
// the output is valid UTF-8 and nothing crashes (ASan/UBSan in CI).
TEST(DecodeTest, DamagedPagesNeverFail) {
  Decoder decoder;
  const std::string pages[] = {
      Encode(SimplifiedPage("<meta charset=\"gbk\">"), "GBK"),
      Encode(NewsPage("<meta charset=\"big5\">", testing::kTraditionalNews), "BIG5-HKSCS"),
      SimplifiedPage("<meta charset=\"utf-8\">"),
      Encode(NewsPage("", testing::kJapaneseNews), "ISO-2022-JP"),
      "\xFF\xFE" + Encode(SimplifiedPage(""), "UTF-16LE"),
  };
  uint32_t x = 2024;
  auto next = [&x] {
    x = x * 1664525u + 1013904223u;
    return x >> 8;
  };
  for (const std::string& page : pages) {
    for (int round = 0; round < 30; ++round) {
      std::string bytes = page;
      for (int k = 0; k < round; ++k) bytes[next() % bytes.size()] = static_cast<char>(next());
      bytes.resize(next() % (bytes.size() + 1));
      for (const char* http : {"", "gbk", "utf-8", "big5"}) {
        const DecodedText d = decoder.Decode(bytes, {.http_charset = http});
        ASSERT_TRUE(IsValidUtf8(d.utf8)) << round << " " << http;
        EXPECT_GE(d.replacements, 0);
      }
    }
  }
}

// One Decoder serves page after page (a worker's life): cached converters
// carry no state over.
TEST(DecodeTest, DecoderIsReusable) {
  Decoder decoder;
  const std::string gbk_page = SimplifiedPage("<meta charset=\"gbk\">");
  const std::string ja_page = NewsPage("<meta charset=\"iso-2022-jp\">", testing::kJapaneseNews);
  std::string ja_bytes = Encode(ja_page, "ISO-2022-JP");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(decoder.Decode(Encode(gbk_page, "GBK")).utf8, gbk_page);
    EXPECT_EQ(decoder.Decode(ja_bytes).utf8, ja_page);
    EXPECT_EQ(decoder.Decode(gbk_page).utf8, gbk_page);  // the same text, now UTF-8
  }
}

}  // namespace
}  // namespace gleaner::charset
