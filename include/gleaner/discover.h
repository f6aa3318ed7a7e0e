// discover: where a site lists its articles - sitemaps and feeds.
// Does:    sitemap XML (urlset and sitemapindex, gzipped or not, with
//          <lastmod>), RSS 2.0, RSS 1.0 (RDF) and Atom feeds; relative URLs
//          resolved against the document's URL.
// Owns:    nothing after a call returns (libxml2 documents are freed inside).
// Threads: all functions are thread-safe (libxml2 is initialised once, by
//          the first call, behind std::call_once).
// Errors:  kInvalidInput naming the URL for bytes that are not a sitemap or
//          feed (HTML, broken XML); kTooLarge when the gunzipped size
//          passes its cap (past the entry cap the listing is truncated). Never network access (XML_PARSE_NONET), never
//          entity expansion (no XML_PARSE_NOENT, no DTD loading): a
//          DOCTYPE that declares entities (billion laughs, XXE) is refused
//          with kInvalidInput, never expanded.
// Touches: no files, no network.
#ifndef GLEANER_DISCOVER_H_
#define GLEANER_DISCOVER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/result.h"

namespace gleaner::discover {

struct Limits {
  // Bytes of XML after gunzip (plain input larger than this is refused at
  // once; gzip is checked as it inflates). Default 50 MB, sitemaps.org's cap.
  size_t max_decoded_bytes = 50u << 20;
  // Entry elements (<url>, <sitemap>, <item>, <entry>) read per document,
  // counted whether or not they hold a usable URL; the rest of a longer
  // document is not read (Listing::truncated). Default 50 000, sitemaps.org's.
  size_t max_entries = 50'000;
};

struct Entry {
  std::string url;        // absolute
  std::string lastmod;    // as written (W3C datetime / RFC 822), or ""
  std::string title;      // feed item title, or ""
};

enum class Kind { kUrlSet, kSitemapIndex, kRss, kAtom };  // kRss: RSS 2.0 and 1.0 (RDF)

struct Listing {
  Kind kind = Kind::kUrlSet;
  std::vector<Entry> entries;  // for kSitemapIndex: the child sitemaps
  // More than Limits::max_entries entries: `entries` are from the first
  // max_entries, and the rest of the document was not read. Oversized
  // sitemaps exist; their first 50 000 URLs are worth more than none.
  bool truncated = false;
};

// Parses a sitemap, sitemap index or feed (gzip detected by its magic).
// `url` is the document's own address (for relative links and messages).
// Entries keep document order. Entry.url comes from <loc>, RSS <link> (else
// a permalink <guid>, else rdf:about) or Atom's alternate <link href> (else
// an http <id>); relative ones resolve against xml:base / `url`; entries
// without an http(s) URL are skipped. lastmod is <lastmod>, <pubDate>,
// Atom <updated> (else <published>) or <dc:date>. Feeds as sites write them
// are accepted: a bare `&` (`?id=1&page=2`, `AT&T`) is read as itself and
// HTML entity names (`&nbsp;`, `&ldquo;`) as their characters, rather than
// failing the whole document; anything else that is not XML still fails.
Result<Listing> Parse(std::string_view bytes, std::string_view url, const Limits& limits = {});

// True when the first bytes look like a sitemap or feed (an XML document
// whose root is urlset, sitemapindex, rss, rdf:RDF or feed, possibly
// gzipped) rather than HTML.
bool LooksLikeListing(std::string_view bytes);

}  // namespace gleaner::discover

#endif  // GLEANER_DISCOVER_H_
