#include "links.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_set>

#include "gleaner/url.h"
#include "text_util.h"

namespace gleaner::extract::internal {
namespace {

using html::NodeId;
using html::NodeType;
using html::Tag;

// Headings of lists about this article. Seen on Chinese portals (相关…,
// 延伸阅读), Hong Kong/Taiwan ones (相關…) and English news sites.
constexpr std::array<std::string_view, 27> kRelatedHeadings = {
    "相关文章", "相关新闻", "相关阅读", "相关链接", "相关报道", "相关推荐", "延伸阅读",
    "相关稿件", "相关解读", "相关政策",  // gov.cn article and policy pages
    "相关资讯", "相关内容",              // commercial portals, 百家号-style pages
    "相關文章", "相關新聞", "相關閱讀", "相關報導", "延伸閱讀",
    "related", "related articles", "related stories", "related news", "related coverage",
    "related content", "related posts", "related reading", "read related", "see also"};

// Headings of the site's general lists, used only when a page has no list
// of its own: 最新文章 on DedeCMS-style portals, 猜你喜欢 boxes, "More from".
constexpr std::array<std::string_view, 25> kSiteListHeadings = {
    "最新文章", "最新新闻", "最新资讯", "推荐阅读", "热点推荐", "猜你喜欢", "为你推荐",
    "往期推荐", "往期回顾", "往期精选", "精彩回顾",  // the foot of WeChat articles
    "精彩推荐", "推薦閱讀", "最新文章列表", "熱點推薦", "猜你喜歡",
    "more from", "more stories", "more news", "you may also like", "you might also like",
    "recommended", "recommended for you", "read more", "more to read"};

// Headings of popularity lists: reading lists (never article text) but not
// related to this article (portal sidebars, tabloid "Most read" boxes).
constexpr std::array<std::string_view, 16> kPopularHeadings = {
    "热门文章", "热门排行", "热门点击", "热门新闻", "排行榜", "点击排行", "频道总排行", "熱門新聞",
    "熱門文章", "most read", "most popular", "trending", "trending now", "popular", "most viewed",
    "top stories"};

// Trailing decorations on box headings ("相关文章 更多>>").
constexpr std::array<std::string_view, 9> kHeadingTails = {
    "更多>>", "更多>", "更多", ">>", "»", "more", ":", "：", "+"};

enum class ListKind { kNone, kRelated, kSiteList, kPopular };

std::string StripHeadingTail(std::string text) {
  bool changed = true;
  while (changed && !text.empty()) {
    changed = false;
    while (!text.empty() && text.back() == ' ') text.pop_back();
    std::string lower = AsciiLower(text);
    for (std::string_view tail : kHeadingTails) {
      if (lower.size() > tail.size() && lower.ends_with(tail)) {
        text.resize(text.size() - tail.size());
        changed = true;
        break;
      }
    }
  }
  return text;
}

ListKind ClassifyHeading(std::string_view raw) {
  std::string text = AsciiLower(StripHeadingTail(CollapseSpace(raw)));
  for (std::string_view h : kRelatedHeadings) {
    if (text == h) return ListKind::kRelated;
  }
  for (std::string_view h : kSiteListHeadings) {
    if (text == h) return ListKind::kSiteList;
  }
  for (std::string_view h : kPopularHeadings) {
    if (text == h || (text.starts_with(h) && text.size() <= h.size() + 24 && h.size() >= 8)) return ListKind::kPopular;
  }
  return ListKind::kNone;
}

// A list heading shows at most 24 characters, but its element can hide any
// amount of text (a display:none block, <select> options) that TextContent
// would copy and ClassifyHeading scan on every call, and
// OpensWithListHeading runs for each block of the body: a fuzzed page took
// minutes (issue 6). An element holding more text or nodes than these is
// not a heading and is not read.
constexpr size_t kMaxHeadingBytes = 4096;
constexpr NodeId kMaxHeadingNodes = 256;

// The text of `id` when it is small enough to be a heading, else "".
std::string HeadingText(const html::Document& doc, NodeId id) {
  const NodeId end = doc.SubtreeEnd(id);
  if (end - id > kMaxHeadingNodes) return {};
  size_t bytes = 0;
  for (NodeId k = id + 1; k < end; ++k) {
    if (doc.node(k).type == NodeType::kText) bytes += doc.text(k).size();
  }
  return bytes > kMaxHeadingBytes ? std::string() : doc.TextContent(id);
}

// The end (exclusive) of `id`'s subtree in pre-order ids.
NodeId SubtreeEnd(const html::Document& doc, NodeId id) {
  uint32_t depth = doc.node(id).depth;
  NodeId k = id + 1;
  while (k < doc.size() && doc.node(k).depth > depth) ++k;
  return k;
}

struct Heading {
  NodeId node;
  ListKind kind;
};

// Elements whose whole short text is a list heading: <h3>相关阅读</h3>,
// <b>相关文章</b> at the top of a table cell, <div class=hd>相关新闻 <a>更多</a>.
// A heading that is itself a link is navigation (the 相关文章 tab of a nav row).
std::vector<Heading> FindHeadings(const html::Document& doc, const PageStats& stats) {
  std::vector<Heading> out;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (doc.node(id).type != NodeType::kElement || doc.IsElement(id, Tag::kA)) continue;
    const NodeInfo& info = stats[id];
    if (info.flags & (kSkip | kInLink)) continue;
    if (info.chars < 2 || info.chars > 24 || info.link_chars * 2 > info.chars) continue;
    ListKind kind = ClassifyHeading(HeadingText(doc, id));
    if (kind == ListKind::kNone) continue;
    // <div><h3>相关阅读</h3></div>: keep the innermost element only.
    if (!out.empty() && out.back().node == doc.node(id).parent &&
        stats[out.back().node].chars == info.chars) {
      out.back() = {id, kind};
      continue;
    }
    out.push_back({id, kind});
  }
  return out;
}

// Toolbar links that sit next to lists: 【打印本页】, [关闭窗口], 返回首页.
bool IsToolbarText(std::string_view text) {
  bool bracketed = (text.starts_with("【") && text.ends_with("】")) ||
                   (text.starts_with("[") && text.ends_with("]"));
  if (bracketed && CountText(text).chars <= 8) return true;
  static constexpr std::string_view kWords[] = {"打印", "关闭", "返回", "收藏", "分享", "评论", "顶部"};
  if (CountText(text).chars > 8) return false;
  for (std::string_view word : kWords) {
    if (text.find(word) != std::string_view::npos) return true;
  }
  return false;
}

bool IsArticleLinkText(std::string_view text) {
  if (IsToolbarText(text)) return false;
  TextCounts counts = CountText(text);
  if (counts.cjk >= 4) return true;
  return counts.chars >= 12 && text.find(' ') != std::string_view::npos;
}

std::optional<Link> MakeLink(const html::Document& doc, NodeId a, std::string_view page_url) {
  std::string_view href = doc.attr(a, "href");
  if (href.empty() || href.front() == '#') return std::nullopt;
  std::string title = doc.TextContent(a);
  if (title.empty()) title = CollapseSpace(doc.attr(a, "title"));
  if (!IsArticleLinkText(title)) return std::nullopt;
  std::string target(href);
  if (!page_url.empty()) {
    Result<std::string> resolved = url::Resolve(page_url, href);
    if (!resolved.ok()) return std::nullopt;
    target = std::move(*resolved);
  }
  if (!url::IsHttp(target) && !page_url.empty()) return std::nullopt;
  if (!page_url.empty() && target == page_url) return std::nullopt;
  return Link{std::move(title), std::move(target)};
}

// The links after heading `h`, inside the smallest ancestor (up to three
// levels) that holds at least two of them, stopping at the next heading.
std::vector<Link> ListAfterHeading(const html::Document& doc, const PageStats& stats,
                                   const std::vector<Heading>& headings, size_t index,
                                   std::string_view page_url) {
  NodeId h = headings[index].node;
  NodeId start = SubtreeEnd(doc, h);
  NodeId stop = index + 1 < headings.size() ? headings[index + 1].node : static_cast<NodeId>(doc.size());
  NodeId scope = doc.node(h).parent;
  std::vector<Link> links;
  for (int level = 0; level < 3 && scope != html::kNoNode; ++level, scope = doc.node(scope).parent) {
    NodeId end = std::min(SubtreeEnd(doc, scope), stop);
    links.clear();
    for (NodeId k = start; k < end; ++k) {
      // Another heading starts another box: the list has ended. A heading
      // that is a link (<h4><a>title</a></h4>) is an item of this list.
      if (stats.Has(k, kHeadingLike) && stats[k].link_chars * 2 < stats[k].chars) break;
      if (!doc.IsElement(k, Tag::kA) || stats.Has(k, kSkip)) continue;
      if (std::optional<Link> link = MakeLink(doc, k, page_url)) links.push_back(std::move(*link));
    }
    if (links.size() >= 2) break;
  }
  return links;
}

void AppendUnique(std::vector<Link>* out, std::vector<Link> links) {
  for (Link& link : links) {
    bool seen = std::any_of(out->begin(), out->end(), [&](const Link& l) { return l.url == link.url; });
    if (!seen) out->push_back(std::move(link));
  }
}

}  // namespace

std::vector<Link> FindRelated(const html::Document& doc, const PageStats& stats, std::string_view page_url) {
  std::vector<Heading> headings = FindHeadings(doc, stats);
  std::vector<Link> related, site_lists;
  bool has_own_list = false;
  for (size_t i = 0; i < headings.size(); ++i) {
    if (headings[i].kind == ListKind::kPopular) continue;  // a heading, hence a stop, never a source
    std::vector<Link> links = ListAfterHeading(doc, stats, headings, i, page_url);
    has_own_list |= headings[i].kind == ListKind::kRelated;
    AppendUnique(headings[i].kind == ListKind::kRelated ? &related : &site_lists, std::move(links));
  }
  // A page with its own list - even an empty one, as on a section's first
  // article - has said what is related; the site's lists are not.
  return has_own_list ? related : site_lists;
}

bool IsListHeading(std::string_view text) {
  return CountText(text).chars <= 24 && ClassifyHeading(text) != ListKind::kNone;
}

bool OpensWithListHeading(const html::Document& doc, const PageStats& stats, NodeId id) {
  // The heading is among the first few elements: <div><h3>最新文章</h3><ul>...
  NodeId end = doc.SubtreeEnd(id);
  int elements = 0;
  for (NodeId k = id + 1; k < end && elements < 6; ++k) {
    if (doc.node(k).type != NodeType::kElement) continue;
    ++elements;
    const NodeInfo& info = stats[k];
    if (doc.IsElement(k, Tag::kA) || (info.flags & (kSkip | kInLink))) continue;
    if (info.chars < 2 || info.chars > 24 || info.link_chars * 2 > info.chars) continue;
    if (ClassifyHeading(HeadingText(doc, k)) != ListKind::kNone) return true;
  }
  return false;
}

std::vector<Link> LinksUnder(const html::Document& doc, const std::vector<NodeId>& roots,
                             std::string_view page_url) {
  std::vector<Link> out;
  for (NodeId root : roots) {
    std::vector<Link> links;
    for (NodeId k = root, end = SubtreeEnd(doc, root); k < end; ++k) {
      if (!doc.IsElement(k, Tag::kA)) continue;
      if (std::optional<Link> link = MakeLink(doc, k, page_url)) links.push_back(std::move(*link));
    }
    AppendUnique(&out, std::move(links));
  }
  return out;
}

std::vector<std::string> AllLinks(const html::Document& doc, std::string_view page_url) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (!doc.IsElement(id, Tag::kA) && !doc.IsElement(id, Tag::kArea)) continue;
    std::string_view href = doc.attr(id, "href");
    if (href.empty() || href.front() == '#') continue;
    Result<std::string> target = page_url.empty() ? Result<std::string>(std::string(href))
                                                  : url::Resolve(page_url, href);
    if (!target.ok() || !url::IsHttp(*target)) continue;
    std::string link = std::move(*target);
    if (size_t hash = link.find('#'); hash != std::string::npos) link.resize(hash);
    if (seen.insert(link).second) out.push_back(std::move(link));
  }
  return out;
}

namespace {

// A page URL split into the part shared by all pages of one article and
// its page number: "/a/123_2.html" -> ("/a/123.html", 2).
struct PageKey {
  std::string stem;
  int number = 1;
};

PageKey KeyOf(std::string_view absolute) {
  PageKey key;
  Result<url::Url> parsed = url::Parse(absolute);
  if (!parsed.ok()) {
    key.stem = absolute;
    return key;
  }
  std::string path = parsed->path;
  size_t dot = path.rfind('.');
  size_t slash = path.rfind('/');
  std::string ext;
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
    ext = path.substr(dot);
    path.resize(dot);
  }
  // _2, -2 at the end of the file name.
  size_t digits = path.size();
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(path[digits - 1]))) --digits;
  if (digits < path.size() && digits > 0 && (path[digits - 1] == '_' || path[digits - 1] == '-') &&
      path.size() - digits <= 3) {
    key.number = std::stoi(path.substr(digits));
    path.resize(digits - 1);
  }
  // ?page=2 / ?p=2
  std::string query = parsed->query;
  for (std::string_view name : {"page=", "p=", "pg="}) {
    size_t at = query.find(name);
    if (at != std::string::npos && (at == 0 || query[at - 1] == '&')) {
      size_t v = at + name.size();
      size_t e = query.find('&', v);
      std::string value = query.substr(v, e == std::string::npos ? std::string::npos : e - v);
      if (!value.empty() && value.size() <= 3 &&
          std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
        key.number = std::stoi(value);
      }
      query.erase(at, (e == std::string::npos ? query.size() : e + 1) - at);
    }
  }
  key.stem = parsed->host + path + ext + "?" + query;
  return key;
}

bool IsNextText(std::string_view raw) {
  std::string text = AsciiLower(CollapseSpace(raw));
  static constexpr std::string_view kNext[] = {"下一页", "下页", "下一頁", "后一页", "next",
                                               "next page", "next »", "next ›", "»", "›", "next>"};
  return std::find(std::begin(kNext), std::end(kNext), text) != std::end(kNext);
}

std::optional<int> PageNumberText(std::string_view raw) {
  std::string text = CollapseSpace(raw);
  // "[2]" and "第2页" are common pager labels.
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (text.starts_with("第") && text.ends_with("页")) text = text.substr(3, text.size() - 6);
  if (text.empty() || text.size() > 2) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) return std::nullopt;
  int n = std::stoi(text);
  return n >= 1 ? std::optional<int>(n) : std::nullopt;
}

}  // namespace

std::vector<std::string> FindNextPages(const html::Document& doc, const PageStats& stats,
                                       std::string_view page_url, std::string_view rel_next) {
  PageKey current = KeyOf(page_url);
  std::map<int, std::string> pages;  // page number -> URL
  auto consider = [&](std::string_view href, std::optional<int> number) {
    // Without the page's address a bare "2" could be any pager; only an
    // explicit next link is trusted then.
    if (page_url.empty() && number) return;
    std::string target(href);
    if (!page_url.empty()) {
      Result<std::string> resolved = url::Resolve(page_url, href);
      if (!resolved.ok()) return;
      target = std::move(*resolved);
    }
    PageKey key = KeyOf(target);
    if (!page_url.empty() && key.stem != current.stem) return;  // another article's or a list's pager
    int n = number.value_or(key.number);
    if (n <= current.number || target == page_url) return;
    pages.emplace(n, std::move(target));
  };
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (!doc.IsElement(id, Tag::kA) || stats.Has(id, kSkip)) continue;
    std::string_view href = doc.attr(id, "href");
    if (href.empty() || href.front() == '#' || href.starts_with("javascript:")) continue;
    std::string text = doc.TextContent(id);
    if (doc.attr(id, "rel") == "next" || IsNextText(text)) {
      consider(href, std::nullopt);
    } else if (std::optional<int> n = PageNumberText(text)) {
      consider(href, n);
    }
  }
  if (!rel_next.empty()) consider(rel_next, std::nullopt);
  std::vector<std::string> out;
  for (auto& [n, target] : pages) {
    if (std::find(out.begin(), out.end(), target) == out.end()) out.push_back(std::move(target));
  }
  return out;
}

}  // namespace gleaner::extract::internal
