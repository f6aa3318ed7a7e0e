// Forum threads: the article of a thread page is its first post, however
// long the replies below it are. Posts are repeated units whose ids number
// them (Discuz! div#post_1001, phpBB div#p123, vBulletin li#post_123).
#include <algorithm>
#include <string_view>

#include "content.h"
#include "extract_internal.h"

namespace gleaner::extract::internal {
namespace {

using html::NodeId;
using html::NodeType;

// How far above the chosen container a post unit may sit.
constexpr int kMaxUnitDepth = 16;
// A post's time is a short text of its own ("发表于 2025-3-14 08:56").
constexpr size_t kMaxPostTimeBytes = 80;
constexpr NodeId kPostTimeScanNodes = 2000;

// "post_1001" -> "post_"; "" when the id is not a word followed by a number.
std::string_view NumberedPrefix(std::string_view id) {
  size_t digits = id.size();
  while (digits > 0 && id[digits - 1] >= '0' && id[digits - 1] <= '9') --digits;
  if (digits == id.size() || digits == 0) return {};
  for (size_t i = 0; i < digits; ++i) {
    const char c = id[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-')) return {};
  }
  return id.substr(0, digits);
}

// Comment lists number their items too, but their first item is a comment.
bool IsReplyPrefix(std::string_view prefix) {
  for (std::string_view word : {"comment", "Comment", "reply", "Reply", "cmt", "review"}) {
    if (prefix.find(word) != std::string_view::npos) return true;
  }
  return false;
}

bool SameShape(const html::Document& doc, NodeId a, NodeId b) {
  if (doc.node(a).tag != doc.node(b).tag || doc.attr(a, "class") != doc.attr(b, "class")) return false;
  return NumberedPrefix(doc.attr(a, "id")) == NumberedPrefix(doc.attr(b, "id"));
}

// The element in `unit` shaped like `chosen` (same tag, class, id prefix).
NodeId Counterpart(const html::Document& doc, const PageStats& stats, NodeId unit, NodeId chosen) {
  const NodeId end = doc.SubtreeEnd(unit);
  for (NodeId id = unit + 1; id < end; ++id) {
    if (doc.node(id).type == NodeType::kElement && !stats.Has(id, kSkip) && SameShape(doc, id, chosen)) return id;
  }
  return html::kNoNode;
}

// Posts carry their own time; numbered sections of one article do not.
bool HasOwnTime(const html::Document& doc, NodeId unit) {
  const NodeId end = std::min<NodeId>(doc.SubtreeEnd(unit), unit + kPostTimeScanNodes);
  for (NodeId id = unit + 1; id < end; ++id) {
    if (doc.node(id).type != NodeType::kText) continue;
    const std::string_view text = doc.text(id);
    if (text.size() <= kMaxPostTimeBytes && FindAbsoluteDate(text)) return true;
  }
  return false;
}

}  // namespace

ThreadPost FindThreadPost(const html::Document& doc, NodeId inside) {
  NodeId unit = inside;
  for (int depth = 0; depth < kMaxUnitDepth && unit != html::kNoNode && unit != doc.body(); ++depth) {
    const NodeId parent = doc.node(unit).parent;
    if (parent == html::kNoNode) break;
    const std::string_view prefix = NumberedPrefix(doc.attr(unit, "id"));
    if (!prefix.empty() && !IsReplyPrefix(prefix)) {
      // A unit repeats: the first sibling of its shape is the first post.
      NodeId first = html::kNoNode;
      size_t units = 0;
      for (NodeId s = doc.node(parent).first_child; s != html::kNoNode; s = doc.node(s).next_sibling) {
        if (doc.node(s).type != NodeType::kElement || !SameShape(doc, s, unit)) continue;
        if (first == html::kNoNode) first = s;
        ++units;
      }
      if (units >= 2 && HasOwnTime(doc, unit) && (first == unit || HasOwnTime(doc, first))) return {unit, first};
    }
    unit = parent;
  }
  return {};
}

NodeId InFirstPost(const html::Document& doc, const PageStats& stats, const ThreadPost& post, NodeId node) {
  if (post.first == post.unit) return node;
  return Counterpart(doc, stats, post.first, node);
}

}  // namespace gleaner::extract::internal
