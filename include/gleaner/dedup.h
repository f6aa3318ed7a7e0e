// dedup: what makes two articles "the same" - URL identity, exact body hash,
// and a 64-bit near-duplicate fingerprint compared by Hamming distance.
// Does:    NormalizeText folds a body for hashing (full-width ASCII to
//          half-width, case folded, whitespace/punctuation/U+FFFD dropped);
//          HashCodePoints is a 64-bit hash of that; Fingerprint64 is a one-
//          permutation MinHash (1 bit per bin, 64 bins) over 4-code-point
//          shingles of it, so Chinese works; BandKeys splits a fingerprint
//          for a pigeonhole index; TitleKey and Resemblance serve the
//          store's second near-duplicate path (same title, similar body);
//          IdentifyArticle gives the URL key.
//          Algorithm, thresholds and measured numbers: docs/internals/simhash.md.
// Owns:    nothing.
// Threads: all functions are thread-safe (crawl workers sign articles).
// Errors:  IdentifyArticle fails with kInvalidInput when an article has
//          neither a URL nor an input name. Hashing never fails; invalid
//          UTF-8 bytes are skipped.
// Touches: no files, no network, no globals.
#ifndef GLEANER_DEDUP_H_
#define GLEANER_DEDUP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/article.h"
#include "gleaner/result.h"
#include "gleaner/url.h"

namespace gleaner::dedup {

// Code points per shingle. 4 Chinese characters are about two words; for
// Latin text (spaces removed) 4 letters still separate unrelated articles
// by 20+ bits (measured in the doc).
inline constexpr int kShingleCodePoints = 4;

// Default and largest Hamming threshold. With k, the index has k+1 bands of
// 64/(k+1) bits; past 8 a band is too narrow to keep lookups flat.
inline constexpr int kDefaultThreshold = 3;
inline constexpr int kMaxThreshold = 8;

// The body folded for hashing, as UTF-8: full-width ASCII (U+FF01..FF5E)
// and U+3000 map to ASCII, letters are lower-cased (ASCII, Latin-1,
// Greek, Cyrillic), and whitespace, punctuation, symbols, control and
// zero-width characters and U+FFFD are removed. Letters, digits and CJK
// ideographs are what remains.
std::string NormalizeText(std::string_view text);

// Our 64-bit non-cryptographic hash (multiply-xorshift over 8-byte words,
// murmur3's finaliser). Collision odds for n distinct texts ~ n^2 / 2^65.
uint64_t Hash64(std::string_view bytes, uint64_t seed = 0);

// The near-duplicate fingerprint of a normalised text (see the doc);
// 0 for an empty text. Equal texts give equal fingerprints.
uint64_t Fingerprint64(std::string_view normalized);

// Charikar's SimHash over the same shingles. Not used by the store: kept
// because the doc compares it (it drifts ~4 bits for one changed sentence).
uint64_t SimHash64(std::string_view normalized);

// Number of differing bits.
int HammingDistance(uint64_t a, uint64_t b);

// The band keys of a fingerprint for an index of `bands` bands (1..64):
// band i holds bits [i*64/bands, (i+1)*64/bands); its key is the band
// number in the top 6 bits and the band's bits below. Two fingerprints
// within (bands - 1) bits share at least one key (pigeonhole).
std::vector<uint64_t> BandKeys(uint64_t fingerprint, int bands);

// The content hash of a normalised text, taken over its code points (two
// per 64-bit word, the same mixing as Hash64): equal normalised texts hash
// equal. Collision odds ~ n^2 / 2^65.
uint64_t HashCodePoints(const std::u32string& code_points);

// What the store keeps about a body.
struct Signature {
  uint64_t content_hash = 0;  // HashCodePoints of NormalizeText(body)
  uint64_t fingerprint = 0;   // Fingerprint64(NormalizeText(body))
  int64_t text_chars = 0;     // code points in the normalised text
};

// Signs a body (normalises once). About 16 us for a 4-8 KB body
// (bench/store_bench Sign).
Signature Sign(std::string_view body);

// ---- The second near-duplicate path: same title, similar body ----
// A 64-bit fingerprint is a sample of the text: on short bodies (300-800
// Chinese characters), where one changed sentence is 5-15% of the shingles,
// it lands past the threshold about one time in three. So the store also
// looks up originals whose normalised title is equal and compares the two
// bodies themselves (docs/internals/simhash.md, "The title path").

// Smallest Resemblance at which a same-title original is a near-duplicate.
// One changed sentence leaves 0.78-0.96 (portal-sim's reprints, 200-1300
// characters), 0.755 in a 670-character English story with other chrome;
// unrelated articles sharing boilerplate and whole sentences stay below 0.3.
// Measured in docs/internals/simhash.md.
inline constexpr double kTitleResemblance = 0.7;

// The title's key for that lookup: 31 bits of Hash64(NormalizeText(title)),
// never 0; 0 when nothing is left (no title, or only punctuation and
// spaces). 31 bits keep the store's index rows small (SQLite stores the key
// in 4 bytes); a collision only adds a candidate, which the bodies decide.
uint64_t TitleKey(std::string_view title);

// The distinct hashes of a text's kShingleCodePoints-code-point shingles
// of NormalizeText, sorted: computed once, compared with many texts.
std::vector<uint64_t> ShingleSet(std::string_view text);

// Jaccard similarity (0..1) of two shingle sets (of two texts): 1 for texts
// that normalise equal, 0 when either is empty. About 30 us for two 3 KB
// bodies, most of it in ShingleSet.
double Resemblance(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);
double Resemblance(std::string_view a, std::string_view b);

// The identity of an article's URL.
struct UrlIdentity {
  std::string key;     // canonical URL used as the store's unique key
  std::string site;    // url::SiteOf of the key's host; "" for non-http input
  bool from_canonical = false;  // key came from <link rel=canonical>
};

// The URL key: url::Canonicalize(article.url), or of article.canonical_url
// when that is an http(s) URL on the same site (url::SiteOf) and is not
// the site root (unless the URL itself is the root). A canonical that points
// elsewhere (another site, the home page) is ignored, so it cannot merge
// unrelated pages. Without an http URL the key is the URL or input as given.
Result<UrlIdentity> IdentifyArticle(const Article& article,
                                    const url::CanonicalOptions& options = {});

}  // namespace gleaner::dedup

#endif  // GLEANER_DEDUP_H_
