// extract_corpus: one-core throughput and predictions over a folder of pages.
//
//   extract_corpus [--repeat N] [--predictions OUT.json] [--gumbo-baseline]
//                  [--urls TRUTH.json] DIR
//
// Cases:
//   1. decode + parse + extract every page of DIR (*.html, *.html.gz; gunzip
//      happens before timing), one thread, N rounds; prints the median
//      round's pages/s and MB/s (uncompressed HTML bytes) and the share of
//      time per stage (charset, html parse, extract).
//   2. --gumbo-baseline: also times html::Document::Parse with the pre-scan
//      off (plain Gumbo on whole pages plus our copy), the reference the
//      project measures itself against.
//   3. --predictions: writes {key: {"articleBody": ...}} for
//      ../shared/bench/score.py (key = file name up to its first dot).
//
//   4. --urls: a JSON object {key: {"url": ...}} (the benchmark's
//      ground-truth.json) gives each page its address, as a user running
//      `gleaner extract --url` would.
//
// Output starts with the build facts (compiler, build type) and a WARNING
// when optimisation is off or assertions are on, as in leveldb's db_bench.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gleaner/article.h"
#include "gleaner/charset.h"
#include "gleaner/extract.h"
#include "gleaner/html.h"
#include "gleaner/pipeline.h"
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using gleaner::Article;

struct Page {
  std::string key;
  std::string bytes;
  std::string url;
};

void AttachUrls(const std::string& path, std::vector<Page>* pages) {
  std::ifstream in(path);
  nlohmann::json truth = nlohmann::json::parse(in, nullptr, false);
  if (truth.is_discarded()) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return;
  }
  for (Page& page : *pages) {
    auto it = truth.find(page.key);
    if (it != truth.end() && it->contains("url")) page.url = (*it)["url"].get<std::string>();
  }
}

std::vector<Page> LoadPages(const fs::path& dir) {
  std::vector<Page> pages;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".html") || name.ends_with(".html.gz") || name.ends_with(".htm")) {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string bytes = buffer.str();
    if (gleaner::pipeline::IsGzip(bytes)) {
      std::string plain;
      if (!gleaner::pipeline::Gunzip(bytes, 256u << 20, &plain).ok()) {
        std::fprintf(stderr, "skipping %s: bad gzip\n", path.c_str());
        continue;
      }
      bytes = std::move(plain);
    }
    std::string name = path.filename().string();
    pages.push_back({name.substr(0, name.find('.')), std::move(bytes), ""});
  }
  return pages;
}

void PrintBuildFacts() {
  std::printf("gleaner extract_corpus  compiler: %s\n", __VERSION__);
#if defined(__OPTIMIZE__)
  std::printf("build: optimised\n");
#else
  std::printf("WARNING: optimisation is off; numbers are meaningless\n");
#endif
#ifndef NDEBUG
  std::printf("WARNING: assertions are on\n");
#endif
}

struct RoundTimes {
  double charset_s = 0, parse_s = 0, extract_s = 0;
  double total() const { return charset_s + parse_s + extract_s; }
};

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

RoundTimes RunRound(const std::vector<Page>& pages, std::vector<Article>* out) {
  RoundTimes t;
  gleaner::charset::Decoder decoder;
  for (const Page& page : pages) {
    auto t0 = Clock::now();
    gleaner::charset::DecodedText text = decoder.Decode(page.bytes);
    auto t1 = Clock::now();
    gleaner::html::Document doc = gleaner::html::Document::Parse(text.utf8);
    auto t2 = Clock::now();
    gleaner::extract::Context context;
    context.url = page.url;
    Article article = gleaner::extract::Extract(doc, context);
    auto t3 = Clock::now();
    t.charset_s += Seconds(t0, t1);
    t.parse_s += Seconds(t1, t2);
    t.extract_s += Seconds(t2, t3);
    if (out) out->push_back(std::move(article));
  }
  return t;
}

double PlainParseRound(const std::vector<Page>& pages) {
  gleaner::html::ParseOptions options;
  options.prescan = false;
  auto t0 = Clock::now();
  for (const Page& page : pages) {
    gleaner::html::Document doc = gleaner::html::Document::Parse(page.bytes, options);
    if (doc.size() == 0) std::abort();
  }
  return Seconds(t0, Clock::now());
}

template <class T>
T Median(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void WritePredictions(const std::vector<Page>& pages, const std::vector<Article>& articles,
                      const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  out << "{\n";
  for (size_t i = 0; i < pages.size(); ++i) {
    gleaner::Article only_body;
    only_body.body = articles[i].body;
    gleaner::JsonOptions options;
    options.fields = {"body"};
    std::string json = gleaner::ArticleToJson(only_body, options);  // {"body":"..."}
    out << "\"" << pages[i].key << "\": {\"articleBody\"" << json.substr(7, json.size() - 8) << "}"
        << (i + 1 < pages.size() ? ",\n" : "\n");
  }
  out << "}\n";
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 5;
  std::string predictions;
  bool gumbo_baseline = false;
  std::string dir;
  std::string urls;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--predictions" && i + 1 < argc) predictions = argv[++i];
    else if (arg == "--gumbo-baseline") gumbo_baseline = true;
    else if (arg == "--urls" && i + 1 < argc) urls = argv[++i];
    else dir = arg;
  }
  if (dir.empty()) {
    std::fprintf(stderr, "usage: extract_corpus [--repeat N] [--predictions OUT.json] [--gumbo-baseline] DIR\n");
    return 2;
  }
  PrintBuildFacts();
  std::vector<Page> pages = LoadPages(dir);
  if (!urls.empty()) AttachUrls(urls, &pages);
  double mb = 0;
  for (const Page& p : pages) mb += p.bytes.size() / 1e6;
  std::printf("corpus: %zu pages, %.1f MB of HTML, %d rounds, one thread\n", pages.size(), mb, repeat);

  std::vector<Article> articles;
  RunRound(pages, &articles);  // warm-up; also the predictions
  if (!predictions.empty()) WritePredictions(pages, articles, predictions);

  std::vector<RoundTimes> rounds;
  for (int r = 0; r < repeat; ++r) rounds.push_back(RunRound(pages, nullptr));
  std::sort(rounds.begin(), rounds.end(), [](const RoundTimes& a, const RoundTimes& b) { return a.total() < b.total(); });
  const RoundTimes& m = rounds[rounds.size() / 2];
  std::printf("decode+parse+extract: %.1f pages/s  %.1f MB/s  (median of %d; best %.1f pages/s)\n",
              pages.size() / m.total(), mb / m.total(), repeat, pages.size() / rounds.front().total());
  std::printf("  time: charset %.0f%%  parse %.0f%%  extract %.0f%%\n", 100 * m.charset_s / m.total(),
              100 * m.parse_s / m.total(), 100 * m.extract_s / m.total());
  if (gumbo_baseline) {
    std::vector<double> plain;
    for (int r = 0; r < repeat; ++r) plain.push_back(PlainParseRound(pages));
    double t = Median(plain);
    std::printf("parse without pre-scan (Gumbo on whole pages + copy): %.1f pages/s  %.1f MB/s\n",
                pages.size() / t, mb / t);
    std::printf("ratio full pipeline / plain parse: %.2fx\n", t / m.total());
  }
  return 0;
}
