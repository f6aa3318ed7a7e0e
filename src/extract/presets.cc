// The preset table and its fingerprints. Each row says what the template's
// default article page looks like; selectors are soft (see presets.h), so
// a customised template falls back to the generic extractor field by field.
#include "presets.h"

#include <algorithm>
#include <array>
#include <string>

#include "text_util.h"

namespace gleaner::extract::internal {
namespace {

using html::NodeId;
using html::Tag;

struct Fingerprint {
  std::string_view generator;                    // in <meta name=generator>, lower case
  std::array<std::string_view, 4> path_markers;  // in href/src values of the page
  std::array<std::string_view, 2> url_markers;   // in the page's own URL
  std::array<std::string_view, 2> id_markers;    // an element id the template always has
};

struct Entry {
  Fingerprint print;
  Preset preset;
};

ExtractRules Rules(std::string title, std::string date, std::string body, std::string source,
                   std::vector<std::string> drop) {
  ExtractRules rules;
  rules.title = std::move(title);
  rules.date = std::move(date);
  rules.body = std::move(body);
  rules.source = std::move(source);
  rules.drop = std::move(drop);
  return rules;
}

const std::vector<Entry>& Table() {
  static const std::vector<Entry> table = {
      // DedeCMS (织梦) default article template: div.title h2, div.info, div.content
      // with the #contentMidPicAD slot; /plus/ scripts count views and diggs.
      {{"dedecms", {"/plus/count.php", "/plus/diggajax", "/templets/", "/plus/search.php"},
        {"/plus/view.php", ""}, {"contentMidPicAD", ""}},
       {"DedeCMS", Rules("div.title h2", "div.info", "div.content", "div.info",
                         {"#contentMidPicAD", ".context", ".handle", ".actbox", ".boxoff"})}},
      // PHPCMS v9: #Article > h1 (title, <br>, info span) and div.content.
      {{"phpcms", {"index.php?m=content&c=", "/statics/js/", "index.php?m=comment", "m=member&c=index"},
        {"index.php?m=content&c=index&a=show", ""}, {"Article", ""}},
       {"PHPCMS v9", Rules("#Article h1", "#Article h1 span", "#Article .content", "#Article h1 span",
                           {".Article-Tool", "#comment_iframe"})}},
      // EmpireCMS (帝国): /e/ is its system folder; articles in .newstext or #text.
      {{"empirecms", {"/e/public/viewclick", "/e/extend/", "/e/member/", "/e/search/"},
        {"", ""}, {"text", ""}},
       {"EmpireCMS", Rules("h1", ".info", ".newstext, #text", ".info", {".digg", ".pl_box"})}},
      // Discuz! X portal articles: portal.php?mod=view, h1.ph, p.xg1, #article_content.
      {{"discuz!", {"portal.php?mod=", "forum.php?mod=", "home.php?mod=", "static/image/common/"},
        {"portal.php?mod=view", "article-"}, {"article_content", ""}},
       {"Discuz! portal", Rules("h1.ph", "p.xg1", "#article_content", "p.xg1",
                                {"#click_div", "[id^=portal_block]"})}},
      // DESTOON B2B news: h1#title, .info, #article; show-ID.html URLs.
      {{"destoon", {"/member/", "destoon", "api/", ""}, {"show-", "show.php?itemid="}, {"title", "article"}},
       {"DESTOON", Rules("h1#title", ".info", "#article", ".info", {".b10", ".np"})}},
      // WordPress: .entry-title, time.entry-date, .entry-content; Jetpack and
      // plugin boxes inside the content.
      {{"wordpress", {"/wp-content/", "/wp-includes/", "wp-json", ""}, {"", ""}, {"", ""}},
       {"WordPress", Rules("h1.entry-title", "time.entry-date", ".entry-content, .post-content", "",
                           {".sharedaddy", ".addtoany_share_save_container", ".post-navigation",
                            ".author-bio"})}},
  };
  return table;
}

// Counts how many of the template's marks the page carries; a generator
// meta naming it settles it.
int Score(const Fingerprint& print, std::string_view generator, const std::string& refs,
          std::string_view page_url) {
  if (!generator.empty() && generator.find(print.generator) != std::string_view::npos) return 10;
  int score = 0;
  for (std::string_view marker : print.path_markers) {
    if (!marker.empty() && refs.find(marker) != std::string::npos) ++score;
  }
  for (std::string_view marker : print.url_markers) {
    if (!marker.empty() && page_url.find(marker) != std::string_view::npos) ++score;
  }
  return score;
}

}  // namespace

const Preset* DetectPreset(const html::Document& doc, std::string_view page_url) {
  std::string generator;
  std::string refs;  // every href/src, lower case, newline-separated
  std::vector<std::string_view> ids;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (doc.node(id).type != html::NodeType::kElement) continue;
    if (doc.IsElement(id, Tag::kMeta) && AsciiLower(doc.attr(id, "name")) == "generator") {
      generator += AsciiLower(doc.attr(id, "content"));
    }
    for (std::string_view name : {"href", "src", "action"}) {
      std::string_view value = doc.attr(id, name);
      if (!value.empty() && refs.size() < (1u << 20)) {
        refs += AsciiLower(value);
        refs += '\n';
      }
    }
    std::string_view ident = doc.attr(id, "id");
    if (!ident.empty()) ids.push_back(ident);
  }
  std::string url = AsciiLower(page_url);
  const Entry* best = nullptr;
  int best_score = 0;
  for (const Entry& entry : Table()) {
    int score = Score(entry.print, generator, refs, url);
    // The template's own element ids confirm path marks (alone they are too
    // generic: "title", "text").
    for (std::string_view mark : entry.print.id_markers) {
      if (score > 0 && !mark.empty() && std::find(ids.begin(), ids.end(), mark) != ids.end()) ++score;
    }
    if (score > best_score) {
      best_score = score;
      best = &entry;
    }
  }
  // Two independent marks, or the generator meta.
  return best && best_score >= 2 ? &best->preset : nullptr;
}

const Preset* PresetNamed(std::string_view name) {
  std::string wanted = AsciiLower(name);
  for (const Entry& entry : Table()) {
    if (AsciiLower(entry.preset.name) == wanted) return &entry.preset;
  }
  return nullptr;
}

}  // namespace gleaner::extract::internal
