#pragma once
// Prometheus metrics for a Worker: the counters in Prometheus' text
// exposition format, and a minimal HTTP server that answers GET /metrics on
// one address (127.0.0.1 by default: put a proxy in front to expose it).
#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "runtime/jobs/worker.hpp"

namespace sf::jobs {

// The counters as Prometheus text (version 0.0.4), one family per counter.
[[nodiscard]] std::string prometheus_text(const Stats& s);

class MetricsServer {
 public:
  // Listens on address:port (port 0: any free port, see port()); `body` is
  // called for each scrape. Throws std::runtime_error when it cannot listen.
  MetricsServer(const std::string& address, int port, std::function<std::string()> body);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;
  [[nodiscard]] int port() const { return port_; }

 private:
  void serve();
  int fd_ = -1;
  int port_ = 0;
  std::function<std::string()> body_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace sf::jobs
