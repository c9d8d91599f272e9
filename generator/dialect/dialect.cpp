#include "generator/dialect/dialect.hpp"

#include <stdexcept>

#include "generator/dialect/mysql/mysql_dialect.hpp"
#include "generator/dialect/postgres/postgres_dialect.hpp"
#include "generator/dialect/sqlite/sqlite_dialect.hpp"
#include "generator/model/engines.hpp"

namespace sf::dialect {

const std::vector<const Dialect*>& all_dialects() {
  static const PostgresDialect pg;
  static const MysqlDialect my;
  static const SqliteDialect lite;
  static const std::vector<const Dialect*> all = {&pg, &my, &lite};
  return all;
}

const Dialect& dialect_named(std::string_view name) {
  const std::string n = model::canonical_engine(name);
  for (const Dialect* d : all_dialects())
    if (d->name() == n) return *d;
  throw std::invalid_argument("unknown dialect '" + std::string(name) + "' (known: " + model::engine_list() + ")");
}

}  // namespace sf::dialect
