// Read access to a parsed Document: names, text, attributes, TextContent.
#include "html_internal.h"

namespace gleaner::html {

namespace internal {

size_t WhitespaceLength(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const size_t left = s.size() - i;
  switch (p[0]) {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
      return 1;
    case 0xC2:  // U+0085, U+00A0
      return left >= 2 && (p[1] == 0x85 || p[1] == 0xA0) ? 2 : 0;
    case 0xE1:  // U+1680
      return left >= 3 && p[1] == 0x9A && p[2] == 0x80 ? 3 : 0;
    case 0xE2:  // U+2000-U+200A, U+2028, U+2029, U+202F, U+205F
      if (left < 3) return 0;
      if (p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF)) {
        return p[2] >= 0x80 ? 3 : 0;
      }
      return p[1] == 0x81 && p[2] == 0x9F ? 3 : 0;
    case 0xE3:  // U+3000, the ideographic space of Chinese pages
      return left >= 3 && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
    default:
      return 0;
  }
}

std::string_view TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  // s[cut] is the first byte left out; if it continues a sequence, leave
  // out that sequence's lead byte too (at most 3 steps back).
  for (int i = 0; i < 3 && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80; ++i) {
    --cut;
  }
  if ((static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) cut = max_bytes;  // not UTF-8 anyway
  return s.substr(0, cut);
}

}  // namespace internal

std::string_view Document::tag_name(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.type != NodeType::kElement) return {};
  if (n.tag != Tag::kOther) return TagName(n.tag);
  return std::string_view(arena_).substr(n.text_begin, n.text_size);
}

std::string_view Document::text(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.type != NodeType::kText) return {};
  return std::string_view(arena_).substr(n.text_begin, n.text_size);
}

std::span<const Attribute> Document::attributes(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.attr_count == 0) return {};
  return std::span<const Attribute>(attrs_.data() + n.attr_begin, n.attr_count);
}

std::string_view Document::attr(NodeId id, std::string_view name) const {
  for (const Attribute& a : attributes(id)) {
    if (a.name == name) return a.value;
  }
  return {};
}

bool Document::has_attr(NodeId id, std::string_view name) const {
  for (const Attribute& a : attributes(id)) {
    if (a.name == name) return true;
  }
  return false;
}

bool Document::HasClass(NodeId id, std::string_view cls) const {
  if (cls.empty()) return false;
  std::string_view v = attr(id, "class");
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && internal::WhitespaceLength(v, i) == 1) ++i;
    size_t begin = i;
    while (i < v.size() && internal::WhitespaceLength(v, i) != 1) ++i;
    if (v.substr(begin, i - begin) == cls) return true;
  }
  return false;
}

NodeId Document::SubtreeEnd(NodeId id) const {
  for (NodeId n = id; n != kNoNode; n = nodes_[n].parent) {
    if (nodes_[n].next_sibling != kNoNode) return nodes_[n].next_sibling;
  }
  return static_cast<NodeId>(nodes_.size());
}

namespace {

// Appends text with whitespace runs collapsed; a pending space is written
// only before the next visible character, so the result comes out trimmed.
class Collapser {
 public:
  explicit Collapser(std::string* out) : out_(out) {}
  void Break() { pending_ = true; }
  void Append(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      size_t w = internal::WhitespaceLength(s, i);
      if (w != 0) {
        pending_ = true;
        i += w;
        continue;
      }
      if (pending_ && !out_->empty()) out_->push_back(' ');
      pending_ = false;
      size_t run = i + 1;  // copy up to the next byte that may start whitespace
      while (run < s.size()) {
        auto c = static_cast<unsigned char>(s[run]);
        if (c <= ' ' || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3) break;
        ++run;
      }
      out_->append(s.data() + i, run - i);
      i = run;
    }
  }

 private:
  std::string* out_;
  bool pending_ = false;
};

bool IsHidden(Tag tag) {
  return tag == Tag::kScript || tag == Tag::kStyle || tag == Tag::kTemplate;
}

}  // namespace

std::string Document::TextContent(NodeId id) const {
  std::string out;
  Collapser text(&out);
  // Walks the subtree through the links: no stack, any depth.
  NodeId n = id;
  for (;;) {
    const Node& node = nodes_[n];
    bool descend = true;
    if (node.type == NodeType::kText) {
      text.Append(this->text(n));
    } else if (node.type == NodeType::kElement) {
      if (IsHidden(node.tag) && n != id) descend = false;
      if (internal::IsBlockTag(node.tag)) text.Break();
    }
    if (descend && node.first_child != kNoNode) {
      n = node.first_child;
      continue;
    }
    // The subtree of n is done: leave it and every finished ancestor.
    for (;;) {
      if (n == id) return out;
      const Node& done = nodes_[n];
      if (done.type == NodeType::kElement && internal::IsBlockTag(done.tag)) text.Break();
      if (done.next_sibling != kNoNode) {
        n = done.next_sibling;
        break;
      }
      n = done.parent;
    }
  }
}

}  // namespace gleaner::html
