// discover_test: sitemaps and feeds as a crawler meets them - every format,
// namespaces and prefixes, relative links, encodings (GBK bytes), gzip.
// Hostile documents are in hostile_test.cc, the Limits caps in limits_test.cc.
#include "gleaner/discover.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_util.h"

namespace gleaner::discover {
namespace {

constexpr char kSitemapUrl[] = "http://news.example.com/sitemap.xml";
constexpr char kSitemapNs[] = "http://www.sitemaps.org/schemas/sitemap/0.9";

std::string UrlSet(const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"") + kSitemapNs +
         "\">\n" + body + "</urlset>\n";
}

// A urlset of `count` entries http://news.example.com/a/<i>.html.
std::string UrlSetOf(size_t count) {
  std::string body;
  for (size_t i = 0; i < count; ++i) {
    body += "<url><loc>http://news.example.com/a/" + std::to_string(i) + ".html</loc></url>\n";
  }
  return UrlSet(body);
}

std::vector<std::string> Urls(const Listing& listing) {
  std::vector<std::string> urls;
  for (const Entry& entry : listing.entries) urls.push_back(entry.url);
  return urls;
}

// Parses and fails the test (with the error text) when parsing fails.
Listing MustParse(std::string_view bytes, std::string_view url = kSitemapUrl,
                  const Limits& limits = {}) {
  Result<Listing> listing = Parse(bytes, url, limits);
  EXPECT_TRUE(listing.ok()) << (listing.ok() ? "" : listing.error().message);
  return listing.ok() ? std::move(listing).value() : Listing{};
}

// ---------------------------------------------------------------- sitemaps

TEST(SitemapTest, UrlSetGivesLocsAndLastmodInOrder) {
  Listing listing = MustParse(UrlSet(
      "<url><loc>http://news.example.com/a/1.html</loc><lastmod>2025-03-14T08:56:00+08:00</lastmod>"
      "<changefreq>daily</changefreq><priority>0.8</priority></url>\n"
      "<url><loc>http://news.example.com/a/2.html</loc></url>\n"));
  EXPECT_EQ(listing.kind, Kind::kUrlSet);
  ASSERT_EQ(listing.entries.size(), 2u);
  EXPECT_EQ(listing.entries[0].url, "http://news.example.com/a/1.html");
  EXPECT_EQ(listing.entries[0].lastmod, "2025-03-14T08:56:00+08:00");
  EXPECT_EQ(listing.entries[0].title, "");
  EXPECT_EQ(listing.entries[1].url, "http://news.example.com/a/2.html");
  EXPECT_EQ(listing.entries[1].lastmod, "");
}

TEST(SitemapTest, IndexListsChildSitemaps) {
  Listing listing = MustParse(std::string("<?xml version=\"1.0\"?><sitemapindex xmlns=\"") +
                              kSitemapNs +
                              "\"><sitemap><loc>http://127.0.0.1:8080/s1/sitemap.xml.gz</loc>"
                              "<lastmod>2025-03-14</lastmod></sitemap>"
                              "<sitemap><loc>/s2/sitemap.xml</loc></sitemap></sitemapindex>",
                              "http://127.0.0.1:8080/sitemap_index.xml");
  EXPECT_EQ(listing.kind, Kind::kSitemapIndex);
  EXPECT_EQ(Urls(listing), (std::vector<std::string>{"http://127.0.0.1:8080/s1/sitemap.xml.gz",
                                                     "http://127.0.0.1:8080/s2/sitemap.xml"}));
  EXPECT_EQ(listing.entries[0].lastmod, "2025-03-14");
}

TEST(SitemapTest, IndexPointingToItselfIsJustParsed) {
  // Cycles are the crawler's business; one document parses on its own.
  std::string self = "http://news.example.com/sitemap_index.xml";
  Listing listing = MustParse(std::string("<sitemapindex xmlns=\"") + kSitemapNs +
                                  "\"><sitemap><loc>" + self + "</loc></sitemap></sitemapindex>",
                              self);
  EXPECT_EQ(listing.kind, Kind::kSitemapIndex);
  EXPECT_EQ(Urls(listing), std::vector<std::string>{self});
}

TEST(SitemapTest, GzippedSitemapIsDetectedByMagic) {
  Listing listing = MustParse(testing::Gzip(UrlSetOf(3)), "http://news.example.com/s1/sitemap.xml.gz");
  EXPECT_EQ(listing.kind, Kind::kUrlSet);
  EXPECT_EQ(listing.entries.size(), 3u);
  EXPECT_EQ(listing.entries[2].url, "http://news.example.com/a/2.html");
}

TEST(SitemapTest, ConcatenatedGzipMembersAreOneDocument) {
  std::string xml = UrlSetOf(2);
  std::string gz = testing::Gzip(xml.substr(0, 60)) + testing::Gzip(xml.substr(60));
  EXPECT_EQ(MustParse(gz).entries.size(), 2u);
}

struct LocCase {
  const char* id;
  const char* loc_xml;   // what sits between <loc> and </loc>
  const char* expected;  // "" = the entry is dropped
};

TEST(SitemapTest, LocForms) {
  const LocCase kCases[] = {
      {"loc-1 plain", "http://news.example.com/a/1.html", "http://news.example.com/a/1.html"},
      {"loc-2 whitespace", "\n   http://news.example.com/a/1.html \t\n ",
       "http://news.example.com/a/1.html"},
      {"loc-3 cdata", "<![CDATA[http://news.example.com/a/1.html?x=1&y=2]]>",
       "http://news.example.com/a/1.html?x=1&y=2"},
      {"loc-4 amp entity", "http://news.example.com/list?page=2&amp;cat=3",
       "http://news.example.com/list?page=2&cat=3"},
      {"loc-5 char refs", "http://news.example.com/&#x61;/&#98;.html",
       "http://news.example.com/a/b.html"},
      {"loc-6 relative path", "a/2.html", "http://news.example.com/a/2.html"},
      {"loc-7 relative root", "/s2/x.html", "http://news.example.com/s2/x.html"},
      {"loc-8 https", "https://news.example.com/a/1.html", "https://news.example.com/a/1.html"},
      {"loc-9 ftp dropped", "ftp://news.example.com/a.txt", ""},
      {"loc-10 javascript dropped", "javascript:alert(1)", ""},
      {"loc-11 mailto dropped", "mailto:editor@example.com", ""},
      {"loc-12 file dropped", "file:///etc/passwd", ""},
      {"loc-13 empty dropped", "", ""},
      {"loc-14 spaces only dropped", "  \n ", ""},
      {"loc-15 raw utf8 encoded", "http://news.example.com/新闻/1.html",
       "http://news.example.com/%E6%96%B0%E9%97%BB/1.html"},
      {"loc-16 host lower-cased", "HTTP://NEWS.Example.COM/a/1.html",
       "http://news.example.com/a/1.html"},
  };
  for (const LocCase& c : kCases) {
    SCOPED_TRACE(c.id);
    Listing listing = MustParse(UrlSet(std::string("<url><loc>") + c.loc_xml + "</loc></url>"));
    if (c.expected[0] == '\0') {
      EXPECT_TRUE(listing.entries.empty());
    } else {
      EXPECT_EQ(Urls(listing), std::vector<std::string>{c.expected});
    }
  }
}

struct NamespaceCase {
  const char* id;
  const char* xml;
};

TEST(SitemapTest, NamespacesAndPrefixes) {
  const NamespaceCase kCases[] = {
      {"ns-1 default namespace",
       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>http://e.com/1</loc>"
       "</url></urlset>"},
      {"ns-2 no namespace", "<urlset><url><loc>http://e.com/1</loc></url></urlset>"},
      {"ns-3 prefixed",
       "<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sm:url>"
       "<sm:loc>http://e.com/1</sm:loc></sm:url></sm:urlset>"},
      {"ns-4 old google namespace",
       "<urlset xmlns=\"http://www.google.com/schemas/sitemap/0.84\"><url><loc>http://e.com/1</loc>"
       "</url></urlset>"},
      {"ns-5 image and news extensions ignored",
       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
       "xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\" "
       "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url>"
       "<image:image><image:loc>http://img.e.com/1.jpg</image:loc></image:image>"
       "<news:news><news:title>T</news:title><news:publication_date>2025-01-01"
       "</news:publication_date></news:news><loc>http://e.com/1</loc></url></urlset>"},
      {"ns-6 extension loc as a direct child ignored",
       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
       "xmlns:x=\"urn:other\"><url><x:loc>http://other.e.com/</x:loc><loc>http://e.com/1</loc>"
       "</url></urlset>"},
      {"ns-7 stylesheet PI and comments",
       "<?xml version=\"1.0\"?><?xml-stylesheet type=\"text/xsl\" href=\"/sitemap.xsl\"?>"
       "<!-- generated --><urlset><!-- x --><url><loc>http://e.com/1</loc></url></urlset>"},
      {"ns-8 undeclared prefix tolerated",
       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url>"
       "<loc>http://e.com/1</loc><video:video><video:title>v</video:title></video:video>"
       "</url></urlset>"},
  };
  for (const NamespaceCase& c : kCases) {
    SCOPED_TRACE(c.id);
    Listing listing = MustParse(c.xml);
    EXPECT_EQ(listing.kind, Kind::kUrlSet);
    EXPECT_EQ(Urls(listing), std::vector<std::string>{"http://e.com/1"});
  }
}

// ------------------------------------------------------------------- feeds

TEST(FeedTest, Rss2ItemsKeepFromRssLinksTitlesAndDates) {
  Listing listing = MustParse(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
      "<title>华商资讯网</title><link>http://127.0.0.1:8080/s1/</link>"
      "<atom:link href=\"http://127.0.0.1:8080/s1/rss.xml\" rel=\"self\"/>"
      "<item><title>英美防长会谈聚焦对乌安全承诺</title>"
      "<link>http://127.0.0.1:8080/s1/world/2025/0314/1001.html?from=rss</link>"
      "<pubDate>Fri, 14 Mar 2025 08:56:00 +0800</pubDate>"
      "<guid isPermaLink=\"false\">1001</guid></item>"
      "<item><title>  第二条\n   新闻 </title>"
      "<link>http://127.0.0.1:8080/s1/world/2025/0313/1000.html?from=rss</link></item>"
      "</channel></rss>",
      "http://127.0.0.1:8080/s1/rss.xml");
  EXPECT_EQ(listing.kind, Kind::kRss);
  ASSERT_EQ(listing.entries.size(), 2u);
  EXPECT_EQ(listing.entries[0].url, "http://127.0.0.1:8080/s1/world/2025/0314/1001.html?from=rss");
  EXPECT_EQ(listing.entries[0].title, "英美防长会谈聚焦对乌安全承诺");
  EXPECT_EQ(listing.entries[0].lastmod, "Fri, 14 Mar 2025 08:56:00 +0800");
  EXPECT_EQ(listing.entries[1].title, "第二条 新闻");
}

TEST(FeedTest, Rss2GuidIsUsedOnlyAsAPermalink) {
  Listing listing = MustParse(
      "<rss version=\"2.0\"><channel>"
      "<item><guid>http://e.com/permalink-default</guid></item>"
      "<item><guid isPermaLink=\"true\">http://e.com/permalink-true</guid></item>"
      "<item><guid isPermaLink=\"false\">http://e.com/not-a-permalink</guid></item>"
      "<item><guid>12345</guid></item>"
      "<item><link>http://e.com/link-wins</link><guid>http://e.com/guid-loses</guid></item>"
      "<item><title>no link at all</title></item>"
      "<item><link>relative/x.html</link></item>"
      "</channel></rss>",
      "http://e.com/feed/rss.xml");
  EXPECT_EQ(Urls(listing), (std::vector<std::string>{
                               "http://e.com/permalink-default", "http://e.com/permalink-true",
                               "http://e.com/link-wins", "http://e.com/feed/relative/x.html"}));
}

TEST(FeedTest, AtomEntriesUseTheAlternateLink) {
  Listing listing = MustParse(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Example</title>"
      "<link href=\"http://e.com/\"/><link rel=\"self\" href=\"http://e.com/atom.xml\"/>"
      "<entry><title type=\"html\">First &amp; best</title>"
      "<link rel=\"edit\" href=\"http://e.com/edit/1\"/>"
      "<link rel=\"alternate\" type=\"text/html\" href=\"http://e.com/2025/03/first\"/>"
      "<id>tag:e.com,2025:1</id><updated>2025-03-14T09:00:00Z</updated>"
      "<published>2025-03-14T08:00:00Z</published></entry>"
      "<entry><title>Second</title><link href=\"http://e.com/2025/03/second\"/>"
      "<link rel=\"enclosure\" href=\"http://e.com/a.mp3\"/>"
      "<published>2025-03-13T08:00:00Z</published></entry>"
      "<entry><title>Id only</title><id>http://e.com/2025/03/third</id></entry>"
      "<entry><title>Source link is another feed's</title>"
      "<source><link href=\"http://other.com/\"/></source>"
      "<link href=\"http://e.com/2025/03/fourth\"/></entry>"
      "</feed>",
      "http://e.com/atom.xml");
  EXPECT_EQ(listing.kind, Kind::kAtom);
  ASSERT_EQ(listing.entries.size(), 4u);
  EXPECT_EQ(listing.entries[0].url, "http://e.com/2025/03/first");
  EXPECT_EQ(listing.entries[0].title, "First & best");
  EXPECT_EQ(listing.entries[0].lastmod, "2025-03-14T09:00:00Z");  // updated beats published
  EXPECT_EQ(listing.entries[1].url, "http://e.com/2025/03/second");
  EXPECT_EQ(listing.entries[1].lastmod, "2025-03-13T08:00:00Z");
  EXPECT_EQ(listing.entries[2].url, "http://e.com/2025/03/third");
  EXPECT_EQ(listing.entries[3].url, "http://e.com/2025/03/fourth");
}

TEST(FeedTest, AtomRelativeLinksHonourXmlBase) {
  Listing listing = MustParse(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://e.com/news/\">"
      "<entry><link href=\"2025/1.html\"/></entry>"
      "<entry xml:base=\"/blog/\"><link href=\"2.html\"/></entry>"
      "<entry xml:base=\"file:///etc/\"><link href=\"passwd\"/></entry>"
      "</feed>",
      "http://e.com/atom.xml");
  EXPECT_EQ(Urls(listing), (std::vector<std::string>{"http://e.com/news/2025/1.html",
                                                     "http://e.com/blog/2.html"}));
}

TEST(FeedTest, AtomXhtmlTitleIsItsText) {
  Listing listing = MustParse(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"xhtml\">"
      "<div xmlns=\"http://www.w3.org/1999/xhtml\">Big <b>news</b> today</div></title>"
      "<link href=\"http://e.com/1\"/></entry></feed>",
      "http://e.com/atom.xml");
  ASSERT_EQ(listing.entries.size(), 1u);
  EXPECT_EQ(listing.entries[0].title, "Big news today");
}

TEST(FeedTest, Rss1RdfItems) {
  Listing listing = MustParse(
      "<?xml version=\"1.0\"?>"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<channel rdf:about=\"http://e.com/\"><title>E</title><link>http://e.com/</link>"
      "<items><rdf:Seq><rdf:li rdf:resource=\"http://e.com/1\"/></rdf:Seq></items></channel>"
      "<item rdf:about=\"http://e.com/1\"><title>One</title><link>http://e.com/1.html</link>"
      "<dc:date>2025-03-14T08:56:00+08:00</dc:date></item>"
      "<item rdf:about=\"http://e.com/2.html\"><title>Two</title></item>"
      "</rdf:RDF>",
      "http://e.com/index.rdf");
  EXPECT_EQ(listing.kind, Kind::kRss);
  EXPECT_EQ(Urls(listing), (std::vector<std::string>{"http://e.com/1.html", "http://e.com/2.html"}));
  EXPECT_EQ(listing.entries[0].title, "One");
  EXPECT_EQ(listing.entries[0].lastmod, "2025-03-14T08:56:00+08:00");
}

// --------------------------------------------------------------- encodings

std::string GbkRss(const std::string& label) {
  // 朱镕基会见喆堃 in GBK: 镕, 喆 and 堃 are outside GB2312.
  return "<?xml version=\"1.0\" encoding=\"" + label +
         "\"?>\n<rss version=\"2.0\"><channel><item><title>"
         "\xD6\xEC\xE9\x46\xBB\xF9\xBB\xE1\xBC\xFB\x86\xB4\x88\xD2"
         "</title><link>http://e.com/s2/1.html?from=rss</link></item></channel></rss>\n";
}

TEST(EncodingTest, GbkFeedDeclaredAsGbkOrGb2312) {
  for (const char* label : {"GBK", "gb2312", "GB2312", "x-gbk", "GB18030"}) {
    SCOPED_TRACE(label);
    Listing listing = MustParse(GbkRss(label), "http://e.com/s2/rss.xml");
    ASSERT_EQ(listing.entries.size(), 1u);
    EXPECT_EQ(listing.entries[0].title, "朱镕基会见喆堃");
    EXPECT_EQ(listing.entries[0].url, "http://e.com/s2/1.html?from=rss");
  }
}

TEST(EncodingTest, GbkFeedGzippedAndLongPastTheFirstChunk) {
  // The declaration is read from the gunzipped prefix; the title sits well
  // past libxml2's first conversion chunk.
  std::string xml = GbkRss("gb2312");
  xml.insert(xml.find("<channel>") + 9, "<!-- " + std::string(20000, 'x') + " -->");
  Listing listing = MustParse(testing::Gzip(xml), "http://e.com/s2/rss.xml.gz");
  ASSERT_EQ(listing.entries.size(), 1u);
  EXPECT_EQ(listing.entries[0].title, "朱镕基会见喆堃");
}

TEST(EncodingTest, Big5Feed) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"big5\"?><rss version=\"2.0\"><channel>"
      "<!-- " + std::string(10000, 'x') + " --><item><title>"
      "\xB4\xE4\xBF\x44\xB7\x73\xBB\x44"
      "</title><link>http://e.com/s5/1.htm</link></item></channel></rss>";
  Listing listing = MustParse(xml, "http://e.com/s5/rss.xml");
  ASSERT_EQ(listing.entries.size(), 1u);
  EXPECT_EQ(listing.entries[0].title, "港澳新聞");
}

TEST(EncodingTest, Utf16FeedWithBom) {
  std::string utf8 =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>ab</title>"
      "<link>http://e.com/1</link></item></channel></rss>";
  std::string utf16 = "\xFF\xFE";
  for (char c : utf8) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  EXPECT_TRUE(LooksLikeListing(utf16));
  Listing listing = MustParse(utf16);
  EXPECT_EQ(Urls(listing), std::vector<std::string>{"http://e.com/1"});
}

TEST(EncodingTest, BadBytesForTheDeclaredEncodingAreAnErrorNotNoise) {
  // "\xFF\xFF" is not GB18030. libxml2 would print "encoding error" lines
  // to stderr; the message must come back in the Error instead.
  std::string xml = GbkRss("gbk");
  xml.insert(xml.find("</title>"), "\xFF\xFF");
  ::testing::internal::CaptureStderr();
  Result<Listing> listing = Parse(xml, "http://e.com/s2/rss.xml");
  std::string printed = ::testing::internal::GetCapturedStderr();
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.error().code, Code::kInvalidInput);
  EXPECT_NE(listing.error().message.find("http://e.com/s2/rss.xml"), std::string::npos);
  EXPECT_EQ(printed, "");
}

TEST(EncodingTest, UnknownEncodingIsAnError) {
  Result<Listing> listing =
      Parse("<?xml version=\"1.0\" encoding=\"x-no-such\"?><urlset/>", kSitemapUrl);
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.error().code, Code::kInvalidInput);
}

}  // namespace
}  // namespace gleaner::discover
