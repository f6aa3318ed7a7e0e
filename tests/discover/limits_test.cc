// limits_test: the caps of discover::Limits at limit-1 / limit / limit+1,
// gzip bombs, and the per-field text cap.
#include <gtest/gtest.h>

#include <string>

#include "gleaner/discover.h"
#include "support/http_server.h"
#include "support/test_util.h"
#include "xml_bombs.h"

namespace gleaner::discover {
namespace {

constexpr char kUrl[] = "http://news.example.com/sitemap.xml";

std::string UrlSetOf(size_t count) {
  std::string xml = "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (size_t i = 0; i < count; ++i) {
    xml += "<url><loc>http://news.example.com/a/" + std::to_string(i) + ".html</loc></url>\n";
  }
  return xml + "</urlset>\n";
}

void ExpectTooLarge(const Result<Listing>& listing) {
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.error().code, Code::kTooLarge) << listing.error().message;
  EXPECT_NE(listing.error().message.find(kUrl), std::string::npos) << listing.error().message;
}

// Past the cap the first max_entries are kept and the rest is not read.
void ExpectTruncatedAt(const Result<Listing>& listing, size_t kept) {
  ASSERT_TRUE(listing.ok()) << listing.error().message;
  EXPECT_TRUE(listing->truncated);
  EXPECT_EQ(listing->entries.size(), kept);
}

TEST(EntryCapTest, AtLimitMinusOneLimitAndPlusOne) {
  Limits limits;
  limits.max_entries = 100;
  for (size_t count : {99u, 100u}) {
    SCOPED_TRACE(count);
    Result<Listing> listing = Parse(UrlSetOf(count), kUrl, limits);
    ASSERT_TRUE(listing.ok()) << listing.error().message;
    EXPECT_EQ(listing->entries.size(), count);
    EXPECT_FALSE(listing->truncated);
  }
  Result<Listing> over = Parse(UrlSetOf(101), kUrl, limits);
  ExpectTruncatedAt(over, 100);
  EXPECT_EQ(over->entries.back().url, "http://news.example.com/a/99.html");
}

TEST(EntryCapTest, EntriesWithoutAUsableUrlCountToo) {
  // The cap bounds the work per document, not only the output.
  Limits limits;
  limits.max_entries = 2;
  ExpectTruncatedAt(
      Parse("<urlset><url/><url><loc>ftp://x/</loc></url><url><loc>http://e.com/3</loc></url></urlset>",
            kUrl, limits),
      0);
}

TEST(EntryCapTest, NothingPastTheCapIsReadNotEvenBrokenXml) {
  Limits limits;
  limits.max_entries = 2;
  ExpectTruncatedAt(Parse("<urlset><url><loc>http://e.com/1</loc></url><url><loc>http://e.com/2</loc>"
                          "</url><url><loc>http://e.com/3</loc></url><url><loc>&&<<",
                          kUrl, limits),
                    2);
}

TEST(EntryCapTest, SitemapsOrgMaximumOf50000Parses) {
  std::string xml = UrlSetOf(50'000);
  Result<Listing> listing = Parse(testing::Gzip(xml), kUrl);
  ASSERT_TRUE(listing.ok()) << listing.error().message;
  EXPECT_EQ(listing->entries.size(), 50'000u);
  EXPECT_FALSE(listing->truncated);
  EXPECT_EQ(listing->entries.back().url, "http://news.example.com/a/49999.html");
  ExpectTruncatedAt(Parse(UrlSetOf(50'001), kUrl), 50'000);
}

TEST(DecodedBytesCapTest, PlainAtLimitMinusOneLimitAndPlusOne) {
  std::string xml = UrlSetOf(3);
  Limits limits;
  for (size_t cap : {xml.size() + 1, xml.size()}) {
    limits.max_decoded_bytes = cap;
    Result<Listing> listing = Parse(xml, kUrl, limits);
    ASSERT_TRUE(listing.ok()) << cap << ": " << listing.error().message;
    EXPECT_EQ(listing->entries.size(), 3u);
  }
  limits.max_decoded_bytes = xml.size() - 1;
  ExpectTooLarge(Parse(xml, kUrl, limits));
}

TEST(DecodedBytesCapTest, GzipAtLimitMinusOneLimitAndPlusOne) {
  std::string xml = UrlSetOf(200);
  std::string gz = testing::Gzip(xml);
  Limits limits;
  for (size_t cap : {xml.size() + 1, xml.size()}) {
    limits.max_decoded_bytes = cap;
    Result<Listing> listing = Parse(gz, kUrl, limits);
    ASSERT_TRUE(listing.ok()) << cap << ": " << listing.error().message;
    EXPECT_EQ(listing->entries.size(), 200u);
  }
  limits.max_decoded_bytes = xml.size() - 1;
  ExpectTooLarge(Parse(gz, kUrl, limits));
}

TEST(GzipBombTest, WhitespaceBombStopsAtTheCap) {
  // 200 MB of well-formed XML (blank space in the prolog, one more gzip
  // member) that libxml2 would happily read: only our cap stops it. Built
  // in 64 KB steps, so the test itself stays small.
  std::string bomb = testing::Gzip("<?xml version=\"1.0\"?>\n") +
                     testing::GzipRepeated(' ', size_t{200} << 20) + testing::Gzip("<urlset/>");
  ASSERT_LT(bomb.size(), 1u << 20);
  Limits limits;
  limits.max_decoded_bytes = 8u << 20;
  ExpectTooLarge(Parse(bomb, kUrl, limits));
}

TEST(GzipBombTest, ZeroBombWithDefaultLimitsFails) {
  // NUL bytes are not XML: the parser refuses the first chunk, long before
  // the 50 MB cap would have stopped the inflation.
  std::string bomb = testing::GzipRepeated('\0', size_t{200} << 20);
  Result<Listing> listing = Parse(bomb, kUrl);
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.error().code, Code::kInvalidInput) << listing.error().message;
  EXPECT_FALSE(LooksLikeListing(bomb));
}

TEST(FieldCapTest, OverlongLocIsDroppedAndOverlongTitleCut) {
  std::string long_path(20000, 'a');
  std::string title;
  for (int i = 0; i < 10000; ++i) title += "新";  // 30 000 bytes
  Result<Listing> listing = Parse(
      "<rss><channel><item><link>http://e.com/" + long_path + "</link></item>"
      "<item><title>" + title + "</title><link>http://e.com/1</link></item></channel></rss>",
      kUrl);
  ASSERT_TRUE(listing.ok()) << listing.error().message;
  ASSERT_EQ(listing->entries.size(), 1u);
  EXPECT_EQ(listing->entries[0].url, "http://e.com/1");
  const std::string& kept = listing->entries[0].title;
  EXPECT_LE(kept.size(), 16u * 1024);
  EXPECT_GT(kept.size(), 16u * 1024 - 3);
  EXPECT_EQ(kept.size() % 3, 0u);  // cut between characters, not inside one
}

// ---- entity bombs in feeds (issue 6) ------------------------------------------
// hostile_test.cc refuses billion laughs in sitemaps; feeds take the same
// path, and the bomb may sit in any field the parser reads.

std::string LaughsDoctype(const std::string& root) {
  return "<?xml version=\"1.0\"?>\n" + testing::BillionLaughsDoctype(root);
}

TEST(EntityBombTest, BillionLaughsInAFeedIsRefusedNotExpanded) {
  struct Case {
    const char* id;
    std::string xml;
  } cases[] = {
      {"rss-title", LaughsDoctype("rss") + "<rss version=\"2.0\"><channel><item><title>&lol9;</title>"
                                           "<link>http://e.com/1</link></item></channel></rss>"},
      {"rss-link", LaughsDoctype("rss") + "<rss><channel><item><link>http://e.com/&lol9;</link></item></channel></rss>"},
      {"atom-title", LaughsDoctype("feed") + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>&lol9;"
                                             "</title><link href=\"http://e.com/1\"/></entry></feed>"},
      {"atom-href", LaughsDoctype("feed") + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
                                            "<link href=\"http://e.com/&lol9;\"/></entry></feed>"},
      {"rdf-about", LaughsDoctype("rdf:RDF") +
                        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                        "xmlns=\"http://purl.org/rss/1.0/\"><item rdf:about=\"http://e.com/&lol9;\"/></rdf:RDF>"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    for (const std::string& bytes : {c.xml, testing::Gzip(c.xml)}) {
      Result<Listing> listing = Parse(bytes, kUrl);
      ASSERT_FALSE(listing.ok());
      EXPECT_EQ(listing.error().code, Code::kInvalidInput) << listing.error().message;
      EXPECT_NE(listing.error().message.find(kUrl), std::string::npos) << listing.error().message;
    }
  }
}

}  // namespace
}  // namespace gleaner::discover
