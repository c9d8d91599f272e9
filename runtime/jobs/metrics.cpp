#include "runtime/jobs/metrics.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace sf::jobs {
namespace {

void counter(std::string& out, const char* name, const char* help, std::int64_t value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name + " " + std::to_string(value) + "\n";
}

void send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the scraper went away
    sent += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::string prometheus_text(const Stats& s) {
  std::string out;
  counter(out, "schemaforge_jobs_processed_total", "Jobs whose handler succeeded, outcome recorded.", s.processed);
  counter(out, "schemaforge_jobs_failed_total", "Jobs ended as failed.", s.failed);
  counter(out, "schemaforge_jobs_retried_total", "Failed attempts returned to pending with a later schedule.", s.retried);
  counter(out, "schemaforge_jobs_rescued_total", "Jobs taken back from a worker past its lease.", s.rescued);
  counter(out, "schemaforge_jobs_released_total", "Claims given back unstarted (shutdown, or a batch that waited half a lease).", s.released);
  counter(out, "schemaforge_jobs_fenced_total", "Outcomes not recorded because the claim was no longer ours.", s.fenced);
  counter(out, "schemaforge_jobs_expired_total", "Rows deleted past their TTL.", s.expired);
  return out;
}

MetricsServer::MetricsServer(const std::string& address, int port, std::function<std::string()> body) : body_(std::move(body)) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("metrics: socket: ") + std::strerror(errno));
  int one = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::inet_pton(AF_INET, address.c_str(), &addr.sin_addr) != 1) {
    ::close(fd_);
    throw std::runtime_error("metrics: '" + address + "' is not an IPv4 address");
  }
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd_);
    throw std::runtime_error("metrics: cannot listen on " + address + ":" + std::to_string(port) + ": " + why);
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

MetricsServer::~MetricsServer() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  ::close(fd_);
}

// One request at a time: a scrape is small and rare. Anything but GET /metrics is a 404.
void MetricsServer::serve() {
  while (!stopping_.load()) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    timeval timeout{2, 0};
    ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buf[2048];
    const auto n = ::recv(client, buf, sizeof buf - 1, 0);
    std::string request(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    if (request.rfind("GET /metrics ", 0) == 0 || request.rfind("GET /metrics?", 0) == 0) {
      const std::string body = body_();
      send_all(client, "HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: " + std::to_string(body.size()) +
                           "\r\n\r\n" + body);
    } else {
      send_all(client, "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    }
    ::close(client);
  }
}

}  // namespace sf::jobs
