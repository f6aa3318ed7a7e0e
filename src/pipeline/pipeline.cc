#include "gleaner/pipeline.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_set>

#include "gleaner/html.h"

namespace gleaner::pipeline {
namespace {

// inflateEnd on scope exit; z_stream is a struct, not a pointer.
class Inflater {
 public:
  Inflater() { ok_ = inflateInit2(&zs_, 15 + 32) == Z_OK; }  // +32: gzip or zlib header
  ~Inflater() {
    if (ok_) inflateEnd(&zs_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream* get() { return &zs_; }

 private:
  z_stream zs_{};
  bool ok_ = false;
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

}  // namespace

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Status Gunzip(std::string_view bytes, size_t max_bytes, std::string* out) {
  Inflater inflater;
  if (!inflater.ok()) return MakeError(Code::kInternal, "gunzip: zlib failed to initialise");
  z_stream* zs = inflater.get();
  zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs->avail_in = static_cast<uInt>(bytes.size());
  out->clear();
  char chunk[64 * 1024];
  for (;;) {
    zs->next_out = reinterpret_cast<Bytef*>(chunk);
    zs->avail_out = sizeof chunk;
    int rc = inflate(zs, Z_NO_FLUSH);
    size_t produced = sizeof chunk - zs->avail_out;
    // The cap is checked per chunk, so a gzip bomb stops after 64 KB past it.
    if (out->size() + produced > max_bytes) {
      return MakeError(Code::kTooLarge, "gunzip: decompressed page exceeds " +
                                            std::to_string(max_bytes) + " bytes");
    }
    out->append(chunk, produced);
    if (rc == Z_STREAM_END) return Status::Ok();
    if (rc == Z_BUF_ERROR && zs->avail_in == 0) {
      return MakeError(Code::kInvalidInput, "gunzip: the gzip stream is truncated");
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return MakeError(Code::kInvalidInput,
                       std::string("gunzip: damaged gzip stream: ") + (zs->msg ? zs->msg : "?"));
    }
  }
}

bool LooksBinary(std::string_view bytes) {
  static constexpr std::string_view kMagics[] = {
      "%PDF-", "\x89PNG", "GIF87a", "GIF89a", "\xFF\xD8\xFF", "PK\x03\x04",
      "\x7F" "ELF", "RIFF", "OggS", "\x1A\x45\xDF\xA3", "wOFF", "wOF2",
  };
  for (std::string_view magic : kMagics) {
    if (StartsWith(bytes, magic)) return true;
  }
  // Control bytes are absent from text in every encoding we read (UTF-16
  // aside, which starts with its BOM); binary formats are full of them.
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) return false;
  std::string_view head = bytes.substr(0, 4096);
  size_t controls = 0;
  for (char c : head) {
    unsigned char b = static_cast<unsigned char>(c);
    bool text_control = b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x1B;  // 0x1B: ISO-2022
    controls += (b < 0x20 && !text_control) || b == 0x7F;
  }
  return controls > head.size() / 50 + 1;
}

namespace {

std::vector<std::string> SplitBody(const std::string& body) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    if (end > start) out.push_back(body.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

}  // namespace

void StitchPages(Article* first, const std::vector<Article>& rest) {
  std::vector<std::string> paragraphs = SplitBody(first->body);
  std::unordered_set<std::string> seen(paragraphs.begin(), paragraphs.end());
  for (const Article& page : rest) {
    for (std::string& p : SplitBody(page.body)) {
      if (seen.insert(p).second) paragraphs.push_back(std::move(p));
    }
    for (const Image& image : page.images) {
      bool known = std::any_of(first->images.begin(), first->images.end(),
                               [&](const Image& i) { return i.url == image.url; });
      if (!known) first->images.push_back(image);
    }
    if (first->published.empty()) {
      first->published = page.published;
      first->published_raw = page.published_raw;
    }
    if (first->source.empty()) first->source = page.source;
    if (first->authors.empty()) first->authors = page.authors;
    if (first->editor.empty()) first->editor = page.editor;
    if (first->related.empty()) first->related = page.related;
  }
  std::string body;
  for (const std::string& p : paragraphs) {
    if (!body.empty()) body += "\n\n";
    body += p;
  }
  first->body = std::move(body);
  first->next_pages.clear();
}

PageProcessor::PageProcessor(Limits limits) : limits_(limits) {}
PageProcessor::~PageProcessor() = default;

Result<Article> PageProcessor::Process(const Page& page) {
  std::string_view bytes = page.bytes;
  std::string gunzipped;
  if (IsGzip(bytes)) {
    GLEANER_TRY(Gunzip(bytes, limits_.max_decoded_bytes, &gunzipped));
    bytes = gunzipped;
  }
  if (LooksBinary(bytes)) {
    return MakeError(Code::kNotHtml, "the content is binary (not an HTML page)");
  }
  charset::Hints hints;
  hints.http_charset = page.http_charset;
  hints.override_label = page.encoding_override;
  charset::DecodedText text = decoder_.Decode(bytes, hints);

  html::Document doc = html::Document::Parse(text.utf8);
  extract::Context context;
  context.url = page.url;
  context.fetched_at = page.fetched_at;
  context.rules = page.rules;
  context.explain = page.explain;
  context.links = page.links;
  Article article = extract::Extract(doc, context);
  article.input = page.input;
  if (article.url.empty()) article.url = page.url;
  article.encoding.name = text.encoding;
  article.encoding.source = std::string(charset::SourceName(text.source));
  article.encoding.replacements = text.replacements;
  // Text that needed many U+FFFD is not a readable article, whatever its
  // shape: random bytes, a binary format we do not know, a wrong override.
  double replaced_share = static_cast<double>(text.replacements) / std::max<size_t>(text.utf8.size() / 3, 1);
  article.confidence *= std::max(0.0, 1.0 - 20 * replaced_share);
  return article;
}

}  // namespace gleaner::pipeline
