// fetch_bench: requests per second through fetch::Fetcher against a minimal
// loopback server in this file (keep-alive, one thread per connection), so
// the number is the fetcher's and curl's overhead, not a network's.
// Cases:
//   BM_Fetcher/conns:N/body:B   kBatch GETs submitted at once to one host,
//                               max_host_connections = N, a B-byte body;
//                               items_per_second = requests/s.
//   BM_FetchOne/body:B          the same GETs one after another with FetchOne
//                               (a new easy handle and connection per call).
// Run: cmake --build build-rel --target fetch_bench && build-rel/bench/fetch_bench
// Numbers are only meaningful in a Release/RelWithDebInfo build. Only
// 127.0.0.1 is contacted; the server stops when the process ends.
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "gleaner/fetch.h"

namespace gleaner::fetch {
namespace {

constexpr int kBatch = 200;

// Answers every request on a connection with the same 200 response, until
// the client closes. Threads are detached: the server lives as long as the
// process.
class LoopbackServer {
 public:
  LoopbackServer() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
        listen(listen_fd_, 128) != 0) {
      std::perror("fetch_bench: loopback server");
      std::exit(1);
    }
    port_ = ntohs(addr.sin_port);
    std::thread([this] { AcceptLoop(); }).detach();
  }

  std::string Url(size_t body_bytes) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + std::to_string(body_bytes);
  }

 private:
  void AcceptLoop() {
    while (true) {
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      std::thread([fd] { Serve(fd); }).detach();
    }
  }

  // The path is the body size: "GET /4096 HTTP/1.1".
  static void Serve(int fd) {
    std::string buffer;
    char chunk[16384];
    while (true) {
      size_t end;
      while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
        ssize_t got = recv(fd, chunk, sizeof(chunk), 0);
        if (got <= 0) {
          close(fd);
          return;
        }
        buffer.append(chunk, static_cast<size_t>(got));
      }
      size_t body_bytes = std::strtoul(buffer.c_str() + buffer.find('/') + 1, nullptr, 10);
      buffer.erase(0, end + 4);
      std::string reply = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                          std::to_string(body_bytes) + "\r\n\r\n" + std::string(body_bytes, 'x');
      for (size_t sent = 0; sent < reply.size();) {
        ssize_t n = send(fd, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
          close(fd);
          return;
        }
        sent += static_cast<size_t>(n);
      }
    }
  }

  int listen_fd_ = -1;
  int port_ = 0;
};

LoopbackServer& Server() {
  static LoopbackServer* server = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);  // once, before any transfer, as main() does
    return new LoopbackServer;
  }();
  return *server;
}

void BM_Fetcher(benchmark::State& state) {
  Options options;
  options.max_host_connections = state.range(0);
  const std::string url = Server().Url(static_cast<size_t>(state.range(1)));
  Fetcher fetcher(options);
  int64_t failed = 0;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      Request request;
      request.url = url;
      fetcher.Submit(std::move(request), static_cast<uint64_t>(i));
    }
    while (fetcher.in_flight() > 0) {
      for (Completion& done : fetcher.Poll(std::chrono::seconds(10))) {
        if (!done.result.ok() || done.result->status != 200) ++failed;
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.counters["failed"] = static_cast<double>(failed);
}
BENCHMARK(BM_Fetcher)
    ->ArgNames({"conns", "body"})
    ->ArgsProduct({{1, 2, 4, 8}, {4096}})
    ->Args({2, 100 << 10})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_FetchOne(benchmark::State& state) {
  const std::string url = Server().Url(static_cast<size_t>(state.range(0)));
  int64_t failed = 0;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      Request request;
      request.url = url;
      auto got = FetchOne(request);
      if (!got.ok() || got->status != 200) ++failed;
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.counters["failed"] = static_cast<double>(failed);
}
BENCHMARK(BM_FetchOne)->ArgNames({"body"})->Arg(4096)->UseRealTime()->Unit(benchmark::kMillisecond);

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
}  // namespace gleaner::fetch
