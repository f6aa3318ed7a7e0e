// Workers: a fetched page's bytes -> a PageResult for the writer. Sitemaps
// and feeds become links; HTML goes through pipeline::PageProcessor (the
// same path as `gleaner extract`), is judged article or list page, and its
// links are filtered into frontier rows. The dedup signature is computed
// here, off the writer thread.
#include <chrono>
#include <unordered_set>

#include "crawl_internal.h"
#include "gleaner/discover.h"
#include "gleaner/log.h"
#include "gleaner/pipeline.h"

namespace gleaner::crawl::internal {
namespace {

// A non-article page with no link to follow is not worth fetching again
// every run (an error page, an empty 200): kind "other".
constexpr size_t kMinListLinks = 1;

bool IsListing(PageKind kind) { return kind == PageKind::kSitemap || kind == PageKind::kFeed; }
bool IsListLike(PageKind kind) { return kind != PageKind::kArticle && kind != PageKind::kOther; }

std::chrono::system_clock::time_point WallTime(int64_t ms) {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
}

class PageWork {
 public:
  PageWork(Shared& shared, pipeline::PageProcessor& processor, FetchedPage& page)
      : shared_(shared), processor_(processor), page_(page), site_(*page.site) {}

  // Fills result_; returns false when the page became an AssemblyStart.
  bool Run();
  PageResult& result() { return result_; }

 private:
  bool ProcessListing();
  void ProcessHtml();
  void AddLink(const std::string& url, PageKind kind, const std::string& lastmod = "");
  void Gone(const Error& error, const std::string& reason);
  void NoteRedirectTarget();

  Shared& shared_;
  pipeline::PageProcessor& processor_;
  FetchedPage& page_;
  const Site& site_;
  PageResult result_;
  bool assembling_ = false;
};

bool PageWork::Run() {
  const fetch::Response& response = page_.response;
  result_.lease = page_.lease;
  result_.log = std::move(page_.log);
  result_.seen_at_ms = page_.fetched_wall_ms;
  store::FetchOutcome& out = result_.outcome;
  out.state = store::UrlState::kDone;
  out.kind = page_.lease.kind;
  out.fetched_ms = page_.fetched_wall_ms;
  out.http_status = static_cast<int>(response.status);
  out.validators = true;
  out.etag = response.etag;
  out.last_modified = response.last_modified;
  out.content_hash = dedup::Hash64(response.body);
  if (IsListLike(page_.lease.kind) && page_.lease.content_hash == out.content_hash) {
    // Same bytes as last run (a server without validators): nothing new.
    shared_.stats.Add(&Progress::lists);
  } else if (!ProcessListing()) {
    ProcessHtml();
  }
  NoteRedirectTarget();
  return !assembling_;
}

// Sitemaps and feeds, by kind or by their bytes. False when the page is HTML.
bool PageWork::ProcessListing() {
  const fetch::Response& response = page_.response;
  if (!IsListing(page_.lease.kind) && !discover::LooksLikeListing(response.body)) return false;
  auto listing = discover::Parse(response.body, response.url);
  if (!listing.ok()) {
    if (!IsListing(page_.lease.kind)) return false;
    Gone(listing.error(), "not_a_listing");
    return true;
  }
  bool sitemap = listing->kind == discover::Kind::kSitemapIndex || listing->kind == discover::Kind::kUrlSet;
  result_.outcome.kind = sitemap ? PageKind::kSitemap : PageKind::kFeed;
  for (const discover::Entry& entry : listing->entries) {
    PageKind kind = listing->kind == discover::Kind::kSitemapIndex ? PageKind::kSitemap
                                                                   : GuessKind(site_, entry.url);
    AddLink(entry.url, kind, sitemap ? entry.lastmod : "");
  }
  shared_.stats.Add(&Progress::lists);
  return true;
}

void PageWork::ProcessHtml() {
  const fetch::Response& response = page_.response;
  extract::PageLinks links;
  pipeline::Page page;
  page.bytes = response.body;
  page.input = page_.lease.url;
  page.url = response.url;
  page.http_charset = fetch::CharsetOf(response.content_type);
  page.encoding_override = site_.encoding;
  page.fetched_at = WallTime(page_.fetched_wall_ms);
  page.rules = &site_.rules->rules().extract;
  page.links = &links;
  Result<Article> article = processor_.Process(page);
  if (!article.ok()) {
    Gone(article.error(), std::string(CodeName(article.error().code)));
    return;
  }
  if (IsArticlePage(site_, page_.lease, response.url, *article)) {
    result_.outcome.kind = PageKind::kArticle;
    if (site_.revisit_days > 0) {
      result_.outcome.next_fetch_ms = page_.fetched_wall_ms + static_cast<int64_t>(site_.revisit_days * 86'400'000.0);
    }
    for (const Link& related : article->related) AddLink(related.url, PageKind::kArticle);
    if (shared_.options.follow_pages && !article->next_pages.empty()) assembling_ = true;
    result_.signature = dedup::Sign(article->body);
    result_.article = std::move(article).value();
    return;
  }
  size_t count = 0;
  for (const std::string& link : links.links) {
    if (++count > kMaxLinksPerPage) break;
    AddLink(link, GuessKind(site_, link));
  }
  for (const std::string& feed : links.feeds) AddLink(feed, PageKind::kFeed);
  bool keeps_list = page_.lease.depth == 0 || links.links.size() >= kMinListLinks;
  result_.outcome.kind = IsListing(page_.lease.kind) ? page_.lease.kind
                         : keeps_list                ? PageKind::kList
                                                     : PageKind::kOther;
  shared_.stats.Add(&Progress::lists);
}

void PageWork::AddLink(const std::string& u, PageKind kind, const std::string& lastmod) {
  NewUrl link;
  LinkFrom from{page_.response.url, page_.lease.depth, page_.lease.hops};
  if (MakeLink(*shared_.sites, u, kind, from, &link) != LinkVerdict::kOk) return;
  if (!shared_.robots.MayFetch(link.host, link.url)) return;
  link.lastmod = lastmod;
  result_.links.push_back(std::move(link));
}

void PageWork::Gone(const Error& error, const std::string& reason) {
  result_.outcome.state = store::UrlState::kGone;
  result_.outcome.kind = PageKind::kOther;
  result_.outcome.error = reason + ": " + error.message;
  shared_.stats.Add(&Progress::skipped);
  log::Warn("crawl", "skipped", {{"url", page_.response.url}, {"reason", reason}, {"error", error.message}});
}

// After redirects the final URL gets a row of its own (done, with the
// validators) so a link to it is not fetched again; the first URL becomes
// "other": it is not fetched again as a page of its own.
void PageWork::NoteRedirectTarget() {
  if (page_.hops.empty()) return;
  NewUrl target;
  if (MakeLink(*shared_.sites, page_.response.url, result_.outcome.kind, LinkFrom{}, &target) == LinkVerdict::kOk &&
      target.url_key != page_.lease.url_key) {
    target.depth = page_.lease.depth;
    result_.also.emplace_back(std::move(target), result_.outcome);
  }
  result_.outcome.kind = PageKind::kOther;
  result_.outcome.validators = false;
}

void ProcessPart(Shared& shared, pipeline::PageProcessor& processor, FetchedPage& page) {
  PartDone done;
  done.assembly = page.assembly;
  done.url = page.response.url;
  done.log = std::move(page.log);
  pipeline::Page input;
  input.bytes = page.response.body;
  input.input = page.response.url;
  input.url = page.response.url;
  input.http_charset = fetch::CharsetOf(page.response.content_type);
  input.encoding_override = page.site->encoding;
  input.fetched_at = WallTime(page.fetched_wall_ms);
  input.rules = &page.site->rules->rules().extract;
  done.article = processor.Process(input);
  shared.Notify(std::move(done));
}

}  // namespace

void RunWorker(Shared& shared) {
  pipeline::PageProcessor processor;
  while (std::optional<FetchedPage> page = shared.work.Pop()) {
    if (shared.fatal.load()) {
      shared.outstanding.fetch_sub(1);
      continue;
    }
    if (page->assembly != 0) {
      ProcessPart(shared, processor, *page);
      shared.outstanding.fetch_sub(1);
      continue;
    }
    PageWork work(shared, processor, *page);
    if (work.Run()) {
      shared.writer.Push(std::move(work.result()));  // the writer counts it down
      continue;
    }
    shared.Notify(AssemblyStart{std::move(work.result()), page->site});
    shared.outstanding.fetch_sub(1);  // after Notify: see FetchLoop::Finished
  }
}

}  // namespace gleaner::crawl::internal
