// Main-content extraction: choose the container with the best paragraph
// score, join the sibling blocks that belong with it, then write its text
// out paragraph by paragraph, leaving out the furniture inside it.
#include "content.h"

#include <algorithm>

#include "extract_internal.h"
#include "gleaner/url.h"
#include "text_util.h"

namespace gleaner::extract::internal {
namespace {

using html::NodeId;
using html::NodeType;
using html::Tag;

// A class/id that names content or chrome moves a container's score by
// about one good paragraph.
constexpr double kClassWeightPoints = 25;

double TagWeight(Tag tag) {
  switch (tag) {
    case Tag::kArticle: case Tag::kMain: return 10;
    case Tag::kDiv: case Tag::kSection: return 5;
    case Tag::kPre: case Tag::kTd: case Tag::kBlockquote: return 3;
    case Tag::kAddress: case Tag::kOl: case Tag::kUl: case Tag::kDl: case Tag::kDd:
    case Tag::kDt: case Tag::kLi: case Tag::kForm: return -3;
    case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5:
    case Tag::kH6: case Tag::kTh: return -5;
    default: return 0;
  }
}

bool InsideBoilerplate(const html::Document& doc, const PageStats& stats, NodeId id) {
  for (NodeId up = doc.node(id).parent; up != html::kNoNode; up = doc.node(up).parent) {
    if (stats.Has(up, kBoilerplate)) return true;
  }
  return false;
}

double FinalScore(const html::Document& doc, const PageStats& stats, NodeId id) {
  const NodeInfo& info = stats[id];
  if (info.score <= 0) return 0;
  double score = info.score + kClassWeightPoints * info.class_weight + TagWeight(doc.node(id).tag);
  return score * (1.0 - stats.LinkDensity(id));
}

NodeId BestCandidate(const html::Document& doc, const PageStats& stats) {
  NodeId best = html::kNoNode;
  double best_score = 0;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (doc.node(id).type != NodeType::kElement || stats.Has(id, kSkip)) continue;
    if (stats[id].score <= 0) continue;
    double score = FinalScore(doc, stats, id);
    if (score > best_score && InsideBoilerplate(doc, stats, id)) score *= 0.5;
    if (score > best_score) {
      best_score = score;
      best = id;
    }
  }
  return best;
}

// True when a sibling block with no score of its own still reads like a
// paragraph of the article (readability's test).
bool LooksLikeParagraph(const html::Document& doc, const PageStats& stats, NodeId id) {
  const NodeInfo& info = stats[id];
  if (info.chars == 0) return false;
  double density = stats.LinkDensity(id);
  if (info.chars > 80) return density < 0.25;
  if (density > 0) return false;
  std::string text = doc.TextContent(id);
  return text.ends_with(".") || text.ends_with("。") || text.ends_with("！") ||
         text.ends_with("？") || text.ends_with("!") || text.ends_with("?");
}

// The best container plus the siblings that belong with it, in page order:
// articles are often split over sibling blocks around an ad or a picture.
std::vector<NodeId> GatherContainers(const html::Document& doc, const PageStats& stats, NodeId best) {
  NodeId parent = doc.node(best).parent;
  if (parent == html::kNoNode) return {best};
  double best_score = FinalScore(doc, stats, best);
  double threshold = std::max(10.0, best_score * 0.2);
  std::string_view best_class = doc.attr(best, "class");
  std::vector<NodeId> out;
  for (NodeId c = doc.node(parent).first_child; c != html::kNoNode; c = doc.node(c).next_sibling) {
    if (c == best) {
      out.push_back(c);
      continue;
    }
    if (doc.node(c).type != NodeType::kElement || stats.Has(c, kSkip) || stats.Has(c, kBoilerplate)) continue;
    double bonus = !best_class.empty() && doc.attr(c, "class") == best_class ? best_score * 0.2 : 0;
    if (FinalScore(doc, stats, c) + bonus >= threshold) {
      out.push_back(c);
    } else if (stats[c].paragraphs <= 1 && LooksLikeParagraph(doc, stats, c)) {
      out.push_back(c);
    }
  }
  return out;
}

// Writes the visible text of the chosen containers as paragraphs.
class TextWriter {
 public:
  TextWriter(const html::Document& doc, const PageStats& stats, const BodyOptions& options, Body* body)
      : doc_(doc), stats_(stats), options_(options), body_(body) {}

  void WriteContainer(NodeId container) {
    container_chars_ = std::max<uint32_t>(stats_[container].chars, 1);
    // Explicit stack of (node, leaving) so deep pages cannot overflow ours.
    std::vector<std::pair<NodeId, bool>> stack = {{container, false}};
    while (!stack.empty()) {
      auto [id, leaving] = stack.back();
      stack.pop_back();
      const html::Node& node = doc_.node(id);
      if (leaving) {
        if (stats_.Has(id, kBlock)) Flush();
        continue;
      }
      if (node.type == NodeType::kText) {
        current_.append(doc_.text(id));
        continue;
      }
      if (node.type != NodeType::kElement) continue;
      if (!Enter(id)) continue;
      if (stats_.Has(id, kBlock)) Flush();
      stack.push_back({id, true});
      // Children pushed in reverse so they pop in document order.
      for (NodeId c = node.last_child; c != html::kNoNode; c = doc_.node(c).prev_sibling) {
        stack.push_back({c, false});
      }
    }
    Flush();
  }

 private:
  // Decides whether to descend into an element; handles void elements.
  bool Enter(NodeId id) {
    const html::Node& node = doc_.node(id);
    const NodeInfo& info = stats_[id];
    if (info.flags & kSkip) return false;
    switch (node.tag) {
      case Tag::kBr:
        Flush();
        return false;
      case Tag::kImg:
        AddImage(id, {});
        return false;
      case Tag::kH1:
      case Tag::kHeader:
      case Tag::kFooter:
      case Tag::kAside:
        return false;
      case Tag::kFigure:
      case Tag::kPicture:
        AddFigureImages(id);
        return false;
      case Tag::kFigcaption:
        return false;
      default:
        break;
    }
    // Chrome inside the article: dropped unless it holds most of the text
    // (then the class name was misleading).
    if ((info.flags & kBoilerplate) && !(info.flags & kPositive) && info.chars * 2 < container_chars_) {
      return false;
    }
    // Blocks that are mostly links: related lists, tag clouds, "read more".
    if ((info.flags & kBlock) && info.chars > 0 && stats_.LinkDensity(id) > 0.5) return false;
    return true;
  }

  void AddFigureImages(NodeId figure) {
    NodeId caption = html::kNoNode;
    std::vector<NodeId> images;
    uint32_t depth = doc_.node(figure).depth;
    for (NodeId k = figure + 1; k < doc_.size() && doc_.node(k).depth > depth; ++k) {
      if (doc_.IsElement(k, Tag::kFigcaption) && caption == html::kNoNode) caption = k;
      if (doc_.IsElement(k, Tag::kImg)) images.push_back(k);
    }
    std::string caption_text = caption == html::kNoNode ? "" : doc_.TextContent(caption);
    for (NodeId image : images) AddImage(image, caption_text);
  }

  void AddImage(NodeId id, std::string caption) {
    std::string_view src;
    for (std::string_view name : {"data-src", "data-original", "data-lazy-src", "data-url", "src"}) {
      src = doc_.attr(id, name);
      if (!src.empty() && !src.starts_with("data:")) break;
      src = {};
    }
    if (src.empty()) return;
    std::string_view width = doc_.attr(id, "width");
    if (width == "1" || width == "0") return;  // tracking pixels
    std::string absolute(src);
    if (!options_.page_url.empty()) {
      Result<std::string> resolved = url::Resolve(options_.page_url, src);
      if (!resolved.ok()) return;
      absolute = std::move(*resolved);
    }
    for (const Image& seen : body_->images) {
      if (seen.url == absolute) return;
    }
    if (caption.empty()) caption = CollapseSpace(doc_.attr(id, "alt"));
    body_->images.push_back({std::move(absolute), std::move(caption)});
  }

  void Flush() {
    if (current_.empty()) return;
    std::string paragraph = CollapseSpace(current_);
    current_.clear();
    if (!paragraph.empty()) body_->paragraphs.push_back(std::move(paragraph));
  }

  const html::Document& doc_;
  const PageStats& stats_;
  const BodyOptions& options_;
  Body* body_;
  std::string current_;
  uint32_t container_chars_ = 1;
};

// True for the info line under a title: a date plus labels such as 来源,
// 作者, 浏览, 点击 ("2025-03-14 08:56 来源:新华社 作者:张三 浏览次数:123").
bool IsInfoLine(std::string_view paragraph) {
  if (paragraph.size() > 300) return false;
  DateContext context;
  if (!FindDate(paragraph, context)) return false;
  static constexpr std::string_view kLabels[] = {"来源", "作者", "编辑", "浏览", "点击", "阅读",
                                                 "发布", "时间", "字号", "分享", "評論", "來源",
                                                 "By ", "Updated", "Published", "|"};
  for (std::string_view label : kLabels) {
    if (paragraph.find(label) != std::string_view::npos) return true;
  }
  // A line that is only a date.
  return CountText(paragraph).chars <= 22;
}

// Removes furniture paragraphs; moves byline lines aside for the byline pass.
void FilterParagraphs(const BodyOptions& options, Body* body) {
  std::vector<std::string> kept;
  kept.reserve(body->paragraphs.size());
  std::string title = CollapseSpace(options.title);
  for (size_t i = 0; i < body->paragraphs.size(); ++i) {
    std::string& p = body->paragraphs[i];
    if (IsBoilerplateParagraph(p)) continue;
    if (IsBylineOnly(p)) {
      body->byline_lines.push_back(std::move(p));
      continue;
    }
    bool near_top = kept.size() < 3;
    if (near_top && !title.empty() && p == title) continue;
    if (near_top && IsInfoLine(p)) {
      body->byline_lines.push_back(std::move(p));
      continue;
    }
    kept.push_back(std::move(p));
  }
  body->paragraphs = std::move(kept);
}

}  // namespace

Body ExtractBody(const html::Document& doc, const PageStats& stats, const BodyOptions& options) {
  Body body;
  NodeId best = options.forced_container;
  if (best == html::kNoNode) best = BestCandidate(doc, stats);
  if (best == html::kNoNode) return body;
  body.score = FinalScore(doc, stats, best);
  body.containers = options.forced_container != html::kNoNode
                        ? std::vector<NodeId>{best}
                        : GatherContainers(doc, stats, best);
  TextWriter writer(doc, stats, options, &body);
  for (NodeId container : body.containers) writer.WriteContainer(container);
  FilterParagraphs(options, &body);
  for (const std::string& p : body.paragraphs) body.chars += CountText(p).chars;
  return body;
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

std::vector<std::string> SplitParagraphs(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line = CollapseSpace(text.substr(start, end - start));
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

}  // namespace gleaner::extract::internal
