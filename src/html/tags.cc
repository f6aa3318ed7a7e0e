// Tag names, the GumboTag -> Tag table and which tags render as blocks.
#include <gumbo.h>

#include <array>
#include <string_view>
#include <unordered_map>

#include "html_internal.h"

namespace gleaner::html {

namespace {

// Indexed by Tag; the order must follow the enum in gleaner/html.h.
constexpr std::string_view kTagNames[] = {
    "",
    "html", "head", "body", "title", "meta", "link", "base", "script", "style",
    "noscript", "template",
    "a", "p", "div", "span", "section", "article", "main", "header", "footer", "nav",
    "aside", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup",
    "ul", "ol", "li", "dl", "dt", "dd", "menu",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "colgroup", "col",
    "img", "figure", "figcaption", "picture", "source", "video", "audio", "iframe",
    "embed", "object", "canvas", "svg", "math", "map", "area",
    "form", "input", "button", "select", "option", "textarea", "label", "fieldset",
    "legend",
    "br", "hr", "wbr", "pre", "code", "blockquote", "q", "cite", "address",
    "em", "strong", "b", "i", "u", "s", "small", "big", "sup", "sub", "mark", "abbr",
    "time", "font", "center", "del", "ins", "strike", "tt", "kbd", "samp", "var", "dfn",
    "details", "summary", "dialog", "nobr",
};
static_assert(std::size(kTagNames) == static_cast<size_t>(Tag::kCount),
              "kTagNames must list every Tag in enum order");

constexpr Tag kBlockTags[] = {
    Tag::kHtml, Tag::kBody, Tag::kTitle, Tag::kP, Tag::kDiv, Tag::kSection,
    Tag::kArticle, Tag::kMain, Tag::kHeader, Tag::kFooter, Tag::kNav, Tag::kAside,
    Tag::kH1, Tag::kH2, Tag::kH3, Tag::kH4, Tag::kH5, Tag::kH6, Tag::kHgroup,
    Tag::kUl, Tag::kOl, Tag::kLi, Tag::kDl, Tag::kDt, Tag::kDd, Tag::kMenu,
    Tag::kTable, Tag::kCaption, Tag::kThead, Tag::kTbody, Tag::kTfoot, Tag::kTr,
    Tag::kTd, Tag::kTh, Tag::kFigure, Tag::kFigcaption, Tag::kForm,
    Tag::kFieldset, Tag::kLegend, Tag::kBr, Tag::kHr, Tag::kPre, Tag::kBlockquote,
    Tag::kAddress, Tag::kCenter, Tag::kDetails, Tag::kSummary, Tag::kDialog,
    Tag::kOption, Tag::kSelect, Tag::kTextarea, Tag::kIframe, Tag::kVideo,
    Tag::kAudio, Tag::kCanvas, Tag::kNoscript,
};

struct Tables {
  std::unordered_map<std::string_view, Tag> by_name;
  std::array<Tag, GUMBO_TAG_LAST + 1> by_gumbo{};
  std::array<bool, static_cast<size_t>(Tag::kCount)> block{};

  Tables() {
    for (size_t i = 1; i < std::size(kTagNames); ++i) {
      by_name.emplace(kTagNames[i], static_cast<Tag>(i));
    }
    for (int t = 0; t < GUMBO_TAG_UNKNOWN; ++t) {
      auto it = by_name.find(gumbo_normalized_tagname(static_cast<GumboTag>(t)));
      by_gumbo[t] = it == by_name.end() ? Tag::kOther : it->second;
    }
    for (Tag t : kBlockTags) block[static_cast<size_t>(t)] = true;
  }
};

const Tables& GetTables() {
  static const Tables tables;  // immutable after first use; C++11 magic static
  return tables;
}

}  // namespace

std::string_view TagName(Tag tag) {
  size_t i = static_cast<size_t>(tag);
  return i < std::size(kTagNames) ? kTagNames[i] : std::string_view();
}

namespace internal {

Tag TagFromName(std::string_view lower_name) {
  const auto& by_name = GetTables().by_name;
  auto it = by_name.find(lower_name);
  return it == by_name.end() ? Tag::kOther : it->second;
}

Tag TagFromGumbo(int gumbo_tag) {
  if (gumbo_tag < 0 || gumbo_tag > GUMBO_TAG_LAST) return Tag::kOther;
  return GetTables().by_gumbo[static_cast<size_t>(gumbo_tag)];
}

bool IsBlockTag(Tag tag) {
  size_t i = static_cast<size_t>(tag);
  return i < static_cast<size_t>(Tag::kCount) && GetTables().block[i];
}

}  // namespace internal
}  // namespace gleaner::html
