// extract_internal: the pieces of the extractor and how they meet.
// Shared inside src/extract only.
//
//   metadata.cc  Metadata from <head>, JSON-LD, meta tags, <time>
//   dates.cc     date/time text -> DateTime (Chinese and English forms)
//   machine_dates.cc  meta/JSON-LD/epoch/URL dates -> DateTime; FormatIso
//   zh_patterns.cc    phrase tables (labels, nav words, relative dates...)
//   bylines.cc   来源/作者/编辑/Source/By lines -> source, authors, editor
//   title.cc     title cleaning (site suffixes) and heading choice
//   content.cc   main-content scoring and body text
//   links.cc     related-article lists, next pages of split articles
//   extract.cc   Extract(): runs the above, applies rules, confidence
#ifndef GLEANER_SRC_EXTRACT_EXTRACT_INTERNAL_H_
#define GLEANER_SRC_EXTRACT_EXTRACT_INTERNAL_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/article.h"
#include "gleaner/html.h"

namespace gleaner::extract::internal {

// ---- dates.cc -------------------------------------------------------------

inline constexpr int kNoOffset = -100000;  // tz_offset_min when unknown

struct DateTime {
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = -1, second = -1;  // -1: not given
  int tz_offset_min = kNoOffset;            // minutes east of UTC
  bool has_time() const { return hour >= 0; }
};

struct DateContext {
  // Relative dates (刚刚, 3分钟前, 昨天 08:30) resolve against this, and a
  // year-less date ("03-14 08:56") takes the latest year not after it.
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  // Offset applied to the resolved relative dates and used as the now's
  // local time (minutes east of UTC); +08:00 for Chinese pages.
  int default_offset_min = kNoOffset;
};

struct DateMatch {
  DateTime when;
  size_t begin = 0, end = 0;  // byte range of the match in the text
};

// Finds the first date (with its time, if one follows) in free text:
// "2025-03-14 08:56", "2025/3/14", "2025年3月14日 08:56", "2025年03月14日08:56",
// "08时56分", full-width digits, "Mar 14, 2025", "14 March 2025 10:00 GMT",
// relative forms. Returns nullopt when none.
std::optional<DateMatch> FindDate(std::string_view text, const DateContext& context);

// Like FindDate, but only dates that need no context: no relative forms
// (刚刚, 3小时前) and no year-less ones (03-14 08:56). ParseMachineDate's
// fallback; also for text whose "now" is unknown.
std::optional<DateMatch> FindAbsoluteDate(std::string_view text);

// Parses a machine date (ISO 8601, RFC 1123, "2025-03-14 08:56:00", epoch
// seconds/ms) as found in meta tags, JSON-LD and <time datetime>.
std::optional<DateTime> ParseMachineDate(std::string_view text);

// A date in the URL: /2025/03/14/, /2025-03-14/, /20250314/, t20250314_,
// /202503/14/. Date only.
std::optional<DateTime> DateFromUrl(std::string_view url);

// ISO 8601: "2025-03-14T08:56:00+08:00" when the time and offset are known,
// "2025-03-14T08:56:00" with time but no offset, "2025-03-14" date only.
std::string FormatIso(const DateTime& when);

// True when the calendar fields are a real date in 1990..2100 and the time
// fields, when given, are in range.
bool IsPlausible(const DateTime& when);

// ---- bylines.cc ------------------------------------------------------------

struct Byline {
  std::string source;                // 来源：新华社 -> 新华社
  std::vector<std::string> authors;  // 作者/记者/文/By, split on 、，/ 和 and
  std::string editor;                // 责任编辑/编辑
};

// Reads source, authors and editor from one short line of visible text
// (an info line under the title, or a closing "(来源:央视新闻)"). Fields not
// present stay empty. Navigation words are never taken as names.
Byline ParseByline(std::string_view line);

// True for words of page chrome that are never a name or a source (首页,
// 打印, 关闭, 分享, "大 中 小", Share, Print); surrounding punctuation is
// ignored ("【打印】"). The table is kNavWords in zh_patterns.cc.
bool IsNavWord(std::string_view word);

// True for the name of an outlet rather than a person: a known outlet
// (新华社, Reuters) or Chinese of 3-12 characters ending in 网, 社, 报, 台,
// 新闻... ("央视网", "湘中晚报", "人民网－人民日报").
bool IsOutletName(std::string_view name);

// True when a paragraph is only a byline/editor/source line (so the body
// leaves it out): "(来源:央视新闻)", "责任编辑：王五", "【编辑:张三】".
bool IsBylineOnly(std::string_view paragraph);

// ---- title.cc -------------------------------------------------------------

// Removes site suffixes/prefixes: "标题_新浪网", "标题 - 央视网",
// "Title | Reuters", "Site: Title" when `site_name` is known.
std::string CleanTitle(std::string_view title, std::string_view site_name = {});

// ---- metadata.cc ----------------------------------------------------------

// The article's record in the page's scripts (script_record.h): app state
// that renders the page (window.DATA, __NEXT_DATA__) and script variables
// (WeChat's `var ct`). Below what the visible page says, above the URL.
struct ScriptRecord {
  std::string title;  // the record's title: a run of <title> without the site
  std::optional<DateTime> published, modified;
  std::string published_raw;
  std::string source;
  std::vector<std::string> authors;
  std::string editor;
};

// What the page states about itself in machine-readable form.
struct Metadata {
  std::string title;           // og:title, JSON-LD headline, twitter:title
  std::string html_title;      // <title>
  std::string site_name;       // og:site_name, JSON-LD publisher name
  std::string canonical_url;   // <link rel=canonical>, og:url (absolute)
  std::string published_raw;   // the attribute/field text the date came from
  std::optional<DateTime> published;
  std::optional<DateTime> modified;
  std::vector<std::string> authors;
  std::string source;          // meta source/og:source-ish names
  std::string description;
  std::string lang;            // <html lang>, og:locale, content-language
  std::vector<std::string> tags;  // keywords, article:tag, JSON-LD keywords
  std::string image;           // og:image (absolute)
  std::string json_ld_body;    // JSON-LD articleBody, when present
  std::string embedded_body;   // from __NEXT_DATA__/__INITIAL_STATE__ etc.
  std::string next_url;        // <link rel=next>
  std::vector<std::string> feeds;  // <link rel=alternate type=rss/atom> (absolute)
  bool is_article_type = false;  // og:type article / JSON-LD *Article
  ScriptRecord script;           // the article's record in the page's scripts
  std::string generator;         // <meta name=generator> ("Discuz! X3.4")
};

// Reads metadata from the document. `page_url` resolves relative URLs.
Metadata ReadMetadata(const html::Document& doc, std::string_view page_url);

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_EXTRACT_INTERNAL_H_
