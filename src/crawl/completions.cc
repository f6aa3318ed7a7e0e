// What a finished request leads to: robots.txt parsed and cached; a page
// handed to a worker, retried, given up, or followed to its redirect
// target; a further page of a split article joined to its assembly.
#include <algorithm>

#include "fetch_loop.h"
#include "gleaner/log.h"
#include "gleaner/pipeline.h"
#include "gleaner/url.h"

namespace gleaner::crawl::internal {
namespace {

constexpr int64_t kMaxRetryAfterMs = 3600 * 1000;  // a server asking for more is asking for tomorrow

bool IsRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool Transient(Code code) { return code == Code::kTimeout || code == Code::kNetwork; }


}  // namespace

store::FetchRecord FetchLoop::Record(const Job& job, const Result<fetch::Response>& result) const {
  store::FetchRecord record;
  record.url = job.url;
  record.at_ms = shared_.clock->WallMs();
  record.duration_ms = shared_.clock->SteadyMs() - job.started_ms;
  if (result.ok()) {
    record.http_status = static_cast<int>(result->status);
    record.bytes = result->bytes_received;
  } else {
    record.error = result.error().code;
    record.message = result.error().message;
  }
  return record;
}

void FetchLoop::OnCompletion(fetch::Completion completion) {
  auto it = in_flight_.find(completion.tag);
  if (it == in_flight_.end()) return;
  Job job = std::move(it->second);
  in_flight_.erase(it);
  scheduler_.Finished(job.host);
  if (completion.result.ok()) shared_.stats.Add(&Progress::bytes, completion.result->bytes_received);
  // NoteAnswer comes after the job's own handling: the URL's failure is
  // recorded before its host may be given up.
  std::string host_key = job.host;
  std::string url = job.url;
  std::optional<Error> failure;
  if (!completion.result.ok()) failure = completion.result.error();
  switch (job.type) {
    case Job::Type::kRobots: OnRobots(std::move(job), std::move(completion.result)); break;
    case Job::Type::kPart: OnPart(std::move(job), std::move(completion.result)); break;
    case Job::Type::kPage: OnPage(std::move(job), std::move(completion.result)); break;
  }
  NoteAnswer(host_key, url, failure ? &*failure : nullptr);
}

// A server that is gone refuses every connection at once: without this,
// each queued URL would use up its attempts within a minute and be given
// up for good (failed rows are not fetched again). Once kHostDownUrls
// different URLs in a row got no answer, the host is left for the next
// run, like a host whose robots.txt is unavailable; the URLs that failed
// keep the one attempt each it cost them.
void FetchLoop::NoteAnswer(const std::string& host_key, const std::string& url, const Error* failure) {
  auto it = hosts_.find(host_key);
  if (it == hosts_.end()) return;
  HostState& host = it->second;
  if (failure == nullptr) {
    host.unanswered.clear();
    return;
  }
  if (!Transient(failure->code) || host.robots == HostState::Robots::kDead) return;
  host.unanswered.insert(url);
  if (host.unanswered.size() < kHostDownUrls) return;
  std::string why = "no answer to " + std::to_string(host.unanswered.size()) + " URLs in a row (last: " +
                    failure->message + ")";
  log::Warn("crawl", "host_down", {{"host", host.key}, {"reason", why}});
  hosts_skipped_[host.key] = "unreachable: " + why;
  host.robots = HostState::Robots::kDead;
  KillHost(host);
}

void FetchLoop::Send(PageResult result) {
  shared_.outstanding.fetch_add(1);
  shared_.writer.Push(std::move(result));
}

void FetchLoop::FinishPage(Job& job, store::FetchOutcome outcome, const std::string& reason) {
  PageResult result;
  result.lease = job.lease;
  result.outcome = std::move(outcome);
  if (result.outcome.fetched_ms == 0 && !job.log.empty()) result.outcome.fetched_ms = job.log.back().at_ms;
  if (!reason.empty() && result.outcome.error.empty()) result.outcome.error = reason;
  result.log = std::move(job.log);
  if (result.outcome.state == store::UrlState::kBlocked) shared_.stats.Add(&Progress::skipped);
  Send(std::move(result));
}

void FetchLoop::Failure(Job& job, const std::string& reason, const std::string& message, bool transient,
                        int64_t retry_after_ms) {
  store::FetchOutcome outcome;
  outcome.kind = job.lease.kind;
  outcome.attempts = job.lease.attempts;
  outcome.error = reason + ": " + message;
  int64_t wall = shared_.clock->WallMs();
  if (!transient) {
    outcome.state = store::UrlState::kGone;
    shared_.stats.Add(&Progress::gone);
    log::Warn("crawl", "gone", {{"url", job.url}, {"reason", reason}});
  } else if (job.lease.attempts + 1 < options_.max_attempts) {
    outcome.state = store::UrlState::kPending;
    outcome.attempts = job.lease.attempts + 1;
    int64_t wait = retry_after_ms >= 0 ? std::min(retry_after_ms, kMaxRetryAfterMs)
                                       : BackoffMs(outcome.attempts, &rng_);
    outcome.next_fetch_ms = wall + wait;
    shared_.stats.Add(&Progress::retries);
    log::Warn("crawl", "retry", {{"url", job.url}, {"reason", reason}, {"attempt", std::to_string(outcome.attempts)},
                                 {"wait_ms", std::to_string(wait)}});
    if (HostState* host = HostFor(job.lease.host)) {
      if (host->wake_wall_ms < 0 || host->wake_wall_ms > outcome.next_fetch_ms) {
        host->wake_wall_ms = outcome.next_fetch_ms;
      }
    }
  } else {
    outcome.state = store::UrlState::kFailed;
    outcome.attempts = job.lease.attempts + 1;
    shared_.stats.Add(&Progress::failed);
    shared_.stats.Failure(reason);
    log::Warn("crawl", "failed", {{"url", job.url}, {"reason", reason}, {"attempts", std::to_string(outcome.attempts)},
                                  {"error", message}});
  }
  FinishPage(job, std::move(outcome), "");
}

void FetchLoop::OnPage(Job job, Result<fetch::Response> result) {
  job.log.push_back(Record(job, result));
  if (!result.ok()) {
    shared_.stats.Add(&Progress::pages);
    const Error& e = result.error();
    Failure(job, std::string(CodeName(e.code)), e.message, Transient(e.code), -1);
    return;
  }
  fetch::Response& response = *result;
  if (IsRedirect(response.status) && !response.location.empty()) {
    Redirect(std::move(job), response);
    return;
  }
  shared_.stats.Add(&Progress::pages);
  long status = response.status;
  int64_t wall = shared_.clock->WallMs();
  if (status == 304) {
    store::FetchOutcome outcome;
    outcome.kind = job.lease.kind;
    outcome.fetched_ms = wall;
    outcome.http_status = 304;
    if (outcome.kind == PageKind::kArticle && job.site->revisit_days > 0) {
      outcome.next_fetch_ms = wall + static_cast<int64_t>(job.site->revisit_days * 86'400'000.0);
    }
    shared_.stats.Add(&Progress::not_modified);
    FinishPage(job, std::move(outcome), "");
    return;
  }
  if (status >= 200 && status < 300) {
    if (IsUnwantedContentType(response.content_type)) {
      store::FetchOutcome outcome;
      outcome.state = store::UrlState::kGone;
      outcome.kind = PageKind::kOther;
      outcome.fetched_ms = wall;
      outcome.http_status = static_cast<int>(status);
      outcome.error = "not_html: content type " + response.content_type;
      shared_.stats.Add(&Progress::skipped);
      log::Debug("crawl", "skipped", {{"url", response.url}, {"reason", "not_html"}, {"type", response.content_type}});
      FinishPage(job, std::move(outcome), "");
      return;
    }
    FetchedPage page;
    page.lease = job.lease;
    page.site = job.site;
    page.response = std::move(response);
    page.fetched_wall_ms = wall;
    page.hops = std::move(job.hops);
    page.log = std::move(job.log);
    shared_.outstanding.fetch_add(1);
    shared_.work.Push(std::move(page));
    return;
  }
  std::string reason = "http_" + std::to_string(status);
  if (status == 429 || status >= 500) {
    int64_t retry_ms = response.retry_after_s >= 0 ? response.retry_after_s * 1000 : -1;
    if (status == 429) {
      // Too many requests: the whole host waits, not just this URL.
      int64_t pause = retry_ms >= 0 ? std::min(retry_ms, kMaxRetryAfterMs) : BackoffMs(job.lease.attempts + 1, &rng_);
      scheduler_.Defer(job.host, shared_.clock->SteadyMs() + pause);
    }
    Failure(job, reason, "HTTP " + std::to_string(status), true, retry_ms);
    return;
  }
  Failure(job, reason, "HTTP " + std::to_string(status), false, -1);
}

// Each hop is checked like a link (scope, rules, traps) and then waits for
// its host's robots.txt and politeness like any request.
void FetchLoop::Redirect(Job job, const fetch::Response& response) {
  const std::string& target = response.location;
  job.hops.push_back(job.url);
  if (static_cast<int>(job.hops.size()) > kMaxRedirectHops) {
    shared_.stats.Add(&Progress::pages);
    Failure(job, "too_many_redirects", "more than " + std::to_string(kMaxRedirectHops) + " redirects", false, -1);
    return;
  }
  auto key = url::Canonicalize(target);
  if (key.ok() && std::find(job.chain.begin(), job.chain.end(), *key) != job.chain.end()) {
    shared_.stats.Add(&Progress::pages);
    Failure(job, "redirect_loop", "redirect loop at " + target, false, -1);
    return;
  }
  NewUrl link;
  LinkVerdict verdict = MakeLink(*shared_.sites, target, job.lease.kind, LinkFrom{}, &link);
  HostState* host = verdict == LinkVerdict::kOk ? HostFor(link.host) : nullptr;
  if (host == nullptr || hard_stop_) {
    shared_.stats.Add(&Progress::pages);
    if (hard_stop_) {
      shared_.writer.Push(ReleaseRequest{{job.lease.id}});
      return;
    }
    Failure(job, "redirect_" + std::string(LinkVerdictName(verdict)), "redirect to " + target, false, -1);
    return;
  }
  job.chain.push_back(link.url_key);
  job.url = link.url;
  job.host = link.host;
  log::Debug("crawl", "redirect", {{"url", job.hops.back()}, {"to", job.url}, {"status", std::to_string(response.status)}});
  host->urgent.push_back(std::move(job));
}

void FetchLoop::OnRobots(Job job, Result<fetch::Response> result) {
  HostState* host = HostFor(job.lease.host);
  if (host == nullptr) return;
  if (!result.ok()) {
    log::Warn("crawl", "robots_unreachable", {{"host", host->key}, {"error", result.error().message}});
    SetRobots(*host, 0, "");
    return;
  }
  fetch::Response& response = *result;
  if (IsRedirect(response.status) && !response.location.empty()) {
    // RFC 9309 2.3.1.2: follow at least five; past that, as if unavailable (4xx).
    job.hops.push_back(job.url);
    if (static_cast<int>(job.hops.size()) > kMaxRedirectHops) {
      SetRobots(*host, 404, "");
      return;
    }
    job.url = response.location;
    job.host = HostKey(job.url);
    Submit(std::move(job));
    return;
  }
  if (response.status == 304 && host->cached) {
    store::RobotsRecord record = *host->cached;
    record.fetched_ms = shared_.clock->WallMs();
    shared_.writer.Push(record);
    SetRobots(*host, 200, record.body);
    return;
  }
  std::string body = response.body.substr(0, static_cast<size_t>(kRobotsMaxBytes));
  if (response.status < 500 && response.status != 429 && response.status >= 200) {
    store::RobotsRecord record;
    record.host = host->key;
    record.http_status = static_cast<int>(response.status);
    record.body = response.status < 300 ? body : "";
    record.etag = response.etag;
    record.last_modified = response.last_modified;
    record.fetched_ms = shared_.clock->WallMs();
    shared_.writer.Push(std::move(record));
  }
  SetRobots(*host, response.status, body);
}

void FetchLoop::SetRobots(HostState& host, long status, const std::string& body) {
  auto rules = std::make_shared<const robots::Robots>(robots::FromFetch(status, body, options_.fetch.user_agent));
  host.rules = rules;
  shared_.robots.Set(host.key, rules);
  bool dead = status == 0 || status == 429 || status >= 500 || status < 200;
  host.robots = dead ? HostState::Robots::kDead : HostState::Robots::kReady;
  if (dead) {
    std::string why = "robots.txt unavailable (status " + std::to_string(status) + ")";
    log::Warn("crawl", "host_skipped", {{"host", host.key}, {"reason", why}});
    hosts_skipped_[host.key] = why;
    KillHost(host);
    return;
  }
  double delay_s = host.site->delay_s;
  if (auto crawl_delay = rules->crawl_delay_s()) {
    delay_s = std::max(delay_s, std::min(*crawl_delay, options_.max_crawl_delay_s));
  }
  scheduler_.SetDelay(host.key, static_cast<int64_t>(delay_s * 1000.0 + 0.5));
  // Sitemap lines lead to the site's articles: add those in scope.
  PageResult sitemaps;
  sitemaps.has_lease = false;
  for (const std::string& u : rules->sitemaps()) {
    NewUrl link;
    if (MakeLink(*shared_.sites, u, PageKind::kSitemap, LinkFrom{}, &link) == LinkVerdict::kOk) {
      sitemaps.links.push_back(std::move(link));
    }
  }
  if (!sitemaps.links.empty()) Send(std::move(sitemaps));
}

// A host whose robots.txt could not be had gets nothing this run: its
// leased rows go back to pending, untouched (RFC 9309: no answer means no
// permission, and it is not the page's failure).
void FetchLoop::KillHost(HostState& host) {
  std::vector<int64_t> ids;
  for (std::deque<Job>* queue : {&host.urgent, &host.ready}) {
    for (Job& job : *queue) {
      if (job.type == Job::Type::kPage) {
        ids.push_back(job.lease.id);
      } else if (job.type == Job::Type::kPart) {
        OnPartDone(PartDone{job.assembly, job.url, MakeError(Code::kNetwork, "host unavailable"), true, {}});
      }
    }
    queue->clear();
  }
  host.may_have_more = false;
  host.wake_wall_ms = -1;
  if (!ids.empty()) shared_.writer.Push(ReleaseRequest{std::move(ids)});
}

void FetchLoop::OnPart(Job job, Result<fetch::Response> result) {
  store::FetchRecord record = Record(job, result);
  PartDone done;
  done.assembly = job.assembly;
  done.url = job.url;
  done.log.push_back(record);
  if (!result.ok()) {
    done.article = result.take_error();
    done.transient = Transient(done.article.error().code);
    OnPartDone(std::move(done));
    return;
  }
  long status = result->status;
  if (status < 200 || status >= 300 || IsUnwantedContentType(result->content_type)) {
    done.article = MakeError(Code::kHttp, job.url + ": HTTP " + std::to_string(status));
    done.transient = status == 429 || status >= 500;
    OnPartDone(std::move(done));
    return;
  }
  FetchedPage page;
  page.lease = job.lease;
  page.site = job.site;
  page.response = std::move(result).value();
  page.fetched_wall_ms = shared_.clock->WallMs();
  page.log = std::move(done.log);
  page.assembly = job.assembly;
  shared_.outstanding.fetch_add(1);
  shared_.work.Push(std::move(page));
}

}  // namespace gleaner::crawl::internal
