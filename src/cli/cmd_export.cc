// `gleaner export`: stored articles as JSON / JSONL / CSV, filtered, with
// per-consumer cursors for cron pipelines.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "gleaner/export.h"
#include "gleaner/log.h"
#include "gleaner/store.h"

namespace gleaner::cli {
namespace {

struct ExportFlags {
  std::string db;
  std::string format;  // "" = from --output's extension, else jsonl
  std::string output;
  std::string site;
  std::string since;
  std::string until;
  std::string cursor;
  std::string fields;
  bool include_duplicates = false;
  int64_t limit = 0;
};

constexpr size_t kStdoutBuffer = 1 << 18;

// json for *.json, csv for *.csv, else jsonl.
std::string FormatFor(const ExportFlags& flags) {
  if (!flags.format.empty()) return flags.format;
  if (flags.output.ends_with(".json")) return "json";
  if (flags.output.ends_with(".csv")) return "csv";
  return "jsonl";
}

// Flags -> exporter options; a usage error names the flag.
Result<exporter::Options> BuildOptions(const ExportFlags& flags) {
  exporter::Options options;
  auto format = exporter::ParseFormat(FormatFor(flags));
  if (!format.ok()) return MakeError(Code::kInvalidInput, "--format: " + format.error().message);
  options.format = *format;
  if (!flags.fields.empty()) {
    auto fields = exporter::ParseFields(flags.fields);
    if (!fields.ok()) return MakeError(Code::kInvalidInput, "--fields: " + fields.error().message);
    options.fields = std::move(fields).value();
  }
  if (!flags.since.empty()) {
    auto since = store::ParseDateBound(flags.since);
    if (!since.ok()) return MakeError(Code::kInvalidInput, "--since: " + since.error().message);
    options.query.since = *since;
  }
  if (!flags.until.empty()) {
    auto until = store::ParseDateBound(flags.until);
    if (!until.ok()) return MakeError(Code::kInvalidInput, "--until: " + until.error().message);
    options.query.until = *until;
  }
  if (flags.limit < 0) return MakeError(Code::kInvalidInput, "--limit must be 0 (no limit) or more");
  options.query.site = flags.site;
  options.query.include_duplicates = flags.include_duplicates;
  options.query.limit = flags.limit;
  options.cursor = flags.cursor;
  options.output = flags.output;
  return options;
}

int RunExport(const ExportFlags& flags) {
  auto options = BuildOptions(flags);
  if (!options.ok()) {
    PrintError("export", options.error());
    return kExitUsage;
  }
  store::Options store_options;
  store_options.read_only = flags.cursor.empty();  // a cursor is written back
  store_options.create_if_missing = false;
  auto store = store::Store::Open(flags.db, store_options);
  if (!store.ok()) {
    PrintError("opening the store", store.error());
    return ExitCodeFor(store.error());
  }
  if (flags.output.empty() && !isatty(fileno(stdout))) {
    std::setvbuf(stdout, nullptr, _IOFBF, kStdoutBuffer);
  }
  auto summary = exporter::Export(**store, *options, stdout);
  if (!summary.ok()) {
    PrintError("exporting", summary.error());
    return ExitCodeFor(summary.error());
  }
  log::Info("export", "done",
            {{"articles", std::to_string(summary->articles)},
             {"output", flags.output.empty() ? "stdout" : flags.output},
             {"cursor", flags.cursor.empty() ? "-" : flags.cursor + "@" + std::to_string(summary->cursor_seq)}});
  return kExitOk;
}

}  // namespace

Command AddExportCommand(CLI::App& app) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* sub = app.add_subcommand("export", "Write stored articles as JSON, JSON Lines or CSV");
  AddDbOption(*sub, &flags->db);
  sub->get_option("--db")->group("Store");
  sub->add_option("--site", flags->site, "Only this site (a site, host or URL, e.g. example.cn); default: all")
      ->type_name("SITE")
      ->group("Selection");
  sub->add_option("--since", flags->since,
                  "Published on or after: YYYY-MM-DD (the site's own date) or an ISO 8601 time;"
                  " articles without a published date use their first_seen; default: no bound")
      ->type_name("DATE")
      ->group("Selection");
  sub->add_option("--until", flags->until,
                  "Published on or before (same forms; a day includes the whole day); default: no bound")
      ->type_name("DATE")
      ->group("Selection");
  sub->add_option("--cursor", flags->cursor,
                  "A consumer name: export only what changed since this consumer's last complete"
                  " export (new versions count), then remember where it got to; default: everything")
      ->type_name("NAME")
      ->group("Selection");
  sub->add_flag("--include-duplicates", flags->include_duplicates,
                "Also export duplicates (they carry duplicate_of)")
      ->group("Selection");
  sub->add_option("--limit", flags->limit, "At most this many articles (0 = all)")
      ->capture_default_str()
      ->type_name("N")
      ->group("Selection");
  sub->add_option("--format", flags->format,
                  "json (one array), jsonl (one object per line) or csv (RFC 4180, header row);"
                  " default: from --output's extension, else jsonl")
      ->type_name("json|jsonl|csv")
      ->group("Output");
  sub->add_option("-o,--output", flags->output,
                  "Write this file (complete or not at all: a temporary file is renamed into place);"
                  " default: stdout")
      ->type_name("FILE")
      ->group("Output");
  sub->add_option("--fields", flags->fields,
                  "Only these fields, comma-separated (e.g. id,url,title,published,body); default: all")
      ->type_name("LIST")
      ->group("Output");
  sub->footer(
      "Examples:\n"
      "  gleaner export --db news.db --format jsonl > all.jsonl\n"
      "  gleaner export --db news.db --site example.cn --since 2025-03-01 --until 2025-03-31 --output march.json\n"
      "  gleaner export --db news.db --format jsonl --cursor daily-feed");
  return {sub, [flags] { return RunExport(*flags); }};
}

}  // namespace gleaner::cli
