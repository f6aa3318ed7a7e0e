// http_server: sockets, threads, request parsing and fault injection for the
// loopback test server (see http_server.h).
//
// Shutdown: the destructor sets stopping_, wakes the acceptor through a
// pipe and any injected delay through stop_cv_, then shutdown()s every
// connection socket so blocked recv/send calls return, and joins. A
// connection thread never close()s its own fd (only shutdown), so the fd
// number cannot be reused while another thread may still name it; fds are
// closed after the owning thread is joined.
#include "support/http_server.h"
#include "support/test_util.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

namespace gleaner::testing {
namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;
constexpr size_t kMaxRequestBodyBytes = 8 << 20;
constexpr size_t kDefaultChunkBytes = 4096;

// Binds a TCP socket to 127.0.0.1 on an ephemeral port; -1 on failure.
int BindLoopback(int* port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    return -1;
  }
  *port = ntohs(addr.sin_port);
  return fd;
}

bool SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
  return true;
}

// Appends what recv gives to `buffer`; false on EOF or error.
bool RecvMore(int fd, std::string& buffer) {
  char chunk[8192];
  while (true) {
    ssize_t got = recv(fd, chunk, sizeof(chunk), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(got));
    return true;
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
           return lower(x) == lower(y);
         });
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// Parses the request line and headers in `head` (no final blank line).
bool ParseHead(std::string_view head, HttpRequest& request) {
  size_t line_end = head.find("\r\n");
  std::string_view line = head.substr(0, line_end);
  size_t sp1 = line.find(' ');
  size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return false;
  request.method = std::string(line.substr(0, sp1));
  request.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  request.version = std::string(line.substr(sp2 + 1));
  if (request.target.empty() || request.version.substr(0, 5) != "HTTP/") return false;
  size_t question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = request.target.substr(question + 1);
  while (line_end != std::string_view::npos) {
    size_t begin = line_end + 2;
    line_end = head.find("\r\n", begin);
    line = head.substr(begin, line_end == std::string_view::npos ? head.npos : line_end - begin);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    request.headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                                 std::string(Trim(line.substr(colon + 1))));
  }
  return true;
}

enum class ReadResult { kOk, kClosed, kMalformed };

// Reads one request from `fd`; bytes past it stay in `buffer` (pipelining).
ReadResult ReadRequest(int fd, std::string& buffer, HttpRequest& request) {
  size_t head_end;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
    if (buffer.size() > kMaxHeaderBytes) return ReadResult::kMalformed;
    if (!RecvMore(fd, buffer)) return ReadResult::kClosed;
  }
  if (!ParseHead(std::string_view(buffer).substr(0, head_end), request)) {
    return ReadResult::kMalformed;
  }
  buffer.erase(0, head_end + 4);
  size_t length = 0;
  std::string declared = request.Header("Content-Length");
  if (!declared.empty()) {
    length = std::strtoull(declared.c_str(), nullptr, 10);
    if (length > kMaxRequestBodyBytes) return ReadResult::kMalformed;
  }
  if (length > 0 && EqualsIgnoreCase(request.Header("Expect"), "100-continue")) {
    if (!SendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n")) return ReadResult::kClosed;
  }
  while (buffer.size() < length) {
    if (!RecvMore(fd, buffer)) return ReadResult::kClosed;
  }
  request.body = buffer.substr(0, length);
  buffer.erase(0, length);
  return ReadResult::kOk;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

bool IsFramingHeader(std::string_view name) {
  return EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Transfer-Encoding") ||
         EqualsIgnoreCase(name, "Connection");
}

// 1xx, 204 and 304 responses never carry a body or a Content-Length.
bool StatusHasNoBody(int status) {
  return status == 204 || status == 304 || (status >= 100 && status < 200);
}

std::string Encode(const HttpResponse& response) {
  switch (response.encoding) {
    case HttpResponse::Encoding::kGzip: return Gzip(response.body);
    case HttpResponse::Encoding::kDeflate: return Deflate(response.body);
    case HttpResponse::Encoding::kIdentity: break;
  }
  return response.body;
}

// Percent-decodes a path for the file system.
std::string DecodePath(std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    bool escape = path[i] == '%' && i + 2 < path.size() &&
                  std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
                  std::isxdigit(static_cast<unsigned char>(path[i + 2]));
    if (escape) {
      out.push_back(static_cast<char>(std::stoi(std::string(path.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(path[i]);
    }
  }
  return out;
}

}  // namespace

HttpServer::HttpServer() {
  listen_fd_ = BindLoopback(&port_);
  if (listen_fd_ < 0 || listen(listen_fd_, 128) != 0 || pipe2(wake_pipe_, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "test HTTP server: cannot listen on 127.0.0.1: " << std::strerror(errno);
    port_ = 0;
    return;
  }
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

HttpServer::~HttpServer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (acceptor_.joinable()) {
    char byte = 0;
    ssize_t ignored = write(wake_pipe_[1], &byte, 1);
    (void)ignored;
    acceptor_.join();
  }
  std::list<Connection> connections;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (Connection& connection : connections_) shutdown(connection.fd, SHUT_RDWR);
    connections.splice(connections.end(), connections_);
  }
  for (Connection& connection : connections) {
    connection.thread.join();
    close(connection.fd);
  }
  for (int fd : {listen_fd_, wake_pipe_[0], wake_pipe_[1]}) {
    if (fd >= 0) close(fd);
  }
}

std::string HttpServer::Origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string HttpServer::Url(std::string_view path) const { return Origin() + std::string(path); }

void HttpServer::Route(std::string path, Handler handler) {
  std::lock_guard<std::mutex> lock(mu_);
  auto same = [&path](const RouteEntry& e) { return !e.prefix && e.path == path; };
  routes_.erase(std::remove_if(routes_.begin(), routes_.end(), same), routes_.end());
  routes_.push_back({std::move(path), false, std::move(handler)});
}

void HttpServer::RoutePrefix(std::string prefix, Handler handler) {
  std::lock_guard<std::mutex> lock(mu_);
  auto same = [&prefix](const RouteEntry& e) { return e.prefix && e.path == prefix; };
  routes_.erase(std::remove_if(routes_.begin(), routes_.end(), same), routes_.end());
  routes_.push_back({std::move(prefix), true, std::move(handler)});
}

void HttpServer::Serve(std::string path, HttpResponse response) {
  Route(std::move(path), [response](const HttpRequest&) { return response; });
}

void HttpServer::ServeDirectory(std::string prefix, std::filesystem::path dir) {
  std::string stripped = prefix;
  RoutePrefix(std::move(prefix), [stripped, dir](const HttpRequest& request) {
    std::string relative = DecodePath(request.path.substr(stripped.size()));
    if (relative.find("..") != std::string::npos) return HttpResponse::Status(403, "forbidden\n");
    while (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
    if (relative.empty() || relative.back() == '/') relative += "index.html";
    return HttpResponse::File(dir / relative);
  });
}

std::vector<HttpRequest> HttpServer::Requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

std::vector<HttpRequest> HttpServer::RequestsFor(std::string_view path) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<HttpRequest> out;
  for (const HttpRequest& request : requests_) {
    if (request.path == path) out.push_back(request);
  }
  return out;
}

int HttpServer::RequestCount(std::string_view path) const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(std::count_if(requests_.begin(), requests_.end(),
                                        [path](const HttpRequest& r) { return r.path == path; }));
}

void HttpServer::ClearRequests() {
  std::lock_guard<std::mutex> lock(mu_);
  requests_.clear();
}

int HttpServer::ConnectionCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connection_count_;
}

int HttpServer::MaxConcurrentConnections() const {
  std::lock_guard<std::mutex> lock(mu_);
  return max_open_connections_;
}

void HttpServer::AcceptLoop() {
  while (!stopping_) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0 || stopping_) return;
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    // Head and body go out in separate sends; without this, Nagle holds the
    // body until the client's delayed ACK (~40 ms per kept-alive response).
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    std::lock_guard<std::mutex> lock(mu_);
    ReapFinished();
    ++connection_count_;
    max_open_connections_ = std::max(max_open_connections_, ++open_connections_);
    Connection& connection = connections_.emplace_back();
    connection.fd = fd;
    connection.thread = std::thread([this, &connection] { ServeConnection(&connection); });
  }
}

void HttpServer::ReapFinished() {
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (it->done) {
      it->thread.join();
      close(it->fd);
      it = connections_.erase(it);
    } else {
      ++it;
    }
  }
}

void HttpServer::ServeConnection(Connection* connection) {
  int fd = connection->fd;
  std::string buffer;
  while (!stopping_) {
    HttpRequest request;
    ReadResult read = ReadRequest(fd, buffer, request);
    if (read == ReadResult::kClosed) break;
    if (read == ReadResult::kMalformed) {
      SendAll(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      break;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
    }
    HttpResponse response = Dispatch(request);
    if (!WriteResponse(fd, request, response)) break;
  }
  shutdown(fd, SHUT_RDWR);
  {
    std::lock_guard<std::mutex> lock(mu_);
    --open_connections_;
  }
  connection->done = true;
}

HttpResponse HttpServer::Dispatch(const HttpRequest& request) {
  Handler handler;
  {
    std::lock_guard<std::mutex> lock(mu_);
    size_t best = 0;
    for (const RouteEntry& route : routes_) {
      if (!route.prefix && route.path == request.path) {
        handler = route.handler;
        break;
      }
      bool match = route.prefix && request.path.compare(0, route.path.size(), route.path) == 0;
      if (match && route.path.size() >= best) {
        best = route.path.size();
        handler = route.handler;
      }
    }
  }
  if (!handler) return HttpResponse::Status(404, "no route for " + request.path + "\n");
  return handler(request);
}

bool HttpServer::WriteResponse(int fd, const HttpRequest& request, const HttpResponse& response) {
  if (response.delay_before_headers_ms > 0 && !Wait(response.delay_before_headers_ms)) return false;
  std::string entity = Encode(response);
  bool no_body = request.method == "HEAD" || StatusHasNoBody(response.status);
  bool lying = response.declared_length >= 0 &&
               response.declared_length != static_cast<int64_t>(entity.size());
  bool close_after = response.no_length || lying || response.close_after_bytes >= 0 ||
                     EqualsIgnoreCase(request.Header("Connection"), "close") ||
                     request.version == "HTTP/1.0";
  std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " +
                     ReasonPhrase(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) {
    if (!IsFramingHeader(name)) head += name + ": " + value + "\r\n";
  }
  using Encoding = HttpResponse::Encoding;
  if (response.encoding == Encoding::kGzip) head += "Content-Encoding: gzip\r\n";
  if (response.encoding == Encoding::kDeflate) head += "Content-Encoding: deflate\r\n";
  if (response.chunked) {
    head += "Transfer-Encoding: chunked\r\n";
  } else if (!response.no_length && !StatusHasNoBody(response.status)) {
    int64_t length = lying ? response.declared_length : static_cast<int64_t>(entity.size());
    head += "Content-Length: " + std::to_string(length) + "\r\n";
  }
  if (close_after) head += "Connection: close\r\n";
  head += "\r\n";
  if (!SendAll(fd, head)) return false;
  if (!no_body && !SendBody(fd, entity, response)) return false;
  return !close_after;
}

bool HttpServer::SendBody(int fd, const std::string& entity, const HttpResponse& response) {
  size_t limit = entity.size();
  if (response.close_after_bytes >= 0) {
    limit = std::min(limit, static_cast<size_t>(response.close_after_bytes));
  }
  size_t piece = response.piece_bytes > 0 ? response.piece_bytes
                                          : (response.chunked ? kDefaultChunkBytes : limit);
  if (piece == 0) piece = 1;
  for (size_t sent = 0; sent < limit; sent += piece) {
    int delay_ms = sent > 0 ? response.delay_between_pieces_ms : 0;
    if (delay_ms > 0 && !Wait(delay_ms)) return false;
    std::string_view bytes = std::string_view(entity).substr(sent, std::min(piece, limit - sent));
    if (response.chunked) {
      char size_line[32];
      std::snprintf(size_line, sizeof(size_line), "%zx\r\n", bytes.size());
      if (!SendAll(fd, size_line) || !SendAll(fd, bytes) || !SendAll(fd, "\r\n")) return false;
    } else if (!SendAll(fd, bytes)) {
      return false;
    }
  }
  if (limit < entity.size()) return false;  // cut short on purpose: close
  return !response.chunked || SendAll(fd, "0\r\n\r\n");
}

bool HttpServer::Wait(int ms) {
  std::unique_lock<std::mutex> lock(mu_);
  auto stopped = [this] { return stopping_.load(); };
  return !stop_cv_.wait_for(lock, std::chrono::milliseconds(ms), stopped);
}

RefusingPort::RefusingPort() {
  fd_ = BindLoopback(&port_);
  if (fd_ < 0) ADD_FAILURE() << "cannot bind 127.0.0.1: " << std::strerror(errno);
}

RefusingPort::~RefusingPort() {
  if (fd_ >= 0) close(fd_);
}

std::string RefusingPort::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

}  // namespace gleaner::testing
