// replay_main: runs a fuzz target's LLVMFuzzerTestOneInput on saved inputs
// with a plain main(), so ctest checks every regression and seed with any
// compiler (gcc in CI) and under the sanitizer build, without libFuzzer.
//   gleaner_fuzz_replay_<name> PATH...   (files, or folders of files)
// A folder that does not exist is skipped (a target with no regressions
// yet); hidden files and README* are not inputs. Fails when nothing at all
// was replayed, so a wrong path cannot pass silently. A crash, a sanitizer
// report or an abort in the target fails the run, naming the input first.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

bool IsInput(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] != '.' && name.rfind("README", 0) != 0;
}

// The files named by `arg`: itself, or a folder's regular files sorted.
std::vector<fs::path> InputsOf(const fs::path& arg) {
  std::vector<fs::path> inputs;
  std::error_code ec;
  if (fs::is_regular_file(arg, ec)) {
    inputs.push_back(arg);
  } else if (fs::is_directory(arg, ec)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(arg, ec)) {
      if (entry.is_regular_file(ec) && IsInput(entry.path())) inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());
  }
  return inputs;
}

bool ReadAll(const fs::path& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    for (const fs::path& path : InputsOf(argv[i])) {
      std::string bytes;
      if (!ReadAll(path, &bytes)) {
        std::fprintf(stderr, "fuzz replay: cannot read %s\n", path.c_str());
        return 1;
      }
      std::printf("replay %s (%zu bytes)\n", path.c_str(), bytes.size());
      std::fflush(stdout);  // the name must be out before a crash
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  if (replayed == 0) {
    std::fprintf(stderr, "fuzz replay: no inputs found in the paths given\n");
    return 1;
  }
  std::printf("fuzz replay: %zu inputs, no crash\n", replayed);
  return 0;
}
