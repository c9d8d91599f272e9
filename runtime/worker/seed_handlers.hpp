#pragma once
// Handlers for the seed job tables, registered on a Worker by
// `schemaforge-worker`. Each does real work in the database it runs against.
//
//   jobs           clone / restore / delete: validates request_payload
//                  ({"source": "<name>", "items": <1..10000>}), works through
//                  the items in steps reporting progress 0-100, and stores a
//                  result JSON; a bad payload fails the job with the reason.
//   rewrap_jobs    re-wraps a key wrapper's layers under new KMS keys with a
//                  local AES-256-GCM KMS (rewrap_handler.hpp).
//   pq_migration_jobs  moves the key wrappers its selection names onto the
//                  target policy/algorithm in batches, counting processed_count
//                  (pq_migration_handler.hpp).
//   deletion_jobs  deletes (hard_delete) or soft-deletes (sets deleted_at) the
//                  row entity_table/entity_pk names. Only tables this build's
//                  schema knows are reachable, through their generated
//                  repositories, with the key bound: a crafted row cannot
//                  reach any other table.
#include <filesystem>

#include "runtime/jobs/worker.hpp"

namespace sf::worker {

struct SeedOptions {
  std::filesystem::path kms_key_file = "build/local-kms.json";  // the local KMS's keys (local_kms.hpp)
};

void register_seed_handlers(jobs::Worker& w, const std::vector<std::string>& tables, const SeedOptions& options);

// Enqueues `n` sample jobs (a mix of clone/restore/delete, deletions of
// sample users, and re-wraps of sample key wrappers whose layers are wrapped
// under local keys it adds to the key file) for the README's demonstration run.
void enqueue_samples(db::Connection& c, int n, const SeedOptions& options);

}  // namespace sf::worker
