// Matching compiled selectors against a Document.
//
// CSS is specified right to left, but here each chain "c0 > c1 c2" is
// matched in one pass in document order (ForwardMatcher), carrying for
// every open ancestor which prefixes of the chain it completes. There is
// no backtracking and no walk up the ancestors per element, so a selector
// costs O(elements x compounds) on any tree, however deep.
#include <algorithm>

#include "html_internal.h"
#include "selector_internal.h"

namespace gleaner::html {

namespace {

using Compound = Selector::Compound;

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Case-insensitively when `ci`: the test value was lower-cased when parsed.
bool AttrMatches(std::string_view v, const AttrTest& t) {
  std::string lowered;
  if (t.ignore_case) {
    lowered.assign(v);
    for (char& c : lowered) c = LowerAscii(c);
    v = lowered;
  }
  std::string_view w = t.value;
  switch (t.op) {
    case AttrTest::Op::kExists: return true;
    case AttrTest::Op::kEquals: return v == w;
    case AttrTest::Op::kPrefix: return !w.empty() && v.substr(0, w.size()) == w;
    case AttrTest::Op::kSuffix:
      return !w.empty() && v.size() >= w.size() && v.substr(v.size() - w.size()) == w;
    case AttrTest::Op::kContains: return !w.empty() && v.find(w) != std::string_view::npos;
    case AttrTest::Op::kDashPrefix:
      return v == w || (v.size() > w.size() && v.substr(0, w.size()) == w && v[w.size()] == '-');
    case AttrTest::Op::kWord: {
      if (w.empty()) return false;
      size_t i = 0;
      while (i < v.size()) {
        while (i < v.size() && internal::WhitespaceLength(v, i) == 1) ++i;
        size_t begin = i;
        while (i < v.size() && internal::WhitespaceLength(v, i) != 1) ++i;
        if (v.substr(begin, i - begin) == w) return true;
      }
      return false;
    }
  }
  return false;
}

bool IsElement(const Document& doc, NodeId id) {
  return id != kNoNode && doc.node(id).type == NodeType::kElement;
}

NodeId PrevElement(const Document& doc, NodeId id) {
  NodeId s = doc.node(id).prev_sibling;
  while (s != kNoNode && !IsElement(doc, s)) s = doc.node(s).prev_sibling;
  return s;
}

NodeId NextElement(const Document& doc, NodeId id) {
  NodeId s = doc.node(id).next_sibling;
  while (s != kNoNode && !IsElement(doc, s)) s = doc.node(s).next_sibling;
  return s;
}

// 1-based position among element siblings; `index` caches it for SelectAll.
int64_t ChildIndex(const Document& doc, NodeId id, std::vector<uint32_t>* index) {
  if (index != nullptr) {
    if (index->empty()) {
      index->assign(doc.size(), 0);
      for (NodeId n = 0; n < doc.size(); ++n) {
        const Node& node = doc.node(n);
        if (node.type != NodeType::kElement) continue;
        NodeId prev = PrevElement(doc, n);  // already numbered: ids are pre-order
        (*index)[n] = prev == kNoNode ? 1 : (*index)[prev] + 1;
      }
    }
    return (*index)[id];
  }
  int64_t k = 1;
  for (NodeId s = PrevElement(doc, id); s != kNoNode; s = PrevElement(doc, s)) ++k;
  return k;
}

bool PseudoMatches(const Document& doc, NodeId id, const Pseudo& p, std::vector<uint32_t>* index) {
  // The root element has no element parent; it still is a first/last child.
  switch (p.kind) {
    case Pseudo::Kind::kFirstChild: return PrevElement(doc, id) == kNoNode;
    case Pseudo::Kind::kLastChild: return NextElement(doc, id) == kNoNode;
    case Pseudo::Kind::kOnlyChild:
      return PrevElement(doc, id) == kNoNode && NextElement(doc, id) == kNoNode;
    case Pseudo::Kind::kNthChild: {
      int64_t k = ChildIndex(doc, id, index);
      if (p.a == 0) return k == p.b;
      int64_t d = k - p.b;
      return d % p.a == 0 && d / p.a >= 0;
    }
  }
  return false;
}

bool CompoundMatches(const Document& doc, NodeId id, const Compound& c,
                     std::vector<uint32_t>* index) {
  if (!IsElement(doc, id)) return false;
  const Node& node = doc.node(id);
  if (!c.any_tag) {
    if (c.tag != Tag::kOther ? node.tag != c.tag : doc.tag_name(id) != c.tag_name) return false;
  }
  for (const std::string& want : c.ids) {
    if (doc.attr(id, "id") != want) return false;
  }
  for (const std::string& cls : c.classes) {
    if (!doc.HasClass(id, cls)) return false;
  }
  for (const AttrTest& t : c.attrs) {
    bool found = false;
    for (const Attribute& a : doc.attributes(id)) {
      if (a.name == t.name) {
        found = AttrMatches(a.value, t);
        break;
      }
    }
    if (!found) return false;
  }
  for (const Pseudo& p : c.pseudos) {
    if (!PseudoMatches(doc, id, p, index)) return false;
  }
  for (const Compound& n : c.nots) {
    if (CompoundMatches(doc, id, n, index)) return false;
  }
  return true;
}

// Matches all groups in one walk down the tree. For each open ancestor it
// keeps two bit masks per group: bit j of `self` says the element matches
// the chain's first j+1 compounds (as the subject of compound j); bit j of
// `below` says the element or one of its ancestors does. An element then
// matches compound j+1's prefix when it matches compound j+1 and its parent
// has bit j in `self` (child combinator) or in `below` (descendant). Cost:
// O(compounds) per element, whatever the depth; memory O(depth x groups).
class ForwardMatcher {
 public:
  ForwardMatcher(const Document& doc, const std::vector<std::vector<Compound>>& groups,
                 std::vector<uint32_t>* index)
      : doc_(doc), groups_(groups), index_(index) {}

  // Feeds element `id`. REQUIRES: its element ancestors were fed before it,
  // and everything fed since its parent is a descendant of that parent.
  // Returns whether `id` matches a group.
  bool Feed(NodeId id) {
    NodeId parent = doc_.node(id).parent;
    while (!open_.empty() && open_.back() != parent) {
      open_.pop_back();
      masks_.resize(masks_.size() - 2 * groups_.size());
    }
    const bool has_up = !open_.empty();  // else the parent is no element
    const size_t at = masks_.size();
    const size_t up = has_up ? at - 2 * groups_.size() : 0;
    masks_.resize(at + 2 * groups_.size());  // may move: index, don't point
    bool match = false;
    for (size_t g = 0; g < groups_.size(); ++g) {
      uint32_t up_self = has_up ? masks_[up + 2 * g] : 0;
      uint32_t up_below = has_up ? masks_[up + 2 * g + 1] : 0;
      uint32_t self = Prefixes(id, groups_[g], up_self, up_below);
      masks_[at + 2 * g] = self;
      masks_[at + 2 * g + 1] = self | up_below;
      match = match || (self >> (groups_[g].size() - 1) & 1) != 0;
    }
    open_.push_back(id);
    return match;
  }

 private:
  uint32_t Prefixes(NodeId id, const std::vector<Compound>& chain, uint32_t up_self,
                    uint32_t up_below) const {
    uint32_t self = 0;
    for (size_t j = 0; j < chain.size(); ++j) {
      if (j > 0) {
        uint32_t need = chain[j].combinator == Compound::Combinator::kChild ? up_self : up_below;
        if ((need >> (j - 1) & 1) == 0) continue;  // no compound test needed
      }
      if (CompoundMatches(doc_, id, chain[j], index_)) self |= uint32_t{1} << j;
    }
    return self;
  }

  const Document& doc_;
  const std::vector<std::vector<Compound>>& groups_;
  std::vector<uint32_t>* index_;
  std::vector<NodeId> open_;     // the fed elements that may still get children
  std::vector<uint32_t> masks_;  // per open_ entry: (self, below) per group
};

// Feeds the element ancestors of `id`, root first.
void FeedAncestors(const Document& doc, NodeId id, ForwardMatcher* m) {
  std::vector<NodeId> up;
  for (NodeId p = doc.node(id).parent; IsElement(doc, p); p = doc.node(p).parent) up.push_back(p);
  for (size_t i = up.size(); i-- > 0;) m->Feed(up[i]);
}

}  // namespace

Selector::~Selector() = default;
Selector::Selector(Selector&&) noexcept = default;
Selector& Selector::operator=(Selector&&) noexcept = default;

Result<Selector> Selector::Parse(std::string_view css) {
  Selector sel;
  Status st = internal::ParseSelectorGroups(css, &sel.groups_);
  if (!st.ok()) return st.take_error();
  sel.text_ = std::string(css);
  return sel;
}

bool Selector::Matches(const Document& doc, NodeId id) const {
  if (id >= doc.size() || !IsElement(doc, id)) return false;
  ForwardMatcher m(doc, groups_, nullptr);
  FeedAncestors(doc, id, &m);
  return m.Feed(id);
}

std::vector<NodeId> Selector::SelectAll(const Document& doc, NodeId scope) const {
  std::vector<NodeId> out;
  if (scope >= doc.size()) return out;
  std::vector<uint32_t> index;  // filled on first :nth-child
  ForwardMatcher m(doc, groups_, &index);
  FeedAncestors(doc, scope, &m);
  NodeId end = doc.SubtreeEnd(scope);
  for (NodeId id = scope; id < end; ++id) {
    if (IsElement(doc, id) && m.Feed(id)) out.push_back(id);
  }
  return out;
}

NodeId Selector::SelectFirst(const Document& doc, NodeId scope) const {
  if (scope >= doc.size()) return kNoNode;
  std::vector<uint32_t> index;
  ForwardMatcher m(doc, groups_, &index);
  FeedAncestors(doc, scope, &m);
  NodeId end = doc.SubtreeEnd(scope);
  for (NodeId id = scope; id < end; ++id) {
    if (IsElement(doc, id) && m.Feed(id)) return id;
  }
  return kNoNode;
}

}  // namespace gleaner::html
