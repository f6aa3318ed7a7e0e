// Extract(): runs the passes over one parsed page and settles each field
// from the signals they found, strongest first; site rules override all.
#include "gleaner/extract.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

#include "content.h"
#include "date_choice.h"
#include "extract_internal.h"
#include "gleaner/url.h"
#include "info_lines.h"
#include "links.h"
#include "page_stats.h"
#include "presets.h"
#include "text_util.h"

namespace gleaner::extract {
namespace {

using html::NodeId;
using html::NodeType;
using html::Tag;
using namespace internal;

constexpr int kChinaOffsetMin = 8 * 60;  // +08:00: the zone of Chinese-language pages
// How much text under the title is read for its info lines, and after the
// body for a post footer's date.
constexpr size_t kMaxInfoChars = 600;
constexpr size_t kMaxFooterChars = 200;

// Selectors from the site rules, compiled once per page; a selector that
// does not parse is ignored here (`gleaner rules check` reports it).
// `origin` names where each came from, for --explain.
struct RuleNodes {
  NodeId title = html::kNoNode, date = html::kNoNode, body = html::kNoNode;
  NodeId source = html::kNoNode, author = html::kNoNode;
  std::vector<NodeId> related;
  std::vector<NodeId> dropped;
  std::string title_origin, date_origin, body_origin, source_origin, author_origin;
};

NodeId FirstMatch(const html::Document& doc, const std::string& css) {
  if (css.empty()) return html::kNoNode;
  Result<html::Selector> selector = html::Selector::Parse(css);
  return selector.ok() ? selector->SelectFirst(doc) : html::kNoNode;
}

std::vector<NodeId> AllMatches(const html::Document& doc, const std::string& css) {
  if (css.empty()) return {};
  Result<html::Selector> selector = html::Selector::Parse(css);
  return selector.ok() ? selector->SelectAll(doc) : std::vector<NodeId>{};
}

// A preset's selector counts only when what it found is usable: templates
// get customised, and then the generic extractor knows better.
bool Usable(const html::Document& doc, NodeId id, uint32_t min_chars, uint32_t max_chars) {
  if (id == html::kNoNode) return false;
  uint32_t chars = CountText(doc.TextContent(id)).chars;
  return chars >= min_chars && chars <= max_chars;
}

// Site rules win field by field; a detected CMS preset fills the fields
// the rules leave empty, softly.
RuleNodes ApplyRules(const html::Document& doc, const ExtractRules* rules, const Preset* preset) {
  RuleNodes nodes;
  auto take = [&](NodeId* slot, std::string* origin, const std::string& rule_css, const std::string& preset_css,
                  uint32_t min_chars, uint32_t max_chars) {
    if (rules && !rule_css.empty()) {
      *slot = FirstMatch(doc, rule_css);
      *origin = "site rules";
      return;
    }
    if (!preset || preset_css.empty()) return;
    NodeId found = FirstMatch(doc, preset_css);
    if (!Usable(doc, found, min_chars, max_chars)) return;
    *slot = found;
    *origin = "preset " + std::string(preset->name);
  };
  const ExtractRules empty;
  const ExtractRules& r = rules ? *rules : empty;
  const ExtractRules& p = preset ? preset->rules : empty;
  take(&nodes.title, &nodes.title_origin, r.title, p.title, 4, 200);
  take(&nodes.date, &nodes.date_origin, r.date, p.date, 6, 300);
  take(&nodes.body, &nodes.body_origin, r.body, p.body, 100, UINT32_MAX);
  take(&nodes.source, &nodes.source_origin, r.source, p.source, 2, 300);
  take(&nodes.author, &nodes.author_origin, r.author, p.author, 2, 60);
  nodes.related = AllMatches(doc, r.related);
  for (const std::vector<std::string>* drop : {&r.drop, &p.drop}) {
    for (const std::string& css : *drop) {
      std::vector<NodeId> found = AllMatches(doc, css);
      nodes.dropped.insert(nodes.dropped.end(), found.begin(), found.end());
    }
  }
  return nodes;
}

// ---- title -----------------------------------------------------------------

// Similarity of two titles as the share of the shorter one's characters
// found in order inside the longer (a cheap containment test).
bool TitleMatches(std::string_view heading, std::string_view reference) {
  if (heading.empty() || reference.empty()) return false;
  if (reference.find(heading) != std::string_view::npos) return true;
  return heading.find(reference) != std::string_view::npos;
}

// A heading's text up to its first <br>: PHPCMS-style templates put the
// info line inside the <h1> after a line break.
std::string HeadingText(const html::Document& doc, NodeId heading) {
  std::string text;
  uint32_t depth = doc.node(heading).depth;
  for (NodeId k = heading + 1; k < doc.size() && doc.node(k).depth > depth; ++k) {
    if (doc.IsElement(k, Tag::kBr)) {
      if (CountText(text).chars >= 4) break;
      continue;
    }
    if (doc.node(k).type == NodeType::kText) text += doc.text(k);
  }
  return CollapseSpace(text);
}

// The innermost visible element whose whole text is `text` (the headline
// styled with <font><b> in a table cell), or kNoNode.
NodeId FindText(const html::Document& doc, const PageStats& stats, std::string_view text) {
  uint32_t chars = CountText(text).chars;
  NodeId found = html::kNoNode;
  NodeId body = doc.body() != html::kNoNode ? doc.body() : doc.root();
  for (NodeId id = body + 1; id < doc.size(); ++id) {
    if (doc.node(id).type != NodeType::kElement || stats.Has(id, kSkip)) continue;
    // The first element showing the title, and inside it the innermost;
    // a later copy (the headline repeated atop the body) is not the title.
    if (found != html::kNoNode && id >= doc.SubtreeEnd(found)) break;
    if (stats[id].chars != chars) continue;
    if (doc.TextContent(id) == text) found = id;
    else if (found != html::kNoNode) break;
  }
  return found;
}

struct TitleChoice {
  std::string text;
  NodeId node = html::kNoNode;  // the heading it came from, if any
  std::string signal;           // what produced it (--explain)
  std::string runner_up;        // the best other candidate
};

// Where the lines under the title start: after the heading, or after the
// <br> inside it that ends the title (PHPCMS puts the info line there).
NodeId AfterTitle(const html::Document& doc, NodeId heading) {
  if (heading == html::kNoNode) return 1;
  NodeId end = doc.SubtreeEnd(heading);
  std::string text;
  for (NodeId k = heading + 1; k < end; ++k) {
    if (doc.IsElement(k, Tag::kBr) && CountText(text).chars >= 4) return k + 1;
    if (doc.node(k).type == NodeType::kText) text += doc.text(k);
  }
  return end;
}

TitleChoice ChooseTitle(const html::Document& doc, const PageStats& stats, const Metadata& meta) {
  std::string cleaned_html_title = CleanTitle(meta.html_title, meta.site_name);
  std::string meta_title = CleanTitle(meta.title, meta.site_name);
  std::string runner_up = !meta_title.empty() ? meta_title + " (metadata)"
                          : !cleaned_html_title.empty() ? cleaned_html_title + " (<title>)" : "";
  TitleChoice fallback;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (doc.node(id).type != NodeType::kElement || stats.Has(id, kSkip)) continue;
    Tag tag = doc.node(id).tag;
    if (tag != Tag::kH1 && tag != Tag::kH2) continue;
    std::string text = HeadingText(doc, id);
    uint32_t chars = CountText(text).chars;
    if (chars < 4 || chars > 200) continue;
    if (TitleMatches(text, meta.html_title) || TitleMatches(text, meta.title)) {
      return {text, id, std::string(TagName(tag)) + " matching <title>/og:title", runner_up};
    }
    if (tag == Tag::kH1 && fallback.node == html::kNoNode) fallback = {text, id, "first h1", runner_up};
  }
  std::string fallback_note = fallback.text.empty() ? "" : fallback.text + " (first h1)";
  if (!meta_title.empty()) {
    NodeId node = fallback.node != html::kNoNode ? fallback.node : FindText(doc, stats, meta_title);
    return {meta_title, node, "og:title / JSON-LD headline", fallback_note};
  }
  // 36氪's "标题-36氪": the state's own title is the headline when it is a
  // strict piece of what the cleaner left of <title>.
  const std::string& script_title = meta.script.title;
  if (!script_title.empty() && script_title.size() < cleaned_html_title.size() &&
      cleaned_html_title.starts_with(script_title) && CountText(script_title).chars >= 4) {
    cleaned_html_title = script_title;
  }
  if (!cleaned_html_title.empty()) {
    NodeId node = fallback.node != html::kNoNode ? fallback.node : FindText(doc, stats, cleaned_html_title);
    return {cleaned_html_title, node, "<title> without the site name", fallback_note};
  }
  return fallback;
}

// ---- language --------------------------------------------------------------

// The primary language subtag ("zh-CN" -> "zh", "en-GB" -> "en"), except
// that Traditional Chinese keeps its region or script ("zh-HK", "zh-Hant"):
// readers of those pages want them told apart.
bool LooksEnglish(std::string_view text) {
  static constexpr std::string_view kWords[] = {"the", "and", "of", "to", "in", "is", "that", "for",
                                                "was", "with", "on", "it", "as", "are", "by"};
  size_t words = 0, common = 0;
  size_t i = 0;
  while (i < text.size() && words < 2000) {
    while (i < text.size() && !std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start) break;
    ++words;
    std::string word = AsciiLower(text.substr(start, i - start));
    if (std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords)) ++common;
  }
  // English prose runs at 20-30% of these words; other Latin-script
  // languages at a few percent.
  return words >= 30 && common * 100 >= words * 15;
}

std::string LanguageOf(const Metadata& meta, const NodeInfo& body_info, std::string_view body_text) {
  std::string lang = AsciiLower(CollapseSpace(meta.lang));
  std::replace(lang.begin(), lang.end(), '_', '-');
  size_t cut = lang.find('-');
  std::string primary = lang.substr(0, cut);
  if (primary == "zh" && cut != std::string::npos) {
    std::string rest = lang.substr(cut + 1);
    for (std::string_view region : {"tw", "hk", "mo"}) {
      if (rest == region || rest.ends_with("-" + std::string(region))) {
        std::string upper(region);
        for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
        return "zh-" + upper;
      }
    }
    if (rest.starts_with("hant")) return "zh-Hant";
  }
  bool han_text = body_info.chars > 0 && body_info.cjk * 2 > body_info.chars;
  bool letters = std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (primary.size() >= 2 && primary.size() <= 3 && letters && primary != "und") {
    // Chinese templates often keep lang="en" (or put the charset there:
    // content-language "utf-8"); text that is mostly Han says otherwise.
    if (han_text && primary != "zh" && primary != "ja" && primary != "ko") return "zh";
    return primary;
  }
  // Undeclared: Han script means Chinese; Latin text is English only when
  // its commonest function words say so.
  if (body_info.chars > 0 && body_info.cjk * 4 > body_info.chars) return "zh";
  return LooksEnglish(body_text) ? "en" : "";
}

// ---- tags -------------------------------------------------------------------

// Tag links a page shows (<a rel="tag">, WordPress and most blog themes).
std::vector<std::string> VisibleTags(const html::Document& doc, const PageStats& stats) {
  std::vector<std::string> tags;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (!doc.IsElement(id, Tag::kA) || stats.Has(id, kSkip)) continue;
    std::string_view rel = doc.attr(id, "rel");
    if (rel != "tag" && rel.find("tag") == std::string_view::npos) continue;
    if (rel.find("category") != std::string_view::npos) continue;  // WordPress: rel="category tag"
    std::string text = doc.TextContent(id);
    if (!text.empty() && text.size() < 60 && std::find(tags.begin(), tags.end(), text) == tags.end()) {
      tags.push_back(std::move(text));
    }
  }
  return tags;
}

// ---- confidence ------------------------------------------------------------

// A last path segment that is a generated id rather than a word: 10+
// characters mixing letters and digits (凤凰 /c/8hAbCdEfGhI, WeChat
// /s/Xk3mZpQ7aB9cDeF2gH4iJw).
bool EndsWithOpaqueId(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::string_view last = path.substr(path.rfind('/') + 1);
  if (last.size() < 10 || last.size() > 64) return false;
  bool letter = false, digit = false;
  for (char c : last) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letter = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if (c != '_' && c != '-') return false;
  }
  return letter && digit;
}

bool UrlLooksLikeArticle(std::string_view page_url) {
  Result<url::Url> parsed = url::Parse(page_url);
  if (!parsed.ok()) return false;
  const std::string& path = parsed->path;
  if (path == "/" || path.ends_with("/index.html") || path.ends_with("/index.shtml")) return false;
  // Ids in the query count too: WeChat's /s?__biz=…&mid=2247512345, view.php?aid=1234.
  std::string where = path + parsed->query;
  size_t digits = std::count_if(where.begin(), where.end(), [](unsigned char c) { return std::isdigit(c); });
  size_t dashes = std::count(path.begin(), path.end(), '-');
  return digits >= 4 || dashes >= 3 || EndsWithOpaqueId(path);
}

double Confidence(const Article& article, const Body& body, const Metadata& meta,
                  const PageStats& stats, std::string_view page_url) {
  double s = 0;
  double chars = std::max<uint32_t>(body.chars, 1);
  s += std::clamp(std::log2(chars / 250.0), -3.0, 2.5) * 0.8;
  s += body.paragraphs.size() >= 3 ? 0.4 : -0.6;
  s += article.title.empty() ? -1.0 : 0.3;
  s += article.published.empty() ? -0.4 : 0.7;
  if (meta.is_article_type) s += 0.8;
  if (!page_url.empty()) s += UrlLooksLikeArticle(page_url) ? 0.4 : -0.8;
  // Text with no markup around it is not an article page.
  if (stats.element_count() < 5) s -= 3.0;
  // A body that is a small share of a link-heavy page is a list page.
  double share = stats.page_chars() ? chars / stats.page_chars() : 0;
  if (share < 0.15) s -= 1.0;
  return 1.0 / (1.0 + std::exp(-(s - 0.5)));
}

}  // namespace

namespace {

// Records why a field came out as it did, when --explain asked.
void Explain(const Context& context, std::string field, std::string value, std::string signal,
             std::string runner_up = {}) {
  if (!context.explain) return;
  context.explain->choices.push_back({std::move(field), std::move(value), std::move(signal), std::move(runner_up)});
}

// Everything the field passes share for one page.
struct Page {
  const html::Document& doc;
  const Context& context;
  RuleNodes rules;
  Metadata meta;
  PageStats stats;
};

Body ReadBody(const Page& page, const std::string& title, NodeId title_node) {
  BodyOptions options;
  options.title = title;
  options.title_node = title_node;
  options.page_url = page.context.url;
  options.forced_container = page.rules.body;
  Explanation* explain = page.context.explain;
  if (explain) options.candidates = &explain->body_candidates;
  Body body = ExtractBody(page.doc, page.stats, options);
  if (explain) {
    for (NodeId id : body.containers) explain->body_containers.push_back(DescribeElement(page.doc, id));
  }
  // Pages that render with JavaScript carry the text in JSON instead.
  for (const std::string* fallback : {&page.meta.json_ld_body, &page.meta.embedded_body}) {
    if (body.chars < 200 && CountText(*fallback).chars > std::max<uint32_t>(body.chars * 2, 100)) {
      body.paragraphs = SplitParagraphs(*fallback);
      body.chars = CountText(*fallback).chars;
      Explain(page.context, "body", "", fallback == &page.meta.json_ld_body ? "JSON-LD articleBody" : "embedded page state");
    }
  }
  return body;
}

void ApplyRuleBylines(const Page& page, Article* article) {
  // Site rules name the element exactly; a preset's element is an info line
  // that must parse.
  if (page.rules.source != html::kNoNode) {
    std::string text = page.doc.TextContent(page.rules.source);
    Byline b = ParseByline(text);
    bool hard = page.rules.source_origin == "site rules";
    if (!b.source.empty() || hard) {
      article->source = b.source.empty() ? text : b.source;
      Explain(page.context, "source", article->source, page.rules.source_origin + ": source");
    }
  }
  if (page.rules.author != html::kNoNode) {
    std::string text = page.doc.TextContent(page.rules.author);
    Byline b = ParseByline(text);
    bool hard = page.rules.author_origin == "site rules";
    if (!b.authors.empty() || hard) {
      article->authors = b.authors.empty() ? std::vector<std::string>{text} : b.authors;
      Explain(page.context, "authors", text, page.rules.author_origin + ": author");
    }
  }
}

// The lines where pages print date, source and author: under and above
// the title, and the post footer right after the body (博客园's "posted @").
struct AroundTitle {
  NodeId after_title = html::kNoNode;
  std::vector<std::string> below, above, after_body;
};

AroundTitle ReadAroundTitle(const Page& page, NodeId title_node, const Body& body) {
  AroundTitle around;
  around.after_title = AfterTitle(page.doc, title_node);
  around.below = LinesAfter(page.doc, page.stats, around.after_title, kMaxInfoChars);
  around.above = LinesBefore(page.doc, page.stats, title_node);
  if (!body.containers.empty()) {
    NodeId end = page.doc.SubtreeEnd(body.containers.back());
    around.after_body = LinesAfter(page.doc, page.stats, end, kMaxFooterChars);
  }
  return around;
}

void SettleDates(const Page& page, const AroundTitle& around, const Body& body, const DateContext& date_context,
                 Article* article) {
  DateInputs in{&page.doc, &page.meta, page.rules.date, page.rules.date_origin, &around.below,
                &around.above, &body, &around.after_body, page.context.url};
  DateChoice dates = ChooseDates(in, date_context);
  int zone = date_context.default_offset_min;
  if (dates.published) {
    article->published = FormatWithZone(*dates.published, zone);
    article->published_raw = dates.raw;
    Explain(page.context, "published", article->published, dates.signal + ", from \"" + dates.raw + "\"");
  }
  if (dates.modified) article->modified = FormatWithZone(*dates.modified, zone);
}

void SettleBylines(const Page& page, const AroundTitle& around, NodeId title_node, const Body& body,
                   Article* article) {
  std::vector<std::string> title_lines = around.below;
  title_lines.insert(title_lines.end(), around.above.begin(), around.above.end());
  NodeId body_start = body.containers.empty() ? html::kNoNode : body.containers.front();
  InfoElements elements;
  if (title_node != html::kNoNode) elements = FindInfoElements(page.doc, page.stats, around.after_title, body_start);
  BylineSignals signals = ApplyBylines({&title_lines, &body, &page.meta, &elements, page.context.url}, article);
  if (!article->source.empty()) Explain(page.context, "source", article->source, signals.source, signals.source_runner_up);
  if (!article->authors.empty()) Explain(page.context, "authors", article->authors.front(), signals.authors);
  ApplyRuleBylines(page, article);
  if (article->editor.empty()) article->editor = EditorAnywhere(page.doc, page.stats);
}

}  // namespace

Article Extract(const html::Document& doc, const Context& context) {
  Article article;
  article.url = context.url;
  const Preset* preset = DetectPreset(doc, context.url);
  RuleNodes rules = ApplyRules(doc, context.rules, preset);
  if (preset) Explain(context, "template", std::string(preset->name), "CMS fingerprint (generator meta, paths, URL)");
  Page page{doc, context, rules, ReadMetadata(doc, context.url), PageStats(doc, rules.dropped)};
  const Metadata& meta = page.meta;

  TitleChoice title = ChooseTitle(doc, page.stats, meta);
  if (rules.title != html::kNoNode) {
    title = {CollapseSpace(HeadingText(doc, rules.title)), rules.title, rules.title_origin + ": title", title.text};
  }
  article.title = title.text;
  Explain(context, "title", title.text, title.signal, title.runner_up);
  article.canonical_url = meta.canonical_url;

  Body body = ReadBody(page, article.title, title.node);
  article.body = JoinParagraphs(body.paragraphs);
  article.images = body.images;
  if (!meta.image.empty() && article.images.empty()) article.images.push_back({meta.image, ""});

  NodeId body_root = doc.body() != html::kNoNode ? doc.body() : doc.root();
  article.lang = LanguageOf(meta, page.stats[body_root], article.body);
  DateContext date_context;
  date_context.now = context.fetched_at;
  int zone = context.rules ? ParseOffset(context.rules->timezone) : kNoOffset;
  if (zone == kNoOffset && article.lang.starts_with("zh")) zone = kChinaOffsetMin;
  date_context.default_offset_min = zone;

  AroundTitle around = ReadAroundTitle(page, title.node, body);
  SettleDates(page, around, body, date_context, &article);
  SettleBylines(page, around, title.node, body, &article);
  article.tags = meta.tags.empty() ? VisibleTags(doc, page.stats) : meta.tags;

  article.related = rules.related.empty() ? FindRelated(doc, page.stats, context.url)
                                          : LinksUnder(doc, rules.related, context.url);
  article.next_pages = FindNextPages(doc, page.stats, context.url, meta.next_url);
  if (context.links) {
    context.links->links = AllLinks(doc, context.url);
    context.links->feeds = meta.feeds;
  }
  article.confidence = Confidence(article, body, meta, page.stats, context.url);
  return article;
}

}  // namespace gleaner::extract
