// Focus: the loopback test server other suites rely on: routing order,
// served directories, request recording, and prompt shutdown mid-delay.
#include "support/http_server.h"

#include <gtest/gtest.h>

#include <string>

#include "gleaner/fetch.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

Result<fetch::Response> Get(const std::string& url) {
  fetch::Request request;
  request.url = url;
  fetch::Options options;
  options.total_timeout_ms = 4000;
  return fetch::FetchOne(request, options);
}

std::string BodyOf(const std::string& url) {
  auto got = Get(url);
  if (!got.ok()) return "error: " + got.error().message;
  return std::to_string(got->status) + " " + got->body;
}

TEST(HttpServerTest, ExactRouteBeatsLongestPrefixBeatsShorterPrefix) {
  HttpServer server;
  server.RoutePrefix("/", [](const HttpRequest&) { return HttpResponse::Ok("root"); });
  server.RoutePrefix("/news/", [](const HttpRequest&) { return HttpResponse::Ok("news"); });
  server.Serve("/news/1.html", HttpResponse::Ok("one"));
  EXPECT_EQ(BodyOf(server.Url("/news/1.html")), "200 one");
  EXPECT_EQ(BodyOf(server.Url("/news/2.html")), "200 news");
  EXPECT_EQ(BodyOf(server.Url("/other")), "200 root");
  server.Serve("/news/1.html", HttpResponse::Ok("replaced"));
  EXPECT_EQ(BodyOf(server.Url("/news/1.html")), "200 replaced");
}

TEST(HttpServerTest, ServesADirectoryWithContentTypes) {
  TempDir dir;
  WriteFile(dir / "index.html", "<p>index</p>");
  WriteFile(dir / "a/page.shtml", "<p>page</p>");
  WriteFile(dir / "feed.xml", "<rss/>");
  WriteFile(dir / "中文.txt", "text");
  HttpServer server;
  server.ServeDirectory("/site/", dir.path());
  auto index = Get(server.Url("/site/"));
  ASSERT_TRUE(index.ok()) << index.error().message;
  EXPECT_EQ(index->body, "<p>index</p>");
  EXPECT_EQ(index->content_type, "text/html");
  auto page = Get(server.Url("/site/a/page.shtml"));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->content_type, "text/html");
  EXPECT_EQ(page->body, "<p>page</p>");
  auto feed = Get(server.Url("/site/feed.xml"));
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->content_type, "application/xml");
  EXPECT_EQ(BodyOf(server.Url("/site/中文.txt")), "200 text");
  EXPECT_EQ(Get(server.Url("/site/missing.html"))->status, 404);
  EXPECT_EQ(Get(server.Url("/site/%2e%2e/etc/passwd"))->status, 403);
}

TEST(HttpServerTest, RecordsRequestsWithPathAndQuery) {
  HttpServer server;
  server.Serve("/list", HttpResponse::Ok("list"));
  ASSERT_TRUE(Get(server.Url("/list?page=2&x=1")).ok());
  ASSERT_TRUE(Get(server.Url("/list")).ok());
  ASSERT_TRUE(Get(server.Url("/elsewhere")).ok());
  std::vector<HttpRequest> list = server.RequestsFor("/list");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].target, "/list?page=2&x=1");
  EXPECT_EQ(list[0].query, "page=2&x=1");
  EXPECT_EQ(list[0].version, "HTTP/1.1");
  EXPECT_TRUE(list[0].HasHeader("host"));
  EXPECT_EQ(server.RequestCount("/elsewhere"), 1);
  EXPECT_EQ(server.Requests().size(), 3u);
  server.ClearRequests();
  EXPECT_TRUE(server.Requests().empty());
}

TEST(HttpServerTest, StopsPromptlyDuringALongDelay) {
  // Nothing here may take the delay's 60 s: the destructor interrupts it.
  HttpServer server;
  HttpResponse stuck = HttpResponse::Ok("never");
  stuck.delay_before_headers_ms = 60'000;
  server.Serve("/stuck", stuck);
  fetch::Request request;
  request.url = server.Url("/stuck");
  fetch::Options options;
  options.total_timeout_ms = 200;
  auto got = fetch::FetchOne(request, options);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Code::kTimeout);
}

TEST(HttpServerTest, DeflateAndGzipHelpersRoundTripThroughCurl) {
  HttpServer server;
  HttpResponse deflated = HttpResponse::Ok(Deflate("deflated"));
  deflated.WithHeader("Content-Encoding", "deflate");
  HttpResponse gzipped = HttpResponse::Ok(GzipRepeated('q', 70000));
  gzipped.WithHeader("Content-Encoding", "gzip");
  server.Serve("/d", deflated);
  server.Serve("/g", gzipped);
  EXPECT_EQ(BodyOf(server.Url("/d")), "200 deflated");
  EXPECT_EQ(BodyOf(server.Url("/g")), "200 " + std::string(70000, 'q'));
}

}  // namespace
}  // namespace gleaner::testing
