#pragma once
// pq_migration_jobs: moves the rows its selection names onto the target
// policy/algorithm, in batches of 100, one transaction each, counting
// processed_count as it goes (saved in the same transaction, fenced on the
// claim). Rows already at the target no longer match the selection, so a job
// that ran before a crash resumes where it stopped.
//
// Scope 'wrappers' is the one this schema can express: key_wrappers.policy_id
// := target_policy_id, and their layers' kem_algo_id := target_algo_id when
// given. selection is {"policy_id": <current policy>} or {"ids": [<wrapper
// ids>]}. 'hashes' and 'signatures' name tables this schema does not have:
// such a job fails saying so.
#include "generated/cpp/pq_migration_jobs.hpp"
#include "runtime/jobs/worker.hpp"

namespace sf::worker {

[[nodiscard]] jobs::Handler<gen::PqMigrationJob> pq_migration_handler(std::int64_t batch_size = 100);

}  // namespace sf::worker
