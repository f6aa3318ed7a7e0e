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
#include "presets.h"
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
    if (stats[id].chars != chars) continue;
    if (doc.TextContent(id) == text) found = id;  // later ids are deeper: keep the innermost
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
  if (!cleaned_html_title.empty()) {
    NodeId node = fallback.node != html::kNoNode ? fallback.node : FindText(doc, stats, cleaned_html_title);
    return {cleaned_html_title, node, "<title> without the site name", fallback_note};
  }
  return fallback;
}

// ---- the lines under the title ---------------------------------------------

// Info lines are short; a longer line is body text, of which only the
// start may hold a dateline ("BEIJING, March 14 (Xinhua) --").
constexpr size_t kMaxInfoLineBytes = 240;

// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
void TruncateUtf8(std::string* s, size_t max_bytes) {
  if (s->size() <= max_bytes) return;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>((*s)[cut]) & 0xC0) == 0x80) --cut;
  s->resize(cut);
}

// True for a line of running text rather than a label line: a sentence
// end, several clause commas, or length.
bool LooksLikeSentence(std::string_view line) {
  if (line.find("。") != std::string_view::npos) return true;
  TextCounts counts = CountText(line);
  if (counts.chars > 160) return true;
  size_t commas = 0;
  for (size_t at = line.find("，"); at != std::string_view::npos; at = line.find("，", at + 1)) ++commas;
  if (commas >= 2) return true;
  // English: a long line that ends like a sentence.
  return counts.cjk == 0 && counts.chars > 90 && (line.ends_with(".") || line.ends_with(".\""));
}

// The visible text lines (one per block) from node `from` on,
// up to `max_chars` characters: where portals print date, source and author.
std::vector<std::string> LinesAfter(const html::Document& doc, const PageStats& stats, NodeId from,
                                    size_t max_chars) {
  std::vector<std::string> lines;
  std::string current;
  NodeId current_block = html::kNoNode;
  size_t total = 0;
  bool reached_body = false;
  auto flush = [&] {
    TruncateUtf8(&current, 4 * kMaxInfoLineBytes);
    std::string line = CollapseSpace(current);
    current.clear();
    if (line.empty()) return;
    // The article text has started: names in it (本报讯（记者 …）) are not
    // the page's byline.
    if (LooksLikeSentence(line)) {
      reached_body = true;
      return;
    }
    TruncateUtf8(&line, kMaxInfoLineBytes);
    total += line.size();
    lines.push_back(std::move(line));
  };
  for (NodeId id = from; id < doc.size() && total < max_chars && !reached_body; ++id) {
    if (doc.IsElement(id, Tag::kBr)) {
      flush();
      continue;
    }
    if (doc.node(id).type != NodeType::kText || stats.Has(id, kSkip)) continue;
    if (stats[id].block != current_block) {
      flush();
      current_block = stats[id].block;
    }
    if (current.size() < 4 * kMaxInfoLineBytes) {
      current += doc.text(id);
      current += ' ';
    }
  }
  flush();
  return lines;
}

// ---- dates -----------------------------------------------------------------

struct DateChoice {
  std::optional<DateTime> published, modified;
  std::string raw;
  std::string signal;  // where the published date came from (--explain)
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
  if (primary.size() >= 2 && primary.size() <= 3 && primary != "und") return primary;
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
    std::string text = doc.TextContent(id);
    if (!text.empty() && text.size() < 60 && std::find(tags.begin(), tags.end(), text) == tags.end()) {
      tags.push_back(std::move(text));
    }
  }
  return tags;
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
  // Text with no markup around it is not an article page.
  if (stats.element_count() < 5) s -= 3.0;
  // A body that is a small share of a link-heavy page is a list page.
  double share = stats.page_chars() ? chars / stats.page_chars() : 0;
  if (share < 0.15) s -= 1.0;
  return 1.0 / (1.0 + std::exp(-(s - 0.5)));
}

// ---- bylines ---------------------------------------------------------------

// "记者 韩磊 摄" names a photographer, not an author.
bool IsPhotoCredit(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == ')')) line.remove_suffix(1);
  if (line.ends_with("）")) line.remove_suffix(3);
  return line.ends_with("摄") || line.ends_with("攝") || line.ends_with("供图") || line.ends_with("摄影");
}

// 责任编辑 lines sit in article footers, which the body leaves out; one per
// page, so the first anywhere in the page is taken.
std::string EditorAnywhere(const html::Document& doc, const PageStats& stats) {
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (doc.node(id).type != NodeType::kText || stats.Has(id, kSkip)) continue;
    std::string_view text = doc.text(id);
    if (text.size() > 300) continue;
    if (text.find("编辑") == std::string_view::npos && text.find("編輯") == std::string_view::npos &&
        text.find("责编") == std::string_view::npos) continue;
    NodeId block = stats[id].block;
    std::string line = block == html::kNoNode ? std::string(text) : doc.TextContent(block);
    if (line.size() > 300) line = std::string(text);
    Byline b = ParseByline(line);
    if (!b.editor.empty()) return b.editor;
  }
  return {};
}

// Where source and authors came from, for --explain.
struct BylineSignals {
  std::string source, source_runner_up, authors;
};

BylineSignals ApplyBylines(const std::vector<std::string>& info_lines, const Body& body, const Metadata& meta,
                           Article* article) {
  Byline from_info;
  for (const std::string& line : info_lines) {
    if (IsPhotoCredit(line)) continue;
    Byline b = ParseByline(line);
    if (from_info.source.empty()) from_info.source = b.source;
    if (from_info.authors.empty()) from_info.authors = b.authors;
    if (from_info.editor.empty()) from_info.editor = b.editor;
  }
  // Lines taken out of the body: the closing "(来源:央视新闻)" names the
  // original outlet of a reprint, so the last one wins over the info line.
  Byline from_body;
  for (auto it = body.byline_lines.rbegin(); it != body.byline_lines.rend(); ++it) {
    if (IsPhotoCredit(*it)) continue;
    Byline b = ParseByline(*it);
    if (from_body.source.empty()) from_body.source = b.source;
    if (from_body.authors.empty()) from_body.authors = b.authors;
    if (from_body.editor.empty()) from_body.editor = b.editor;
  }
  BylineSignals signals;
  if (!from_body.source.empty()) {
    article->source = from_body.source;
    signals.source = "a closing 来源 line of the body";
    if (!from_info.source.empty()) signals.source_runner_up = from_info.source + " (the lines under the title)";
  } else if (!from_info.source.empty()) {
    article->source = from_info.source;
    signals.source = "the lines under the title";
  } else {
    article->source = meta.source;
    signals.source = "meta source";
  }
  if (!meta.source.empty() && article->source != meta.source && signals.source_runner_up.empty()) {
    signals.source_runner_up = meta.source + " (meta)";
  }
  // The byline a reader sees beats meta tags, which CMS templates often
  // fill with their own name ("Discuz! Team").
  article->authors = !from_info.authors.empty() ? from_info.authors
                     : !meta.authors.empty() ? meta.authors : from_body.authors;
  signals.authors = !from_info.authors.empty() ? "the byline under the title"
                    : !meta.authors.empty() ? "author metadata" : "a byline line in the body";
  article->editor = !from_body.editor.empty() ? from_body.editor : from_info.editor;
  return signals;
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

Body ReadBody(const Page& page, const std::string& title) {
  BodyOptions options;
  options.title = title;
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

DateChoice ChooseDates(const Page& page, const std::vector<std::string>& info_lines, const Body& body,
                       const DateContext& date_context) {
  DateChoice dates;
  dates.published = page.meta.published;
  dates.modified = page.meta.modified;
  dates.raw = page.meta.published_raw;
  dates.signal = "page metadata (JSON-LD, article:published_time, meta, <time>)";
  // Site rules override the page's metadata; a preset only stands in for it.
  bool from_site_rules = page.rules.date_origin == "site rules";
  if (page.rules.date != html::kNoNode && (from_site_rules || !page.meta.published)) {
    DateChoice ruled;
    DatesFromLines({page.doc.TextContent(page.rules.date)}, date_context, &ruled);
    if (ruled.published) {
      dates.published = ruled.published;
      dates.raw = ruled.raw;
      dates.signal = page.rules.date_origin + ": date";
    } else if (from_site_rules) {
      dates.published.reset();
    }
  }
  if (!dates.published) {
    DatesFromLines(info_lines, date_context, &dates);
    dates.signal = "the lines under the title";
  }
  if (!dates.published) {
    DatesFromLines(body.byline_lines, date_context, &dates);
    dates.signal = "a byline line in the body";
  }
  const std::string& url = page.context.url;
  if (!dates.published && !url.empty() && (dates.published = DateFromUrl(url))) {
    dates.raw = url;
    dates.signal = "the URL";
  }
  return dates;
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

  Body body = ReadBody(page, article.title);
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

  std::vector<std::string> info_lines = LinesAfter(doc, page.stats, AfterTitle(doc, title.node), 600);
  DateChoice dates = ChooseDates(page, info_lines, body, date_context);
  if (dates.published) {
    article.published = FormatWithZone(*dates.published, zone);
    article.published_raw = dates.raw;
    Explain(context, "published", article.published, dates.signal + ", from \"" + dates.raw + "\"");
  }
  if (dates.modified) article.modified = FormatWithZone(*dates.modified, zone);

  BylineSignals bylines = ApplyBylines(info_lines, body, meta, &article);
  if (!article.source.empty()) Explain(context, "source", article.source, bylines.source, bylines.source_runner_up);
  if (!article.authors.empty()) Explain(context, "authors", article.authors.front(), bylines.authors);
  ApplyRuleBylines(page, &article);
  if (article.editor.empty()) article.editor = EditorAnywhere(doc, page.stats);
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
