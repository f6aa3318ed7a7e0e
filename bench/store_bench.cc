// store_bench: insert cost with dedup on, and how it changes with the size
// of the store. One core, one writer, realistic articles (tests/store/corpus.h:
// generated Chinese 1000-3000 chars and English recombined from the
// Scrapinghub ground-truth sentences, ~4 KB; 5% exact and 5% near reprints).
//
// Cases:
//   Sign/zh, Sign/en          dedup::Sign (normalise, hash, fingerprint) per body
//   Put/<stored>/<fts>/<lang> Store::Put of new articles into a store already
//                             holding <stored> articles (10 000 or 1 000 000,
//                             the mixed corpus), with (fts=1) or without
//                             (fts=0) the search index; batches of 1000 rows.
//                             lang: 0 the mixed corpus, 1 Chinese only, 2
//                             English only (each with its 10% reprints).
//                             20 000 Puts per run; items_per_second =
//                             articles/s (wall clock); the CPU column is the
//                             writer's CPU time per Put, which a busy machine
//                             distorts least.
//   Search/<stored>/<query>   Store::Search (20 hits, snippets) on the fts=1
//                             store: 1, 2 and 4 Chinese characters, an English
//                             word, two English words; us per query.
// The stores are built once, untimed, under $GLEANER_BENCH_DIR (default
// /tmp/gleaner-bench) and reused; each Put run adds its 20 000 articles.
// The 1 000 000-article stores take a while to build (~6 GB of disk each).
//
// Run:  cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release
//       cmake --build build-rel --target store_bench
//       build-rel/bench/store_bench --benchmark_filter='Put/10000/'
//       build-rel/bench/store_bench --benchmark_filter='Put/1000000/1'
//       build-rel/bench/store_bench --benchmark_filter='Search/1000000/'
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string_view>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "../tests/store/corpus.h"
#include "gleaner/dedup.h"
#include "gleaner/store.h"

namespace {

namespace fs = std::filesystem;
using gleaner::Article;
using gleaner::testing::Corpus;
namespace store = gleaner::store;

constexpr int kPutsPerRun = 20000;
constexpr uint64_t kRunIdBase = 1'000'000'000;  // ids of timed articles: never built ones

const Corpus& GetCorpus() {
  static const Corpus corpus(gleaner::testing::FindGroundTruth());
  return corpus;
}

fs::path BenchDir() {
  const char* env = std::getenv("GLEANER_BENCH_DIR");
  fs::path dir = env != nullptr ? env : "/tmp/gleaner-bench";
  fs::create_directories(dir);
  return dir;
}

store::Options WriterOptions(bool fts) {
  store::Options options;
  options.search_index = fts;
  options.batch_rows = 1000;
  return options;
}

// Opens (building as needed) a store holding at least `stored` articles.
std::unique_ptr<store::Store> OpenFilled(int64_t stored, bool fts, std::string* error) {
  fs::path path = BenchDir() / ("store-" + std::to_string(stored) + "-fts" + std::to_string(fts) + ".db");
  auto opened = store::Store::Open(path.string(), WriterOptions(fts));
  if (!opened.ok()) {
    *error = opened.error().message;
    return nullptr;
  }
  std::unique_ptr<store::Store> s = std::move(opened).value();
  int64_t have = 0;
  auto sites = s->Stats();  // index counts: cheap even at a million rows
  if (!sites.ok()) {
    *error = sites.error().message;
    return nullptr;
  }
  for (const store::SiteStats& site : *sites) have += site.articles + site.duplicates;
  for (int64_t id = have; id < stored; ++id) {
    auto put = s->Put(GetCorpus().Make(static_cast<uint64_t>(id)));
    if (!put.ok()) {
      *error = put.error().message;
      return nullptr;
    }
    if ((id + 1) % 100000 == 0) std::fprintf(stderr, "store_bench: built %lld of %lld\n", (long long)id + 1, (long long)stored);
  }
  if (auto committed = s->Commit(); !committed.ok()) {
    *error = committed.error().message;
    return nullptr;
  }
  return s;
}

void BM_Sign(benchmark::State& state) {
  bool english = state.range(0) == 1;
  std::string body = GetCorpus().Body(english ? 1 : 2);
  for (auto _ : state) {
    auto signature = gleaner::dedup::Sign(body);
    benchmark::DoNotOptimize(signature);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
  state.SetLabel(english ? "en" : "zh");
}
BENCHMARK(BM_Sign)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Article `k` of a stream in one language (0 mixed, 1 Chinese, 2 English),
// with the corpus's reprint pattern inside the stream.
Article MakeInLanguage(uint64_t k, int lang) {
  if (lang == 0) return GetCorpus().Make(k);
  uint64_t parity = lang == 2 ? 1 : 0;
  Article a = GetCorpus().Make(2 * k + parity);  // a URL of its own
  uint64_t content = k;
  std::string prefix;
  if (k >= 20 && k % 20 == 0) content = k - 13;  // exact reprint
  if (k >= 20 && k % 20 == 10) {
    content = k - 7;
    prefix = "(Reuters) ";
  }
  content = 2 * content + parity;
  a.title = "Article " + std::to_string(content);
  a.body = prefix + GetCorpus().Body(content);
  a.lang = lang == 2 ? "en" : "zh";
  return a;
}

void BM_Put(benchmark::State& state) {
  int64_t stored = state.range(0);
  bool fts = state.range(1) == 1;
  int lang = static_cast<int>(state.range(2));
  std::string error;
  std::unique_ptr<store::Store> s = OpenFilled(stored, fts, &error);
  if (!s) {
    state.SkipWithError(error.c_str());
    return;
  }
  // Each run continues after the previous runs' ids, so every Put is new.
  // Articles are made before the clock starts: only the store is timed.
  static uint64_t next_id = kRunIdBase + static_cast<uint64_t>(std::time(nullptr) % 100000) * 100000;
  std::vector<Article> articles;
  articles.reserve(kPutsPerRun);
  for (int i = 0; i < kPutsPerRun; ++i) articles.push_back(MakeInLanguage(next_id++, lang));
  int64_t kinds[4] = {};
  size_t next = 0;
  for (auto _ : state) {
    auto put = s->Put(articles[next++ % articles.size()]);
    if (!put.ok()) {
      state.SkipWithError(put.error().message.c_str());
      break;
    }
    ++kinds[static_cast<int>(put->kind)];
  }
  if (auto committed = s->Commit(); !committed.ok()) state.SkipWithError(committed.error().message.c_str());
  state.SetItemsProcessed(state.iterations());
  state.counters["new"] = static_cast<double>(kinds[0]);
  state.counters["dups"] = static_cast<double>(kinds[3]);
  state.counters["us_per_put"] = benchmark::Counter(
      static_cast<double>(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  const char* langs[] = {"mixed", "zh", "en"};
  state.SetLabel(std::string(fts ? "search index" : "no search index") + ", " + langs[lang] + ", " +
                 std::to_string(stored) + " stored");
}
BENCHMARK(BM_Put)
    ->Args({10000, 1, 0})
    ->Args({10000, 1, 1})
    ->Args({10000, 1, 2})
    ->Args({10000, 0, 0})
    ->Args({1000000, 0, 0})
    ->Args({1000000, 1, 0})
    ->Args({1000000, 1, 1})
    ->Args({1000000, 1, 2})
    ->Iterations(kPutsPerRun)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

constexpr std::string_view kQueries[] = {"安", "会议", "经济发展", "government", "climate change"};

void BM_Search(benchmark::State& state) {
  int64_t stored = state.range(0);
  std::string_view query = kQueries[state.range(1)];
  std::string error;
  std::unique_ptr<store::Store> s = OpenFilled(stored, /*fts=*/true, &error);
  if (!s) {
    state.SkipWithError(error.c_str());
    return;
  }
  store::SearchOptions options;  // 20 hits with snippets, as `gleaner search`
  int64_t hits = 0;
  for (auto _ : state) {
    auto found = s->Search(query, options);
    if (!found.ok()) {
      state.SkipWithError(found.error().message.c_str());
      break;
    }
    hits = static_cast<int64_t>(found->hits.size());
  }
  state.counters["hits"] = static_cast<double>(hits);
  state.SetLabel(std::string(query) + ", " + std::to_string(stored) + " stored");
}
BENCHMARK(BM_Search)
    ->ArgsProduct({{10000, 1000000}, {0, 1, 2, 3, 4}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

int AddContext() {
  benchmark::AddCustomContext("compiler", __VERSION__);
#if defined(__OPTIMIZE__) && defined(NDEBUG)
  benchmark::AddCustomContext("build", "optimised, NDEBUG");
#else
  benchmark::AddCustomContext("WARNING", "optimisation off or assertions on: numbers are not representative");
#endif
  benchmark::AddCustomContext("english_corpus", GetCorpus().has_english() ? "scrapinghub ground truth"
                                                                          : "MISSING (Chinese only)");
  benchmark::AddCustomContext("bench_dir", BenchDir().string());
  return 0;
}
const int kContext = AddContext();

}  // namespace
