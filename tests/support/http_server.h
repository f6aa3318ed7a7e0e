// http_server: a loopback HTTP/1.1 server for tests.
// Does:    listens on 127.0.0.1 on an ephemeral port from construction to
//          destruction; routes requests by exact path, path prefix or served
//          directory; records every request; and injects the faults a crawler
//          meets (slow headers, cut bodies, lying Content-Length, chunking,
//          gzip/deflate, trickled bodies). HTTP/1.1 keep-alive is supported.
// Owns:    the listening socket, one thread per accepted connection plus one
//          acceptor thread; the destructor closes every socket and joins every
//          thread, interrupting any injected delay at once.
// Threads: Route/Serve*/Requests*/Clear* may be called from any thread while
//          the server runs. Handlers run on connection threads, possibly
//          several at once: guard state they share (std::atomic, a mutex).
//          Handlers must not throw.
// Errors:  if the socket cannot be bound the current test fails
//          (ADD_FAILURE) and port() is 0.
// Touches: 127.0.0.1 only, and files under served directories (read-only).
//
// Example:
//   HttpServer server;
//   server.Serve("/a", HttpResponse::Redirect(301, "/b"));
//   server.Route("/b", [](const HttpRequest& r) {
//     if (r.Header("If-None-Match") == "\"v1\"") return HttpResponse::Status(304);
//     return HttpResponse::Ok("<p>hi</p>").WithHeader("ETag", "\"v1\"");
//   });
//   ... FetchOne({.url = server.Url("/a")}) ...
//   EXPECT_EQ(server.RequestCount("/b"), 1);
#ifndef GLEANER_TESTS_SUPPORT_HTTP_SERVER_H_
#define GLEANER_TESTS_SUPPORT_HTTP_SERVER_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace gleaner::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;   // "GET", "HEAD", ...
  std::string target;   // as sent: "/a/b?x=1"
  std::string path;     // target up to '?', still percent-encoded
  std::string query;    // after '?', "" when none
  std::string version;  // "HTTP/1.1"
  HeaderList headers;   // in the order sent
  std::string body;

  // The first value of a header (name case-insensitive), "" when absent.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

struct HttpResponse {
  enum class Encoding { kIdentity, kGzip, kDeflate };

  int status = 200;
  // Sent as given, in order. Framing headers (Content-Length,
  // Transfer-Encoding, Connection) are written by the server from the
  // fields below; ones set here are dropped. To send an already-compressed
  // body, keep encoding kIdentity and add Content-Encoding here.
  HeaderList headers;
  std::string body;  // the entity before `encoding` is applied

  // --- how it is sent, and faults ---
  Encoding encoding = Encoding::kIdentity;  // compress body; adds Content-Encoding
  bool chunked = false;          // Transfer-Encoding: chunked (pieces of piece_bytes, or 4 KB)
  bool no_length = false;        // no Content-Length and not chunked: the body ends at close
  int64_t declared_length = -1;  // Content-Length to claim instead of the true one (a lie)
  int64_t close_after_bytes = -1;   // close the connection after this many entity bytes
  int delay_before_headers_ms = 0;  // wait before the status line
  size_t piece_bytes = 0;           // send the entity in pieces of this size (0: at once)
  int delay_between_pieces_ms = 0;  // wait between pieces: a slowly streamed body

  // 200 with a body and a Content-Type.
  static HttpResponse Ok(std::string body, std::string content_type = "text/html; charset=utf-8");
  // Any status with an optional plain-text body.
  static HttpResponse Status(int status, std::string body = "");
  // A redirect to `location` (absolute or relative), sent as given.
  static HttpResponse Redirect(int status, std::string location);
  // A file's bytes with ContentTypeFor(file) (or `content_type`), or 404.
  static HttpResponse File(const std::filesystem::path& file, std::string content_type = "");

  // Adds a header; returns *this for chaining.
  HttpResponse& WithHeader(std::string name, std::string value);
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  HttpServer();
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port>"
  std::string Origin() const;
  // Origin() + path; `path` should start with '/'.
  std::string Url(std::string_view path = "/") const;

  // Routing: an exact path (query ignored) wins over the longest matching
  // prefix (routes and directories alike); anything else is a 404.
  // Registering a path again replaces its handler.
  void Route(std::string path, Handler handler);
  void RoutePrefix(std::string prefix, Handler handler);
  // The same response for every request to `path`.
  void Serve(std::string path, HttpResponse response);
  // GET prefix + relative path serves dir/relative path (percent-decoded;
  // ".." refused; "/" -> index.html) with ContentTypeFor, no charset.
  void ServeDirectory(std::string prefix, std::filesystem::path dir);

  // Every request received so far, in arrival order. A request is recorded
  // before its handler runs, so it is visible once the client has a reply.
  std::vector<HttpRequest> Requests() const;
  std::vector<HttpRequest> RequestsFor(std::string_view path) const;
  int RequestCount(std::string_view path) const;
  void ClearRequests();
  // TCP connections accepted so far (keep-alive reuse shows as fewer).
  int ConnectionCount() const;
  // The most connections that were open at the same moment so far: one
  // counts from accept until the server sees the client close it (or closes
  // it itself), so a client's per-host connection limit shows here.
  int MaxConcurrentConnections() const;

 private:
  struct RouteEntry {
    std::string path;
    bool prefix = false;
    Handler handler;
  };
  struct Connection {
    int fd = -1;
    std::thread thread;
    std::atomic<bool> done{false};
  };

  void AcceptLoop();
  void ServeConnection(Connection* connection);
  HttpResponse Dispatch(const HttpRequest& request);
  bool WriteResponse(int fd, const HttpRequest& request, const HttpResponse& response);
  bool SendBody(int fd, const std::string& entity, const HttpResponse& response);
  // Waits `ms` unless the server stops first; false when stopping.
  bool Wait(int ms);
  void ReapFinished();  // REQUIRES: mu_ held

  int port_ = 0;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};  // written by the destructor to stop AcceptLoop
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::condition_variable stop_cv_;     // wakes Wait() when stopping_
  std::vector<RouteEntry> routes_;      // GUARDED_BY(mu_)
  std::vector<HttpRequest> requests_;   // GUARDED_BY(mu_)
  std::list<Connection> connections_;   // GUARDED_BY(mu_); list: stable addresses
  int connection_count_ = 0;            // GUARDED_BY(mu_)
  int open_connections_ = 0;            // GUARDED_BY(mu_)
  int max_open_connections_ = 0;        // GUARDED_BY(mu_)
  std::thread acceptor_;  // last member: started after everything above exists
};

// A loopback port that refuses connections: bound, never listening, and
// held until destruction so no other process can take it meanwhile.
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return port_; }
  std::string Url(std::string_view path = "/") const;

 private:
  int fd_ = -1;
  int port_ = 0;
};

// zlib-wrapped deflate: what "Content-Encoding: deflate" means (RFC 9110).
std::string Deflate(std::string_view bytes);

// gzip of `count` copies of `byte`, made in small steps so a 50 MB
// decompression bomb costs ~50 KB of memory to build.
std::string GzipRepeated(char byte, size_t count);

// Content-Type for a served file by extension (.html -> "text/html",
// .xml -> "application/xml", .txt -> "text/plain", ..., else
// "application/octet-stream"). Never adds a charset.
std::string ContentTypeFor(const std::filesystem::path& file);

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_SUPPORT_HTTP_SERVER_H_
