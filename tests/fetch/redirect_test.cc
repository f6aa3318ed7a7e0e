// Focus: FetchOne's own redirect loop: chains, relative Locations, the
// redirect limit at limit-1/limit/limit+1, loops, and refused schemes.
#include <gtest/gtest.h>

#include <string>

#include "gleaner/fetch.h"
#include "support/http_server.h"

namespace gleaner::fetch {
namespace {

using ::gleaner::testing::HttpRequest;
using ::gleaner::testing::HttpResponse;
using ::gleaner::testing::HttpServer;

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

// /chain/<n>/<i> redirects to /chain/<n>/<i+1> until i == n: n redirects.
void AddChain(HttpServer& server) {
  server.RoutePrefix("/chain/", [](const HttpRequest& request) {
    std::string rest = request.path.substr(std::string("/chain/").size());
    size_t slash = rest.find('/');
    int n = std::stoi(rest.substr(0, slash));
    int i = std::stoi(rest.substr(slash + 1));
    if (i >= n) return HttpResponse::Ok("end of chain");
    return HttpResponse::Redirect(302, std::to_string(i + 1));  // relative
  });
}

TEST(RedirectTest, ChainOf301Then302RelativeEndsAtFinalUrl) {
  HttpServer server;
  server.Serve("/old", HttpResponse::Redirect(301, server.Url("/moved/here")));
  server.Serve("/moved/here", HttpResponse::Redirect(302, "../final.html?x=1"));
  server.Serve("/final.html", HttpResponse::Ok("final").WithHeader("ETag", "\"f\""));
  auto got = Get(server.Url("/old"));
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->body, "final");
  EXPECT_EQ(got->url, server.Url("/final.html?x=1"));
  ASSERT_EQ(got->redirects.size(), 2u);
  EXPECT_EQ(got->redirects[0], server.Url("/old"));
  EXPECT_EQ(got->redirects[1], server.Url("/moved/here"));
  EXPECT_EQ(got->etag, "\"f\"");
  EXPECT_TRUE(got->location.empty());
}

TEST(RedirectTest, HeadersComeFromTheLastResponseOnly) {
  HttpServer server;
  server.Serve("/a", HttpResponse::Redirect(302, "/b")
                         .WithHeader("ETag", "\"redirect\"")
                         .WithHeader("Content-Type", "text/plain")
                         .WithHeader("Retry-After", "5"));
  server.Serve("/b", HttpResponse::Ok("b", "text/html"));
  auto got = Get(server.Url("/a"));
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->etag, "");
  EXPECT_EQ(got->content_type, "text/html");
  EXPECT_EQ(got->retry_after_s, -1);
}

TEST(RedirectTest, AllRedirectStatusesAreFollowed) {
  HttpServer server;
  server.Serve("/done", HttpResponse::Ok("done"));
  for (int status : {301, 302, 303, 307, 308}) {
    std::string path = "/r" + std::to_string(status);
    server.Serve(path, HttpResponse::Redirect(status, "/done"));
    auto got = Get(server.Url(path));
    ASSERT_TRUE(got.ok()) << status << ": " << got.error().message;
    EXPECT_EQ(got->body, "done") << status;
  }
}

TEST(RedirectTest, LimitAtMinusOneLimitAndPlusOne) {
  HttpServer server;
  AddChain(server);
  Options options = FastOptions();
  options.max_redirects = 5;
  for (int n : {4, 5}) {
    auto got = Get(server.Url("/chain/" + std::to_string(n) + "/0"), options);
    ASSERT_TRUE(got.ok()) << n << ": " << got.error().message;
    EXPECT_EQ(got->body, "end of chain");
    EXPECT_EQ(static_cast<int>(got->redirects.size()), n);
  }
  auto over = Get(server.Url("/chain/6/0"), options);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, Code::kHttp);
  EXPECT_TRUE(Contains(over.error().message, "more than 5 redirects")) << over.error().message;
  // The sixth redirect is seen but not followed.
  EXPECT_EQ(server.RequestCount("/chain/6/6"), 0);
  EXPECT_EQ(server.RequestCount("/chain/6/5"), 1);
}

TEST(RedirectTest, ZeroMaxRedirectsReturnsTheRedirectItself) {
  HttpServer server;
  server.Serve("/a", HttpResponse::Redirect(301, "/b"));
  Options options = FastOptions();
  options.max_redirects = 0;
  auto got = Get(server.Url("/a"), options);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->status, 301);
  EXPECT_EQ(got->location, "/b");
  EXPECT_EQ(server.RequestCount("/b"), 0);
}

TEST(RedirectTest, LoopIsAnErrorNamingTheUrls) {
  HttpServer server;
  server.Serve("/loop/a", HttpResponse::Redirect(302, "/loop/b"));
  server.Serve("/loop/b", HttpResponse::Redirect(302, "/loop/a"));
  server.Serve("/self", HttpResponse::Redirect(302, "/self"));
  auto got = Get(server.Url("/loop/a"));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Code::kHttp);
  EXPECT_TRUE(Contains(got.error().message, "redirect loop")) << got.error().message;
  EXPECT_TRUE(Contains(got.error().message, server.Url("/loop/a"))) << got.error().message;
  EXPECT_TRUE(Contains(got.error().message, server.Url("/loop/b"))) << got.error().message;
  auto self = Get(server.Url("/self"));
  ASSERT_FALSE(self.ok());
  EXPECT_TRUE(Contains(self.error().message, "redirect loop")) << self.error().message;
  EXPECT_EQ(server.RequestCount("/self"), 1);
}

TEST(RedirectTest, RedirectToNonHttpSchemeIsRefused) {
  HttpServer server;
  server.Serve("/to-ftp", HttpResponse::Redirect(302, "ftp://127.0.0.1/secret"));
  server.Serve("/to-file", HttpResponse::Redirect(301, "file:///etc/passwd"));
  server.Serve("/to-js", HttpResponse::Redirect(302, "javascript:alert(1)"));
  for (const char* path : {"/to-ftp", "/to-file", "/to-js"}) {
    auto got = Get(server.Url(path));
    ASSERT_FALSE(got.ok()) << path;
    EXPECT_EQ(got.error().code, Code::kUnsupported) << path << ": " << got.error().message;
    EXPECT_TRUE(Contains(got.error().message, server.Url(path))) << got.error().message;
  }
}

TEST(RedirectTest, RedirectsOnOneHostReuseTheConnection) {
  HttpServer server;
  AddChain(server);
  auto got = Get(server.Url("/chain/3/0"));
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(server.ConnectionCount(), 1);
  EXPECT_EQ(server.Requests().size(), 4u);
}

TEST(RedirectTest, ConditionalHeadersGoWithEveryHop) {
  HttpServer server;
  server.Serve("/a", HttpResponse::Redirect(301, "/b"));
  server.Route("/b", [](const HttpRequest& request) {
    return request.Header("If-None-Match") == "\"e\"" ? HttpResponse::Status(304)
                                                       : HttpResponse::Ok("fresh");
  });
  Request request;
  request.url = server.Url("/a");
  request.if_none_match = "\"e\"";
  auto got = FetchOne(request, FastOptions());
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->status, 304);
  EXPECT_EQ(got->url, server.Url("/b"));
}

}  // namespace
}  // namespace gleaner::fetch
