// PostgreSQL stores a view as its parse tree and prints it back its own way
// (pg_get_viewdef: qualified columns, its own line breaks). The spec's body
// is printed the same way by creating it as a temporary view inside a
// transaction that is rolled back: the database is never changed.
#include "generator/dialect/inspect_support.hpp"
#include "generator/dialect/postgres/inspector.hpp"
#include "runtime/db/connection.hpp"

namespace sf::dialect {

std::map<std::string, Inspector::ViewBodies> PostgresInspector::view_bodies(
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

  // Creates the probes in one transaction that is always rolled back, in two
  // round trips (one script of CREATEs, one catalogue read) rather than two
  // per view; false if one fails (a failed statement ends a PostgreSQL
  // transaction).
  constexpr std::string_view probe_prefix = "sf_drift_probe_";  // the catalogue query's LIKE spells it escaped
  auto run = [&](std::size_t from, std::size_t to, std::map<std::string, ViewBodies>& out) {
    db::Transaction probe_only(c);
    try {
      std::string script;
      for (std::size_t i = from; i < to; ++i)
        script += "CREATE TEMP VIEW " + std::string(probe_prefix) + std::to_string(i) + " AS " + probes[i].select + "\n;\n";  // a body may end in a -- comment
      c.execute(script);
      const auto printed = c.query(
          "SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c "
          "WHERE c.relnamespace = pg_my_temp_schema() AND c.relkind = 'v' AND c.relname LIKE 'sf\\_drift\\_probe\\_%'");
      for (const auto& r : printed.rows) {
        const std::size_t i = std::stoul(db::as_string(r[0]).substr(probe_prefix.size()));
        if (i >= from && i < to) out[probes[i].view] = {collapse_space(db::as_string(r[1])), collapse_space(probes[i].live)};
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
