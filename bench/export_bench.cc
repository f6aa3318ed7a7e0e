// export_bench: JSONL export speed and peak memory, for stores of 10 000 and
// 1 000 000 articles (the ones store_bench builds; built here in a child
// process when missing, so this process's peak RSS is the export's alone).
//
// Cases:
//   ExportJsonl/<stored>   exporter::Write of every article as JSONL to
//                          /dev/null; items_per_second = articles/s;
//                          peak_rss_MB = this process's peak resident set
//   ExportCsv/<stored>     the same as CSV
// Run each size in its own process so the RSS figures compare:
//   build-rel/bench/export_bench --benchmark_filter='ExportJsonl/10000$'
//   build-rel/bench/export_bench --benchmark_filter='ExportJsonl/1000000$'
// Stores live in $GLEANER_BENCH_DIR (default /tmp/gleaner-bench).
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "../tests/store/corpus.h"
#include "gleaner/export.h"
#include "gleaner/store.h"

namespace {

namespace fs = std::filesystem;
namespace store = gleaner::store;
namespace exporter = gleaner::exporter;

fs::path StorePath(int64_t stored) {
  const char* env = std::getenv("GLEANER_BENCH_DIR");
  fs::path dir = env != nullptr ? env : "/tmp/gleaner-bench";
  fs::create_directories(dir);
  return dir / ("store-" + std::to_string(stored) + "-fts0.db");
}

// Builds a missing store in a child process; true when the store exists.
bool EnsureStore(int64_t stored) {
  fs::path path = StorePath(stored);
  if (fs::exists(path)) return true;
  pid_t child = fork();
  if (child == 0) {
    gleaner::testing::Corpus corpus(gleaner::testing::FindGroundTruth());
    store::Options options;
    options.search_index = false;
    auto s = store::Store::Open(path.string(), options);
    if (!s.ok()) _exit(1);
    for (int64_t id = 0; id < stored; ++id) {
      if (!(*s)->Put(corpus.Make(static_cast<uint64_t>(id))).ok()) _exit(1);
    }
    _exit((*s)->Commit().ok() ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is KiB on Linux
}

void RunExport(benchmark::State& state, exporter::Format format) {
  int64_t stored = state.range(0);
  if (!EnsureStore(stored)) {
    state.SkipWithError("cannot build the store");
    return;
  }
  store::Options options;
  options.read_only = true;
  auto s = store::Store::Open(StorePath(stored).string(), options);
  if (!s.ok()) {
    state.SkipWithError(s.error().message.c_str());
    return;
  }
  std::FILE* sink = std::fopen("/dev/null", "w");
  std::setvbuf(sink, nullptr, _IOFBF, 1 << 18);
  int64_t articles = 0;
  for (auto _ : state) {
    exporter::Options export_options;
    export_options.format = format;
    auto summary = exporter::Write(**s, export_options, sink, "/dev/null");
    if (!summary.ok()) {
      state.SkipWithError(summary.error().message.c_str());
      break;
    }
    articles += summary->articles;
  }
  std::fclose(sink);
  state.SetItemsProcessed(articles);
  state.counters["articles"] = static_cast<double>(articles) / static_cast<double>(state.iterations());
  state.counters["peak_rss_MB"] = PeakRssMb();
}

void BM_ExportJsonl(benchmark::State& state) { RunExport(state, exporter::Format::kJsonl); }
void BM_ExportCsv(benchmark::State& state) { RunExport(state, exporter::Format::kCsv); }
BENCHMARK(BM_ExportJsonl)->Arg(10000)->Arg(1000000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ExportCsv)->Arg(10000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

int AddContext() {
  benchmark::AddCustomContext("compiler", __VERSION__);
#if defined(__OPTIMIZE__) && defined(NDEBUG)
  benchmark::AddCustomContext("build", "optimised, NDEBUG");
#else
  benchmark::AddCustomContext("WARNING", "optimisation off or assertions on: numbers are not representative");
#endif
  return 0;
}
const int kContext = AddContext();

}  // namespace
