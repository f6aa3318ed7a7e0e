// Main-content extraction: choose the container with the best paragraph
// score, join the sibling blocks that belong with it, then write its text
// out paragraph by paragraph, leaving out the furniture inside it.
#include "content.h"

#include <algorithm>

#include "extract_internal.h"
#include "gleaner/url.h"
#include "links.h"
#include "text_util.h"

namespace gleaner::extract::internal {
namespace {

using html::NodeId;
using html::NodeType;
using html::Tag;

// A class/id that names content or chrome moves a container's score by
// about one good paragraph.
constexpr double kClassWeightPoints = 25;
// Runners-up considered when deciding whether the winner is one column of
// a split article (Readability uses five).
constexpr size_t kAlternativeCandidates = 6;
// A body shorter than this sends the extractor to the next candidate, at
// most kFallbackCandidates times.
constexpr uint32_t kMinBodyChars = 80;
constexpr size_t kFallbackCandidates = 3;

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
  // A content-like class name speaks for a container; on a lone paragraph
  // ("messenger-content", "body__paragraph") it would let one block beat the
  // article. A chrome-like name (footer-text) counts against any block.
  double class_points = info.class_weight < 0 || info.paragraphs >= 2 ? kClassWeightPoints * info.class_weight : 0;
  double score = info.score + class_points + TagWeight(doc.node(id).tag);
  return score * (1.0 - stats.LinkDensity(id));
}

bool IsAncestor(const html::Document& doc, NodeId ancestor, NodeId id) {
  return ancestor < id && id < doc.SubtreeEnd(ancestor);
}

// Readability's second look at the winner: articles split into several
// column blocks (NYT's StoryBodyCompanionColumn) score each column on its
// own, so when close runners-up sit beside the winner under one ancestor,
// that ancestor is the article; and a winner that is its parent's only
// element child stands for the parent.
NodeId Promote(const html::Document& doc, const PageStats& stats, NodeId best, double best_score,
               const std::vector<std::pair<double, NodeId>>& ranked) {
  std::vector<NodeId> alternatives;
  for (size_t i = 0; i < ranked.size() && i < kAlternativeCandidates; ++i) {
    NodeId id = ranked[i].second;
    if (id == best || ranked[i].first < 0.75 * best_score || IsAncestor(doc, id, best)) continue;
    alternatives.push_back(id);
  }
  NodeId body = doc.body();
  for (NodeId up = doc.node(best).parent; up != html::kNoNode && up != body; up = doc.node(up).parent) {
    size_t inside = std::count_if(alternatives.begin(), alternatives.end(),
                                  [&](NodeId alt) { return IsAncestor(doc, up, alt); });
    if (inside >= 2) {
      best = up;
      break;
    }
  }
  for (NodeId parent = doc.node(best).parent; parent != html::kNoNode && parent != body;
       parent = doc.node(best).parent) {
    size_t elements = 0;
    for (NodeId c = doc.node(parent).first_child; c != html::kNoNode; c = doc.node(c).next_sibling) {
      if (doc.node(c).type == NodeType::kElement && stats[c].chars > 0) ++elements;
    }
    if (elements != 1) break;
    best = parent;
  }
  return best;
}

using Ranked = std::vector<std::pair<double, NodeId>>;

// Every element with a content score, best first.
Ranked RankCandidates(const html::Document& doc, const PageStats& stats,
                      std::vector<Explanation::Candidate>* explain) {
  std::vector<std::pair<double, NodeId>> ranked;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (doc.node(id).type != NodeType::kElement || stats.Has(id, kSkip)) continue;
    if (stats[id].score <= 0) continue;
    double score = FinalScore(doc, stats, id);
    if (InsideBoilerplate(doc, stats, id)) score *= 0.5;
    if (score > 0) ranked.push_back({score, id});
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second > b.second);
  });
  if (explain) {
    for (size_t i = 0; i < ranked.size() && i < 5; ++i) {
      NodeId id = ranked[i].second;
      explain->push_back({DescribeElement(doc, id), ranked[i].first, stats[id].chars, stats.LinkDensity(id)});
    }
  }
  return ranked;
}

// True when a sibling block with no score of its own still reads like a
// paragraph of the article (readability's test).
bool LooksLikeParagraph(const html::Document& doc, const PageStats& stats, NodeId id) {
  const NodeInfo& info = stats[id];
  if (info.chars == 0) return false;
  double density = stats.LinkDensity(id);
  // Long enough to be a paragraph, if some block of it is paragraph-sized:
  // a table of short label cells (索引号：… 发布日期：…) is not.
  if (info.chars > 80) return density < 0.25 && info.paragraphs >= 1;
  if (density > 0) return false;
  std::string text = doc.TextContent(id);
  return text.ends_with(".") || text.ends_with("。") || text.ends_with("！") ||
         text.ends_with("？") || text.ends_with("!") || text.ends_with("?");
}

// How much article text a sibling block holds: its paragraphs' scores at
// full weight (the fading score would favour whichever block the winner
// was promoted from), less its links, moved by its class name.
double SiblingWeight(const PageStats& stats, NodeId id) {
  const NodeInfo& info = stats[id];
  double class_points = info.class_weight < 0 || info.paragraphs >= 2 ? kClassWeightPoints * info.class_weight : 0;
  return info.mass * (1.0 - stats.LinkDensity(id)) + class_points;
}

// True when `id` holds an <h1> or the element the title was read from
// (a table cell on a government policy page).
bool HoldsHeadline(const html::Document& doc, NodeId id, NodeId title_node) {
  NodeId end = doc.SubtreeEnd(id);
  if (title_node != html::kNoNode && id < title_node && title_node < end) return true;
  for (NodeId k = id + 1; k < end; ++k) {
    if (doc.IsElement(k, Tag::kH1)) return true;
  }
  return false;
}

// The best container plus the siblings that belong with it, in page order:
// articles are often split over sibling blocks around an ad or a picture.
std::vector<NodeId> GatherContainers(const html::Document& doc, const PageStats& stats, NodeId best,
                                     NodeId title_node) {
  NodeId parent = doc.node(best).parent;
  if (parent == html::kNoNode) return {best};
  double best_weight = SiblingWeight(stats, best);
  double threshold = std::max(10.0, best_weight * 0.2);
  std::string_view best_class = doc.attr(best, "class");
  std::vector<NodeId> out;
  for (NodeId c = doc.node(parent).first_child; c != html::kNoNode; c = doc.node(c).next_sibling) {
    if (c == best) {
      out.push_back(c);
      continue;
    }
    if (doc.node(c).type != NodeType::kElement || stats.Has(c, kSkip) || stats.Has(c, kBoilerplate)) continue;
    // Another <article> beside the winner is another post (a blog's list of
    // teasers under the one being read), not more of this one.
    if (doc.IsElement(c, Tag::kArticle) && doc.IsElement(best, Tag::kArticle)) continue;
    if (OpensWithListHeading(doc, stats, c)) continue;
    double bonus = !best_class.empty() && doc.attr(c, "class") == best_class ? best_weight * 0.2 : 0;
    // The box that holds the headline is the article's header (title, info
    // line, counters): a content-like class name ("article-header-box")
    // does not speak for it, only its own paragraphs do, and its one
    // paragraph-like block (a standfirst) is not a paragraph of the body.
    bool headline_box = HoldsHeadline(doc, c, title_node);
    double weight = headline_box ? stats[c].mass * (1.0 - stats.LinkDensity(c)) : SiblingWeight(stats, c);
    if (weight + bonus >= threshold) {
      out.push_back(c);
    } else if (!headline_box && stats[c].paragraphs <= 1 && LooksLikeParagraph(doc, stats, c)) {
      out.push_back(c);
    }
  }
  return out;
}

// Caption elements by class: Sina's img_descr, WordPress wp-caption-text,
// generic caption/credit/pic-txt names.
bool HasCaptionClass(const html::Document& doc, NodeId id) {
  std::string names = AsciiLower(doc.attr(id, "class"));
  for (std::string_view part : {"caption", "descr", "credit", "pic_txt", "pictext", "imgtxt",
                                "img_txt", "img-txt", "photo-text", "pic-info", "picinfo"}) {
    if (names.find(part) != std::string::npos) return true;
  }
  return false;
}

bool IsCentered(const html::Document& doc, NodeId id) {
  if (AsciiLower(doc.attr(id, "align")) == "center") return true;
  std::string style = AsciiLower(doc.attr(id, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("text-align:center") != std::string::npos;
}

// Photo credits and placeholders that mark a line as an image caption
// whatever its styling: "记者 韩磊 摄", "受访者供图", "(AP Photo/...)".
bool ReadsLikeCaption(std::string_view text) {
  static constexpr std::string_view kEndings[] = {"摄", "攝", "供图", "供圖", "摄影", "攝影", "资料图", "图"};
  static constexpr std::string_view kParts[] = {"摄）", "摄)", "图为", "圖為", "图片来源", "图源", "Photo", "photo",
                                                "Getty Images", "/AP", "Credit:", "Reuters/"};
  std::string_view t = text;
  while (!t.empty() && (t.back() == ')' || t.back() == ' ' || t.back() == '.')) t.remove_suffix(1);
  for (std::string_view end : kEndings) {
    if (t.ends_with(end)) return true;
  }
  for (std::string_view part : kParts) {
    if (text.find(part) != std::string_view::npos) return true;
  }
  return false;
}

// Tracking pixels and icons (网易's 13x12 end_news.png beside 本文来源) by
// their declared size: no side over 32 pixels.
bool IsIcon(std::string_view width, std::string_view height) {
  auto pixels = [](std::string_view v) {
    int n = 0;
    size_t i = 0;
    for (; i < v.size() && i < 6 && v[i] >= '0' && v[i] <= '9'; ++i) n = n * 10 + (v[i] - '0');
    bool plain = i > 0 && (i == v.size() || v.substr(i) == "px");
    return plain ? n : -1;  // -1: not given or not in pixels ("100%")
  };
  int w = pixels(width), h = pixels(height);
  if (w < 0 && h < 0) return false;
  return w <= 32 && h <= 32;
}

// Writes the visible text of the chosen containers as paragraphs. A short
// line right after an image that is styled or worded as a caption becomes
// the image's caption instead of body text.
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
        AppendText(id);
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
        Flush();
        AddFigureImages(id);
        return false;
      case Tag::kFigcaption:
        return false;
      default:
        break;
    }
    // A caption element after an image: its text is the caption.
    if (pending_image_ >= 0 && HasCaptionClass(doc_, id)) {
      Flush();
      if (pending_image_ >= 0) {
        Image& image = body_->images[pending_image_];
        if (image.caption.empty()) image.caption = doc_.TextContent(id);
        pending_image_ = -1;
      }
      return false;
    }
    // Chrome inside the article: dropped unless it holds most of the text
    // (then the class name was misleading).
    if ((info.flags & kBoilerplate) && !(info.flags & kPositive) && info.chars * 2 < container_chars_) {
      return false;
    }
    // Blocks that are mostly links: related lists, tag clouds, "read more".
    if ((info.flags & kBlock) && info.chars > 0 && stats_.LinkDensity(id) > 0.5) return false;
    // A reading list with snippets inside the article container.
    if ((info.flags & kBlock) && info.chars * 2 < container_chars_ && OpensWithListHeading(doc_, stats_, id)) {
      return false;
    }
    return true;
  }

  void AppendText(NodeId id) {
    std::string_view text = doc_.text(id);
    if (current_.empty() && pending_image_ >= 0) {
      // Is this line styled as a caption? Look up to its block.
      caption_styled_ = false;
      for (NodeId up = doc_.node(id).parent; up != html::kNoNode; up = doc_.node(up).parent) {
        if (HasCaptionClass(doc_, up) || IsCentered(doc_, up)) caption_styled_ = true;
        if (stats_.Has(up, kBlock) || caption_styled_) break;
      }
    }
    current_.append(text);
    spaced_.append(text);
    spaced_.push_back(' ');
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
    pending_image_ = -1;  // the figure's caption is known
  }

  // The URL an <img> shows: lazy-loading attributes first, since `src` is
  // then a placeholder.
  std::string_view ImageSource(NodeId id) const {
    for (std::string_view name : {"data-src", "data-original", "data-lazy-src", "data-url", "src"}) {
      std::string_view src = doc_.attr(id, name);
      if (!src.empty() && !src.starts_with("data:")) return src;
    }
    return {};
  }

  void AddImage(NodeId id, std::string caption) {
    std::string_view src = ImageSource(id);
    if (src.empty()) return;
    if (IsIcon(doc_.attr(id, "width"), doc_.attr(id, "height"))) return;  // pixels, icons
    std::string absolute(src);
    if (!options_.page_url.empty()) {
      Result<std::string> resolved = url::Resolve(options_.page_url, src);
      if (!resolved.ok()) return;
      absolute = std::move(*resolved);
    }
    for (const Image& seen : body_->images) {
      if (seen.url == absolute) return;
    }
    Flush();  // text before the image is not its caption
    body_->images.push_back({std::move(absolute), std::move(caption)});
    pending_image_ = static_cast<int>(body_->images.size()) - 1;
  }

  void Flush() {
    if (current_.empty()) return;
    std::string paragraph = CollapseSpace(current_);
    std::string spaced = CollapseSpace(spaced_);
    current_.clear();
    spaced_.clear();
    if (paragraph.empty()) return;
    if (pending_image_ >= 0) {
      Image& image = body_->images[pending_image_];
      pending_image_ = -1;
      bool placeholder = IsBoilerplateParagraph(paragraph) && CountText(paragraph).chars <= 4;
      if (CountText(paragraph).chars <= kMaxCaptionChars &&
          (caption_styled_ || placeholder || ReadsLikeCaption(paragraph))) {
        if (image.caption.empty()) image.caption = std::move(paragraph);
        return;
      }
    }
    body_->paragraphs.push_back(std::move(paragraph));
    body_->spaced.push_back(std::move(spaced));
  }

  static constexpr uint32_t kMaxCaptionChars = 150;

  const html::Document& doc_;
  const PageStats& stats_;
  const BodyOptions& options_;
  Body* body_;
  std::string current_;
  std::string spaced_;  // current_ with a space after each text node
  uint32_t container_chars_ = 1;
  int pending_image_ = -1;  // the last image, while the next line may be its caption
  bool caption_styled_ = false;
};

// True for the info line under a title: a date plus labels such as 来源,
// 作者, 浏览, 点击 ("2025-03-14 08:56 来源:新华社 作者:张三 浏览次数:123").
// Sentences (with 。 or several commas) are body text even when they hold a
// date and a word like 发布.
bool IsInfoLine(std::string_view paragraph) {
  if (paragraph.size() > 300) return false;
  if (paragraph.find("。") != std::string_view::npos) return false;
  size_t commas = 0;
  for (size_t at = paragraph.find("，"); at != std::string_view::npos; at = paragraph.find("，", at + 1)) ++commas;
  if (commas >= 2) return false;
  DateContext context;
  if (!FindDate(paragraph, context)) return false;
  static constexpr std::string_view kLabels[] = {
      "来源：", "来源:", "作者：", "作者:", "编辑：", "编辑:", "浏览", "点击", "阅读：", "阅读:",
      "发布时间", "发布日期", "时间：", "字号", "來源", "發佈", "發布", "By ", "Updated", "Published", "|",
      "Posted", "Tags:", "Publicado", "Categoria", "Category:"};
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
    if (IsBoilerplateParagraph(p) || IsNavWord(p) || IsListHeading(p)) continue;
    if (IsBylineOnly(p)) {
      body->byline_lines.push_back(std::move(p));
      continue;
    }
    // Labels in separate elements, run together without spaces.
    if (i < body->spaced.size() && body->spaced[i] != p && IsBylineOnly(body->spaced[i])) {
      body->byline_lines.push_back(std::move(body->spaced[i]));
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
  body->spaced.clear();
}

}  // namespace

namespace {

Body ReadContainers(const html::Document& doc, const PageStats& stats, const BodyOptions& options,
                    std::vector<NodeId> containers) {
  Body body;
  body.containers = std::move(containers);
  TextWriter writer(doc, stats, options, &body);
  for (NodeId container : body.containers) writer.WriteContainer(container);
  FilterParagraphs(options, &body);
  for (const std::string& p : body.paragraphs) body.chars += CountText(p).chars;
  return body;
}

}  // namespace

Body ExtractBody(const html::Document& doc, const PageStats& stats, const BodyOptions& options) {
  if (options.forced_container != html::kNoNode) {
    return ReadContainers(doc, stats, options, {options.forced_container});
  }
  Ranked ranked = RankCandidates(doc, stats, options.candidates);
  // A winner whose text is all furniture (a link wall, a footer) gives an
  // empty body; the runners-up get their turn before the page is given up.
  Body best;
  for (size_t i = 0; i < ranked.size() && i < kFallbackCandidates; ++i) {
    NodeId winner = ranked[i].second;
    NodeId promoted = Promote(doc, stats, winner, ranked[i].first, ranked);
    // On a forum thread the first post is the article, even when short;
    // replies are not, and no other post joins it.
    ThreadPost post = FindThreadPost(doc, winner);
    if (post.unit != html::kNoNode) {
      NodeId end = doc.SubtreeEnd(post.unit);
      NodeId base = promoted > post.unit && promoted < end ? promoted : winner;  // not out of the post
      NodeId chosen = InFirstPost(doc, stats, post, base);
      if (chosen != html::kNoNode && stats[chosen].chars > 0) {
        Body body = ReadContainers(doc, stats, options, {chosen});
        body.score = ranked[i].first;
        if (body.chars > 0) return body;
      }
    }
    Body body = ReadContainers(doc, stats, options, GatherContainers(doc, stats, promoted, options.title_node));
    body.score = ranked[i].first;
    if (body.chars >= kMinBodyChars) return body;
    if (body.chars > best.chars || best.containers.empty()) best = std::move(body);
  }
  return best;
}

std::string DescribeElement(const html::Document& doc, NodeId id) {
  std::string out(doc.tag_name(id));
  std::string_view ident = doc.attr(id, "id");
  if (!ident.empty()) out += "#" + std::string(ident);
  ForEachWord(doc.attr(id, "class"), [&](std::string_view word) {
    out += "." + std::string(word);
    return true;
  });
  return out;
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
