// Focus: published dates to (day, instant), and --since/--until bounds.
#include <gtest/gtest.h>

#include <string>

#include "store_internal.h"

namespace gleaner::store {
namespace {

struct DateCase {
  const char* id;
  const char* text;
  bool ok;
  const char* day;
  int64_t epoch_s;
};

class PublishedTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(PublishedTest, Parses) {
  const DateCase& c = GetParam();
  auto at = internal::ParsePublished(c.text);
  ASSERT_EQ(at.has_value(), c.ok) << c.id;
  if (!c.ok) return;
  EXPECT_EQ(at->day, c.day) << c.id;
  EXPECT_EQ(at->epoch_s, c.epoch_s) << c.id;
}

INSTANTIATE_TEST_SUITE_P(
    Table, PublishedTest,
    ::testing::Values(
        DateCase{"d1-date", "2025-03-14", true, "2025-03-14", 1741910400},
        DateCase{"d2-offset", "2025-03-14T08:56:00+08:00", true, "2025-03-14", 1741913760},
        DateCase{"d3-zulu", "2025-03-14T00:56:00Z", true, "2025-03-14", 1741913760},
        DateCase{"d4-no-seconds", "2025-03-14T08:56+08:00", true, "2025-03-14", 1741913760},
        DateCase{"d5-no-offset-is-utc", "2025-03-14T08:56:00", true, "2025-03-14", 1741942560},
        DateCase{"d6-fraction", "2025-03-14T00:56:00.123Z", true, "2025-03-14", 1741913760},
        DateCase{"d7-compact-offset", "2025-03-14T08:56:00+0800", true, "2025-03-14", 1741913760},
        DateCase{"d8-local-day-kept", "2025-03-14T01:00:00+08:00", true, "2025-03-14", 1741885200},
        DateCase{"d9-leap-day", "2024-02-29", true, "2024-02-29", 1709164800},
        DateCase{"d10-not-leap", "2025-02-29", false, "", 0},
        DateCase{"d11-month-13", "2025-13-01", false, "", 0},
        DateCase{"d12-empty", "", false, "", 0},
        DateCase{"d13-chinese", "2025年3月14日", false, "", 0},
        DateCase{"d14-trailing-junk", "2025-03-14Tnoon", false, "", 0},
        DateCase{"d15-bad-offset", "2025-03-14T08:56:00+99:00", false, "", 0},
        DateCase{"d16-space-separator", "2025-03-14 08:56:00", true, "2025-03-14", 1741942560}));

TEST(UtcDayTest, FormatsEpochDays) {
  EXPECT_EQ(internal::UtcDay(0), "1970-01-01");
  EXPECT_EQ(internal::UtcDay(1741913760), "2025-03-14");
  EXPECT_EQ(internal::UtcDay(1709164800), "2024-02-29");
  EXPECT_EQ(internal::UtcDay(-1), "1969-12-31");
}

TEST(DateBoundTest, DayOrInstant) {
  auto day = ParseDateBound("2025-03-01");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(day->day, "2025-03-01");
  EXPECT_FALSE(day->epoch_s);
  auto instant = ParseDateBound("2025-03-01T08:00:00+08:00");
  ASSERT_TRUE(instant.ok());
  EXPECT_TRUE(instant->day.empty());
  EXPECT_EQ(*instant->epoch_s, 1740787200);
  auto bad = ParseDateBound("March 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Code::kInvalidInput);
  EXPECT_NE(bad.error().message.find("March 1"), std::string::npos);
}

}  // namespace
}  // namespace gleaner::store
