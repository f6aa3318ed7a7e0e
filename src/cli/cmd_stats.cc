// `gleaner stats`: per site - articles, duplicates, versions, last seen,
// fetches and fetch errors.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <memory>
#include <string>

#include "commands.h"
#include "gleaner/store.h"

namespace gleaner::cli {
namespace {

struct StatsFlags {
  std::string db;
  std::string format = "table";
};

std::string IsoUtc(int64_t epoch_s, const char* format) {
  if (epoch_s <= 0) return {};
  std::time_t t = static_cast<std::time_t>(epoch_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

void PrintTable(const std::vector<store::SiteStats>& sites) {
  std::printf("%-28s %9s %10s %8s  %-20s %8s %7s\n", "SITE", "ARTICLES", "DUPLICATES", "VERSIONS",
              "LAST SEEN (UTC)", "FETCHES", "ERRORS");
  store::SiteStats total;
  for (const store::SiteStats& s : sites) {
    std::string name = s.site.empty() ? "(files)" : s.site;
    std::string seen = IsoUtc(s.last_seen, "%Y-%m-%d %H:%M");
    std::printf("%-28s %9lld %10lld %8lld  %-20s %8lld %7lld\n", name.c_str(),
                static_cast<long long>(s.articles), static_cast<long long>(s.duplicates),
                static_cast<long long>(s.versions), seen.empty() ? "-" : seen.c_str(),
                static_cast<long long>(s.fetches), static_cast<long long>(s.errors));
    total.articles += s.articles;
    total.duplicates += s.duplicates;
    total.versions += s.versions;
    total.fetches += s.fetches;
    total.errors += s.errors;
    total.last_seen = std::max(total.last_seen, s.last_seen);
  }
  std::string seen = IsoUtc(total.last_seen, "%Y-%m-%d %H:%M");
  std::printf("%-28s %9lld %10lld %8lld  %-20s %8lld %7lld\n", "TOTAL", static_cast<long long>(total.articles),
              static_cast<long long>(total.duplicates), static_cast<long long>(total.versions),
              seen.empty() ? "-" : seen.c_str(), static_cast<long long>(total.fetches),
              static_cast<long long>(total.errors));
}

void PrintJsonl(const std::vector<store::SiteStats>& sites) {
  for (const store::SiteStats& s : sites) {
    nlohmann::json j = {{"site", s.site},         {"articles", s.articles}, {"duplicates", s.duplicates},
                        {"versions", s.versions}, {"last_seen", nullptr},   {"fetches", s.fetches},
                        {"errors", s.errors}};
    if (s.last_seen > 0) j["last_seen"] = IsoUtc(s.last_seen, "%Y-%m-%dT%H:%M:%SZ");
    std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
}

int RunStats(const StatsFlags& flags) {
  if (flags.format != "table" && flags.format != "jsonl") {
    PrintError("stats", "--format must be table or jsonl, not '" + flags.format + "'");
    return kExitUsage;
  }
  store::Options options;
  options.read_only = true;
  auto store = store::Store::Open(flags.db, options);
  if (!store.ok()) {
    PrintError("opening the store", store.error());
    return ExitCodeFor(store.error());
  }
  auto sites = (*store)->Stats();
  if (!sites.ok()) {
    PrintError("counting", sites.error());
    return ExitCodeFor(sites.error());
  }
  if (flags.format == "jsonl") {
    PrintJsonl(*sites);
  } else {
    PrintTable(*sites);
  }
  if (std::fflush(stdout) != 0) {
    PrintError("stats", "stdout: write failed");
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

Command AddStatsCommand(CLI::App& app) {
  auto flags = std::make_shared<StatsFlags>();
  CLI::App* sub = app.add_subcommand(
      "stats", "Per site: articles, duplicates, old versions, last seen, fetches and fetch errors");
  AddDbOption(*sub, &flags->db);
  sub->get_option("--db")->group("Store");
  sub->add_option("--format", flags->format, "table (for people) or jsonl (one object per site)")
      ->capture_default_str()
      ->type_name("table|jsonl")
      ->group("Output");
  sub->footer("Example: gleaner stats --db news.db --format jsonl");
  return {sub, [flags] { return RunStats(*flags); }};
}

}  // namespace gleaner::cli
