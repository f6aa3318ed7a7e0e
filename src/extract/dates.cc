// dates: date and time text -> DateTime, for Chinese and English pages.
//
// FindDate is called on many text nodes per page, so it is a hand-written
// scanner: one pass over the bytes, dispatching on the byte at each
// character start (a digit, an ASCII letter at a word start, or a UTF-8 lead
// byte of a relative word such as 昨天). No std::regex, no allocation unless
// the text holds full-width forms (２０２５年３月１４日), which are folded to
// ASCII first with a map back to the caller's byte offsets.
//
// False positives matter as much as misses: a lone "2025", "1.2.3",
// "2020-2025", phone numbers and long ids never match, because a numeric
// date needs a 4-digit year with two separated fields, a year-less date
// needs 月/日 or a clock time, and every number must end at a non-digit.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "extract_internal.h"
#include "zh_patterns.h"

namespace gleaner::extract::internal {
namespace {

// Relative words that are also ordinary words in prose (刚刚 "just",
// 昨天 "yesterday", "today") count only in a node this short, such as a
// list-item time cell "昨天" or "刚刚".
constexpr size_t kShortTextBytes = 24;
// How far after a bare clock time a date may follow and be joined to it:
// "Updated 3:05 PM ET, Fri March 14, 2025" (CNN).
constexpr size_t kTimeThenDateBytes = 40;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool StartsAt(std::string_view s, size_t i, std::string_view lit) {
  return i <= s.size() && s.substr(i).starts_with(lit);
}

bool StartsAtNoCase(std::string_view s, size_t i, std::string_view lower_lit) {
  if (i + lower_lit.size() > s.size()) return false;
  for (size_t k = 0; k < lower_lit.size(); ++k) {
    if (Lower(s[i + k]) != lower_lit[k]) return false;
  }
  return true;
}

void SkipSpaces(std::string_view s, size_t& i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
}

// Reads a run of ASCII digits at i whose whole length is in [min_len,
// max_len]; a longer run fails, so "20250" is never read as a year.
bool ReadNumber(std::string_view s, size_t& i, size_t min_len, size_t max_len, int* value) {
  size_t j = i;
  int v = 0;
  while (j < s.size() && IsDigit(s[j]) && j - i <= max_len) {
    v = v * 10 + (s[j] - '0');
    ++j;
  }
  const size_t n = j - i;
  if (n < min_len || n > max_len) return false;
  *value = v;
  i = j;
  return true;
}

// ---- full-width folding -----------------------------------------------------

// The text to scan: the input itself, or a copy with full-width ASCII forms
// (U+FF01..U+FF5E), U+3000 and U+00A0 folded to ASCII, plus a map from each
// folded byte to its input offset.
class ScanText {
 public:
  explicit ScanText(std::string_view in) : in_(in) {
    if (NeedsFolding(in)) Fold();
  }
  std::string_view view() const { return folded_ ? std::string_view(text_) : in_; }
  size_t Original(size_t i) const { return folded_ ? map_[i] : i; }

 private:
  static bool NeedsFolding(std::string_view in) {
    return in.find("\xEF\xBC") != in.npos || in.find("\xEF\xBD") != in.npos ||
           in.find("\xE3\x80\x80") != in.npos || in.find("\xC2\xA0") != in.npos;
  }
  void Fold() {
    folded_ = true;
    text_.reserve(in_.size());
    map_.reserve(in_.size() + 1);
    for (size_t i = 0; i < in_.size();) {
      const auto b0 = static_cast<unsigned char>(in_[i]);
      const auto b1 = i + 1 < in_.size() ? static_cast<unsigned char>(in_[i + 1]) : 0;
      const auto b2 = i + 2 < in_.size() ? static_cast<unsigned char>(in_[i + 2]) : 0;
      size_t len = 1;
      char out = in_[i];
      if (b0 == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {  // U+FF01..FF3F
        out = static_cast<char>(b2 - 0x81 + 0x21), len = 3;
      } else if (b0 == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {  // ..FF5E
        out = static_cast<char>(b2 - 0x80 + 0x60), len = 3;
      } else if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) {  // ideographic space
        out = ' ', len = 3;
      } else if (b0 == 0xC2 && b1 == 0xA0) {  // no-break space
        out = ' ', len = 2;
      }
      text_.push_back(out);
      map_.push_back(static_cast<uint32_t>(i));
      i += len;
    }
    map_.push_back(static_cast<uint32_t>(in_.size()));
  }

  std::string_view in_;
  bool folded_ = false;
  std::string text_;
  std::vector<uint32_t> map_;
};

// ---- calendar ---------------------------------------------------------------

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

int64_t DaysFromCivil(int y, int m, int d) {
  using namespace std::chrono;
  return sys_days{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}}
      .time_since_epoch()
      .count();
}

void CivilFromDays(int64_t days_since_epoch, DateTime* out) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{days_since_epoch}}};
  out->year = static_cast<int>(ymd.year());
  out->month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out->day = static_cast<int>(static_cast<unsigned>(ymd.day()));
}

// Seconds since the epoch of `now`, shifted to wall-clock time at offset.
int64_t LocalSeconds(const DateContext& context, int offset_min) {
  const int64_t utc = std::chrono::duration_cast<std::chrono::seconds>(
                          context.now.time_since_epoch()).count();
  return utc + static_cast<int64_t>(offset_min == kNoOffset ? 0 : offset_min) * 60;
}

// Fills date and clock fields from wall-clock seconds since the epoch.
void FromLocalSeconds(int64_t local, bool with_time, DateTime* out) {
  const int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  CivilFromDays(day, out);
  if (with_time) {
    const int64_t sec_of_day = local - day * 86400;
    out->hour = static_cast<int>(sec_of_day / 3600);
    out->minute = static_cast<int>(sec_of_day / 60 % 60);
  }
}

// US daylight saving: second Sunday of March to first Sunday of November.
bool IsUsSummer(int y, int m, int d) {
  if (m > 3 && m < 11) return true;
  if (m != 3 && m != 11) return false;
  const int64_t first = DaysFromCivil(y, m, 1);
  const int first_weekday = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 0 = Sunday
  const int first_sunday = 1 + (7 - first_weekday) % 7;
  return m == 3 ? d >= first_sunday + 7 : d < first_sunday;
}

// ET/PT/CT/MT: standard offset in winter, one hour more in summer.
int UsZoneOffset(const ZoneName& zone, const DateTime& when) {
  return zone.offset_min + (IsUsSummer(when.year, when.month, when.day) ? 60 : 0);
}

// ---- clock times ------------------------------------------------------------

struct Clock {
  int hour = -1, minute = -1, second = -1;
  int tz = kNoOffset;
  const ZoneName* us_zone = nullptr;  // ET/PT...: offset fixed once the date is known
  size_t end = 0;
};

// Reads ":MM" after an offset's hours at k, if present.
bool ReadOffsetMinutes(std::string_view s, size_t& k, int* mm) {
  if (k >= s.size() || s[k] != ':') return true;
  size_t m = k + 1;
  if (!ReadNumber(s, m, 2, 2, mm)) return false;
  k = m;
  return true;
}

// A zone after a clock: "Z", "+08:00", "+0800", " GMT", " UTC+8", " ET",
// "（北京时间）". Returns the offset and advances i, or kNoOffset. A bare
// "+hh:mm"/"-hhmm" counts only when `numeric_ok` (ISO "T" or seconds given),
// so a range "08:56-10:00" is not read as a zone.
int ReadZone(std::string_view s, size_t& i, bool numeric_ok, const ZoneName** us_zone) {
  size_t j = i;
  if (j < s.size() && s[j] == 'Z' && (j + 1 == s.size() || !IsAlpha(s[j + 1]))) {
    i = j + 1;
    return 0;
  }
  if (j < s.size() && s[j] == ' ') ++j;  // "08:56:00 +0800" (RFC 822)
  if (numeric_ok && j < s.size() && (s[j] == '+' || s[j] == '-')) {
    const int sign = s[j] == '-' ? -1 : 1;
    size_t k = j + 1;
    int hh = 0, mm = 0;
    if (ReadNumber(s, k, 4, 4, &hh)) {
      mm = hh % 100, hh /= 100;
    } else if (!ReadNumber(s, k, 2, 2, &hh) || !ReadOffsetMinutes(s, k, &mm)) {
      return kNoOffset;
    }
    if (hh > 14 || mm > 59) return kNoOffset;
    i = k;
    return sign * (hh * 60 + mm);
  }
  SkipSpaces(s, j);
  const bool paren = j < s.size() && s[j] == '(';
  if (paren) ++j;
  for (const ZoneName& zone : kZoneNames) {
    if (!StartsAt(s, j, zone.text)) continue;
    size_t k = j + zone.text.size();
    if (k < s.size() && IsAlpha(s[k])) continue;  // "ETA", "UTCx"
    int offset = zone.offset_min;
    if (zone.offset_min == 0 && k + 1 < s.size() && (s[k] == '+' || s[k] == '-')) {
      const int sign = s[k] == '-' ? -1 : 1;  // "GMT+8", "UTC+08:00"
      size_t h = k + 1;
      int hh = 0, mm = 0;
      size_t h4 = h;
      if (ReadNumber(s, h4, 4, 4, &hh)) {  // "GMT+0800" (JavaScript Date strings)
        mm = hh % 100, hh /= 100;
        if (hh <= 14 && mm <= 59) offset = sign * (hh * 60 + mm), k = h4;
      } else if (ReadNumber(s, h, 1, 2, &hh) && hh <= 14 && ReadOffsetMinutes(s, h, &mm) &&
                 mm <= 59) {
        offset = sign * (hh * 60 + mm);
        k = h;
      }
    }
    if (paren && k < s.size() && s[k] == ')') ++k;
    *us_zone = zone.us_rule ? &zone : nullptr;
    i = k;
    return offset;
  }
  return kNoOffset;
}

// Reads "AM"/"PM"/"a.m."/"p.m." after a clock; 0 none, 1 am, 2 pm.
int ReadMeridiem(std::string_view s, size_t& i) {
  size_t j = i;
  SkipSpaces(s, j);
  for (auto [text, kind] : {std::pair{"a.m.", 1}, {"p.m.", 2}, {"am", 1}, {"pm", 2}}) {
    const std::string_view t(text);
    if (StartsAtNoCase(s, j, t) && (j + t.size() == s.size() || !IsAlpha(s[j + t.size()]))) {
      i = j + t.size();
      return kind;
    }
  }
  return 0;
}

// A clock time at i: "08:56", "8:56:30.123", "08时56分", "8点半", "下午3:05",
// "3:05 PM ET", with an optional zone. The time must end at a non-digit.
std::optional<Clock> ReadClock(std::string_view s, size_t i) {
  const bool after_iso_t = i > 0 && s[i - 1] == 'T';
  int half = -1;
  for (const HalfDayWord& w : kZhHalfDayWords) {
    if (StartsAt(s, i, w.text)) {
      half = static_cast<int>(w.half);
      i += w.text.size();
      SkipSpaces(s, i);
      break;
    }
  }
  Clock c;
  if (!ReadNumber(s, i, 1, 2, &c.hour)) return std::nullopt;
  if (i < s.size() && s[i] == ':') {
    if (!ReadNumber(s, ++i, 2, 2, &c.minute)) return std::nullopt;
    if (i + 1 < s.size() && s[i] == ':' && IsDigit(s[i + 1])) {
      if (!ReadNumber(s, ++i, 2, 2, &c.second)) return std::nullopt;
      if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && IsDigit(s[i + 1])) {
        for (++i; i < s.size() && IsDigit(s[i]);) ++i;  // fraction of a second
      }
    }
  } else if (StartsAt(s, i, "时") || StartsAt(s, i, "点") || StartsAt(s, i, "時") ||
             StartsAt(s, i, "點")) {  // 時/點: traditional script (Big5 pages)
    i += 3;
    c.minute = 0;
    size_t j = i;
    if (StartsAt(s, j, "半")) {
      c.minute = 30, i = j + 3;
    } else if (ReadNumber(s, j, 1, 2, &c.minute) && StartsAt(s, j, "分")) {
      i = j + 3;
      if (ReadNumber(s, j = i, 1, 2, &c.second) && StartsAt(s, j, "秒")) {
        i = j + 3;
      } else {
        c.second = -1;
      }
    } else {
      c.minute = 0;
    }
  } else {
    return std::nullopt;
  }
  if (i < s.size() && IsDigit(s[i])) return std::nullopt;
  if (const int meridiem = ReadMeridiem(s, i); meridiem != 0) {
    if (c.hour < 1 || c.hour > 12) return std::nullopt;
    c.hour = c.hour % 12 + (meridiem == 2 ? 12 : 0);
  } else if (half == static_cast<int>(HalfDay::kPm) && c.hour < 12) {
    c.hour += 12;
  } else if (half == static_cast<int>(HalfDay::kNoon) && c.hour < 11) {
    c.hour += 12;
  }
  c.tz = ReadZone(s, i, after_iso_t || c.second >= 0, &c.us_zone);
  c.end = i;
  if (c.hour > 23 || c.minute > 59 || c.second > 59) return std::nullopt;
  return c;
}

// Skips what may sit between a date and its time: spaces, "T" (ISO), ",",
// "at", "|", " - ", and a weekday ("星期五", "(周五)"). Returns the position
// where a clock may start.
size_t SkipDateTimeGap(std::string_view s, size_t i) {
  if (i + 1 < s.size() && s[i] == 'T' && IsDigit(s[i + 1])) return i + 1;
  SkipSpaces(s, i);
  const bool paren = i < s.size() && s[i] == '(';
  const size_t after_paren = paren ? i + 1 : i;
  for (std::string_view prefix : kZhWeekdayPrefixes) {
    if (StartsAt(s, after_paren, prefix) && after_paren + prefix.size() + 3 <= s.size()) {
      i = after_paren + prefix.size() + 3;  // one CJK weekday character
      if (paren && i < s.size() && s[i] == ')') ++i;
      SkipSpaces(s, i);
      break;
    }
  }
  if (i < s.size() && (s[i] == ',' || s[i] == '|' || s[i] == '-' || s[i] == '@')) {
    ++i;
    SkipSpaces(s, i);
  }
  if (StartsAtNoCase(s, i, "at ")) i += 3;
  SkipSpaces(s, i);
  return i;
}

// Most text nodes hold no date; every date form has an ASCII or full-width
// digit or one of a few relative words, and std::string_view::find (memchr
// inside) rules those out faster than the scanner's per-byte dispatch.
bool MayHoldDate(std::string_view s) {
  if (std::any_of(s.begin(), s.end(), IsDigit)) return true;
  if (s.find("\xEF\xBC") != s.npos) return true;  // full-width forms, maybe digits
  static constexpr std::string_view kWords[] = {
      "刚刚", "剛剛", "半小", "今天", "今日", "昨天", "昨日", "前天",
      "esterday", "ESTERDAY", "oday", "ODAY", "ust now", "UST NOW", " ago", " AGO"};
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](std::string_view w) { return s.find(w) != s.npos; });
}

// ---- the scanner ------------------------------------------------------------

struct ScanOptions {
  bool relative = true;   // 刚刚, 3分钟前, yesterday; needs the context
  bool year_less = true;  // 03-14 08:56, 3月14日; needs the context
};

class Scanner {
 public:
  Scanner(std::string_view s, const DateContext& context, ScanOptions options)
      : s_(s), context_(context), options_(options), short_text_(IsShort(s)) {}

  // The first date at or after `from`, with positions in s_.
  std::optional<DateMatch> First(size_t from = 0) const {
    for (size_t i = from; i < s_.size(); ++i) {
      const auto b = static_cast<unsigned char>(s_[i]);
      if ((b & 0xC0) == 0x80) continue;  // inside a UTF-8 sequence
      if (auto m = At(i)) return m;
    }
    return std::nullopt;
  }

 private:
  static bool IsShort(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && IsSpace(s[b])) ++b;
    while (e > b && IsSpace(s[e - 1])) --e;
    return e - b <= kShortTextBytes;
  }

  std::optional<DateMatch> At(size_t i) const {
    const char c = s_[i];
    if (IsDigit(c)) {
      if (!DigitBoundary(i)) return std::nullopt;
      if (auto m = YearFirst(i)) return m;
      if (auto m = SmallNumberFirst(i)) return m;
      return std::nullopt;
    }
    if (IsAlpha(c)) {
      if (i > 0 && IsAlpha(s_[i - 1])) return std::nullopt;
      if (auto m = MonthFirst(i)) return m;
      if (options_.relative) return EnglishRelativeWord(i);
      return std::nullopt;
    }
    if (static_cast<unsigned char>(c) >= 0x80 && options_.relative) return ChineseRelativeWord(i);
    return std::nullopt;
  }

  // A number may start a date unless it continues a word, number or a
  // dotted/dashed number ("v2", "1.2025", "010-2025").
  bool DigitBoundary(size_t i) const {
    if (i == 0) return true;
    const char p = s_[i - 1];
    if (IsDigit(p) || IsAlpha(p) || p == '_') return false;
    if ((p == '.' || p == '-' || p == '/' || p == ':') && i >= 2 && IsDigit(s_[i - 2])) return false;
    return true;
  }

  // Joins a date with the clock that may follow it and validates.
  std::optional<DateMatch> Finish(size_t begin, size_t date_end, DateTime when,
                                  bool year_less) const {
    size_t end = date_end;
    const ZoneName* us_zone = nullptr;
    if (auto clock = ReadClock(s_, SkipDateTimeGap(s_, date_end))) {
      when.hour = clock->hour, when.minute = clock->minute, when.second = clock->second;
      when.tz_offset_min = clock->tz;
      us_zone = clock->us_zone;
      end = clock->end;
    }
    if (year_less) {
      if (!options_.year_less) return std::nullopt;
      ResolveYear(&when);
    }
    if (us_zone != nullptr && IsPlausible(when)) {
      when.tz_offset_min = UsZoneOffset(*us_zone, when);
    }
    if (!IsPlausible(when)) return std::nullopt;
    return DateMatch{when, begin, end};
  }

  // A year-less date takes the year of `now` (in the page's offset) unless
  // that puts it more than a day in the future: then the year before.
  void ResolveYear(DateTime* when) const {
    const int offset = when->tz_offset_min != kNoOffset ? when->tz_offset_min
                                                        : context_.default_offset_min;
    DateTime today;
    FromLocalSeconds(LocalSeconds(context_, offset), false, &today);
    when->year = today.year;
    if (when->month < 1 || when->month > 12 || when->day < 1 ||
        when->day > DaysInMonth(when->year, when->month)) {
      return;  // IsPlausible rejects it
    }
    const int64_t candidate =
        DaysFromCivil(when->year, when->month, when->day) * 1440 +
        (when->has_time() ? when->hour * 60 + std::max(when->minute, 0) : 0);
    const int64_t now_min = LocalSeconds(context_, offset) / 60;
    if (candidate > now_min + 1440) --when->year;
  }

  // "2025-03-14", "2025/3/14", "2025.03.14", "2025年3月14日", then a clock.
  std::optional<DateMatch> YearFirst(size_t i) const {
    size_t j = i;
    DateTime when;
    if (!ReadNumber(s_, j, 4, 4, &when.year)) return std::nullopt;
    SkipSpacesBefore(j, "年");
    if (StartsAt(s_, j, "年")) {
      j += 3;
      SkipSpaces(s_, j);
      if (!ReadNumber(s_, j, 1, 2, &when.month)) return std::nullopt;
      SkipSpaces(s_, j);
      if (!StartsAt(s_, j, "月")) return std::nullopt;
      j += 3;
      SkipSpaces(s_, j);
      if (!ReadNumber(s_, j, 1, 2, &when.day)) return std::nullopt;
      SkipSpacesBefore(j, "日");
      SkipSpacesBefore(j, "号");
      if (!IsDayUnit(j)) return std::nullopt;
      return Finish(i, j + 3, when, false);
    }
    if (j >= s_.size()) return std::nullopt;
    if (IsSpace(s_[j])) return YearThenMonthSlashDay(i, j, when);
    const char sep = s_[j];
    if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
    if (!ReadNumber(s_, ++j, 1, 2, &when.month)) return std::nullopt;
    if (j >= s_.size() || s_[j] != sep) return std::nullopt;
    if (!ReadNumber(s_, ++j, 1, 2, &when.day)) return std::nullopt;
    // "2025.03.14.2" is a version, "2025-03-14-01" an id piece.
    if (j + 1 < s_.size() && s_[j] == sep && IsDigit(s_[j + 1])) return std::nullopt;
    return Finish(i, j, when, false);
  }

  // Xinhua's header prints the year apart from month/day ("2025 03/14
  // 08:56:00", each piece in its own span): counted only with the clock,
  // since "2025 03/14" alone is too loose a shape.
  std::optional<DateMatch> YearThenMonthSlashDay(size_t i, size_t j, DateTime when) const {
    SkipSpaces(s_, j);
    if (!ReadNumber(s_, j, 2, 2, &when.month)) return std::nullopt;
    SkipSpaces(s_, j);
    if (j >= s_.size() || s_[j] != '/') return std::nullopt;
    ++j;
    SkipSpaces(s_, j);
    if (!ReadNumber(s_, j, 2, 2, &when.day)) return std::nullopt;
    if (j < s_.size() && s_[j] == '/') return std::nullopt;  // "2025 03/14/..." is something else
    std::optional<DateMatch> m = Finish(i, j, when, false);
    if (!m || !m->when.has_time()) return std::nullopt;
    return m;
  }

  // 日, or colloquial 号 (號 in traditional script); all three bytes long.
  bool IsDayUnit(size_t j) const {
    return StartsAt(s_, j, "日") || StartsAt(s_, j, "号") || StartsAt(s_, j, "號");
  }

  // Allows "2025 年 3 月" spacing only when the CJK unit follows.
  void SkipSpacesBefore(size_t& j, std::string_view unit) const {
    size_t k = j;
    SkipSpaces(s_, k);
    if (StartsAt(s_, k, unit)) j = k;
  }

  // Dates and relative forms that start with a 1-2 digit number.
  std::optional<DateMatch> SmallNumberFirst(size_t i) const {
    if (auto m = MonthDayChinese(i)) return m;
    if (auto m = NumericDayMonthYear(i)) return m;
    if (auto m = DayMonthNameYear(i)) return m;
    if (auto m = MonthDayWithClock(i)) return m;
    if (options_.relative) {
      if (auto m = NumberAgo(i)) return m;
      if (auto m = LabelledClock(i)) return m;
    }
    return std::nullopt;
  }

  // "3月14日", "3月14日 08:56" (year-less).
  std::optional<DateMatch> MonthDayChinese(size_t i) const {
    size_t j = i;
    DateTime when;
    if (!ReadNumber(s_, j, 1, 2, &when.month) || !StartsAt(s_, j, "月")) return std::nullopt;
    j += 3;
    if (!ReadNumber(s_, j, 1, 2, &when.day)) return std::nullopt;
    if (!IsDayUnit(j)) return std::nullopt;
    return Finish(i, j + 3, when, true);
  }

  // "14/03/2025", "03/14/2025", "14.03.2025", "14-03-2025": day first unless
  // only month-first is a real date; "/" with both <= 12 is read US-style.
  std::optional<DateMatch> NumericDayMonthYear(size_t i) const {
    size_t j = i;
    int a = 0, b = 0;
    DateTime when;
    if (!ReadNumber(s_, j, 1, 2, &a) || j >= s_.size()) return std::nullopt;
    const char sep = s_[j];
    if (sep != '/' && sep != '.' && sep != '-') return std::nullopt;
    if (!ReadNumber(s_, ++j, 1, 2, &b) || j >= s_.size() || s_[j] != sep) return std::nullopt;
    if (!ReadNumber(s_, ++j, 4, 4, &when.year)) return std::nullopt;
    const bool month_first = b > 12 || (sep == '/' && a <= 12);
    when.month = month_first ? a : b;
    when.day = month_first ? b : a;
    return Finish(i, j, when, false);
  }

  // "14 March 2025", "14th Mar. 2025", "Fri, 14 Mar 2025 00:56:00 GMT".
  std::optional<DateMatch> DayMonthNameYear(size_t i) const {
    size_t j = i;
    DateTime when;
    if (!ReadNumber(s_, j, 1, 2, &when.day)) return std::nullopt;
    SkipOrdinal(j);
    if (j >= s_.size() || s_[j] != ' ') return std::nullopt;
    SkipSpaces(s_, j);
    if (!ReadMonthName(j, &when.month)) return std::nullopt;
    if (j < s_.size() && s_[j] == ',') ++j;
    SkipSpaces(s_, j);
    if (!ReadNumber(s_, j, 4, 4, &when.year)) return std::nullopt;
    return Finish(i, j, when, false);
  }

  // "03-14 08:56", "3/14 08:56": year-less numeric dates need a clock, or a
  // score or a range would read as a date.
  std::optional<DateMatch> MonthDayWithClock(size_t i) const {
    size_t j = i;
    DateTime when;
    if (!ReadNumber(s_, j, 1, 2, &when.month) || j >= s_.size()) return std::nullopt;
    if (s_[j] != '-' && s_[j] != '/') return std::nullopt;
    if (!ReadNumber(s_, ++j, 1, 2, &when.day)) return std::nullopt;
    if (j >= s_.size() || !IsSpace(s_[j])) return std::nullopt;
    size_t k = j;
    SkipSpaces(s_, k);
    if (!ReadClock(s_, k)) return std::nullopt;
    return Finish(i, j, when, true);
  }

  void SkipOrdinal(size_t& j) const {
    for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
      if (StartsAtNoCase(s_, j, suffix) &&
          (j + 2 == s_.size() || !IsAlpha(s_[j + 2]))) {
        j += 2;
        return;
      }
    }
  }

  // A month name (any case, full or abbreviated, optional ".") at j.
  bool ReadMonthName(size_t& j, int* month) const {
    for (const MonthName& name : kMonthNames) {
      if (!StartsAtNoCase(s_, j, name.text)) continue;
      size_t k = j + name.text.size();
      if (k < s_.size() && IsAlpha(s_[k])) continue;
      if (k < s_.size() && s_[k] == '.') ++k;
      *month = name.month;
      j = k;
      return true;
    }
    return false;
  }

  // "Mar 14, 2025", "March 14th 2025 8:56 AM"; "March 14, 8:56 AM" year-less.
  std::optional<DateMatch> MonthFirst(size_t i) const {
    size_t j = i;
    DateTime when;
    if (!ReadMonthName(j, &when.month)) return std::nullopt;
    if (j >= s_.size() || s_[j] != ' ') return std::nullopt;
    SkipSpaces(s_, j);
    if (!ReadNumber(s_, j, 1, 2, &when.day)) return std::nullopt;
    SkipOrdinal(j);
    const size_t day_end = j;
    if (j < s_.size() && s_[j] == ',') ++j;
    SkipSpaces(s_, j);
    if (ReadNumber(s_, j, 4, 4, &when.year)) return Finish(i, j, when, false);
    if (!ReadClock(s_, SkipDateTimeGap(s_, day_end))) return std::nullopt;
    return Finish(i, day_end, when, true);
  }

  // ---- relative forms ----

  // Resolves "now minus `seconds`" in the page's offset. The instant is
  // known exactly, so the offset is stated (UTC when the page's is unknown).
  DateMatch Ago(size_t begin, size_t end, int64_t seconds, bool with_time) const {
    const int offset = context_.default_offset_min == kNoOffset ? 0 : context_.default_offset_min;
    DateMatch m;
    FromLocalSeconds(LocalSeconds(context_, offset) - seconds, with_time, &m.when);
    if (with_time) m.when.tz_offset_min = offset;
    m.begin = begin, m.end = end;
    return m;
  }

  // "3分钟前", "3 分钟前", "2天前", "3 hours ago", "5 mins ago".
  std::optional<DateMatch> NumberAgo(size_t i) const {
    size_t j = i;
    int n = 0;
    if (!ReadNumber(s_, j, 1, 4, &n)) return std::nullopt;
    SkipSpaces(s_, j);
    for (const UnitPhrase& unit : kZhAgoUnits) {
      if (StartsAt(s_, j, unit.text)) {
        return Ago(i, j + unit.text.size(), int64_t{n} * unit.seconds, unit.seconds < 86400);
      }
    }
    return EnglishAgo(i, j, n);
  }

  // After the number: "hours ago", "hrs ago", "minute ago", "min. ago".
  std::optional<DateMatch> EnglishAgo(size_t begin, size_t j, int n) const {
    for (const UnitPhrase& unit : kEnAgoUnits) {
      if (!StartsAtNoCase(s_, j, unit.text)) continue;
      size_t k = j + unit.text.size();
      if (k < s_.size() && Lower(s_[k]) == 's') ++k;
      if (k < s_.size() && s_[k] == '.') ++k;
      if (k < s_.size() && IsAlpha(s_[k])) continue;  // "minutes" vs "minute"
      SkipSpaces(s_, k);
      if (!StartsAtNoCase(s_, k, "ago")) return std::nullopt;
      return Ago(begin, k + 3, int64_t{n} * unit.seconds, unit.seconds < 86400);
    }
    return std::nullopt;
  }

  // "today 09:15", "Yesterday at 8:30 AM", "yesterday" (short text), "just
  // now", "an hour ago", "a minute ago".
  std::optional<DateMatch> EnglishRelativeWord(size_t i) const {
    for (const DayWord& word : kEnDayWords) {
      if (!StartsAtNoCase(s_, i, word.text)) continue;
      const size_t end = i + word.text.size();
      if (end < s_.size() && IsAlpha(s_[end])) continue;
      return DayWithClock(i, end, word.day_delta);
    }
    if (StartsAtNoCase(s_, i, "just now") && short_text_) return Ago(i, i + 8, 0, true);
    for (std::string_view article : {"an ", "a ", "one "}) {
      if (StartsAtNoCase(s_, i, article)) return EnglishAgo(i, i + article.size(), 1);
    }
    return std::nullopt;
  }

  // 刚刚, 半小时前, 今天/昨天/前天 [08:30].
  std::optional<DateMatch> ChineseRelativeWord(size_t i) const {
    for (const UnitPhrase& word : kZhFixedAgo) {
      if (!StartsAt(s_, i, word.text)) continue;
      if (word.seconds == 0 && !short_text_) return std::nullopt;  // 刚刚 is also "just"
      return Ago(i, i + word.text.size(), word.seconds, true);
    }
    for (const DayWord& word : kZhDayWords) {
      if (StartsAt(s_, i, word.text)) return DayWithClock(i, i + word.text.size(), word.day_delta);
    }
    return std::nullopt;
  }

  // A day word plus an optional clock: the date is the page's local today
  // plus delta; without a clock only a short text counts.
  std::optional<DateMatch> DayWithClock(size_t begin, size_t end, int delta) const {
    std::optional<Clock> clock = ReadClock(s_, SkipDateTimeGap(s_, end));
    if (!clock && !short_text_) return std::nullopt;
    const int offset = clock && clock->tz != kNoOffset ? clock->tz : context_.default_offset_min;
    DateMatch m;
    FromLocalSeconds(LocalSeconds(context_, offset) + int64_t{delta} * 86400, false, &m.when);
    m.begin = begin;
    m.end = end;
    if (clock) {
      m.when.hour = clock->hour, m.when.minute = clock->minute, m.when.second = clock->second;
      m.when.tz_offset_min = offset;
      m.end = clock->end;
    }
    if (!IsPlausible(m.when)) return std::nullopt;
    return m;
  }

  // A bare clock that states its zone ("3:05 PM ET") or follows a label
  // ("Updated 3:05 PM", "发布于 08:30"): today in that zone, or yesterday
  // when the time is still ahead; a date right after it wins.
  std::optional<DateMatch> LabelledClock(size_t i) const {
    std::optional<Clock> clock = ReadClock(s_, i);
    if (!clock || (clock->tz == kNoOffset && !FollowsTimeLabel(i))) return std::nullopt;
    int offset = clock->tz != kNoOffset ? clock->tz : context_.default_offset_min;
    DateTime when;
    const int64_t local = LocalSeconds(context_, offset);
    const int64_t clock_sec = clock->hour * 3600 + clock->minute * 60;
    const int64_t sec_of_day = ((local % 86400) + 86400) % 86400;
    FromLocalSeconds(local - (clock_sec > sec_of_day + 60 ? 86400 : 0), false, &when);
    size_t end = clock->end;
    Scanner dates_only(s_.substr(0, std::min(s_.size(), end + kTimeThenDateBytes)), context_,
                       ScanOptions{false, false});
    if (auto next = dates_only.First(end); next && !next->when.has_time()) {
      when = next->when;
      end = next->end;
    }
    when.hour = clock->hour, when.minute = clock->minute, when.second = clock->second;
    when.tz_offset_min = clock->tz;
    if (clock->us_zone != nullptr && IsPlausible(when)) {
      when.tz_offset_min = UsZoneOffset(*clock->us_zone, when);
    }
    if (!IsPlausible(when)) return std::nullopt;
    return DateMatch{when, i, end};
  }

  bool FollowsTimeLabel(size_t i) const {
    std::string_view before = s_.substr(0, i);
    while (!before.empty() && (IsSpace(before.back()) || before.back() == ':')) {
      before.remove_suffix(1);
    }
    if (before.ends_with(" at")) before.remove_suffix(3);
    for (std::string_view label : kTimeLabels) {
      if (before.ends_with(label)) return true;
    }
    return false;
  }

  std::string_view s_;
  const DateContext& context_;
  ScanOptions options_;
  bool short_text_;
};

}  // namespace

bool IsPlausible(const DateTime& when) {
  if (when.year < 1990 || when.year > 2100) return false;
  if (when.month < 1 || when.month > 12) return false;
  if (when.day < 1 || when.day > DaysInMonth(when.year, when.month)) return false;
  if (when.hour < -1 || when.hour > 23) return false;
  if (when.hour >= 0 && (when.minute < 0 || when.minute > 59)) return false;
  if (when.second < -1 || when.second > 59) return false;
  if (when.tz_offset_min != kNoOffset && (when.tz_offset_min < -14 * 60 || when.tz_offset_min > 14 * 60)) {
    return false;
  }
  return true;
}

std::optional<DateMatch> FindDate(std::string_view text, const DateContext& context) {
  if (!MayHoldDate(text)) return std::nullopt;
  const ScanText scan(text);
  Scanner scanner(scan.view(), context, ScanOptions{});
  std::optional<DateMatch> match = scanner.First();
  if (match) {
    match->begin = scan.Original(match->begin);
    match->end = scan.Original(match->end);
  }
  return match;
}

std::optional<DateMatch> FindAbsoluteDate(std::string_view text) {
  const ScanText scan(text);
  const DateContext unused;  // relative and year-less forms are off
  Scanner scanner(scan.view(), unused, ScanOptions{false, false});
  std::optional<DateMatch> match = scanner.First();
  if (match) {
    match->begin = scan.Original(match->begin);
    match->end = scan.Original(match->end);
  }
  return match;
}

}  // namespace gleaner::extract::internal
