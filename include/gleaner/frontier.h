// frontier: the crawl's persistent to-do list - one row per canonical URL,
// in the store's database (table `frontier`, migration 2), so a crawl
// resumes where the last one stopped and memory does not grow with the
// number of known URLs.
// Does:    adds discovered URLs (insert-or-ignore on the canonical key; a
//          per-site row cap), leases due URLs per host in priority order
//          (sitemaps, feeds, lists, then articles; this run's discoveries
//          before older backlog; oldest sitemap lastmod first, so an original
//          is stored before its reprints), records each fetch's outcome (state,
//          attempts, next fetch time, ETag, Last-Modified, content hash),
//          caches robots.txt per host, and numbers runs. StartRun turns
//          leftover leases back to pending and re-queues what must be
//          fetched again (list pages, feeds and sitemaps every run; articles
//          whose revisit time has come).
// Owns:    its own SQLite connection to the store's file (WAL; the Store's
//          connection is separate) and its prepared statements.
// Threads: not thread-safe: one thread (the crawl's writer) owns it.
// Errors:  as store.h: kDiskFull, kCorrupt, kBusy, kIo, kUnsupported (the
//          file is newer), each naming the database file and SQLite's text.
// Touches: the database file and its -wal/-shm files.
//
// Crash safety is the caller's order: commit the Store's batch (articles)
// first, then the frontier transaction that marks those pages done. A kill
// between the two leaves the pages pending; the next run refetches them and
// Store::Put finds the same URL key (unchanged), so nothing is stored twice.
#ifndef GLEANER_FRONTIER_H_
#define GLEANER_FRONTIER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/result.h"

namespace gleaner::store {

// What a URL is, as far as the crawl knows; the order is the lease priority.
enum class PageKind : int {
  kSitemap = 0,  // sitemap or sitemap index: fetched again every run
  kFeed = 1,     // RSS/Atom: fetched again every run
  kList = 2,     // start, section and list pages: fetched again every run
  kArticle = 3,  // fetched once (or again after revisit_days)
  kOther = 4,    // parts of split articles, redirects, non-HTML: never again
};
std::string_view PageKindName(PageKind kind);  // "sitemap", "feed", ...

enum class UrlState : int {
  kPending = 0,  // to fetch once next_fetch_ms has come
  kLeased = 1,   // handed to the running crawl
  kDone = 2,     // fetched (200 or 304)
  kGone = 3,     // 404/410 or a permanent refusal (too large, not HTML, loop)
  kFailed = 4,   // transient failures reached the attempt cap
  kBlocked = 5,  // robots.txt disallows it (checked again next run)
};
std::string_view UrlStateName(UrlState state);

// One frontier row.
struct FrontierUrl {
  int64_t id = 0;
  std::string url_key;  // url::Canonicalize of the URL: the identity
  std::string url;      // the URL to fetch, as linked (tracking parameters dropped)
  std::string site;     // the crawl site (rules name, or registrable domain)
  std::string host;     // host[:port]: the politeness key
  PageKind kind = PageKind::kArticle;
  UrlState state = UrlState::kPending;
  int depth = 0;     // links from a start URL, sitemap or feed
  int hops = 0;      // consecutive same-path, other-query links (trap defence)
  int attempts = 0;  // transient failures since the last success
  int64_t next_fetch_ms = 0;  // epoch ms; 0 = now (pending) or never (done)
  int64_t fetched_ms = 0;     // last response, epoch ms; 0 = never
  int http_status = 0;
  std::string etag;           // from the last 200, for If-None-Match
  std::string last_modified;  // from the last 200, for If-Modified-Since
  std::optional<uint64_t> content_hash;  // dedup::Hash64 of the last 200's body
  std::string lastmod;        // sitemap <lastmod> last seen for it
  std::string error;          // the last failure's "code: message"
};

// A URL found by the crawl.
struct NewUrl {
  std::string url_key;
  std::string url;
  std::string site;
  std::string host;
  PageKind kind = PageKind::kArticle;
  int depth = 0;
  int hops = 0;
  std::string lastmod;  // from a sitemap or feed entry, or ""
  // Start URLs, rules sitemaps and feeds: made pending again (with kind
  // and attempts reset) even when done, gone or failed.
  bool seed = false;
};

struct AddResult {
  int64_t added = 0;     // new rows
  int64_t requeued = 0;  // seeds, and done articles whose sitemap lastmod changed
  int64_t capped = 0;    // refused: the site has max_rows_per_site rows
  std::vector<std::string> hosts;  // hosts that got pending rows, each once
};

// What a fetch of a leased URL came to.
struct FetchOutcome {
  UrlState state = UrlState::kDone;
  PageKind kind = PageKind::kArticle;  // what the page turned out to be
  int attempts = 0;
  int64_t next_fetch_ms = 0;  // pending: when to retry; done: revisit time or 0
  int64_t fetched_ms = 0;     // 0 keeps the old value
  int http_status = 0;
  bool validators = false;    // true (a 200): etag/last_modified/hash below replace the old
  std::string etag;
  std::string last_modified;
  std::optional<uint64_t> content_hash;
  std::string error;  // "" on success
};

struct LeaseResult {
  std::vector<FrontierUrl> urls;  // now leased, best first
  // When fewer than asked were due: the earliest next_fetch_ms of the host's
  // other pending rows, or -1 when it has none.
  int64_t next_due_ms = -1;
};

struct HostDue {
  std::string host;
  int64_t next_due_ms = 0;  // earliest next_fetch_ms of its pending rows
};

// robots.txt as last fetched from a host.
struct RobotsRecord {
  std::string host;
  int http_status = 0;
  std::string body;
  std::string etag;
  std::string last_modified;
  int64_t fetched_ms = 0;
};

struct RunTotals {
  std::string status;  // "done", "interrupted", "budget", "failed"
  int64_t pages = 0;
  int64_t articles = 0;
  int64_t failed = 0;
};

struct FrontierOptions {
  int busy_timeout_ms = 5000;  // wait this long for the Store's write lock
  bool fsync = true;           // as store::Options::fsync
};

class Frontier {
 public:
  // Opens the frontier of the store at `path`, creating and migrating the
  // store first when needed (the schema lives in store/schema.cc).
  static Result<std::unique_ptr<Frontier>> Open(const std::string& path,
                                                const FrontierOptions& options = {});
  virtual ~Frontier() = default;

  // An explicit transaction around many calls (BEGIN IMMEDIATE); without
  // one each call commits by itself. Rollback is a no-op outside one.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;

  // Starts run N+1: leftover leases -> pending; done/failed list pages,
  // feeds and sitemaps -> pending; done articles whose next_fetch_ms has
  // come -> pending; blocked -> pending. Returns the run number.
  virtual Result<int64_t> StartRun(int64_t now_ms) = 0;
  virtual Status FinishRun(int64_t run, const RunTotals& totals, int64_t now_ms) = 0;

  // Adds URLs (see NewUrl::seed, AddResult). A site holding
  // `max_rows_per_site` rows takes no new ones (0 = no cap).
  virtual Result<AddResult> Add(const std::vector<NewUrl>& urls, int64_t run,
                                int64_t max_rows_per_site) = 0;

  // Leases up to `limit` pending rows of `host` due by `now_ms`.
  virtual Result<LeaseResult> Lease(std::string_view host, int limit, int64_t now_ms) = 0;

  // Every host with pending rows, and when its first one is due.
  virtual Result<std::vector<HostDue>> PendingHosts() = 0;

  // Records the outcome of fetching row `id`.
  virtual Status Finish(int64_t id, const FetchOutcome& outcome) = 0;

  // Records an outcome for a URL fetched without a row of its own (the end
  // of a redirect chain, a further page of a split article): inserted with
  // the outcome, or an existing pending/done row updated. A leased row is
  // left to its own fetch.
  virtual Status Record(const NewUrl& url, const FetchOutcome& outcome) = 0;

  // Returns a leased row to pending without counting an attempt.
  virtual Status Release(int64_t id) = 0;

  virtual Result<std::optional<RobotsRecord>> Robots(std::string_view host) = 0;
  virtual Status SaveRobots(const RobotsRecord& record) = 0;

  // The row for a canonical key (tests, tools).
  virtual Result<std::optional<FrontierUrl>> Get(std::string_view url_key) = 0;
  // Rows per state name ("pending", "done", ...), for summaries and tests.
  virtual Result<std::map<std::string, int64_t>> CountByState() = 0;
};

}  // namespace gleaner::store

#endif  // GLEANER_FRONTIER_H_
