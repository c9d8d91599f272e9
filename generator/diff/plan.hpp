#pragma once
// plan(changes, dialect): the statements that carry a database from one
// schema to the next. CREATE TABLE and views come from the same templates
// `generate` renders (through DdlSource, injected by the caller), so a
// replayed migration history is exactly generate's schema; ALTERs come from
// the dialect. Down migrations are plan(diff(to, from)).
#include <string>
#include <vector>

#include "generator/diff/change.hpp"
#include "generator/dialect/dialect.hpp"

namespace sf::diff {

// What the templates render for one table (generator/render, wired up by the CLI).
class DdlSource {
 public:
  virtual ~DdlSource() = default;
  // CREATE TABLE with its comments (and, where FKs are inline, its FKs).
  virtual std::string create_table(const model::Table& t) = 0;
  // The table's CREATE INDEX statements.
  virtual std::string create_indexes(const model::Table& t) = 0;
  // Every view generated for the table (contract, status, the spec's own).
  virtual std::string create_views(const model::Table& t) = 0;
  virtual std::vector<std::string> view_names(const model::Table& t) = 0;
  // The table's declared triggers (only those it lists), as the templates create them.
  virtual std::string create_triggers(const model::Table& t) = 0;
  // One routine, as the templates create it.
  virtual std::string create_routine(const model::Routine& r) = 0;
};

struct Step {
  std::string title;                   // the change, for the file's comment
  std::string warning;                 // destructive or may fail
  bool destructive = false;
  std::vector<std::string> statements; // each a complete statement or script, without trailing ';' (unless it
                                       // sets its own terminators: a MySQL body between DELIMITER lines)
};

struct Plan {
  std::vector<Step> steps;
  [[nodiscard]] bool empty() const { return steps.empty(); }
  [[nodiscard]] bool destructive() const;
  // The steps as a SQL script: a comment per change, one statement per `;`.
  [[nodiscard]] std::string script() const;
};

[[nodiscard]] Plan plan(const std::vector<Change>& changes, const dialect::Dialect& d, DdlSource& ddl);

}  // namespace sf::diff
