#include "generator/model/yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include "generator/model/generated_views.hpp"

namespace sf::model {
namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Engines that keep no constraint names (SQLite) leave them empty; a spec
// needs one, so it is derived from the table and columns.
std::string name_or(const std::string& name, const std::string& prefix, const Table& t, const std::vector<std::string>& cols) {
  if (!name.empty()) return name;
  std::string out = prefix + "_" + t.name;
  for (const auto& c : cols) out += "_" + c;
  return out;
}

// A view generate writes: resolved as one, or an inspected view under the
// name generate gives it. The spec read back gets it again either way.
bool generated_view(const Table& t, const View& v) {
  return !v.generated.empty() || v.name == generated_view_name(t, view_role::contract) ||
         v.name == generated_view_name(t, view_role::status);
}

void names(YAML::Emitter& e, const std::vector<std::string>& v) {
  e << YAML::Flow << YAML::BeginSeq;
  for (const auto& s : v) e << s;
  e << YAML::EndSeq;
}

// A quoted scalar is a string default to the reader; anything else is classified.
void default_value(YAML::Emitter& e, const DefaultValue& v) {
  switch (v.kind) {
    case DefaultValue::Kind::none:
    case DefaultValue::Kind::null: e << YAML::Null; break;
    case DefaultValue::Kind::string: e << YAML::DoubleQuoted << v.text; break;
    default: e << v.text; break;
  }
}

// `default:` one value, or a map of engine to value; nothing for no default.
void emit_default(YAML::Emitter& e, const Column& c) {
  if (!c.native_defaults.empty()) {
    e << YAML::Key << "default" << YAML::Value << YAML::BeginMap;
    for (const auto& [d, v] : c.native_defaults) {
      e << YAML::Key << d << YAML::Value;
      default_value(e, v);
    }
    e << YAML::EndMap;
  } else if (c.default_value.present()) {
    e << YAML::Key << "default" << YAML::Value;
    default_value(e, c.default_value);
  }
}

void column(YAML::Emitter& e, const Column& c) {
  const bool plain = !c.nullable && !c.has_default() && c.on_update.empty() && !c.identity && !c.is_unsigned &&
                     !c.generate_uuid && !c.invisible && c.description.empty() && c.native_types.empty() && c.collations.empty() &&
                     !c.generated;
  e << YAML::Key << c.name;
  if (plain) {
    e << YAML::Value << to_string(c.type);
    return;
  }
  e << YAML::Value << YAML::BeginMap << YAML::Key << "type" << YAML::Value << to_string(c.type);
  if (c.nullable && !c.identity) e << YAML::Key << "nullable" << YAML::Value << true;
  emit_default(e, c);
  if (!c.on_update.empty()) e << YAML::Key << "on_update" << YAML::Value << c.on_update;
  if (c.identity) e << YAML::Key << "identity" << YAML::Value << true;
  if (c.is_unsigned) e << YAML::Key << "unsigned" << YAML::Value << true;
  else if (c.keep_signed || (c.identity && c.type.is_integer())) e << YAML::Key << "unsigned" << YAML::Value << false;  // stays signed
  if (c.generate_uuid) e << YAML::Key << "uuid" << YAML::Value << true;
  if (c.invisible) e << YAML::Key << "invisible" << YAML::Value << true;
  if (c.generated && c.generated->stored) {
    e << YAML::Key << "generated" << YAML::Value << YAML::BeginMap << YAML::Key << "as" << YAML::Value << c.generated->expression
      << YAML::Key << "stored" << YAML::Value << true << YAML::EndMap;
  } else if (c.generated) {
    e << YAML::Key << "generated" << YAML::Value << c.generated->expression;
  }
  if (!c.native_types.empty()) {
    e << YAML::Key << "native" << YAML::Value << YAML::BeginMap;
    for (const auto& [d, t] : c.native_types) e << YAML::Key << d << YAML::Value << t;
    e << YAML::EndMap;
  }
  if (!c.collations.empty()) {
    e << YAML::Key << "collation" << YAML::Value << YAML::BeginMap;
    for (const auto& [d, name] : c.collations) e << YAML::Key << d << YAML::Value << name;
    e << YAML::EndMap;
  }
  if (!c.description.empty()) e << YAML::Key << "description" << YAML::Value << c.description;
  e << YAML::EndMap;
}

// A plain unique key is its column list; a deferrable or NULLS NOT DISTINCT one a map.
void emit_unique_key(YAML::Emitter& e, const Table& t, const Key& k) {
  e << YAML::Key << name_or(k.name, "uq", t, k.columns) << YAML::Value;
  if (k.deferral == Deferral::none && !k.nulls_not_distinct) {
    names(e, k.columns);
    return;
  }
  e << YAML::BeginMap << YAML::Key << "columns" << YAML::Value;
  names(e, k.columns);
  if (k.deferral != Deferral::none) e << YAML::Key << "deferrable" << YAML::Value << std::string(to_word(k.deferral));
  if (k.nulls_not_distinct) e << YAML::Key << "nulls_not_distinct" << YAML::Value << true;
  e << YAML::EndMap;
}

void emit_unique_keys(YAML::Emitter& e, const Table& t) {
  if (t.uniques.empty()) return;
  e << YAML::Key << "unique_keys" << YAML::Value << YAML::BeginMap;
  for (const auto& k : t.uniques) emit_unique_key(e, t, k);
  e << YAML::EndMap;
}

// A plain index is just its column list; one with anything more is a map.
void emit_index(YAML::Emitter& e, const Index& i) {
  std::vector<std::string> cols;
  for (const auto& c : i.columns) cols.push_back(to_string(c));
  e << YAML::Key << i.name << YAML::Value;
  if (!i.unique && i.dialects.empty() && i.method.empty() && i.where.empty() && i.include.empty()) {
    names(e, cols);
    return;
  }
  e << YAML::BeginMap << YAML::Key << "columns" << YAML::Value;
  names(e, cols);
  if (i.unique) e << YAML::Key << "unique" << YAML::Value << true;
  if (!i.method.empty()) e << YAML::Key << "using" << YAML::Value << i.method;
  if (!i.where.empty()) e << YAML::Key << "where" << YAML::Value << i.where;
  if (!i.include.empty()) {
    e << YAML::Key << "include" << YAML::Value;
    names(e, i.include);
  }
  if (i.nulls_not_distinct) e << YAML::Key << "nulls_not_distinct" << YAML::Value << true;
  if (!i.dialects.empty()) {
    e << YAML::Key << "dialects" << YAML::Value;
    names(e, i.dialects);
  }
  e << YAML::EndMap;
}

void emit_indexes(YAML::Emitter& e, const Table& t) {
  if (t.indexes.empty()) return;
  e << YAML::Key << "indexes" << YAML::Value << YAML::BeginMap;
  for (const auto& i : t.indexes) emit_index(e, i);
  e << YAML::EndMap;
}

void emit_foreign_key(YAML::Emitter& e, const Table& t, const ForeignKey& f) {
  e << YAML::Key << name_or(f.name, "fk", t, f.columns) << YAML::Value << YAML::BeginMap << YAML::Key << "columns"
    << YAML::Value;
  names(e, f.columns);
  e << YAML::Key << "references" << YAML::Value << f.ref_table + "(" + joined(f.ref_columns) + ")";
  if (f.on_delete != FkAction::no_action) e << YAML::Key << "on_delete" << YAML::Value << std::string(to_string(f.on_delete));
  if (f.on_update != FkAction::no_action) e << YAML::Key << "on_update" << YAML::Value << std::string(to_string(f.on_update));
  if (f.deferral != Deferral::none)
    e << YAML::Key << "deferrable" << YAML::Value << std::string(to_word(f.deferral));
  e << YAML::EndMap;
}

void emit_foreign_keys(YAML::Emitter& e, const Table& t) {
  if (t.foreign_keys.empty()) return;
  e << YAML::Key << "foreign_keys" << YAML::Value << YAML::BeginMap;
  for (const auto& f : t.foreign_keys) emit_foreign_key(e, t, f);
  e << YAML::EndMap;
}

void emit_checks(YAML::Emitter& e, const Table& t) {
  if (t.checks.empty()) return;
  e << YAML::Key << "checks" << YAML::Value << YAML::BeginMap;
  for (const auto& c : t.checks) e << YAML::Key << c.name << YAML::Value << c.expression;
  e << YAML::EndMap;
}

void emit_generated_views(YAML::Emitter& e, const Table& t) {
  const std::optional<std::vector<std::string>> roles = generated_view_roles(t);
  if (!roles) return;
  e << YAML::Key << "generated_views" << YAML::Value;
  names(e, *roles);
}

// Only the views the spec declares: the generated ones come back when the spec is read.
void emit_views(YAML::Emitter& e, const Table& t) {
  bool any_view = false;
  for (const auto& v : t.views) {
    if (generated_view(t, v) || v.sql.empty()) continue;
    if (!any_view) e << YAML::Key << "views" << YAML::Value << YAML::BeginMap;
    any_view = true;
    e << YAML::Key << v.name << YAML::Value << YAML::BeginMap << YAML::Key << "sql" << YAML::Value << YAML::Literal << v.sql
      << YAML::EndMap;
  }
  if (any_view) e << YAML::EndMap;
}

// A statement as a literal block where YAML can hold it so (the text starts
// with no space and no line ends in one), quoted otherwise.
void emit_statement(YAML::Emitter& e, const std::string& sql) {
  const bool literal = !sql.empty() && sql.front() != ' ' && sql.front() != '\t' && sql.find(" \n") == std::string::npos &&
                       sql.find("\t\n") == std::string::npos && sql.find('\r') == std::string::npos && sql.back() != ' ';
  if (literal && sql.find('\n') != std::string::npos) e << YAML::Literal << sql;
  else if (literal) e << sql;
  else e << YAML::DoubleQuoted << sql;
}

// name: {engine: statement} for each trigger or routine, under `key:`.
template <typename T>
void emit_statements(YAML::Emitter& e, const char* key, const std::vector<T>& items) {
  if (items.empty()) return;
  e << YAML::Key << key << YAML::Value << YAML::BeginMap;
  for (const auto& x : items) {
    e << YAML::Key << x.name << YAML::Value << YAML::BeginMap;
    for (const auto& [engine, sql] : x.sql) {
      e << YAML::Key << engine << YAML::Value;
      emit_statement(e, sql);
    }
    e << YAML::EndMap;
  }
  e << YAML::EndMap;
}

void emit_options(YAML::Emitter& e, const Table& t) {
  if (t.options.empty()) return;
  e << YAML::Key << "options" << YAML::Value << YAML::BeginMap;
  for (const auto& [d, opts] : t.options) {
    e << YAML::Key << d << YAML::Value << YAML::BeginMap;
    for (const auto& [k, v] : opts) e << YAML::Key << k << YAML::Value << v;
    e << YAML::EndMap;
  }
  e << YAML::EndMap;
}

void table(YAML::Emitter& e, const Table& t) {
  e << YAML::Key << t.name << YAML::Value << YAML::BeginMap;
  if (!t.description.empty()) e << YAML::Key << "description" << YAML::Value << t.description;
  if (t.primary_key) {
    e << YAML::Key << "primary_key" << YAML::Value;
    if (t.primary_key->name.empty()) {
      names(e, t.primary_key->columns);
    } else {  // a name the engine would not give it (PostgreSQL: not <table>_pkey)
      e << YAML::BeginMap << YAML::Key << "name" << YAML::Value << t.primary_key->name << YAML::Key << "columns" << YAML::Value;
      names(e, t.primary_key->columns);
      e << YAML::EndMap;
    }
  }
  e << YAML::Key << "columns" << YAML::Value << YAML::BeginMap;
  for (const auto& c : t.columns) column(e, c);
  e << YAML::EndMap;
  emit_unique_keys(e, t);
  emit_indexes(e, t);
  emit_foreign_keys(e, t);
  emit_checks(e, t);
  emit_generated_views(e, t);
  emit_views(e, t);
  emit_statements(e, "triggers", t.triggers);
  emit_options(e, t);
  e << YAML::EndMap;
}

// A column patch that makes `doc`'s column `want`: every attribute that can
// differ, stated even where it is false, since the patch only sets what it says.
void column_patch(YAML::Emitter& e, const Column& want, const Column& doc) {
  e << YAML::Key << want.name << YAML::Value << YAML::BeginMap << YAML::Key << "type" << YAML::Value << to_string(want.type);
  e << YAML::Key << "nullable" << YAML::Value << want.nullable;
  emit_default(e, want);
  if (!want.on_update.empty()) e << YAML::Key << "on_update" << YAML::Value << want.on_update;
  if (want.identity != doc.identity) e << YAML::Key << "identity" << YAML::Value << want.identity;
  if (want.is_unsigned) e << YAML::Key << "unsigned" << YAML::Value << true;
  else if (want.keep_signed || doc.is_unsigned) e << YAML::Key << "unsigned" << YAML::Value << false;
  if (want.generate_uuid != doc.generate_uuid) e << YAML::Key << "uuid" << YAML::Value << want.generate_uuid;
  if (want.invisible != doc.invisible) e << YAML::Key << "invisible" << YAML::Value << want.invisible;
  if (want.generated && want.generated->stored) {
    e << YAML::Key << "generated" << YAML::Value << YAML::BeginMap << YAML::Key << "as" << YAML::Value << want.generated->expression
      << YAML::Key << "stored" << YAML::Value << true << YAML::EndMap;
  } else if (want.generated) {
    e << YAML::Key << "generated" << YAML::Value << want.generated->expression;
  }
  for (const auto& [key, map] : {std::pair{"native", &want.native_types}, std::pair{"collation", &want.collations}}) {
    if (map->empty()) continue;
    e << YAML::Key << key << YAML::Value << YAML::BeginMap;
    for (const auto& [d, v] : *map) e << YAML::Key << d << YAML::Value << v;
    e << YAML::EndMap;
  }
  if (want.description != doc.description) e << YAML::Key << "description" << YAML::Value << want.description;
  e << YAML::EndMap;
}

// `key:` followed by the items of `want` that `doc` has not, or has otherwise (by name).
template <typename T, typename Emit>
void changed_items(YAML::Emitter& e, const char* key, const std::vector<T>& want, const std::vector<T>& doc, Emit emit) {
  bool open = false;
  for (const auto& item : want) {
    auto same = std::find_if(doc.begin(), doc.end(), [&](const T& d) { return d.name == item.name; });
    if (same != doc.end() && *same == item) continue;
    if (!open) e << YAML::Key << key << YAML::Value << YAML::BeginMap;
    open = true;
    emit(item);
  }
  if (open) e << YAML::EndMap;
}

}  // namespace

std::string spec_name(const Table& t, const Key& k) { return name_or(k.name, "uq", t, k.columns); }

std::string to_yaml_overlay_text(const Table& want, const Table& doc, const std::string& header_comment) {
  YAML::Emitter e;
  if (!header_comment.empty()) e << YAML::Comment(header_comment) << YAML::Newline;
  e << YAML::BeginMap << YAML::Key << "overlays" << YAML::Value << YAML::BeginMap << YAML::Key << want.name << YAML::Value
    << YAML::BeginMap;
  const auto start = std::string(e.c_str()).size();
  if (want.description != doc.description) e << YAML::Key << "description" << YAML::Value << want.description;
  if (want.primary_key && want.primary_key != doc.primary_key) {
    e << YAML::Key << "primary_key" << YAML::Value << YAML::BeginMap;
    if (!want.primary_key->name.empty()) e << YAML::Key << "name" << YAML::Value << want.primary_key->name;
    e << YAML::Key << "columns" << YAML::Value;
    names(e, want.primary_key->columns);
    e << YAML::EndMap;
  }
  bool open = false;
  for (const auto& c : want.columns) {
    const Column* d = doc.find_column(c.name);
    if (!d || *d == c) continue;
    if (!open) e << YAML::Key << "columns" << YAML::Value << YAML::BeginMap;
    open = true;
    column_patch(e, c, *d);
  }
  if (open) e << YAML::EndMap;
  changed_items(e, "unique_keys", want.uniques, doc.uniques, [&](const Key& k) { emit_unique_key(e, want, k); });
  changed_items(e, "indexes", want.indexes, doc.indexes, [&](const Index& i) { emit_index(e, i); });
  changed_items(e, "foreign_keys", want.foreign_keys, doc.foreign_keys, [&](const ForeignKey& f) { emit_foreign_key(e, want, f); });
  changed_items(e, "checks", want.checks, doc.checks, [&](const Check& c) { e << YAML::Key << c.name << YAML::Value << c.expression; });
  if (want.generated_views != doc.generated_views) emit_generated_views(e, want);
  emit_views(e, want);
  if (want.triggers != doc.triggers) emit_statements(e, "triggers", want.triggers);
  if (want.options != doc.options) emit_options(e, want);
  if (std::string(e.c_str()).size() == start) return {};
  e << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

std::string to_yaml_text(const Schema& s, const std::string& header_comment) {
  YAML::Emitter e;
  if (!header_comment.empty()) e << YAML::Comment(header_comment) << YAML::Newline;
  e << YAML::BeginMap << YAML::Key << "tables" << YAML::Value << YAML::BeginMap;
  for (const auto& t : s.tables) table(e, t);
  e << YAML::EndMap;
  if (!s.external_tables.empty()) {
    e << YAML::Key << "external_tables" << YAML::Value;
    names(e, s.external_tables);
  }
  if (!s.extensions.empty()) {
    e << YAML::Key << "extensions" << YAML::Value;
    names(e, s.extensions);
  }
  emit_statements(e, "routines", s.routines);
  e << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

}  // namespace sf::model
