// Target engines: a table targets only engines its project targets, and is
// created only where every table its foreign keys reference is created too
// (an FK to a table an engine never creates is DDL that engine refuses).
#include <algorithm>
#include <map>

#include "generator/model/engines.hpp"
#include "generator/model/strings.hpp"
#include "generator/model/targets.hpp"
#include "generator/validate/validate.hpp"
#include "generator/validate/warning_rules.hpp"

namespace sf::validate {

namespace {

// A trigger name is taken once per table or once per schema, with or
// without case, as each engine keys them (model::TriggerNames): a second
// CREATE TRIGGER of a taken name fails.
void check_trigger_names(const model::Schema& schema, model::Diagnostics& diags) {
  for (const auto& e : model::project_engines(schema)) {
    std::map<std::string, std::pair<const model::Table*, const model::Trigger*>> taken;
    for (const auto& t : schema.tables) {
      if (!model::targets(schema, t, e)) continue;
      for (const auto& tr : t.triggers) {
        if (!tr.sql.count(e)) continue;
        const model::TriggerNames names = model::trigger_names(e);
        const std::string scope = names == model::TriggerNames::per_table ? t.name + "." : std::string{};
        const std::string key = scope + (names == model::TriggerNames::per_schema_any_case ? model::lower(tr.name) : tr.name);
        const auto [it, fresh] = taken.try_emplace(key, &t, &tr);
        if (fresh) continue;
        const auto& [other_table, other] = it->second;
        const std::string where = other->loc.known() ? " (" + other->loc.str() + ")" : std::string{};
        diags.error(tr.loc, "trigger '" + tr.name + "' of '" + t.name + "': " + e + " names triggers once per " +
                                (scope.empty() ? "schema" : "table") + ", and '" + other_table->name + "' has one named '" + other->name +
                                "'" + where + "; rename one");
      }
    }
  }
}

}  // namespace

void check_targets(const model::Schema& schema, model::Diagnostics& diags) {
  const std::vector<std::string> project = model::project_engines(schema);
  for (const auto& t : schema.tables) {
    for (const auto& e : t.engines)
      if (!model::project_targets(schema, e))
        diags.error(t.loc, "table '" + t.name + "' targets " + e + ", which the project does not (schemaforge.yaml: engines: [" +
                               model::join(project) + "]); add it there or leave it out here");
    for (const auto& fk : t.foreign_keys) {
      const model::Table* target = schema.find_table(fk.ref_table);
      if (!target) continue;  // external, or reported by check_tables
      std::vector<std::string> missing;
      for (const auto& e : model::table_engines(schema, t))
        if (model::project_targets(schema, e) && !model::targets(schema, *target, e)) missing.push_back(e);
      if (!missing.empty())
        diags.error(fk.loc, "foreign key '" + fk.name + "' of '" + t.name + "' references '" + fk.ref_table + "', which is not created on " +
                                model::join(missing) + " (its engines: " + model::join(model::table_engines(schema, *target)) +
                                "); target the same engines with both tables, or narrow '" + t.name + "'");
    }
    // A trigger is each engine's own statement: one for an engine the table
    // is not created on cannot be created; a targeted engine without one
    // gets no trigger, which is worth saying.
    const std::vector<std::string> engines = model::table_engines(schema, t);
    for (const auto& tr : t.triggers) {
      std::vector<std::string> without, with;
      for (const auto& [e, sql] : tr.sql) with.push_back(e);
      for (const auto& e : engines)
        if (!tr.sql.count(e)) without.push_back(e);
      for (const auto& [e, sql] : tr.sql)
        if (std::find(engines.begin(), engines.end(), e) == engines.end())
          diags.error(tr.loc, "trigger '" + tr.name + "' of '" + t.name + "' is written for " + e + ", which the table is not created on (its engines: " +
                                  model::join(engines) + "); drop that statement or target " + e);
      if (!without.empty() && without.size() < engines.size())
        warn(diags, t, tr.loc, "trigger '" + tr.name + "' of '" + t.name + "' has no statement for " + model::join(without) +
                                   ", which the table targets: it exists only on " + model::join(with),
             rule::trigger_not_everywhere);
    }
  }
  check_trigger_names(schema, diags);
  for (const auto& r : schema.routines)
    for (const auto& [e, sql] : r.sql)
      if (!model::has_stored_routines(e))
        diags.error(r.loc, "routine '" + r.name + "' is written for " + e + ", which keeps no stored routines; drop that statement");
      else if (!model::project_targets(schema, e))
        diags.error(r.loc, "routine '" + r.name + "' is written for " + e + ", which the project does not target (engines: " +
                               model::join(project) + ")");
}

}  // namespace sf::validate
