// article: the Article value type every stage after extraction passes on,
// and its JSON form (the field names are a contract, documented in README).
// Does:    Article <-> JSON object (one line, UTF-8, no trailing newline).
// Owns:    nothing beyond its strings.
// Threads: plain values; functions are thread-safe.
// Errors:  ArticleFromJson fails with kInvalidInput naming the bad field.
// Touches: no files, no network.
#ifndef GLEANER_ARTICLE_H_
#define GLEANER_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/result.h"

namespace gleaner {

struct Image {
  std::string url;      // absolute
  std::string caption;  // may be empty
};

struct Link {
  std::string title;
  std::string url;  // absolute
};

// How the page's bytes became UTF-8.
struct EncodingInfo {
  std::string name;    // canonical WHATWG name: "UTF-8", "GB18030", "Big5", ...
  std::string source;  // bom | http | meta | detected | override | default
  int64_t replacements = 0;  // U+FFFD produced by conversion
};

// Fields the store adds when an article comes out of it (issue 3).
struct StoredInfo {
  int64_t id = 0;
  int64_t first_seen = 0;  // epoch seconds
  int64_t last_seen = 0;
  int64_t version = 1;
  std::optional<int64_t> duplicate_of;
};

// One extracted article. Strings that are empty serialise as JSON null
// (except `input`, `url` and `body`, which are always strings).
struct Article {
  std::string input;          // the path or URL as the user gave it
  std::string url;            // final URL after redirects, or --url
  std::string canonical_url;  // <link rel=canonical>, og:url, else empty

  std::string title;
  std::string published;      // ISO 8601: "2025-03-14T08:56:00+08:00" or "2025-03-14"
  std::string modified;       // same form
  std::string published_raw;  // the text the published date came from

  std::vector<std::string> authors;
  std::string editor;  // 责任编辑 / 编辑
  std::string source;  // the original outlet the page names (来源：新华社 -> 新华社)

  std::string body;  // plain text, paragraphs separated by "\n\n"
  std::string lang;  // BCP 47 primary tag ("zh", "en", "zh-TW"), empty if unknown
  std::vector<Image> images;
  std::vector<std::string> tags;

  std::vector<Link> related;            // other articles the page lists
  std::vector<std::string> next_pages;  // further pages of a split article

  EncodingInfo encoding;
  double confidence = 0;  // 0..1 that this is an article and the body is right

  std::optional<StoredInfo> stored;  // set only for articles read from a store
};

// Every field name of the JSON object, in output order.
const std::vector<std::string_view>& ArticleFieldNames();

// Options for ArticleToJson.
struct JsonOptions {
  // Emit only these top-level fields, in this order; empty = all fields.
  std::vector<std::string> fields;
  // Pretty-print with two-space indent (for one object on a terminal).
  bool pretty = false;
};

// The article as one JSON object. Invalid UTF-8 is replaced, never thrown.
std::string ArticleToJson(const Article& article, const JsonOptions& options = {});

// Parses the JSON form back (samples' expected files, export round trips).
Result<Article> ArticleFromJson(std::string_view json);

}  // namespace gleaner

#endif  // GLEANER_ARTICLE_H_
