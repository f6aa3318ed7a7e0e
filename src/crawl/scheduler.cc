// Politeness bookkeeping, retry backoff, and the small shared pieces
// (stats, fatal errors, the inbox notice, the system clock).
#include <algorithm>
#include <chrono>

#include "crawl_internal.h"

namespace gleaner::crawl {
namespace {

class RealClock final : public Clock {
 public:
  int64_t WallMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  int64_t SteadyMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  }
};

}  // namespace

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

double Summary::FailureRate() const {
  return totals.pages > 0 ? static_cast<double>(totals.failed) / static_cast<double>(totals.pages) : 0.0;
}

namespace internal {

void Scheduler::SetDelay(const std::string& host, int64_t delay_ms) {
  Host& h = hosts_[host];
  // Starts are timed here, arrivals at the server: connection set-up and a
  // busy server move an arrival by milliseconds (portal-sim measured up to
  // 13 ms at 100 ms). The margin keeps the server's measured gap at or
  // above the delay.
  h.delay_ms = delay_ms <= 0 ? 0 : delay_ms + delay_ms / 20 + kPolitenessMarginMs;
  // A delay learnt after a request started (robots.txt is itself the
  // first request) applies from that start.
  if (h.last_start_ms >= 0) h.next_start_ms = std::max(h.next_start_ms, h.last_start_ms + h.delay_ms);
}

bool Scheduler::CanStart(const std::string& host, int64_t now_ms) const {
  if (in_flight_ >= concurrency_) return false;
  auto it = hosts_.find(host);
  if (it == hosts_.end()) return true;
  return it->second.in_flight < per_host_ && now_ms >= it->second.next_start_ms;
}

int64_t Scheduler::ReadyAt(const std::string& host) const {
  auto it = hosts_.find(host);
  return it == hosts_.end() ? 0 : it->second.next_start_ms;
}

void Scheduler::Started(const std::string& host, int64_t now_ms) {
  Host& h = hosts_[host];
  ++h.in_flight;
  ++in_flight_;
  h.last_start_ms = now_ms;
  // Invariant 2: max() so a deferral further out is kept.
  h.next_start_ms = std::max(h.next_start_ms, now_ms + h.delay_ms);
}

void Scheduler::Finished(const std::string& host) {
  auto it = hosts_.find(host);
  if (it == hosts_.end() || it->second.in_flight == 0) return;
  --it->second.in_flight;
  --in_flight_;
}

void Scheduler::Defer(const std::string& host, int64_t until_ms) {
  Host& h = hosts_[host];
  h.next_start_ms = std::max(h.next_start_ms, until_ms);
}

int Scheduler::in_flight(const std::string& host) const {
  auto it = hosts_.find(host);
  return it == hosts_.end() ? 0 : it->second.in_flight;
}

int64_t BackoffMs(int attempt, uint64_t* rng) {
  constexpr int64_t kBaseMs = 1000;
  constexpr int64_t kMaxMs = 10 * 60 * 1000;
  int shift = std::clamp(attempt - 1, 0, 20);
  int64_t wait = std::min<int64_t>(kBaseMs << shift, kMaxMs);
  // xorshift64*: small, seedable, and good enough to spread retries.
  uint64_t x = *rng == 0 ? 0x9E3779B97F4A7C15ull : *rng;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *rng = x;
  double unit = static_cast<double>((x * 0x2545F4914F6CDD1Dull) >> 11) / 9007199254740992.0;  // [0,1)
  return static_cast<int64_t>(static_cast<double>(wait) * (0.75 + 0.5 * unit));
}

void StatsBoard::Add(int64_t Progress::*field, int64_t n) {
  std::lock_guard<std::mutex> lock(mu);
  progress.*field += n;
}

void StatsBoard::Failure(const std::string& reason) {
  std::lock_guard<std::mutex> lock(mu);
  ++failures[reason];
}

Progress StatsBoard::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu);
  return progress;
}

std::map<std::string, int64_t> StatsBoard::Failures() const {
  std::lock_guard<std::mutex> lock(mu);
  return failures;
}

void Shared::Fail(Error error) {
  {
    std::lock_guard<std::mutex> lock(fatal_mu);
    if (!fatal_error) fatal_error = std::move(error);
  }
  fatal.store(true);
  if (wake_fetcher) wake_fetcher();
}

void Shared::Notify(InboxMsg msg) {
  inbox.Push(std::move(msg));
  if (wake_fetcher) wake_fetcher();
}

}  // namespace internal
}  // namespace gleaner::crawl
