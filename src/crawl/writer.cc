// The writer thread: the only user of the Store and the Frontier. It works
// in rounds: first the fetch thread's requests (leases, robots cache) in one
// short frontier transaction, so the fetch loop's windows refill quickly;
// then up to kMaxPagesPerRound page results - articles Put and the fetch
// log written, the Store's batch committed, and only then the frontier
// transaction that marks those pages done and adds their links. A kill
// between the two commits leaves the pages pending (refetched, and Put's
// URL key makes that harmless); see docs/internals/crawl.md.
#include <chrono>
#include <unordered_set>

#include "crawl_internal.h"
#include "gleaner/log.h"

namespace gleaner::crawl::internal {
namespace {

// Bounds one round's transaction; with the search index a Put costs ~2 ms,
// so a round stays well under a second and lease replies are not held up.
constexpr size_t kMaxPagesPerRound = 128;

bool IsStoreFatal(Code code) {
  return code == Code::kDiskFull || code == Code::kCorrupt || code == Code::kIo || code == Code::kBusy;
}

class Writer {
 public:
  Writer(Shared& shared, store::Store& store, store::Frontier& frontier)
      : shared_(shared), store_(store), frontier_(frontier) {}

  void Loop();

 private:
  Status Requests(std::vector<WriterMsg>& msgs);
  Status Pages(std::vector<PageResult>& pages);
  Status StoreArticle(PageResult& page);
  Status FrontierUpdates(std::vector<PageResult>& pages, std::vector<std::string>* hosts);
  void Drop(size_t counted);

  Shared& shared_;
  store::Store& store_;
  store::Frontier& frontier_;
};

void Writer::Loop() {
  std::vector<WriterMsg> batch;
  while (shared_.writer.PopMany(&batch, kMaxPagesPerRound * 4, std::chrono::milliseconds(200))) {
    std::vector<WriterMsg> requests;
    std::vector<PageResult> pages;
    for (WriterMsg& msg : batch) {
      if (auto* page = std::get_if<PageResult>(&msg)) {
        pages.push_back(std::move(*page));
      } else {
        requests.push_back(std::move(msg));
      }
    }
    batch.clear();
    size_t counted = 0;
    for (const PageResult& p : pages) counted += p.counted ? 1 : 0;
    if (!shared_.fatal.load()) {
      Status done = Requests(requests);
      if (done.ok()) done = Pages(pages);
      if (!done.ok()) shared_.Fail(done.take_error());
    }
    // Last, after every notice is in the inbox: see FetchLoop::Finished.
    Drop(counted);
    if (counted > 0 && shared_.wake_fetcher) shared_.wake_fetcher();
  }
}

void Writer::Drop(size_t counted) { shared_.outstanding.fetch_sub(static_cast<int64_t>(counted)); }

Status Writer::Requests(std::vector<WriterMsg>& msgs) {
  if (msgs.empty()) return Status::Ok();
  std::vector<InboxMsg> replies;
  GLEANER_TRY(frontier_.Begin());
  Status done = [&]() -> Status {
    for (WriterMsg& msg : msgs) {
      if (auto* lease = std::get_if<LeaseRequest>(&msg)) {
        auto leased = frontier_.Lease(lease->host, lease->limit, shared_.clock->WallMs());
        if (!leased.ok()) return leased.take_error();
        replies.push_back(LeaseReply{lease->host, std::move(leased).value()});
      } else if (auto* robots = std::get_if<RobotsRequest>(&msg)) {
        auto cached = frontier_.Robots(robots->host);
        if (!cached.ok()) return cached.take_error();
        replies.push_back(RobotsReply{robots->host, std::move(cached).value()});
      } else if (auto* record = std::get_if<store::RobotsRecord>(&msg)) {
        GLEANER_TRY(frontier_.SaveRobots(*record));
      } else if (auto* release = std::get_if<ReleaseRequest>(&msg)) {
        for (int64_t id : release->ids) GLEANER_TRY(frontier_.Release(id));
      }
    }
    return frontier_.Commit();
  }();
  if (!done.ok()) {
    frontier_.Rollback();
    return done;
  }
  for (InboxMsg& reply : replies) shared_.Notify(std::move(reply));
  return Status::Ok();
}

Status Writer::StoreArticle(PageResult& page) {
  store::PutContext context;
  context.signature = page.signature;
  context.seen_at_ms = page.seen_at_ms;
  auto put = store_.Put(*page.article, context);
  if (!put.ok()) {
    if (IsStoreFatal(put.error().code)) return put.take_error();
    // This article cannot be stored (the store says why); the crawl goes on.
    log::Warn("crawl", "not_stored", {{"url", page.article->url}, {"error", put.error().message}});
    page.outcome.state = store::UrlState::kFailed;
    page.outcome.error = std::string(CodeName(put.error().code)) + ": " + put.error().message;
    shared_.stats.Add(&Progress::failed);
    shared_.stats.Failure("store_" + std::string(CodeName(put.error().code)));
    return Status::Ok();
  }
  switch (put->kind) {
    case store::PutKind::kNew: shared_.stats.Add(&Progress::articles_new); break;
    case store::PutKind::kNewVersion: shared_.stats.Add(&Progress::articles_changed); break;
    case store::PutKind::kUnchanged: shared_.stats.Add(&Progress::articles_unchanged); break;
    case store::PutKind::kDuplicate: shared_.stats.Add(&Progress::duplicates); break;
  }
  log::Debug("crawl", "stored", {{"url", page.article->url}, {"outcome", std::string(store::PutKindName(put->kind))},
                                 {"id", std::to_string(put->id)}});
  return Status::Ok();
}

Status Writer::Pages(std::vector<PageResult>& pages) {
  if (pages.empty()) return Status::Ok();
  for (PageResult& page : pages) {
    if (page.article) GLEANER_TRY(StoreArticle(page));
    for (const store::FetchRecord& record : page.log) GLEANER_TRY(store_.LogFetch(record));
  }
  // Articles first (crash safety: see the top of this file).
  GLEANER_TRY(store_.Commit());
  std::vector<std::string> hosts;
  GLEANER_TRY(FrontierUpdates(pages, &hosts));
  if (!hosts.empty()) shared_.Notify(HostsWithWork{std::move(hosts)});
  return Status::Ok();
}

Status Writer::FrontierUpdates(std::vector<PageResult>& pages, std::vector<std::string>* hosts) {
  GLEANER_TRY(frontier_.Begin());
  std::unordered_set<std::string> seen_hosts;
  Status done = [&]() -> Status {
    for (PageResult& page : pages) {
      if (page.has_lease) GLEANER_TRY(frontier_.Finish(page.lease.id, page.outcome));
      // A retry is work for its host again (the fetch thread may have asked
      // for a lease before this row was pending).
      if (page.has_lease && page.outcome.state == store::UrlState::kPending &&
          seen_hosts.insert(page.lease.host).second) {
        hosts->push_back(page.lease.host);
      }
      for (auto& [url, outcome] : page.also) GLEANER_TRY(frontier_.Record(url, outcome));
      if (page.links.empty()) continue;
      auto added = frontier_.Add(page.links, shared_.run, shared_.options.max_urls_per_site);
      if (!added.ok()) return added.take_error();
      for (std::string& host : added->hosts) {
        if (seen_hosts.insert(host).second) hosts->push_back(std::move(host));
      }
    }
    return frontier_.Commit();
  }();
  if (!done.ok()) frontier_.Rollback();
  return done;
}

}  // namespace

void RunWriter(Shared& shared, store::Store& store, store::Frontier& frontier) {
  Writer writer(shared, store, frontier);
  writer.Loop();
}

}  // namespace gleaner::crawl::internal
