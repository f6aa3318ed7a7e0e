// `gleaner crawl`: the crawler from the command line, made for cron - a
// lock with its own exit status, budgets, a clean stop on SIGINT/SIGTERM,
// a live progress line on a terminal only, and a summary on stderr.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "gleaner/charset.h"
#include "gleaner/crawl.h"
#include "gleaner/log.h"
#include "gleaner/rules.h"

namespace gleaner::cli {
namespace {

struct CrawlFlags {
  std::vector<std::string> urls;
  std::string db;
  std::string rules;
  std::string max_time;
  int64_t max_pages = 0;
  int concurrency = 16;
  int per_host = 2;
  double delay_s = 0.5;
  int max_depth = 10;
  std::string user_agent;
  int workers = 0;
  bool quiet = false;
  bool progress = false;
  bool no_progress = false;
  double revisit_days = 0;
  double failure_threshold = 0.1;
  bool follow_pages = true;
  double timeout_s = 30;
  int64_t max_bytes = 10 << 20;
  int max_attempts = 5;
};

// The crawl a signal should stop; set only while Run() runs.
std::atomic<crawl::Crawler*> g_running{nullptr};

void OnStopSignal(int) {
  if (crawl::Crawler* crawler = g_running.load()) crawler->Stop();
}

// SA_RESETHAND: a second Ctrl-C kills at once (the next run resumes).
void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void RestoreDefaultHandlers() {
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
}

// "90" and "90s" -> 90 000; "50m"; "2h"; "1h30m". -1 when malformed.
int64_t ParseDurationMs(const std::string& text) {
  if (text.empty()) return -1;
  int64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start) return -1;
    int64_t n = std::stoll(text.substr(start, i - start));
    int64_t unit = 1000;
    if (i < text.size()) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
      if (c == 'h') unit = 3600 * 1000;
      else if (c == 'm') unit = 60 * 1000;
      else if (c != 's') return -1;
    } else if (start != 0) {
      return -1;  // "1h30": a unit is needed after the first part
    }
    total += n * unit;
  }
  return total;
}

bool EncodingKnown(std::string_view label) {
  std::string name = charset::CanonicalName(label);
  return !name.empty() && name != "replacement";
}

std::string Rate(const crawl::Progress& p) {
  double seconds = static_cast<double>(p.elapsed_ms) / 1000.0;
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", seconds > 0 ? static_cast<double>(p.pages) / seconds : 0.0);
  return text;
}

void PrintProgress(const crawl::Progress& p) {
  std::string line = "\r\033[Kpages " + std::to_string(p.pages) + "  articles " +
                     std::to_string(p.articles_new + p.articles_changed) + "  errors " +
                     std::to_string(p.failed + p.retries) + "  " + Rate(p) + " pages/s";
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void LogSummary(const crawl::Summary& summary) {
  const crawl::Progress& t = summary.totals;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(t.elapsed_ms) / 1000.0);
  log::Info("crawl", "done",
            {{"pages", std::to_string(t.pages)}, {"new", std::to_string(t.articles_new)},
             {"changed", std::to_string(t.articles_changed)}, {"unchanged", std::to_string(t.articles_unchanged)},
             {"duplicates", std::to_string(t.duplicates)}, {"not_modified", std::to_string(t.not_modified)},
             {"lists", std::to_string(t.lists)}, {"failed", std::to_string(t.failed)},
             {"gone", std::to_string(t.gone)}, {"skipped", std::to_string(t.skipped)},
             {"retries", std::to_string(t.retries)}, {"requests", std::to_string(t.requests)},
             {"bytes", std::to_string(t.bytes)}, {"seconds", seconds}, {"pages_per_s", Rate(t)},
             {"stopped_by", summary.stopped_by}, {"run", std::to_string(summary.run)},
             {"hosts_skipped", std::to_string(summary.hosts_skipped.size())}});
  // Repeated here, where a reader of the summary looks: this work is not done.
  for (const auto& [host, why] : summary.hosts_skipped) {
    log::Warn("crawl", "host_left", {{"host", host}, {"reason", why}, {"resume", "next run"}});
  }
  if (summary.failures.empty()) return;
  std::string reasons;
  for (const auto& [reason, count] : summary.failures) {
    if (!reasons.empty()) reasons += ",";
    reasons += reason + ":" + std::to_string(count);
  }
  log::Info("crawl", "failures", {{"by_reason", reasons}});
}

Result<crawl::Options> BuildOptions(const CrawlFlags& f) {
  crawl::Options o;
  o.db_path = f.db;
  o.start_urls = f.urls;
  o.concurrency = f.concurrency;
  o.per_host = f.per_host;
  o.default_delay_s = f.delay_s;
  o.max_depth = f.max_depth;
  o.max_pages = f.max_pages;
  o.workers = f.workers;
  o.revisit_days = f.revisit_days;
  o.follow_pages = f.follow_pages;
  o.max_attempts = f.max_attempts;
  o.fetch.total_timeout_ms = static_cast<int64_t>(f.timeout_s * 1000);
  o.fetch.max_body_bytes = f.max_bytes;
  if (!f.user_agent.empty()) o.fetch.user_agent = f.user_agent;
  if (!f.max_time.empty()) {
    o.max_time_ms = ParseDurationMs(f.max_time);
    if (o.max_time_ms <= 0) {
      return MakeError(Code::kInvalidInput, "--max-time '" + f.max_time + "' is not a duration like 90s, 50m, 2h");
    }
  }
  if (f.failure_threshold < 0 || f.failure_threshold > 1) {
    return MakeError(Code::kInvalidInput, "--failure-threshold must be between 0 and 1");
  }
  return o;
}

int ExitFor(const crawl::Summary& summary, double threshold) {
  if (summary.store_error) return kExitStore;
  if (summary.stopped_by == "signal") return kExitInterrupted;
  if (summary.totals.failed > 0 && summary.FailureRate() > threshold) return kExitPartial;
  if (!summary.hosts_skipped.empty()) return kExitPartial;  // cron should hear of a server that went away
  return kExitOk;
}

// SQLite's text for a full disk is terse; say what it means for the crawl.
void PrintCrawlError(std::string_view doing, const std::string& db, const Error& error) {
  PrintError(doing, error);
  if (error.code != Code::kDiskFull) return;
  PrintError("crawl", db + ": the disk (or a file-size limit) is full; everything committed before is kept, "
                           "and the next run resumes once there is room");
}

int RunCrawl(const CrawlFlags& flags) {
  if (flags.quiet) log::SetLevel(log::Level::kError);
  auto options = BuildOptions(flags);
  if (!options.ok()) {
    PrintError("crawl", options.error());
    return kExitUsage;
  }
  if (!flags.rules.empty()) {
    rules::LoadOptions load;
    load.encoding_known = EncodingKnown;
    auto sites = rules::Load(flags.rules, load);
    if (!sites.ok()) {
      PrintError("loading rules", sites.error());
      return kExitRules;
    }
    options->sites = std::move(sites).value();
  }
  if (options->sites.empty() && options->start_urls.empty()) {
    PrintError("crawl", "nothing to crawl: give start URLs, or --rules with a rules file or folder");
    return kExitUsage;
  }
  bool quiet = flags.quiet || !log::Enabled(log::Level::kInfo);  // `gleaner -q crawl` too
  bool show_progress = !quiet && !flags.no_progress && (flags.progress || isatty(STDERR_FILENO));
  if (show_progress) {
    options->on_progress = PrintProgress;
    // A log line first clears the progress line, so the two never mix.
    log::SetSink([](std::string_view line) {
      std::string out = "\r\033[K" + std::string(line);
      if (out.back() != '\n') out += '\n';
      std::fwrite(out.data(), 1, out.size(), stderr);
    });
  }
  // Under a file-size limit (ulimit -f) the kernel's default is to kill
  // the process at the limit; ignored, the write fails with EFBIG and the
  // crawl ends with the store's "disk full" error, exit 4, instead.
  signal(SIGXFSZ, SIG_IGN);
  crawl::Crawler crawler(std::move(options).value());
  g_running.store(&crawler);
  InstallStopHandlers();
  Result<crawl::Summary> summary = crawler.Run();
  RestoreDefaultHandlers();
  g_running.store(nullptr);
  if (show_progress) std::fputs("\r\033[K", stderr);
  if (!summary.ok()) {
    PrintCrawlError("crawl", flags.db, summary.error());
    return ExitCodeFor(summary.error());
  }
  LogSummary(*summary);
  if (summary->store_error) PrintCrawlError("crawl: storing", flags.db, *summary->store_error);
  return ExitFor(*summary, flags.failure_threshold);
}

}  // namespace

Command AddCrawlCommand(CLI::App& app) {
  auto f = std::make_shared<CrawlFlags>();
  CLI::App* sub = app.add_subcommand(
      "crawl", "Crawl sites into the store: start URLs and/or rules files; resumes where the last run stopped");
  sub->add_option("urls", f->urls, "Start URLs (http/https); each crawls its own site unless a rules file covers it");
  AddDbOption(*sub, &f->db);
  sub->get_option("--db")->group("Store");
  sub->add_option("--rules", f->rules, "A rules file, or a folder of *.toml rules files (one per site); default: none")
      ->type_name("PATH")
      ->group("What to crawl");
  sub->add_option("--max-depth", f->max_depth, "Link depth from a start page, sitemap or feed")
      ->capture_default_str()
      ->group("What to crawl");
  sub->add_flag("--follow-pages,!--no-follow-pages", f->follow_pages,
                "Fetch and join the further pages of split articles (default on)")
      ->group("What to crawl");
  sub->add_option("--revisit", f->revisit_days, "Fetch stored articles again after this many days (0: never)")
      ->capture_default_str()
      ->type_name("DAYS")
      ->group("What to crawl");
  sub->add_option("--max-time", f->max_time, "Stop starting fetches after this long (90s, 50m, 2h; default: no limit)")
      ->type_name("DURATION")
      ->group("Budget");
  sub->add_option("--max-pages", f->max_pages, "Fetch at most this many URLs this run (0: no limit)")
      ->capture_default_str()
      ->group("Budget");
  sub->add_option("--concurrency", f->concurrency, "Requests in flight in all")
      ->capture_default_str()
      ->group("Politeness and fetching");
  sub->add_option("--per-host", f->per_host, "Requests in flight to one host")
      ->capture_default_str()
      ->group("Politeness and fetching");
  sub->add_option("--delay", f->delay_s,
                  "Seconds between request starts to a host without a rules delay (robots Crawl-delay wins when larger)")
      ->capture_default_str()
      ->group("Politeness and fetching");
  sub->add_option("--user-agent", f->user_agent, "User-Agent header (its first word is matched in robots.txt)")
      ->default_str("gleaner/0.1 (+https://github.com/gleaner/gleaner)")
      ->group("Politeness and fetching");
  sub->add_option("--timeout", f->timeout_s, "Seconds allowed for each request")
      ->capture_default_str()
      ->group("Politeness and fetching");
  sub->add_option("--max-bytes", f->max_bytes, "Largest page body accepted, in bytes")
      ->capture_default_str()
      ->group("Politeness and fetching");
  sub->add_option("--max-attempts", f->max_attempts,
                  "Transient failures of one URL, counted across runs, before it is given up")
      ->capture_default_str()
      ->group("Politeness and fetching");
  sub->add_option("--workers", f->workers, "Extraction threads (default 0: one per hardware thread)")
      ->capture_default_str()
      ->group("Politeness and fetching");
  sub->add_flag("--quiet", f->quiet, "Only errors on stderr: no summary, no progress (for cron)")->group("Output");
  sub->add_flag("--progress", f->progress, "Show the live progress line even when stderr is not a terminal")
      ->group("Output");
  sub->add_flag("--no-progress", f->no_progress, "Never show the live progress line (default: only on a terminal)")
      ->group("Output");
  sub->add_option("--failure-threshold", f->failure_threshold,
                  "Exit 6 when more than this fraction of fetched URLs failed for good")
      ->capture_default_str()
      ->group("Output");
  sub->footer(
      "Exit status: 0 done (also when a budget stopped it), 2 usage, 3 rules file broken, 4 store error\n"
      "(disk full too), 5 another crawl holds the lock, 6 failures over --failure-threshold or a host that\n"
      "stopped answering (its URLs wait for the next run), 130 stopped by SIGINT/SIGTERM.\n"
      "Examples:\n"
      "  gleaner crawl --db news.db https://news.example.cn/\n"
      "  gleaner crawl --db news.db --rules selectors/ --max-time 50m --quiet");
  return {sub, [f] { return RunCrawl(*f); }};
}

}  // namespace gleaner::cli
