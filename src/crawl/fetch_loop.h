// fetch_loop: the fetch thread - all sockets (one fetch::Fetcher), the
// politeness schedule, robots.txt per host, the per-host windows of leased
// URLs, redirects, retries, and split-article assembly.
// fetch_loop.cc: the loop, hosts, leases, starting requests.
// completions.cc: what each finished request leads to.
//
// Invariants:
//  (1) every Job is in exactly one place: a host's `urgent` or `ready`
//      queue, or in_flight_ (keyed by the Fetcher tag);
//  (2) a host's lease_pending is true from its LeaseRequest until the
//      LeaseReply, so a host has at most one lease request outstanding;
//  (3) every leased row ends as a PageResult to the writer or a release;
//      none is forgotten (ReleaseQueued at the end takes the rest).
#ifndef GLEANER_SRC_CRAWL_FETCH_LOOP_H_
#define GLEANER_SRC_CRAWL_FETCH_LOOP_H_

#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "crawl_internal.h"

namespace gleaner::crawl::internal {

struct Job {
  enum class Type { kPage, kRobots, kPart };
  Type type = Type::kPage;
  FrontierUrl lease;            // kPage: the row; kRobots: host in lease.host
  const Site* site = nullptr;
  std::string url;              // the request to make now
  std::string host;             // HostKey(url)
  std::vector<std::string> chain;  // canonical keys met (redirect loops)
  std::vector<std::string> hops;   // URLs fetched before `url` (redirects)
  std::vector<store::FetchRecord> log;
  uint64_t assembly = 0;        // kPart
  int64_t started_ms = 0;       // steady
};

struct HostState {
  enum class Robots { kUnknown, kAsked, kCached, kFetching, kReady, kDead };
  std::string key;
  const Site* site = nullptr;
  Robots robots = Robots::kUnknown;
  std::optional<store::RobotsRecord> cached;
  std::shared_ptr<const robots::Robots> rules;
  std::deque<Job> urgent;   // redirect hops and further pages: before new leases
  std::deque<Job> ready;    // leased rows
  bool lease_pending = false;
  bool may_have_more = true;   // rows may be due now
  int64_t wake_wall_ms = -1;   // rows due later, -1 = none known
  // URLs that got no answer (refused, reset, timed out) since the host last
  // answered anything; kHostDownUrls of them and the host is down.
  std::unordered_set<std::string> unanswered;
};

struct Assembly {
  PageResult first;
  const Site* site = nullptr;
  std::vector<std::string> urls;  // further pages, in order met
  std::unordered_set<std::string> seen;
  std::vector<std::optional<Article>> parts;  // parallel to urls
  int outstanding = 0;         // parts queued, in flight or in a worker
  bool transient_failure = false;
};

class FetchLoop {
 public:
  FetchLoop(Shared& shared, fetch::Fetcher& fetcher, const std::atomic<bool>& stop);
  // Runs until done; returns how it stopped.
  std::string Run(const std::vector<store::HostDue>& hosts);
  // Hosts given up this run (host -> why); their rows wait for the next run.
  const std::map<std::string, std::string>& hosts_skipped() const { return hosts_skipped_; }

 private:
  // fetch_loop.cc
  HostState* HostFor(const std::string& key);
  void DrainInbox();
  void OnLeaseReply(LeaseReply& reply);
  void UpdateStop(int64_t now_ms);
  bool HardStop() const { return hard_stop_; }
  bool MayStart(const Job& job) const;
  void RequestLeases();
  void StartFetches(int64_t now_ms);
  void StartOnHost(HostState& host, int64_t now_ms);
  void Submit(Job job);
  bool Finished() const;
  bool HasStartable(const HostState& host) const;
  std::chrono::milliseconds PollTimeout(int64_t now_ms) const;
  void ReleaseQueued();
  void MaybeReportProgress(int64_t now_ms, bool force);
  int64_t window() const;

  // completions.cc
  void OnCompletion(fetch::Completion completion);
  void OnPage(Job job, Result<fetch::Response> result);
  void OnRobots(Job job, Result<fetch::Response> result);
  void OnPart(Job job, Result<fetch::Response> result);
  void Redirect(Job job, const fetch::Response& response);
  void FinishPage(Job& job, store::FetchOutcome outcome, const std::string& reason);
  void Failure(Job& job, const std::string& reason, const std::string& message, bool transient,
               int64_t retry_after_ms);
  void Send(PageResult result);
  void SetRobots(HostState& host, long status, const std::string& body);
  void NoteAnswer(const std::string& host_key, const std::string& url, const Error* failure);  // null: answered
  void KillHost(HostState& host);
  void StartAssembly(AssemblyStart start);
  void QueueParts(uint64_t id, Assembly& assembly, const std::vector<std::string>& urls);
  void OnPartDone(PartDone done);
  void CompleteAssembly(uint64_t id);
  store::FetchRecord Record(const Job& job, const Result<fetch::Response>& result) const;

  Shared& shared_;
  fetch::Fetcher& fetcher_;
  const std::atomic<bool>& stop_;
  const Options& options_;
  Scheduler scheduler_;
  std::unordered_map<std::string, HostState> hosts_;
  std::vector<std::string> host_order_;  // round-robin start order
  size_t next_host_ = 0;
  std::unordered_map<uint64_t, Job> in_flight_;
  uint64_t next_tag_ = 1;
  std::unordered_map<uint64_t, Assembly> assemblies_;
  uint64_t next_assembly_ = 1;
  std::unordered_map<std::string, int64_t> site_pages_;  // fresh leases started, per site
  int64_t pages_started_ = 0;
  int64_t started_ms_ = 0;
  int64_t last_progress_ms_ = 0;
  int64_t max_outstanding_ = 0;
  uint64_t rng_ = 0;
  std::map<std::string, std::string> hosts_skipped_;
  std::string stop_reason_;  // "" while running
  bool hard_stop_ = false;   // signal or store failure: start nothing more
};

}  // namespace gleaner::crawl::internal

#endif  // GLEANER_SRC_CRAWL_FETCH_LOOP_H_
