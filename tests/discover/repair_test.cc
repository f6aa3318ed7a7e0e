// repair_test: feeds written by string concatenation - bare ampersands in
// links and titles, HTML entity names - parse instead of failing whole,
// and the repair never touches what is already well-formed or literal.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "discover_internal.h"
#include "gleaner/discover.h"
#include "support/test_util.h"

namespace gleaner::discover {
namespace {

constexpr char kFeedUrl[] = "http://news.example.cn/rss.xml";

std::string Rss(const std::string& items) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
         "<title>要闻</title>" + items + "</channel></rss>\n";
}

Listing MustParse(const std::string& bytes) {
  Result<Listing> listing = Parse(bytes, kFeedUrl);
  EXPECT_TRUE(listing.ok()) << (listing.ok() ? "" : listing.error().message);
  return listing.ok() ? std::move(listing).value() : Listing{};
}

// The repair on `bytes` fed in pieces of `piece` bytes.
std::string Repaired(std::string_view bytes, size_t piece) {
  internal::ReferenceRepair repair;
  std::string out;
  for (size_t at = 0; at < bytes.size(); at += piece) {
    repair.Feed(bytes.substr(at, piece), false, &out);
  }
  repair.Feed({}, true, &out);
  return out;
}

TEST(RepairTest, BareAmpersandsInLinksAndTitlesAreKept) {
  Listing listing = MustParse(Rss(
      "<item><title>AT&T 与 P&G 财报</title><link>http://news.example.cn/show.php?id=1&page=2</link></item>"
      "<item><title>Q&amp;A</title><link>http://news.example.cn/a/2.html</link></item>"));
  ASSERT_EQ(listing.entries.size(), 2u);
  EXPECT_EQ(listing.entries[0].title, "AT&T 与 P&G 财报");
  EXPECT_EQ(listing.entries[0].url, "http://news.example.cn/show.php?id=1&page=2");
  EXPECT_EQ(listing.entries[1].title, "Q&A");
}

TEST(RepairTest, HtmlEntityNamesBecomeTheirCharacters) {
  Listing listing = MustParse(Rss(
      "<item><title>&ldquo;两会&rdquo;&nbsp;观察&mdash;&hellip;&#x4E2D;&#25991;&bogus;</title>"
      "<link>http://news.example.cn/a/1.html</link></item>"));
  ASSERT_EQ(listing.entries.size(), 1u);
  EXPECT_EQ(listing.entries[0].title, "\u201C两会\u201D\u00A0观察\u2014\u2026中文&bogus;");
}

TEST(RepairTest, AttributeValuesAreRepairedToo) {
  Listing listing = MustParse(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title>"
      "<link href=\"http://news.example.cn/show.php?id=3&amp;p=1&x=2\"/></entry></feed>");
  ASSERT_EQ(listing.entries.size(), 1u);
  EXPECT_EQ(listing.entries[0].url, "http://news.example.cn/show.php?id=3&p=1&x=2");
}

TEST(RepairTest, CdataCommentsAndInstructionsPassUntouched) {
  const std::string doc =
      "<?xml version=\"1.0\"?><?xml-stylesheet href=\"a.xsl?x=1&y=2\"?><!-- a & b -->"
      "<rss><channel><item><title><![CDATA[R&D &nbsp; <b>]]></title>"
      "<link>http://news.example.cn/a/1.html</link></item></channel></rss>";
  EXPECT_EQ(Repaired(doc, doc.size()),
            "<?xml version=\"1.0\"?><?xml-stylesheet href=\"a.xsl?x=1&y=2\"?><!-- a & b -->"
            "<rss><channel><item><title><![CDATA[R&D &nbsp; <b>]]></title>"
            "<link>http://news.example.cn/a/1.html</link></item></channel></rss>");
  Listing listing = MustParse(doc);
  ASSERT_EQ(listing.entries.size(), 1u);
  EXPECT_EQ(listing.entries[0].title, "R&D &nbsp; <b>");
}

TEST(RepairTest, WellFormedDocumentsComeOutByteForByte) {
  const std::string doc = Rss(
      "<item><title a='x&amp;y'>A &lt;b&gt; &quot;c&quot; &apos;d&apos; &#38; &#x26;</title>"
      "<link>http://e.cn/?a=1&amp;b=2</link></item>");
  EXPECT_EQ(Repaired(doc, doc.size()), doc);
}

TEST(RepairTest, AnySplitIntoPiecesGivesTheSameBytes) {
  const std::string doc =
      "<!DOCTYPE rss PUBLIC \"-//Netscape//DTD RSS 0.91//EN\" \"rss.dtd\">"
      "<rss><!-- x -- y --><item a=\"1>2 & 3\" b='\"&'>&nbsp;&am&amp;&#12;&#;&x<![CDATA[&]]]]>"
      "<?pi ? &?>&copy;&</item></rss>";
  const std::string whole = Repaired(doc, doc.size());
  EXPECT_EQ(whole,
            "<!DOCTYPE rss PUBLIC \"-//Netscape//DTD RSS 0.91//EN\" \"rss.dtd\">"
            "<rss><!-- x -- y --><item a=\"1>2 &amp; 3\" b='\"&amp;'>&#160;&amp;am&amp;&#12;&amp;#;&amp;x"
            "<![CDATA[&]]]]><?pi ? &?>&#169;&amp;</item></rss>");
  for (size_t piece = 1; piece < 12; ++piece) {
    SCOPED_TRACE(piece);
    EXPECT_EQ(Repaired(doc, piece), whole);
  }
}

TEST(RepairTest, GbkFeedsAreRepairedAndUtf16IsLeftAlone) {
  // 要闻&动态 in GBK: no GBK byte can be mistaken for '&' or '<'.
  const std::string gbk_title = "\xD2\xAA\xCE\xC5&\xB6\xAF\xCC\xAC";
  Listing listing = MustParse("<?xml version=\"1.0\" encoding=\"gbk\"?><rss><channel><item><title>" +
                              gbk_title + "</title><link>http://news.example.cn/a/1.html</link>"
                              "</item></channel></rss>");
  ASSERT_EQ(listing.entries.size(), 1u);
  EXPECT_EQ(listing.entries[0].title, "要闻&动态");
  EXPECT_FALSE(internal::NeedsRepair(std::string("\xFF\xFE<\0r\0", 6)));
  EXPECT_FALSE(internal::NeedsRepair(std::string("<\0?\0", 4)));
  EXPECT_TRUE(internal::NeedsRepair("<?xml"));
}

TEST(RepairTest, EntityBombsAreStillRefused) {
  const std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"&#38;b\"><!ENTITY b \"x\">]>"
      "<rss><channel><item><title>&a;</title><link>http://e.cn/1</link></item></channel></rss>";
  Result<Listing> listing = Parse(bomb, kFeedUrl);
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.error().code, Code::kInvalidInput);
  EXPECT_NE(listing.error().message.find("entities"), std::string::npos) << listing.error().message;
}

}  // namespace
}  // namespace gleaner::discover
