// Focus: Options::max_body_bytes on the decoded body, at limit-1, limit and
// limit+1, however the body is framed or compressed, and a gzip bomb.
#include <gtest/gtest.h>

#include <string>

#include "gleaner/fetch.h"
#include "support/http_server.h"

namespace gleaner::fetch {
namespace {

using ::gleaner::testing::HttpResponse;
using ::gleaner::testing::HttpServer;

constexpr int64_t kCap = 1000;

Options CapOptions(int64_t cap) {
  Options options;
  options.max_body_bytes = cap;
  options.connect_timeout_ms = 2000;
  options.total_timeout_ms = 4000;
  return options;
}

Result<Response> Get(const std::string& url, const Options& options) {
  Request request;
  request.url = url;
  return FetchOne(request, options);
}

enum class Framing { kContentLength, kNoLength, kChunked, kGzip, kGzipChunked };

HttpResponse Body(size_t size, Framing framing) {
  HttpResponse response = HttpResponse::Ok(std::string(size, 'z'));
  switch (framing) {
    case Framing::kContentLength: break;
    case Framing::kNoLength: response.no_length = true; break;
    case Framing::kChunked: response.chunked = true; response.piece_bytes = 300; break;
    case Framing::kGzip: response.encoding = HttpResponse::Encoding::kGzip; break;
    case Framing::kGzipChunked:
      response.encoding = HttpResponse::Encoding::kGzip;
      response.chunked = true;
      break;
  }
  return response;
}

class BodyCapTest : public ::testing::TestWithParam<Framing> {};

TEST_P(BodyCapTest, AtMinusOneLimitAndPlusOne) {
  HttpServer server;
  for (int64_t size : {kCap - 1, kCap, kCap + 1}) {
    std::string path = "/body/" + std::to_string(size);
    server.Serve(path, Body(static_cast<size_t>(size), GetParam()));
    auto got = Get(server.Url(path), CapOptions(kCap));
    if (size <= kCap) {
      ASSERT_TRUE(got.ok()) << size << ": " << got.error().message;
      EXPECT_EQ(static_cast<int64_t>(got->body.size()), size);
    } else {
      ASSERT_FALSE(got.ok()) << size << " bytes accepted";
      EXPECT_EQ(got.error().code, Code::kTooLarge) << got.error().message;
      EXPECT_NE(got.error().message.find("1000 bytes"), std::string::npos) << got.error().message;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Framings, BodyCapTest,
                         ::testing::Values(Framing::kContentLength, Framing::kNoLength,
                                           Framing::kChunked, Framing::kGzip,
                                           Framing::kGzipChunked),
                         [](const auto& info) {
                           switch (info.param) {
                             case Framing::kContentLength: return "ContentLength";
                             case Framing::kNoLength: return "NoLength";
                             case Framing::kChunked: return "Chunked";
                             case Framing::kGzip: return "Gzip";
                             case Framing::kGzipChunked: return "GzipChunked";
                           }
                           return "Unknown";
                         });

TEST(BodyCapTest, GzipBombStopsAtTheCap) {
  HttpServer server;
  // 50 MB of zeros, ~50 KB on the wire.
  HttpResponse bomb = HttpResponse::Ok(testing::GzipRepeated('\0', 50u << 20), "text/html");
  bomb.WithHeader("Content-Encoding", "gzip");
  server.Serve("/bomb", bomb);
  auto got = Get(server.Url("/bomb"), CapOptions(1 << 20));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Code::kTooLarge);
  EXPECT_NE(got.error().message.find("1048576 bytes"), std::string::npos) << got.error().message;
}

TEST(BodyCapTest, DeclaredLengthOverTheCapFailsBeforeTheBody) {
  HttpServer server;
  // The body would take minutes to trickle in; the declared length alone
  // must decide, so this is kTooLarge and not kTimeout.
  HttpResponse slow = HttpResponse::Ok(std::string(kCap + 1, 'a'));
  slow.piece_bytes = 1;
  slow.delay_between_pieces_ms = 1000;
  server.Serve("/slow-big", slow);
  auto got = Get(server.Url("/slow-big"), CapOptions(kCap));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Code::kTooLarge) << got.error().message;
}

TEST(BodyCapTest, CapAppliesToErrorPagesToo) {
  HttpServer server;
  server.Serve("/big-404", HttpResponse::Status(404, std::string(kCap + 1, 'e')));
  auto got = Get(server.Url("/big-404"), CapOptions(kCap));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Code::kTooLarge);
}

}  // namespace
}  // namespace gleaner::fetch
