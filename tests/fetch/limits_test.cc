// limits_test: a 1 GiB gzip bomb (Content-Encoding: gzip, ~1 MB on the
// wire) against the default decoded-body cap, for FetchOne and the Fetcher.
// The cap's boundaries (limit-1/limit/limit+1 per framing) and a 50 MB
// bomb with a small cap are in body_cap_test.cc and fetcher_test.cc.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/fetch.h"
#include "support/http_server.h"
#include "support/test_util.h"

namespace gleaner::fetch {
namespace {

using ::gleaner::testing::HttpResponse;
using ::gleaner::testing::HttpServer;
using ::gleaner::testing::ZeroGzipBomb;

constexpr size_t kMiB = size_t{1} << 20;

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
