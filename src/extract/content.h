// content: the article body - which part of the page it is, and its text.
// Inside src/extract only. The algorithm is described in
// docs/internals/extraction.md.
#ifndef GLEANER_SRC_EXTRACT_CONTENT_H_
#define GLEANER_SRC_EXTRACT_CONTENT_H_

#include <string>
#include <string_view>
#include <vector>

#include "gleaner/article.h"
#include "gleaner/extract.h"
#include "gleaner/html.h"
#include "page_stats.h"

namespace gleaner::extract::internal {

struct BodyOptions {
  std::string_view title;       // a paragraph repeating it is not body text
  html::NodeId title_node = html::kNoNode;  // where the title was read, if on the page
  std::string_view page_url;    // resolves image URLs
  // The container a site rule chose; kNoNode lets scoring decide.
  html::NodeId forced_container = html::kNoNode;
  // When non-null, receives the best-scoring containers (for --explain).
  std::vector<Explanation::Candidate>* candidates = nullptr;
};

// "div#content.article-body": how --explain names an element.
std::string DescribeElement(const html::Document& doc, html::NodeId id);

struct Body {
  std::vector<std::string> paragraphs;
  // The same paragraphs with a space where one text node ends and the next
  // begins: "<span>责任编辑：王丽</span><span>校对：刘威</span>" reads as two
  // labels there. Only for the byline test; emptied once the body is filtered.
  std::vector<std::string> spaced;
  // Lines taken out of the body because they are bylines, source or editor
  // lines ("(来源:央视新闻)", "责任编辑：王五"), in page order; the byline
  // pass reads them.
  std::vector<std::string> byline_lines;
  std::vector<Image> images;
  std::vector<html::NodeId> containers;  // the elements the text came from
  double score = 0;       // the winning container's score
  uint32_t chars = 0;     // visible characters of the kept paragraphs
};

Body ExtractBody(const html::Document& doc, const PageStats& stats, const BodyOptions& options);

// Forum threads (first_post.cc): posts are repeated units with numbered
// ids (Discuz! div#post_1001, phpBB div#p123); comment lists are not.
struct ThreadPost {
  html::NodeId unit = html::kNoNode;   // the post holding the node asked about
  html::NodeId first = html::kNoNode;  // the thread's first post
};
// The post `inside` sits in, or {} when it is not in a thread's post.
ThreadPost FindThreadPost(const html::Document& doc, html::NodeId inside);
// `node` (inside post.unit) carried over to the first post: the element
// there of the same tag, class and id prefix; kNoNode when there is none.
html::NodeId InFirstPost(const html::Document& doc, const PageStats& stats, const ThreadPost& post,
                         html::NodeId node);

// Paragraphs joined by one blank line.
std::string JoinParagraphs(const std::vector<std::string>& paragraphs);

// Splits plain text (JSON-LD articleBody, embedded state) into paragraphs
// on line breaks, trimming and dropping empty lines.
std::vector<std::string> SplitParagraphs(std::string_view text);

// True when a whole paragraph is page furniture rather than article text:
// image placeholders (图片), share bars, "以上就是本篇文章…" tails,
// copyright and disclaimer lines, "Advertisement", "Read more".
bool IsBoilerplateParagraph(std::string_view paragraph);

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_CONTENT_H_
