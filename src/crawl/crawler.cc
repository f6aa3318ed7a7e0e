// Crawler::Run: lock, open, seed, start the threads, run the fetch loop on
// the caller's thread, drain, record the run. And the lock file.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <thread>

#include "fetch_loop.h"
#include "gleaner/log.h"

namespace gleaner::crawl {
namespace {

Status Validate(const Options& o) {
  if (o.db_path.empty()) return MakeError(Code::kInvalidInput, "no database given (--db)");
  if (o.concurrency < 1 || o.per_host < 1) {
    return MakeError(Code::kInvalidInput, "--concurrency and --per-host must be at least 1");
  }
  if (o.default_delay_s < 0 || o.max_crawl_delay_s < 0 || o.revisit_days < 0) {
    return MakeError(Code::kInvalidInput, "--delay and --revisit must not be negative");
  }
  if (o.max_depth < 0 || o.max_pages < 0 || o.max_time_ms < 0 || o.max_attempts < 1) {
    return MakeError(Code::kInvalidInput, "--max-depth, --max-pages and --max-time must not be negative");
  }
  return Status::Ok();
}

int WorkerCount(const Options& o) {
  if (o.workers > 0) return o.workers;
  return std::max(1u, std::thread::hardware_concurrency());
}

fetch::Options FetchOptions(const Options& o) {
  fetch::Options f = o.fetch;
  f.max_redirects = 0;  // the crawler follows redirects itself
  f.max_host_connections = o.per_host + 2;
  f.max_total_connections = o.concurrency;
  return f;
}

}  // namespace

Crawler::Crawler(Options options) : options_(std::move(options)) {}
Crawler::~Crawler() = default;

void Crawler::Stop() {
  stop_.store(true);
  if (void* fetcher = wake_.load()) static_cast<fetch::Fetcher*>(fetcher)->Wakeup();
}

Result<Summary> Crawler::Run() {
  using namespace internal;
  GLEANER_TRY(Validate(options_));
  options_.workers = WorkerCount(options_);
  auto lock = CrawlLock::Acquire(options_.db_path);
  if (!lock.ok()) return lock.take_error();
  auto sites = SiteTable::Build(options_);
  if (!sites.ok()) return sites.take_error();
  const Clock* clock = options_.clock != nullptr ? options_.clock : &SystemClock();
  const int64_t started_ms = clock->SteadyMs();
  auto store = store::Store::Open(options_.db_path, options_.store);
  if (!store.ok()) return store.take_error();
  store::FrontierOptions frontier_options;
  frontier_options.fsync = options_.store.fsync;
  frontier_options.busy_timeout_ms = options_.store.busy_timeout_ms;
  auto frontier = store::Frontier::Open(options_.db_path, frontier_options);
  if (!frontier.ok()) return frontier.take_error();
  auto run = (*frontier)->StartRun(clock->WallMs());
  if (!run.ok()) return run.take_error();
  auto seeded = (*frontier)->Add((*sites)->Seeds(), *run, options_.max_urls_per_site);
  if (!seeded.ok()) return seeded.take_error();
  auto hosts = (*frontier)->PendingHosts();
  if (!hosts.ok()) return hosts.take_error();
  log::Info("crawl", "start", {{"db", options_.db_path}, {"run", std::to_string(*run)},
                               {"sites", std::to_string((*sites)->sites().size())},
                               {"hosts", std::to_string(hosts->size())}});

  Shared shared(options_);
  shared.sites = sites->get();
  shared.clock = clock;
  shared.run = *run;
  fetch::Fetcher fetcher(FetchOptions(options_));
  shared.wake_fetcher = [&fetcher] { fetcher.Wakeup(); };
  wake_.store(&fetcher);
  std::thread writer([&] { RunWriter(shared, **store, **frontier); });
  std::vector<std::thread> workers;
  for (int i = 0; i < options_.workers; ++i) workers.emplace_back([&] { RunWorker(shared); });

  FetchLoop loop(shared, fetcher, stop_);
  std::string stopped_by = loop.Run(*hosts);

  shared.work.Close();
  for (std::thread& t : workers) t.join();
  shared.writer.Close();
  writer.join();
  wake_.store(nullptr);

  Summary summary;
  summary.totals = shared.stats.Snapshot();
  summary.totals.elapsed_ms = clock->SteadyMs() - started_ms;
  summary.failures = shared.stats.Failures();
  summary.stopped_by = stopped_by;
  summary.hosts_skipped = loop.hosts_skipped();
  summary.run = *run;
  if (shared.fatal.load()) {
    std::lock_guard<std::mutex> guard(shared.fatal_mu);
    summary.store_error = shared.fatal_error;
  }
  store::RunTotals totals;
  totals.status = stopped_by;
  totals.pages = summary.totals.pages;
  totals.articles = summary.totals.articles_new + summary.totals.articles_changed;
  totals.failed = summary.totals.failed;
  Status recorded = (*store)->Commit();
  if (recorded.ok()) recorded = (*frontier)->FinishRun(*run, totals, clock->WallMs());
  if (!recorded.ok() && !summary.store_error) summary.store_error = recorded.error();
  return summary;
}

Result<std::unique_ptr<CrawlLock>> CrawlLock::Acquire(const std::string& db_path) {
  std::string path = db_path + ".lock";
  // The lock sits beside the store, whose folder (the default
  // ~/.local/share/gleaner) may not exist yet on a fresh machine.
  std::filesystem::path parent = std::filesystem::path(db_path).parent_path();
  std::error_code ec;
  if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
    std::filesystem::create_directories(parent, ec);
    if (ec) return MakeError(Code::kIo, path + ": creating its folder: " + ec.message());
  }
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return MakeError(Code::kIo, path + ": cannot open the lock file: " + std::strerror(errno));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    char holder[32] = {0};
    ssize_t n = pread(fd, holder, sizeof holder - 1, 0);
    close(fd);
    if (err != EWOULDBLOCK) return MakeError(Code::kIo, path + ": cannot lock: " + std::strerror(err));
    std::string pid = n > 0 ? std::string(holder, static_cast<size_t>(n)) : "";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return MakeError(Code::kBusy, "another crawl is running on " + db_path + " (lock " + path +
                                      (pid.empty() ? "" : " held by pid " + pid) + ")");
  }
  // The holder's pid, for the message another run prints.
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) == 0) (void)!pwrite(fd, pid.data(), pid.size(), 0);
  return std::unique_ptr<CrawlLock>(new CrawlLock(fd));
}

CrawlLock::~CrawlLock() {
  if (fd_ >= 0) close(fd_);  // closing drops the flock
}

}  // namespace gleaner::crawl
