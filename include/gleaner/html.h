// html: a parsed HTML page as a compact, read-only tree.
// Does:    a spec-correct pre-scan lifts the bodies of <script>, <style> and
//          comments out of the input (keeping every script's raw text on the
//          side, for JSON-LD and embedded article state), Gumbo parses the
//          rest, and the Gumbo tree is copied into flat arrays: nodes, tags,
//          attributes and text in one arena. Gumbo's output is freed before
//          Parse returns. A CSS-selector subset for site rules.
// Owns:    Document owns all nodes, attribute and text storage.
// Borrows: nothing after Parse() returns (the input is copied as needed).
// Threads: a Document is immutable after Parse and may be shared.
// Errors:  Parse never fails: any bytes give a tree (html5 error recovery;
//          tags nested past 512 deep are dropped, as are attributes past
//          128 on one tag; a page that makes Gumbo's memory explode is
//          parsed again with <b>, <i>, <font>... read as <span>).
//          Selector::Parse fails with kInvalidInput naming the selector.
// Touches: no files, no network, no globals.
#ifndef GLEANER_HTML_H_
#define GLEANER_HTML_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/result.h"

namespace gleaner::html {

// Element tags the extractor reasons about; anything else is kOther and
// keeps its lower-case name (Document::tag_name).
enum class Tag : uint16_t {
  kOther = 0,
  kHtml, kHead, kBody, kTitle, kMeta, kLink, kBase, kScript, kStyle,
  kNoscript, kTemplate,
  kA, kP, kDiv, kSpan, kSection, kArticle, kMain, kHeader, kFooter, kNav,
  kAside, kH1, kH2, kH3, kH4, kH5, kH6, kHgroup,
  kUl, kOl, kLi, kDl, kDt, kDd, kMenu,
  kTable, kCaption, kThead, kTbody, kTfoot, kTr, kTd, kTh, kColgroup, kCol,
  kImg, kFigure, kFigcaption, kPicture, kSource, kVideo, kAudio, kIframe,
  kEmbed, kObject, kCanvas, kSvg, kMath, kMap, kArea,
  kForm, kInput, kButton, kSelect, kOption, kTextarea, kLabel, kFieldset,
  kLegend,
  kBr, kHr, kWbr, kPre, kCode, kBlockquote, kQ, kCite, kAddress,
  kEm, kStrong, kB, kI, kU, kS, kSmall, kBig, kSup, kSub, kMark, kAbbr,
  kTime, kFont, kCenter, kDel, kIns, kStrike, kTt, kKbd, kSamp, kVar, kDfn,
  kDetails, kSummary, kDialog, kNobr,
  kCount  // number of tags; not a tag
};

// Lower-case name of a known tag ("div"); "" for kOther.
std::string_view TagName(Tag tag);

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = 0xFFFFFFFFu;

enum class NodeType : uint8_t { kDocument, kElement, kText };

struct Attribute {
  std::string_view name;   // lower case
  std::string_view value;  // entities decoded
};

// A script lifted out by the pre-scan. `text` is the raw script body (no
// entity decoding, as the HTML spec reads it); the element stays in the
// tree, empty, at `node`.
struct Script {
  NodeId node = kNoNode;
  std::string_view type;  // the type attribute, lower case, or ""
  std::string_view id;    // the id attribute, or ""
  std::string_view src;   // the src attribute, or ""
  std::string_view text;
};

// One node as stored. Ids index Document::nodes(); kNoNode ends a chain.
struct Node {
  NodeType type = NodeType::kElement;
  Tag tag = Tag::kOther;
  NodeId parent = kNoNode;
  NodeId first_child = kNoNode;
  NodeId last_child = kNoNode;
  NodeId next_sibling = kNoNode;
  NodeId prev_sibling = kNoNode;
  uint32_t depth = 0;        // root is 0
  uint32_t attr_begin = 0;   // index into Document's attribute array
  uint32_t attr_count = 0;
  uint32_t text_begin = 0;   // text nodes: text; kOther elements: tag name
  uint32_t text_size = 0;
};

struct ParseOptions {
  // Keep Gumbo (~40 ns a byte) off what it need not read: the pre-scan
  // lifts out <script>/<style> bodies and comments, long attribute values
  // (put back decoded, byte for byte as Gumbo would) and whitespace runs
  // between tags, and caps nesting at 512 open elements and attributes at
  // 128 per tag (Gumbo is quadratic in both). ~3.7x faster than plain Gumbo
  // on news pages. Off only to compare against plain Gumbo: then nothing is
  // capped, and hostile pages can take minutes.
  bool prescan = true;
  // Inputs beyond this are truncated (at a UTF-8 boundary) before parsing:
  // a best-effort tree of the first bytes instead of minutes of work. 32 MB.
  size_t max_input_bytes = 32u << 20;
};

class Document {
 public:
  // Parses UTF-8 HTML. Never fails. Views handed out by the Document stay
  // valid while it lives (moves keep them valid).
  static Document Parse(std::string_view utf8_html, const ParseOptions& options = {});

  Document(Document&&) noexcept = default;
  Document& operator=(Document&&) noexcept = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  NodeId root() const { return 0; }  // the document node
  // Ids are in document order (pre-order): the subtree of `id` is the id
  // range [id, SubtreeEnd(id)).
  NodeId SubtreeEnd(NodeId id) const;
  size_t size() const { return nodes_.size(); }
  const Node& node(NodeId id) const { return nodes_[id]; }
  const std::vector<Node>& nodes() const { return nodes_; }

  // Element helpers; kNoNode when absent. <html>, <head>, <body>.
  NodeId html() const { return html_; }
  NodeId head() const { return head_; }
  NodeId body() const { return body_; }

  bool IsElement(NodeId id, Tag tag) const {
    return nodes_[id].type == NodeType::kElement && nodes_[id].tag == tag;
  }
  // The element's lower-case tag name, known or not.
  std::string_view tag_name(NodeId id) const;
  // A text node's text (entities decoded, whitespace as in the source,
  // except that the pre-scan shortens whitespace-only runs between tags
  // outside <pre> to one character).
  std::string_view text(NodeId id) const;
  std::span<const Attribute> attributes(NodeId id) const;
  // The value of attribute `name` (lower case), or "" when absent.
  std::string_view attr(NodeId id, std::string_view name) const;
  bool has_attr(NodeId id, std::string_view name) const;
  // True when the class attribute holds `cls` as a whole word.
  bool HasClass(NodeId id, std::string_view cls) const;

  // All text below `id`, whitespace runs (incl. U+3000, U+00A0) collapsed to
  // one space and trimmed; <br> and block boundaries count as spaces. The
  // contents of <script>, <style> and <template> below `id` are skipped.
  std::string TextContent(NodeId id) const;

  // Every script the pre-scan lifted, in document order.
  const std::vector<Script>& scripts() const { return scripts_; }

 private:
  Document() = default;
  friend class Builder;

  std::vector<Node> nodes_;
  std::vector<Attribute> attrs_;
  std::vector<Script> scripts_;
  std::string arena_;        // text, names and values referenced by views
  std::string script_text_;  // raw script bodies referenced by scripts_
  NodeId html_ = kNoNode, head_ = kNoNode, body_ = kNoNode;
};

// A compiled CSS selector, the subset site rules need: type, .class, #id,
// [attr], [attr=v], [attr~=v], [attr^=v], [attr$=v], [attr*=v], [attr|=v]
// (with an optional " i" flag), `*`, compound selectors, descendant (space)
// and child (>) combinators, :first-child, :last-child, :only-child,
// :nth-child(an+b | odd | even), :not(compound), and groups (a, b). At most
// 4096 bytes and 32 compounds per chain; matching costs at most
// O(compounds x depth) per element, whatever the selector.
class Selector {
 public:
  static Result<Selector> Parse(std::string_view css);
  const std::string& text() const { return text_; }

  // True when element `id` of `doc` matches.
  bool Matches(const Document& doc, NodeId id) const;
  // Every matching element below (and including) `scope`, in document order.
  std::vector<NodeId> SelectAll(const Document& doc, NodeId scope = 0) const;
  // The first match in document order, or kNoNode.
  NodeId SelectFirst(const Document& doc, NodeId scope = 0) const;

  struct Compound;  // defined in the implementation
  ~Selector();
  Selector(Selector&&) noexcept;
  Selector& operator=(Selector&&) noexcept;

 private:
  Selector() = default;
  std::string text_;
  // Each group is a chain of compounds joined by combinators.
  std::vector<std::vector<Compound>> groups_;
};

// The Gumbo gleaner was built against, for `gleaner --version`: "Gumbo
// 0.10.1". Gumbo has no run-time version call, so this is pkg-config's
// version captured at build time.
std::string LibraryVersion();

}  // namespace gleaner::html

#endif  // GLEANER_HTML_H_
