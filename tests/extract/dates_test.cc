// Focus: date text on news pages -> DateTime; Chinese and English forms,
// relative dates against a fixed "now", and text that must not read as a date.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "extract_internal.h"

namespace gleaner::extract::internal {
namespace {

// Fixed "now" for every relative case: 2025-03-14 12:00:00 UTC, which is
// 20:00 in Beijing.
constexpr int64_t kNowEpoch = 1741953600;
constexpr int kBeijing = 480;

DateContext Beijing() {
  DateContext c;
  c.now = std::chrono::system_clock::time_point(std::chrono::seconds(kNowEpoch));
  c.default_offset_min = kBeijing;
  return c;
}

std::string Find(std::string_view text, const DateContext& context = Beijing()) {
  auto m = FindDate(text, context);
  return m ? FormatIso(m->when) : "";
}

struct Row {
  const char* id;
  const char* text;
  const char* want;  // FormatIso of the result, "" for no date
};

const Row kFindRows[] = {
    {"zh-ymd-hm", "2025-03-14 08:56", "2025-03-14T08:56:00"},
    {"zh-ymd-hms", "2025-03-14 08:56:30", "2025-03-14T08:56:30"},
    {"slash-ymd", "2025/3/14", "2025-03-14"},
    {"slash-ymd-hm", "2025/03/14 08:56", "2025-03-14T08:56:00"},
    {"dot-ymd", "2025.03.14", "2025-03-14"},
    {"zh-nian", "2025年3月14日 08:56", "2025-03-14T08:56:00"},
    {"zh-nian-glued", "2025年03月14日08:56", "2025-03-14T08:56:00"},
    {"zh-nian-spaced", "2025 年 3 月 14 日", "2025-03-14"},
    {"zh-shifen", "2025年3月14日 08时56分", "2025-03-14T08:56:00"},
    {"zh-shifenmiao", "2025年3月14日 08时56分30秒", "2025-03-14T08:56:30"},
    {"zh-dianban", "2025年3月14日 8点半", "2025-03-14T08:30:00"},
    {"zh-hao", "2025年3月14号", "2025-03-14"},
    {"zh-xiawu", "2025年3月14日 下午3:05", "2025-03-14T15:05:00"},
    {"zh-weekday", "2025年3月14日 星期五 08:56", "2025-03-14T08:56:00"},
    {"fullwidth", "２０２５年３月１４日", "2025-03-14"},
    {"fullwidth-dash", "２０２５－０３－１４　０８：５６", "2025-03-14T08:56:00"},
    {"label-prefix", "发布时间：2025-03-14", "2025-03-14"},
    {"label-line", "来源：新华社　发布时间：2025-03-14 08:56:00　浏览次数：123",
     "2025-03-14T08:56:00"},
    {"beijing-time", "2025年3月14日 08:56（北京时间）", "2025-03-14T08:56:00+08:00"},
    {"en-mdy", "Mar 14, 2025", "2025-03-14"},
    {"en-mdy-am", "March 14, 2025 8:56 AM", "2025-03-14T08:56:00"},
    {"en-mdy-pm", "March 14, 2025 8:56 PM", "2025-03-14T20:56:00"},
    {"en-mdy-noon", "March 14, 2025 12:05 p.m.", "2025-03-14T12:05:00"},
    {"en-mdy-midnight", "March 14, 2025 12:05 AM", "2025-03-14T00:05:00"},
    {"en-dmy", "14 March 2025", "2025-03-14"},
    {"en-dmy-time-gmt", "14 March 2025 10:00 GMT", "2025-03-14T10:00:00+00:00"},
    {"en-ordinal", "Published March 14th, 2025", "2025-03-14"},
    {"en-sept", "Sept. 14, 2025", "2025-09-14"},
    {"en-at-edt", "March 14, 2025 at 8:56 a.m. EDT", "2025-03-14T08:56:00-04:00"},
    {"en-bst", "14 Mar 2025 09:00 BST", "2025-03-14T09:00:00+01:00"},
    {"en-et-winter", "Updated 3:05 PM ET, Fri March 7, 2025", "2025-03-07T15:05:00-05:00"},
    {"en-et-summer", "Updated 3:05 PM ET, Fri March 14, 2025", "2025-03-14T15:05:00-04:00"},
    {"iso-z", "2025-03-14T08:56:00Z", "2025-03-14T08:56:00+00:00"},
    {"iso-offset", "2025-03-14T08:56:00+08:00", "2025-03-14T08:56:00+08:00"},
    {"gmt-plus", "2025-03-14 08:56 GMT+8", "2025-03-14T08:56:00+08:00"},
    {"utc-plus-hm", "2025-03-14 08:56 UTC+05:30", "2025-03-14T08:56:00+05:30"},
    {"rfc1123", "Fri, 14 Mar 2025 00:56:00 GMT", "2025-03-14T00:56:00+00:00"},
    {"js-date-string", "Fri Mar 14 2025 08:56:00 GMT+0800 (China Standard Time)",
     "2025-03-14T08:56:00+08:00"},
    {"en-comma-pm-est", "November 19, 2019, 07:47 PM EST", "2019-11-19T19:47:00-05:00"},
    {"dmy-slash", "14/03/2025", "2025-03-14"},
    {"mdy-slash", "03/14/2025", "2025-03-14"},
    {"dmy-dots", "14.03.2025", "2025-03-14"},
    {"yearless-zh", "3月14日 08:56", "2025-03-14T08:56:00"},
    {"yearless-zh-weekday", "3月14日(周五) 08:56", "2025-03-14T08:56:00"},
    {"yearless-zh-date", "3月12日", "2025-03-12"},
    {"yearless-zh-last-year", "12月30日 08:56", "2024-12-30T08:56:00"},
    {"yearless-dash", "03-14 08:56", "2025-03-14T08:56:00"},
    {"yearless-within-a-day", "03-15 08:56", "2025-03-15T08:56:00"},
    {"yearless-past-a-day", "03-16 08:56", "2024-03-16T08:56:00"},
    {"yearless-en", "March 14, 8:56 AM", "2025-03-14T08:56:00"},
    {"rel-gangang", "刚刚", "2025-03-14T20:00:00+08:00"},
    {"rel-minutes", "3分钟前", "2025-03-14T19:57:00+08:00"},
    {"rel-minutes-spaced", "3 分钟前", "2025-03-14T19:57:00+08:00"},
    {"rel-hours", "3小时前", "2025-03-14T17:00:00+08:00"},
    {"rel-half-hour", "半小时前", "2025-03-14T19:30:00+08:00"},
    {"rel-days", "2天前", "2025-03-12"},
    {"rel-yesterday-zh", "昨天 08:30", "2025-03-13T08:30:00+08:00"},
    {"rel-qiantian", "前天 10:00", "2025-03-12T10:00:00+08:00"},
    {"rel-today", "今天 09:15", "2025-03-14T09:15:00+08:00"},
    {"rel-en-hours", "3 hours ago", "2025-03-14T17:00:00+08:00"},
    {"rel-en-mins", "5 mins ago", "2025-03-14T19:55:00+08:00"},
    {"rel-en-an-hour", "an hour ago", "2025-03-14T19:00:00+08:00"},
    {"rel-en-yesterday", "yesterday", "2025-03-13"},
    {"rel-en-yesterday-at", "Yesterday at 8:30 AM", "2025-03-13T08:30:00+08:00"},
    {"rel-updated-clock", "Updated 9:15", "2025-03-14T09:15:00"},
    {"rel-clock-ahead-is-yesterday", "发布于 21:30", "2025-03-13T21:30:00"},
    // Times out of range leave the date alone.
    {"bad-time-keeps-date", "2025-03-14 25:61", "2025-03-14"},
    // Xinhua's header: year, then month/day, then the clock, each in a span.
    {"xinhua-split", "2025 03 / 14 08:56:00", "2025-03-14T08:56:00"},
    {"xinhua-split-tight", "2025 03/14 08:56", "2025-03-14T08:56:00"},
    {"neg-xinhua-split-no-clock", "2025 03/14", ""},
    {"neg-year-then-fraction", "2025 12/31 的比例", ""},
    // Never a date.
    {"neg-year-alone", "2025", ""},
    {"neg-year-in-prose", "2025 was a good year for 30 companies", ""},
    {"neg-version", "gleaner version 1.2.3 released", ""},
    {"neg-year-range", "2020-2025", ""},
    {"neg-phone", "电话：010-6512-3456", ""},
    {"neg-mobile", "手机 13812345678", ""},
    {"neg-url-id", "https://example.com/a/123456789.html", ""},
    {"neg-month-13", "2025-13-01", ""},
    {"neg-feb-30", "2025-02-30", ""},
    {"neg-year-1989", "1989-03-14", ""},
    {"neg-year-2101", "2101-03-14", ""},
    {"neg-score", "比分 3-1 结束", ""},
    {"neg-month-day-no-time", "03-14", ""},
    {"neg-prose-today", "今天，国务院召开常务会议，研究部署进一步做好稳就业工作", ""},
    {"neg-prose-gangang", "他刚刚抵达北京参加会议并发表了重要讲话", ""},
    {"neg-prose-yesterday", "Yesterday the minister said the plan would go ahead", ""},
    {"neg-bare-clock", "会议于08:56开始", ""},
    {"neg-clock-range", "营业时间 08:56-10:00", ""},
    {"neg-month-year", "March 2025", ""},
    {"neg-empty", "", ""},
};

TEST(FindDateTest, Table) {
  for (const Row& row : kFindRows) {
    EXPECT_EQ(Find(row.text), row.want) << row.id << ": " << row.text;
  }
}

TEST(FindDateTest, ReportsByteRangeOfTheMatch) {
  const std::string text = "来源：新华社 发布时间：2025-03-14 08:56 浏览";
  auto m = FindDate(text, Beijing());
  ASSERT_TRUE(m);
  EXPECT_EQ(text.substr(m->begin, m->end - m->begin), "2025-03-14 08:56");
}

TEST(FindDateTest, ByteRangeMapsBackThroughFullWidthDigits) {
  const std::string text = "时间：２０２５年３月１４日 结束";
  auto m = FindDate(text, Beijing());
  ASSERT_TRUE(m);
  EXPECT_EQ(text.substr(m->begin, m->end - m->begin), "２０２５年３月１４日");
}

TEST(FindDateTest, FirstDateWins) {
  EXPECT_EQ(Find("2025-03-14 08:56 更新于 2025-03-15 09:00"), "2025-03-14T08:56:00");
}

TEST(FindDateTest, RelativeWithoutPageOffsetIsUtc) {
  DateContext utc = Beijing();
  utc.default_offset_min = kNoOffset;
  EXPECT_EQ(Find("3小时前", utc), "2025-03-14T09:00:00+00:00");
  // A wall-clock time with no known offset stays without one.
  EXPECT_EQ(Find("昨天 08:30", utc), "2025-03-13T08:30:00");
}

TEST(FindDateTest, YearlessNearNewYearTakesLastYear) {
  DateContext jan = Beijing();
  jan.now = std::chrono::system_clock::time_point(std::chrono::seconds(1735700400));  // 2025-01-01 03:00 UTC
  EXPECT_EQ(Find("12-31 23:50", jan), "2024-12-31T23:50:00");
  EXPECT_EQ(Find("1月1日 09:00", jan), "2025-01-01T09:00:00");
}

TEST(FindDateTest, MalformedUtf8DoesNotCrash) {
  const std::string junk = "\xEF\xBC\x92\xEF\xBC\xE5\xB9\xB4\xFF\xFE 2025-0";
  EXPECT_EQ(Find(junk), "");
  EXPECT_EQ(Find(std::string("\xEF\xBC", 2)), "");
  EXPECT_EQ(Find(std::string(5000, '9')), "");
}

const Row kMachineRows[] = {
    {"iso-date", "2025-03-14", "2025-03-14"},
    {"iso-minutes", "2025-03-14T08:56", "2025-03-14T08:56:00"},
    {"iso-seconds", "2025-03-14T08:56:00", "2025-03-14T08:56:00"},
    {"iso-fraction-z", "2025-03-14T08:56:00.123Z", "2025-03-14T08:56:00+00:00"},
    {"iso-offset", "2025-03-14T08:56:00+08:00", "2025-03-14T08:56:00+08:00"},
    {"iso-offset-compact", "2025-03-14T08:56:00+0800", "2025-03-14T08:56:00+08:00"},
    {"iso-offset-negative", "2025-03-14T08:56:00-05:00", "2025-03-14T08:56:00-05:00"},
    {"iso-minutes-offset", "2025-03-14T08:56+08:00", "2025-03-14T08:56:00+08:00"},
    {"space-form", "2025-03-14 08:56:00", "2025-03-14T08:56:00"},
    {"space-form-offset", "2025-03-14 08:56:00 +0800", "2025-03-14T08:56:00+08:00"},
    {"padded", "  2025-03-14T08:56:00Z \n", "2025-03-14T08:56:00+00:00"},
    {"rfc1123", "Fri, 14 Mar 2025 00:56:00 GMT", "2025-03-14T00:56:00+00:00"},
    {"rfc822-offset", "Fri, 14 Mar 2025 08:56:00 +0800", "2025-03-14T08:56:00+08:00"},
    {"compact-date", "20250314", "2025-03-14"},
    {"compact-datetime", "20250314085600", "2025-03-14T08:56:00"},
    {"epoch-seconds", "1741942560", "2025-03-14T08:56:00+00:00"},
    {"epoch-millis", "1741942560000", "2025-03-14T08:56:00+00:00"},
    {"zh-meta", "2025年03月14日 08:56", "2025-03-14T08:56:00"},
    {"gov-dash-joined", "2025-03-14-17:30:12", "2025-03-14T17:30:12"},
    {"gov-dash-joined-minutes", "2025-03-14-17:30", "2025-03-14T17:30:00"},
    {"neg-gov-dash-id", "2025-03-14-0001", ""},
    {"en-meta", "March 14, 2025", "2025-03-14"},
    {"neg-words", "not a date", ""},
    {"neg-empty", "", ""},
    {"neg-feb-30", "2025-02-30T10:00:00Z", ""},
    {"neg-short-number", "12345", ""},
    {"neg-zero", "0", ""},
    {"neg-relative", "3小时前", ""},
    {"neg-yearless", "03-14 08:56", ""},
    {"neg-late-date", "This text is long and only at its end says 2025-03-14", ""},
};

TEST(ParseMachineDateTest, Table) {
  for (const Row& row : kMachineRows) {
    auto when = ParseMachineDate(row.text);
    EXPECT_EQ(when ? FormatIso(*when) : "", row.want) << row.id << ": " << row.text;
  }
}

const Row kUrlRows[] = {
    {"slashes", "https://www.example.com/news/2025/03/14/story.html", "2025-03-14"},
    {"sina-dashes", "https://news.sina.com.cn/c/2025-03-14/doc-inemxyz.shtml", "2025-03-14"},
    {"qq-compact", "https://news.qq.com/rain/a/20250314A01ABC00", "2025-03-14"},
    {"compact-dir", "https://www.example.cn/news/20250314/123.html", "2025-03-14"},
    {"gov-t-prefix", "http://www.mofcom.gov.cn/article/t20250314_123456.html", "2025-03-14"},
    {"xinhua", "http://www.news.cn/politics/2025-03/14/c_1131234567.htm", "2025-03-14"},
    {"yyyymm-dd", "https://www.example.cn/202503/14/abc.html", "2025-03-14"},
    {"people-yyyy-mmdd", "http://politics.people.com.cn/n1/2025/0314/c1001-40123456.html",
     "2025-03-14"},
    {"neg-id", "https://example.com/article/123456789", ""},
    {"neg-implausible", "https://example.com/2025/13/45/x", ""},
    {"neg-date-in-host", "https://20250314.example.com/x", ""},
    {"neg-no-date", "https://example.com/news/", ""},
    {"neg-year-only", "https://example.com/2025/story", ""},
    {"neg-month-only", "https://www.gov.cn/yaowen/202503/content_7012345.htm", ""},
    {"neg-empty", "", ""},
};

TEST(DateFromUrlTest, Table) {
  for (const Row& row : kUrlRows) {
    auto when = DateFromUrl(row.text);
    EXPECT_EQ(when ? FormatIso(*when) : "", row.want) << row.id << ": " << row.text;
  }
}

TEST(FormatIsoTest, DateOnlyTimeAndOffset) {
  DateTime d;
  d.year = 2025, d.month = 3, d.day = 14;
  EXPECT_EQ(FormatIso(d), "2025-03-14");
  d.hour = 8, d.minute = 56;
  EXPECT_EQ(FormatIso(d), "2025-03-14T08:56:00");
  d.second = 7;
  d.tz_offset_min = 480;
  EXPECT_EQ(FormatIso(d), "2025-03-14T08:56:07+08:00");
  d.tz_offset_min = -330;
  EXPECT_EQ(FormatIso(d), "2025-03-14T08:56:07-05:30");
  d.tz_offset_min = 0;
  EXPECT_EQ(FormatIso(d), "2025-03-14T08:56:07+00:00");
}

TEST(IsPlausibleTest, CalendarAndClockLimits) {
  auto date = [](int y, int m, int d, int h = -1, int mi = -1) {
    DateTime t;
    t.year = y, t.month = m, t.day = d, t.hour = h, t.minute = mi;
    return t;
  };
  EXPECT_TRUE(IsPlausible(date(2024, 2, 29)));
  EXPECT_FALSE(IsPlausible(date(2025, 2, 29)));
  EXPECT_FALSE(IsPlausible(date(2100, 2, 29)));  // not a leap year
  EXPECT_TRUE(IsPlausible(date(1990, 1, 1)));
  EXPECT_FALSE(IsPlausible(date(1989, 12, 31)));
  EXPECT_TRUE(IsPlausible(date(2100, 12, 31)));
  EXPECT_FALSE(IsPlausible(date(2101, 1, 1)));
  EXPECT_FALSE(IsPlausible(date(2025, 0, 1)));
  EXPECT_FALSE(IsPlausible(date(2025, 4, 31)));
  EXPECT_TRUE(IsPlausible(date(2025, 3, 14, 23, 59)));
  EXPECT_FALSE(IsPlausible(date(2025, 3, 14, 24, 0)));
  EXPECT_FALSE(IsPlausible(date(2025, 3, 14, 8, 60)));
  EXPECT_FALSE(IsPlausible(date(2025, 3, 14, 8, -1)));
}

}  // namespace
}  // namespace gleaner::extract::internal
