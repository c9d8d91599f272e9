#include <algorithm>

#include "generator/model/default_value.hpp"
#include "generator/model/targets.hpp"
#include "generator/validate/validate.hpp"

namespace sf::validate {

// - A quoted number default on a numeric column is that number (settle_quoted_defaults).
// - `REFERENCES t` without columns means t's primary key.
// - An identity integer key is unsigned where its table targets an engine
//   with unsigned integers (MySQL: BIGINT UNSIGNED AUTO_INCREMENT), unless the
//   spec said signed; and so is every integer column that references an
//   unsigned column: InnoDB refuses FKs whose signedness differs. Propagated
//   to a fixed point for chains.
void resolve_references(model::Schema& schema, const std::vector<IdentifierRules>& rules, model::Diagnostics& diags) {
  auto has_unsigned = [&](const model::Table& t) {
    return std::any_of(rules.begin(), rules.end(), [&](const IdentifierRules& r) { return r.has_unsigned && model::targets(schema, t, r.dialect); });
  };
  for (auto& t : schema.tables) {
    for (auto& c : t.columns) model::settle_quoted_defaults(c);  // '0' on an int column is 0
    for (auto& fk : t.foreign_keys) {
      if (!fk.ref_columns.empty()) continue;
      const model::Table* target = schema.find_table(fk.ref_table);
      if (target && target->primary_key) fk.ref_columns = target->primary_key->columns;
    }
    if (t.primary_key && t.primary_key->columns.size() == 1) {
      model::Column* c = t.find_column(t.primary_key->columns.front());
      if (c && c->identity && c->type.is_integer() && !c->keep_signed && has_unsigned(t)) c->is_unsigned = true;
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& t : schema.tables) {
      for (const auto& fk : t.foreign_keys) {
        const model::Table* target = schema.find_table(fk.ref_table);
        if (!target || fk.columns.size() != fk.ref_columns.size()) continue;
        for (std::size_t i = 0; i < fk.columns.size(); ++i) {
          const model::Column* ref = target->find_column(fk.ref_columns[i]);
          model::Column* col = t.find_column(fk.columns[i]);
          if (!ref || !col || !ref->is_unsigned || col->is_unsigned || !col->type.is_integer()) continue;
          col->is_unsigned = true;
          changed = true;
          diags.note(col->loc, t.name + "." + col->name + " made unsigned to match " + target->name + "." + ref->name);
        }
      }
    }
  }
}

}  // namespace sf::validate
