// info_lines: the lines around the title, where pages print date, source,
// author and editor, and how the byline fields are settled from them.
// Inside src/extract only; the algorithm is in docs/internals/extraction.md.
#ifndef GLEANER_SRC_EXTRACT_INFO_LINES_H_
#define GLEANER_SRC_EXTRACT_INFO_LINES_H_

#include <string>
#include <string_view>
#include <vector>

#include "content.h"
#include "extract_internal.h"
#include "gleaner/article.h"
#include "gleaner/html.h"
#include "page_stats.h"

namespace gleaner::extract::internal {

// The visible text lines (one per block) from node `from` on, up to
// `max_chars` characters, stopping where running text (the article) starts.
std::vector<std::string> LinesAfter(const html::Document& doc, const PageStats& stats, html::NodeId from,
                                    size_t max_chars);

// The last few lines before the title heading, inside the block that holds
// the heading's own header (its grandparent): Xinhua prints date and source
// above the headline. Empty when the title has no node.
std::vector<std::string> LinesBefore(const html::Document& doc, const PageStats& stats, html::NodeId title);

// What the elements between the title and the body say by their markup
// rather than by a label: a link to a user profile or an element classed
// author/nickname (a blog's or a forum's poster), an element classed source
// (Sina's <a class="source">新华网</a>).
struct InfoElements {
  std::vector<std::string> authors;
  std::string source;
};
InfoElements FindInfoElements(const html::Document& doc, const PageStats& stats, html::NodeId from,
                              html::NodeId body_start);

// The outlet named without a label on a date line: "央视网 | 2025年03月14日
// 08:56". Only names shaped like an outlet (known ones, or ending in 网, 社,
// 报, 台, 新闻...) count.
std::string UnlabelledOutlet(const std::vector<std::string>& lines);

// Where source and authors came from, for --explain.
struct BylineSignals {
  std::string source, source_runner_up, authors;
};

struct BylineInputs {
  const std::vector<std::string>* info_lines = nullptr;  // under (or above) the title
  const Body* body = nullptr;
  const Metadata* meta = nullptr;
  const InfoElements* elements = nullptr;
  std::string_view page_url;
};

// Settles source, authors and editor (editor may stay empty; the caller
// then looks anywhere on the page with EditorAnywhere).
BylineSignals ApplyBylines(const BylineInputs& in, Article* article);

// 责任编辑 lines sit in article footers, which the body leaves out; one per
// page, so the first anywhere in the page is taken.
std::string EditorAnywhere(const html::Document& doc, const PageStats& stats);

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_INFO_LINES_H_
