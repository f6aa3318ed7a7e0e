// machine_dates: dates as machines write them (meta tags, JSON-LD, <time
// datetime>, URLs) and the ISO form every date leaves the extractor in.
// The free-text scanner in dates.cc reads most machine forms too; this file
// adds what text never holds: epoch numbers, compact digits, URL paths.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "extract_internal.h"

namespace gleaner::extract::internal {
namespace {

// ParseMachineDate lets this much precede the date ("Fri, ", "发布时间：").
constexpr size_t kMachinePrefixBytes = 18;
// Longer values are prose, not a machine date.
constexpr size_t kMaxMachineDateBytes = 200;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Reads exactly `len` digits at i (a longer run fails).
bool ReadDigits(std::string_view s, size_t& i, size_t len, int* value) {
  int v = 0;
  size_t j = i;
  while (j < s.size() && IsDigit(s[j]) && j - i <= len) v = v * 10 + (s[j++] - '0');
  if (j - i != len) return false;
  *value = v;
  i = j;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Epoch seconds (10 digits) or milliseconds (13), and compact 8/12/14-digit
// forms ("20250314", "202503140856", "20250314085600").
std::optional<DateTime> ParseDigitsOnly(std::string_view s) {
  if (s.size() == 10 || s.size() == 13) {
    int64_t v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    if (s.size() == 13) v /= 1000;
    using namespace std::chrono;
    const sys_seconds t{seconds{v}};
    const sys_days day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss clock{t - day};
    DateTime when;
    when.year = static_cast<int>(ymd.year());
    when.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    when.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    when.hour = static_cast<int>(clock.hours().count());
    when.minute = static_cast<int>(clock.minutes().count());
    when.second = static_cast<int>(clock.seconds().count());
    when.tz_offset_min = 0;
    if (IsPlausible(when)) return when;
    return std::nullopt;
  }
  if (s.size() != 8 && s.size() != 12 && s.size() != 14) return std::nullopt;
  auto field = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t k = pos; k < pos + len; ++k) v = v * 10 + (s[k] - '0');
    return v;
  };
  DateTime when;
  when.year = field(0, 4), when.month = field(4, 2), when.day = field(6, 2);
  if (s.size() >= 12) when.hour = field(8, 2), when.minute = field(10, 2);
  if (s.size() == 14) when.second = field(12, 2);
  if (IsPlausible(when)) return when;
  return std::nullopt;
}

// A date at `pos` of a URL: "2025/03/14", "2025-03-14", "20250314",
// "202503/14", "2025/0314", "2025-03/14". Each number ends at a non-digit.
std::optional<DateTime> UrlDateAt(std::string_view s, size_t pos) {
  auto is_sep = [](char c) { return c == '/' || c == '-' || c == '_'; };
  auto end_ok = [&](size_t k) { return k >= s.size() || !IsDigit(s[k]); };
  size_t run = pos;
  while (run < s.size() && IsDigit(s[run])) ++run;
  const size_t len = run - pos;
  auto num = [&](size_t p, size_t n) {
    int v = 0;
    for (size_t k = p; k < p + n; ++k) v = v * 10 + (s[k] - '0');
    return v;
  };
  DateTime when;
  if (len == 8) {  // 20250314
    when.year = num(pos, 4), when.month = num(pos + 4, 2), when.day = num(pos + 6, 2);
  } else if (len == 6 && run < s.size() && is_sep(s[run])) {  // 202503/14
    size_t k = run + 1;
    if (!ReadDigits(s, k, 2, &when.day)) return std::nullopt;
    when.year = num(pos, 4), when.month = num(pos + 4, 2);
  } else if (len == 4 && run < s.size() && is_sep(s[run])) {
    when.year = num(pos, 4);
    size_t k = run + 1;
    size_t digits = k;
    while (digits < s.size() && IsDigit(s[digits])) ++digits;
    if (digits - k == 4 && end_ok(digits)) {  // 2025/0314
      when.month = num(k, 2), when.day = num(k + 2, 2);
    } else if (ReadDigits(s, k, 2, &when.month) && k < s.size() && is_sep(s[k])) {
      ++k;  // 2025/03/14, 2025-03-14, 2025-03/14
      if (!ReadDigits(s, k, 2, &when.day) || !end_ok(k)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (IsPlausible(when)) return when;
  return std::nullopt;
}

}  // namespace

std::optional<DateTime> ParseMachineDate(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > kMaxMachineDateBytes) return std::nullopt;
  bool all_digits = true;
  for (char c : text) all_digits = all_digits && IsDigit(c);
  if (all_digits) return ParseDigitsOnly(text);
  // Government CMSs (gov.cn's firstpublishedtime) join date and time with a
  // dash: "2025-03-14-17:30:12".
  if (text.size() >= 16 && text[4] == '-' && text[7] == '-' && text[10] == '-' && text[13] == ':') {
    std::string joined(text);
    joined[10] = ' ';
    std::optional<DateMatch> match = FindAbsoluteDate(joined);
    if (match && match->begin == 0) return match->when;
  }
  // Everything else ("2025-03-14T08:56:00+08:00", "Fri, 14 Mar 2025
  // 00:56:00 GMT", "2025年03月14日 08:56") is a form the text scanner reads.
  std::optional<DateMatch> match = FindAbsoluteDate(text);
  if (!match || match->begin > kMachinePrefixBytes) return std::nullopt;
  return match->when;
}

std::optional<DateTime> DateFromUrl(std::string_view url) {
  // Skip scheme and host: a date in a host name is not the article's.
  size_t start = url.find("://");
  start = start == url.npos ? 0 : url.find('/', start + 3);
  if (start == url.npos) return std::nullopt;
  // url[start] is '/', so every digit checked has a byte before it. A date
  // starts after a separator or after the "t" of gov.cn's t20250314_ names.
  for (size_t i = start + 1; i < url.size(); ++i) {
    const char p = url[i - 1];
    if (!IsDigit(url[i]) || IsDigit(p) || (IsAlpha(p) && p != 't')) continue;
    if (auto when = UrlDateAt(url, i)) return when;
  }
  return std::nullopt;
}

std::string FormatIso(const DateTime& when) {
  char buf[40];
  if (!when.has_time()) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", when.year, when.month, when.day);
    return buf;
  }
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", when.year, when.month,
                        when.day, when.hour, std::max(when.minute, 0), std::max(when.second, 0));
  if (when.tz_offset_min != kNoOffset) {
    const int off = when.tz_offset_min < 0 ? -when.tz_offset_min : when.tz_offset_min;
    std::snprintf(buf + n, sizeof buf - n, "%c%02d:%02d", when.tz_offset_min < 0 ? '-' : '+',
                  off / 60, off % 60);
  }
  return buf;
}

}  // namespace gleaner::extract::internal
