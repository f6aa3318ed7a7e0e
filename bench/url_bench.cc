// url_bench: cost of the url calls made for every link of every page.
// Cases:
//   BM_ResolveRelative     "../../15/a.shtml" against an article URL (the common href)
//   BM_ResolveAbsolute     an absolute http URL (the other common href)
//   BM_ResolveFragment     "#comments" (same-document links, handled without curl's merge)
//   BM_ResolveMessy        spaces, newline, UTF-8 path, backslash
//   BM_Canonicalize        tracking parameters, index file, mixed case host
//   BM_SiteOf              "news.example.com.cn"
// Run: cmake --build build --target url_bench && build/bench/url_bench
// Numbers are only meaningful in a Release/RelWithDebInfo build.
#include <benchmark/benchmark.h>

#include "gleaner/url.h"

namespace {

constexpr const char* kBase = "https://news.example.com.cn/world/2025/03/14/article_12345.shtml?from=rss";

void BM_ResolveRelative(benchmark::State& state) {
  for (auto _ : state) {
    auto got = gleaner::url::Resolve(kBase, "../../15/article_67890.shtml");
    benchmark::DoNotOptimize(got);
  }
}
BENCHMARK(BM_ResolveRelative);

void BM_ResolveAbsolute(benchmark::State& state) {
  for (auto _ : state) {
    auto got = gleaner::url::Resolve(kBase, "https://news.example.com.cn/china/2025/03/14/b_1.shtml");
    benchmark::DoNotOptimize(got);
  }
}
BENCHMARK(BM_ResolveAbsolute);

void BM_ResolveFragment(benchmark::State& state) {
  for (auto _ : state) {
    auto got = gleaner::url::Resolve(kBase, "#comments");
    benchmark::DoNotOptimize(got);
  }
}
BENCHMARK(BM_ResolveFragment);

void BM_ResolveMessy(benchmark::State& state) {
  for (auto _ : state) {
    auto got = gleaner::url::Resolve(kBase, "  ..\\专题/中国 新闻.html\n");
    benchmark::DoNotOptimize(got);
  }
}
BENCHMARK(BM_ResolveMessy);

void BM_Canonicalize(benchmark::State& state) {
  for (auto _ : state) {
    auto got = gleaner::url::Canonicalize(
        "HTTP://News.Example.com.cn:80/world/index.shtml?utm_source=wx&id=5&spm=a.b#top");
    benchmark::DoNotOptimize(got);
  }
}
BENCHMARK(BM_Canonicalize);

void BM_SiteOf(benchmark::State& state) {
  for (auto _ : state) {
    auto got = gleaner::url::SiteOf("news.example.com.cn");
    benchmark::DoNotOptimize(got);
  }
}
BENCHMARK(BM_SiteOf);

}  // namespace
