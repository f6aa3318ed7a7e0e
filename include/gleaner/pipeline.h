// pipeline: one page's bytes -> an Article (charset -> html -> extract).
// Does:    the per-page work shared by `gleaner extract`, the crawler's
//          workers and the benchmarks: gunzip when the bytes are gzip,
//          reject what is not HTML, decode to UTF-8, parse, extract, and
//          record how the bytes were decoded.
// Owns:    a PageProcessor owns one charset::Decoder (one per thread).
// Threads: a PageProcessor is not thread-safe; use one per worker.
// Errors:  kNotHtml when the bytes are clearly not an HTML page (binary,
//          PDF, image, JSON); kTooLarge when gunzip would exceed the cap.
//          Anything that looks like text gives an Article.
// Touches: no files, no network.
#ifndef GLEANER_PIPELINE_H_
#define GLEANER_PIPELINE_H_

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/article.h"
#include "gleaner/charset.h"
#include "gleaner/extract.h"
#include "gleaner/result.h"

namespace gleaner::pipeline {

struct Page {
  std::string_view bytes;         // as fetched or read; may be gzip
  std::string input;              // what the user named (path, URL, "-")
  std::string url;                // the page's address, may be empty
  std::string http_charset;       // charset= from Content-Type, or empty
  std::string encoding_override;  // --encoding / rules `encoding`, or empty
  std::chrono::system_clock::time_point fetched_at = std::chrono::system_clock::now();
  const extract::ExtractRules* rules = nullptr;
  extract::Explanation* explain = nullptr;  // filled when non-null (--explain)
  extract::PageLinks* links = nullptr;      // filled when non-null (the crawler)
};

struct Limits {
  // Largest page after gunzip; 10 MB like the fetcher's cap.
  size_t max_decoded_bytes = 10u << 20;
};

// True when the bytes start with the gzip magic.
bool IsGzip(std::string_view bytes);

// Gunzips `bytes` into *out, failing with kTooLarge past `max_bytes` and
// kInvalidInput for a damaged stream.
Status Gunzip(std::string_view bytes, size_t max_bytes, std::string* out);

// True when the first bytes look like a document that is not HTML (PDF,
// PNG/JPEG/GIF/WebP, ZIP, a NUL-laden binary).
bool LooksBinary(std::string_view bytes);

// Joins the further pages of a split article into `first`: their bodies
// appended in order, a paragraph already seen (the repeated lead, a
// per-page footer) left out, images appended, next_pages cleared. Fields
// the first page lacks (date, source...) are taken from later pages.
void StitchPages(Article* first, const std::vector<Article>& rest);

// The most pages --follow-pages and the crawler join into one article.
inline constexpr size_t kMaxStitchedPages = 20;

class PageProcessor {
 public:
  explicit PageProcessor(Limits limits = {});
  ~PageProcessor();
  PageProcessor(const PageProcessor&) = delete;
  PageProcessor& operator=(const PageProcessor&) = delete;

  Result<Article> Process(const Page& page);

 private:
  Limits limits_;
  charset::Decoder decoder_;
};

}  // namespace gleaner::pipeline

#endif  // GLEANER_PIPELINE_H_
