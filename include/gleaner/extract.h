// extract: an article out of a parsed page.
// Does:    metadata (JSON-LD, OpenGraph and article:* meta, common meta
//          names, <time>, visible date/byline/source lines in Chinese and
//          English, the URL), title cleaning, main-content scoring with
//          boilerplate removal, related-article lists, next pages of split
//          articles, a confidence. Site rules override any field.
// Owns:    nothing; Extract is a pure function of its inputs.
// Borrows: the Document during Extract only.
// Threads: thread-safe.
// Errors:  none; a page that is not an article gives an Article with what
//          could be found and a low confidence.
// Touches: no files, no network, no globals.
#ifndef GLEANER_EXTRACT_H_
#define GLEANER_EXTRACT_H_

#include <chrono>
#include <string>
#include <vector>

#include "gleaner/article.h"
#include "gleaner/html.h"

namespace gleaner::extract {

// CSS selectors from a site's rules file ([extract] in selectors/*.toml).
// Each non-empty one overrides the generic guess for its field.
struct ExtractRules {
  std::string title;
  std::string date;
  std::string body;
  std::string source;
  std::string author;
  std::string related;            // selects <a> elements (or their containers)
  std::vector<std::string> drop;  // removed before the body is scored
  std::string timezone;           // "+08:00"; offset for dates without one
};

// Why each field came out as it did (`gleaner extract --explain`).
struct Explanation {
  struct Choice {
    std::string field;      // "title", "published", "source", ...
    std::string value;
    std::string signal;     // what produced it: "json-ld headline", "h1", "info line", ...
    std::string runner_up;  // the best value not taken, with its signal, or ""
  };
  struct Candidate {
    std::string element;  // "div#content.article-body"
    double score = 0;     // final score (higher wins)
    uint32_t chars = 0;   // visible characters below it
    double link_density = 0;
  };
  std::vector<Choice> choices;
  std::vector<Candidate> body_candidates;  // best first, at most 5
  std::vector<std::string> body_containers;  // the elements the body was read from
};

// The page's outgoing links, for a crawler (not part of the Article).
struct PageLinks {
  std::vector<std::string> links;  // every <a href>, absolute http(s), in page order, once each
  std::vector<std::string> feeds;  // RSS/Atom feeds the page announces
};

struct Context {
  std::string url;  // the page's address; may be empty (stdin without --url)
  // When the page was fetched: relative dates (3小时前) resolve against it,
  // and year-less dates must not land after it.
  std::chrono::system_clock::time_point fetched_at = std::chrono::system_clock::now();
  const ExtractRules* rules = nullptr;  // may be null
  Explanation* explain = nullptr;       // filled when non-null
  PageLinks* links = nullptr;           // filled when non-null
};

// Extracts every Article field except `input` and `encoding` (the caller's
// knowledge). Never fails.
Article Extract(const html::Document& doc, const Context& context);

}  // namespace gleaner::extract

#endif  // GLEANER_EXTRACT_H_
