#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "generator/model/targets.hpp"
#include "generator/validate/validate.hpp"
#include "generator/validate/warning_rules.hpp"

namespace sf::validate {
namespace {

using model::Column;
using model::DefaultValue;
using model::Table;
using model::TypeKind;

std::string list(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Whether a default value can be stored in the column's type.
// Collations are rendered into DDL, so their names are held to what engines
// actually use (utf8mb4_bin, "C", en_US.utf8, und-x-icu, NOCASE): nothing
// that could close a quote or start another clause.
void check_collations(const Table& t, const Column& c, model::Diagnostics& diags) {
  for (const auto& [dialect, name] : c.collations) {  // dialect names: checked by the caller
    const std::string where = t.name + "." + c.name;
    if (name.empty() || name.size() > 63 ||
        !std::all_of(name.begin(), name.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '-' || ch == '@'; }))
      diags.error(c.loc, "collation '" + name + "' on " + where + " is not a collation name (letters, digits, _ . - @; at most 63)");
    // Enums are text too: MySQL keeps a collation on ENUM, PostgreSQL and SQLite write them as TEXT.
    if ((!c.type.is_textual() && c.type.kind != TypeKind::enumeration) || c.type.kind == TypeKind::uuid)
      diags.error(c.loc, "collation on " + where + ", a " + model::to_string(c.type) +
                             " column: only char, varchar, text and enum columns have one");
  }
}

// `engine` is "" for the default every engine shares, else the one engine the
// default is for; `clock_refused_by` names an engine it is for that takes
// CURRENT_TIMESTAMP on timestamp columns only ("" for none).
void check_default(const Table& t, const Column& c, const DefaultValue& d, const std::string& engine,
                   const std::string& clock_refused_by, model::Diagnostics& diags) {
  const std::string where = t.name + "." + c.name + (engine.empty() ? "" : " (" + engine + ")");
  if (c.type.kind == TypeKind::json && d.kind == DefaultValue::Kind::string && !nlohmann::json::accept(d.text))
    diags.error(c.loc, "default of JSON column " + where + " is not valid JSON: '" + d.text +
                           "'; the engine refuses it. Write a JSON value, e.g. '[]' or '{}'");
  using K = DefaultValue::Kind;
  switch (d.kind) {
    case K::none: return;
    case K::null:
      if (!c.nullable) diags.error(c.loc, "default NULL on NOT NULL column " + where + "; drop the default or allow NULL");
      return;
    case K::expression: {
      // Sequences are not modelled yet: generate and migrate create none, so
      // DDL with this default fails on a database that lacks the sequence.
      static const std::regex nextval(R"(\bnextval\s*\(\s*'([^']*)')", std::regex::icase);
      if (std::smatch m; std::regex_search(d.text, m, nextval))
        warn(diags, t, c.loc,
             "default of " + where + " takes nextval('" + m[1].str() + "'), a sequence no spec creates (sequences are not "
             "modelled yet): applying the generated DDL fails where it does not exist. Create it in a migration of your own, "
             "or make the column an identity",
             rule::sequence_not_created);
      static const std::regex now(R"(^CURRENT_TIMESTAMP(\((\d)\))?$)");
      std::smatch m;
      if (std::regex_match(d.text, m, now)) {
        if (c.type.kind != TypeKind::timestamp) {
          if (!clock_refused_by.empty())
            diags.error(c.loc, "default " + d.text + " on " + where + ", which is " + model::to_string(c.type) + "; " +
                                   clock_refused_by + " takes CURRENT_TIMESTAMP only on timestamp columns");
        } else if (m[2].matched) {
          // Bare CURRENT_TIMESTAMP means "at the column's precision" (dialects
          // render it so); an explicit different precision is MySQL error 1067.
          int p = std::stoi(m[2].str());
          if (p != c.type.precision)
            diags.error(c.loc, "default " + d.text + " on " + where + " has precision " + std::to_string(p) +
                                   " but the column has " + std::to_string(c.type.precision) +
                                   "; MySQL rejects the mismatch. Write CURRENT_TIMESTAMP(" +
                                   std::to_string(c.type.precision) + ")");
        }
      }
      return;
    }
    case K::boolean:
      if (c.type.kind != TypeKind::boolean)
        diags.error(c.loc, "default " + d.text + " on " + where + ", which is " + model::to_string(c.type) + ", not boolean");
      return;
    case K::number: {
      bool integral = d.text.find_first_of(".eE") == std::string::npos;
      bool ok = (c.type.kind == TypeKind::integer && integral) || c.type.kind == TypeKind::decimal ||
                c.type.kind == TypeKind::floating ||
                (c.type.kind == TypeKind::boolean && (d.text == "0" || d.text == "1")) || c.type.is_textual();
      if (!ok) diags.error(c.loc, "default " + d.text + " does not fit " + where + " (" + model::to_string(c.type) + ")");
      if (ok && c.type.kind == TypeKind::integer && c.is_unsigned && !d.text.empty() && d.text[0] == '-')
        diags.error(c.loc, "negative default " + d.text + " on unsigned column " + where);
      return;
    }
    case K::string:
      if (c.type.kind == TypeKind::enumeration) {
        if (std::find(c.type.values.begin(), c.type.values.end(), d.text) == c.type.values.end())
          diags.error(c.loc, "default '" + d.text + "' of " + where + " is not one of its enum values (" +
                                 list(c.type.values) + ")");
      } else if (c.type.is_textual()) {
        if (c.type.length > 0 && c.type.kind != TypeKind::text && static_cast<int>(d.text.size()) > c.type.length)
          diags.error(c.loc, "default '" + d.text + "' is longer than " + where + " (" + model::to_string(c.type) + ")");
      } else if (c.type.kind == TypeKind::integer || c.type.kind == TypeKind::decimal ||
                 c.type.kind == TypeKind::floating || c.type.kind == TypeKind::boolean) {
        diags.error(c.loc, "default '" + d.text + "' of " + where + " is text, but the column is " +
                               model::to_string(c.type) + (c.type.kind == TypeKind::boolean ? "; write TRUE or FALSE" : ""));
      }  // JSON: checked above; MySQL's DDL writes the literal as the expression ('…') it requires
      return;
  }
}

void check_columns_exist(const Table& t, const std::vector<std::string>& cols, const std::string& what,
                         const model::SourceLoc& loc, model::Diagnostics& diags) {
  if (cols.empty()) diags.error(loc, what + " of table '" + t.name + "' lists no columns");
  std::set<std::string> seen;
  for (const auto& c : cols) {
    if (!t.find_column(c)) diags.error(loc, what + " names column '" + c + "', which table '" + t.name + "' does not have");
    if (!seen.insert(c).second) diags.error(loc, what + " lists column '" + c + "' twice");
  }
}

bool compatible(const Column& a, const Column& b) {
  if (a.type.is_integer() && b.type.is_integer()) return a.type.bits == b.type.bits;
  if (a.type.is_textual() && b.type.is_textual()) return true;
  return a.type.kind == b.type.kind;
}


// The checks of check_tables, one method per kind of object. It holds what
// spans tables (table names, names an engine keeps unique across a schema)
// and, while a table is checked, the engines it targets and the names it uses.
class TableChecks {
 public:
  TableChecks(const model::Schema& schema, const std::vector<IdentifierRules>& dialects, model::Diagnostics& diags)
      : schema_(schema), dialects_(dialects), diags_(diags) {
    for (const auto& r : dialects) dialect_list_ += (dialect_list_.empty() ? "" : ", ") + r.dialect;
  }

  void table(const Table& t) {
    targeted_.clear();
    for (const auto& r : dialects_)
      if (model::targets(schema_, t, r.dialect)) targeted_.push_back(&r);
    in_table_.clear();
    if (!table_names_.insert(t.name).second) diags_.error(t.loc, "table '" + t.name + "' is defined twice");
    columns(t);
    table_options(t);
    keys(t);
    for (const auto& i : t.indexes) index(t, i);
    for (const auto& c : t.checks) {
      unique_name(t, c.name, c.loc, "check", "check");
      if (c.expression.empty()) diags_.error(c.loc, "check '" + c.name + "' has no expression");
    }
    views(t);
    for (const auto& fk : t.foreign_keys) foreign_key(t, fk);
  }

 private:
  [[nodiscard]] bool known_dialect(const std::string& d) const {
    return std::any_of(dialects_.begin(), dialects_.end(), [&](const IdentifierRules& r) { return r.dialect == d; });
  }
  // "<before>unknown dialect 'd'<after> (known: …)" unless `d` is an engine's name.
  void require_known_dialect(const std::string& d, const model::SourceLoc& loc, const std::string& before, const std::string& after = "") {
    if (!known_dialect(d)) diags_.error(loc, before + "unknown dialect '" + d + "'" + after + " (known: " + dialect_list_ + ")");
  }

  // Within a table, indexes and unique keys share one namespace, foreign keys
  // another, checks a third. Across a schema, each engine keeps some kinds in
  // one namespace (PostgreSQL indexes, MySQL foreign keys): a name is checked
  // there on the engines its table targets.
  void unique_name(const Table& t, const std::string& name, const model::SourceLoc& loc, const std::string& what, const char* kind) {
    if (name.empty()) return;
    const std::string key = std::string(kind) + ":" + name;
    if (auto [it, fresh] = in_table_.emplace(key, loc); !fresh) {
      diags_.error(loc, what + " name '" + name + "' is already used in '" + t.name + "' at " + it->second.str() + "; rename one");
      return;
    }
    for (const IdentifierRules* r : targeted_) {
      if (!r->schema_wide_names || !r->schema_wide_names(kind)) continue;
      if (auto [it, fresh] = schema_wide_.emplace(std::pair{r->dialect, key}, loc); !fresh) {
        diags_.error(loc, what + " name '" + name + "' is already used at " + it->second.str() + "; " + r->dialect + " keeps " +
                              kind + " names unique across a schema, so rename one");
        return;
      }
    }
  }

  // A targeted engine (`dialect`, or any for "") that refuses CURRENT_TIMESTAMP
  // on other than timestamp columns, or "".
  std::string clock_refused_by(const std::string& dialect) const {
    for (const IdentifierRules* r : targeted_)
      if (r->clock_defaults_only_on_timestamps && (dialect.empty() || r->dialect == dialect)) return r->dialect;
    return {};
  }

  // Each targeted engine's options must be ones it takes (an untargeted
  // engine's are never written).
  void table_options(const Table& t) {
    for (const IdentifierRules* r : targeted_) {
      if (!r->refused_table_options) continue;
      for (const auto& why : r->refused_table_options(t)) diags_.error(t.loc, "table " + t.name + " on " + r->dialect + ": " + why);
    }
  }

  void columns(const Table& t) {
    std::set<std::string> names;
    if (t.columns.empty()) diags_.error(t.loc, "table '" + t.name + "' has no columns");
    for (const auto& c : t.columns) {
      if (!names.insert(c.name).second) diags_.error(c.loc, "column '" + t.name + "." + c.name + "' is defined twice");
      column(t, c);
    }
  }

  void column(const Table& t, const Column& c) {
    const std::string where = t.name + "." + c.name;
    check_default(t, c, c.default_value, "", clock_refused_by(""), diags_);
    for (const auto& [dialect, d] : c.native_defaults) {
      require_known_dialect(dialect, c.loc, "default for ", " on " + where);
      check_default(t, c, d, dialect, clock_refused_by(dialect), diags_);
    }
    if (!c.on_update.empty() && (c.type.kind != TypeKind::timestamp || c.on_update.rfind("CURRENT_TIMESTAMP", 0) != 0))
      diags_.error(c.loc, "ON UPDATE " + c.on_update + " on " + where +
                              "; only timestamp columns can be maintained with ON UPDATE CURRENT_TIMESTAMP");
    if (c.identity && !c.type.is_integer())
      diags_.error(c.loc, where + " is an identity column but " + model::to_string(c.type) + " is not an integer type");
    if (c.type.kind == TypeKind::enumeration && c.type.values.empty())
      diags_.error(c.loc, "enum column " + where + " has no values");
    if (c.generated) generated_column(c, where);
    if (c.invisible) invisible_column(t, c, where);
    for (const auto& [dialect, native] : c.native_types) require_known_dialect(dialect, c.loc, "native type for ", " on " + where);
    for (const auto& [dialect, name] : c.collations) require_known_dialect(dialect, c.loc, "collation for ", " on " + where);
    check_collations(t, c, diags_);
  }

  // A column the database computes: nothing else may give it a value, and
  // each targeted engine must be able to create it as the spec says.
  void generated_column(const Column& c, const std::string& where) {
    if (c.identity) diags_.error(c.loc, where + " is both generated and an identity; keep one");
    if (c.has_default() || !c.on_update.empty())
      diags_.error(c.loc, where + " is generated, so it takes no DEFAULT or ON UPDATE; remove them");
    if (c.generate_uuid) diags_.error(c.loc, where + " is generated, so the application cannot give it a UUID");
    for (const IdentifierRules* r : targeted_) {
      if (!c.generated->stored && !r->has_virtual_generated_columns)
        diags_.error(c.loc, where + " is a VIRTUAL generated column, which " + r->dialect +
                                " does not have; make it STORED (YAML `generated: {as: …, stored: true}`, SQL `… STORED`)");
      if (!c.nullable && !r->generated_columns_take_not_null)
        diags_.error(c.loc, where + " is a generated column with NOT NULL, which " + r->dialect +
                                " refuses (MariaDB); drop NOT NULL or stop targeting " + r->dialect);
    }
  }

  // An INVISIBLE column: refused where MariaDB would refuse it, and a
  // warning where a targeted engine has no such thing (SELECT * returns it there).
  void invisible_column(const Table& t, const Column& c, const std::string& where) {
    for (const IdentifierRules* r : targeted_) {
      if (!r->has_invisible_columns) {
        warn(diags_, t, c.loc, where + " is INVISIBLE, which " + r->dialect + " has not: SELECT * returns it there",
             rule::invisible_column);
        continue;
      }
      if (r->invisible_not_null_needs_default && !c.nullable && !c.has_default() && !c.identity && !c.generated)
        diags_.error(c.loc, where + " is INVISIBLE and NOT NULL without a default, which " + r->dialect +
                                " refuses (an INSERT that leaves it out could give it no value); give it a default or make it nullable");
    }
    if (&c == &t.columns.front() && std::all_of(t.columns.begin(), t.columns.end(), [](const Column& x) { return x.invisible; }))
      diags_.error(c.loc, "every column of " + t.name + " is INVISIBLE; a table needs one that SELECT * returns");
  }

  // An identity column where each targeted engine allows one: SQLite only as
  // the whole primary key, MySQL at the head of some key or index.
  void identity_placement(const Table& t, const Column& c) {
    const bool whole_key = t.primary_key && t.primary_key->columns == std::vector<std::string>{c.name};
    for (const IdentifierRules* r : targeted_) {
      if (r->identity_only_whole_primary_key && !whole_key) {
        diags_.error(c.loc, "identity column " + t.name + "." + c.name + " must be the table's whole primary key on " + r->dialect +
                                " (AUTOINCREMENT is the INTEGER PRIMARY KEY's); make it the key or stop targeting " + r->dialect);
      } else if (r->identity_needs_leading_key) {
        if (!t.key_starts_with(c.name) && !t.first_index_starting_with(c.name, r->dialect))
          diags_.error(c.loc, "identity column " + t.name + "." + c.name + " leads no key or index, which " + r->dialect +
                                  " refuses; make it the primary key or index it");
      }
    }
  }

  // The primary key, identity columns and unique keys.
  void keys(const Table& t) {
    if (t.primary_key) {
      check_columns_exist(t, t.primary_key->columns, "primary key", t.primary_key->loc, diags_);
      for (const auto& n : t.primary_key->columns)
        if (const Column* c = t.find_column(n); c && c->nullable)
          diags_.error(c->loc, "primary-key column " + t.name + "." + n + " is nullable; make it NOT NULL");
    }
    const auto identities = std::count_if(t.columns.begin(), t.columns.end(), [](const Column& c) { return c.identity; });
    if (identities > 1)
      diags_.error(t.loc, "table '" + t.name + "' has " + std::to_string(identities) + " identity columns; engines allow one");
    for (const auto& c : t.columns)
      if (c.identity) identity_placement(t, c);
    for (const auto& k : t.uniques) {
      unique_name(t, k.name, k.loc, "unique key", "index");
      check_columns_exist(t, k.columns, "unique key '" + k.name + "'", k.loc, diags_);
      for (const IdentifierRules* r : targeted_) {
        if (k.deferral != model::Deferral::none && !r->has_deferrable_unique_keys)
          diags_.error(k.loc, "unique key '" + k.name + "' of '" + t.name + "' is DEFERRABLE, which " + r->dialect +
                                  " does not have; drop `deferrable` or stop targeting " + r->dialect);
        if (k.nulls_not_distinct && !r->has_nulls_not_distinct)
          diags_.error(k.loc, "unique key '" + k.name + "' of '" + t.name + "' is NULLS NOT DISTINCT, which " + r->dialect +
                                  " does not have; drop `nulls_not_distinct` or stop targeting " + r->dialect);
      }
    }
  }

  void index(const Table& t, const model::Index& i) {
    unique_name(t, i.name, i.loc, "index", "index");
    std::vector<std::string> cols;  // expression parts name no column of their own
    for (const auto& c : i.columns)
      if (c.expression.empty()) cols.push_back(c.name);
    if (i.columns.empty() || !cols.empty()) check_columns_exist(t, cols, "index '" + i.name + "'", i.loc, diags_);
    if (!i.include.empty()) check_columns_exist(t, i.include, "index '" + i.name + "' INCLUDE", i.loc, diags_);
    if (i.nulls_not_distinct && !i.unique)
      diags_.error(i.loc, "index '" + i.name + "' is NULLS NOT DISTINCT but not unique; make it unique: true or drop nulls_not_distinct");
    for (const auto& d : i.dialects) require_known_dialect(d, i.loc, "index '" + i.name + "' names ");
    for (const IdentifierRules* r : targeted_)
      if (i.created_on(r->dialect))
        index_on_engine(t, i, *r);
  }

  // What one engine that creates the index must have for it.
  void index_on_engine(const Table& t, const model::Index& i, const IdentifierRules& rules) {
    const std::string elsewhere = "; limit the index to the engines that have it with dialects: [...] (YAML) or list it "
                                  "under those engines only (markdown)";
    if (!i.where.empty() && !rules.has_partial_indexes)
      diags_.error(i.loc, "index '" + i.name + "' is partial (WHERE " + i.where + "), which " + rules.dialect + " does not have" + elsewhere);
    if (!rules.has_expression_indexes &&
        std::any_of(i.columns.begin(), i.columns.end(), [](const model::IndexColumn& c) { return !c.expression.empty(); }))
      diags_.error(i.loc, "index '" + i.name + "' has expression parts, which " + rules.dialect + " does not index" + elsewhere);
    if (!i.include.empty() && !rules.has_index_include)
      diags_.error(i.loc, "index '" + i.name + "' has INCLUDE columns, which " + rules.dialect + " does not have" + elsewhere);
    if (i.nulls_not_distinct && !rules.has_nulls_not_distinct)
      diags_.error(i.loc, "index '" + i.name + "' is NULLS NOT DISTINCT, which " + rules.dialect + " does not have" + elsewhere);
    if (!i.method.empty() && i.method != "btree" && !(rules.has_index_method && rules.has_index_method(i.method)))
      diags_.error(i.loc, "index '" + i.name + "' uses method " + i.method + ", which " + rules.dialect + " does not have" + elsewhere);
    if (!rules.has_operator_classes)
      for (const auto& ic : i.columns)
        if (!ic.opclass.empty())
          diags_.error(i.loc, "index '" + i.name + "' gives " + ic.name + " operator class " + ic.opclass + ", which " +
                                  rules.dialect + " does not have" + elsewhere);
    // Some engines (InnoDB) index TEXT/BLOB/JSON only by a prefix length; an
    // index that does not look values up whole (FULLTEXT) has its own rules.
    if (rules.indexes_unbounded_text || (rules.looks_up_whole_values && !rules.looks_up_whole_values(i.method))) return;
    for (const auto& ic : i.columns) {
      const Column* c = t.find_column(ic.name);
      if (!c || ic.length > 0) continue;  // a prefix length bounds it
      // The engine's own type where the spec pins one (varbinary(255) indexes whole), else the logical one.
      const auto native = c->native_types.find(rules.dialect);
      const bool unbounded = native != c->native_types.end()
                                 ? rules.needs_index_prefix && rules.needs_index_prefix(native->second)
                                 : c->type.kind == TypeKind::text || c->type.kind == TypeKind::json ||
                                       (c->type.kind == TypeKind::binary && c->type.length == 0);
      if (unbounded)
        diags_.error(i.loc, "index '" + i.name + "' covers " + t.name + "." + c->name + " (" + model::to_string(c->type) + "), which " +
                                rules.dialect + " cannot index without a prefix length; make the column varchar(n), or "
                                "limit the index to other engines with dialects: [...]");
    }
  }

  void views(const Table& t) {
    std::set<std::string> names;
    for (const auto& v : t.views) {
      if (!names.insert(v.name).second) diags_.error(v.loc, "view '" + v.name + "' is declared twice");
      if (table_names_.count(v.name) || schema_.find_table(v.name)) diags_.error(v.loc, "view '" + v.name + "' has the name of a table");
    }
  }

  void foreign_key(const Table& t, const model::ForeignKey& fk) {
    unique_name(t, fk.name, fk.loc, "foreign key", "foreign key");
    check_columns_exist(t, fk.columns, "foreign key '" + fk.name + "'", fk.loc, diags_);
    if (fk.deferral != model::Deferral::none)
      for (const IdentifierRules* r : targeted_)
        if (!r->has_deferrable_foreign_keys)
          diags_.error(fk.loc, "foreign key '" + fk.name + "' of '" + t.name + "' is DEFERRABLE, which " + r->dialect +
                                   " does not have (it checks every row at once); drop `deferrable` or stop targeting " + r->dialect);
    const Table* target = schema_.find_table(fk.ref_table);
    if (!target) {
      if (std::find(schema_.external_tables.begin(), schema_.external_tables.end(), fk.ref_table) == schema_.external_tables.end())
        diags_.error(fk.loc, "foreign key '" + fk.name + "' of '" + t.name + "' references table '" + fk.ref_table +
                                 "', which no spec defines; add a spec for it or list it under external_tables: in YAML");
      return;
    }
    if (fk.ref_columns.size() != fk.columns.size()) {
      diags_.error(fk.loc, "foreign key '" + fk.name + "' has " + std::to_string(fk.columns.size()) + " column(s) but references " +
                               std::to_string(fk.ref_columns.size()) + " in '" + fk.ref_table + "'");
      return;
    }
    const bool keyed =
        (target->primary_key && target->primary_key->columns == fk.ref_columns) ||
        std::any_of(target->uniques.begin(), target->uniques.end(), [&](const model::Key& k) { return k.columns == fk.ref_columns; }) ||
        std::any_of(target->indexes.begin(), target->indexes.end(), [&](const model::Index& i) {
          if (!i.unique || i.columns.size() != fk.ref_columns.size()) return false;
          for (std::size_t k = 0; k < i.columns.size(); ++k)
            if (i.columns[k].name != fk.ref_columns[k]) return false;
          return true;
        });
    if (!keyed)
      diags_.error(fk.loc, "foreign key '" + fk.name + "' references " + fk.ref_table + "(" + list(fk.ref_columns) +
                               "), which is not its primary key or a unique key");
    for (std::size_t i = 0; i < fk.columns.size(); ++i) {
      const Column* col = t.find_column(fk.columns[i]);
      const Column* ref = target->find_column(fk.ref_columns[i]);
      if (!ref) {
        diags_.error(fk.loc, "foreign key '" + fk.name + "' references column '" + fk.ref_table + "." + fk.ref_columns[i] +
                                 "', which does not exist");
        continue;
      }
      if (col) foreign_key_column(t, fk, *col, *ref);
    }
  }

  void foreign_key_column(const Table& t, const model::ForeignKey& fk, const Column& col, const Column& ref) {
    const bool must_match = std::any_of(targeted_.begin(), targeted_.end(), [](const IdentifierRules* r) { return r->foreign_keys_need_matching_types; });
    if (must_match && !compatible(col, ref))
      diags_.error(fk.loc, "foreign key '" + fk.name + "': " + t.name + "." + col.name + " is " + model::to_string(col.type) + " but " +
                               fk.ref_table + "." + ref.name + " is " + model::to_string(ref.type) + "; the engines need matching types");
    // Some engines refuse the DDL (MySQL); the others accept it and fail
    // the DELETE/UPDATE that would set the column NULL.
    for (auto [action, which] : {std::pair{fk.on_delete, "DELETE"}, std::pair{fk.on_update, "UPDATE"}}) {
      if (action != model::FkAction::set_null || col.nullable) continue;
      const std::string what = "foreign key '" + fk.name + "' has ON " + which + " SET NULL but " + t.name + "." + col.name + " is NOT NULL";
      auto refuses = std::find_if(targeted_.begin(), targeted_.end(), [](const IdentifierRules* r) { return r->refuses_set_null_on_not_null; });
      if (refuses != targeted_.end())
        diags_.error(fk.loc, what + ", which " + (*refuses)->dialect + " refuses; allow NULL or choose another action");
      else
        warn(diags_, t, fk.loc, what + ": a " + which + " of the referenced row will fail; allow NULL or choose another action",
             rule::set_null_not_null);
    }
  }

  const model::Schema& schema_;
  const std::vector<IdentifierRules>& dialects_;
  model::Diagnostics& diags_;
  std::string dialect_list_;
  std::map<std::pair<std::string, std::string>, model::SourceLoc> schema_wide_;  // (engine, kind + name) -> first use
  std::set<std::string> table_names_;
  std::vector<const IdentifierRules*> targeted_;    // the engines the table being checked targets
  std::map<std::string, model::SourceLoc> in_table_;  // its kind + name -> first use
};

}  // namespace

void check_tables(const model::Schema& schema, const std::vector<IdentifierRules>& dialects, model::Diagnostics& diags) {
  TableChecks checks(schema, dialects, diags);
  for (const auto& t : schema.tables) checks.table(t);
}

}  // namespace sf::validate
