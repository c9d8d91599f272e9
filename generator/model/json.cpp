#include "generator/model/json.hpp"

#include <algorithm>
#include <stdexcept>

namespace sf::model {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

ojson loc_json(const SourceLoc& l) { return l.str(); }

// "file:line" or "file", as SourceLoc::str() writes it. A line without a
// file is no location (str() would write nothing for it), so it reads as none.
SourceLoc loc_from(const json& j) {
  SourceLoc l;
  if (!j.is_string()) return l;
  std::string s = j.get<std::string>();
  auto colon = s.rfind(':');
  const std::size_t digits = colon == std::string::npos ? 0 : s.size() - colon - 1;
  if (digits > 0 && s.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
    if (digits > 9) throw std::invalid_argument("loc '" + s + "': the line number is out of range");
    l.file = s.substr(0, colon);
    l.line = l.file.empty() ? 0 : std::stoi(s.substr(colon + 1));
  } else {
    l.file = s;
  }
  return l;
}

ojson default_json(const DefaultValue& d) {
  ojson o;
  o["kind"] = to_string(d.kind);
  if (d.kind != DefaultValue::Kind::null) o["value"] = d.text;
  return o;
}

ojson names(const std::vector<std::string>& v) { return ojson(v); }

ojson column_json(const Column& c) {
  ojson o;
  o["name"] = c.name;
  o["type"] = to_string(c.type);
  if (!c.native_types.empty()) o["native_types"] = c.native_types;
  if (!c.collations.empty()) o["collations"] = c.collations;
  o["nullable"] = c.nullable;
  if (c.default_value.present()) o["default"] = default_json(c.default_value);
  if (!c.native_defaults.empty()) {
    ojson per;
    for (const auto& [d, v] : c.native_defaults) per[d] = default_json(v);
    o["native_defaults"] = per;
  }
  if (!c.on_update.empty()) o["on_update"] = c.on_update;
  if (c.identity) o["identity"] = true;
  if (c.is_unsigned) o["unsigned"] = true;
  if (c.keep_signed) o["signed"] = true;
  if (c.invisible) o["invisible"] = true;
  if (c.generate_uuid) o["generate_uuid"] = true;
  if (c.generated) o["generated"] = {{"as", c.generated->expression}, {"stored", c.generated->stored}};
  if (!c.description.empty()) o["description"] = c.description;
  if (!c.crypto.empty()) o["crypto"] = c.crypto;
  if (!c.renamed_from.empty()) o["renamed_from"] = c.renamed_from;
  if (c.loc.known()) o["loc"] = loc_json(c.loc);
  return o;
}

ojson key_json(const Key& k) {
  ojson o;
  if (!k.name.empty()) o["name"] = k.name;
  o["columns"] = names(k.columns);
  if (k.deferral != Deferral::none) o["deferrable"] = std::string(to_word(k.deferral));
  if (k.nulls_not_distinct) o["nulls_not_distinct"] = true;
  if (k.loc.known()) o["loc"] = loc_json(k.loc);
  return o;
}

ojson index_json(const Index& i) {
  ojson o;
  o["name"] = i.name;
  ojson cols = ojson::array();
  for (const auto& c : i.columns) cols.push_back(c.descending ? c.name + " DESC" : c.name);
  o["columns"] = cols;
  // One entry per column ("" for the type's default), only where any has one.
  if (std::any_of(i.columns.begin(), i.columns.end(), [](const IndexColumn& c) { return !c.opclass.empty(); })) {
    ojson opclasses = ojson::array();
    for (const auto& c : i.columns) opclasses.push_back(c.opclass);
    o["opclasses"] = opclasses;
  }
  // Expression parts and prefix lengths likewise: one entry each, only where any has one.
  if (std::any_of(i.columns.begin(), i.columns.end(), [](const IndexColumn& c) { return !c.expression.empty(); })) {
    ojson expressions = ojson::array();
    for (const auto& c : i.columns) expressions.push_back(c.expression);
    o["expressions"] = expressions;
  }
  if (std::any_of(i.columns.begin(), i.columns.end(), [](const IndexColumn& c) { return c.length > 0; })) {
    ojson lengths = ojson::array();
    for (const auto& c : i.columns) lengths.push_back(c.length);
    o["lengths"] = lengths;
  }
  if (!i.where.empty()) o["where"] = i.where;
  if (!i.include.empty()) o["include"] = names(i.include);
  if (i.nulls_not_distinct) o["nulls_not_distinct"] = true;
  if (i.unique) o["unique"] = true;
  if (!i.method.empty()) o["method"] = i.method;
  if (!i.dialects.empty()) o["dialects"] = names(i.dialects);
  if (i.loc.known()) o["loc"] = loc_json(i.loc);
  return o;
}

ojson fk_json(const ForeignKey& f) {
  ojson o;
  o["name"] = f.name;
  o["columns"] = names(f.columns);
  o["ref_table"] = f.ref_table;
  o["ref_columns"] = names(f.ref_columns);
  o["on_delete"] = to_string(f.on_delete);
  o["on_update"] = to_string(f.on_update);
  if (f.deferral != Deferral::none) o["deferrable"] = std::string(to_word(f.deferral));
  if (f.loc.known()) o["loc"] = loc_json(f.loc);
  return o;
}

// A trigger or routine: its name and each engine's statement.
template <typename T>
ojson statements_json(const T& x) {
  ojson o;
  o["name"] = x.name;
  o["sql"] = x.sql;
  if (x.loc.known()) o["loc"] = loc_json(x.loc);
  return o;
}

ojson view_json(const View& v) {
  ojson o;
  o["name"] = v.name;
  if (!v.generated.empty()) o["generated"] = v.generated;
  if (!v.sql.empty()) o["sql"] = v.sql;
  if (!v.variants.empty()) {
    ojson vars;
    for (const auto& [dialect, var] : v.variants) {
      ojson x = ojson::object();
      if (!var.algorithm.empty()) x["algorithm"] = var.algorithm;
      if (!var.security.empty()) x["security"] = var.security;
      if (!var.sql.empty()) x["sql"] = var.sql;
      if (!var.link.empty()) x["link"] = var.link;
      vars[dialect] = x;
    }
    o["variants"] = vars;
  }
  if (v.loc.known()) o["loc"] = loc_json(v.loc);
  return o;
}

ojson job_json(const JobProfile& p) {
  ojson o;
  o["status_column"] = p.status_column;
  o["states"] = p.states;
  o["columns"] = p.columns;
  if (p.declared) o["declared"] = true;
  return o;
}

// --- reading -------------------------------------------------------------

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

std::string str(const json& j, const char* key, const std::string& path, bool required = false) {
  if (!j.contains(key)) {
    if (required) fail(path, std::string("missing member '") + key + "'");
    return {};
  }
  if (!j.at(key).is_string()) fail(path + "." + key, "expected a string");
  return j.at(key).get<std::string>();
}

bool flag(const json& j, const char* key, const std::string& path, bool fallback = false) {
  if (!j.contains(key)) return fallback;
  if (!j.at(key).is_boolean()) fail(path + "." + key, "expected true or false");
  return j.at(key).get<bool>();
}

std::vector<std::string> strings(const json& j, const char* key, const std::string& path) {
  std::vector<std::string> out;
  if (!j.contains(key)) return out;
  const json& a = j.at(key);
  if (!a.is_array()) fail(path + "." + key, "expected an array of strings");
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string()) fail(path + "." + key + "[" + std::to_string(i) + "]", "expected a string");
    out.push_back(a[i].get<std::string>());
  }
  return out;
}

std::map<std::string, std::string> string_map(const json& j, const char* key, const std::string& path) {
  std::map<std::string, std::string> out;
  if (!j.contains(key)) return out;
  const json& m = j.at(key);
  if (!m.is_object()) fail(path + "." + key, "expected an object of strings");
  for (auto it = m.begin(); it != m.end(); ++it) {
    if (!it.value().is_string()) fail(path + "." + key + "." + it.key(), "expected a string");
    out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

FkAction action(const json& j, const char* key, const std::string& path) {
  std::string s = str(j, key, path);
  if (s.empty()) return FkAction::no_action;
  auto a = parse_fk_action(s);
  if (!a) fail(path + "." + key, "unknown foreign-key action '" + s + "'");
  return *a;
}

template <typename T, typename F>
std::vector<T> array_of(const json& j, const char* key, const std::string& path, F read) {
  std::vector<T> out;
  if (!j.contains(key)) return out;
  const json& a = j.at(key);
  if (!a.is_array()) fail(path + "." + key, "expected an array");
  for (std::size_t i = 0; i < a.size(); ++i) out.push_back(read(a[i], path + "." + key + "[" + std::to_string(i) + "]"));
  return out;
}

DefaultValue default_from(const json& d, const std::string& path) {
  DefaultValue out;
  std::string kind = str(d, "kind", path, true);
  bool found = false;
  for (auto k : {DefaultValue::Kind::null, DefaultValue::Kind::string, DefaultValue::Kind::number,
                 DefaultValue::Kind::boolean, DefaultValue::Kind::expression}) {
    if (kind == to_string(k)) {
      out.kind = k;
      found = true;
    }
  }
  if (!found) fail(path + ".kind", "unknown default kind '" + kind + "'");
  out.text = str(d, "value", path);
  return out;
}

Column column_from(const json& j, const std::string& path) {
  Column c;
  c.name = str(j, "name", path, true);
  std::string type_text = str(j, "type", path, true);
  std::string err;
  auto parsed = parse_type_name(type_text, err);
  if (!parsed) fail(path + ".type", err);
  c.type = parsed->type;
  c.native_types = string_map(j, "native_types", path);
  c.collations = string_map(j, "collations", path);
  c.nullable = flag(j, "nullable", path, true);
  if (j.contains("default")) c.default_value = default_from(j.at("default"), path + ".default");
  if (j.contains("native_defaults")) {
    const json& per = j.at("native_defaults");
    if (!per.is_object()) fail(path + ".native_defaults", "must be an object of dialect -> default");
    for (const auto& [d, v] : per.items()) c.native_defaults[d] = default_from(v, path + ".native_defaults." + d);
  }
  c.on_update = str(j, "on_update", path);
  c.identity = flag(j, "identity", path);
  c.is_unsigned = flag(j, "unsigned", path);
  c.keep_signed = flag(j, "signed", path);
  c.invisible = flag(j, "invisible", path);
  c.generate_uuid = flag(j, "generate_uuid", path);
  if (j.contains("generated")) {
    const json& g = j.at("generated");
    if (!g.is_object()) fail(path + ".generated", "must be an object {as, stored}");
    c.generated = GeneratedColumn{str(g, "as", path + ".generated"), flag(g, "stored", path + ".generated")};
    if (c.generated->expression.empty()) fail(path + ".generated.as", "a generated column needs an expression");
  }
  c.description = str(j, "description", path);
  c.crypto = str(j, "crypto", path);
  c.renamed_from = str(j, "renamed_from", path);
  if (j.contains("loc")) c.loc = loc_from(j.at("loc"));
  return c;
}

// `deferrable` of a key or FK: "deferred", "immediate", or absent.
Deferral deferral(const json& j, const std::string& path) {
  const std::string d = str(j, "deferrable", path);
  if (d.empty()) return Deferral::none;
  auto parsed = parse_deferral(d);
  if (!parsed) fail(path + ".deferrable", "expected deferred or immediate");
  return *parsed;
}

Key key_from(const json& j, const std::string& path) {
  Key k;
  k.name = str(j, "name", path);
  k.columns = strings(j, "columns", path);
  k.deferral = deferral(j, path);
  k.nulls_not_distinct = flag(j, "nulls_not_distinct", path);
  if (j.contains("loc")) k.loc = loc_from(j.at("loc"));
  return k;
}

Index index_from(const json& j, const std::string& path) {
  Index i;
  i.name = str(j, "name", path, true);
  for (const auto& c : strings(j, "columns", path)) {
    constexpr std::string_view desc = " DESC";
    if (c.size() > desc.size() && c.compare(c.size() - desc.size(), desc.size(), desc) == 0)
      i.columns.push_back({c.substr(0, c.size() - desc.size()), true});
    else
      i.columns.push_back({c, false});
  }
  const auto opclasses = strings(j, "opclasses", path);
  if (!opclasses.empty() && opclasses.size() != i.columns.size())
    fail(path + ".opclasses", "must have one entry per column (\"\" for the default)");
  for (std::size_t k = 0; k < opclasses.size(); ++k) i.columns[k].opclass = opclasses[k];
  const auto expressions = strings(j, "expressions", path);
  if (!expressions.empty() && expressions.size() != i.columns.size())
    fail(path + ".expressions", "must have one entry per column (\"\" for a column)");
  for (std::size_t k = 0; k < expressions.size(); ++k) i.columns[k].expression = expressions[k];
  if (j.contains("lengths")) {
    const json& lengths = j.at("lengths");
    if (!lengths.is_array() || lengths.size() != i.columns.size()) fail(path + ".lengths", "must have one number per column (0 for whole)");
    for (std::size_t k = 0; k < lengths.size(); ++k) {
      if (!lengths[k].is_number_integer()) fail(path + ".lengths", "must hold numbers");
      i.columns[k].length = lengths[k].get<int>();
    }
  }
  i.where = str(j, "where", path);
  i.include = strings(j, "include", path);
  i.nulls_not_distinct = flag(j, "nulls_not_distinct", path);
  i.unique = flag(j, "unique", path);
  i.method = str(j, "method", path);
  i.dialects = strings(j, "dialects", path);
  if (j.contains("loc")) i.loc = loc_from(j.at("loc"));
  return i;
}

ForeignKey fk_from(const json& j, const std::string& path) {
  ForeignKey f;
  f.name = str(j, "name", path, true);
  f.columns = strings(j, "columns", path);
  f.ref_table = str(j, "ref_table", path, true);
  f.ref_columns = strings(j, "ref_columns", path);
  f.on_delete = action(j, "on_delete", path);
  f.on_update = action(j, "on_update", path);
  f.deferral = deferral(j, path);
  if (j.contains("loc")) f.loc = loc_from(j.at("loc"));
  return f;
}

View view_from(const json& j, const std::string& path) {
  View v;
  v.name = str(j, "name", path, true);
  v.generated = str(j, "generated", path);
  if (!v.generated.empty() && v.generated != view_role::contract && v.generated != view_role::status)
    fail(path + ".generated", "unknown view role '" + v.generated + "' (known: contract, status)");
  v.sql = str(j, "sql", path);
  if (j.contains("variants")) {
    const json& vars = j.at("variants");
    if (!vars.is_object()) fail(path + ".variants", "expected an object keyed by dialect");
    for (auto it = vars.begin(); it != vars.end(); ++it) {
      std::string p = path + ".variants." + it.key();
      ViewVariant x;
      x.algorithm = str(it.value(), "algorithm", p);
      x.security = str(it.value(), "security", p);
      x.sql = str(it.value(), "sql", p);
      x.link = str(it.value(), "link", p);
      v.variants[it.key()] = x;
    }
  }
  if (j.contains("loc")) v.loc = loc_from(j.at("loc"));
  return v;
}

template <typename T>
T statements_from(const json& j, const std::string& path) {
  T x;
  x.name = str(j, "name", path, true);
  x.sql = string_map(j, "sql", path);
  if (x.sql.empty()) fail(path + ".sql", "expected each engine's statement");
  if (j.contains("loc")) x.loc = loc_from(j.at("loc"));
  return x;
}

Table table_from(const json& j, const std::string& path) {
  Table t;
  t.name = str(j, "name", path, true);
  t.description = str(j, "description", path);
  t.sources = strings(j, "sources", path);
  if (j.contains("loc")) t.loc = loc_from(j.at("loc"));
  t.columns = array_of<Column>(j, "columns", path, column_from);
  if (j.contains("primary_key")) t.primary_key = key_from(j.at("primary_key"), path + ".primary_key");
  t.uniques = array_of<Key>(j, "unique_keys", path, key_from);
  t.indexes = array_of<Index>(j, "indexes", path, index_from);
  t.foreign_keys = array_of<ForeignKey>(j, "foreign_keys", path, fk_from);
  t.checks = array_of<Check>(j, "checks", path, [](const json& c, const std::string& p) {
    Check k;
    k.name = str(c, "name", p, true);
    k.expression = str(c, "expression", p, true);
    if (c.contains("loc")) k.loc = loc_from(c.at("loc"));
    return k;
  });
  t.views = array_of<View>(j, "views", path, view_from);
  t.triggers = array_of<Trigger>(j, "triggers", path, statements_from<Trigger>);
  if (j.contains("options")) {
    const json& o = j.at("options");
    if (!o.is_object()) fail(path + ".options", "expected an object keyed by dialect");
    for (auto it = o.begin(); it != o.end(); ++it) t.options[it.key()] = string_map(o, it.key().c_str(), path + ".options");
  }
  if (j.contains("job")) {
    const json& p = j.at("job");
    JobProfile jp;
    jp.status_column = str(p, "status_column", path + ".job", true);
    jp.states = string_map(p, "states", path + ".job");
    jp.columns = string_map(p, "columns", path + ".job");
    jp.declared = flag(p, "declared", path + ".job");
    t.job = jp;
  }
  t.renamed_from = str(j, "renamed_from", path);
  t.engines = strings(j, "engines", path);
  t.allow = strings(j, "allow", path);
  if (j.contains("generated_views")) t.generated_views = strings(j, "generated_views", path);
  return t;
}

}  // namespace

ojson to_json(const Table& t) {
  ojson o;
  o["name"] = t.name;
  if (!t.description.empty()) o["description"] = t.description;
  if (!t.renamed_from.empty()) o["renamed_from"] = t.renamed_from;
  if (!t.engines.empty()) o["engines"] = names(t.engines);
  if (!t.allow.empty()) o["allow"] = names(t.allow);
  if (t.generated_views) o["generated_views"] = names(*t.generated_views);
  if (!t.sources.empty()) o["sources"] = names(t.sources);
  if (t.loc.known()) o["loc"] = loc_json(t.loc);
  ojson cols = ojson::array();
  for (const auto& c : t.columns) cols.push_back(column_json(c));
  o["columns"] = cols;
  if (t.primary_key) o["primary_key"] = key_json(*t.primary_key);
  auto list = [&](const char* key, const auto& items, auto fn) {
    if (items.empty()) return;
    ojson a = ojson::array();
    for (const auto& x : items) a.push_back(fn(x));
    o[key] = a;
  };
  list("unique_keys", t.uniques, key_json);
  list("indexes", t.indexes, index_json);
  list("foreign_keys", t.foreign_keys, fk_json);
  list("checks", t.checks, [](const Check& c) {
    ojson x;
    x["name"] = c.name;
    x["expression"] = c.expression;
    if (c.loc.known()) x["loc"] = loc_json(c.loc);
    return x;
  });
  list("views", t.views, view_json);
  list("triggers", t.triggers, statements_json<Trigger>);
  if (!t.options.empty()) o["options"] = t.options;
  if (t.job) o["job"] = job_json(*t.job);
  return o;
}

ojson to_json(const Schema& s) {
  ojson o;
  o["format"] = schema_format;
  if (!s.engines.empty()) o["engines"] = names(s.engines);
  if (s.generated_views) o["generated_views"] = names(*s.generated_views);
  if (!s.external_tables.empty()) o["external_tables"] = names(s.external_tables);
  if (!s.extensions.empty()) o["extensions"] = names(s.extensions);
  if (!s.routines.empty()) {
    ojson routines = ojson::array();
    for (const auto& r : s.routines) routines.push_back(statements_json(r));
    o["routines"] = routines;
  }
  ojson tables = ojson::array();
  for (const auto& t : s.tables) tables.push_back(to_json(t));
  o["tables"] = tables;
  return o;
}

std::string to_json_text(const Schema& s) { return to_json(s).dump(2) + "\n"; }

Schema schema_from_json(const json& j) {
  Schema s;
  if (!j.is_object()) fail("$", "expected an object");
  std::string format = str(j, "format", "$", true);
  if (format != schema_format) fail("$.format", "unsupported format '" + format + "', expected '" + schema_format + "'");
  s.engines = strings(j, "engines", "$");
  if (j.contains("generated_views")) s.generated_views = strings(j, "generated_views", "$");
  s.external_tables = strings(j, "external_tables", "$");
  s.extensions = strings(j, "extensions", "$");
  s.routines = array_of<Routine>(j, "routines", "$", statements_from<Routine>);
  s.tables = array_of<Table>(j, "tables", "$", table_from);
  return s;
}

Schema schema_from_json_text(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::runtime_error(std::string("not valid JSON: ") + e.what());
  }
  return schema_from_json(j);
}

}  // namespace sf::model
