// test_util: small helpers every test binary may use.
// Does:    finds the source tree (GLEANER_SOURCE_DIR, set by ctest), reads
//          and writes files, makes scratch directories that clean up.
// Threads: thread-compatible; TempDir is owned by one test.
#ifndef GLEANER_TESTS_SUPPORT_TEST_UTIL_H_
#define GLEANER_TESTS_SUPPORT_TEST_UTIL_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace gleaner::testing {

// The project's top directory: $GLEANER_SOURCE_DIR, else the compile-time
// source path.
std::filesystem::path SourceDir();

// The build directory: $GLEANER_BINARY_DIR, else the current directory.
std::filesystem::path BinaryDir();

// Reads a whole file; fails the current test (and returns "") when missing.
std::string ReadFile(const std::filesystem::path& path);

// Writes `bytes` to `path`, creating parent directories.
void WriteFile(const std::filesystem::path& path, std::string_view bytes);

// A fresh directory under the system temp dir, removed with its contents
// when the TempDir goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// gzip-compresses bytes (for .gz inputs and Content-Encoding tests).
std::string Gzip(std::string_view bytes);

// The gzip of `mib` MiB of zeros, about 1 KB per MiB, built without holding
// the zeros (a 1 GiB bomb takes ~80 ms): for decoded-size caps.
// tests/pipeline/limits_test.cc checks that it inflates exactly.
std::string ZeroGzipBomb(size_t mib);

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_SUPPORT_TEST_UTIL_H_
