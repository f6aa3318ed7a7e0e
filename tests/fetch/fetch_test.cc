// Focus: FetchOne against the loopback server: bodies, compression,
// redirects and their limits, the body cap, timeouts, network failures and
// conditional GET. No timing assertions; every wait is bounded by a timeout
// far below the test's own run time.
#include "gleaner/fetch.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <string>

#include "fetch_internal.h"
#include "support/http_server.h"
#include "support/test_util.h"

namespace gleaner::fetch {
namespace {

using ::gleaner::testing::HttpRequest;
using ::gleaner::testing::HttpResponse;
using ::gleaner::testing::HttpServer;

// curl_global_init before any test, as main() does in the real program.
class CurlEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK); }
  void TearDown() override { curl_global_cleanup(); }
};
const ::testing::Environment* const kCurlEnvironment =
    ::testing::AddGlobalTestEnvironment(new CurlEnvironment);

Options FastOptions() {
  Options options;
  options.connect_timeout_ms = 2000;
  options.total_timeout_ms = 4000;
  return options;
}

Result<Response> Get(const std::string& url, const Options& options = FastOptions()) {
  Request request;
  request.url = url;
  return FetchOne(request, options);
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(FetchOneTest, PlainOkGivesBodyTypeAndUrl) {
  HttpServer server;
  server.Serve("/a.html", HttpResponse::Ok("<p>hello</p>", "text/html; charset=gbk"));
  auto got = Get(server.Url("/a.html"));
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->body, "<p>hello</p>");
  EXPECT_EQ(got->content_type, "text/html; charset=gbk");
  EXPECT_EQ(got->url, server.Url("/a.html"));
  EXPECT_TRUE(got->redirects.empty());
  EXPECT_EQ(got->retry_after_s, -1);
  EXPECT_GE(got->total_time_s, 0.0);
}

TEST(FetchOneTest, GzipAndDeflateBodiesAreDecoded) {
  HttpServer server;
  const std::string page = "<html><body>" + std::string(5000, 'x') + "</body></html>";
  HttpResponse gzip = HttpResponse::Ok(page);
  gzip.encoding = HttpResponse::Encoding::kGzip;
  HttpResponse deflate = HttpResponse::Ok(page);
  deflate.encoding = HttpResponse::Encoding::kDeflate;
  server.Serve("/gzip", gzip);
  server.Serve("/deflate", deflate);
  for (const char* path : {"/gzip", "/deflate"}) {
    auto got = Get(server.Url(path));
    ASSERT_TRUE(got.ok()) << path << ": " << got.error().message;
    EXPECT_EQ(got->body, page) << path;
  }
  EXPECT_TRUE(Contains(server.RequestsFor("/gzip").at(0).Header("Accept-Encoding"), "gzip"));

  // "" offers every encoding curl can decode.
  Options all = FastOptions();
  all.accept_encoding = "";
  auto got = Get(server.Url("/deflate"), all);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->body, page);
  std::string offered = server.RequestsFor("/deflate").back().Header("Accept-Encoding");
  EXPECT_TRUE(Contains(offered, "gzip") && Contains(offered, "deflate")) << offered;
}

TEST(FetchOneTest, ChunkedAndSlowBodiesArriveWhole) {
  HttpServer server;
  const std::string page(10000, 'c');
  HttpResponse chunked = HttpResponse::Ok(page);
  chunked.chunked = true;
  HttpResponse slow = HttpResponse::Ok(page);
  slow.piece_bytes = 1000;
  slow.delay_between_pieces_ms = 5;
  server.Serve("/chunked", chunked);
  server.Serve("/slow", slow);
  for (const char* path : {"/chunked", "/slow"}) {
    auto got = Get(server.Url(path));
    ASSERT_TRUE(got.ok()) << path << ": " << got.error().message;
    EXPECT_EQ(got->body, page) << path;
  }
}

TEST(FetchOneTest, NotFoundIsAResponseNotAnError) {
  HttpServer server;
  server.Serve("/gone", HttpResponse::Status(404, "nope"));
  auto got = Get(server.Url("/gone"));
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->status, 404);
  EXPECT_EQ(got->body, "nope");
  auto unrouted = Get(server.Url("/nothing-here"));
  ASSERT_TRUE(unrouted.ok());
  EXPECT_EQ(unrouted->status, 404);
}

TEST(FetchOneTest, SendsUserAgentAndExtraHeaders) {
  HttpServer server;
  server.Serve("/", HttpResponse::Ok("ok"));
  Request request;
  request.url = server.Url("/");
  request.extra_headers = {{"Referer", "http://example.com/"}, {"Accept-Language", "zh-CN"}};
  Options options = FastOptions();
  options.user_agent = "gleaner-test/1";
  ASSERT_TRUE(FetchOne(request, options).ok());
  HttpRequest seen = server.Requests().at(0);
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.Header("User-Agent"), "gleaner-test/1");
  EXPECT_EQ(seen.Header("Referer"), "http://example.com/");
  EXPECT_EQ(seen.Header("Accept-Language"), "zh-CN");
  EXPECT_FALSE(seen.HasHeader("If-None-Match"));
}

TEST(FetchOneTest, MessyRequestUrlIsCleanedAndFragmentNotSent) {
  HttpServer server;
  server.Serve("/%E6%96%B0%E9%97%BB.html", HttpResponse::Ok("news"));
  auto got = Get("  " + server.Url("/新闻.html#top") + "\n");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->body, "news");
  EXPECT_EQ(got->url, server.Url("/%E6%96%B0%E9%97%BB.html"));
}

TEST(FetchOneTest, RefusesUnsupportedSchemesAndBadUrls) {
  struct Case {
    const char* url;
    Code want;
  } cases[] = {
      {"ftp://127.0.0.1/file", Code::kUnsupported},
      {"file:///etc/passwd", Code::kUnsupported},
      {"not a url", Code::kInvalidInput},
      {"", Code::kInvalidInput},
      {"http://", Code::kInvalidInput},
  };
  for (const Case& c : cases) {
    auto got = Get(c.url);
    ASSERT_FALSE(got.ok()) << c.url;
    EXPECT_EQ(got.error().code, c.want) << c.url << ": " << got.error().message;
    EXPECT_TRUE(Contains(got.error().message, "fetching")) << got.error().message;
  }
}

TEST(FetchOneTest, ConnectionRefusedIsANetworkError) {
  testing::RefusingPort closed;
  auto got = Get(closed.Url("/x"));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Code::kNetwork);
  EXPECT_TRUE(Contains(got.error().message, "fetching " + closed.Url("/x") + ": "))
      << got.error().message;
}

TEST(FetchOneTest, ServerSlowerThanTotalTimeoutTimesOut) {
  HttpServer server;
  HttpResponse late = HttpResponse::Ok("late");
  late.delay_before_headers_ms = 5000;  // interrupted when the server stops
  server.Serve("/late", late);
  Options options = FastOptions();
  options.total_timeout_ms = 300;
  auto got = Get(server.Url("/late"), options);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Code::kTimeout) << got.error().message;
  EXPECT_TRUE(Contains(got.error().message, server.Url("/late"))) << got.error().message;
}

TEST(FetchOneTest, BodyCutMidwayIsAnErrorNotAShortBody) {
  HttpServer server;
  HttpResponse cut = HttpResponse::Ok(std::string(10000, 'a'));
  cut.close_after_bytes = 5000;
  HttpResponse cut_chunked = cut;
  cut_chunked.chunked = true;
  HttpResponse lying = HttpResponse::Ok(std::string(1000, 'a'));
  lying.declared_length = 2000;
  server.Serve("/cut", cut);
  server.Serve("/cut-chunked", cut_chunked);
  server.Serve("/lying", lying);
  for (const char* path : {"/cut", "/cut-chunked", "/lying"}) {
    auto got = Get(server.Url(path));
    ASSERT_FALSE(got.ok()) << path << " gave a " << got->body.size() << "-byte body";
    EXPECT_EQ(got.error().code, Code::kNetwork) << path << ": " << got.error().message;
  }
}

TEST(FetchOneTest, ETagRoundTripGives304) {
  HttpServer server;
  server.Route("/article", [](const HttpRequest& request) {
    if (request.Header("If-None-Match") == "\"v1\"") return HttpResponse::Status(304);
    return HttpResponse::Ok("<p>body</p>")
        .WithHeader("ETag", "\"v1\"")
        .WithHeader("Last-Modified", "Fri, 14 Mar 2025 08:56:00 GMT");
  });
  auto first = Get(server.Url("/article"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->etag, "\"v1\"");
  EXPECT_EQ(first->last_modified, "Fri, 14 Mar 2025 08:56:00 GMT");

  Request again;
  again.url = server.Url("/article");
  again.if_none_match = first->etag;
  again.if_modified_since = first->last_modified;
  auto second = FetchOne(again, FastOptions());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
  HttpRequest seen = server.RequestsFor("/article").at(1);
  EXPECT_EQ(seen.Header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(seen.Header("If-Modified-Since"), "Fri, 14 Mar 2025 08:56:00 GMT");
}

TEST(FetchOneTest, RetryAfterSecondsAndDatesAreParsed) {
  HttpServer server;
  server.Serve("/busy", HttpResponse::Status(429).WithHeader("Retry-After", "120"));
  const char* past_date = "Wed, 21 Oct 2015 07:28:00 GMT";
  const char* future_date = "Fri, 31 Dec 2100 23:59:59 GMT";
  server.Serve("/past", HttpResponse::Status(503).WithHeader("Retry-After", past_date));
  server.Serve("/future", HttpResponse::Status(503).WithHeader("Retry-After", future_date));
  auto busy = Get(server.Url("/busy"));
  ASSERT_TRUE(busy.ok()) << busy.error().message;
  EXPECT_EQ(busy->status, 429);
  EXPECT_EQ(busy->retry_after_s, 120);
  auto past = Get(server.Url("/past"));
  ASSERT_TRUE(past.ok());
  EXPECT_EQ(past->retry_after_s, 0);
  auto future = Get(server.Url("/future"));
  ASSERT_TRUE(future.ok());
  EXPECT_GT(future->retry_after_s, 365LL * 24 * 3600);
}

TEST(ParseRetryAfterTest, Forms) {
  const std::time_t now = 1445412390;  // 90 s before Wed, 21 Oct 2015 07:28:00 GMT
  EXPECT_EQ(internal::ParseRetryAfter("120", now), 120);
  EXPECT_EQ(internal::ParseRetryAfter(" 0 ", now), 0);
  EXPECT_EQ(internal::ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now), 90);
  EXPECT_EQ(internal::ParseRetryAfter("Wed, 21 Oct 2015 07:26:00 GMT", now), 0);
  EXPECT_EQ(internal::ParseRetryAfter("", now), -1);
  EXPECT_EQ(internal::ParseRetryAfter("soon", now), -1);
  EXPECT_EQ(internal::ParseRetryAfter("12abc", now), -1);
  EXPECT_EQ(internal::ParseRetryAfter("99999999999999999999999", now), -1);
}

TEST(CharsetOfTest, ReadsTheCharsetParameter) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"text/html; charset=GBK", "GBK"},
      {"text/html;charset=gb2312", "gb2312"},
      {"text/html; Charset=\"utf-8\"", "utf-8"},
      {"text/html; boundary=x; charset= big5 ", "big5"},
      {"text/html", ""},
      {"", ""},
      {"text/html; charset=", ""},
      {"text/html; foo", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(CharsetOf(c.in), c.want) << c.in;
}

TEST(IsHtmlContentTypeTest, StrictAboutWhatIsHtml) {
  EXPECT_TRUE(IsHtmlContentType("text/html"));
  EXPECT_TRUE(IsHtmlContentType("TEXT/HTML; charset=gbk"));
  EXPECT_TRUE(IsHtmlContentType("application/xhtml+xml"));
  EXPECT_TRUE(IsHtmlContentType(""));
  EXPECT_FALSE(IsHtmlContentType("text/plain"));
  EXPECT_FALSE(IsHtmlContentType("application/octet-stream"));
  EXPECT_FALSE(IsHtmlContentType("application/pdf"));
  EXPECT_FALSE(IsHtmlContentType("image/png"));
}

}  // namespace
}  // namespace gleaner::fetch
