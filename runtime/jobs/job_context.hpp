#pragma once
// What a handler gets besides its row (JobContext), and the handler type.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "runtime/db/codec.hpp"
#include "runtime/db/connection.hpp"
#include "runtime/jobs/worker_options.hpp"

namespace sf::jobs {

// What a handler gets besides its row.
class JobContext {
 public:
  JobContext(db::Connection& c, std::function<bool(int)> progress, std::function<bool()> cancelled, const WorkerOptions& o,
             std::function<bool()> heartbeat = [] { return true; })
      : c_(c), progress_(std::move(progress)), cancelled_(std::move(cancelled)), heartbeat_(std::move(heartbeat)), options_(o) {}
  // For long jobs: call it in the handler's loop. It writes at most once per
  // lease/3, refreshing the table's liveness column (locked_until, else
  // updated_at) so no other worker rescues the job while it still runs.
  // Returns false once the claim is no longer ours (rescued, cancelled):
  // stop working. Tables with only started_at cannot be kept alive; there
  // it only checks the claim (see generated heartbeat()).
  bool heartbeat();
  // The worker thread's connection, for the handler's own work. It is not in
  // a transaction; a handler may open one (db::Transaction) and must end it.
  [[nodiscard]] db::Connection& connection() { return c_; }
  [[nodiscard]] db::Timestamp now() const { return options_.clock(); }
  // Writes the progress column (0–100) where the table has one.
  void progress(int percent) { progress_(percent); }
  // Whether the job was cancelled while running; read from the database at
  // most once a second, so handlers may call it in their inner loop.
  [[nodiscard]] bool cancelled();
  void log(const std::string& line) const { options_.log(line); }

 private:
  db::Connection& c_;
  std::function<bool(int)> progress_;
  std::function<bool()> cancelled_;
  std::function<bool()> heartbeat_;
  const WorkerOptions& options_;
  std::chrono::steady_clock::time_point last_beat_ = std::chrono::steady_clock::now();
  bool lease_held_ = true;
  std::chrono::steady_clock::time_point last_check_{};
  bool cancelled_seen_ = false;
};

// A handler throws to fail its job (the message is stored); it may return a
// JSON result, stored where the table has a result column.
template <class Row>
using Handler = std::function<std::optional<db::Json>(const Row&, JobContext&)>;

}  // namespace sf::jobs
