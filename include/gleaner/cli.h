// cli: the `gleaner` command line (extract, export, search, stats, crawl).
// Does:    parses flags with CLI11, runs the chosen sub-command, maps every
//          failure to an exit status from src/cli/exit_codes.h.
// Threads: Main is called once, from main(), after curl_global_init.
// Touches: stdout (data only), stderr (messages), files and network as the
//          sub-command asks.
#ifndef GLEANER_CLI_H_
#define GLEANER_CLI_H_

namespace gleaner::cli {

// Runs the command line; returns the process exit status.
int Main(int argc, char** argv);

}  // namespace gleaner::cli

#endif  // GLEANER_CLI_H_
