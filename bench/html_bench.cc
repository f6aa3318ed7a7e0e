// html_bench: parse speed over the Scrapinghub pages, one core.
//
// Cases (each iteration goes over all pages; pages/s and bytes/s are of the
// original, whole pages so the rows compare directly):
//   GumboPlain            gumbo_parse + gumbo_destroy_output, whole pages:
//                         the baseline the project targets 2x of
//   Prescan               the pre-scan alone
//   GumboOnPrescanned     Gumbo (arena, no error list) on pre-scanned pages
//   DocumentParse         Document::Parse: pre-scan + Gumbo + copy
//   DocumentParseNoPrescan  the same without the pre-scan
//   TextContentBody       Document::TextContent(body) on parsed pages
//   SelectAll             a typical rules-file selector on parsed pages
// The copy into our arrays costs DocumentParse - Prescan - GumboOnPrescanned.
//
// Pages: $GLEANER_CORPUS_DIR, else ../shared/bench/scrapinghub/html next to
// the checkout (*.html.gz, gunzipped with zlib once at start).
//
// Run:  cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release
//       cmake --build build-rel --target html_bench
//       build-rel/bench/html_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>
#include <gumbo.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "../src/html/html_internal.h"
#include "gleaner/html.h"

namespace {

namespace fs = std::filesystem;
namespace html = gleaner::html;

struct GzClose {
  void operator()(gzFile f) const noexcept { gzclose(f); }
};

std::string Gunzip(const fs::path& path) {
  std::unique_ptr<gzFile_s, GzClose> f(gzopen(path.c_str(), "rb"));
  std::string out;
  if (!f) return out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f.get(), buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

fs::path CorpusDir() {
  if (const char* env = std::getenv("GLEANER_CORPUS_DIR")) return env;
  // bench/html_bench.cc -> <checkout>/../shared/...
  return fs::path(__FILE__).parent_path().parent_path().parent_path() / "shared" / "bench" /
         "scrapinghub" / "html";
}

struct Corpus {
  std::vector<std::string> pages;
  size_t bytes = 0;
};

const Corpus& GetCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(CorpusDir(), ec)) {
      if (e.path().string().ends_with(".html.gz")) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      c.pages.push_back(Gunzip(f));
      c.bytes += c.pages.back().size();
    }
    if (c.pages.empty()) std::fprintf(stderr, "html_bench: no pages in %s\n", CorpusDir().c_str());
    return c;
  }();
  return corpus;
}

const std::vector<html::internal::PrescanOutput>& Prescanned() {
  static const std::vector<html::internal::PrescanOutput> out = [] {
    std::vector<html::internal::PrescanOutput> v(GetCorpus().pages.size());
    for (size_t i = 0; i < v.size(); ++i) {
      html::internal::Prescan(GetCorpus().pages[i], {}, &v[i]);
    }
    return v;
  }();
  return out;
}

const std::vector<html::Document>& Parsed() {
  static const std::vector<html::Document> docs = [] {
    std::vector<html::Document> v;
    for (const std::string& p : GetCorpus().pages) v.push_back(html::Document::Parse(p));
    return v;
  }();
  return docs;
}

void Count(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * c.pages.size()), benchmark::Counter::kIsRate);
}

void BM_GumboPlain(benchmark::State& state) {
  for (auto _ : state) {
    for (const std::string& p : GetCorpus().pages) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, p.data(), p.size());
      benchmark::DoNotOptimize(out);
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
  }
  Count(state);
}
BENCHMARK(BM_GumboPlain)->Unit(benchmark::kMillisecond);

void BM_Prescan(benchmark::State& state) {
  html::internal::PrescanOutput out;
  for (auto _ : state) {
    for (const std::string& p : GetCorpus().pages) {
      html::internal::Prescan(p, {}, &out);
      benchmark::DoNotOptimize(out.html.data());
    }
  }
  Count(state);
  size_t kept = 0;
  for (const auto& p : Prescanned()) kept += p.html.size();
  state.counters["kept_%"] = 100.0 * static_cast<double>(kept) / static_cast<double>(GetCorpus().bytes);
}
BENCHMARK(BM_Prescan)->Unit(benchmark::kMillisecond);

void BM_GumboOnPrescanned(benchmark::State& state) {
  const auto& pre = Prescanned();
  html::internal::GumboParser parser;
  for (auto _ : state) {
    for (const auto& p : pre) {
      auto run = parser.Parse(p.html, html::internal::GumboBudget(p.html.size()));
      benchmark::DoNotOptimize(run.output);
    }
  }
  Count(state);
}
BENCHMARK(BM_GumboOnPrescanned)->Unit(benchmark::kMillisecond);

void BM_DocumentParse(benchmark::State& state) {
  size_t nodes = 0;
  for (auto _ : state) {
    for (const std::string& p : GetCorpus().pages) {
      html::Document doc = html::Document::Parse(p);
      nodes += doc.size();
    }
  }
  Count(state);
  state.counters["nodes/page"] = static_cast<double>(nodes) /
                                 static_cast<double>(state.iterations() * GetCorpus().pages.size());
}
BENCHMARK(BM_DocumentParse)->Unit(benchmark::kMillisecond);

void BM_DocumentParseNoPrescan(benchmark::State& state) {
  html::ParseOptions options;
  options.prescan = false;
  for (auto _ : state) {
    for (const std::string& p : GetCorpus().pages) {
      html::Document doc = html::Document::Parse(p, options);
      benchmark::DoNotOptimize(doc.size());
    }
  }
  Count(state);
}
BENCHMARK(BM_DocumentParseNoPrescan)->Unit(benchmark::kMillisecond);

void BM_TextContentBody(benchmark::State& state) {
  const auto& docs = Parsed();
  for (auto _ : state) {
    for (const html::Document& d : docs) {
      if (d.body() != html::kNoNode) benchmark::DoNotOptimize(d.TextContent(d.body()));
    }
  }
  Count(state);
}
BENCHMARK(BM_TextContentBody)->Unit(benchmark::kMillisecond);

void BM_SelectAll(benchmark::State& state) {
  const auto& docs = Parsed();
  auto sel = html::Selector::Parse("div.content p, article > p:not(.meta), [itemprop=articleBody] a[href]");
  if (!sel.ok()) {
    state.SkipWithError(sel.error().message.c_str());
    return;
  }
  size_t hits = 0;
  for (auto _ : state) {
    for (const html::Document& d : docs) hits += sel->SelectAll(d).size();
  }
  Count(state);
  benchmark::DoNotOptimize(hits);
}
BENCHMARK(BM_SelectAll)->Unit(benchmark::kMillisecond);

// Context lines first, as STYLE.md 2.8 asks; Google Benchmark adds date/CPU.
int AddContext() {
  std::string commit = "unknown";
  std::string cmd = "git -C " + fs::path(__FILE__).parent_path().string() +
                    " rev-parse --short HEAD 2>/dev/null";
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[64] = {};
    if (std::fgets(buf, sizeof buf, p) != nullptr) {
      commit = buf;
      while (!commit.empty() && (commit.back() == '\n' || commit.back() == '\r')) commit.pop_back();
    }
    pclose(p);
  }
  benchmark::AddCustomContext("commit", commit);
  benchmark::AddCustomContext("compiler", __VERSION__);
#if defined(__OPTIMIZE__) && defined(NDEBUG)
  benchmark::AddCustomContext("build", "optimised, NDEBUG");
#else
  benchmark::AddCustomContext("WARNING", "optimisation off or assertions on: numbers are not representative");
#endif
  benchmark::AddCustomContext("pages", std::to_string(GetCorpus().pages.size()));
  benchmark::AddCustomContext("corpus_MB", std::to_string(static_cast<double>(GetCorpus().bytes) / 1e6));
  return 0;
}
const int kContext = AddContext();

}  // namespace
