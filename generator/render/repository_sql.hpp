#pragma once
// The statements a generated repository runs, as one engine writes them: the
// CRUD set and a finder per unique key and per index's leading columns. Built
// here, with the dialect quoting every identifier, so the C++ templates only
// place them. Values are always placeholders. (A job table's queue statements
// are the runtime's: runtime/jobs/queue_sql.cpp, from queue_mapping.hpp's roles.)
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

// field name -> SQL for one engine, in a fixed order (every engine has every
// field; a field that does not apply is ""). Also the quoted table and columns.
struct RepositorySql {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::pair<std::string, std::string>> statements;
};

[[nodiscard]] RepositorySql repository_sql(const model::Table& t, const dialect::Dialect& d, const std::vector<Finder>& finders);

}  // namespace sf::render
