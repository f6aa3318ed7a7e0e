// article_compare: field-by-field comparison of an extracted Article with a
// sample's expected one, with failure messages a person can act on: the
// field name, both values, and for the body the first paragraph that
// differs. Used by tests/pipeline/samples_test.cc and tests/e2e/.
// Header-only (e2e's binary is built from *_test.cc files alone).
#ifndef GLEANER_TESTS_E2E_ARTICLE_COMPARE_H_
#define GLEANER_TESTS_E2E_ARTICLE_COMPARE_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/article.h"

namespace gleaner::testing {

inline std::vector<std::string> SplitParagraphs(std::string_view body) {
  std::vector<std::string> paragraphs;
  if (body.empty()) return paragraphs;
  size_t start = 0;
  while (true) {
    size_t end = body.find("\n\n", start);
    paragraphs.emplace_back(body.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
  return paragraphs;
}

// Shows invisible characters that commonly differ: "\n", U+3000, NBSP.
inline std::string Visible(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      out += "\\n";
    } else if (text.substr(i, 3) == "\xE3\x80\x80") {
      out += "<U+3000>";
      i += 2;
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      out += "<NBSP>";
      i += 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

// "" when equal; else where the bodies part: paragraph counts, the index of
// the first differing paragraph, both versions of it and the byte at which
// they diverge.
inline std::string BodyDiff(std::string_view expected, std::string_view actual) {
  if (expected == actual) return "";
  std::vector<std::string> want = SplitParagraphs(expected);
  std::vector<std::string> got = SplitParagraphs(actual);
  std::ostringstream out;
  out << "body differs: expected " << want.size() << " paragraphs (" << expected.size()
      << " bytes), got " << got.size() << " (" << actual.size() << " bytes)\n";
  size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  if (i == want.size()) {
    out << "  all expected paragraphs match; first extra paragraph [" << i << "]:\n    "
        << Visible(got[i]) << "\n";
    return out.str();
  }
  if (i == got.size()) {
    out << "  output ends early; first missing paragraph [" << i << "]:\n    " << Visible(want[i])
        << "\n";
    return out.str();
  }
  size_t at = 0;
  while (at < want[i].size() && at < got[i].size() && want[i][at] == got[i][at]) ++at;
  out << "  first differing paragraph [" << i << "] (diverges at byte " << at << "):\n"
      << "    expected: " << Visible(want[i]) << "\n"
      << "    actual:   " << Visible(got[i]) << "\n";
  // Whether the expected paragraph exists elsewhere tells an ordering or
  // splitting problem from a missing/extra one.
  auto found = std::find(got.begin(), got.end(), want[i]);
  if (found != got.end()) {
    out << "  (the expected paragraph appears later, at [" << (found - got.begin())
        << "]: something extra came before it)\n";
  }
  return out.str();
}

inline std::string JoinList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", \"" : "\"") + items[i] + "\"";
  return out + "]";
}

inline std::string LinksText(const std::vector<Link>& links) {
  std::string out;
  for (const Link& link : links) out += "\n    " + link.title + "  <" + link.url + ">";
  return out.empty() ? " (none)" : out;
}

inline std::string ImagesText(const std::vector<Image>& images) {
  std::string out;
  for (const Image& image : images) out += "\n    " + image.url + "  caption=\"" + image.caption + "\"";
  return out.empty() ? " (none)" : out;
}

inline void ExpectSameTitleBodyEncoding(const Article& expected, const Article& actual,
                                        bool check_encoding_source = true) {
  EXPECT_EQ(actual.title, expected.title) << "field: title";
  std::string diff = BodyDiff(expected.body, actual.body);
  EXPECT_TRUE(diff.empty()) << diff;
  EXPECT_EQ(actual.encoding.name, expected.encoding.name) << "field: encoding.name";
  if (check_encoding_source) {
    EXPECT_EQ(actual.encoding.source, expected.encoding.source) << "field: encoding.source";
  }
  EXPECT_EQ(actual.encoding.replacements, expected.encoding.replacements)
      << "field: encoding.replacements";
}

// Every field of the JSON contract. `confidence` in an expected file is a
// minimum.
inline void ExpectSameArticle(const Article& expected, const Article& actual) {
  EXPECT_EQ(actual.input, expected.input) << "field: input";
  EXPECT_EQ(actual.url, expected.url) << "field: url";
  EXPECT_EQ(actual.canonical_url, expected.canonical_url) << "field: canonical_url";
  EXPECT_EQ(actual.published, expected.published) << "field: published";
  EXPECT_EQ(actual.modified, expected.modified) << "field: modified";
  EXPECT_EQ(actual.published_raw, expected.published_raw) << "field: published_raw";
  EXPECT_EQ(actual.authors, expected.authors)
      << "field: authors\n  expected " << JoinList(expected.authors) << "\n  actual   "
      << JoinList(actual.authors);
  EXPECT_EQ(actual.editor, expected.editor) << "field: editor";
  EXPECT_EQ(actual.source, expected.source) << "field: source";
  EXPECT_EQ(actual.lang, expected.lang) << "field: lang";
  bool same_images = actual.images.size() == expected.images.size() &&
                     std::equal(actual.images.begin(), actual.images.end(), expected.images.begin(),
                                [](const Image& a, const Image& b) {
                                  return a.url == b.url && a.caption == b.caption;
                                });
  EXPECT_TRUE(same_images) << "field: images\n  expected:" << ImagesText(expected.images)
                           << "\n  actual:" << ImagesText(actual.images);
  EXPECT_EQ(actual.tags, expected.tags)
      << "field: tags\n  expected " << JoinList(expected.tags) << "\n  actual   "
      << JoinList(actual.tags);
  bool same_related = actual.related.size() == expected.related.size() &&
                      std::equal(actual.related.begin(), actual.related.end(),
                                 expected.related.begin(), [](const Link& a, const Link& b) {
                                   return a.title == b.title && a.url == b.url;
                                 });
  EXPECT_TRUE(same_related) << "field: related\n  expected:" << LinksText(expected.related)
                            << "\n  actual:" << LinksText(actual.related);
  EXPECT_EQ(actual.next_pages, expected.next_pages)
      << "field: next_pages\n  expected " << JoinList(expected.next_pages) << "\n  actual   "
      << JoinList(actual.next_pages);
  EXPECT_GE(actual.confidence, expected.confidence) << "field: confidence (expected is a minimum)";
  ExpectSameTitleBodyEncoding(expected, actual);
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_E2E_ARTICLE_COMPARE_H_
