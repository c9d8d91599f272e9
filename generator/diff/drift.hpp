#pragma once
// Drift: what a live database has that the specs do not say, and the other
// way round. The inspected schema is first normalised toward the specs
// (normalise.hpp: whatever the engine cannot tell apart from the spec's
// spelling becomes the spec's), so a drift report never cries wolf over
// spellings (int4/integer, tinyint(1)/boolean, quoted defaults, engine-named
// constraints); then the one diff() finds the changes, and each change the
// engine can tell apart becomes one item. --fix-sql is plan() of the same
// changes.
#include <map>
#include <string>
#include <vector>

#include "generator/diff/change.hpp"
#include "generator/diff/normalise.hpp"

namespace sf::diff {

struct DriftItem {
  std::string table;
  std::string kind;      // missing_table, extra_table, primary_key_differs, missing_column, extra_column, column_renamed, column_type,
                         // column_nullability, column_default, column_collation, column_generated, missing_index, extra_index, index_differs,
                         // missing_unique, extra_unique, unique_differs, missing_foreign_key, extra_foreign_key,
                         // foreign_key_differs, missing_check, extra_check, missing_view, extra_view, view_differs,
                         // missing_extension, extra_extension (table "": schema-wide)
  std::string object;    // the column / index / key / FK / check / view
  std::string spec;      // what the specs want ("" when they want nothing)
  std::string database;  // what the database has ("" when it has nothing)
  [[nodiscard]] std::string message() const;
};

struct DriftReport {
  std::vector<DriftItem> items;  // grouped by table, in schema order
  [[nodiscard]] bool clean() const { return items.empty(); }
};

// The changes from the normalised live schema to the specs (diff(n.live,
// n.spec, n.renames)) as drift items, each object described as the engine
// tells it apart. View names are compared apart (the generated set is the
// templates' to say): table -> the views each side has.
[[nodiscard]] DriftReport drift(const std::vector<Change>& changes, const Normalised& n,
                                const std::map<std::string, std::vector<std::string>>& live_views,
                                const std::map<std::string, std::vector<std::string>>& spec_views);

// The whole comparison for one engine: normalise, diff, render.
// `drifted_views`: view_differs items found by probing the database's view
// bodies (which needs a connection, so the caller does it); those views are
// re-created by the changes, and the items join the report.
struct DriftCheck {
  Normalised normalised;
  std::vector<Change> changes;  // what --fix-sql plans
  DriftReport report;
};
[[nodiscard]] DriftCheck check_drift(const model::Schema& live, const model::Schema& spec, const dialect::Dialect& d,
                                     const std::map<std::string, std::vector<std::string>>& live_views,
                                     const std::map<std::string, std::vector<std::string>>& spec_views,
                                     const std::vector<DriftItem>& drifted_views = {});

// A view_differs item for `table`.`view`: spec and database show the bodies
// from a little before their first difference (whole bodies are long).
[[nodiscard]] DriftItem view_differs(const std::string& table, const std::string& view, const std::string& spec_body,
                                     const std::string& database_body);

// Adds `item` to `report` after the other items of its table (keeps the grouping).
void add_item(DriftReport& report, DriftItem item);


}  // namespace sf::diff
