// Focus: pages whose declarations lie or are missing - detection must find
// the real encoding (GBK vs Big5 vs UTF-8 vs the rest), report it as
// "detected" and keep the lying label in `declared`; a page must never
// turn into mojibake because its header or <meta> was wrong.
#include <gtest/gtest.h>

#include <string>

#include "gleaner/charset.h"
#include "test_pages.h"

namespace gleaner::charset {
namespace {

using testing::Encode;
using testing::NewsPage;

std::string SimplifiedPage(std::string_view head) {
  return NewsPage(head, std::string(testing::kSimplifiedNews) + std::string(testing::kGbkOnlyNews),
                  "城市建设");
}

std::string TraditionalPage(std::string_view head) {
  return NewsPage(head, testing::kTraditionalNews, "市政建設");
}

struct LieCase {
  const char* id;
  std::string page;     // UTF-8 text of the page
  const char* charset;  // iconv name the bytes are really in
  const char* http;     // Content-Type charset, "" for none
  const char* encoding; // expected DecodedText::encoding
  Source source;
  const char* declared;
};

std::vector<LieCase> LieCases() {
  return {
      // Nothing declared: detection alone.
      {"lie-1.1", SimplifiedPage(""), "GBK", "", "GBK", Source::kDetected, ""},
      {"lie-1.2", TraditionalPage(""), "BIG5-HKSCS", "", "Big5", Source::kDetected, ""},
      {"lie-1.3", SimplifiedPage(""), "UTF-8", "", "UTF-8", Source::kDetected, ""},
      {"lie-1.4", NewsPage("", testing::kJapaneseNews), "CP932", "", "Shift_JIS",
       Source::kDetected, ""},
      {"lie-1.5", NewsPage("", testing::kJapaneseNews), "EUC-JP", "", "EUC-JP",
       Source::kDetected, ""},
      {"lie-1.6", NewsPage("", testing::kKoreanNews), "CP949", "", "EUC-KR", Source::kDetected,
       ""},
      {"lie-1.7", NewsPage("", testing::kFrenchNews), "WINDOWS-1252", "", "windows-1252",
       Source::kDetected, ""},
      {"lie-1.8", NewsPage("", std::string(testing::kSimplifiedNews) +
                                   std::string(testing::kGb18030News)),
       "GB18030", "", "gb18030", Source::kDetected, ""},
      // Traditional characters written in GBK are still GBK.
      {"lie-1.9", TraditionalPage(""), "GBK", "", "GBK", Source::kDetected, ""},
      // Header ISO-8859-1 (a server default), meta and bytes GBK: GBK.
      {"lie-2.1", SimplifiedPage("<meta charset=\"gbk\">"), "GBK", "ISO-8859-1", "GBK",
       Source::kMeta, "gbk"},
      // Header lies utf-8 with no meta: detected GBK, the lie kept.
      {"lie-2.2", SimplifiedPage(""), "GBK", "utf-8", "GBK", Source::kDetected, "utf-8"},
      // Header utf-8, meta gb2312, bytes GBK: the meta decodes cleanly.
      {"lie-2.3", SimplifiedPage("<meta charset=\"gb2312\">"), "GBK", "utf-8", "GBK",
       Source::kMeta, "gb2312"},
      // Header latin1, no meta, GBK bytes (which latin1 "decodes" cleanly).
      {"lie-2.4", SimplifiedPage(""), "GBK", "iso-8859-1", "GBK", Source::kDetected,
       "iso-8859-1"},
      // Header latin1 on UTF-8 bytes.
      {"lie-2.5", SimplifiedPage(""), "UTF-8", "iso-8859-1", "UTF-8", Source::kDetected,
       "iso-8859-1"},
      // GBK label on Big5 bytes and Big5 label on GBK bytes: both decode
      // without errors; the Han-frequency check tells them apart.
      {"lie-2.6", TraditionalPage(""), "BIG5-HKSCS", "gbk", "Big5", Source::kDetected, "gbk"},
      {"lie-2.7", SimplifiedPage("<meta charset=\"big5\">"), "GBK", "", "GBK", Source::kDetected,
       "big5"},
      // gb2312 label on UTF-8 bytes.
      {"lie-2.8", SimplifiedPage("<meta charset=\"gb2312\">"), "UTF-8", "", "UTF-8",
       Source::kDetected, "gb2312"},
      // A site moved to UTF-8 and kept its gb2312 meta; only a few Chinese
      // characters, too few for the Han-frequency check.
      {"lie-2.9",
       NewsPage("<meta charset=\"gb2312\">", "Contact us. © 2025 版权所有", "About"),
       "UTF-8", "", "UTF-8", Source::kDetected, "gb2312"},
      {"lie-2.10", NewsPage("", "Contact us. 版权所有 联系我们", "About"), "UTF-8", "big5",
       "UTF-8", Source::kDetected, "big5"},
      // HTTP and meta disagree: the one that decodes cleanly wins.
      {"lie-3.1", TraditionalPage("<meta charset=\"big5\">"), "BIG5-HKSCS", "gbk", "Big5",
       Source::kMeta, "big5"},
      {"lie-3.2", SimplifiedPage("<meta charset=\"utf-8\">"), "GBK", "gb2312", "GBK",
       Source::kHttp, "gb2312"},
      // Both decode cleanly: HTTP wins, as in WHATWG.
      {"lie-3.3", "<html><meta charset=\"gbk\"><p>plain ascii</p></html>", "UTF-8", "utf-8",
       "UTF-8", Source::kHttp, "utf-8"},
      {"lie-3.4", NewsPage("<meta charset=\"iso-8859-15\">", testing::kFrenchNews),
       "WINDOWS-1252", "windows-1252", "windows-1252", Source::kHttp, "windows-1252"},
      // An honest latin1 header on latin1 bytes stays.
      {"lie-3.5", NewsPage("", testing::kFrenchNews), "WINDOWS-1252", "iso-8859-1",
       "windows-1252", Source::kHttp, "iso-8859-1"},
      // An unknown label is reported but cannot be used.
      {"lie-3.6", SimplifiedPage(""), "GBK", "x-chinese-simplified", "GBK", Source::kDetected,
       "x-chinese-simplified"},
      // HTTP utf-16 on an ASCII-compatible page (no BOM, no NULs).
      {"lie-3.7", SimplifiedPage(""), "UTF-8", "utf-16", "UTF-8", Source::kDetected, "utf-16"},
  };
}

TEST(LyingTest, Table) {
  Decoder decoder;
  for (const LieCase& c : LieCases()) {
    const std::string bytes = Encode(c.page, c.charset);
    ASSERT_FALSE(bytes.empty()) << c.id;
    const DecodedText d = decoder.Decode(bytes, {.http_charset = c.http});
    EXPECT_EQ(d.encoding, c.encoding) << c.id;
    EXPECT_EQ(d.source, c.source) << c.id << " got " << SourceName(d.source);
    EXPECT_EQ(d.declared, c.declared) << c.id;
    EXPECT_EQ(d.utf8, c.page) << c.id;
    EXPECT_EQ(d.replacements, 0) << c.id;
  }
}

// Two stray bytes in a UTF-8 page are two U+FFFD, not a reason to switch.
TEST(LyingTest, Utf8WithTwoStrayBytesStaysUtf8) {
  Decoder decoder;
  const std::string page = SimplifiedPage("<meta charset=\"utf-8\">");
  std::string bytes = page;
  const size_t p1 = bytes.find("<p>");
  bytes.insert(p1, "\xFF");
  const size_t p2 = bytes.rfind("</p>");
  bytes.insert(p2, "\x80");
  for (const char* http : {"utf-8", ""}) {
    const DecodedText d = decoder.Decode(bytes, {.http_charset = http});
    EXPECT_EQ(d.encoding, "UTF-8") << http;
    EXPECT_EQ(d.replacements, 2) << http;
    EXPECT_EQ(d.source, *http ? Source::kHttp : Source::kMeta) << http;
    std::string expected = page;
    expected.insert(p1, "\xEF\xBF\xBD");
    expected.insert(p2 + 2, "\xEF\xBF\xBD");
    EXPECT_EQ(d.utf8, expected) << http;
  }
  // Undeclared, too.
  std::string undeclared = SimplifiedPage("");
  undeclared.insert(undeclared.find("<p>"), "\xFF");
  undeclared.insert(undeclared.rfind("</p>"), "\xFE");
  const DecodedText d = decoder.Decode(undeclared);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.replacements, 2);
}

// A GBK page with a few bad bytes keeps its (correct) label.
TEST(LyingTest, GbkWithBadBytesStaysGbk) {
  Decoder decoder;
  std::string bytes = Encode(SimplifiedPage("<meta charset=\"gbk\">"), "GBK");
  for (int i = 0; i < 8; ++i) bytes.insert(bytes.find("<p>") + 3, "\xFF");
  const DecodedText d = decoder.Decode(bytes);
  EXPECT_EQ(d.encoding, "GBK");
  EXPECT_EQ(d.source, Source::kMeta);
  EXPECT_EQ(d.replacements, 8);
}

// Latin text with accents that happen to pair like GBK (German: ö, ü and ß
// inside words) must not be turned into Chinese by a suspicious latin1.
TEST(LyingTest, GermanLatin1IsNotMistakenForGbk) {
  Decoder decoder;
  const std::string text =
      "<p>Die Bürgermeisterin stellte am Donnerstag den neuen Verkehrsplan vor. Größere "
      "Bahnhöfe, schönere Grünflächen und längere Öffnungszeiten der Bücherei gehören "
      "dazu. Die Kosten für das Vorhaben schätzt die Stadt auf dreihundert Millionen.</p>";
  for (const char* http : {"iso-8859-1", ""}) {
    const DecodedText d = decoder.Decode(Encode(text, "WINDOWS-1252"), {.http_charset = http});
    EXPECT_EQ(d.utf8, text) << http;
    EXPECT_EQ(d.encoding, "windows-1252") << http;
  }
}

}  // namespace
}  // namespace gleaner::charset
