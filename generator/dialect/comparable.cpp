// Inspector::comparable: the projection drift compares in. Types go through the
// engine's DDL spelling and back (tinyint -> SMALLINT -> smallint on
// PostgreSQL, uuid -> CHAR(36) on MySQL, everything -> an affinity on SQLite),
// defaults through the engine's rendering, and whatever the engine does not
// keep is cleared on both sides.
#include <algorithm>
#include <cctype>
#include <regex>

#include "generator/dialect/code_text.hpp"
#include "generator/dialect/inspector.hpp"
#include "generator/model/default_value.hpp"
#include "generator/model/strings.hpp"

namespace sf::dialect {
namespace {

// An index predicate, expression part or generation expression as engines
// print it back, folded so the spec's text and the catalogue's compare:
// casts dropped ('a'::text), parentheses, spaces and identifier quotes
// ("col", `col`) gone, lower case outside string literals.
// `(status = 'pending'::text)` and `status='pending'` are one predicate.
std::string folded_sql(std::string_view sql) {
  static const std::regex cast(R"(::\s*[A-Za-z_][A-Za-z0-9_]*(\s+(varying|precision|with\s+time\s+zone|without\s+time\s+zone))?(\[\])?)");
  const std::string text = std::regex_replace(std::string(sql), cast, "");
  std::string out;
  char quote = 0;
  for (char ch : text) {
    if (quote) {
      if (ch != quote || quote == '\'') out += ch;
      if (ch == quote) quote = 0;
    } else if (ch == '\'' || ch == '"' || ch == '`') {
      quote = ch;
      if (ch == '\'') out += ch;  // "col" and col are one name
    } else if (!std::isspace(static_cast<unsigned char>(ch)) && ch != '(' && ch != ')') {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  return out;
}

// What drift does not compare on a table: where it was written, what only
// docs and generate read.
void clear_uncompared(model::Table& t) {
  t.loc = {};
  t.sources.clear();
  t.description.clear();
  t.job.reset();
  t.renamed_from.clear();
  t.views.clear();  // compared by name apart: the generated set is the templates' to say
}

// What drift does not compare on a column.
void clear_uncompared(model::Column& c) {
  c.description.clear();
  c.crypto.clear();
  c.generate_uuid = false;
  c.renamed_from.clear();
  c.loc = {};
}

// The column's default on `engine` alone, read as validation reads it, so its DDL renders what the spec means.
void settle_default(model::Column& c, std::string_view engine) {
  model::settle_quoted_defaults(c);         // '0' on an int column is 0, as validation reads it
  c.default_value = c.default_for(engine);  // this engine's default is the only one
  c.native_defaults.clear();
  if (c.default_value.kind == model::DefaultValue::Kind::number) {
    // 0 and 0.000 are one default (MariaDB writes DECIMAL defaults at the column's scale).
    std::string& n = c.default_value.text;
    if (n.find('.') != std::string::npos && n.find_first_of("eE") == std::string::npos) {
      while (!n.empty() && n.back() == '0') n.pop_back();
      if (!n.empty() && n.back() == '.') n.pop_back();
    }
  }
}

// The logical type an engine's DDL type reads back as.
model::LogicalType logical_type_of(std::string spelled) {
  std::string err;
  // Cut at the first word that is no part of the type (a pinned type is as
  // written: `tinyint(1) unsigned` and `TINYINT(1) UNSIGNED` are one).
  const std::string folded = model::lower(spelled);
  for (const char* word : {" collate ", " unsigned"})
    if (auto p = folded.find(word); p != std::string::npos) spelled.erase(std::min(p, spelled.size()));
  auto parsed = model::parse_type_name(spelled, err);
  // A type the model has no name for is its exact spelling alone.
  return parsed ? parsed->type : model::LogicalType::of(model::TypeKind::text);
}

// An index as the catalogue prints it back (see folded_sql).
void fold_index(model::Index& i, bool keeps_prefix_lengths) {
  i.dialects.clear();
  i.loc = {};
  i.where = folded_sql(i.where);
  for (auto& ic : i.columns) {
    ic.expression = folded_sql(ic.expression);
    if (!keeps_prefix_lengths) ic.length = 0;  // written only where the engine has them
  }
}

// Only the indexes `engine` has, folded; a unique one becomes a unique key
// where the engine makes no difference between the two.
void fold_indexes(model::Table& t, std::string_view engine, bool keeps_prefix_lengths, bool unique_index_is_key) {
  std::vector<model::Index> indexes;
  for (auto& i : t.indexes) {
    if (!i.created_on(engine)) continue;
    fold_index(i, keeps_prefix_lengths);
    if (i.unique && unique_index_is_key) {
      model::Key k{i.name, {}, {}};
      for (const auto& ic : i.columns) k.columns.push_back(ic.name);
      t.uniques.push_back(std::move(k));
      continue;
    }
    indexes.push_back(std::move(i));
  }
  t.indexes = std::move(indexes);
}

// Unique keys, foreign keys and checks with only what the engine keeps of them.
void fold_constraints(model::Table& t, bool keeps_constraint_names, bool distinguishes_restrict, bool keeps_checks,
                      bool keeps_fk_deferral) {
  for (auto& k : t.uniques) {
    k.loc = {};
    if (!keeps_constraint_names) k.name.clear();
  }
  for (auto& f : t.foreign_keys) {
    f.loc = {};
    if (!keeps_fk_deferral) f.deferral = model::Deferral::none;
    if (!keeps_constraint_names) f.name.clear();
    if (!distinguishes_restrict) {
      if (f.on_delete == model::FkAction::restrict) f.on_delete = model::FkAction::no_action;
      if (f.on_update == model::FkAction::restrict) f.on_update = model::FkAction::no_action;
    }
  }
  if (!keeps_checks) t.checks.clear();
  for (auto& ck : t.checks) {
    ck.loc = {};
    ck.expression.clear();  // engines rewrite CHECK bodies; names are what we compare
  }
}

// Indexes and constraints in one order on both sides, whatever order the spec or the catalogue gave.
void sort_constraints(model::Table& t) {
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  auto by_columns = [](const auto& a, const auto& b) { return std::tie(a.name, a.columns) < std::tie(b.name, b.columns); };
  std::sort(t.indexes.begin(), t.indexes.end(), by_name);
  std::sort(t.uniques.begin(), t.uniques.end(), by_columns);
  std::sort(t.foreign_keys.begin(), t.foreign_keys.end(), by_columns);
  std::sort(t.checks.begin(), t.checks.end(), by_name);
}

}  // namespace

model::Schema Inspector::comparable(model::Schema s) const {
  const std::string_view engine = spelling_.name();
  for (auto& t : s.tables) {
    const std::string table_collation = default_collation(t);  // before the options are cleared
    clear_uncompared(t);
    for (auto& c : t.columns) {
      if (types_are_affinities()) c.native_types.erase(std::string(engine));
      settle_default(c, engine);
      c.default_value = canonical_default(c);
      ColumnDdl ddl = spelling_.column_ddl(t, c);
      // The type exactly as this engine holds it, aliases folded: compared
      // beside the logical type, so `timestamp` is not `timestamptz` here
      // although both are one logical timestamp.
      const std::string exact_type = spelling_.type_key(ddl.type);
      if (c.type.kind != model::TypeKind::enumeration || !keeps_enums()) c.type = logical_type_of(ddl.type);
      // DEFAULT NULL is no default: every engine inserts NULL either way (PostgreSQL keeps none).
      c.default_value = ddl.default_sql.empty() || ddl.default_sql == "NULL" ? model::DefaultValue{}
                                                : model::DefaultValue{model::DefaultValue::Kind::expression, ddl.default_sql};
      if (!keeps_unsigned()) c.is_unsigned = false;
      if (!keeps_invisible()) c.invisible = false;
      if (!keeps_on_update()) c.on_update.clear();
      if (!keeps_on_update_precision() && !c.on_update.empty()) c.on_update = "CURRENT_TIMESTAMP";
      if (c.generated) c.generated->expression = folded_sql(c.generated->expression);
      c.native_types = {{std::string(engine), exact_type}};
      // Only this engine's collation, and none where it is the table's default anyway. Only
      // text has one: MariaDB's JSON is LONGTEXT COLLATE utf8mb4_bin, which is no spec's choice.
      auto mine = c.collations.find(std::string(engine));
      std::map<std::string, std::string> kept;
      if (c.type.is_textual() && mine != c.collations.end() &&
          canonical_collation(mine->second) != canonical_collation(table_collation))
        kept.emplace(mine->first, canonical_collation(mine->second));
      c.collations = std::move(kept);
      clear_uncompared(c);
    }
    // After the columns: their DDL reads the options (PostgreSQL native enums, SQLite STRICT).
    auto options = compared_options(t);
    t.options.clear();
    if (!options.empty()) t.options[std::string(engine)] = std::move(options);
    if (t.primary_key) t.primary_key = model::Key{"", t.primary_key->columns, {}};
    fold_indexes(t, engine, keeps_prefix_lengths(), unique_index_is_key());
    fold_constraints(t, keeps_constraint_names(), distinguishes_restrict(), keeps_checks(), keeps_fk_deferral());
    sort_constraints(t);
    for (auto& tr : t.triggers) {
      tr.loc = {};
      for (auto& [e, sql] : tr.sql) sql = canonical_code(sql);
    }
  }
  s.external_tables.clear();
  if (!keeps_extensions()) s.extensions.clear();  // the spec's are PostgreSQL's alone
  for (auto& r : s.routines) {
    r.loc = {};
    r.name = routine_key(r);  // before the statement is folded: the key reads it
    for (auto& [e, sql] : r.sql) sql = canonical_code(sql);
  }
  model::canonicalize(s);
  return s;
}

std::string Inspector::canonical_code(std::string_view create_statement) const {
  return code_text::folded(code_text::pieces(create_statement));
}

void Inspector::pin_exact_types(model::Schema& s, const ExactTypes& reported) const {
  const std::string engine(spelling_.name());
  for (auto& t : s.tables) {
    const auto columns = reported.find(t.name);
    if (columns == reported.end()) continue;
    for (auto& c : t.columns) {
      const auto type = columns->second.find(c.name);
      if (type == columns->second.end() || c.native_types.count(engine)) continue;
      if (spelling_.type_key(type->second) != spelling_.type_key(spelling_.column_ddl(t, c).type))
        c.native_types[engine] = type->second;
    }
  }
}

}  // namespace sf::dialect
