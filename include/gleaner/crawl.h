// crawl: the crawler - `gleaner crawl`, the job users run hourly from cron.
// Does:    seeds from start URLs, rules files, sitemaps (robots.txt Sitemap
//          lines too) and feeds; fetches many pages at once with a per-host
//          politeness schedule (delay between request starts = max(rules or
//          --delay, robots Crawl-delay capped), per-host and global
//          concurrency caps); robots.txt per RFC 9309; follows redirects
//          itself (every hop checked against scope and robots, at most 5,
//          loops detected); conditional GET for list pages, feeds, sitemaps;
//          retries with exponential backoff and jitter across runs; stitches
//          split articles; classifies pages (list / article) and stores
//          articles through the same charset -> extract -> dedup -> store path
//          as `gleaner extract`; trap defences; budgets; a clean stop.
//          Design and decisions: docs/internals/crawl.md.
// Owns:    per Run: a libcurl multi Fetcher (fetch thread = the caller's),
//          `workers` threads with a PageProcessor each, one writer thread
//          owning the Store and the Frontier (a second SQLite connection),
//          and the lock file <db>.lock.
// Borrows: the Clock in Options (must outlive the Crawler).
// Threads: Run() is called once, from one thread. Stop() may be called from
//          any thread or a signal handler while Run() runs.
// Errors:  Run fails with kBusy when another crawl holds the lock,
//          kInvalidInput for options that cannot work (no start URL, bad
//          numbers), and the Store's codes (kDiskFull, kCorrupt, kIo,
//          kUnsupported) when the database cannot be opened or written; a
//          store failure mid-run stops the crawl after what was committed.
//          Page failures are not errors of Run: they are counted in Summary,
//          and so are hosts that stopped answering (left for the next run).
// Touches: the network (http/https only), the database file and its
//          -wal/-shm files, the lock file; logs through log.h.
#ifndef GLEANER_CRAWL_H_
#define GLEANER_CRAWL_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gleaner/fetch.h"
#include "gleaner/result.h"
#include "gleaner/rules.h"
#include "gleaner/store.h"

namespace gleaner::crawl {

// Where the crawl reads the time. Wall time goes into the frontier (next
// fetch, revisit); steady time drives politeness and budgets. Tests move
// wall time between runs to test backoff and revisits without sleeping.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t WallMs() const = 0;    // epoch milliseconds
  virtual int64_t SteadyMs() const = 0;  // monotonic milliseconds
};
const Clock& SystemClock();

// Counts so far (progress) or for the whole run (summary).
struct Progress {
  int64_t requests = 0;        // HTTP requests made (robots.txt, hops, retries included)
  int64_t pages = 0;           // frontier URLs fetched to an answer
  int64_t not_modified = 0;    // 304s
  int64_t articles_new = 0;    // Put outcomes
  int64_t articles_changed = 0;
  int64_t articles_unchanged = 0;
  int64_t duplicates = 0;
  int64_t lists = 0;           // list pages, feeds and sitemaps processed
  int64_t retries = 0;         // transient failures that will be retried
  int64_t failed = 0;          // URLs given up on this run (transient, attempts used up)
  int64_t gone = 0;            // 404/410 and permanent refusals
  int64_t skipped = 0;         // not HTML, excluded, too large, robots-blocked at fetch time
  int64_t bytes = 0;
  int64_t elapsed_ms = 0;
};

struct Options {
  std::string db_path;                    // the store (required)
  std::vector<rules::SiteRules> sites;    // from rules files; may be empty
  // Start URLs from the command line. One inside a rules site's scope joins
  // that site; others become generic sites (their registrable domain).
  std::vector<std::string> start_urls;

  int concurrency = 16;       // requests in flight in all
  int per_host = 2;           // requests in flight to one host
  double default_delay_s = 0.5;  // between request starts to a host without rules delay
  double max_crawl_delay_s = 30;  // robots Crawl-delay above this is capped
  int max_depth = 10;         // link depth from a start page, sitemap or feed (rules may set)
  int64_t max_pages = 0;      // URLs fetched this run (see docs); 0 = no limit
  int64_t max_time_ms = 0;    // stop starting fetches after this; 0 = no limit
  int workers = 0;            // extraction threads; 0 = hardware threads (at least 1)
  double revisit_days = 0;    // refetch articles this old (rules may set); 0 = never
  bool follow_pages = true;   // fetch and stitch a split article's further pages
  int max_attempts = 5;       // transient failures of one URL, across runs, before giving up
  // A retry due later than this is left for the next run instead of waited for.
  int64_t max_retry_wait_ms = 60'000;
  int64_t max_urls_per_site = 500'000;  // frontier rows per site (trap defence)
  uint64_t seed = 0;          // backoff jitter; 0 = from the clock
  fetch::Options fetch;       // timeouts, body cap, user agent (concurrency caps are set from above)
  store::Options store;
  const Clock* clock = nullptr;  // nullptr = SystemClock()

  // Called on the fetch thread about every progress_interval_ms.
  std::function<void(const Progress&)> on_progress;
  int64_t progress_interval_ms = 1000;
};

struct Summary {
  Progress totals;
  std::map<std::string, int64_t> failures;  // reason ("timeout", "http_503", ...) -> count
  std::string stopped_by;  // "done", "max-pages", "max-time", "signal", "store-error"
  int64_t run = 0;         // the run's number in the store
  // A store failure that stopped the run (disk full, corrupt): what was
  // committed before it is kept; pages in flight stay pending.
  std::optional<Error> store_error;
  // Hosts given up for this run (host -> why): robots.txt unavailable, or
  // the server stopped answering. Their URLs wait, pending, for the next run.
  std::map<std::string, std::string> hosts_skipped;
  // failed / pages, 0 when nothing was fetched.
  double FailureRate() const;
};

class Crawler {
 public:
  explicit Crawler(Options options);
  ~Crawler();
  Crawler(const Crawler&) = delete;
  Crawler& operator=(const Crawler&) = delete;

  // Crawls until nothing is due, a budget is spent, or Stop(); see Errors.
  Result<Summary> Run();

  // Stops starting new fetches; what is in flight finishes and is stored,
  // then Run returns (stopped_by "signal"). Async-signal-safe.
  void Stop();

 private:
  Options options_;
  std::atomic<bool> stop_{false};
  std::atomic<void*> wake_{nullptr};  // the running Fetcher, to interrupt its Poll
};

// The lock a crawl holds on a database: flock(2) on "<db>.lock", released
// when the CrawlLock is destroyed or the process dies (even by SIGKILL).
class CrawlLock {
 public:
  // kBusy when another process holds it (the message names the lock file and
  // the holder's pid); kIo when the file cannot be made.
  static Result<std::unique_ptr<CrawlLock>> Acquire(const std::string& db_path);
  ~CrawlLock();
  CrawlLock(const CrawlLock&) = delete;
  CrawlLock& operator=(const CrawlLock&) = delete;

 private:
  explicit CrawlLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace gleaner::crawl

#endif  // GLEANER_CRAWL_H_
