// Target engines: a table targets only engines its project targets, and is
// created only where every table its foreign keys reference is created too
// (an FK to a table an engine never creates is DDL that engine refuses).
#include <algorithm>

#include "generator/model/strings.hpp"
#include "generator/model/targets.hpp"
#include "generator/validate/validate.hpp"

namespace sf::validate {

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
  }
}

}  // namespace sf::validate
