// The fetch thread's loop: read the inbox, decide whether to stop, refill
// per-host windows from the frontier, start what politeness allows, poll
// the Fetcher, and hand each completion on (completions.cc).
#include <algorithm>
#include <chrono>

#include "fetch_loop.h"
#include "gleaner/log.h"

namespace gleaner::crawl::internal {
namespace {

// "127.0.0.1:8080" -> "127.0.0.1"; "[::1]:80" -> "[::1]".
std::string HostName(const std::string& key) {
  if (!key.empty() && key[0] == '[') return key.substr(0, key.find(']') + 1);
  return key.substr(0, key.rfind(':') == std::string::npos ? key.size() : key.rfind(':'));
}

int64_t DelayMs(double seconds) { return static_cast<int64_t>(seconds * 1000.0 + 0.5); }

}  // namespace

FetchLoop::FetchLoop(Shared& shared, fetch::Fetcher& fetcher, const std::atomic<bool>& stop)
    : shared_(shared),
      fetcher_(fetcher),
      stop_(stop),
      options_(shared.options),
      scheduler_(std::max(1, shared.options.concurrency), std::max(1, shared.options.per_host)) {
  int workers = std::max(1, options_.workers);
  max_outstanding_ = options_.concurrency + 4 * workers + 16;
  rng_ = options_.seed != 0 ? options_.seed : static_cast<uint64_t>(shared.clock->WallMs()) | 1;
}

int64_t FetchLoop::window() const { return std::max(16, 4 * options_.per_host); }

HostState* FetchLoop::HostFor(const std::string& key) {
  auto it = hosts_.find(key);
  if (it != hosts_.end()) return &it->second;
  const Site* site = shared_.sites->ForHost(HostName(key));
  if (site == nullptr) return nullptr;  // not in this run's scope
  HostState& host = hosts_[key];
  host.key = key;
  host.site = site;
  scheduler_.SetDelay(key, DelayMs(site->delay_s));
  host_order_.push_back(key);
  return &host;
}

std::string FetchLoop::Run(const std::vector<store::HostDue>& due) {
  started_ms_ = shared_.clock->SteadyMs();
  last_progress_ms_ = started_ms_;
  int64_t wall = shared_.clock->WallMs();
  for (const store::HostDue& d : due) {
    HostState* host = HostFor(d.host);
    if (host == nullptr) continue;
    host->may_have_more = d.next_due_ms <= wall;
    if (!host->may_have_more) host->wake_wall_ms = d.next_due_ms;
  }
  for (;;) {
    int64_t now = shared_.clock->SteadyMs();
    DrainInbox();
    UpdateStop(now);
    RequestLeases();
    StartFetches(now);
    MaybeReportProgress(now, false);
    if (Finished()) break;
    std::vector<fetch::Completion> done = fetcher_.Poll(PollTimeout(now));
    for (fetch::Completion& completion : done) OnCompletion(std::move(completion));
  }
  ReleaseQueued();
  MaybeReportProgress(shared_.clock->SteadyMs(), true);
  return stop_reason_.empty() ? "done" : stop_reason_;
}

void FetchLoop::DrainInbox() {
  for (InboxMsg& msg : shared_.inbox.Drain()) {
    if (auto* lease = std::get_if<LeaseReply>(&msg)) {
      OnLeaseReply(*lease);
    } else if (auto* robots = std::get_if<RobotsReply>(&msg)) {
      HostState* host = HostFor(robots->host);
      if (host == nullptr) continue;
      host->cached = std::move(robots->record);
      host->robots = HostState::Robots::kCached;
    } else if (auto* work = std::get_if<HostsWithWork>(&msg)) {
      for (const std::string& key : work->hosts) {
        if (HostState* host = HostFor(key)) host->may_have_more = true;
      }
    } else if (auto* start = std::get_if<AssemblyStart>(&msg)) {
      StartAssembly(std::move(*start));
    } else if (auto* part = std::get_if<PartDone>(&msg)) {
      OnPartDone(std::move(*part));
    }
  }
}

void FetchLoop::OnLeaseReply(LeaseReply& reply) {
  HostState* host = HostFor(reply.host);
  if (host == nullptr) return;
  host->lease_pending = false;
  store::LeaseResult& lease = reply.lease;
  if (lease.next_due_ms >= 0 || lease.urls.empty()) {
    host->may_have_more = false;
    // A retry this thread scheduled after the writer read the lease (its
    // result still on the way to the frontier) must not be forgotten.
    int64_t noted = host->wake_wall_ms > shared_.clock->WallMs() ? host->wake_wall_ms : -1;
    int64_t due = lease.next_due_ms;
    host->wake_wall_ms = noted < 0 ? due : due < 0 ? noted : std::min(noted, due);
  }
  std::vector<int64_t> unusable;
  for (FrontierUrl& row : lease.urls) {
    // A row of a site this run does not crawl (another rules folder, an
    // earlier generic run) shares the host: leave it for its own run.
    const Site* site = shared_.sites->ForHost(HostName(row.host));
    if (site == nullptr || !stop_reason_.empty()) {
      unusable.push_back(row.id);
      continue;
    }
    Job job;
    job.type = Job::Type::kPage;
    job.site = site;
    job.url = row.url;
    job.host = row.host;
    job.chain = {row.url_key};
    job.lease = std::move(row);
    host->ready.push_back(std::move(job));
  }
  if (!unusable.empty()) shared_.writer.Push(ReleaseRequest{std::move(unusable)});
}

void FetchLoop::UpdateStop(int64_t now_ms) {
  if (hard_stop_) return;
  if (shared_.fatal.load()) {
    stop_reason_ = "store-error";
    hard_stop_ = true;
  } else if (stop_.load()) {
    stop_reason_ = "signal";
    hard_stop_ = true;
  } else if (stop_reason_.empty() && options_.max_time_ms > 0 && now_ms - started_ms_ >= options_.max_time_ms) {
    stop_reason_ = "max-time";
  } else if (stop_reason_.empty() && options_.max_pages > 0 && pages_started_ >= options_.max_pages) {
    stop_reason_ = "max-pages";
  }
  if (!hard_stop_) return;
  log::Info("crawl", "stopping", {{"reason", stop_reason_}});
  // Split articles in progress are given up whole: their first page stays
  // pending for the next run.
  std::vector<int64_t> ids;
  for (auto& [id, assembly] : assemblies_) ids.push_back(assembly.first.lease.id);
  assemblies_.clear();
  if (!ids.empty()) shared_.writer.Push(ReleaseRequest{std::move(ids)});
}

// Fresh leases start only while no budget or stop applies; redirect hops and
// further pages of work already begun go on after a budget (not after a
// signal), so a page counted against the budget is finished.
bool FetchLoop::MayStart(const Job& job) const {
  if (hard_stop_) return false;
  bool fresh = job.type == Job::Type::kPage && job.hops.empty();
  if (!fresh) return true;
  if (!stop_reason_.empty()) return false;
  if (options_.max_pages > 0 && pages_started_ >= options_.max_pages) return false;
  if (job.site->max_pages > 0) {
    auto it = site_pages_.find(job.site->name);
    if (it != site_pages_.end() && it->second >= job.site->max_pages) return false;
  }
  return true;
}

void FetchLoop::RequestLeases() {
  if (!stop_reason_.empty()) return;
  int64_t wall = shared_.clock->WallMs();
  for (auto& [key, host] : hosts_) {
    if (host.lease_pending || host.robots == HostState::Robots::kDead) continue;
    if (static_cast<int64_t>(host.ready.size()) * 2 >= window()) continue;
    if (!host.may_have_more) {
      if (host.wake_wall_ms < 0 || host.wake_wall_ms > wall) continue;
      host.may_have_more = true;
      host.wake_wall_ms = -1;
    }
    if (host.site->max_pages > 0) {
      auto it = site_pages_.find(host.site->name);
      if (it != site_pages_.end() && it->second >= host.site->max_pages) continue;
    }
    host.lease_pending = true;
    shared_.writer.Push(LeaseRequest{key, static_cast<int>(window() - static_cast<int64_t>(host.ready.size()))});
  }
}

void FetchLoop::StartFetches(int64_t now_ms) {
  if (hard_stop_ || host_order_.empty()) return;
  size_t n = host_order_.size();
  for (size_t i = 0; i < n; ++i) {
    if (scheduler_.Full()) break;
    if (shared_.outstanding.load() + static_cast<int64_t>(fetcher_.in_flight()) >= max_outstanding_) break;
    StartOnHost(hosts_[host_order_[(next_host_ + i) % n]], now_ms);
  }
  next_host_ = (next_host_ + 1) % n;
}

void FetchLoop::StartOnHost(HostState& host, int64_t now_ms) {
  using R = HostState::Robots;
  bool has_work = !host.urgent.empty() || !host.ready.empty();
  switch (host.robots) {
    case R::kUnknown:
      if (!has_work) return;
      host.robots = R::kAsked;
      shared_.writer.Push(RobotsRequest{host.key});
      return;
    case R::kAsked:
    case R::kFetching:
      return;
    case R::kDead:
      KillHost(host);
      return;
    case R::kCached: {
      if (!has_work || !scheduler_.CanStart(host.key, now_ms)) return;
      Job job;
      job.type = Job::Type::kRobots;
      job.lease.host = host.key;
      // Same scheme as the request that waits for it.
      const Job& first = !host.urgent.empty() ? host.urgent.front() : host.ready.front();
      job.url = (first.url.starts_with("https:") ? "https://" : "http://") + host.key + "/robots.txt";
      job.host = host.key;
      host.robots = R::kFetching;
      Submit(std::move(job));
      return;
    }
    case R::kReady:
      break;
  }
  while (scheduler_.CanStart(host.key, shared_.clock->SteadyMs())) {
    std::deque<Job>& queue = !host.urgent.empty() ? host.urgent : host.ready;
    if (queue.empty() || !MayStart(queue.front())) return;
    Job job = std::move(queue.front());
    queue.pop_front();
    if (job.type != Job::Type::kRobots && !host.rules->Allowed(RobotsPath(job.url))) {
      store::FetchOutcome outcome;
      outcome.state = store::UrlState::kBlocked;
      outcome.kind = job.lease.kind;
      outcome.attempts = job.lease.attempts;
      if (job.type == Job::Type::kPart) {
        OnPartDone(PartDone{job.assembly, job.url, MakeError(Code::kInvalidInput, "disallowed by robots.txt"), false, {}});
        continue;
      }
      FinishPage(job, outcome, "robots");
      continue;
    }
    if (job.type == Job::Type::kPage && job.hops.empty()) {
      ++pages_started_;
      ++site_pages_[job.site->name];
    }
    Submit(std::move(job));
  }
}

void FetchLoop::Submit(Job job) {
  fetch::Request request;
  request.url = job.url;
  if (job.type == Job::Type::kPage && job.hops.empty()) {
    request.if_none_match = job.lease.etag;
    request.if_modified_since = job.lease.last_modified;
  } else if (job.type == Job::Type::kRobots) {
    auto it = hosts_.find(job.lease.host);
    if (it != hosts_.end() && it->second.cached && it->second.cached->http_status == 200) {
      request.if_none_match = it->second.cached->etag;
      request.if_modified_since = it->second.cached->last_modified;
    }
  }
  // The time of the start itself, not of the loop's turn: politeness is
  // measured by the server between request arrivals.
  job.started_ms = shared_.clock->SteadyMs();
  scheduler_.Started(job.host, job.started_ms);
  shared_.stats.Add(&Progress::requests);
  uint64_t tag = next_tag_++;
  log::Debug("crawl", "fetch", {{"url", job.url}, {"t_ms", std::to_string(job.started_ms)}, {"conditional", request.if_none_match.empty() &&
                                                                      request.if_modified_since.empty() ? "no" : "yes"}});
  in_flight_.emplace(tag, std::move(job));
  fetcher_.Submit(std::move(request), tag);
}

bool FetchLoop::Finished() const {
  if (fetcher_.in_flight() > 0 || !in_flight_.empty()) return false;
  if (shared_.outstanding.load() > 0) return false;
  if (shared_.inbox.size() > 0) return false;
  if (shared_.fatal.load()) return true;
  if (!assemblies_.empty()) return false;
  int64_t wall = shared_.clock->WallMs();
  for (const auto& [key, host] : hosts_) {
    if (host.lease_pending || host.robots == HostState::Robots::kAsked) return false;
    if (host.robots == HostState::Robots::kDead) continue;
    for (const std::deque<Job>* queue : {&host.urgent, &host.ready}) {
      if (!queue->empty() && MayStart(queue->front())) return false;
    }
    if (!stop_reason_.empty()) continue;
    if (host.site->max_pages > 0) {
      auto it = site_pages_.find(host.site->name);
      if (it != site_pages_.end() && it->second >= host.site->max_pages) continue;
    }
    if (host.may_have_more) return false;
    if (host.wake_wall_ms >= 0 && host.wake_wall_ms <= wall + options_.max_retry_wait_ms) return false;
  }
  return true;
}

bool FetchLoop::HasStartable(const HostState& host) const {
  if (hard_stop_) return false;
  if (host.robots == HostState::Robots::kCached) return !host.urgent.empty() || !host.ready.empty();
  if (host.robots != HostState::Robots::kReady) return false;
  for (const std::deque<Job>* queue : {&host.urgent, &host.ready}) {
    if (!queue->empty()) return MayStart(queue->front());
  }
  return false;
}

std::chrono::milliseconds FetchLoop::PollTimeout(int64_t now_ms) const {
  int64_t wait = 250;  // also the progress and stop-check cadence
  if (shared_.inbox.size() > 0) return std::chrono::milliseconds(0);
  // While workers or the writer are behind, a finished page or a fetch
  // completion is what frees room: look again soon, but do not spin.
  bool backed_up = shared_.outstanding.load() + static_cast<int64_t>(fetcher_.in_flight()) >= max_outstanding_;
  if (backed_up) wait = 5;
  int64_t wall = shared_.clock->WallMs();
  for (const auto& [key, host] : hosts_) {
    if (!backed_up && !scheduler_.Full() && scheduler_.in_flight(key) < options_.per_host && HasStartable(host)) {
      wait = std::min(wait, std::max<int64_t>(0, scheduler_.ReadyAt(key) - now_ms));
    }
    if (host.wake_wall_ms >= 0 && !host.may_have_more) {
      wait = std::min(wait, std::max<int64_t>(1, host.wake_wall_ms - wall));
    }
  }
  return std::chrono::milliseconds(std::max<int64_t>(wait, 0));
}

void FetchLoop::ReleaseQueued() {
  std::vector<int64_t> ids;
  for (auto& [key, host] : hosts_) {
    for (std::deque<Job>* queue : {&host.urgent, &host.ready}) {
      for (const Job& job : *queue) {
        if (job.type == Job::Type::kPage) ids.push_back(job.lease.id);
      }
      queue->clear();
    }
  }
  for (auto& [id, assembly] : assemblies_) ids.push_back(assembly.first.lease.id);
  assemblies_.clear();
  if (!ids.empty()) shared_.writer.Push(ReleaseRequest{std::move(ids)});
}

void FetchLoop::MaybeReportProgress(int64_t now_ms, bool force) {
  if (!options_.on_progress) return;
  if (!force && now_ms - last_progress_ms_ < options_.progress_interval_ms) return;
  last_progress_ms_ = now_ms;
  Progress progress = shared_.stats.Snapshot();
  progress.elapsed_ms = now_ms - started_ms_;
  options_.on_progress(progress);
}

}  // namespace gleaner::crawl::internal
