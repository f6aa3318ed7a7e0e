// gleaner_process: runs the built gleaner binary as a child process, the
// way a user or cron does, and captures what it printed.
// Does:    fork + execv with the given arguments, stdin from a file (or
//          /dev/null), stdout and stderr into temp files, waits for exit.
// Borrows: nothing; the result owns copies of both outputs.
// Threads: call from one thread at a time (the test's).
// Errors:  a binary that cannot be found or started fails the current test
//          (ADD_FAILURE) and returns exit_code -1.
// Touches: temp files under a TempDir, removed on return.
// Header-only because e2e's binary is built from *_test.cc files alone.
#ifndef GLEANER_TESTS_E2E_GLEANER_PROCESS_H_
#define GLEANER_TESTS_E2E_GLEANER_PROCESS_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "support/test_util.h"

namespace gleaner::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when the process could not run; 128+N for signal N
  std::string out;     // everything written to stdout
  std::string err;     // everything written to stderr

  // stderr split into non-empty lines.
  std::vector<std::string> ErrLines() const {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < err.size()) {
      size_t end = err.find('\n', start);
      if (end == std::string::npos) end = err.size();
      if (end > start) lines.push_back(err.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  }
};

// $GLEANER_BIN (set by ctest), else <build dir>/gleaner.
inline std::filesystem::path GleanerBinary() {
  if (const char* bin = std::getenv("GLEANER_BIN"); bin && *bin) return bin;
  return BinaryDir() / "gleaner";
}

struct RunOptions {
  std::filesystem::path cwd;         // working directory; empty = inherit
  std::filesystem::path stdin_file;  // empty = /dev/null
};

// Runs `gleaner args...` and returns its exit status and output.
inline ProcessResult RunGleaner(const std::vector<std::string>& args, const RunOptions& options = {}) {
  ProcessResult result;
  std::filesystem::path binary = GleanerBinary();
  if (access(binary.c_str(), X_OK) != 0) {
    ADD_FAILURE() << "gleaner binary not found or not executable: " << binary
                  << " (set GLEANER_BIN or build the `gleaner` target)";
    return result;
  }
  TempDir scratch;
  std::filesystem::path out_path = scratch / "stdout";
  std::filesystem::path err_path = scratch / "stderr";
  std::vector<std::string> argv_storage = {binary.string()};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  // Everything the child needs is prepared here: between fork and exec a
  // child of a threaded process (the loopback server runs threads) may only
  // make async-signal-safe calls, so no allocation there.
  const char* in_path = options.stdin_file.empty() ? "/dev/null" : options.stdin_file.c_str();
  const char* cwd = options.cwd.empty() ? nullptr : options.cwd.c_str();
  const char* out_file = out_path.c_str();
  const char* err_file = err_path.c_str();
  pid_t pid = fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return result;
  }
  if (pid == 0) {
    int in = open(in_path, O_RDONLY);
    int out = open(out_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    if (cwd != nullptr && chdir(cwd) != 0) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      ADD_FAILURE() << "waitpid failed";
      return result;
    }
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

// For failure messages: the command's exit code and both outputs, clipped.
inline std::string Describe(const ProcessResult& r) {
  auto clip = [](const std::string& s) { return s.size() > 2000 ? s.substr(0, 2000) + "..." : s; };
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + clip(r.out) +
         "\n--- stderr ---\n" + clip(r.err);
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_E2E_GLEANER_PROCESS_H_
