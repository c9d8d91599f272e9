#include "runtime/jobs/job_context.hpp"

namespace sf::jobs {

bool JobContext::cancelled() {
  if (cancelled_seen_) return true;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_check_ < std::chrono::seconds(1)) return false;
  last_check_ = now;
  cancelled_seen_ = cancelled_();
  return cancelled_seen_;
}

bool JobContext::heartbeat() {
  if (!lease_held_) return false;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_beat_ < options_.lease / 3) return true;
  last_beat_ = now;
  lease_held_ = heartbeat_();
  return lease_held_;
}

}  // namespace sf::jobs
