// PostgreSQL stores a view as its parse tree and prints it back its own way
// (pg_get_viewdef: qualified columns, its own line breaks). The spec's body
// is printed the same way by creating it as a temporary view inside a
// transaction that is rolled back: the database is never changed.
#include "generator/dialect/inspect_support.hpp"
#include "generator/dialect/postgres/postgres_dialect.hpp"
#include "runtime/db/connection.hpp"

namespace sf::dialect {

std::map<std::string, Dialect::ViewBodies> PostgresDialect::view_bodies(
    db::Connection& c, const std::map<std::string, std::string>& create_statements) const {
  std::map<std::string, std::string> live;
  for (const auto& r : c.query("SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema()").rows)
    live[db::as_string(r[0])] = db::as_string(r[1]);
  struct Probe {
    std::string view, select, live;
  };
  std::vector<Probe> probes;
  for (const auto& [name, create] : create_statements)
    if (auto have = live.find(name); have != live.end())
      if (std::string select = view_select(create); !select.empty()) probes.push_back({name, std::move(select), have->second});

  // Creates the probes in one transaction that is always rolled back; false
  // if one fails (a failed statement ends a PostgreSQL transaction).
  auto run = [&](std::size_t from, std::size_t to, std::map<std::string, ViewBodies>& out) {
    db::Transaction probe_only(c);
    try {
      for (std::size_t i = from; i < to; ++i) {
        const std::string probe = "sf_drift_probe_" + std::to_string(i);
        c.execute("CREATE TEMP VIEW " + probe + " AS " + probes[i].select);
        const std::string spec = db::as_string(c.query("SELECT pg_get_viewdef(" + string_literal(probe) + "::regclass)").scalar());
        out[probes[i].view] = {collapse_space(spec), collapse_space(probes[i].live)};
      }
    } catch (const db::DbError&) {
      probe_only.rollback();
      return false;
    }
    probe_only.rollback();
    return true;
  };
  std::map<std::string, ViewBodies> out;
  if (run(0, probes.size(), out)) return out;
  // Some body no longer fits its table (a column drifted away, reported on
  // the table): probe one by one and leave that view out.
  out.clear();
  for (std::size_t i = 0; i < probes.size(); ++i) run(i, i + 1, out);
  return out;
}

}  // namespace sf::dialect
