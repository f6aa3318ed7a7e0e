// hostile_test: documents that attack or confuse a sitemap/feed parser -
// entity bombs, external entities, HTML and broken XML, empty and garbage
// bytes - and the prefix sniff LooksLikeListing.
#include <gtest/gtest.h>

#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "gleaner/discover.h"
#include "support/test_util.h"
#include "xml_bombs.h"

namespace gleaner::discover {
namespace {

constexpr char kUrl[] = "http://news.example.com/sitemap.xml";

std::string BillionLaughsDtd() { return testing::BillionLaughsDoctype("urlset"); }

void ExpectInvalid(const Result<Listing>& listing) {
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.error().code, Code::kInvalidInput) << listing.error().message;
  EXPECT_NE(listing.error().message.find("is not a sitemap or feed"), std::string::npos)
      << listing.error().message;
}

// Every string the parse produced, to search for leaked file contents.
std::string Everything(const Result<Listing>& listing) {
  if (!listing.ok()) return listing.error().message;
  std::string all;
  for (const Entry& entry : listing->entries) all += entry.url + entry.title + entry.lastmod;
  return all;
}

// ------------------------------------------------------------------ entities

TEST(EntityTest, BillionLaughsIsRefusedNotExpanded) {
  std::string xml = "<?xml version=\"1.0\"?>\n" + BillionLaughsDtd() +
                    "<urlset><url><loc>http://e.com/&lol9;</loc></url></urlset>";
  Result<Listing> listing = Parse(xml, kUrl);
  ExpectInvalid(listing);
}

TEST(EntityTest, BillionLaughsReferencedFarIntoTheDocumentIsRefused) {
  // The reference comes after many chunks of ordinary entries.
  std::string body;
  for (int i = 0; i < 2000; ++i) body += "<url><loc>http://e.com/" + std::to_string(i) + "</loc></url>";
  std::string xml = "<?xml version=\"1.0\"?>\n" + BillionLaughsDtd() + "<urlset>" + body +
                    "<url><loc>http://e.com/&lol9;</loc></url></urlset>";
  ExpectInvalid(Parse(testing::Gzip(xml), kUrl));
}

TEST(EntityTest, DeclaredButUnusedEntitiesAreStillRefused) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [<!ENTITY site \"e.com\">]>"
                    "<urlset><url><loc>http://e.com/1</loc></url></urlset>";
  Result<Listing> listing = Parse(xml, kUrl);
  ExpectInvalid(listing);
  EXPECT_NE(listing.error().message.find("entities"), std::string::npos);
}

struct ExternalCase {
  const char* id;
  const char* xml;
};

TEST(EntityTest, ExternalEntitiesAreNeverRead) {
  const ExternalCase kCases[] = {
      {"xxe-1 general",
       "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
       "<urlset><url><loc>http://e.com/&xxe;</loc></url></urlset>"},
      {"xxe-2 in a title",
       "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
       "<rss><channel><item><title>&xxe;</title><link>http://e.com/1</link></item></channel></rss>"},
      {"xxe-3 parameter entity",
       "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
       "<urlset><url><loc>http://e.com/1</loc></url></urlset>"},
      {"xxe-4 external DTD",
       "<?xml version=\"1.0\"?><!DOCTYPE urlset SYSTEM \"file:///etc/passwd\">"
       "<urlset><url><loc>http://e.com/1</loc></url></urlset>"},
      {"xxe-5 network DTD",
       "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
       "\"http://127.0.0.1:9/rss-0.91.dtd\"><rss><channel><item><link>http://e.com/1</link>"
       "</item></channel></rss>"},
  };
  for (const ExternalCase& c : kCases) {
    SCOPED_TRACE(c.id);
    Result<Listing> listing = Parse(c.xml, kUrl);
    EXPECT_EQ(Everything(listing).find("root:"), std::string::npos);
  }
}

TEST(EntityTest, ExternalDtdWithoutEntitiesStillParses) {
  // Old RSS 0.91 feeds name Netscape's DTD; it is never fetched (NONET,
  // no DTD loading) and the feed reads as usual.
  Result<Listing> listing = Parse(
      "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
      "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel>"
      "<item><title>T</title><link>http://e.com/1</link></item></channel></rss>",
      kUrl);
  ASSERT_TRUE(listing.ok()) << listing.error().message;
  ASSERT_EQ(listing->entries.size(), 1u);
  EXPECT_EQ(listing->entries[0].url, "http://e.com/1");
}

// ------------------------------------------------------- not a listing at all

TEST(NotListingTest, HtmlIsInvalidInputNamingTheUrl) {
  const char* kPages[] = {
      "<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</body></html>",
      "<html><head><meta charset=utf-8><title>x</title></head><body><br><p>hi</body></html>",
      "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
      "<!doctype html><title>x</title>",
  };
  for (const char* page : kPages) {
    SCOPED_TRACE(page);
    Result<Listing> listing = Parse(page, "http://e.com/sitemap.xml");
    ExpectInvalid(listing);
    EXPECT_NE(listing.error().message.find("http://e.com/sitemap.xml"), std::string::npos);
    EXPECT_NE(listing.error().message.find("root element"), std::string::npos)
        << listing.error().message;
    EXPECT_FALSE(LooksLikeListing(page));
  }
}

TEST(NotListingTest, OtherXmlRootIsRefused) {
  Result<Listing> listing = Parse("<?xml version=\"1.0\"?><opml><body/></opml>", kUrl);
  ExpectInvalid(listing);
  EXPECT_NE(listing.error().message.find("<opml>"), std::string::npos);
}

TEST(NotListingTest, BrokenXmlGivesLibxmlsFirstMessageWithItsLine) {
  Result<Listing> listing =
      Parse("<urlset>\n<url><loc>http://e.com/1</loc></url>\n<url><loc>http://e.com/2</url>\n</urlset>",
            kUrl);
  ExpectInvalid(listing);
  EXPECT_NE(listing.error().message.find("line 3"), std::string::npos) << listing.error().message;
}

TEST(NotListingTest, TruncatedDocumentIsBrokenXml) {
  std::string xml = "<urlset><url><loc>http://e.com/1</loc></url><url><loc>http://e.com/2</lo";
  ExpectInvalid(Parse(xml, kUrl));
  ExpectInvalid(Parse(testing::Gzip(xml), kUrl));
}

TEST(NotListingTest, EmptyInput) {
  Result<Listing> listing = Parse("", kUrl);
  ExpectInvalid(listing);
  EXPECT_FALSE(LooksLikeListing(""));
}

TEST(NotListingTest, EmptyRootIsAnEmptyListing) {
  Result<Listing> listing = Parse("<urlset/>", kUrl);
  ASSERT_TRUE(listing.ok()) << listing.error().message;
  EXPECT_EQ(listing->kind, Kind::kUrlSet);
  EXPECT_TRUE(listing->entries.empty());
}

TEST(NotListingTest, MalformedBytesNeverCrash) {
  const std::string kInputs[] = {
      " ",
      "<",
      "<?xml",
      "<?xml version=\"1.0\"?>",
      "<urlset",
      "<urlset><url><loc>",
      "\x1f\x8b",
      "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage",
      testing::Gzip("<urlset><url><loc>http://e.com/1</loc></url></urlset>").substr(0, 20),
      std::string("<urlset>\0<url/></urlset>", 24),
      "\xEF\xBB\xBF",
      "\xFF\xFE<",
      "<!DOCTYPE urlset [",
      "<!-- never closed",
      "{\"json\": true}",
      "User-agent: *\nDisallow: /\n",
      std::string(1000, '\xFF'),
  };
  for (size_t i = 0; i < std::size(kInputs); ++i) {
    const std::string& input = kInputs[i];
    SCOPED_TRACE("malformed input #" + std::to_string(i));
    Result<Listing> listing = Parse(input, kUrl);
    EXPECT_FALSE(listing.ok());
    (void)LooksLikeListing(input);
  }
}

// -------------------------------------------------------------------- sniff

struct SniffCase {
  const char* id;
  std::string bytes;
  bool listing;
};

TEST(SniffTest, LooksLikeListing) {
  const SniffCase kCases[] = {
      {"sniff-1 urlset", "<?xml version=\"1.0\"?>\n<urlset xmlns=\"x\">", true},
      {"sniff-2 sitemapindex", "<sitemapindex>", true},
      {"sniff-3 rss", "<rss version=\"2.0\"><channel>", true},
      {"sniff-4 rdf", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">", true},
      {"sniff-5 atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", true},
      {"sniff-6 prefixed", "<sm:urlset xmlns:sm=\"x\">", true},
      {"sniff-7 prolog", "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"a.xsl\"?>"
                         "<!-- c --><!DOCTYPE rss [<!ELEMENT rss ANY>]>\n\n<rss>", true},
      {"sniff-8 gzipped", testing::Gzip("<?xml version=\"1.0\"?><urlset><url/></urlset>"), true},
      {"sniff-9 html", "<!DOCTYPE html>\n<html lang=\"zh\">", false},
      {"sniff-10 xhtml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", false},
      {"sniff-11 text", "hello <rss>", false},
      {"sniff-12 root cut off", "<?xml version=\"1.0\"?><urls", false},
      {"sniff-13 gzipped html", testing::Gzip("<html><body>"), false},
      {"sniff-14 utf16", std::string("\xFF\xFE<\0r\0s\0s\0>\0", 12), true},
      {"sniff-15 opml", "<opml version=\"2.0\">", false},
  };
  for (const SniffCase& c : kCases) {
    SCOPED_TRACE(c.id);
    EXPECT_EQ(LooksLikeListing(c.bytes), c.listing);
  }
}

// ------------------------------------------------------------------ threads

TEST(ThreadTest, ParallelParsesKeepTheirOwnResultsAndErrors) {
  std::string good = "<urlset><url><loc>http://e.com/1</loc></url></urlset>";
  std::string bad = "<urlset><url><loc>http://e.com/1</url></urlset>";
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        bool want_ok = (i + t) % 2 == 0;
        Result<Listing> listing = Parse(want_ok ? good : bad, kUrl);
        bool right = want_ok ? listing.ok() && listing->entries.size() == 1
                             : !listing.ok() && listing.error().code == Code::kInvalidInput;
        if (!right) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace gleaner::discover
