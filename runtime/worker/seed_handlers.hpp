#pragma once
// Handlers for the seed job tables, registered on a Worker by
// `schemaforge-worker`. Each does real work in the database it runs against.
//
//   jobs           clone / restore / delete: validates request_payload
//                  ({"source": "<name>", "items": <1..10000>}), works through
//                  the items in steps reporting progress 0-100, and stores a
//                  result JSON; a bad payload fails the job with the reason.
//   deletion_jobs  deletes (hard_delete) or soft-deletes (sets deleted_at) the
//                  row entity_table/entity_pk names. Only tables this build's
//                  schema knows are reachable, through their generated
//                  repositories, with the key bound: a crafted row cannot
//                  reach any other table.
#include "runtime/jobs/worker.hpp"

namespace sf::worker {

void register_seed_handlers(jobs::Worker& w, const std::vector<std::string>& tables, const db::Dsn& dsn);

// Enqueues `n` sample jobs (a mix of clone/restore/delete, and deletions of
// sample users) for the README's demonstration run.
void enqueue_samples(db::Connection& c, int n);

}  // namespace sf::worker
