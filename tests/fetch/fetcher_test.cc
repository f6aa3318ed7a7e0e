// Focus: the Fetcher (libcurl multi) against the loopback server: many
// transfers at once with their tags, per-host connection caps and reuse,
// unfollowed redirects, cut bodies, the body cap under gzip, one slow
// transfer beside fast ones, Wakeup, destruction mid-transfer, conditional
// GET and Retry-After. Assertions are on results and order, never on time,
// except generous "returned before the 30 s timeout" bounds.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gleaner/fetch.h"
#include "support/http_server.h"
#include "support/test_util.h"

namespace gleaner::fetch {
namespace {

using ::gleaner::testing::HttpRequest;
using ::gleaner::testing::HttpResponse;
using ::gleaner::testing::HttpServer;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr auto kLongPoll = seconds(30);

Options FastOptions() {
  Options options;
  options.connect_timeout_ms = 2000;
  options.total_timeout_ms = 8000;
  return options;
}

Request Get(const std::string& url) {
  Request request;
  request.url = url;
  return request;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every completion of a Fetcher, in the order Poll returned them.
struct Outcome {
  std::vector<uint64_t> order;
  std::map<uint64_t, Result<Response>> results;

  const Result<Response>& At(uint64_t tag) const { return results.at(tag); }
};

// Polls until nothing is in flight; each transfer ends by its own timeout,
// so the loop is bounded by FastOptions' total timeout.
Outcome Drain(Fetcher& fetcher) {
  Outcome out;
  for (int polls = 0; polls < 1000 && fetcher.in_flight() > 0; ++polls) {
    for (Completion& done : fetcher.Poll(kLongPoll)) {
      out.order.push_back(done.tag);
      out.results.emplace(done.tag, std::move(done.result));
    }
  }
  EXPECT_EQ(fetcher.in_flight(), 0u);
  return out;
}

Result<Response> FetchWith(Fetcher& fetcher, Request request) {
  fetcher.Submit(std::move(request), 1);
  Outcome out = Drain(fetcher);
  if (out.results.count(1) == 0) return MakeError(Code::kInternal, "no completion");
  return out.results.at(1);
}

// /page/<n> answers "page <n>" after a short delay, so transfers overlap.
void AddPages(HttpServer& server, int delay_ms) {
  server.RoutePrefix("/page/", [delay_ms](const HttpRequest& request) {
    HttpResponse response = HttpResponse::Ok("page " + request.path.substr(6));
    response.delay_before_headers_ms = delay_ms;
    return response;
  });
}

TEST(FetcherTest, FiftyConcurrentRequestsCompleteWithTheirTags) {
  HttpServer server;
  AddPages(server, 5);
  Options options = FastOptions();
  options.max_host_connections = 8;
  Fetcher fetcher(options);
  for (int i = 0; i < 50; ++i) {
    fetcher.Submit(Get(server.Url("/page/" + std::to_string(i))), 1000 + i);
  }
  EXPECT_EQ(fetcher.in_flight(), 50u);
  Outcome out = Drain(fetcher);
  ASSERT_EQ(out.results.size(), 50u);
  for (int i = 0; i < 50; ++i) {
    const auto& got = out.At(1000 + i);
    ASSERT_TRUE(got.ok()) << i << ": " << got.error().message;
    EXPECT_EQ(got->status, 200);
    EXPECT_EQ(got->body, "page " + std::to_string(i));
    EXPECT_EQ(got->url, server.Url("/page/" + std::to_string(i)));
  }
  // They ran side by side, on kept-alive connections.
  EXPECT_GT(server.MaxConcurrentConnections(), 1);
  EXPECT_LE(server.ConnectionCount(), 8);
}

class HostLimitTest : public ::testing::TestWithParam<long> {};

TEST_P(HostLimitTest, NeverMoreConnectionsToOneHostThanTheCap) {
  const long limit = GetParam();
  HttpServer server;
  AddPages(server, 10);
  Options options = FastOptions();
  options.max_host_connections = limit;
  Fetcher fetcher(options);
  const int requests = static_cast<int>(limit) * 4 + 1;
  for (int i = 0; i < requests; ++i) fetcher.Submit(Get(server.Url("/page/" + std::to_string(i))), i);
  Outcome out = Drain(fetcher);
  ASSERT_EQ(out.results.size(), static_cast<size_t>(requests));
  for (const auto& [tag, got] : out.results) {
    ASSERT_TRUE(got.ok()) << tag << ": " << got.error().message;
  }
  // Every queued request waited for one of `limit` connections, each reused.
  EXPECT_EQ(server.MaxConcurrentConnections(), limit);
  EXPECT_EQ(server.ConnectionCount(), limit);
}

INSTANTIATE_TEST_SUITE_P(Caps, HostLimitTest, ::testing::Values(1L, 2L, 3L));

TEST(FetcherTest, SequentialRequestsReuseOneConnectionAndForgetOldHeaders) {
  HttpServer server;
  server.Serve("/x", HttpResponse::Ok("x"));
  Fetcher fetcher(FastOptions());
  Request first = Get(server.Url("/x"));
  first.extra_headers = {{"X-Only-First", "1"}};
  first.if_none_match = "\"old\"";
  ASSERT_TRUE(FetchWith(fetcher, first).ok());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(FetchWith(fetcher, Get(server.Url("/x"))).ok());
  EXPECT_EQ(server.ConnectionCount(), 1);
  std::vector<HttpRequest> seen = server.RequestsFor("/x");
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0].Header("X-Only-First"), "1");
  for (size_t i = 1; i < seen.size(); ++i) {
    EXPECT_FALSE(seen[i].HasHeader("X-Only-First")) << i;  // a pooled handle starts clean
    EXPECT_FALSE(seen[i].HasHeader("If-None-Match")) << i;
    EXPECT_EQ(seen[i].Header("User-Agent"), FastOptions().user_agent);
  }
}

TEST(FetcherTest, RedirectComesBackUnfollowedWithAbsoluteLocation) {
  HttpServer server;
  server.Serve("/news/a/old.html", HttpResponse::Redirect(302, "../b/new.html?x=1#top"));
  server.Serve("/moved", HttpResponse::Redirect(301, "http://Other.Example:80/p"));
  server.Serve("/no-location", HttpResponse::Status(302));
  server.Serve("/to-ftp", HttpResponse::Redirect(301, "ftp://127.0.0.1/file"));
  Fetcher fetcher(FastOptions());
  fetcher.Submit(Get(server.Url("/news/a/old.html")), 1);
  fetcher.Submit(Get(server.Url("/moved")), 2);
  fetcher.Submit(Get(server.Url("/no-location")), 3);
  fetcher.Submit(Get(server.Url("/to-ftp")), 4);
  Outcome out = Drain(fetcher);

  const auto& relative = out.At(1);
  ASSERT_TRUE(relative.ok()) << relative.error().message;
  EXPECT_EQ(relative->status, 302);
  EXPECT_EQ(relative->location, server.Url("/news/b/new.html?x=1"));
  EXPECT_EQ(relative->url, server.Url("/news/a/old.html"));
  EXPECT_TRUE(relative->redirects.empty());
  EXPECT_EQ(server.RequestCount("/news/b/new.html"), 0);

  const auto& absolute = out.At(2);
  ASSERT_TRUE(absolute.ok()) << absolute.error().message;
  EXPECT_EQ(absolute->location, "http://other.example/p");

  const auto& bare = out.At(3);
  ASSERT_TRUE(bare.ok()) << bare.error().message;
  EXPECT_EQ(bare->status, 302);
  EXPECT_TRUE(bare->location.empty());

  const auto& ftp = out.At(4);
  ASSERT_FALSE(ftp.ok());
  EXPECT_EQ(ftp.error().code, Code::kUnsupported) << ftp.error().message;
}

TEST(FetcherTest, BodyCutMidwayIsAnErrorNotAShortBody) {
  HttpServer server;
  HttpResponse cut = HttpResponse::Ok(std::string(10000, 'a'));
  cut.close_after_bytes = 5000;
  HttpResponse cut_chunked = cut;
  cut_chunked.chunked = true;
  HttpResponse lying = HttpResponse::Ok(std::string(1000, 'a'));
  lying.declared_length = 2000;
  HttpResponse cut_gzip = HttpResponse::Ok(std::string(100000, 'g'));
  cut_gzip.encoding = HttpResponse::Encoding::kGzip;
  cut_gzip.close_after_bytes = 50;
  server.Serve("/cut", cut);
  server.Serve("/cut-chunked", cut_chunked);
  server.Serve("/lying", lying);
  server.Serve("/cut-gzip", cut_gzip);
  server.Serve("/whole", HttpResponse::Ok("whole"));
  Fetcher fetcher(FastOptions());
  const std::vector<std::string> cut_paths = {"/cut", "/cut-chunked", "/lying", "/cut-gzip"};
  for (size_t i = 0; i < cut_paths.size(); ++i) fetcher.Submit(Get(server.Url(cut_paths[i])), i);
  fetcher.Submit(Get(server.Url("/whole")), 99);
  Outcome out = Drain(fetcher);
  for (size_t i = 0; i < cut_paths.size(); ++i) {
    const auto& got = out.At(i);
    ASSERT_FALSE(got.ok()) << cut_paths[i] << " gave a " << got->body.size() << "-byte body";
    EXPECT_EQ(got.error().code, Code::kNetwork) << cut_paths[i] << ": " << got.error().message;
    EXPECT_TRUE(Contains(got.error().message, server.Url(cut_paths[i]))) << got.error().message;
  }
  // Content-Length promised more than came: named so the crawler retries.
  for (size_t i : {0u, 2u}) {
    EXPECT_TRUE(Contains(out.At(i).error().message, "connection closed mid-body"))
        << out.At(i).error().message;
  }
  ASSERT_TRUE(out.At(99).ok());  // the others' failures are theirs alone
  EXPECT_EQ(out.At(99)->body, "whole");
}

TEST(FetcherTest, BodyCapCountsDecodedBytesAtMinusOneLimitAndPlusOne) {
  constexpr int64_t kCap = 1000;
  HttpServer server;
  for (int64_t size : {kCap - 1, kCap, kCap + 1}) {
    HttpResponse gzip = HttpResponse::Ok(std::string(static_cast<size_t>(size), 'z'));
    gzip.encoding = HttpResponse::Encoding::kGzip;
    server.Serve("/gzip/" + std::to_string(size), gzip);
  }
  HttpResponse bomb = HttpResponse::Ok(testing::GzipRepeated('\0', 50u << 20), "text/html");
  bomb.WithHeader("Content-Encoding", "gzip");  // 50 MB of zeros, ~50 KB on the wire
  server.Serve("/bomb", bomb);
  Options options = FastOptions();
  options.max_body_bytes = kCap;
  Fetcher fetcher(options);
  for (int64_t size : {kCap - 1, kCap, kCap + 1}) {
    fetcher.Submit(Get(server.Url("/gzip/" + std::to_string(size))), static_cast<uint64_t>(size));
  }
  fetcher.Submit(Get(server.Url("/bomb")), 0);
  Outcome out = Drain(fetcher);
  for (int64_t size : {kCap - 1, kCap}) {
    const auto& got = out.At(static_cast<uint64_t>(size));
    ASSERT_TRUE(got.ok()) << size << ": " << got.error().message;
    EXPECT_EQ(static_cast<int64_t>(got->body.size()), size);
  }
  for (uint64_t tag : {static_cast<uint64_t>(kCap + 1), uint64_t{0}}) {
    const auto& got = out.At(tag);
    ASSERT_FALSE(got.ok()) << tag << " accepted";
    EXPECT_EQ(got.error().code, Code::kTooLarge) << got.error().message;
    EXPECT_TRUE(Contains(got.error().message, "1000 bytes")) << got.error().message;
  }
}

TEST(FetcherTest, BytesReceivedCountsWireBytesNotDecodedOnes) {
  HttpServer server;
  const std::string page(100000, 'w');
  HttpResponse gzip = HttpResponse::Ok(page);
  gzip.encoding = HttpResponse::Encoding::kGzip;
  server.Serve("/gzip", gzip);
  server.Serve("/plain", HttpResponse::Ok(page));
  Fetcher fetcher(FastOptions());
  fetcher.Submit(Get(server.Url("/gzip")), 1);
  fetcher.Submit(Get(server.Url("/plain")), 2);
  Outcome out = Drain(fetcher);
  ASSERT_TRUE(out.At(1).ok() && out.At(2).ok());
  EXPECT_EQ(out.At(1)->body, page);
  EXPECT_GT(out.At(1)->bytes_received, 0);
  EXPECT_LT(out.At(1)->bytes_received, 10000);  // ~100 KB of 'w' gzips to well under 1 KB
  EXPECT_GT(out.At(2)->bytes_received, static_cast<int64_t>(page.size()));  // + headers
}

TEST(FetcherTest, SlowTransferTimesOutWithoutHoldingUpTheOthers) {
  HttpServer server;
  HttpResponse stuck = HttpResponse::Ok("too late");
  stuck.delay_before_headers_ms = 60'000;  // interrupted when the server stops
  server.Serve("/stuck", stuck);
  server.RoutePrefix("/fast/", [](const HttpRequest& r) { return HttpResponse::Ok(r.path); });
  Options options = FastOptions();
  options.total_timeout_ms = 1500;
  Fetcher fetcher(options);
  fetcher.Submit(Get(server.Url("/stuck")), 0);  // first in, last out
  for (uint64_t tag = 1; tag <= 5; ++tag) {
    fetcher.Submit(Get(server.Url("/fast/" + std::to_string(tag))), tag);
  }
  Outcome out = Drain(fetcher);
  ASSERT_EQ(out.order.size(), 6u);
  EXPECT_EQ(out.order.back(), 0u);
  for (uint64_t tag = 1; tag <= 5; ++tag) {
    ASSERT_TRUE(out.At(tag).ok()) << tag << ": " << out.At(tag).error().message;
    EXPECT_EQ(out.At(tag)->body, "/fast/" + std::to_string(tag));
  }
  ASSERT_FALSE(out.At(0).ok());
  EXPECT_EQ(out.At(0).error().code, Code::kTimeout) << out.At(0).error().message;
}

TEST(FetcherTest, WakeupFromAnotherThreadEndsPollEarlyWithNothing) {
  HttpServer server;
  HttpResponse stuck = HttpResponse::Ok("late");
  stuck.delay_before_headers_ms = 60'000;
  server.Serve("/stuck", stuck);
  Options options = FastOptions();
  options.total_timeout_ms = 60'000;
  Fetcher fetcher(options);
  fetcher.Submit(Get(server.Url("/stuck")), 1);
  std::thread waker([&fetcher] { fetcher.Wakeup(); });
  auto start = std::chrono::steady_clock::now();
  std::vector<Completion> got = fetcher.Poll(kLongPoll);
  auto waited = std::chrono::steady_clock::now() - start;
  waker.join();
  EXPECT_TRUE(got.empty());
  EXPECT_LT(waited, kLongPoll);
  EXPECT_EQ(fetcher.in_flight(), 1u);  // the transfer goes on
}

TEST(FetcherTest, WakeupWithNothingInFlightEndsTheNextPoll) {
  Fetcher fetcher(FastOptions());
  fetcher.Wakeup();
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(fetcher.Poll(kLongPoll).empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, kLongPoll);
  EXPECT_TRUE(fetcher.Poll(milliseconds(0)).empty());  // the wakeup was used up
}

TEST(FetcherTest, DestroyedWithTransfersInFlightAbortsThemCleanly) {
  HttpServer server;
  HttpResponse stuck = HttpResponse::Ok("late");
  stuck.delay_before_headers_ms = 60'000;
  server.Serve("/stuck", stuck);
  HttpResponse trickle = HttpResponse::Ok(std::string(100000, 't'));
  trickle.piece_bytes = 100;
  trickle.delay_between_pieces_ms = 50;
  server.Serve("/trickle", trickle);
  server.Serve("/fast", HttpResponse::Ok("fast"));
  {
    Fetcher never_polled(FastOptions());
    never_polled.Submit(Get(server.Url("/stuck")), 1);
  }
  Options options = FastOptions();
  options.max_host_connections = 8;  // the stuck ones must not keep the trickle queued
  Fetcher fetcher(options);
  for (uint64_t tag = 0; tag < 3; ++tag) fetcher.Submit(Get(server.Url("/stuck")), tag);
  fetcher.Submit(Get(server.Url("/trickle")), 3);
  fetcher.Submit(Get(server.Url("/fast")), 4);
  fetcher.Submit(Get("not a url"), 5);
  // Run until the trickle has started arriving (a partial body is held).
  for (int polls = 0; polls < 100 && server.RequestCount("/trickle") == 0; ++polls) {
    for (Completion& done : fetcher.Poll(milliseconds(100))) EXPECT_NE(done.tag, 3u);
  }
  EXPECT_GT(fetcher.in_flight(), 0u);
  // ~Fetcher here (then ~HttpServer): ASan reports any leak or late callback.
}

TEST(FetcherTest, BadUrlsCompleteOnTheNextPollWithoutWaiting) {
  Fetcher fetcher(FastOptions());
  fetcher.Submit(Get("ftp://127.0.0.1/file"), 7);
  fetcher.Submit(Get("not a url"), 8);
  EXPECT_EQ(fetcher.in_flight(), 2u);
  auto start = std::chrono::steady_clock::now();
  std::vector<Completion> got = fetcher.Poll(kLongPoll);
  EXPECT_LT(std::chrono::steady_clock::now() - start, kLongPoll);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].tag, 7u);
  ASSERT_FALSE(got[0].result.ok());
  EXPECT_EQ(got[0].result.error().code, Code::kUnsupported);
  EXPECT_EQ(got[1].tag, 8u);
  ASSERT_FALSE(got[1].result.ok());
  EXPECT_EQ(got[1].result.error().code, Code::kInvalidInput);
  EXPECT_TRUE(Contains(got[1].result.error().message, "fetching not a url"))
      << got[1].result.error().message;
  EXPECT_EQ(fetcher.in_flight(), 0u);
}

TEST(FetcherTest, ConnectionRefusedIsANetworkError) {
  testing::RefusingPort closed;
  Fetcher fetcher(FastOptions());
  auto got = FetchWith(fetcher, Get(closed.Url("/x")));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Code::kNetwork) << got.error().message;
}

TEST(FetcherTest, ConditionalGetGives304WithEmptyBody) {
  HttpServer server;
  server.Route("/article", [](const HttpRequest& request) {
    bool same = request.Header("If-None-Match") == "\"v1\"" ||
                request.Header("If-Modified-Since") == "Fri, 14 Mar 2025 08:56:00 GMT";
    if (same) return HttpResponse::Status(304);
    return HttpResponse::Ok("<p>body</p>")
        .WithHeader("ETag", "\"v1\"")
        .WithHeader("Last-Modified", "Fri, 14 Mar 2025 08:56:00 GMT");
  });
  Fetcher fetcher(FastOptions());
  auto first = FetchWith(fetcher, Get(server.Url("/article")));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->etag, "\"v1\"");

  Request by_etag = Get(server.Url("/article"));
  by_etag.if_none_match = first->etag;
  Request by_date = Get(server.Url("/article"));
  by_date.if_modified_since = first->last_modified;
  for (const Request& again : {by_etag, by_date}) {
    auto second = FetchWith(fetcher, again);
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->status, 304);
    EXPECT_TRUE(second->body.empty());
  }
  std::vector<HttpRequest> seen = server.RequestsFor("/article");
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[1].Header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(seen[2].Header("If-Modified-Since"), "Fri, 14 Mar 2025 08:56:00 GMT");
}

TEST(FetcherTest, RetryAfterSecondsAndDatesAgainstTheServersDate) {
  HttpServer server;
  server.Serve("/seconds", HttpResponse::Status(429).WithHeader("Retry-After", "120"));
  // The server's clock says 07:26:30; it asks for 07:28:00: 90 s, whatever
  // our own clock says (it is years later).
  server.Serve("/dated", HttpResponse::Status(503)
                             .WithHeader("Date", "Wed, 21 Oct 2015 07:26:30 GMT")
                             .WithHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
  // No usable Date: counted from the local clock, so a 2015 date is past.
  server.Serve("/undated", HttpResponse::Status(503)
                               .WithHeader("Date", "yesterday")
                               .WithHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
  server.Serve("/garbage", HttpResponse::Status(503).WithHeader("Retry-After", "soon"));
  Fetcher fetcher(FastOptions());
  const std::vector<std::pair<std::string, int64_t>> cases = {
      {"/seconds", 120}, {"/dated", 90}, {"/undated", 0}, {"/garbage", -1}};
  for (size_t i = 0; i < cases.size(); ++i) fetcher.Submit(Get(server.Url(cases[i].first)), i);
  Outcome out = Drain(fetcher);
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto& got = out.At(i);
    ASSERT_TRUE(got.ok()) << cases[i].first << ": " << got.error().message;
    EXPECT_EQ(got->retry_after_s, cases[i].second) << cases[i].first;
  }
  EXPECT_EQ(out.At(0)->status, 429);
}

}  // namespace
}  // namespace gleaner::fetch
