#pragma once
// The resolve step: every object `generate` creates beside what the specs
// declare is put into the model, so that diff, plan, drift, docs and the
// dependency order read it there instead of learning its name from rendered
// SQL. Today those are the views the templates write for each table:
//   vw_<table>          every column (and is_<state> flags on job tables),
//   vw_<table>_status   jobs per state, on job tables only.
// A view the spec declares under one of those names (for its MySQL flags)
// becomes that generated view.
#include "generator/model/schema.hpp"

namespace sf::model {

// Which roles are generated is the project's choice (schemaforge.yaml
// `generated_views:`, default every role) and a table's (its own
// `generated_views:`): an adopted database starts with none, so drift expects
// exactly the views the spec declares.

// Whether generate adds `t` a view of `role`.
[[nodiscard]] bool generates_view(const Schema& s, const Table& t, std::string_view role);

// The name generate gives a table's view of `role` (view_role::contract, ::status).
[[nodiscard]] std::string generated_view_name(const Table& t, std::string_view role);

// The roles of the generated views an inspected table has: nullopt where
// it has generate's contract view (a database schemaforge created: every
// role, the project's default), else the ones it has (none for a database
// schemaforge did not create), so drift expects just those.
[[nodiscard]] std::optional<std::vector<std::string>> generated_view_roles(const Table& t);

// Adds (or marks) each table's generated views, first in its view list:
// the contract view, then the status view where the table is a job table;
// drops a status view that a table no longer a job table still carries, and
// generated views named for what the table was called before.
// Idempotent, so a schema read back from JSON (a migration snapshot) can be
// resolved again.
void resolve_generated_views(Schema& s);

}  // namespace sf::model
