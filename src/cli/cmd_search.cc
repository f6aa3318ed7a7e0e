// `gleaner search`: full-text search over stored titles and bodies, ranked,
// with snippets; a table on a terminal, JSON Lines for scripts.
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "gleaner/store.h"

namespace gleaner::cli {
namespace {

struct SearchFlags {
  std::string db;
  std::vector<std::string> terms;
  std::string format = "table";
  std::string site;
  int64_t limit = 20;
  bool include_duplicates = false;
};

// Terminal columns a code point takes: 2 for East Asian wide characters.
int CellWidth(uint32_t cp) {
  bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
              (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
              (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
              (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

// Cuts UTF-8 text to at most `columns` terminal columns, adding "…" if cut.
std::string FitColumns(std::string_view text, int columns) {
  std::string out;
  int used = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (i + len > text.size()) break;
    uint32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    int width = CellWidth(cp);
    if (used + width > columns - 1 && i + len < text.size()) {
      out += "…";
      return out;
    }
    out.append(text, i, len);
    used += width;
    i += len;
  }
  return out;
}

void PrintTable(const store::SearchResult& result) {
  int rank = 0;
  for (const store::SearchHit& hit : result.hits) {
    std::string day = hit.published.substr(0, 10);
    std::string title = FitColumns(hit.title.empty() ? "(no title)" : hit.title, 60);
    std::printf("%2d. %s  %-10s  %s%s\n", ++rank, title.c_str(), day.empty() ? "-" : day.c_str(),
                hit.site.c_str(), hit.duplicate_of ? "  (duplicate)" : "");
    std::printf("    %s\n    %s\n\n", hit.snippet.c_str(), hit.url.c_str());
  }
}

void PrintJsonl(const store::SearchResult& result) {
  for (const store::SearchHit& hit : result.hits) {
    nlohmann::json j = {{"id", hit.id},       {"url", hit.url},           {"title", hit.title},
                        {"site", hit.site},   {"published", nullptr},     {"snippet", hit.snippet},
                        {"score", hit.score}, {"duplicate_of", nullptr}};
    if (!hit.published.empty()) j["published"] = hit.published;
    if (hit.duplicate_of) j["duplicate_of"] = *hit.duplicate_of;
    std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
}

int RunSearch(const SearchFlags& flags) {
  if (flags.format != "table" && flags.format != "jsonl") {
    PrintError("search", "--format must be table or jsonl, not '" + flags.format + "'");
    return kExitUsage;
  }
  std::string query;
  for (const std::string& term : flags.terms) query += (query.empty() ? "" : " ") + term;
  store::Options store_options;
  store_options.read_only = true;
  auto store = store::Store::Open(flags.db, store_options);
  if (!store.ok()) {
    PrintError("opening the store", store.error());
    return ExitCodeFor(store.error());
  }
  store::SearchOptions options;
  options.limit = flags.limit;
  options.site = flags.site;
  options.include_duplicates = flags.include_duplicates;
  bool table = flags.format == "table";
  bool colour = table && isatty(fileno(stdout));
  options.mark_open = !table ? "<em>" : colour ? "\x1b[1;31m" : "[";
  options.mark_close = !table ? "</em>" : colour ? "\x1b[0m" : "]";
  auto result = (*store)->Search(query, options);
  if (!result.ok()) {
    PrintError("searching", result.error());
    return ExitCodeFor(result.error());
  }
  if (result->substring_scan) {
    PrintError("search", "this store was created without a search index:"
                         " scanned all articles instead (slower; newest first, not ranked)");
  }
  if (table) {
    PrintTable(*result);
    if (result->hits.empty()) PrintError("search", "no stored article matches");
  } else {
    PrintJsonl(*result);
  }
  return std::fflush(stdout) == 0 ? kExitOk : kExitFailed;
}

}  // namespace

Command AddSearchCommand(CLI::App& app) {
  auto flags = std::make_shared<SearchFlags>();
  CLI::App* sub = app.add_subcommand("search", "Full-text search over stored titles and bodies (best first)");
  AddDbOption(*sub, &flags->db);
  sub->get_option("--db")->group("Store");
  sub->add_option("terms", flags->terms,
                  "Words to find, all must match: Chinese matches any run of characters (one or more), "
                  "other scripts whole words (word* for a prefix)")
      ->type_name("TERM")
      ->required();
  sub->add_option("--site", flags->site, "Only this site (a site, host or URL); default: all")
      ->type_name("SITE")
      ->group("Selection");
  sub->add_option("-n,--limit", flags->limit, "At most this many results (0 = all)")
      ->capture_default_str()
      ->type_name("N")
      ->group("Selection");
  sub->add_flag("--include-duplicates", flags->include_duplicates, "Also show duplicates")->group("Selection");
  sub->add_option("--format", flags->format,
                  "table (for people) or jsonl (id, url, title, site, published, snippet with <em> marks,"
                  " score, duplicate_of)")
      ->capture_default_str()
      ->type_name("table|jsonl")
      ->group("Output");
  sub->footer("Example: gleaner search --db news.db 安全承诺");
  return {sub, [flags] { return RunSearch(*flags); }};
}

}  // namespace gleaner::cli
