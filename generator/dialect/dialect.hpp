#pragma once
// Everything one database engine does differently lives behind this interface,
// one implementation per folder (postgres/, mysql/, sqlite/). Rooms outside
// generator/dialect never branch on the engine; they ask the dialect.
//
// A Dialect is the registry entry of one engine: it hands out the engine's
// facets, each one concept in its own header and each engine's
// implementation in its folder (<engine>/<facet>.hpp):
//   spelling()  — types and quoting            (spelling.hpp)
//   create()    — CREATE TABLE / INDEX / VIEW  (create_statements.hpp)
//   alter()     — ALTER, rebuilds, migrations  (alter_statements.hpp)
//   inspector() — inspection and comparison    (inspector.hpp)
#include <string>
#include <string_view>
#include <vector>

#include "generator/dialect/alter_statements.hpp"
#include "generator/dialect/create_statements.hpp"
#include "generator/dialect/inspector.hpp"
#include "generator/dialect/spelling.hpp"

namespace sf::dialect {

class Dialect {
 public:
  Dialect() = default;
  Dialect(const Dialect&) = delete;  // the facets refer to each other inside one dialect
  Dialect& operator=(const Dialect&) = delete;
  virtual ~Dialect() = default;

  // "postgres", "mysql" or "sqlite": the key used for per-dialect entries in the model.
  [[nodiscard]] std::string_view name() const { return spelling().name(); }

  // Types and quoting: how this engine writes names, literals and columns.
  [[nodiscard]] virtual const Spelling& spelling() const = 0;
  // CREATE: table options, index targets and features, default view flags.
  [[nodiscard]] virtual const CreateStatements& create() const = 0;
  // ALTER: one change's statements, the table rebuild, how a migration runs.
  [[nodiscard]] virtual const AlterStatements& alter() const = 0;
  // Inspection (drift, `schemaforge inspect`): the catalogue read, view
  // bodies, and what the engine can tell apart.
  [[nodiscard]] virtual const Inspector& inspector() const = 0;

  // The spellings nearly every statement needs, reachable directly.
  [[nodiscard]] std::string quote(std::string_view identifier) const { return spelling().quote(identifier); }
  [[nodiscard]] std::string quote_list(const std::vector<std::string>& names) const { return spelling().quote_list(names); }
};

// The dialect called `name` ("postgres"/"postgresql", "mysql"/"mariadb", "sqlite");
// throws std::invalid_argument naming the known ones otherwise.
[[nodiscard]] const Dialect& dialect_named(std::string_view name);
// postgres, mysql, sqlite: the order output is written in.
[[nodiscard]] const std::vector<const Dialect*>& all_dialects();

}  // namespace sf::dialect
