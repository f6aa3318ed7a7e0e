// Dates at the store boundary: published strings to a day and an instant,
// and --since/--until bounds. No locale, no time-zone database: offsets
// are read from the text, anything without one is UTC.
#include <charconv>
#include <cstdio>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gleaner/store.h"
#include "store_internal.h"

namespace gleaner::store {
namespace internal {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool ReadNumber(std::string_view text, size_t pos, size_t len, int* out) {
  if (pos + len > text.size()) return false;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto r = std::from_chars(text.data() + pos, text.data() + pos + len, *out);
  return r.ec == std::errc();
}

bool DaysInMonthOk(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// Reads "Z", "+08:00", "+0800", "-05" at `pos`; seconds east of UTC.
std::optional<int> ReadOffset(std::string_view text, size_t pos) {
  if (pos == text.size()) return 0;
  if (text[pos] == 'Z' || text[pos] == 'z') return pos + 1 == text.size() ? std::optional<int>(0) : std::nullopt;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  int sign = text[pos] == '-' ? -1 : 1;
  int hh = 0;
  int mm = 0;
  if (!ReadNumber(text, pos + 1, 2, &hh)) return std::nullopt;
  size_t next = pos + 3;
  if (next < text.size() && text[next] == ':') ++next;
  if (next < text.size() && !ReadNumber(text, next, 2, &mm)) return std::nullopt;
  if (next < text.size() && next + 2 != text.size()) return std::nullopt;
  if (hh > 14 || mm > 59) return std::nullopt;
  return sign * (hh * 3600 + mm * 60);
}

}  // namespace

std::optional<PublishedAt> ParsePublished(std::string_view text) {
  int y = 0, mo = 0, d = 0;
  if (!ReadNumber(text, 0, 4, &y) || text.size() < 10 || text[4] != '-' ||
      !ReadNumber(text, 5, 2, &mo) || text[7] != '-' || !ReadNumber(text, 8, 2, &d) ||
      !DaysInMonthOk(y, mo, d)) {
    return std::nullopt;
  }
  PublishedAt at{std::string(text.substr(0, 10)), DaysFromCivil(y, mo, d) * 86400};
  if (text.size() == 10) return at;
  if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
  int hh = 0, mi = 0, ss = 0;
  if (!ReadNumber(text, 11, 2, &hh) || text.size() < 16 || text[13] != ':' ||
      !ReadNumber(text, 14, 2, &mi) || hh > 23 || mi > 59) {
    return std::nullopt;
  }
  size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!ReadNumber(text, pos + 1, 2, &ss) || ss > 60) return std::nullopt;
    pos += 3;
    while (pos < text.size() && (text[pos] == '.' || (text[pos] >= '0' && text[pos] <= '9'))) ++pos;
  }
  std::optional<int> offset = ReadOffset(text, pos);
  if (!offset) return std::nullopt;
  at.epoch_s += hh * 3600 + mi * 60 + ss - *offset;
  return at;
}

std::string UtcDay(int64_t epoch_s) {
  // civil_from_days, the inverse of DaysFromCivil.
  int64_t z = (epoch_s >= 0 ? epoch_s : epoch_s - 86399) / 86400 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m),
                static_cast<int>(d));
  return buf;
}

}  // namespace internal

Result<DateBound> ParseDateBound(std::string_view text) {
  auto at = internal::ParsePublished(text);
  if (!at) {
    return MakeError(Code::kInvalidInput,
                     "'" + std::string(text) +
                         "' is not a date (want YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])");
  }
  DateBound bound;
  if (text.size() == 10) {
    bound.day = at->day;
  } else {
    bound.epoch_s = at->epoch_s;
  }
  return bound;
}

}  // namespace gleaner::store
