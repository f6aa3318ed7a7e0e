// Choosing the published and modified dates among the page's signals; the
// order is in docs/internals/extraction.md.
#include "date_choice.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "zh_patterns.h"

namespace gleaner::extract::internal {
namespace {

enum class DateRole { kPublished, kModified, kOther };

// What a date on an info line is, from the label before it (text since
// the previous date; the previous line when the date opens its line, as in
// a table of label and value cells) or a verb right after it
// ("已于 2025-03-15 10:00:00 修改").
DateRole RoleOf(std::string_view before, std::string_view after) {
  if (before.size() > 40) before = before.substr(before.size() - 40);
  // Dates of a document that are not its publication: 成文日期 (signed),
  // 生效/施行日期 (in force), 截止日期 (deadline).
  for (std::string_view label : {"成文", "印发日期", "生效", "施行", "实施日期", "截止", "有效期", "失效", "废止"}) {
    if (before.find(label) != std::string_view::npos) return DateRole::kOther;
  }
  for (std::string_view label : {"更新", "修改", "更正", "Updated", "updated", "Modified", "更新時間"}) {
    if (before.find(label) != std::string_view::npos) return DateRole::kModified;
  }
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  if (after.starts_with("修改") || after.starts_with("更新")) return DateRole::kModified;
  return DateRole::kPublished;
}

void DatesFromLines(const std::vector<std::string>& lines, const DateContext& context, DateChoice* out) {
  std::string_view previous;
  for (const std::string& line : lines) {
    std::string_view text(line);
    size_t offset = 0;
    while (offset < text.size()) {
      std::optional<DateMatch> match = FindDate(text.substr(offset), context);
      if (!match) break;
      size_t begin = offset + match->begin;
      size_t end = offset + match->end;
      std::string_view before = text.substr(offset, begin - offset);
      if (offset == 0 && before.find_first_not_of(' ') == std::string_view::npos) before = previous;
      DateRole role = RoleOf(before, text.substr(end, 12));
      if (role == DateRole::kModified) {
        if (!out->modified) out->modified = match->when;
      } else if (role == DateRole::kPublished && !out->published) {
        out->published = match->when;
        out->raw = line.substr(begin, end - begin);
      }
      offset = end;
      if (out->published && out->modified) return;
    }
    if (out->published) return;
    previous = text;
  }
}

// Moves an epoch date (UTC) to the page's zone: a count of seconds has no
// zone of its own, and readers of the page see its local time.
void ToZone(DateTime* when, int offset_min) {
  using namespace std::chrono;
  if (offset_min == kNoOffset || !when->has_time() || when->tz_offset_min != 0) return;
  const sys_days day{year{when->year} / month{static_cast<unsigned>(when->month)} / when->day};
  const sys_seconds utc = day + hours{when->hour} + minutes{when->minute} + seconds{std::max(when->second, 0)};
  const sys_seconds local = utc + minutes{offset_min};
  const sys_days local_day = floor<days>(local);
  const year_month_day ymd{local_day};
  const hh_mm_ss clock{local - local_day};
  when->year = static_cast<int>(ymd.year());
  when->month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  when->day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  when->hour = static_cast<int>(clock.hours().count());
  when->minute = static_cast<int>(clock.minutes().count());
  when->tz_offset_min = offset_min;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A date without a time (people.cn's <meta name=publishdate content=2025-03-14>)
// takes the time of day a visible line or the script record gives for the
// same day ("2025年03月14日08:56").
void AddTimeOfDay(const std::vector<const std::vector<std::string>*>& line_sets, const ScriptRecord& script,
                  const DateContext& date_context, DateChoice* dates) {
  DateTime& when = *dates->published;
  auto same_day = [&](const DateTime& other) {
    return other.has_time() && other.year == when.year && other.month == when.month && other.day == when.day;
  };
  auto take = [&](const DateTime& other, const std::string& raw) {
    when.hour = other.hour, when.minute = other.minute, when.second = other.second;
    when.tz_offset_min = other.tz_offset_min;
    dates->raw = raw;
    dates->signal += ", with the time of day from \"" + raw + "\"";
  };
  for (const std::vector<std::string>* lines : line_sets) {
    DateChoice visible;
    DatesFromLines(*lines, date_context, &visible);
    if (visible.published && same_day(*visible.published)) return take(*visible.published, visible.raw);
  }
  if (script.published && same_day(*script.published)) take(*script.published, script.published_raw);
}

// The lines that hold a date label (发布于, 发表时间, posted @...).
std::vector<std::string> LabelledLines(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    if (std::any_of(kDateLabels.begin(), kDateLabels.end(),
                    [&](std::string_view label) { return line.find(label) != std::string::npos; })) {
      out.push_back(line);
    }
  }
  return out;
}

}  // namespace

DateChoice ChooseDates(const DateInputs& in, const DateContext& date_context) {
  const Metadata& meta = *in.meta;
  const std::vector<std::string>& info_lines = *in.info_lines;
  const std::vector<std::string>& lines_above = *in.lines_above;
  const Body& body = *in.body;
  DateChoice dates;
  dates.published = meta.published;
  dates.modified = meta.modified;
  dates.raw = meta.published_raw;
  dates.signal = "page metadata (JSON-LD, article:published_time, meta, <time>)";
  // Site rules override the page's metadata; a preset only stands in for it.
  bool from_site_rules = in.rule_origin == "site rules";
  if (in.rule_node != html::kNoNode && (from_site_rules || !meta.published)) {
    DateChoice ruled;
    DatesFromLines({in.doc->TextContent(in.rule_node)}, date_context, &ruled);
    if (ruled.published) {
      dates.published = ruled.published;
      dates.raw = ruled.raw;
      dates.signal = std::string(in.rule_origin) + ": date";
    } else if (from_site_rules) {
      dates.published.reset();
    }
  }
  const std::pair<const std::vector<std::string>*, const char*> visible[] = {
      {&info_lines, "the lines under the title"},
      {&lines_above, "the lines above the title"},
      {&body.byline_lines, "a byline line in the body"},
  };
  for (const auto& [lines, signal] : visible) {
    if (dates.published) break;
    DatesFromLines(*lines, date_context, &dates);
    dates.signal = signal;
  }
  const ScriptRecord& script = meta.script;
  if (!dates.published && script.published) {
    dates.published = script.published;
    dates.raw = script.published_raw;
    dates.signal = "the article's record in the page's scripts";
  }
  if (!dates.published) {
    // A blog's post footer ("posted @ 2025-03-14 08:56 张三 阅读(1024)"); only
    // a labelled line, since lists of other posts and their dates follow.
    DatesFromLines(LabelledLines(*in.lines_below), date_context, &dates);
    dates.signal = "the post footer under the body";
  }
  bool modified_from_script = !dates.modified && script.modified;
  if (modified_from_script) dates.modified = script.modified;
  const std::string_view url = in.url;
  if (!dates.published && !url.empty() && (dates.published = DateFromUrl(url))) {
    dates.raw = std::string(url);
    dates.signal = "the URL";
  }
  if (dates.published && !dates.published->has_time()) {
    AddTimeOfDay({&info_lines, &lines_above, &body.byline_lines}, script, date_context, &dates);
  }
  if (dates.published && AllDigits(dates.raw)) ToZone(&*dates.published, date_context.default_offset_min);
  if (modified_from_script) ToZone(&*dates.modified, date_context.default_offset_min);
  return dates;
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


}  // namespace gleaner::extract::internal
