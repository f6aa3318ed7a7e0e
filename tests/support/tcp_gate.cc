#include "support/tcp_gate.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gleaner::testing {
namespace {

sockaddr_in Loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// send() everything; MSG_NOSIGNAL: a peer gone is an error, not SIGPIPE.
bool SendAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

TcpGate::TcpGate(int backend_port) : backend_port_(backend_port) { Open(); }

TcpGate::~TcpGate() { Close(); }

std::string TcpGate::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void TcpGate::Open() {
  if (listen_fd_ >= 0) return;
  if (pipe2(wake_, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "TcpGate: pipe: " << std::strerror(errno);
    return;
  }
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  // The gate closes first, so its old connections sit in TIME_WAIT on this
  // port: SO_REUSEADDR lets it listen there again at once.
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr = Loopback(port_);
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 64) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ADD_FAILURE() << "TcpGate: cannot listen on port " << port_ << ": " << std::strerror(errno);
    close(fd);
    return;
  }
  port_ = ntohs(addr.sin_port);
  listen_fd_ = fd;
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

void TcpGate::Close() {
  if (listen_fd_ < 0) return;
  (void)!write(wake_[1], "x", 1);  // never drained: every poll sees it
  acceptor_.join();
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (Pipe& p : pipes_) {  // also ends a send() blocked on a full socket
      shutdown(p.client, SHUT_RDWR);
      shutdown(p.backend, SHUT_RDWR);
    }
  }
  for (Pipe& p : pipes_) {
    p.thread.join();
    close(p.client);
    close(p.backend);
  }
  pipes_.clear();
  close(listen_fd_);  // connections still in the backlog are reset
  listen_fd_ = -1;
  close(wake_[0]);
  close(wake_[1]);
}

void TcpGate::AcceptLoop() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0 && errno != EINTR) return;
    if (fds[1].revents != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    int client = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    int backend = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr = Loopback(backend_port_);
    if (connect(backend, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(backend);
      close(client);
      continue;
    }
    std::lock_guard<std::mutex> lock(mu_);
    Pipe& p = pipes_.emplace_back();
    p.client = client;
    p.backend = backend;
    p.thread = std::thread([this, &p] { Pump(&p); });
  }
}

// Copies both ways until both sides have closed or the gate closes. An EOF
// on one side is passed on as a half-close of the other.
void TcpGate::Pump(Pipe* p) {
  char buffer[16384];
  bool open[2] = {true, true};  // client->backend, backend->client
  while (open[0] || open[1]) {
    pollfd fds[3] = {{open[0] ? p->client : -1, POLLIN, 0},
                     {open[1] ? p->backend : -1, POLLIN, 0},
                     {wake_[0], POLLIN, 0}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[2].revents != 0) return;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0) continue;
      int from = i == 0 ? p->client : p->backend;
      int to = i == 0 ? p->backend : p->client;
      ssize_t n = recv(from, buffer, sizeof buffer, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || !SendAll(to, buffer, static_cast<size_t>(n))) {
        shutdown(to, SHUT_WR);
        open[i] = false;
      }
    }
  }
}

}  // namespace gleaner::testing
