#include "runtime/jobs/job_context.hpp"

namespace sf::jobs {

bool JobContext::cancelled() {
  if (cancelled_seen_) return true;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_check_ < std::chrono::seconds(1)) return false;
  last_check_ = now;
  cancelled_seen_ = hooks_.cancelled();
  return cancelled_seen_;
}

bool JobContext::heartbeat() {
  if (lost()) lease_held_ = false;
  if (!lease_held_) return false;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_beat_ < options_.lease / 3) return true;
  last_beat_ = now;
  lease_held_ = hooks_.heartbeat();
  return lease_held_;
}

void JobContext::complete(const std::optional<db::Json>& result) {
  if (completed_) throw std::logic_error("JobContext::complete called twice for one job");
  if (!hooks_.complete(result)) {
    lease_held_ = false;
    throw ClaimLost("the claim on this job is no longer ours (rescued, cancelled or finished elsewhere); its work must not be committed");
  }
  completed_ = true;
}

}  // namespace sf::jobs
