// robots_bench: cost of parsing robots.txt once per host and of the
// Allowed() check made before every request.
// Cases:
//   BM_ParsePortalSim       portal-sim's file (~300 bytes, 10 rules)
//   BM_ParseMaxSize         a 10 MB file: only the first kMaxRobotsBytes (~28k rules) is parsed
//   BM_AllowedPortalSim     one article path against portal-sim's rules
//   BM_AllowedManyRules     a path no rule matches, against 25k literal rules
//   BM_AllowedManyWildcards a path against 2k "/*x<i>*.php$" rules
//   BM_AllowedPathological  "/*a*a*a*a*a*a*a*b" and a 5000-byte run vs a 20000-byte path
// Run: cmake --build build --target robots_bench && build/bench/robots_bench
// Numbers are only meaningful in a Release/RelWithDebInfo build.
#include <benchmark/benchmark.h>

#include <string>

#include "gleaner/robots.h"

namespace {

using gleaner::robots::Robots;

std::string PortalSimRobots() {
  std::string text = "# portal-sim robots.txt\nUser-agent: BadBot\nDisallow: /\n\nUser-agent: *\n";
  for (int s = 1; s <= 5; ++s) {
    text += "Disallow: /s" + std::to_string(s) + "/print/\nDisallow: /s" + std::to_string(s) + "/admin/\n";
  }
  return text + "Crawl-delay: 1\n\nSitemap: http://127.0.0.1:8765/sitemap_index.xml\n";
}

std::string ManyRules(int count) {
  std::string text = "User-agent: *\n";
  for (int i = 0; i < count; ++i) text += "Disallow: /d" + std::to_string(i) + "/\n";
  return text;
}

void BM_ParsePortalSim(benchmark::State& state) {
  const std::string text = PortalSimRobots();
  for (auto _ : state) benchmark::DoNotOptimize(Robots::Parse(text, "gleaner"));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParsePortalSim);

void BM_ParseMaxSize(benchmark::State& state) {
  std::string text = ManyRules(30000);
  while (text.size() < (10u << 20)) text += "Disallow: /beyond/\n";
  for (auto _ : state) benchmark::DoNotOptimize(Robots::Parse(text, "gleaner"));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(gleaner::robots::kMaxRobotsBytes));
}
BENCHMARK(BM_ParseMaxSize)->Unit(benchmark::kMillisecond);

void BM_AllowedPortalSim(benchmark::State& state) {
  const Robots robots = Robots::Parse(PortalSimRobots(), "gleaner");
  for (auto _ : state) benchmark::DoNotOptimize(robots.Allowed("/s3/html/2025/03/14/12345.htm?page=2"));
}
BENCHMARK(BM_AllowedPortalSim);

void BM_AllowedManyRules(benchmark::State& state) {
  const Robots robots = Robots::Parse(ManyRules(25000), "gleaner");
  for (auto _ : state) benchmark::DoNotOptimize(robots.Allowed("/news/2025/03/14/article.html"));
}
BENCHMARK(BM_AllowedManyRules)->Unit(benchmark::kMicrosecond);

void BM_AllowedManyWildcards(benchmark::State& state) {
  std::string text = "User-agent: *\n";
  for (int i = 0; i < 2000; ++i) text += "Disallow: /*x" + std::to_string(i) + "*.php$\n";
  const Robots robots = Robots::Parse(text, "gleaner");
  for (auto _ : state) benchmark::DoNotOptimize(robots.Allowed("/news/2025/03/14/article.html"));
}
BENCHMARK(BM_AllowedManyWildcards)->Unit(benchmark::kMicrosecond);

void BM_AllowedPathological(benchmark::State& state) {
  const Robots robots = Robots::Parse(
      "User-agent: *\nDisallow: /*a*a*a*a*a*a*a*b\nDisallow: /*" + std::string(5000, 'a') + "b$\n", "gleaner");
  const std::string path = "/" + std::string(20000, 'a');
  for (auto _ : state) benchmark::DoNotOptimize(robots.Allowed(path));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(path.size()));
}
BENCHMARK(BM_AllowedPathological)->Unit(benchmark::kMicrosecond);

}  // namespace
