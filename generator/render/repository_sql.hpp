#pragma once
// The statements a generated repository runs, as one engine writes them: the
// CRUD set, a finder per unique key and per index's leading columns, and for
// job tables the queue operations (claim, complete, fail, retry, release,
// cancel, progress). Built here, with the dialect quoting every identifier,
// so the C++ templates only place them. Values are always placeholders; the
// only literals are the job states the spec declares.
//
// Placeholder order is part of the contract with templates/cpp: the comment
// above each statement in repository_sql.cpp lists its parameters in order.
#include <string>
#include <utility>
#include <vector>

#include "generator/dialect/dialect.hpp"
#include "generator/model/schema.hpp"

namespace sf::render {

// A generated finder: find_by_<columns>, one row for a unique key, a page of
// rows (ordered by the rest of the index, then the key) for an index.
struct Finder {
  std::string function;              // find_by_status, find_by_email, …
  std::vector<std::string> columns;  // matched with =
  std::vector<model::IndexColumn> order;
  bool unique = false;
};

// Unique keys first, then indexes by name; an index whose leading columns are
// the primary key or a key already found is skipped. Indexes limited to some
// engines still get a finder: the API is the same everywhere, only slower.
[[nodiscard]] std::vector<Finder> finders(const model::Table& t);

// The columns of a job table a handler may change while it holds a claim
// (save()): not the key, not the status, not a column the queue maintains
// (schedule, attempts, times, error, result, progress, lease), not an ON
// UPDATE column. Empty for other tables.
[[nodiscard]] std::vector<std::string> handler_columns(const model::Table& t);

// The columns besides the key and the running status that fence a change
// after a claim to that claim: attempts, started_at, locked_by, as the table has them.
[[nodiscard]] std::vector<std::string> fence_columns(const model::JobProfile& p);

// The column that says a running job's worker is still alive, which rescue
// judges and a heartbeat refreshes: the lease end (locked_until) where the
// table has one, else updated_at (set by the claim, progress and heartbeats),
// else started_at (the lease then bounds the run itself). Empty: no rescue.
[[nodiscard]] std::string liveness_column(const model::JobProfile& p);

// The channel a job table's enqueues notify and its workers listen on
// (PostgreSQL): sf_<table>.
[[nodiscard]] std::string notify_channel(const model::Table& t);

// field name -> SQL for one engine, in a fixed order (every engine has every
// field; a field that does not apply is ""). Also the quoted table and columns.
struct RepositorySql {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::pair<std::string, std::string>> statements;
};

[[nodiscard]] RepositorySql repository_sql(const model::Table& t, const dialect::Dialect& d, const std::vector<Finder>& finders);

}  // namespace sf::render
