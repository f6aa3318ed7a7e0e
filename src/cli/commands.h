// commands: how the gleaner sub-commands plug into the CLI (cli module only).
// Each Add*Command declares its sub-command and flags on the CLI11 app and
// returns the function to run when that sub-command was chosen. Options
// live in a shared_ptr captured by the runner, so parsing fills them first.
#ifndef GLEANER_SRC_CLI_COMMANDS_H_
#define GLEANER_SRC_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "exit_codes.h"
#include "gleaner/result.h"
#include "gleaner/rules.h"

namespace gleaner::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command AddExtractCommand(CLI::App& app);
Command AddExportCommand(CLI::App& app);
Command AddSearchCommand(CLI::App& app);
Command AddStatsCommand(CLI::App& app);
Command AddCrawlCommand(CLI::App& app);   // src/cli/cmd_crawl.cc
Command AddRulesCommand(CLI::App& app);   // src/cli/cmd_rules.cc: `rules check`

// Prints "gleaner: <doing>: <message>" on stderr, one line. The Error's
// message already names the file or URL.
void PrintError(std::string_view doing, const Error& error);
void PrintError(std::string_view doing, std::string_view message);

// The --db default: $GLEANER_DB, else $XDG_DATA_HOME/gleaner/gleaner.db,
// else ~/.local/share/gleaner/gleaner.db.
std::string DefaultDbPath();

// Adds the --db option with its documented default to a sub-command.
void AddDbOption(CLI::App& command, std::string* db_path);

// How the CLI loads rules files: encodings checked against charset's table.
rules::LoadOptions RulesLoadOptions();

// The rules of the site a page belongs to (by its host against the start
// URLs and `hosts`), or the only site when the URL is unknown; else null.
const rules::SiteRules* RulesForUrl(const std::vector<rules::SiteRules>& sites, std::string_view page_url);

// Maps a store error to its exit status (kExitStore, kExitLocked, ...).
int ExitCodeFor(const Error& error);

}  // namespace gleaner::cli

#endif  // GLEANER_SRC_CLI_COMMANDS_H_
