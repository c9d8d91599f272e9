#include "generator/ingest/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>
#include <sstream>

#include "generator/model/default_value.hpp"
#include "generator/model/engines.hpp"
#include "generator/model/strings.hpp"
#include "generator/ingest/sql_reader.hpp"

namespace sf::ingest {
namespace {

using model::Column;
using model::Table;

// Thrown inside the reader; turned into one diagnostic at the node's line.
struct YamlError {
  YAML::Mark mark;
  std::string message;
};

using model::lower;
using model::upper;

class Reader {
 public:
  Reader(const SourceText& src, model::Diagnostics& diags) : src_(src), diags_(diags) {}

  model::SourceLoc loc(const YAML::Node& n) const { return src_.loc(n.Mark().line + 1); }
  [[noreturn]] void fail(const YAML::Node& n, const std::string& path, const std::string& what) const {
    throw YamlError{n.Mark(), path + ": " + what};
  }

  std::string scalar(const YAML::Node& n, const std::string& path) const {
    if (!n.IsScalar()) fail(n, path, "expected a single value, found " + describe(n));
    return n.Scalar();
  }
  bool boolean(const YAML::Node& n, const std::string& path) const {
    std::string v = lower(scalar(n, path));
    if (v == "true" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "no" || v == "off") return false;
    fail(n, path, "expected true or false, found '" + n.Scalar() + "'");
  }
  std::vector<std::string> names(const YAML::Node& n, const std::string& path) const {
    std::vector<std::string> out;
    if (n.IsScalar()) {  // "a, b" or a single name
      std::string s = n.Scalar();
      std::string cur;
      for (char c : s + ",") {
        if (c == ',') {
          auto b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
          if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
          cur.clear();
        } else {
          cur += c;
        }
      }
      return out;
    }
    if (!n.IsSequence()) fail(n, path, "expected a list of names, found " + describe(n));
    for (std::size_t i = 0; i < n.size(); ++i) out.push_back(scalar(n[i], path + "[" + std::to_string(i) + "]"));
    return out;
  }
  static std::string describe(const YAML::Node& n) {
    switch (n.Type()) {
      case YAML::NodeType::Map: return "a mapping";
      case YAML::NodeType::Sequence: return "a list";
      case YAML::NodeType::Null: return "nothing";
      default: return "'" + n.Scalar() + "'";
    }
  }
  void check_keys(const YAML::Node& n, const std::string& path, const std::vector<std::string>& allowed) const {
    if (!n.IsMap()) fail(n, path, "expected a mapping, found " + describe(n));
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string k = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        fail(it->first, path, "unknown key '" + k + "' (known: " + model::join(allowed) + ")");
    }
  }

  // ---- whole file ----------------------------------------------------------

  void file(const YAML::Node& root, model::Schema& out, std::vector<Overlay>& overlays) {
    if (!root.IsMap()) fail(root, "(top level)", "expected a mapping with tables:, overlays:, external_tables:, extensions: or routines:");
    check_keys(root, "(top level)", {"tables", "overlays", "external_tables", "extensions", "routines"});
    if (root["tables"]) {
      const YAML::Node& tables = root["tables"];
      if (!tables.IsMap()) fail(tables, "tables", "expected a mapping of table name to definition");
      for (auto it = tables.begin(); it != tables.end(); ++it) {
        Table t;
        t.name = scalar(it->first, "tables");
        t.loc = loc(it->first);
        t.sources.push_back(src_.path());
        table_body(t, it->second, "tables." + t.name, /*overlay=*/false);
        if (out.find_table(t.name)) fail(it->first, "tables." + t.name, "table defined twice in this file");
        out.tables.push_back(std::move(t));
      }
    }
    if (root["external_tables"])
      for (auto& n : names(root["external_tables"], "external_tables")) out.external_tables.push_back(n);
    if (root["extensions"])
      for (auto& n : names(root["extensions"], "extensions")) out.extensions.push_back(n);
    named_items(root, "routines", "(top level)", out.routines, false, [&](const YAML::Node& v, const std::string& p, const std::string& name) {
      return statements<model::Routine>(v, p, name, "");
    });
    if (root["overlays"]) {
      const YAML::Node& ov = root["overlays"];
      if (!ov.IsMap()) fail(ov, "overlays", "expected a mapping of table name to patch");
      for (auto it = ov.begin(); it != ov.end(); ++it) {
        std::string name = scalar(it->first, "overlays");
        std::string path = "overlays." + name;
        // Check the patch now, so a broken overlay fails its own file; apply later.
        Table scratch;
        scratch.name = name;
        YAML::Node body = it->second;
        table_body(scratch, body, path, /*overlay=*/true, /*dry_run=*/true);
        auto self = std::make_shared<Reader>(*this);
        overlays.push_back({name, loc(it->first), [self, body, path](Table& t, model::Diagnostics& d) {
                              self->diags_ptr_ = &d;
                              try {
                                self->table_body(t, body, path, true);
                                t.sources.push_back(self->src_.path());
                              } catch (const YamlError& e) {
                                d.error(self->src_.loc(e.mark.line + 1), e.message);
                              }
                            }});
      }
    }
  }

  // Fields of a table definition, or of an overlay patching one. Read in this order: the first error throws, so the order
  // decides which problem a file reports.
  void table_body(Table& t, const YAML::Node& n, const std::string& path, bool overlay, bool dry_run = false) {
    if (n.IsNull()) return;
    check_keys(n, path, {"description", "columns", "add_columns", "primary_key", "unique_keys", "indexes", "foreign_keys",
                         "checks", "views", "triggers", "options", "job", "renamed_from", "engines", "allow", "generated_views"});
    if (!overlay && n["add_columns"]) fail(n["add_columns"], path, "add_columns is for overlays; list the columns under columns:");
    if (n["description"]) t.description = scalar(n["description"], path + ".description");
    if (n["renamed_from"]) t.renamed_from = scalar(n["renamed_from"], path + ".renamed_from");
    read_engines(t, n, path, dry_run);
    read_generated_views(t, n, path, dry_run);
    if (n["allow"]) {
      auto rules = names(n["allow"], path + ".allow");
      if (!dry_run) t.allow = std::move(rules);
    }
    read_columns(t, n, path, overlay, dry_run);
    read_added_columns(t, n, path, dry_run);
    read_primary_key(t, n, path, overlay, dry_run);
    read_unique_keys(t, n, path, dry_run);
    read_indexes(t, n, path, dry_run);
    read_foreign_keys(t, n, path, dry_run);
    named_items(n, "checks", path, t.checks, dry_run, [&](const YAML::Node& v, const std::string& p, const std::string& name) {
      return model::Check{name, scalar(v, p), loc(v)};
    });
    read_views(t, n, path, dry_run);
    named_items(n, "triggers", path, t.triggers, dry_run, [&](const YAML::Node& v, const std::string& p, const std::string& name) {
      return statements<model::Trigger>(v, p, name, t.name);
    });
    read_options(t, n, path, dry_run);
    if (n["job"]) {
      model::JobProfile jp = job(n["job"], path + ".job");
      if (!dry_run) t.job = jp;
    }
  }

  void read_engines(Table& t, const YAML::Node& n, const std::string& path, bool dry_run) {
    if (!n["engines"]) return;
    std::vector<std::string> unknown;
    auto engines = model::canonical_engines(names(n["engines"], path + ".engines"), unknown);
    if (!unknown.empty()) fail(n["engines"], path + ".engines", "unknown engine '" + unknown.front() + "' (known: " + model::engine_list() + ")");
    if (engines.empty()) fail(n["engines"], path + ".engines", "lists no engine; leave it out to target the project's engines");
    if (!dry_run) t.engines = std::move(engines);
  }

  void read_generated_views(Table& t, const YAML::Node& n, const std::string& path, bool dry_run) {
    if (!n["generated_views"]) return;
    const YAML::Node& g = n["generated_views"];
    std::vector<std::string> roles = names(g, path + ".generated_views");
    for (const auto& r : roles)
      if (std::find(std::begin(model::view_roles), std::end(model::view_roles), r) == std::end(model::view_roles))
        fail(g, path + ".generated_views", "unknown view role '" + r + "' (known: contract, status; [] for none)");
    if (!dry_run) t.generated_views = std::move(roles);
  }

  // `columns:` defines a table's columns, or in an overlay patches columns the table already has.
  void read_columns(Table& t, const YAML::Node& n, const std::string& path, bool overlay, bool dry_run) {
    if (!n["columns"]) return;
    const YAML::Node& cols = n["columns"];
    if (!cols.IsMap()) fail(cols, path + ".columns", "expected a mapping of column name to type or definition");
    for (auto it = cols.begin(); it != cols.end(); ++it) {
      std::string name = scalar(it->first, path + ".columns");
      std::string cpath = path + ".columns." + name;
      if (overlay) {
        if (dry_run) {
          Column scratch;
          column(scratch, it->second, cpath, true);
          continue;
        }
        Column* c = t.find_column(name);
        if (!c) fail(it->first, cpath, "table '" + t.name + "' has no column '" + name + "' to patch; use add_columns: to add one");
        column(*c, it->second, cpath, true);
      } else {
        if (t.find_column(name)) fail(it->first, cpath, "column listed twice");
        Column c;
        c.name = name;
        c.nullable = false;  // YAML columns are NOT NULL unless they say otherwise
        c.loc = loc(it->first);
        column(c, it->second, cpath, false);
        t.columns.push_back(std::move(c));
      }
    }
  }

  // `add_columns:` in an overlay: columns the table does not have yet.
  void read_added_columns(Table& t, const YAML::Node& n, const std::string& path, bool dry_run) {
    if (!n["add_columns"]) return;
    const YAML::Node& cols = n["add_columns"];
    if (!cols.IsMap()) fail(cols, path + ".add_columns", "expected a mapping of column name to type or definition");
    for (auto it = cols.begin(); it != cols.end(); ++it) {
      std::string name = scalar(it->first, path + ".add_columns");
      Column c;
      c.name = name;
      c.nullable = false;
      c.loc = loc(it->first);
      column(c, it->second, path + ".add_columns." + name, false);
      if (dry_run) continue;
      if (t.find_column(name)) fail(it->first, path + ".add_columns." + name, "table '" + t.name + "' already has this column");
      t.columns.push_back(std::move(c));
    }
  }

  void read_primary_key(Table& t, const YAML::Node& n, const std::string& path, bool overlay, bool dry_run) {
    if (!n["primary_key"]) return;
    // `[a, b]`, `a`, or `{name: pk_x, columns: [a, b]}` for a key whose constraint name is kept.
    // (YAML::Node assignment writes through to the document: an overlay is
    // read twice, so the key's node is never assigned, only read.)
    std::string name;
    const YAML::Node key = n["primary_key"];
    if (key.IsMap()) {
      check_keys(key, path + ".primary_key", {"name", "columns"});
      if (key["name"]) name = scalar(key["name"], path + ".primary_key.name");
      if (!key["columns"]) fail(key, path + ".primary_key", "needs `columns:`");
    }
    auto cols = names(key.IsMap() ? key["columns"] : key, path + ".primary_key");
    if (cols.empty()) fail(n["primary_key"], path + ".primary_key", "lists no columns");
    if (dry_run) return;
    if (overlay && t.primary_key && t.primary_key->columns != cols)
      diag().note(loc(n["primary_key"]), "overlay replaces the primary key of '" + t.name + "'");
    t.primary_key = model::Key{name, cols, loc(n["primary_key"])};
    for (const auto& c : cols)
      if (Column* col = t.find_column(c)) col->nullable = false;
  }

  void read_unique_keys(Table& t, const YAML::Node& n, const std::string& path, bool dry_run) {
    named_items(n, "unique_keys", path, t.uniques, dry_run, [&](const YAML::Node& v, const std::string& p, const std::string& name) {
      model::Key k{name, {}, loc(v)};
      k.columns = names(v.IsMap() ? require(v, "columns", p) : v, p);
      if (v.IsMap()) {
        check_keys(v, p, {"columns", "deferrable", "nulls_not_distinct"});
        if (v["deferrable"]) k.deferral = deferral(v["deferrable"], p + ".deferrable");
        if (v["nulls_not_distinct"]) k.nulls_not_distinct = boolean(v["nulls_not_distinct"], p + ".nulls_not_distinct");
      }
      return k;
    });
  }

  void read_indexes(Table& t, const YAML::Node& n, const std::string& path, bool dry_run) {
    named_items(n, "indexes", path, t.indexes, dry_run, [&](const YAML::Node& v, const std::string& p, const std::string& name) {
      model::Index idx;
      idx.name = name;
      idx.loc = loc(v);
      const YAML::Node cols = v.IsMap() ? require(v, "columns", p) : v;
      if (v.IsMap()) {
        check_keys(v, p, {"columns", "unique", "dialects", "using", "where", "include", "nulls_not_distinct"});
        if (v["where"]) idx.where = scalar(v["where"], p + ".where");
        if (v["include"]) idx.include = names(v["include"], p + ".include");
        if (v["nulls_not_distinct"]) idx.nulls_not_distinct = boolean(v["nulls_not_distinct"], p + ".nulls_not_distinct");
        if (v["unique"]) idx.unique = boolean(v["unique"], p + ".unique");
        if (v["dialects"]) idx.dialects = names(v["dialects"], p + ".dialects");
        if (v["using"]) idx.method = lower(scalar(v["using"], p + ".using"));
        if (idx.method == "btree") idx.method.clear();  // every engine's default
      }
      idx.columns = index_columns(v, cols, p);
      return idx;
    });
  }

  // As CREATE INDEX lists them: `name[(length)] [opclass] [ASC|DESC]` or `(expression) …`.
  // A list keeps commas inside an expression; a one-line string splits on them.
  std::vector<model::IndexColumn> index_columns(const YAML::Node& v, const YAML::Node& cols, const std::string& p) const {
    std::vector<std::string> parts;
    if (cols.IsSequence())
      for (std::size_t k = 0; k < cols.size(); ++k) parts.push_back(scalar(cols[k], p + ".columns"));
    else
      parts = names(cols, p + ".columns");
    std::vector<model::IndexColumn> out;
    for (const auto& c : parts) {
      std::string err;
      auto ic = model::parse_index_part(c, err);
      if (!ic) fail(v, p + ".columns", err);
      out.push_back(std::move(*ic));
    }
    return out;
  }

  void read_foreign_keys(Table& t, const YAML::Node& n, const std::string& path, bool dry_run) {
    named_items(n, "foreign_keys", path, t.foreign_keys, dry_run, [&](const YAML::Node& v, const std::string& p, const std::string& name) {
      check_keys(v, p, {"columns", "references", "on_delete", "on_update", "deferrable"});
      model::ForeignKey fk;
      fk.name = name;
      fk.loc = loc(v);
      fk.columns = names(require(v, "columns", p), p + ".columns");
      std::string err;
      auto target = parse_fk_target(scalar(require(v, "references", p), p + ".references"), err);
      if (!target) fail(v["references"], p + ".references", "expected table(column, …): " + err);
      fk.ref_table = target->table;
      fk.ref_columns = target->columns;
      for (auto [key, dst] : {std::pair{"on_delete", &fk.on_delete}, std::pair{"on_update", &fk.on_update}}) {
        if (!v[key]) continue;
        auto a = model::parse_fk_action(scalar(v[key], p + "." + key));
        if (!a) fail(v[key], p + "." + key, "expected cascade, restrict, no action, set null or set default");
        *dst = *a;
      }
      if (v["deferrable"]) fk.deferral = deferral(v["deferrable"], p + ".deferrable");
      return fk;
    });
  }

  void read_views(Table& t, const YAML::Node& n, const std::string& path, bool dry_run) {
    named_items(n, "views", path, t.views, dry_run, [&](const YAML::Node& v, const std::string& p, const std::string& name) {
      return read_view(v, p, name);
    }, merge_view);
  }

  // A view: an engine-neutral `sql:` and, per engine, flags and a body of its own.
  model::View read_view(const YAML::Node& v, const std::string& p, const std::string& name) const {
    model::View view;
    view.name = name;
    view.loc = loc(v);
    if (v.IsNull()) return view;
    std::vector<std::string> keys = model::engine_names();
    keys.insert(keys.begin(), "sql");
    check_keys(v, p, keys);
    if (v["sql"]) view.sql = scalar(v["sql"], p + ".sql");
    for (const std::string& d : model::engine_names()) {
      if (!v[d]) continue;
      const YAML::Node& dv = v[d];
      std::string dp = p + "." + d;
      check_keys(dv, dp, {"algorithm", "security", "sql"});
      model::ViewVariant var;
      if (dv["algorithm"]) var.algorithm = upper(scalar(dv["algorithm"], dp + ".algorithm"));
      if (dv["security"]) var.security = upper(scalar(dv["security"], dp + ".security"));
      if (dv["sql"]) var.sql = scalar(dv["sql"], dp + ".sql");
      view.variants[d] = var;
    }
    return view;
  }

  // An overlay adds a body or flags to a view a doc declared; what it does
  // not mention (other engines' flags, the doc's links) stays.
  static void merge_view(model::View& old, model::View&& fresh) {
    if (!fresh.sql.empty()) old.sql = fresh.sql;
    for (auto& [d, v] : fresh.variants) {
      model::ViewVariant& o = old.variants[d];
      if (!v.algorithm.empty()) o.algorithm = v.algorithm;
      if (!v.security.empty()) o.security = v.security;
      if (!v.sql.empty()) o.sql = v.sql;
    }
  }

  // A trigger (of `table`) or routine (`table` ""): each engine's CREATE
  // statement, keyed by engine, read as a SQL spec reads one (OR REPLACE and
  // DEFINER left to the engine's CREATE) and naming what its key names.
  template <typename T>
  T statements(const YAML::Node& v, const std::string& p, const std::string& name, const std::string& table) const {
    const bool trigger = !table.empty();
    T x;
    x.name = name;
    x.loc = loc(v);
    if (!v.IsMap() || v.size() == 0) fail(v, p, "expected each engine's CREATE statement, e.g. postgres: CREATE …");
    check_keys(v, p, model::engine_names());
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string engine = it->first.Scalar(), at = p + "." + engine;
      std::string error;
      auto code = parse_code_statement(scalar(it->second, at), error);
      if (!code) fail(it->second, at, "SQL: " + error);
      if (code->trigger != trigger)
        fail(it->second, at, trigger ? "expected CREATE TRIGGER under triggers:" : "expected CREATE FUNCTION or PROCEDURE under routines:");
      // The key is the name the engine's catalogue will hold (drift compares them).
      // An overload's key says its parameters too: name(a integer).
      const std::string key = trigger ? name : name.substr(0, name.find('('));
      if (const std::string created = model::created_name(engine, code->name, code->name_quoted); created != key)
        fail(it->second, at, "creates '" + created + "', not '" + key + "'" +
                                 (created != code->name ? " (" + engine + " folds an unquoted name to lower case)" : std::string{}) +
                                 "; name it as its key does");
      if (key != name && name.back() != ')') fail(it->second, at, "an overload's key is name(parameters), e.g. " + key + "(a integer)");
      if (trigger && lower(code->table) != lower(table))
        fail(it->second, at, "fires on '" + code->table + "', not on '" + table + "', the table it is declared under");
      x.sql[engine] = std::move(code->sql);
    }
    return x;
  }

  // `options:` per engine: option name (lower-cased) to value.
  void read_options(Table& t, const YAML::Node& n, const std::string& path, bool dry_run) {
    if (!n["options"]) return;
    const YAML::Node& o = n["options"];
    check_keys(o, path + ".options", model::engine_names());
    for (auto it = o.begin(); it != o.end(); ++it) {
      std::string d = it->first.Scalar();
      if (!it->second.IsMap()) fail(it->second, path + ".options." + d, "expected a mapping of option to value");
      for (auto kv = it->second.begin(); kv != it->second.end(); ++kv)
        if (!dry_run) t.options[d][lower(kv->first.Scalar())] = scalar(kv->second, path + ".options." + d + "." + kv->first.Scalar());
    }
  }

  // `generated: price * quantity` (VIRTUAL) or `generated: {as: price * quantity, stored: true}`.
  model::GeneratedColumn generated(const YAML::Node& n, const std::string& path) {
    model::GeneratedColumn g;
    if (n.IsMap()) {
      check_keys(n, path, {"as", "stored"});
      if (!n["as"]) fail(n, path, "a generated column needs `as: <expression>`");
      g.expression = scalar(n["as"], path + ".as");
      if (n["stored"]) g.stored = boolean(n["stored"], path + ".stored");
    } else {
      g.expression = scalar(n, path);
    }
    if (model::trim(g.expression).empty()) fail(n, path, "a generated column needs an expression");
    return g;
  }

  void column(Column& c, const YAML::Node& n, const std::string& path, bool patch) {
    if (n.IsScalar()) {  // shorthand: `email: varchar(320)` or `deleted_at: timestamp(6)?`
      set_type(c, n, n.Scalar(), path);
      return;
    }
    if (n.IsNull() && patch) return;
    check_keys(n, path, {"type", "nullable", "default", "on_update", "identity", "unsigned", "uuid", "invisible", "description",
                         "crypto", "native", "collation", "renamed_from", "generated"});
    if (n["type"]) set_type(c, n["type"], scalar(n["type"], path + ".type"), path);
    else if (!patch) fail(n, path, "column has no type");
    if (n["nullable"]) c.nullable = boolean(n["nullable"], path + ".nullable");
    if (n["default"] && n["default"].IsMap()) {  // per engine: {mysql: 0, postgres: false}
      check_keys(n["default"], path + ".default", model::engine_names());
      c.default_value = {};
      for (auto it = n["default"].begin(); it != n["default"].end(); ++it)
        c.native_defaults[it->first.Scalar()] = default_of(it->second, path + ".default." + it->first.Scalar());
    } else if (n["default"]) {
      c.default_value = default_of(n["default"], path + ".default");
      c.native_defaults.clear();  // one default for every engine now, also in an overlay
    }
    if (n["on_update"]) c.on_update = model::canonical_expression(scalar(n["on_update"], path + ".on_update"));
    if (n["identity"]) c.identity = boolean(n["identity"], path + ".identity");
    if (n["unsigned"]) {
      c.is_unsigned = boolean(n["unsigned"], path + ".unsigned");
      c.keep_signed = !c.is_unsigned;  // said so: an identity stays signed
    }
    if (n["uuid"]) c.generate_uuid = boolean(n["uuid"], path + ".uuid");
    if (n["invisible"]) c.invisible = boolean(n["invisible"], path + ".invisible");
    if (n["generated"]) c.generated = generated(n["generated"], path + ".generated");
    if (n["description"]) c.description = scalar(n["description"], path + ".description");
    if (n["crypto"]) c.crypto = scalar(n["crypto"], path + ".crypto");
    if (n["renamed_from"]) c.renamed_from = scalar(n["renamed_from"], path + ".renamed_from");
    if (n["native"]) {
      check_keys(n["native"], path + ".native", model::engine_names());
      for (auto it = n["native"].begin(); it != n["native"].end(); ++it)
        c.native_types[it->first.Scalar()] = scalar(it->second, path + ".native." + it->first.Scalar());
    }
    if (n["collation"]) {  // per engine: collation names are not portable (utf8mb4_bin, "C", NOCASE)
      if (!n["collation"].IsMap())
        fail(n["collation"], path + ".collation", "collation names differ per engine: write a map, e.g. {mysql: utf8mb4_bin, postgres: C}");
      check_keys(n["collation"], path + ".collation", model::engine_names());
      for (auto it = n["collation"].begin(); it != n["collation"].end(); ++it)
        c.collations[it->first.Scalar()] = scalar(it->second, path + ".collation." + it->first.Scalar());
    }
    if (c.identity) c.nullable = false;
  }

  // `deferrable: deferred | immediate | false`, on a foreign key or a unique key.
  model::Deferral deferral(const YAML::Node& n, const std::string& path) {
    auto d = model::parse_deferral(scalar(n, path));
    if (!d) fail(n, path, "expected deferred (checked at commit), immediate (deferrable, checked per statement) or false");
    return *d;
  }

  // A quoted scalar is a string; null is DEFAULT NULL; anything else is classified.
  model::DefaultValue default_of(const YAML::Node& d, const std::string& path) {
    if (d.IsNull()) return {model::DefaultValue::Kind::null, ""};
    if (d.Tag() == "!") return {model::DefaultValue::Kind::string, scalar(d, path)};
    return model::classify_default(scalar(d, path));
  }

  void set_type(Column& c, const YAML::Node& n, std::string text, const std::string& path) {
    if (!text.empty() && text.back() == '?') {
      text.pop_back();
      c.nullable = true;
    }
    std::string err;
    auto parsed = model::parse_type_name(text, err);
    if (!parsed) fail(n, path, err);
    c.type = parsed->type;
    if (parsed->is_unsigned) c.is_unsigned = true;
    if (parsed->auto_increment_hint) c.identity = true;
  }

  model::JobProfile job(const YAML::Node& n, const std::string& path) {
    check_keys(n, path, {"status", "states", "columns"});
    model::JobProfile jp;
    jp.declared = true;
    jp.status_column = scalar(require(n, "status", path), path + ".status");
    static const std::set<std::string> state_roles(std::begin(model::job_state_roles), std::end(model::job_state_roles));
    static const std::set<std::string> column_roles(std::begin(model::job_column_roles), std::end(model::job_column_roles));
    auto roles = [&](const char* key, const std::set<std::string>& allowed, std::map<std::string, std::string>& dst) {
      if (!n[key]) return;
      const YAML::Node& m = n[key];
      if (!m.IsMap()) fail(m, path + "." + key, "expected a mapping of role to name");
      for (auto it = m.begin(); it != m.end(); ++it) {
        std::string role = it->first.Scalar();
        if (!allowed.count(role)) {
          std::string list;
          for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
          fail(it->first, path + "." + key, "unknown role '" + role + "' (known: " + list + ")");
        }
        dst[role] = scalar(it->second, path + "." + key + "." + role);
      }
    };
    roles("states", state_roles, jp.states);
    roles("columns", column_roles, jp.columns);
    return jp;
  }

  template <typename Item, typename Read>
  void named_items(const YAML::Node& n, const char* key, const std::string& path, std::vector<Item>& items, bool dry_run, Read read) {
    named_items(n, key, path, items, dry_run, read, [](Item& old, Item&& fresh) { old = std::move(fresh); });
  }
  template <typename Item, typename Read, typename Merge>
  void named_items(const YAML::Node& n, const char* key, const std::string& path, std::vector<Item>& items, bool dry_run, Read read,
                   Merge merge) {
    if (!n[key]) return;
    const YAML::Node& m = n[key];
    if (!m.IsMap()) fail(m, path + "." + key, "expected a mapping of name to definition");
    for (auto it = m.begin(); it != m.end(); ++it) {
      std::string name = scalar(it->first, path + "." + key);
      Item item = read(it->second, path + "." + key + "." + name, name);
      if (dry_run) continue;
      auto same = std::find_if(items.begin(), items.end(), [&](const Item& x) { return x.name == name; });
      if (same != items.end()) merge(*same, std::move(item));  // overlays correct what a doc said
      else items.push_back(std::move(item));
    }
  }

  const YAML::Node require(const YAML::Node& n, const char* key, const std::string& path) const {
    if (!n.IsMap() || !n[key]) fail(n, path, std::string("missing '") + key + "'");
    return n[key];
  }
  model::Diagnostics& diag() { return diags_ptr_ ? *diags_ptr_ : diags_; }

  const SourceText& src_;
  model::Diagnostics& diags_;
  model::Diagnostics* diags_ptr_ = nullptr;
};

}  // namespace

bool read_yaml(const SourceText& src, model::Schema& out, std::vector<Overlay>& overlays, model::Diagnostics& diags) {
  YAML::Node root;
  try {
    root = YAML::Load(src.text());
  } catch (const YAML::Exception& e) {
    std::string hint;
    // `type: text?, …` inside { } reads '?' as YAML's key indicator.
    std::size_t begin = 0;
    for (int l = 0; l < e.mark.line && begin != std::string::npos; ++l) begin = src.text().find('\n', begin) + 1;
    std::string line = begin == std::string::npos ? "" : src.text().substr(begin, src.text().find('\n', begin) - begin);
    if (line.find("?,") != std::string::npos || line.find("?}") != std::string::npos)
      hint = "; inside { } write a nullable type in quotes (\"text?\") or as `nullable: true`";
    diags.error(src.loc(e.mark.line + 1), "YAML syntax: " + e.msg + hint);
    return false;
  }
  model::Schema parsed;
  std::vector<Overlay> parsed_overlays;
  try {
    // The reader must outlive the overlay closures: they copy it (and the
    // SourceText it points at is kept alive by the loader until they run).
    Reader(src, diags).file(root, parsed, parsed_overlays);
  } catch (const YamlError& e) {
    diags.error(src.loc(e.mark.line + 1), e.message);
    return false;
  } catch (const YAML::Exception& e) {
    diags.error(src.loc(e.mark.line + 1), "YAML: " + e.msg);
    return false;
  }
  for (auto& t : parsed.tables) out.tables.push_back(std::move(t));
  for (auto& e : parsed.external_tables) out.external_tables.push_back(std::move(e));
  for (auto& e : parsed.extensions) out.extensions.push_back(std::move(e));
  for (auto& r : parsed.routines) out.routines.push_back(std::move(r));
  for (auto& o : parsed_overlays) overlays.push_back(std::move(o));
  return true;
}

}  // namespace sf::ingest
