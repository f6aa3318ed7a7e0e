#include "page_stats.h"

#include <algorithm>
#include <array>
#include <string>

#include "text_util.h"

namespace gleaner::extract::internal {
namespace {

using html::NodeId;
using html::NodeType;
using html::Tag;

// A paragraph needs this many visible characters to count as article text
// (shorter blocks are labels, buttons, bylines).
constexpr uint32_t kMinParagraphChars = 25;

// Class/id tokens that name site chrome. Matched as whole tokens (split on
// space, '-', '_') so "ad" does not hit "head" or "shadow".
constexpr std::array<std::string_view, 56> kBoilerplateTokens = {
    "ad", "ads", "adv", "advert", "advertisement", "banner", "breadcrumb", "breadcrumbs",
    "comment", "comments", "crumb", "footer", "foot", "menu", "nav", "navbar", "navigation",
    "share", "sharing", "social", "sidebar", "side", "related", "recommend", "recommended",
    "popular", "hot", "rank", "tags", "tag", "subscribe", "newsletter", "promo", "sponsor",
    "widget", "toolbar", "pager", "pagination", "copyright", "disclaimer", "login", "signup",
    "cookie", "modal", "popup", "outbrain",
    // Around the text but not of it: author boxes, standfirsts, kickers,
    // entry meta (byline + date), topic lists.
    "bio", "author", "byline", "avatar", "dek", "standfirst", "kicker", "meta", "topics",
    "caption"};

// Longer names matched anywhere inside a class/id ("articleComments").
constexpr std::array<std::string_view, 16> kBoilerplateParts = {
    "comment", "sidebar", "breadcrumb", "advert", "sponsor", "newsletter", "subscribe",
    "recommend", "related", "social", "share", "copyright", "taboola", "outbrain",
    "disclaimer", "footer"};

// Names of article containers, here and on Chinese CMS templates
// (artibody: Sina; zoom / TRS_Editor: government CMS; left_zw: chinanews).
// Whole tokens, so "inarticle" (an in-article ad slot) is not content.
constexpr std::array<std::string_view, 15> kContentTokens = {
    "article", "content", "entry", "story", "post", "body", "text", "main", "detail", "txt",
    "con", "zoom", "zw", "zhengwen", "artibody"};
// Run-together names matched anywhere ("articleBody", "TRS_Editor").
constexpr std::array<std::string_view, 14> kContentParts = {
    "articlebody", "articlecontent", "articletext", "artibody", "newscontent", "newstext",
    "maincontent", "postbody", "postcontent", "entrycontent", "storybody", "trs_editor",
    "left_zw", "rich_media"};

// How an element is hidden by its markup.
enum class Hidden { kNo, kGone, kInvisible };

// `hidden`, aria-hidden and display:none take an element out of the page;
// visibility:hidden keeps its box, and is how some templates (WeChat's
// #js_content) hold the article until a script reveals it.
Hidden HiddenBy(const html::Document& doc, NodeId id) {
  if (doc.has_attr(id, "hidden")) return Hidden::kGone;
  if (doc.attr(id, "aria-hidden") == "true") return Hidden::kGone;
  std::string_view style = doc.attr(id, "style");
  if (style.empty()) return Hidden::kNo;
  std::string compact;
  for (char c : style) {
    if (c != ' ' && c != '\t') compact.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
  }
  if (compact.find("display:none") != std::string::npos) return Hidden::kGone;
  if (compact.find("visibility:hidden") != std::string::npos) return Hidden::kInvisible;
  return Hidden::kNo;
}

// An invisible block that holds this much unlinked prose is the article
// waiting for a script, not a hidden menu or a tooltip.
constexpr uint32_t kRevealedMinChars = 200;
// How far into an invisible block the prose test looks, and into all of
// them on one page (nested invisible blocks must not make it quadratic).
constexpr NodeId kRevealScanNodes = 4096;
constexpr NodeId kRevealScanBudget = 65536;

// `budget`: nodes the test may still read on this page; once spent,
// invisible blocks are skipped as before.
bool HoldsHiddenArticle(const html::Document& doc, NodeId id, NodeId* budget) {
  NodeId end = std::min<NodeId>(doc.SubtreeEnd(id), id + std::min(kRevealScanNodes, *budget));
  *budget -= end - id;
  if (end - id < 2) return false;
  uint32_t chars = 0, link_chars = 0;
  for (NodeId k = id + 1; k < end; ++k) {
    if (doc.node(k).type != NodeType::kText) continue;
    NodeId parent = doc.node(k).parent;
    if (parent != html::kNoNode && IsNonContentTag(doc.node(parent).tag)) continue;
    uint32_t n = CountText(doc.text(k)).chars;
    chars += n;
    for (NodeId up = parent; up != html::kNoNode && up > id; up = doc.node(up).parent) {
      if (doc.IsElement(up, Tag::kA)) {
        link_chars += n;
        break;
      }
    }
  }
  return chars >= kRevealedMinChars && link_chars * 2 < chars;
}

template <size_t N>
bool AnyToken(std::string_view text, const std::array<std::string_view, N>& words) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '-' || text[i] == '_')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '-' && text[i] != '_') ++i;
    std::string_view token = text.substr(start, i - start);
    if (!token.empty() && std::find(words.begin(), words.end(), token) != words.end()) return true;
  }
  return false;
}

template <size_t N>
bool AnyPart(std::string_view text, const std::array<std::string_view, N>& parts) {
  for (std::string_view part : parts) {
    if (text.find(part) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

bool IsNonContentTag(Tag tag) {
  switch (tag) {
    case Tag::kScript: case Tag::kStyle: case Tag::kNoscript: case Tag::kTemplate:
    case Tag::kIframe: case Tag::kSvg: case Tag::kCanvas: case Tag::kObject:
    case Tag::kEmbed: case Tag::kButton: case Tag::kSelect: case Tag::kOption:
    case Tag::kTextarea: case Tag::kInput: case Tag::kNav: case Tag::kHead:
    case Tag::kTitle: case Tag::kMeta: case Tag::kLink: case Tag::kMap: case Tag::kArea:
    case Tag::kAudio: case Tag::kVideo: case Tag::kDialog: case Tag::kLabel:
    case Tag::kBase:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(Tag tag) {
  switch (tag) {
    case Tag::kP: case Tag::kDiv: case Tag::kSection: case Tag::kArticle: case Tag::kMain:
    case Tag::kHeader: case Tag::kFooter: case Tag::kAside: case Tag::kH1: case Tag::kH2:
    case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6: case Tag::kHgroup:
    case Tag::kUl: case Tag::kOl: case Tag::kLi: case Tag::kDl: case Tag::kDt: case Tag::kDd:
    case Tag::kMenu: case Tag::kTable: case Tag::kCaption: case Tag::kThead: case Tag::kTbody:
    case Tag::kTfoot: case Tag::kTr: case Tag::kTd: case Tag::kTh: case Tag::kFigure:
    case Tag::kFigcaption: case Tag::kPre: case Tag::kBlockquote: case Tag::kAddress:
    case Tag::kForm: case Tag::kFieldset: case Tag::kCenter: case Tag::kDetails:
    case Tag::kSummary: case Tag::kHr: case Tag::kBody: case Tag::kHtml:
      return true;
    default:
      return false;
  }
}

// One class word ("story-dek", "article-content"): a boilerplate token
// anywhere in it wins, since the suffix names what the block is.
int WordWeight(std::string_view word) {
  if (AnyToken(word, kBoilerplateTokens) || AnyPart(word, kBoilerplateParts)) return -1;
  if (AnyToken(word, kContentTokens) || AnyPart(word, kContentParts)) return 1;
  return 0;
}

// Several class words ("content has-sidebar") that disagree cancel out: a
// wrapper that mentions its sidebar still holds the article.
int ClassWeight(std::string_view names) {
  std::string lower = AsciiLower(names);
  bool negative = false, positive = false;
  ForEachWord(lower, [&](std::string_view word) {
    int weight = WordWeight(word);
    negative |= weight < 0;
    positive |= weight > 0;
    return true;
  });
  if (negative && !positive) return -1;
  if (positive && !negative) return 1;
  return 0;
}

PageStats::PageStats(const html::Document& doc, const std::vector<NodeId>& dropped)
    : info_(doc.size()) {
  ClassifyElements(doc, dropped);
  CountTextNodes(doc);
  ScoreParagraphs(doc);
}

// Top-down in id order: a parent is always classified before its children.
void PageStats::ClassifyElements(const html::Document& doc, const std::vector<NodeId>& dropped) {
  for (NodeId id : dropped) {
    if (id < info_.size()) info_[id].flags |= kSkip;
  }
  NodeId reveal_budget = kRevealScanBudget;
  for (NodeId id = 1; id < doc.size(); ++id) {
    const html::Node& node = doc.node(id);
    NodeInfo& info = info_[id];
    NodeId parent = node.parent;
    if (parent != html::kNoNode) {
      const NodeInfo& up = info_[parent];
      info.flags |= up.flags & (kSkip | kInLink);
      info.block = (up.flags & kBlock) ? parent : up.block;
    }
    if (node.type != NodeType::kElement) continue;
    if (node.tag != Tag::kHtml && node.tag != Tag::kHead && node.tag != Tag::kBody) ++element_count_;
    if (IsNonContentTag(node.tag)) info.flags |= kSkip;
    if (!(info.flags & kSkip)) {
      Hidden hidden = HiddenBy(doc, id);
      if (hidden == Hidden::kGone || (hidden == Hidden::kInvisible && !HoldsHiddenArticle(doc, id, &reveal_budget))) {
        info.flags |= kSkip;
      }
    }
    if (IsBlockTag(node.tag)) info.flags |= kBlock;
    if (node.tag == Tag::kA && doc.has_attr(id, "href")) info.flags |= kInLink;
    if (node.tag >= Tag::kH1 && node.tag <= Tag::kH6) info.flags |= kHeadingLike;
    std::string_view cls = doc.attr(id, "class");
    std::string_view ident = doc.attr(id, "id");
    if (!cls.empty() || !ident.empty()) {
      std::string names(cls);
      names += ' ';
      names += ident;
      info.class_weight = static_cast<int8_t>(ClassWeight(names));
      if (info.class_weight < 0) info.flags |= kBoilerplate;
      if (info.class_weight > 0) info.flags |= kPositive;
    }
  }
}

void PageStats::CountTextNodes(const html::Document& doc) {
  for (NodeId id = 1; id < doc.size(); ++id) {
    const html::Node& node = doc.node(id);
    if (node.type != NodeType::kText || (info_[id].flags & kSkip)) continue;
    TextCounts counts = CountText(doc.text(id));
    if (counts.chars == 0) continue;
    NodeInfo& info = info_[id];
    info.chars = counts.chars;
    info.punct = counts.punct;
    info.cjk = counts.cjk;
    bool in_link = info.flags & kInLink;
    if (in_link) info.link_chars = counts.chars;
    if (info.block != html::kNoNode) {
      NodeInfo& owner = info_[info.block];
      owner.own_chars += counts.chars;
      owner.own_punct += counts.punct;
      if (in_link) owner.own_link_chars += counts.chars;
    }
  }
  // Bottom-up sums: children have larger ids than their parents.
  for (NodeId id = static_cast<NodeId>(doc.size()) - 1; id >= 1; --id) {
    NodeId parent = doc.node(id).parent;
    if (parent == html::kNoNode) continue;
    NodeInfo& up = info_[parent];
    const NodeInfo& n = info_[id];
    up.chars += n.chars;
    up.link_chars += n.link_chars;
    up.punct += n.punct;
    up.cjk += n.cjk;
  }
  NodeId body = doc.body() != html::kNoNode ? doc.body() : doc.root();
  page_chars_ = info_[body].chars;
}

// Each paragraph (a block with enough of its own, mostly unlinked text)
// adds its score to itself and, fading, to four ancestors: the container
// that holds most paragraphs collects the most.
void PageStats::ScoreParagraphs(const html::Document& doc) {
  for (NodeId id = 1; id < doc.size(); ++id) {
    NodeInfo& info = info_[id];
    if (!(info.flags & kBlock) || (info.flags & kSkip)) continue;
    // The headline is not body text (the writer leaves <h1> out): scored, it
    // pulls the header box holding it and the info line into the body.
    if (doc.node(id).tag == Tag::kH1) continue;
    if (info.own_chars < kMinParagraphChars) continue;
    if (info.own_link_chars * 2 > info.own_chars) continue;
    float score = 1.0f + static_cast<float>(info.own_punct) +
                  static_cast<float>(std::min<uint32_t>(info.own_chars / 100, 3));
    info.score += score;
    info.mass += score;
    info.paragraphs += 1;
    NodeId up = doc.node(id).parent;
    for (int level = 0; level < 4 && up != html::kNoNode; ++level) {
      float share = level == 0 ? 1.0f : level == 1 ? 0.5f : 1.0f / (3.0f * level);
      info_[up].score += score * share;
      up = doc.node(up).parent;
    }
  }
  for (NodeId id = static_cast<NodeId>(doc.size()) - 1; id >= 1; --id) {
    NodeId parent = doc.node(id).parent;
    if (parent == html::kNoNode) continue;
    info_[parent].paragraphs += info_[id].paragraphs;
    info_[parent].mass += info_[id].mass;
  }
}

}  // namespace gleaner::extract::internal
