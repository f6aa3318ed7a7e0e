// Document::Parse: pre-scan, Gumbo, and the copy of Gumbo's tree into the
// Document's flat arrays.
#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

#include "html_internal.h"

namespace gleaner::html {

namespace {

// Gumbo keeps offsets in unsigned int.
constexpr size_t kGumboMaxBytes = 0xFFFFFFF0u;

void AppendLower(std::string* out, std::string_view s) {
  size_t at = out->size();
  out->append(s);
  for (size_t i = at; i < out->size(); ++i) {
    char& c = (*out)[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
}

}  // namespace

// Copies a Gumbo tree into a Document. Node ids are handed out in
// pre-order, so ids are in document order and every subtree is a
// contiguous id range.
class Builder {
 public:
  // `input` is what the pre-scan read (lifted attribute values point into
  // it); `buffer` is what Gumbo parsed.
  Builder(Document* doc, std::string_view input, std::string_view buffer)
      : doc_(doc), input_(input), buffer_(buffer) {}

  // Copies the tree under `root`; `pre` (nullptr without the pre-scan)
  // supplies the lifted scripts, which are mapped to their elements.
  void Build(const GumboNode* root, internal::PrescanOutput* pre, size_t node_hint);

 private:
  struct RawAttr {
    uint32_t name_begin, name_size, value_begin, value_size;
  };
  struct Frame {
    const GumboNode* node;
    NodeId parent;
    uint32_t depth;
  };

  NodeId Append(const Node& node);
  bool MergeText(NodeId parent, std::string_view text);
  void CopyElement(const GumboElement& e, Node* node);
  bool RestoreLifted(const GumboAttribute& a);
  void SetTagName(const GumboElement& e, Node* node);
  void NoteElement(const GumboElement& e, NodeId id, NodeId parent);
  uint32_t Store(std::string_view s);
  void FinishAttributes();
  void FinishLiftedScripts(internal::PrescanOutput* pre);
  void FinishTreeScripts();

  Document* doc_;
  std::string_view input_;
  std::string_view buffer_;  // what Gumbo parsed; original_tag points into it
  const internal::PrescanOutput* pre_ = nullptr;
  std::vector<RawAttr> raw_attrs_;
  std::vector<NodeId> script_nodes_;  // per lifted script, or tree scripts
  std::vector<uint32_t> gumbo_name_;  // arena offset + 1 of known tag names
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> other_names_;
};

uint32_t Builder::Store(std::string_view s) {
  uint32_t at = static_cast<uint32_t>(doc_->arena_.size());
  doc_->arena_.append(s);
  return at;
}

NodeId Builder::Append(const Node& node) {
  NodeId id = static_cast<NodeId>(doc_->nodes_.size());
  doc_->nodes_.push_back(node);
  if (node.parent == kNoNode) return id;
  Node& parent = doc_->nodes_[node.parent];
  Node& self = doc_->nodes_[id];
  self.prev_sibling = parent.last_child;
  if (parent.last_child == kNoNode) {
    parent.first_child = id;
  } else {
    doc_->nodes_[parent.last_child].next_sibling = id;
  }
  parent.last_child = id;
  return id;
}

// Text split only by a dropped comment becomes one node, as it is with the
// pre-scan (which removes the comment before Gumbo sees it).
bool Builder::MergeText(NodeId parent, std::string_view text) {
  if (parent == kNoNode) return false;
  NodeId last = doc_->nodes_[parent].last_child;
  if (last == kNoNode) return false;
  Node& prev = doc_->nodes_[last];
  if (prev.type != NodeType::kText ||
      prev.text_begin + prev.text_size != doc_->arena_.size()) {
    return false;
  }
  doc_->arena_.append(text);
  prev.text_size += static_cast<uint32_t>(text.size());
  return true;
}

void Builder::SetTagName(const GumboElement& e, Node* node) {
  if (e.tag != GUMBO_TAG_UNKNOWN) {
    uint32_t& slot = gumbo_name_[e.tag];
    const char* name = gumbo_normalized_tagname(e.tag);
    if (slot == 0) slot = Store(name) + 1;
    node->text_begin = slot - 1;
    node->text_size = static_cast<uint32_t>(std::strlen(name));
    return;
  }
  GumboStringPiece piece = e.original_tag;
  if (piece.data != nullptr) gumbo_tag_from_original_text(&piece);
  std::string lower;
  if (piece.data != nullptr) AppendLower(&lower, std::string_view(piece.data, piece.length));
  node->tag = internal::TagFromName(lower);  // tags Gumbo 0.10.1 does not know
  if (node->tag != Tag::kOther) return;
  auto [it, inserted] = other_names_.try_emplace(lower);
  if (inserted) it->second = {Store(lower), static_cast<uint32_t>(lower.size())};
  node->text_begin = it->second.first;
  node->text_size = it->second.second;
}

void Builder::CopyElement(const GumboElement& e, Node* node) {
  node->type = NodeType::kElement;
  node->tag = internal::TagFromGumbo(e.tag);
  if (node->tag == Tag::kOther) SetTagName(e, node);
  node->attr_begin = static_cast<uint32_t>(raw_attrs_.size());
  node->attr_count = e.attributes.length;
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    RawAttr raw;
    raw.name_begin = static_cast<uint32_t>(doc_->arena_.size());
    // HTML names are lower case already; SVG ones ("viewBox") are not.
    AppendLower(&doc_->arena_, a->name);
    raw.name_size = static_cast<uint32_t>(doc_->arena_.size() - raw.name_begin);
    raw.value_begin = static_cast<uint32_t>(doc_->arena_.size());
    if (!RestoreLifted(*a)) doc_->arena_.append(a->value);
    raw.value_size = static_cast<uint32_t>(doc_->arena_.size() - raw.value_begin);
    raw_attrs_.push_back(raw);
  }
}

// A lifted value arrives as the placeholder U+FFFD; its value token's
// offset identifies it. Appends the decoded value and returns true.
bool Builder::RestoreLifted(const GumboAttribute& a) {
  if (pre_ == nullptr || pre_->attrs.empty() || std::strcmp(a.value, "\xEF\xBF\xBD") != 0) {
    return false;
  }
  const char* at = a.original_value.data;
  if (at == nullptr || at < buffer_.data() || at >= buffer_.data() + buffer_.size()) return false;
  uint32_t offset = static_cast<uint32_t>(at - buffer_.data());
  const auto& lifted = pre_->attrs;
  auto it = std::lower_bound(lifted.begin(), lifted.end(), offset,
                             [](const internal::LiftedAttr& l, uint32_t off) {
                               return l.value_offset < off;
                             });
  if (it == lifted.end() || it->value_offset != offset) return false;
  size_t mark = doc_->arena_.size();
  if (internal::DecodeAttrValue(input_.substr(it->raw_begin, it->raw_size), &doc_->arena_)) {
    return true;
  }
  doc_->arena_.resize(mark);  // cannot happen: the pre-scan checked the value
  return false;
}

// Remembers <html>, <head>, <body> and maps scripts to their nodes.
void Builder::NoteElement(const GumboElement& e, NodeId id, NodeId parent) {
  Document& d = *doc_;
  if (e.tag == GUMBO_TAG_HTML && parent == d.root() && d.html_ == kNoNode) d.html_ = id;
  if (parent != kNoNode && parent == d.html_) {
    if (e.tag == GUMBO_TAG_HEAD && d.head_ == kNoNode) d.head_ = id;
    if (e.tag == GUMBO_TAG_BODY && d.body_ == kNoNode) d.body_ = id;
  }
  if (e.tag != GUMBO_TAG_SCRIPT || e.tag_namespace != GUMBO_NAMESPACE_HTML) return;
  if (pre_ == nullptr) {
    script_nodes_.push_back(id);
    return;
  }
  // Match by where the start tag sits in the buffer: robust against the
  // tree builder moving elements (foster parenting, after </body>).
  const char* at = e.original_tag.data;
  if (at == nullptr || at < buffer_.data() || at >= buffer_.data() + buffer_.size()) return;
  size_t offset = static_cast<size_t>(at - buffer_.data());
  const auto& scripts = pre_->scripts;
  auto it = std::lower_bound(scripts.begin(), scripts.end(), offset,
                             [](const internal::LiftedScript& s, size_t off) {
                               return s.tag_offset < off;
                             });
  if (it != scripts.end() && it->tag_offset == offset) {
    script_nodes_[static_cast<size_t>(it - scripts.begin())] = id;
  }
}

void Builder::Build(const GumboNode* root, internal::PrescanOutput* pre, size_t node_hint) {
  pre_ = pre;
  gumbo_name_.assign(GUMBO_TAG_LAST + 1, 0);
  if (pre != nullptr) script_nodes_.assign(pre->scripts.size(), kNoNode);
  doc_->nodes_.reserve(node_hint);
  raw_attrs_.reserve(node_hint);
  doc_->arena_.reserve(std::max<size_t>(32, buffer_.size() / 2));  // >15: never SSO

  std::vector<Frame> stack;
  stack.push_back({root, kNoNode, 0});
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const GumboNode* g = f.node;
    Node node;
    node.parent = f.parent;
    node.depth = f.depth;
    const GumboVector* children = nullptr;
    switch (g->type) {
      case GUMBO_NODE_DOCUMENT:
        node.type = NodeType::kDocument;
        children = &g->v.document.children;
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        CopyElement(g->v.element, &node);
        children = &g->v.element.children;
        break;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        std::string_view text(g->v.text.text);
        if (MergeText(f.parent, text)) continue;
        node.type = NodeType::kText;
        node.text_begin = Store(text);
        node.text_size = static_cast<uint32_t>(text.size());
        break;
      }
      case GUMBO_NODE_COMMENT:
        continue;
    }
    NodeId id = Append(node);
    if (node.type == NodeType::kElement) NoteElement(g->v.element, id, f.parent);
    if (children == nullptr) continue;
    for (unsigned i = children->length; i-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(children->data[i]), id, f.depth + 1});
    }
  }
  FinishAttributes();
  if (pre != nullptr) {
    FinishLiftedScripts(pre);
  } else {
    FinishTreeScripts();
  }
}

// The arena has stopped growing: views into it are stable from here on.
void Builder::FinishAttributes() {
  const char* base = doc_->arena_.data();
  doc_->attrs_.reserve(raw_attrs_.size());
  for (const RawAttr& r : raw_attrs_) {
    doc_->attrs_.push_back({std::string_view(base + r.name_begin, r.name_size),
                            std::string_view(base + r.value_begin, r.value_size)});
  }
}

void Builder::FinishLiftedScripts(internal::PrescanOutput* pre) {
  Document& d = *doc_;
  d.script_text_ = std::move(pre->script_text);
  // type is lower-cased into script_text_; all views are made after it
  // stops growing. Mapped scripts take decoded values from their element.
  std::vector<std::pair<uint32_t, uint32_t>> types(pre->scripts.size());
  for (size_t i = 0; i < pre->scripts.size(); ++i) {
    const internal::LiftedScript& s = pre->scripts[i];
    std::string_view type = script_nodes_[i] != kNoNode
                                ? d.attr(script_nodes_[i], "type")
                                : std::string_view(d.script_text_).substr(s.type_begin, s.type_size);
    std::string lower;
    AppendLower(&lower, type);
    types[i] = {static_cast<uint32_t>(d.script_text_.size()), static_cast<uint32_t>(lower.size())};
    d.script_text_.append(lower);
  }
  if (d.script_text_.capacity() < 32) d.script_text_.reserve(32);  // never SSO
  std::string_view text = d.script_text_;
  d.scripts_.reserve(pre->scripts.size());
  for (size_t i = 0; i < pre->scripts.size(); ++i) {
    const internal::LiftedScript& s = pre->scripts[i];
    Script out;
    out.node = script_nodes_[i];
    out.type = text.substr(types[i].first, types[i].second);
    if (out.node != kNoNode) {
      out.id = d.attr(out.node, "id");
      out.src = d.attr(out.node, "src");
    } else {
      out.id = text.substr(s.id_begin, s.id_size);
      out.src = text.substr(s.src_begin, s.src_size);
    }
    out.text = text.substr(s.text_begin, s.text_size);
    d.scripts_.push_back(out);
  }
}

// Without the pre-scan the script bodies are text nodes in the tree.
void Builder::FinishTreeScripts() {
  Document& d = *doc_;
  std::vector<std::array<uint32_t, 4>> spans;  // text begin/size, type begin/size
  for (NodeId id : script_nodes_) {
    uint32_t begin = static_cast<uint32_t>(d.script_text_.size());
    for (NodeId c = d.nodes_[id].first_child; c != kNoNode; c = d.nodes_[c].next_sibling) {
      d.script_text_.append(d.text(c));
    }
    uint32_t size = static_cast<uint32_t>(d.script_text_.size() - begin);
    uint32_t type_begin = static_cast<uint32_t>(d.script_text_.size());
    AppendLower(&d.script_text_, d.attr(id, "type"));
    spans.push_back({begin, size, type_begin,
                     static_cast<uint32_t>(d.script_text_.size() - type_begin)});
  }
  if (d.script_text_.capacity() < 32) d.script_text_.reserve(32);  // never SSO
  std::string_view text = d.script_text_;
  for (size_t i = 0; i < script_nodes_.size(); ++i) {
    NodeId id = script_nodes_[i];
    d.scripts_.push_back({id, text.substr(spans[i][2], spans[i][3]), d.attr(id, "id"),
                          d.attr(id, "src"), text.substr(spans[i][0], spans[i][1])});
  }
}

Document Document::Parse(std::string_view utf8_html, const ParseOptions& options) {
  std::string_view html =
      internal::TruncateUtf8(utf8_html, std::min(options.max_input_bytes, kGumboMaxBytes));
  if (html.substr(0, 3) == "\xEF\xBB\xBF") html.remove_prefix(3);  // the decoder's job, but cheap

  Document doc;
  internal::GumboParser parser;
  internal::PrescanOutput pre;
  const GumboOutput* out = nullptr;
  std::string_view parsed = html;
  size_t tags = 0;
  if (options.prescan) {
    internal::PrescanLimits limits;
    for (int attempt = 0; attempt < 2 && out == nullptr; ++attempt) {
      limits.flatten_formatting = attempt == 1;  // the first parse blew its budget
      internal::Prescan(html, limits, &pre);
      parsed = pre.html;
      tags = pre.start_tags;
      out = parser.Parse(parsed, internal::GumboBudget(parsed.size())).output;
    }
  } else {
    tags = static_cast<size_t>(std::count(html.begin(), html.end(), '<'));
    out = parser.Parse(parsed, internal::GumboBudget(parsed.size())).output;
  }
  if (out == nullptr) {  // hostile beyond repair: an empty tree, scripts kept
    parsed = std::string_view();
    out = parser.Parse(parsed, internal::GumboBudget(0)).output;
  }
  Builder builder(&doc, html, parsed);
  builder.Build(out->document, options.prescan ? &pre : nullptr, tags * 2 + 16);
  return doc;  // Gumbo's arena is freed with `parser`
}

}  // namespace gleaner::html
