// charset_bench: Decoder::Decode throughput (bytes/s of input) on ~100 KB
// news pages built in-process: generated UTF-8 text converted with iconv.
//
// Cases:
//   Utf8/http           UTF-8 page, Content-Type says utf-8 (validate + copy)
//   Utf8/meta           UTF-8 page, only <meta charset=utf-8> (prescan first)
//   Utf8/undeclared     UTF-8 page, nothing declared
//   Gbk/meta            GBK page, <meta charset=gb2312> (iconv GB18030)
//   Gb18030/meta        GB18030 page with 4-byte characters
//   Big5/meta           Big5 page, <meta charset=big5> (iconv BIG5-HKSCS)
//   Gbk/undeclared      GBK page, nothing declared (uchardet + trial decodes)
//   Big5/undeclared     Big5 page, nothing declared
//   Gbk/http-lies-utf8  GBK page, Content-Type says utf-8 (failed trial first)
//   Latin1/http         windows-1252 page, Content-Type says iso-8859-1
//   Latin1/undeclared   windows-1252 page, nothing declared (uchardet)
//   ShiftJis/undeclared Shift_JIS page, nothing declared (uchardet)
//   Random/undeclared   100 KB of random bytes (worst case)
//   IsValidUtf8         the validator alone
//
// Reproduce (from the top of the checkout):
//   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release && cmake --build build-rel
//     --target charset_bench && build-rel/bench/charset_bench
#include <benchmark/benchmark.h>

#include <string>

#include "../tests/charset/test_pages.h"
#include "gleaner/charset.h"

namespace gleaner::charset {
namespace {

using testing::Encode;

constexpr size_t kPageBytes = 100 * 1024;

// ~100 KB of UTF-8: a long <head> with script and style (ASCII, as on real
// portals), then paragraphs of `text` repeated.
std::string MakePage(std::string_view meta, std::string_view text) {
  std::string page = "<!DOCTYPE html><html><head>";
  page += meta;
  page += "<script>var _hmt = _hmt || []; (function() { var hm = document.createElement('script');"
          " hm.src = 'https://stats.example.cn/hm.js?1234567890abcdef'; })();</script>\n"
          "<style>.nav a { color: #333; margin: 0 4px; } .article p { line-height: 1.8; }</style>\n"
          "</head><body><div class=\"article\">\n";
  while (page.size() < kPageBytes) {
    page += "<p>";
    page += text;
    page += "</p>\n<div class=\"ad\"><a href=\"/ad/123.html\">ad</a></div>\n";
  }
  page += "</div></body></html>\n";
  return page;
}

std::string SimplifiedText() {
  return std::string(testing::kSimplifiedNews) + std::string(testing::kGbkOnlyNews);
}

void Run(benchmark::State& state, const std::string& bytes, Hints hints) {
  Decoder decoder;
  int64_t replacements = 0;
  for (auto _ : state) {
    DecodedText d = decoder.Decode(bytes, hints);
    replacements = d.replacements;
    benchmark::DoNotOptimize(d.utf8.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.counters["replacements"] = static_cast<double>(replacements);
}

void BM_Utf8Http(benchmark::State& state) {
  Run(state, MakePage("", SimplifiedText()), {.http_charset = "utf-8"});
}
void BM_Utf8Meta(benchmark::State& state) {
  Run(state, MakePage("<meta charset=\"utf-8\">", SimplifiedText()), {});
}
void BM_Utf8Undeclared(benchmark::State& state) {
  Run(state, MakePage("", SimplifiedText()), {});
}
void BM_GbkMeta(benchmark::State& state) {
  Run(state, Encode(MakePage("<meta charset=\"gb2312\">", SimplifiedText()), "GBK"), {});
}
void BM_Gb18030Meta(benchmark::State& state) {
  const std::string text = SimplifiedText() + std::string(testing::kGb18030News);
  Run(state, Encode(MakePage("<meta charset=\"gb18030\">", text), "GB18030"), {});
}
void BM_Big5Meta(benchmark::State& state) {
  Run(state, Encode(MakePage("<meta charset=\"big5\">", testing::kTraditionalNews), "BIG5-HKSCS"),
      {});
}
void BM_GbkUndeclared(benchmark::State& state) {
  Run(state, Encode(MakePage("", SimplifiedText()), "GBK"), {});
}
void BM_Big5Undeclared(benchmark::State& state) {
  Run(state, Encode(MakePage("", testing::kTraditionalNews), "BIG5-HKSCS"), {});
}
void BM_GbkHttpLiesUtf8(benchmark::State& state) {
  Run(state, Encode(MakePage("", SimplifiedText()), "GBK"), {.http_charset = "utf-8"});
}
void BM_Latin1Http(benchmark::State& state) {
  Run(state, Encode(MakePage("", testing::kFrenchNews), "WINDOWS-1252"),
      {.http_charset = "iso-8859-1"});
}
void BM_Latin1Undeclared(benchmark::State& state) {
  Run(state, Encode(MakePage("", testing::kFrenchNews), "WINDOWS-1252"), {});
}
void BM_ShiftJisUndeclared(benchmark::State& state) {
  Run(state, Encode(MakePage("", testing::kJapaneseNews), "CP932"), {});
}
void BM_RandomUndeclared(benchmark::State& state) {
  std::string bytes(kPageBytes, '\0');
  uint32_t x = 1;
  for (char& c : bytes) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  Run(state, bytes, {});
}
void BM_IsValidUtf8(benchmark::State& state) {
  const std::string page = MakePage("", SimplifiedText());
  for (auto _ : state) benchmark::DoNotOptimize(IsValidUtf8(page));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page.size()));
}

BENCHMARK(BM_Utf8Http)->Name("Utf8/http");
BENCHMARK(BM_Utf8Meta)->Name("Utf8/meta");
BENCHMARK(BM_Utf8Undeclared)->Name("Utf8/undeclared");
BENCHMARK(BM_GbkMeta)->Name("Gbk/meta");
BENCHMARK(BM_Gb18030Meta)->Name("Gb18030/meta");
BENCHMARK(BM_Big5Meta)->Name("Big5/meta");
BENCHMARK(BM_GbkUndeclared)->Name("Gbk/undeclared");
BENCHMARK(BM_Big5Undeclared)->Name("Big5/undeclared");
BENCHMARK(BM_GbkHttpLiesUtf8)->Name("Gbk/http-lies-utf8");
BENCHMARK(BM_Latin1Http)->Name("Latin1/http");
BENCHMARK(BM_Latin1Undeclared)->Name("Latin1/undeclared");
BENCHMARK(BM_ShiftJisUndeclared)->Name("ShiftJis/undeclared");
BENCHMARK(BM_RandomUndeclared)->Name("Random/undeclared");
BENCHMARK(BM_IsValidUtf8)->Name("IsValidUtf8");

// Build facts at the top of the output, as db_bench prints them.
const bool kContextAdded = [] {
  benchmark::AddCustomContext("compiler", __VERSION__);
#if defined(__OPTIMIZE__)
  benchmark::AddCustomContext("optimized", "yes");
#else
  benchmark::AddCustomContext("WARNING", "optimization is off; numbers are not meaningful");
#endif
#if !defined(NDEBUG)
  benchmark::AddCustomContext("WARNING_asserts", "assertions are on");
#endif
  return true;
}();

}  // namespace
}  // namespace gleaner::charset
