// The command-line entry: global flags, sub-command dispatch, exit codes.
#include "gleaner/cli.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "commands.h"
#include "gleaner/charset.h"
#include "gleaner/fetch.h"
#include "gleaner/html.h"
#include "gleaner/log.h"
#include "gleaner/store.h"

namespace gleaner::cli {

void PrintError(std::string_view doing, std::string_view message) {
  std::string line = "gleaner: ";
  line += doing;
  line += ": ";
  line += message;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void PrintError(std::string_view doing, const Error& error) { PrintError(doing, error.message); }

std::string DefaultDbPath() {
  if (const char* db = std::getenv("GLEANER_DB"); db && *db) return db;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/gleaner/gleaner.db";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/gleaner/gleaner.db";
  }
  return "gleaner.db";
}

void AddDbOption(CLI::App& command, std::string* db_path) {
  *db_path = DefaultDbPath();
  command.add_option("--db", *db_path,
                     "SQLite store (default: $GLEANER_DB, else "
                     "$XDG_DATA_HOME/gleaner/gleaner.db, else ~/.local/share/gleaner/gleaner.db)")
      ->capture_default_str()
      ->type_name("PATH");
}

int ExitCodeFor(const Error& error) {
  switch (error.code) {
    case Code::kBusy: return kExitLocked;
    case Code::kDiskFull:
    case Code::kCorrupt:
    case Code::kIo: return kExitStore;
    case Code::kInvalidInput: return kExitUsage;
    default: return kExitFailed;
  }
}

namespace {

// The --version text: gleaner's version, then the libraries it runs with
// (what a bug report needs: extraction and decoding depend on them).
std::string VersionText() {
  return "gleaner " GLEANER_VERSION "\n" + fetch::LibraryVersion() + "\n" + html::LibraryVersion() + "\n" +
         store::LibraryVersion() + "\n" + charset::LibraryVersion();
}

// The top-level help's footer: where to go next, and one example.
constexpr const char* kHelpFooter =
    "Run `gleaner COMMAND --help` for a command's flags; the manual is `man gleaner`.\n"
    "Example: gleaner extract https://news.example.cn/a/123.html";

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"gleaner: crawl news portals and extract articles as JSON", "gleaner"};
  app.require_subcommand(1);
  app.fallthrough();
  bool quiet = false;
  int verbose = 0;
  app.add_flag("-q,--quiet", quiet, "Only errors on stderr");
  app.add_flag("-v,--verbose", verbose, "More detail on stderr (-vv: per page)");
  app.set_version_flag("-V,--version", VersionText());
  app.footer(kHelpFooter);

  std::vector<Command> commands = {
      AddExtractCommand(app),
      AddExportCommand(app),
      AddSearchCommand(app),
      AddStatsCommand(app),
      AddCrawlCommand(app),
      AddRulesCommand(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints CLI11's message and the usage hint
    return kExitUsage;
  }

  log::SetLevel(quiet ? log::Level::kError
                      : verbose >= 1 ? log::Level::kDebug : log::Level::kInfo);
  for (const Command& command : commands) {
    if (command.app && command.app->parsed()) return command.run();
  }
  return kExitUsage;
}

}  // namespace gleaner::cli
