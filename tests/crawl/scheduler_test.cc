// scheduler_test: per-host politeness and the global cap as bookkeeping
// (times passed in, no clock, no sleeps), and the retry backoff.
#include <gtest/gtest.h>

#include "crawl_internal.h"

namespace gleaner::crawl::internal {
namespace {

const std::string kHost = "news.example.cn";

int64_t Margin(int64_t delay_ms) { return delay_ms + delay_ms / 20 + kPolitenessMarginMs; }

TEST(SchedulerTest, PerHostInFlightCapAtLimitMinusOneLimitAndPlusOne) {
  Scheduler s(/*concurrency=*/16, /*per_host=*/3);
  s.Started(kHost, 0);
  s.Started(kHost, 0);
  EXPECT_TRUE(s.CanStart(kHost, 0));  // 2 of 3
  s.Started(kHost, 0);
  EXPECT_FALSE(s.CanStart(kHost, 0));  // 3 of 3
  EXPECT_EQ(s.in_flight(kHost), 3);
  EXPECT_TRUE(s.CanStart("other.example.com", 0));  // another host is not held up
  s.Finished(kHost);
  EXPECT_TRUE(s.CanStart(kHost, 0));
}

TEST(SchedulerTest, GlobalCapHoldsEveryHost) {
  Scheduler s(/*concurrency=*/2, /*per_host=*/2);
  s.Started("a.example", 0);
  s.Started("b.example", 0);
  EXPECT_TRUE(s.Full());
  EXPECT_FALSE(s.CanStart("c.example", 0));
  s.Finished("a.example");
  EXPECT_TRUE(s.CanStart("c.example", 0));
}

TEST(SchedulerTest, DelayIsMeasuredBetweenStartsWithMargin) {
  Scheduler s(16, 2);
  s.SetDelay(kHost, 100);
  s.Started(kHost, 1000);
  s.Finished(kHost);  // a fast answer does not shorten the wait
  EXPECT_FALSE(s.CanStart(kHost, 1000 + Margin(100) - 1));
  EXPECT_TRUE(s.CanStart(kHost, 1000 + Margin(100)));
  EXPECT_EQ(s.ReadyAt(kHost), 1000 + Margin(100));
}

TEST(SchedulerTest, DelayLearntAfterAStartCountsFromThatStart) {
  Scheduler s(16, 2);
  s.Started(kHost, 500);  // robots.txt, before its Crawl-delay is known
  s.Finished(kHost);
  s.SetDelay(kHost, 1000);
  EXPECT_FALSE(s.CanStart(kHost, 600));
  EXPECT_TRUE(s.CanStart(kHost, 500 + Margin(1000)));
}

TEST(SchedulerTest, ZeroDelayHasNoMargin) {
  Scheduler s(16, 2);
  s.SetDelay(kHost, 0);
  s.Started(kHost, 7);
  EXPECT_TRUE(s.CanStart(kHost, 7));
}

TEST(SchedulerTest, DeferPushesTheHostAndNeverMovesBack) {
  Scheduler s(16, 2);
  s.Defer(kHost, 5000);  // 429 with Retry-After
  EXPECT_FALSE(s.CanStart(kHost, 4999));
  s.Defer(kHost, 100);  // an earlier time does not pull it back
  EXPECT_FALSE(s.CanStart(kHost, 4999));
  EXPECT_TRUE(s.CanStart(kHost, 5000));
}

TEST(BackoffTest, DoublesWithJitterAndIsCapped) {
  uint64_t rng = 7;
  for (int attempt = 1; attempt <= 5; ++attempt) {
    int64_t base = int64_t{1000} << (attempt - 1);
    int64_t wait = BackoffMs(attempt, &rng);
    EXPECT_GE(wait, base * 3 / 4) << attempt;
    EXPECT_LT(wait, base * 5 / 4) << attempt;
  }
  EXPECT_LT(BackoffMs(40, &rng), 10 * 60 * 1000 * 5 / 4);
  EXPECT_GE(BackoffMs(40, &rng), 10 * 60 * 1000 * 3 / 4);
}

TEST(BackoffTest, SameSeedSameWaits) {
  uint64_t a = 99, b = 99;
  for (int attempt = 1; attempt <= 4; ++attempt) EXPECT_EQ(BackoffMs(attempt, &a), BackoffMs(attempt, &b));
}

}  // namespace
}  // namespace gleaner::crawl::internal
