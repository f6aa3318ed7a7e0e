// crawl_internal: what the crawl's sources share - sites and scope, link
// rules and trap defences, the politeness scheduler, backoff, the queues
// between the three kinds of thread, and the messages on them.
// Threads: the fetch thread runs FetchLoop, workers run Worker, the writer
// runs Writer; they meet only through Channel, Inbox and Shared.
#ifndef GLEANER_SRC_CRAWL_CRAWL_INTERNAL_H_
#define GLEANER_SRC_CRAWL_CRAWL_INTERNAL_H_

#include <atomic>
#include <functional>
#include <map>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "channel.h"
#include "gleaner/article.h"
#include "gleaner/crawl.h"
#include "gleaner/dedup.h"
#include "gleaner/fetch.h"
#include "gleaner/frontier.h"
#include "gleaner/robots.h"
#include "gleaner/rules.h"
#include "gleaner/store.h"

namespace gleaner::crawl::internal {

using store::FrontierUrl;
using store::NewUrl;
using store::PageKind;

// ---- limits (trap defences; docs/internals/crawl.md "Traps") ----
inline constexpr size_t kMaxUrlBytes = 2048;        // longer URLs are traps or junk
inline constexpr int kMaxQueryParams = 12;          // more parameters: faceted-search traps
inline constexpr int kMaxSegmentRepeats = 2;        // a segment thrice (/a/b/a/b/a/b/): a relative-link loop
inline constexpr int kMaxQueryHops = 3;             // same path, new query, again and again (calendars)
inline constexpr int kMaxRedirectHops = 5;          // the limit
inline constexpr size_t kMaxLinksPerPage = 2000;    // a page listing more is cut
inline constexpr int64_t kRobotsMaxBytes = 512 * 1024;
// Different URLs of one host failing in a row with no answer (refused,
// reset, timed out) before the host is left for the next run. Several, so
// one URL a server always cuts short (retried on its own backoff) never
// looks like the whole server gone.
inline constexpr size_t kHostDownUrls = 5;

// ---- sites (sites.cc) ----

// One site of the run: a rules file, or a generic site for a start URL.
struct Site {
  std::string name;
  std::shared_ptr<const rules::CompiledRules> rules;  // never null (empty rules for generic)
  std::vector<std::string> domains;  // registrable domains in scope (url::SiteOf)
  std::vector<std::string> hosts;    // extra exact hosts in scope (rules `hosts`)
  std::vector<std::string> start;    // start URLs
  double delay_s = 0;
  int max_depth = 10;
  int64_t max_pages = 0;  // per run; 0 = none
  double revisit_days = 0;
  std::string encoding;
};

class SiteTable {
 public:
  // Compiles the rules and adds a generic site per start URL no rules site
  // covers. kInvalidInput for a bad start URL or nothing to crawl.
  static Result<std::unique_ptr<SiteTable>> Build(const Options& options);

  // The site whose scope holds the URL's host, or null (out of scope).
  const Site* ForUrl(std::string_view url) const;
  const Site* ForHost(std::string_view host) const;  // host without port
  const std::vector<std::unique_ptr<Site>>& sites() const { return sites_; }

  // Start pages (lists), rules sitemaps and feeds, as seeds.
  std::vector<NewUrl> Seeds() const;

 private:
  std::vector<std::unique_ptr<Site>> sites_;
};

// ---- links (links.cc) ----

// host[:port] of a URL (lower case, port only when not the default): the
// politeness key. "" when the URL does not parse.
std::string HostKey(std::string_view url);

// True for URLs whose path ends in an extension that is never a page
// (.jpg .png .pdf .zip .doc .mp4 ...).
bool HasBinaryExtension(std::string_view url);

// True for Content-Types that are certainly not a page, feed or sitemap
// (image/*, audio/*, video/*, font/*, application/pdf, zip, office...).
bool IsUnwantedContentType(std::string_view content_type);

// Why a link is not added; kOk when it is.
enum class LinkVerdict {
  kOk, kInvalid, kOutOfScope, kExcluded, kBinary, kTooLong, kTooManyParams,
  kRepeatedSegments, kTooDeep, kTrapHops, kRobots,
};
std::string_view LinkVerdictName(LinkVerdict verdict);

// The fetch form of a URL: tracking and session parameters dropped (so a
// ?sid= trap never reaches the server), nothing else changed.
std::string FetchForm(std::string_view url);

// A URL as a frontier row of `site`, or why not (scope, rules, traps,
// depth). `parent_url` ("" for seeds) decides the same-path hop count.
struct LinkFrom {
  std::string_view parent_url;
  int parent_depth = 0;
  int parent_hops = 0;
};
LinkVerdict MakeLink(const SiteTable& sites, std::string_view url, PageKind kind, const LinkFrom& from,
                     NewUrl* out);

// Lease priority for a link whose kind is not known from where it was found:
// rules `article`/`follow` patterns, else the URL's shape.
PageKind GuessKind(const Site& site, std::string_view url);

// True for URLs shaped like a directory or an index/list page.
bool LooksLikeListUrl(std::string_view url);

// Decides whether an extracted page is an article (stored) or a list page
// (links followed). Start pages are always lists.
bool IsArticlePage(const Site& site, const FrontierUrl& lease, std::string_view url, const Article& article);

// ---- robots shared with workers (links.cc) ----
class RobotsBook {
 public:
  void Set(const std::string& host, std::shared_ptr<const robots::Robots> rules);
  // True unless the host's robots.txt is known and disallows the URL.
  bool MayFetch(std::string_view host, std::string_view url) const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const robots::Robots>> by_host_;  // GUARDED_BY(mu_)
};

// Path plus "?query", as robots.txt rules match it.
std::string RobotsPath(std::string_view url);

// ---- scheduler (scheduler.cc) ----

// Added to every non-zero delay (and 5% of it); see Scheduler::SetDelay.
inline constexpr int64_t kPolitenessMarginMs = 10;

// Per-host politeness and the global cap, as pure bookkeeping: the caller
// passes the steady time. Invariants: (1) in_flight(host) <= per_host and
// in_flight() <= concurrency after every Started; (2) a host's earliest
// next start never moves backwards.
class Scheduler {
 public:
  Scheduler(int concurrency, int per_host) : concurrency_(concurrency), per_host_(per_host) {}
  void SetDelay(const std::string& host, int64_t delay_ms);
  // True when a request to `host` may start at `now_ms`.
  bool CanStart(const std::string& host, int64_t now_ms) const;
  // The earliest time a start to `host` could be allowed by the delay.
  int64_t ReadyAt(const std::string& host) const;
  void Started(const std::string& host, int64_t now_ms);
  void Finished(const std::string& host);
  // No start to `host` before `until_ms` (Retry-After on 429).
  void Defer(const std::string& host, int64_t until_ms);
  int in_flight() const { return in_flight_; }
  int in_flight(const std::string& host) const;
  bool Full() const { return in_flight_ >= concurrency_; }

 private:
  struct Host {
    int64_t delay_ms = 0;
    int64_t next_start_ms = 0;  // last start + delay, or a deferral
    int64_t last_start_ms = -1;
    int in_flight = 0;
  };
  int concurrency_;
  int per_host_;
  int in_flight_ = 0;
  std::unordered_map<std::string, Host> hosts_;
};

// Retry wait after the attempt-th transient failure (1-based): 1 s, 2 s,
// 4 s ... capped at 10 min, times a jitter in [0.75, 1.25) from *rng.
int64_t BackoffMs(int attempt, uint64_t* rng);

// ---- shared state and messages ----

struct StatsBoard {
  void Add(int64_t Progress::*field, int64_t n = 1);
  void Failure(const std::string& reason);
  Progress Snapshot() const;
  std::map<std::string, int64_t> Failures() const;

  mutable std::mutex mu;
  Progress progress;                         // GUARDED_BY(mu)
  std::map<std::string, int64_t> failures;  // GUARDED_BY(mu)
};

// A fetched 200 page for a worker.
struct FetchedPage {
  FrontierUrl lease;           // the row; kind is what was expected
  const Site* site = nullptr;
  fetch::Response response;
  int64_t fetched_wall_ms = 0;
  std::vector<std::string> hops;  // URLs before the final one (redirects)
  std::vector<store::FetchRecord> log;
  uint64_t assembly = 0;       // != 0: a further page of this split article
};

// One frontier URL done (for the writer): its outcome, what to store, the
// links found.
struct PageResult {
  bool has_lease = true;
  FrontierUrl lease;
  store::FetchOutcome outcome;
  std::vector<std::pair<NewUrl, store::FetchOutcome>> also;  // redirect targets, parts
  std::optional<Article> article;
  dedup::Signature signature;
  int64_t seen_at_ms = 0;
  std::vector<NewUrl> links;
  std::vector<store::FetchRecord> log;
  bool counted = true;  // part of Shared::outstanding
};

// Split articles: the first page waits on the fetch thread for the rest.
struct AssemblyStart {
  PageResult first;             // article set, links found
  const Site* site = nullptr;
};
struct PartDone {
  uint64_t assembly = 0;
  std::string url;
  Result<Article> article = MakeError(Code::kInternal, "unset");
  bool transient = false;       // a failure worth retrying the whole article for
  std::vector<store::FetchRecord> log;
};

// Writer requests (from the fetch thread).
struct LeaseRequest { std::string host; int limit = 0; };
struct RobotsRequest { std::string host; };
struct ReleaseRequest { std::vector<int64_t> ids; };
using WriterMsg = std::variant<PageResult, LeaseRequest, RobotsRequest, store::RobotsRecord, ReleaseRequest>;

// Replies and notices to the fetch thread.
struct LeaseReply { std::string host; store::LeaseResult lease; };
struct RobotsReply { std::string host; std::optional<store::RobotsRecord> record; };
struct HostsWithWork { std::vector<std::string> hosts; };
using InboxMsg = std::variant<LeaseReply, RobotsReply, HostsWithWork, AssemblyStart, PartDone>;

struct Shared {
  explicit Shared(const Options& o) : options(o) {}
  const Options& options;
  const SiteTable* sites = nullptr;
  const Clock* clock = nullptr;
  int64_t run = 0;

  Channel<FetchedPage> work;
  Channel<WriterMsg> writer;
  Channel<InboxMsg> inbox;
  std::function<void()> wake_fetcher;  // set while the fetch loop runs

  // Pages handed to workers or the writer and not yet written (bounds memory).
  std::atomic<int64_t> outstanding{0};
  StatsBoard stats;
  RobotsBook robots;

  std::atomic<bool> fatal{false};
  std::mutex fatal_mu;
  std::optional<Error> fatal_error;  // GUARDED_BY(fatal_mu)
  void Fail(Error error);

  // Posts to the inbox and wakes the fetch thread's Poll.
  void Notify(InboxMsg msg);
};

// ---- the three loops ----

// Runs one worker until `work` closes.
void RunWorker(Shared& shared);

// Runs the writer until `writer` closes; owns the store and the frontier.
void RunWriter(Shared& shared, store::Store& store, store::Frontier& frontier);

}  // namespace gleaner::crawl::internal

#endif  // GLEANER_SRC_CRAWL_CRAWL_INTERNAL_H_
