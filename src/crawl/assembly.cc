// Split articles: the first page's result waits on the fetch thread while
// its further pages (next_pages, and theirs) are fetched under the same
// politeness, then the pages are stitched (pipeline::StitchPages) and the
// article goes to the writer once. The further pages get frontier rows of
// kind "other" (done), so a link to one never makes it an article.
#include "fetch_loop.h"
#include "gleaner/log.h"
#include "gleaner/pipeline.h"

namespace gleaner::crawl::internal {

void FetchLoop::StartAssembly(AssemblyStart start) {
  if (hard_stop_) {
    shared_.writer.Push(ReleaseRequest{{start.first.lease.id}});
    return;
  }
  uint64_t id = next_assembly_++;
  Assembly& assembly = assemblies_[id];
  assembly.site = start.site;
  assembly.first = std::move(start.first);
  assembly.seen.insert(assembly.first.article->url);
  assembly.seen.insert(assembly.first.lease.url);
  std::vector<std::string> next = std::move(assembly.first.article->next_pages);
  assembly.first.article->next_pages.clear();
  QueueParts(id, assembly, next);
  if (assembly.outstanding == 0) CompleteAssembly(id);
}

void FetchLoop::QueueParts(uint64_t id, Assembly& assembly, const std::vector<std::string>& urls) {
  for (const std::string& u : urls) {
    if (assembly.urls.size() + 1 >= pipeline::kMaxStitchedPages) return;
    NewUrl link;
    if (MakeLink(*shared_.sites, u, PageKind::kOther, LinkFrom{}, &link) != LinkVerdict::kOk) continue;
    bool fresh = assembly.seen.insert(link.url).second;
    assembly.seen.insert(u);
    if (!fresh) continue;
    HostState* host = HostFor(link.host);
    if (host == nullptr) continue;
    Job job;
    job.type = Job::Type::kPart;
    job.lease = assembly.first.lease;
    job.site = assembly.site;
    job.url = link.url;
    job.host = link.host;
    job.assembly = id;
    assembly.urls.push_back(link.url);
    assembly.parts.emplace_back();
    ++assembly.outstanding;
    host->urgent.push_back(std::move(job));
  }
}

void FetchLoop::OnPartDone(PartDone done) {
  auto it = assemblies_.find(done.assembly);
  if (it == assemblies_.end()) return;  // given up (a stop)
  Assembly& assembly = it->second;
  --assembly.outstanding;
  for (store::FetchRecord& record : done.log) assembly.first.log.push_back(std::move(record));
  size_t index = 0;
  while (index < assembly.urls.size() && assembly.urls[index] != done.url) ++index;
  if (done.article.ok()) {
    std::vector<std::string> next = std::move(done.article->next_pages);
    if (index < assembly.parts.size()) assembly.parts[index] = std::move(done.article).value();
    QueueParts(done.assembly, assembly, next);
  } else if (done.transient) {
    assembly.transient_failure = true;
  } else {
    log::Warn("crawl", "part_missing", {{"url", done.url}, {"error", done.article.error().message}});
  }
  if (assembly.outstanding == 0) CompleteAssembly(done.assembly);
}

void FetchLoop::CompleteAssembly(uint64_t id) {
  auto it = assemblies_.find(id);
  if (it == assemblies_.end()) return;
  Assembly assembly = std::move(it->second);
  assemblies_.erase(it);
  PageResult& first = assembly.first;
  if (assembly.transient_failure) {
    // Retry the whole article later rather than store half of it.
    Job job;
    job.lease = first.lease;
    job.url = first.lease.url;
    job.log = std::move(first.log);
    Failure(job, "part_failed", "a further page of the article failed", true, -1);
    return;
  }
  std::vector<Article> rest;
  store::FetchOutcome part_outcome;
  part_outcome.kind = PageKind::kOther;
  part_outcome.fetched_ms = first.outcome.fetched_ms;
  part_outcome.http_status = 200;
  for (size_t i = 0; i < assembly.urls.size(); ++i) {
    if (!assembly.parts[i]) continue;
    rest.push_back(std::move(*assembly.parts[i]));
    NewUrl part;
    if (MakeLink(*shared_.sites, assembly.urls[i], PageKind::kOther, LinkFrom{}, &part) == LinkVerdict::kOk) {
      part.depth = first.lease.depth;
      first.also.emplace_back(std::move(part), part_outcome);
    }
  }
  pipeline::StitchPages(&*first.article, rest);
  first.signature = dedup::Sign(first.article->body);
  log::Debug("crawl", "stitched", {{"url", first.article->url}, {"pages", std::to_string(rest.size() + 1)}});
  Send(std::move(first));
}

}  // namespace gleaner::crawl::internal
