// page_stats: one pass over the tree that every later extractor pass reads.
// Inside src/extract only.
//
// For each node: whether it is visible content at all (kSkip), whether its
// class/id/role says boilerplate or content, and the visible text counts of
// its subtree (chars, chars inside links, punctuation). Node ids are in
// document (pre-)order, so a parent's id is below its children's: the
// counts are summed in one reverse sweep with no recursion or stack.
#ifndef GLEANER_SRC_EXTRACT_PAGE_STATS_H_
#define GLEANER_SRC_EXTRACT_PAGE_STATS_H_

#include <cstdint>
#include <vector>

#include "gleaner/html.h"

namespace gleaner::extract::internal {

enum NodeFlag : uint8_t {
  kSkip = 1,         // not visible content (script, nav, hidden...) nor inside one
  kBoilerplate = 2,  // class/id/role names site chrome (share, comment, sidebar...)
  kPositive = 4,     // class/id names article content (article, content, artibody...)
  kInLink = 8,       // inside an <a href>
  kBlock = 16,       // a block-level element: a paragraph boundary
  kHeadingLike = 32, // h1-h6, or a short element whose class says title/heading
};

struct NodeInfo {
  uint32_t chars = 0;       // visible non-space code points in the subtree
  uint32_t link_chars = 0;  // of which inside links
  uint32_t punct = 0;       // punctuation in the subtree
  uint32_t cjk = 0;         // CJK characters in the subtree
  uint32_t own_chars = 0;   // text owned as a paragraph: this block's direct and inline text
  uint32_t own_link_chars = 0;
  uint32_t own_punct = 0;
  uint32_t paragraphs = 0;  // paragraph blocks in the subtree
  float score = 0;          // content score gathered from paragraphs below (fading with depth)
  float mass = 0;           // paragraph scores of the whole subtree, not fading
  int8_t class_weight = 0;  // -1 boilerplate, +1 content, 0 neutral
  uint8_t flags = 0;
  html::NodeId block = html::kNoNode;  // nearest block ancestor (for text: owner)
};

class PageStats {
 public:
  // `dropped` lists elements removed by site rules: they and their subtrees
  // count as skipped.
  explicit PageStats(const html::Document& doc, const std::vector<html::NodeId>& dropped = {});

  const NodeInfo& operator[](html::NodeId id) const { return info_[id]; }
  bool Has(html::NodeId id, NodeFlag flag) const { return (info_[id].flags & flag) != 0; }
  double LinkDensity(html::NodeId id) const {
    const NodeInfo& n = info_[id];
    return n.chars == 0 ? 0.0 : static_cast<double>(n.link_chars) / n.chars;
  }
  // Total visible chars of the page body.
  uint32_t page_chars() const { return page_chars_; }
  // Elements the page has beyond <html>, <head> and <body>.
  uint32_t element_count() const { return element_count_; }

 private:
  void ClassifyElements(const html::Document& doc, const std::vector<html::NodeId>& dropped);
  void CountTextNodes(const html::Document& doc);
  void ScoreParagraphs(const html::Document& doc);

  std::vector<NodeInfo> info_;
  uint32_t page_chars_ = 0;
  uint32_t element_count_ = 0;
};

// True for tags that never hold article text (script, nav, form controls...).
bool IsNonContentTag(html::Tag tag);
// True for tags that start a new paragraph in rendered text.
bool IsBlockTag(html::Tag tag);

// -1 when a class/id/role string names boilerplate, +1 content, 0 neither.
int ClassWeight(std::string_view class_and_id);

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_PAGE_STATS_H_
