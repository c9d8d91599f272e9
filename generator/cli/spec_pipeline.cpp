#include "generator/cli/spec_pipeline.hpp"

#include <algorithm>
#include <set>

#include "generator/dialect/dialect.hpp"
#include "generator/validate/validate.hpp"

namespace sf::cli {
namespace {

validate::Options engine_rules() {
  validate::Options opts;
  for (const dialect::Dialect* d : dialect::all_dialects())
    opts.identifiers.push_back({
        .dialect = std::string(d->name()),
        .max_bytes = d->spelling().max_identifier_bytes(),
        .is_reserved = [d](std::string_view w) { return d->spelling().is_reserved(w); },
        .indexes_unbounded_text = d->create().indexes_unbounded_text(),
        .needs_index_prefix = [d](std::string_view type) { return d->create().needs_index_prefix(type); },
        .has_index_method = [d](std::string_view m) { return d->create().has_index_method(m); },
        .looks_up_whole_values = [d](std::string_view m) { return d->create().looks_up_whole_values(m); },
        .has_operator_classes = d->create().has_operator_classes(),
        .has_partial_indexes = d->create().has_partial_indexes(),
        .has_expression_indexes = d->create().has_expression_indexes(),
        .has_index_include = d->create().has_index_include(),
        .has_nulls_not_distinct = d->create().has_nulls_not_distinct(),
        .schema_wide_names = [d](std::string_view kind) { return d->create().schema_wide_names(kind); },
        .has_deferrable_foreign_keys = d->create().has_deferrable_foreign_keys(),
        .has_deferrable_unique_keys = d->create().has_deferrable_unique_keys(),
        .refuses_set_null_on_not_null = d->create().refuses_set_null_on_not_null(),
        .has_unsigned = d->spelling().has_unsigned_integers(),
        .identity_only_whole_primary_key = d->create().identity_placement() == dialect::CreateStatements::IdentityPlacement::whole_primary_key,
        .identity_needs_leading_key = d->create().identity_placement() == dialect::CreateStatements::IdentityPlacement::leading_key_column,
        .clock_defaults_only_on_timestamps = d->create().clock_defaults_only_on_timestamps(),
        .foreign_keys_need_matching_types = d->create().foreign_keys_need_matching_types(),
        .has_virtual_generated_columns = d->create().has_virtual_generated_columns(),
        .generated_columns_take_not_null = d->create().generated_columns_take_not_null(),
        .has_invisible_columns = d->create().has_invisible_columns(),
        .invisible_not_null_needs_default = d->create().invisible_not_null_needs_default(),
        .refused_table_options = [d](const model::Table& t) { return d->create().refused_table_options(t); },
    });
  return opts;
}

// The table a diagnostic is about: the one that has a part at exactly that
// place, else the one whose definition starts nearest above it in the same file.
const model::Table* owner(const model::Schema& s, const model::SourceLoc& at) {
  auto here = [&](const auto& items) {
    return std::any_of(items.begin(), items.end(), [&](const auto& i) { return i.loc == at; });
  };
  for (const auto& t : s.tables)
    if (t.loc == at || here(t.columns) || here(t.uniques) || here(t.indexes) || here(t.foreign_keys) || here(t.checks) ||
        here(t.views) || (t.primary_key && t.primary_key->loc == at))
      return &t;
  const model::Table* nearest = nullptr;
  for (const auto& t : s.tables)
    if (t.loc.file == at.file && t.loc.line <= at.line && (!nearest || t.loc.line > nearest->loc.line)) nearest = &t;
  return nearest;
}

}  // namespace

ingest::LoadResult load_and_validate(const std::vector<std::filesystem::path>& specs) {
  ingest::LoadResult r = ingest::load_specs(specs);
  if (!r.diagnostics.has_errors()) validate::validate(r.schema, engine_rules(), r.diagnostics);
  r.diagnostics.sort();
  return r;
}

ValidPart load_valid_part(const std::vector<std::filesystem::path>& specs) {
  ValidPart out;
  out.loaded = ingest::load_specs(specs);
  ingest::LoadResult& r = out.loaded;
  for (const auto& f : r.rejected_files) out.skipped.push_back(f + ": not read (its errors are listed above)");
  // Ingest errors outside the rejected files (a table defined twice) belong to no table.
  for (const auto& d : r.diagnostics.items())
    if (d.severity == model::Severity::error &&
        std::find(r.rejected_files.begin(), r.rejected_files.end(), d.loc.file) == r.rejected_files.end())
      out.complete = false;

  // Validate, set aside the tables with errors, and again: a table whose FK
  // reached a table set aside fails the next round, and goes too.
  const validate::Options rules = engine_rules();
  model::Schema candidates = r.schema;
  for (bool first = true;; first = false) {
    model::Schema s = candidates;
    model::Diagnostics found;
    validate::validate(s, rules, found);
    if (first) r.diagnostics.append(found);  // every finding once, as `check` reports it
    std::set<std::string> bad;
    for (const auto& d : found.items()) {
      if (d.severity != model::Severity::error) continue;
      const model::Table* t = owner(candidates, d.loc);
      if (!t) {
        out.complete = false;
        continue;
      }
      if (bad.insert(t->name).second) out.skipped.push_back(t->name + ": " + d.message);
    }
    if (bad.empty() || !out.complete) {
      r.schema = std::move(s);
      break;
    }
    std::erase_if(candidates.tables, [&](const model::Table& t) { return bad.count(t.name) > 0; });
  }
  r.diagnostics.sort();
  return out;
}

}  // namespace sf::cli
