// limits_test: a 1 GiB gzip bomb (Content-Encoding: gzip, ~1 MB on the
// wire) against the default decoded-body cap, for FetchOne and the Fetcher.
// The cap's boundaries (limit-1/limit/limit+1 per framing) and a 50 MB
// bomb with a small cap are in body_cap_test.cc and fetcher_test.cc.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/fetch.h"
#include "support/http_server.h"

namespace gleaner::fetch {
namespace {

using ::gleaner::testing::HttpResponse;
using ::gleaner::testing::HttpServer;

constexpr size_t kMiB = size_t{1} << 20;

// Runs deflate on `in` with `flush` until zlib has nothing more to say.
std::string Deflate(z_stream* zs, std::string_view in, int flush) {
  std::string out;
  char buf[16 * 1024];
  zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs->avail_in = static_cast<uInt>(in.size());
  do {
    zs->next_out = reinterpret_cast<Bytef*>(buf);
    zs->avail_out = sizeof buf;
    EXPECT_NE(deflate(zs, flush), Z_STREAM_ERROR);
    out.append(buf, sizeof buf - zs->avail_out);
  } while (zs->avail_out == 0);
  return out;
}

void AppendLe32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// The gzip of `mib` MiB of zeros (~1 KB per MiB), made by zlib without ever
// holding the zeros: one 1 MiB block is deflated with Z_FULL_FLUSH, which
// empties the window, so every later block deflates to the same bytes.
// Those bytes are repeated and the trailer's CRC-32 is crc32_combine'd.
// (tests/pipeline/limits_test.cc checks that the result inflates exactly.)
std::string ZeroGzipBomb(size_t mib) {
  const std::string block(kMiB, '\0');
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string bomb = Deflate(&zs, block, Z_FULL_FLUSH);  // gzip header + block 1
  const std::string repeat = Deflate(&zs, block, Z_FULL_FLUSH);
  EXPECT_EQ(Deflate(&zs, block, Z_FULL_FLUSH), repeat);  // the premise of the trick
  std::string tail = Deflate(&zs, {}, Z_FINISH);         // last block + trailer for 3 MiB
  deflateEnd(&zs);
  tail.resize(tail.size() - 8);
  const uLong block_crc = crc32(0, reinterpret_cast<const Bytef*>(block.data()), kMiB);
  uLong crc = block_crc;
  for (size_t i = 1; i < mib; ++i) {
    bomb += repeat;
    crc = crc32_combine(crc, block_crc, static_cast<z_off_t>(kMiB));
  }
  bomb += tail;
  AppendLe32(&bomb, static_cast<uint32_t>(crc));
  AppendLe32(&bomb, static_cast<uint32_t>(mib * kMiB));  // ISIZE is the size mod 2^32
  return bomb;
}

Options LoopbackOptions() {
  Options options;  // the default 10 MB body cap
  options.connect_timeout_ms = 2000;
  options.total_timeout_ms = 8000;
  return options;
}

void ExpectStoppedAtTheCap(const Result<Response>& got) {
  ASSERT_FALSE(got.ok()) << "a 1 GiB body was accepted";
  EXPECT_EQ(got.error().code, Code::kTooLarge) << got.error().message;
  const std::string cap = std::to_string(Options().max_body_bytes);
  EXPECT_NE(got.error().message.find(cap), std::string::npos) << got.error().message;
}

class GigabyteBombTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string bomb = ZeroGzipBomb(1024);
    ASSERT_LT(bomb.size(), 2 * kMiB);
    HttpResponse response = HttpResponse::Ok(std::move(bomb), "text/html; charset=utf-8");
    response.WithHeader("Content-Encoding", "gzip");  // already compressed: sent as is
    server_.Serve("/bomb.html", response);
  }
  HttpServer server_;
};

TEST_F(GigabyteBombTest, FetchOneStopsAtTheDefaultCap) {
  Request request;
  request.url = server_.Url("/bomb.html");
  ExpectStoppedAtTheCap(FetchOne(request, LoopbackOptions()));
}

TEST_F(GigabyteBombTest, FetcherStopsAtTheDefaultCap) {
  Fetcher fetcher(LoopbackOptions());
  Request request;
  request.url = server_.Url("/bomb.html");
  fetcher.Submit(request, 7);
  std::vector<Completion> done;
  // Bounded: the transfer's own 8 s total timeout ends it in any case.
  for (int polls = 0; done.empty() && polls < 100; ++polls) {
    done = fetcher.Poll(std::chrono::milliseconds(200));
  }
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].tag, 7u);
  ExpectStoppedAtTheCap(done[0].result);
}

}  // namespace
}  // namespace gleaner::fetch
