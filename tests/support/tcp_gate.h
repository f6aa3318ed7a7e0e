// tcp_gate: a loopback TCP forwarder that can be shut and opened again on
// the same port - a server that goes away mid-crawl and comes back.
// Does:    listens on 127.0.0.1 on a port of its own and copies bytes both
//          ways between each accepted connection and a new connection to
//          the backend port (an HttpServer). Close() drops every connection
//          and stops listening, so new connections are refused, as when a
//          server process is stopped; Open() listens again on the same port.
// Owns:    the listening socket, both sockets of each connection, one
//          acceptor thread and one thread per connection.
// Threads: Open/Close may be called from any thread, not concurrently with
//          each other; Close from inside a connection is not allowed.
// Errors:  a port that cannot be bound (again) fails the current test
//          (ADD_FAILURE); a backend that refuses closes that connection.
// Touches: 127.0.0.1 only.
//
// Example:
//   HttpServer server;
//   TcpGate gate(server.port());
//   ... crawl gate.Url("/") ...; gate.Close(); ...; gate.Open(); ...
#ifndef GLEANER_TESTS_SUPPORT_TCP_GATE_H_
#define GLEANER_TESTS_SUPPORT_TCP_GATE_H_

#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace gleaner::testing {

class TcpGate {
 public:
  explicit TcpGate(int backend_port);  // open on a fresh port
  ~TcpGate();                          // closed
  TcpGate(const TcpGate&) = delete;
  TcpGate& operator=(const TcpGate&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port>" + path.
  std::string Url(std::string_view path = "/") const;

  // Listens again on port() (no-op when open).
  void Open();
  // Drops every connection and stops listening; returns once all are gone.
  void Close();

 private:
  struct Pipe {
    int client = -1;
    int backend = -1;
    std::thread thread;
  };
  void AcceptLoop();
  void Pump(Pipe* pipe);

  int backend_port_;
  int port_ = 0;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};  // written by Close: every poll wakes and quits
  std::mutex mu_;
  std::list<Pipe> pipes_;   // GUARDED_BY(mu_); list: stable addresses
  std::thread acceptor_;
};

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_SUPPORT_TCP_GATE_H_
