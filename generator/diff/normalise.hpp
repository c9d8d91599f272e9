#pragma once
// The normalisation pass of drift (docs/drift.md): an inspected schema,
// spelled the way the specs spell whatever the engine cannot tell apart.
// After it, diff(live, specs) holds exactly what drifted, as typed changes
// over the real objects, so the report is rendered from those changes and
// --fix-sql is plan() of them: the very SQL a migration would write.
#include <set>
#include <string>

#include "generator/diff/change.hpp"
#include "generator/dialect/dialect.hpp"

namespace sf::diff {

struct Normalised {
  model::Schema live;  // each object the engine holds as the spec says replaced by the spec's own
  model::Schema spec;  // the specs as this engine sees them (diff::for_dialect)
  Renames renames;     // live columns that differ from a spec column by name alone
  // Both sides projected onto what the engine can tell apart
  // (Inspector::comparable): what the report shows of each object.
  model::Schema comparable_live, comparable_spec;
  bool named_constraints = true;  // false: the engine keeps no FK or unique key names (SQLite)
  std::string engine;             // the engine compared on
};

// `live` (from inspect) against `spec` (validated specs), on engine `d`.
// `drifted_views`: views whose bodies differ (found by probing the database),
// treated as missing so that diff() re-creates them.
[[nodiscard]] Normalised normalise(const model::Schema& live, const model::Schema& spec, const dialect::Dialect& d,
                                   const std::set<std::string>& drifted_views = {});

// What a foreign key links, "(created_by) -> users(id)": how drift names an
// FK where the engine keeps no FK names (SQLite).
[[nodiscard]] std::string foreign_key_link(const model::ForeignKey& f);
// A unique key's columns, "(provider, key_ref)": how drift names a unique key
// where the engine keeps no constraint names (SQLite).
[[nodiscard]] std::string key_columns(const model::Key& k);

// How drift names a unique key or FK on this engine: its name, or where the
// engine keeps none, its columns "(a, b)" / what it links "(a) -> t(id)".
[[nodiscard]] std::string identity(const model::Key& k, bool named_constraints);
[[nodiscard]] std::string identity(const model::ForeignKey& f, bool named_constraints);

}  // namespace sf::diff
