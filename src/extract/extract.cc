// Extract(): runs the passes over one parsed page and settles each field
// from the signals they found, strongest first; site rules override all.
#include "gleaner/extract.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "content.h"
#include "extract_internal.h"
#include "gleaner/url.h"
#include "links.h"
#include "page_stats.h"
#include "text_util.h"

namespace gleaner::extract {
namespace {

using html::NodeId;
using html::NodeType;
using html::Tag;
using namespace internal;

constexpr int kChinaOffsetMin = 8 * 60;  // +08:00: the zone of Chinese-language pages

// Selectors from the site rules, compiled once per page; a selector that
// does not parse is ignored here (`gleaner rules check` reports it).
struct RuleNodes {
  NodeId title = html::kNoNode, date = html::kNoNode, body = html::kNoNode;
  NodeId source = html::kNoNode, author = html::kNoNode;
  std::vector<NodeId> related;
  std::vector<NodeId> dropped;
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

RuleNodes ApplyRules(const html::Document& doc, const ExtractRules* rules) {
  RuleNodes nodes;
  if (!rules) return nodes;
  nodes.title = FirstMatch(doc, rules->title);
  nodes.date = FirstMatch(doc, rules->date);
  nodes.body = FirstMatch(doc, rules->body);
  nodes.source = FirstMatch(doc, rules->source);
  nodes.author = FirstMatch(doc, rules->author);
  nodes.related = AllMatches(doc, rules->related);
  for (const std::string& css : rules->drop) {
    std::vector<NodeId> found = AllMatches(doc, css);
    nodes.dropped.insert(nodes.dropped.end(), found.begin(), found.end());
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

struct TitleChoice {
  std::string text;
  NodeId node = html::kNoNode;  // the heading it came from, if any
};

TitleChoice ChooseTitle(const html::Document& doc, const PageStats& stats, const Metadata& meta) {
  std::string cleaned_html_title = CleanTitle(meta.html_title, meta.site_name);
  std::string meta_title = CleanTitle(meta.title, meta.site_name);
  TitleChoice fallback;
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (doc.node(id).type != NodeType::kElement || stats.Has(id, kSkip)) continue;
    Tag tag = doc.node(id).tag;
    if (tag != Tag::kH1 && tag != Tag::kH2) continue;
    std::string text = doc.TextContent(id);
    uint32_t chars = CountText(text).chars;
    if (chars < 4 || chars > 200) continue;
    if (TitleMatches(text, meta.html_title) || TitleMatches(text, meta.title)) return {text, id};
    if (tag == Tag::kH1 && fallback.node == html::kNoNode) fallback = {text, id};
  }
  if (!meta_title.empty()) return {meta_title, fallback.node};
  if (!cleaned_html_title.empty()) return {cleaned_html_title, fallback.node};
  return fallback;
}

// ---- the lines under the title ---------------------------------------------

// The visible text lines (one per block) that follow `start` in the page,
// up to `max_chars` characters: where portals print date, source and author.
std::vector<std::string> LinesAfter(const html::Document& doc, const PageStats& stats, NodeId start,
                                    size_t max_chars) {
  std::vector<std::string> lines;
  std::string current;
  NodeId current_block = html::kNoNode;
  size_t total = 0;
  auto flush = [&] {
    std::string line = CollapseSpace(current);
    current.clear();
    if (!line.empty()) {
      total += line.size();
      lines.push_back(std::move(line));
    }
  };
  NodeId from = start == html::kNoNode ? 1 : start + 1;
  for (NodeId id = from; id < doc.size() && total < max_chars; ++id) {
    if (doc.node(id).type != NodeType::kText || stats.Has(id, kSkip)) continue;
    if (stats[id].block != current_block) {
      flush();
      current_block = stats[id].block;
    }
    current += doc.text(id);
    current += ' ';
  }
  flush();
  return lines;
}

// ---- dates -----------------------------------------------------------------

struct DateChoice {
  std::optional<DateTime> published, modified;
  std::string raw;
};

bool IsModifiedLabel(std::string_view line, size_t date_begin) {
  std::string_view before = line.substr(0, date_begin);
  if (before.size() > 40) before = before.substr(before.size() - 40);
  for (std::string_view label : {"更新", "修改", "更正", "Updated", "updated", "Modified", "更新時間"}) {
    if (before.find(label) != std::string_view::npos) return true;
  }
  return false;
}

void DatesFromLines(const std::vector<std::string>& lines, const DateContext& context, DateChoice* out) {
  for (const std::string& line : lines) {
    size_t offset = 0;
    while (offset < line.size()) {
      std::optional<DateMatch> match = FindDate(std::string_view(line).substr(offset), context);
      if (!match) break;
      size_t begin = offset + match->begin;
      if (IsModifiedLabel(line, begin)) {
        if (!out->modified) out->modified = match->when;
      } else if (!out->published) {
        out->published = match->when;
        out->raw = line.substr(begin, match->end - match->begin);
      }
      offset += match->end;
      if (out->published && out->modified) return;
    }
    if (out->published) return;
  }
}

std::string FormatWithZone(DateTime when, int default_offset_min) {
  if (when.has_time() && when.tz_offset_min == kNoOffset && default_offset_min != kNoOffset) {
    when.tz_offset_min = default_offset_min;
  }
  return FormatIso(when);
}

int ParseOffset(std::string_view tz) {
  // "+08:00", "-0500", "+8"
  if (tz.empty() || (tz[0] != '+' && tz[0] != '-')) return kNoOffset;
  int sign = tz[0] == '-' ? -1 : 1;
  int hours = 0, minutes = 0;
  size_t i = 1;
  int digits = 0;
  while (i < tz.size() && std::isdigit(static_cast<unsigned char>(tz[i])) && digits < 2) {
    hours = hours * 10 + (tz[i++] - '0');
    ++digits;
  }
  if (i < tz.size() && tz[i] == ':') ++i;
  while (i < tz.size() && std::isdigit(static_cast<unsigned char>(tz[i]))) minutes = minutes * 10 + (tz[i++] - '0');
  if (digits == 0 || hours > 14 || minutes >= 60) return kNoOffset;
  return sign * (hours * 60 + minutes);
}

// ---- language --------------------------------------------------------------

std::string LanguageOf(const Metadata& meta, const NodeInfo& body_info) {
  std::string lang = AsciiLower(meta.lang);
  size_t cut = lang.find_first_of("-_");
  std::string primary = lang.substr(0, cut);
  if (primary.size() >= 2 && primary.size() <= 3 && primary != "und") return primary;
  // Undeclared: only a script that names its language is trusted.
  if (body_info.chars > 0 && body_info.cjk * 4 > body_info.chars) return "zh";
  return "";
}

// ---- confidence ------------------------------------------------------------

bool UrlLooksLikeArticle(std::string_view page_url) {
  Result<url::Url> parsed = url::Parse(page_url);
  if (!parsed.ok()) return false;
  const std::string& path = parsed->path;
  if (path == "/" || path.ends_with("/index.html") || path.ends_with("/index.shtml")) return false;
  size_t digits = std::count_if(path.begin(), path.end(), [](unsigned char c) { return std::isdigit(c); });
  size_t dashes = std::count(path.begin(), path.end(), '-');
  return digits >= 4 || dashes >= 3;
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
  // A body that is a small share of a link-heavy page is a list page.
  double share = stats.page_chars() ? chars / stats.page_chars() : 0;
  if (share < 0.15) s -= 1.0;
  return 1.0 / (1.0 + std::exp(-(s - 0.5)));
}

// ---- bylines ---------------------------------------------------------------

void ApplyBylines(const std::vector<std::string>& info_lines, const Body& body, const Metadata& meta,
                  Article* article) {
  Byline from_info;
  for (const std::string& line : info_lines) {
    Byline b = ParseByline(line);
    if (from_info.source.empty()) from_info.source = b.source;
    if (from_info.authors.empty()) from_info.authors = b.authors;
    if (from_info.editor.empty()) from_info.editor = b.editor;
  }
  // Lines taken out of the body: the closing "(来源:央视新闻)" names the
  // original outlet of a reprint, so the last one wins over the info line.
  Byline from_body;
  for (auto it = body.byline_lines.rbegin(); it != body.byline_lines.rend(); ++it) {
    Byline b = ParseByline(*it);
    if (from_body.source.empty()) from_body.source = b.source;
    if (from_body.authors.empty()) from_body.authors = b.authors;
    if (from_body.editor.empty()) from_body.editor = b.editor;
  }
  article->source = !from_body.source.empty() ? from_body.source
                    : !from_info.source.empty() ? from_info.source : meta.source;
  article->authors = !meta.authors.empty() ? meta.authors
                     : !from_info.authors.empty() ? from_info.authors : from_body.authors;
  article->editor = !from_body.editor.empty() ? from_body.editor : from_info.editor;
}

}  // namespace

Article Extract(const html::Document& doc, const Context& context) {
  Article article;
  article.url = context.url;
  RuleNodes rule_nodes = ApplyRules(doc, context.rules);
  Metadata meta = ReadMetadata(doc, context.url);
  PageStats stats(doc, rule_nodes.dropped);

  TitleChoice title = ChooseTitle(doc, stats, meta);
  if (rule_nodes.title != html::kNoNode) title = {doc.TextContent(rule_nodes.title), rule_nodes.title};
  article.title = title.text;
  article.canonical_url = meta.canonical_url;

  BodyOptions body_options;
  body_options.title = article.title;
  body_options.page_url = context.url;
  body_options.forced_container = rule_nodes.body;
  Body body = ExtractBody(doc, stats, body_options);
  // Pages that render with JavaScript carry the text in JSON instead.
  for (const std::string* fallback : {&meta.json_ld_body, &meta.embedded_body}) {
    if (body.chars < 200 && CountText(*fallback).chars > std::max<uint32_t>(body.chars * 2, 100)) {
      body.paragraphs = SplitParagraphs(*fallback);
      body.chars = CountText(*fallback).chars;
    }
  }
  article.body = JoinParagraphs(body.paragraphs);
  article.images = body.images;
  if (!meta.image.empty() && article.images.empty()) article.images.push_back({meta.image, ""});

  NodeId body_root = doc.body() != html::kNoNode ? doc.body() : doc.root();
  article.lang = LanguageOf(meta, stats[body_root]);
  DateContext date_context;
  date_context.now = context.fetched_at;
  int zone = context.rules ? ParseOffset(context.rules->timezone) : kNoOffset;
  if (zone == kNoOffset && article.lang == "zh") zone = kChinaOffsetMin;
  date_context.default_offset_min = zone;

  std::vector<std::string> info_lines = LinesAfter(doc, stats, title.node, 600);
  DateChoice dates;
  dates.published = meta.published;
  dates.modified = meta.modified;
  dates.raw = meta.published_raw;
  if (rule_nodes.date != html::kNoNode) {
    dates.published.reset();
    DatesFromLines({doc.TextContent(rule_nodes.date)}, date_context, &dates);
  }
  if (!dates.published) DatesFromLines(info_lines, date_context, &dates);
  if (!dates.published) DatesFromLines(body.byline_lines, date_context, &dates);
  if (!dates.published && !context.url.empty()) {
    if ((dates.published = DateFromUrl(context.url))) dates.raw = context.url;
  }
  if (dates.published) {
    article.published = FormatWithZone(*dates.published, zone);
    article.published_raw = dates.raw;
  }
  if (dates.modified) article.modified = FormatWithZone(*dates.modified, zone);

  ApplyBylines(info_lines, body, meta, &article);
  if (rule_nodes.source != html::kNoNode) {
    std::string text = doc.TextContent(rule_nodes.source);
    Byline b = ParseByline(text);
    article.source = b.source.empty() ? text : b.source;
  }
  if (rule_nodes.author != html::kNoNode) {
    std::string text = doc.TextContent(rule_nodes.author);
    Byline b = ParseByline(text);
    article.authors = b.authors.empty() ? std::vector<std::string>{text} : b.authors;
  }
  article.tags = meta.tags;

  article.related = rule_nodes.related.empty() ? FindRelated(doc, stats, context.url)
                                               : LinksUnder(doc, rule_nodes.related, context.url);
  article.next_pages = FindNextPages(doc, stats, context.url, meta.next_url);
  article.confidence = Confidence(article, body, meta, stats, context.url);
  return article;
}

}  // namespace gleaner::extract
