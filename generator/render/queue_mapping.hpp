#pragma once
// What a job table's generated repository hands the runtime queue
// (runtime/jobs/queue_table.hpp): which column plays which role. The queue's
// statements are written by the runtime from that mapping, not here.
#include <string>
#include <vector>

#include "generator/model/schema.hpp"

namespace sf::render {

// The columns of a job table a handler may change while it holds a claim
// (save()): not the key, not the status, not a column the queue maintains
// (schedule, attempts, times, error, result, progress, lease), not an ON
// UPDATE column, not a generated one. Empty for other tables.
[[nodiscard]] std::vector<std::string> handler_columns(const model::Table& t);

// The columns besides the key and the running status that fence a change
// after a claim to that claim: attempts, started_at, locked_by, as the table
// has them (QueueTable::for_each_fence_column keeps the same order).
[[nodiscard]] std::vector<std::string> fence_columns(const model::JobProfile& p);

// The column that says a running job's worker is still alive, which rescue
// judges and a heartbeat refreshes (QueueTable::liveness(), the same rule):
// locked_until, else updated_at, else started_at. Empty: no rescue.
[[nodiscard]] std::string liveness_column(const model::JobProfile& p);

// The channel a job table's enqueues notify and its workers listen on: sf_<table>.
[[nodiscard]] std::string notify_channel(const model::Table& t);

}  // namespace sf::render
