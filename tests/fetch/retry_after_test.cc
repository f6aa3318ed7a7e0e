// Focus: Retry-After values turned into seconds: delta-seconds, the three
// HTTP-date forms, the response's own Date as the origin, and junk.
#include <gtest/gtest.h>

#include <ctime>

#include "fetch_internal.h"

namespace gleaner::fetch::internal {
namespace {

// Wed, 21 Oct 2015 07:28:00 GMT
constexpr std::time_t kTarget = 1445412480;

TEST(RetryAfterSecondsTest, Table) {
  struct Case {
    const char* id;
    const char* retry_after;
    const char* date;
    std::time_t local_now;
    int64_t want;
  } cases[] = {
      {"ra-1.1", "120", "", 0, 120},
      {"ra-1.2", "0", "", 0, 0},
      {"ra-1.3", "  7\t", "", 0, 7},
      {"ra-2.1", "Wed, 21 Oct 2015 07:28:00 GMT", "", kTarget - 90, 90},
      {"ra-2.2", "Wednesday, 21-Oct-15 07:28:00 GMT", "", kTarget - 90, 90},  // RFC 850
      {"ra-2.3", "Wed Oct 21 07:28:00 2015", "", kTarget - 90, 90},           // asctime
      {"ra-2.4", "Wed, 21 Oct 2015 07:28:00 GMT", "", kTarget + 5, 0},        // past
      // The server's Date wins over a local clock that is a decade off.
      {"ra-3.1", "Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:27:00 GMT",
       kTarget + 10 * 365 * 86400, 60},
      {"ra-3.2", "Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 21 Oct 2015 07:29:00 GMT", 0, 0},
      // An unusable Date falls back to the local clock.
      {"ra-3.3", "Wed, 21 Oct 2015 07:28:00 GMT", "garbage", kTarget - 30, 30},
      // Delta-seconds ignore Date altogether.
      {"ra-3.4", "45", "Wed, 21 Oct 2015 07:27:00 GMT", 0, 45},
      {"ra-4.1", "", "", kTarget, -1},
      {"ra-4.2", "soon", "", kTarget, -1},
      {"ra-4.3", "-5", "", kTarget, -1},
      {"ra-4.4", "1.5", "", kTarget, -1},
      {"ra-4.5", "99999999999999999999999", "", kTarget, -1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RetryAfterSeconds(c.retry_after, c.date, c.local_now), c.want) << c.id;
  }
}

}  // namespace
}  // namespace gleaner::fetch::internal
