// exit_codes: the process exit statuses of every gleaner command, defined
// once here and listed in the README, so cron and scripts can tell failures
// apart.
#ifndef GLEANER_SRC_CLI_EXIT_CODES_H_
#define GLEANER_SRC_CLI_EXIT_CODES_H_

namespace gleaner::cli {

enum ExitCode : int {
  kExitOk = 0,           // everything asked for was done
  kExitFailed = 1,       // the command failed, or some inputs/pages failed
  kExitUsage = 2,        // bad flags or arguments
  kExitRules = 3,        // a rules file is broken
  kExitStore = 4,        // the store cannot be opened or written (corrupt, full, read-only)
  kExitLocked = 5,       // another crawl holds the lock on this database
  kExitPartial = 6,      // a crawl finished, but page failures exceeded the threshold or a host was unreachable
  kExitInterrupted = 130 // stopped by SIGINT/SIGTERM before finishing (work so far is kept)
};

}  // namespace gleaner::cli

#endif  // GLEANER_SRC_CLI_EXIT_CODES_H_
