// zh_patterns: the phrases the extractor looks for in visible text, as data.
// Does:    holds every label, nav word, relative-date word, month name, time
//          zone and site-name marker the date, byline and title code matches,
//          so a phrase seen on a new portal is one table row (STYLE.md 2.5,
//          like trafilatura's xpaths.py). Each row in zh_patterns.cc says where
//          the phrase is seen. Despite the name, English phrases live here too.
// Owns:    static tables only (string literals; views never dangle).
// Threads: read-only data; safe from any thread.
// Touches: nothing.
#ifndef GLEANER_SRC_EXTRACT_ZH_PATTERNS_H_
#define GLEANER_SRC_EXTRACT_ZH_PATTERNS_H_

#include <span>
#include <string_view>

namespace gleaner::extract::internal {

using PhraseList = std::span<const std::string_view>;

// ---- bylines ----------------------------------------------------------------
// Label tables are ordered longest first where one label is a prefix or a
// suffix of another (本文来源 before 来源), because matching takes the first hit.

extern const PhraseList kSourceLabels;   // 来源, 稿源, 本文来源, Source ...
extern const PhraseList kAuthorLabels;   // 作者, 记者, 本报记者, 通讯员, By ...
extern const PhraseList kEditorLabels;   // 责任编辑, 编辑, Editor ...
// Labels that end the value before them and carry nothing we keep:
// 发布时间, 浏览次数, 字号, 审核 ...
extern const PhraseList kStopLabels;
// Words of page chrome that are never a name or a source: 首页, 打印, 大 中 小.
extern const PhraseList kNavWords;
// Known outlets written after a name ("By JANE DOE, Reuters"); also site
// names for the title cleaner.
extern const PhraseList kKnownOutlets;
// Endings of an outlet's name: 网, 社, 报, 台, 新闻 ("央视网", "湘中晚报").
extern const PhraseList kOutletEndings;
// Words after names in a byline that are not names: 报道, 摄, 综合报道.
extern const PhraseList kBylineTailWords;
// English role words after a comma in a byline: "By Jane Doe, Staff Writer".
extern const PhraseList kEnglishRoleWords;
// Words that never occur inside a Chinese name but do in prose after 记者:
// 的, 在, 从, 获悉, 表示.
extern const PhraseList kNonNameWords;

// ---- dates ------------------------------------------------------------------

// Labels in front of a date on info lines (发布时间：, 更新时间：, Published).
// The date finder does not need them; the lead uses them to pick date lines.
extern const PhraseList kDateLabels;
// Words right before a bare clock time that make it a publication time:
// "Updated 3:05 PM", "发布于 08:30".
extern const PhraseList kTimeLabels;

struct UnitPhrase {
  std::string_view text;
  int seconds;
};
// "3分钟前", "3 hours ago": the unit between the number and 前/ago.
extern const std::span<const UnitPhrase> kZhAgoUnits;   // includes the 前
extern const std::span<const UnitPhrase> kEnAgoUnits;   // singular stems
// Relative words with no number: 刚刚 (0 s: counted only in a short text,
// since it also means "just"), 半小时前.
extern const std::span<const UnitPhrase> kZhFixedAgo;

struct DayWord {
  std::string_view text;
  int day_delta;  // 0 today, -1 yesterday, -2 the day before
};
extern const std::span<const DayWord> kZhDayWords;   // 今天, 昨天, 前天
extern const std::span<const DayWord> kEnDayWords;   // today, yesterday

enum class HalfDay { kAm, kPm, kNoon };
struct HalfDayWord {
  std::string_view text;
  HalfDay half;
};
extern const std::span<const HalfDayWord> kZhHalfDayWords;  // 上午, 下午, 凌晨

// Weekday names that may sit between a date and its time
// ("2025年3月14日 星期五 08:56").
extern const PhraseList kZhWeekdayPrefixes;  // 星期, 周, 礼拜 (+ one character)

struct MonthName {
  std::string_view text;  // lower case
  int month;
};
extern const std::span<const MonthName> kMonthNames;  // january, jan, sept ...

// A time-zone name after a clock time. `us_rule`: the zone follows US
// daylight saving (ET/PT/CT/MT), so the offset depends on the date and is
// offset_min in winter, offset_min + 60 in summer.
struct ZoneName {
  std::string_view text;
  int offset_min;
  bool us_rule;
};
extern const std::span<const ZoneName> kZoneNames;

// ---- titles -----------------------------------------------------------------

// Parts of a title segment that mark it as a site or channel name:
// 网, 新闻, 日报, 频道, .com, News, Times ... (case-sensitive for English,
// matched as whole words there).
extern const PhraseList kSiteNameMarksZh;
extern const PhraseList kSiteNameMarksEn;

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_ZH_PATTERNS_H_
