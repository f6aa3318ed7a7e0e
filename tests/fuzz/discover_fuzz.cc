// discover_fuzz: discover::Parse (sitemaps, sitemap indexes, RSS, Atom;
// gzip by magic) and LooksLikeListing on arbitrary bytes.
// Input: the whole input is the document; Parse runs with the default
// limits and with small ones (so the caps are crossed often).
// Checks: every entry URL is absolute http(s); the entry cap holds; an
// error is kInvalidInput or kTooLarge.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "gleaner/discover.h"
#include "gleaner/url.h"

namespace {

void ParseAndCheck(std::string_view bytes, const gleaner::discover::Limits& limits) {
  using namespace gleaner;
  Result<discover::Listing> listing =
      discover::Parse(bytes, "http://news.example.com/sitemap/index.xml", limits);
  if (!listing.ok()) {
    const Code code = listing.error().code;
    FUZZ_CHECK(code == Code::kInvalidInput || code == Code::kTooLarge);
    return;
  }
  FUZZ_CHECK(listing->entries.size() <= limits.max_entries);
  for (const discover::Entry& entry : listing->entries) FUZZ_CHECK(url::IsHttp(entry.url));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = gleaner::fuzz::AsView(data, size);
  (void)gleaner::discover::LooksLikeListing(bytes);
  ParseAndCheck(bytes, {});
  gleaner::discover::Limits small;
  small.max_decoded_bytes = 4096;
  small.max_entries = 3;
  ParseAndCheck(bytes, small);
  return 0;
}
