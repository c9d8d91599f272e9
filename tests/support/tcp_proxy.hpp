#pragma once
// A TCP proxy between a client under test and a real server that can cut
// the path the way a network partition does: bytes stop flowing both ways
// and neither end is told — no FIN, no RST, the kernel still acknowledges
// what the client sends. A client without a deadline of its own waits
// forever (docs/jobs.md, "Faults": packets dropped).
//
//   test::TcpProxy proxy("127.0.0.1", 5432);   // listens on 127.0.0.1:proxy.port()
//   proxy.partition();   // every connection open now is cut for good; new ones wait
//   proxy.heal();        // new connections flow again; the cut ones stay cut
//
// One thread accepts; each connection has one thread per direction.
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace sf::test {

class TcpProxy {
 public:
  TcpProxy(std::string host, int port) : host_(std::move(host)), port_(port) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(listener_, 64) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("tcp proxy: cannot listen on 127.0.0.1");
    own_port_ = ntohs(a.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~TcpProxy() {
    stopping_ = true;
    acceptor_.join();
    std::lock_guard lock(m_);
    for (auto& l : links_) l->close_both();
    for (auto& l : links_) l->join();
    ::close(listener_);
  }

  TcpProxy(const TcpProxy&) = delete;
  TcpProxy& operator=(const TcpProxy&) = delete;

  [[nodiscard]] int port() const { return own_port_; }

  // Cuts every connection open now, for good; connections made from now on
  // are not answered until heal().
  void partition() {
    std::lock_guard lock(m_);
    partitioned_ = true;
    for (auto& l : links_) l->cut = true;
  }

  // New connections are forwarded again. The cut ones stay cut on the
  // client's side; on the server's they are closed now, as the server's own
  // TCP keepalive would in time, so their sessions end and free their locks.
  void heal() {
    std::lock_guard lock(m_);
    for (auto& l : links_)
      if (l->cut) ::shutdown(l->server, SHUT_RDWR);
    partitioned_ = false;
  }

 private:
  struct Link {
    int client = -1, server = -1;
    std::atomic<bool> cut{false};
    std::thread up, down;

    void close_both() {
      ::shutdown(client, SHUT_RDWR);
      ::shutdown(server, SHUT_RDWR);
    }
    void join() {
      if (up.joinable()) up.join();
      if (down.joinable()) down.join();
      ::close(client);
      ::close(server);
    }
    // Copies `from` to `to` until either end closes; once cut, what arrives
    // is read and dropped, and nothing more is sent either way.
    void pump(int from, int to) {
      char buf[16384];
      for (;;) {
        const ssize_t n = ::recv(from, buf, sizeof buf, 0);
        if (n <= 0) break;
        if (cut) continue;
        for (ssize_t sent = 0; sent < n;) {
          const ssize_t k = ::send(to, buf + sent, static_cast<std::size_t>(n - sent), MSG_NOSIGNAL);
          if (k <= 0) return;
          sent += k;
        }
      }
      if (!cut) ::shutdown(to, SHUT_WR);  // a clean close passes through; a cut one never does
    }
  };

  void accept_loop() {
    while (!stopping_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      {
        std::lock_guard lock(m_);
        if (partitioned_) continue;  // left in the backlog: the client's connect() waits for a greeting
      }
      const int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      const int server = connect_upstream();
      if (server < 0) {
        ::close(client);
        continue;
      }
      auto link = std::make_unique<Link>();
      link->client = client;
      link->server = server;
      Link& l = *link;
      l.up = std::thread([&l] { l.pump(l.client, l.server); });
      l.down = std::thread([&l] { l.pump(l.server, l.client); });
      std::lock_guard lock(m_);
      links_.push_back(std::move(link));
    }
  }

  int connect_upstream() const {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port_));
    if (s < 0 || ::inet_pton(AF_INET, host_.c_str(), &a.sin_addr) != 1 ||
        ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      if (s >= 0) ::close(s);
      return -1;
    }
    return s;
  }

  std::string host_;
  int port_;
  int listener_ = -1;
  int own_port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex m_;
  bool partitioned_ = false;
  std::vector<std::unique_ptr<Link>> links_;
  std::thread acceptor_;
};

}  // namespace sf::test
