#include "generator/render/template_data.hpp"

#include <algorithm>
#include <map>

#include "generator/model/dependency_order.hpp"
#include "generator/model/strings.hpp"

namespace sf::render {
namespace {

using nlohmann::json;


json fk_json(const dialect::Dialect& d, const model::ForeignKey& fk) {
  json j;
  j["name"] = d.quote(fk.name);
  j["columns"] = d.quote_list(fk.columns);
  j["ref_table"] = d.quote(fk.ref_table);
  j["ref_columns"] = d.quote_list(fk.ref_columns);
  j["on_delete"] = fk.on_delete == model::FkAction::no_action ? "" : std::string(model::to_string(fk.on_delete));
  j["on_update"] = fk.on_update == model::FkAction::no_action ? "" : std::string(model::to_string(fk.on_update));
  j["deferrable"] = d.create().has_deferrable_foreign_keys() ? std::string(model::to_sql(fk.deferral)) : std::string{};
  return j;
}

bool for_dialect(const model::Index& i, const dialect::Dialect& d) {
  return i.created_on(d.name());
}

json table_json(const model::Table& t, const dialect::Dialect& d) {
  json tj;
  tj["name"] = d.quote(t.name);
  tj["raw_name"] = t.name;
  tj["description"] = t.description;
  tj["description_sql"] = d.spelling().string_literal(t.description);
  tj["options"] = d.create().table_options(t);
  json elements = json::array(), notes = json::array(), types = json::array(), triggers = json::array();
  bool inline_pk = false;
  std::vector<model::Check> engine_checks;
  for (const auto& c : t.columns) {
    dialect::ColumnDdl ddl = d.spelling().column_ddl(t, c);
    inline_pk = inline_pk || ddl.inline_primary_key;
    json cj;
    cj["is_column"] = true;
    cj["name"] = d.quote(c.name);
    cj["raw_name"] = c.name;
    cj["table"] = d.quote(t.name);
    cj["type"] = ddl.type;
    cj["identity"] = ddl.identity;
    cj["generated"] = ddl.generated;
    // Identity columns are NOT NULL by definition; SQLite's rowid alias may not say so twice.
    cj["not_null"] = !c.nullable && !ddl.inline_primary_key;
    cj["default"] = ddl.default_sql;
    cj["on_update"] = ddl.on_update_sql;
    cj["visibility"] = ddl.visibility;
    cj["description"] = c.description;
    cj["description_sql"] = d.spelling().string_literal(c.description.substr(0, 1024));
    cj["note"] = ddl.note;
    if (!ddl.note.empty()) notes.push_back({{"text", ddl.note}});
    if (!ddl.type_sql.empty()) types.push_back({{"sql", ddl.type_sql}});
    for (const auto& st : ddl.trigger_sql) triggers.push_back({{"sql", st}});
    for (auto& ck : ddl.checks) engine_checks.push_back(ck);
    elements.push_back(std::move(cj));
  }
  if (t.primary_key && !inline_pk) {
    json pk = {{"is_primary_key", true}, {"columns", d.quote_list(t.primary_key->columns)},
               {"name", t.primary_key->name.empty() ? std::string{} : d.quote(t.primary_key->name)}};
    tj["primary_key"] = pk;
    elements.push_back(std::move(pk));
  } else {
    tj["primary_key"] = false;
  }
  for (const auto& u : t.uniques)
    elements.push_back({{"is_unique", true}, {"name", d.quote(u.name)}, {"columns", d.quote_list(u.columns)},
                        {"nulls_not_distinct", u.nulls_not_distinct}, {"deferrable", std::string(model::to_sql(u.deferral))}});
  for (const auto& i : t.indexes)  // the key an identity column needs at CREATE TABLE (MySQL)
    if (for_dialect(i, d) && d.create().index_inline(t, i))
      elements.push_back({{"is_index", true}, {"name", d.quote(i.name)}, {"unique", i.unique},
                          {"columns", d.create().index_columns(i)}, {"kind", d.create().index_kind(i)}});
  for (const auto& ck : engine_checks)
    elements.push_back({{"is_check", true}, {"name", d.quote(ck.name)}, {"expression", ck.expression}});
  for (const auto& ck : t.checks)
    elements.push_back({{"is_check", true}, {"name", d.quote(ck.name)}, {"expression", ck.expression}});
  json fks = json::array();
  for (const auto& fk : t.foreign_keys) {
    json fj = fk_json(d, fk);
    fj["table"] = d.quote(t.name);
    if (d.create().foreign_keys_inline()) {
      fj["is_foreign_key"] = true;
      elements.push_back(std::move(fj));
    } else {
      fks.push_back(std::move(fj));
    }
  }
  json indexes = json::array();
  for (const auto& i : t.indexes) {
    if (!for_dialect(i, d)) continue;
    if (d.create().index_inline(t, i)) continue;  // in CREATE TABLE, above
    indexes.push_back({{"name", d.quote(i.name)},
                       {"unique", i.unique},
                       {"columns", d.create().index_columns(i)},
                       {"using", i.method},
                       {"kind", d.create().index_kind(i)},
                       {"where", i.where},
                       {"include", d.create().has_index_include() ? d.quote_list(i.include) : std::string{}},
                       {"nulls_not_distinct", i.nulls_not_distinct && d.create().has_nulls_not_distinct()},
                       {"table", d.quote(t.name)}});
  }
  tj["elements"] = with_commas(std::move(elements));
  tj["indexes"] = std::move(indexes);
  tj["foreign_keys"] = std::move(fks);  // empty where they are inline
  tj["notes"] = std::move(notes);
  tj["triggers"] = std::move(triggers);
  tj["types"] = std::move(types);
  return tj;
}

// The table's views as the model lists them (the resolve step put the
// generated contract and status views first): what each template section
// needs, and the flags the spec gives this engine.
void add_views(const model::Table& t, const dialect::Dialect& d, json& views, model::Diagnostics& diags) {
  for (const auto& view : t.views) {
    const auto variant = view.variants.find(std::string(d.name()));
    const bool contract = view.generated == model::view_role::contract, status = view.generated == model::view_role::status;
    const auto flags = d.create().default_view_flags(view.generated);
    json v = {{"algorithm", flags.algorithm}, {"security", flags.security}};
    if (variant != view.variants.end()) {
      if (!variant->second.algorithm.empty()) v["algorithm"] = variant->second.algorithm;
      if (!variant->second.security.empty()) v["security"] = variant->second.security;
    }
    v["name"] = d.quote(view.name);
    v["raw_name"] = view.name;
    v["raw_table"] = t.name;
    if (contract) {
      v["is_contract"] = true;
      v["table"] = d.quote(t.name);
      json select = json::array();
      for (const auto& c : t.columns) select.push_back({{"sql", d.quote(c.name)}});
      if (t.job) {
        const std::string col = d.quote(t.job->status_column);
        for (const char* role : {model::job_state::success, model::job_state::running, model::job_state::failure}) {
          std::string value = t.job->state(role);
          if (value.empty()) continue;
          select.push_back({{"sql", "(" + col + " = " + d.spelling().string_literal(value) + ") AS " + d.quote("is_" + value)}});
        }
      }
      v["select_list"] = with_commas(std::move(select));
    } else if (status && t.job) {
      v["is_status"] = true;
      v["table"] = d.quote(t.name);
      v["status_column"] = d.quote(t.job->status_column);
      const model::Column* status_col = t.find_column(t.job->status_column);
      json states = json::array();
      for (const auto& value : status_col->type.values) states.push_back({{"literal", d.spelling().string_literal(value)}});
      for (std::size_t i = 0; i < states.size(); ++i) states[i]["first"] = i == 0;
      v["states"] = std::move(states);
      std::string sched = t.job->column(model::job_column::scheduled_at);
      if (sched.empty() && t.find_column("created_at")) sched = "created_at";
      v["scheduled_sql"] = sched.empty() ? d.spelling().null_timestamp() : "t." + d.quote(sched);
      std::string started = t.job->column(model::job_column::started_at);
      std::string finished = t.job->column(model::job_column::finished_at);
      v["duration_sql"] = started.empty() || finished.empty()
                              ? d.spelling().null_seconds()
                              : d.spelling().seconds_between("t." + d.quote(started), "t." + d.quote(finished));
    } else {
      std::string body = variant != view.variants.end() && !variant->second.sql.empty() ? variant->second.sql : view.sql;
      if (body.empty()) {
        diags.warning(view.loc, "view '" + view.name + "' has no body for " + std::string(d.name()) +
                                    "; not generated. Give it `sql:` in a YAML overlay");
        continue;
      }
      v["is_custom"] = true;
      v["body"] = std::move(body);
    }
    views.push_back(std::move(v));
  }
}

// Views in table order, except that a spec view whose body names another
// view comes after it (the engines need what a view reads to exist).
// Each view's body is read for words once (model::sql_words), not once per
// other view: the pairs grew with the square of the views.
json views_in_dependency_order(json views) {
  std::vector<json> list(std::make_move_iterator(views.begin()), std::make_move_iterator(views.end()));
  std::map<std::string, std::vector<std::size_t>> named;  // raw name, lower case -> the views so named
  std::vector<std::string> not_words;                      // names sql_names must find itself
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto name = list[i]["raw_name"].get<std::string>();
    auto& same = named[model::lower(name)];
    if (same.empty() && !model::is_sql_word(name)) not_words.push_back(name);
    same.push_back(i);
  }
  std::vector<std::vector<std::size_t>> reads(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].contains("body")) continue;
    const auto body = list[i]["body"].get<std::string>();
    for (const auto& word : model::sql_words(body))
      if (auto it = named.find(word); it != named.end()) reads[i].insert(reads[i].end(), it->second.begin(), it->second.end());
    for (const auto& name : not_words)
      if (model::sql_names(body, name)) {
        const auto& same = named[model::lower(name)];
        reads[i].insert(reads[i].end(), same.begin(), same.end());
      }
  }
  return model::in_dependency_order_by_index(std::move(list), reads);
}

}  // namespace

json with_commas(json list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const bool more = i + 1 < list.size();
    list[i]["comma"] = more ? "," : "";
    list[i]["sep"] = more ? ", " : "";
  }
  return list;
}

json sql_view(const model::Schema& s, const dialect::Dialect& d, model::Diagnostics& diags) {
  json out;
  out["dialect"] = std::string(d.name());
  json extensions = json::array();
  if (d.create().has_extensions())
    for (const auto& e : s.extensions) extensions.push_back({{"name", d.quote(e)}, {"raw_name", e}});
  out["extensions"] = std::move(extensions);
  json tables = json::array(), views = json::array();
  for (const auto& t : s.tables) {
    tables.push_back(table_json(t, d));
    add_views(t, d, views, diags);
  }
  out["tables"] = std::move(tables);
  out["views"] = views_in_dependency_order(std::move(views));
  // Triggers and routines are each engine's own statements, kept as the spec
  // wrote them after CREATE (the templates say how this engine creates them).
  const std::string engine(d.name());
  auto after_create = [](const std::string& sql) { return model::trim(sql.substr(sql.find_first_of(" \t\n") + 1)); };
  json routines = json::array(), triggers = json::array();
  for (const auto& r : s.routines)
    if (auto it = r.sql.find(engine); it != r.sql.end()) routines.push_back({{"body", after_create(it->second)}, {"raw_name", r.name}});
  for (const auto& t : s.tables)
    for (const auto& tr : t.triggers)
      if (auto it = tr.sql.find(engine); it != tr.sql.end())
        triggers.push_back({{"body", after_create(it->second)}, {"raw_name", tr.name}, {"raw_table", t.name}});
  out["has_routines"] = !routines.empty();
  out["routines"] = std::move(routines);
  out["declared_triggers"] = std::move(triggers);
  return out;
}

// A column's type as the docs show it: one spelling where the engines that
// have their own type names agree, else `engine: TYPE` halves in name order,
// the way the markdown seeds write a Type cell.
static std::string doc_type(const model::Table& t, const model::Column& c) {
  std::vector<std::pair<std::string_view, std::string>> halves;
  for (const dialect::Dialect* d : dialect::all_dialects())
    if (d->spelling().has_type_names()) halves.emplace_back(d->name(), d->spelling().column_ddl(t, c).type);
  std::sort(halves.begin(), halves.end());
  const bool alike = std::all_of(halves.begin(), halves.end(), [&](const auto& h) { return h.second == halves.front().second; });
  if (alike) return halves.empty() ? std::string{} : halves.front().second;
  std::string out;
  for (const auto& [engine, type] : halves) out += (out.empty() ? "" : " / ") + std::string(engine) + ": " + type;
  return out;
}

// A default as the doc's Default cell writes it.
static std::string shown_default(const model::DefaultValue& v) {
  switch (v.kind) {
    case model::DefaultValue::Kind::none: return {};
    case model::DefaultValue::Kind::null: return "NULL";
    case model::DefaultValue::Kind::boolean: return v.text == "true" ? "TRUE" : "FALSE";
    default: return v.text;
  }
}

static std::string doc_default(const model::Column& c) {
  if (c.generated) return dialect::Spelling::generated_clause(c);  // as a markdown Default cell spells it
  std::string def = shown_default(c.default_value);
  for (const auto& [engine, v] : c.native_defaults)  // as the doc's Default cell writes them
    def += (def.empty() ? "" : " / ") + engine + ": " + shown_default(v);
  return def;
}

// The Key cell: PK for a primary key column, else FK for one a foreign key uses.
static const char* doc_key(const model::Table& t, const model::Column& c) {
  bool pk = t.primary_key && std::find(t.primary_key->columns.begin(), t.primary_key->columns.end(), c.name) !=
                                 t.primary_key->columns.end();
  bool fk = std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const model::ForeignKey& f) {
    return std::find(f.columns.begin(), f.columns.end(), c.name) != f.columns.end();
  });
  return pk ? "PK" : fk ? "FK" : "";
}

static json doc_columns(const model::Table& t) {
  json cols = json::array();
  for (const auto& c : t.columns) {
    std::string desc = c.description;
    for (auto& ch : desc)
      if (ch == '|') ch = '/';  // a | would split the markdown table's cell
    cols.push_back({{"name", c.name},
                    {"type", doc_type(t, c)},
                    {"kind", std::string(model::kind_name(c.type.kind))},
                    {"null", c.nullable ? "YES" : "NO"},
                    {"default", doc_default(c)},
                    {"description", desc},
                    {"key", doc_key(t, c)}});
  }
  return cols;
}

static std::string comma_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

static json doc_unique_keys(const model::Table& t) {
  json uniques = json::array();
  for (const auto& u : t.uniques) uniques.push_back({{"name", u.name}, {"columns", comma_list(u.columns)}});
  return uniques;
}

static json doc_indexes(const model::Table& t) {
  json indexes = json::array();
  for (const auto& i : t.indexes) {
    std::string cs;
    for (const auto& c : i.columns)
      cs += (cs.empty() ? "" : ", ") + (c.expression.empty() ? c.name : "(" + c.expression + ")") + (c.descending ? " DESC" : "");
    const std::string ds = comma_list(i.dialects);
    indexes.push_back({{"name", i.name}, {"columns", cs}, {"unique", i.unique ? "yes" : ""}, {"dialects", ds.empty() ? "all" : ds}});
  }
  return indexes;
}

static json doc_foreign_keys(const model::Table& t) {
  json fks = json::array();
  for (const auto& f : t.foreign_keys) {
    std::string actions = "ON DELETE " + std::string(model::to_string(f.on_delete));
    if (f.on_update != model::FkAction::no_action) actions += " ON UPDATE " + std::string(model::to_string(f.on_update));
    fks.push_back({{"name", f.name},
                   {"columns", comma_list(f.columns)},
                   {"references", f.ref_table + "(" + comma_list(f.ref_columns) + ")"},
                   {"actions", actions}});
  }
  return fks;
}

// One relation per foreign key, optional where a column of it may be NULL.
static void add_relations(const model::Table& t, json& relations) {
  for (const auto& f : t.foreign_keys) {
    bool optional = std::any_of(f.columns.begin(), f.columns.end(), [&](const std::string& c) {
      const model::Column* col = t.find_column(c);
      return col && col->nullable;
    });
    relations.push_back({{"child", t.name}, {"parent", f.ref_table}, {"name", f.name}, {"optional", optional}});
  }
}

static json doc_job(const model::JobProfile& job) {
  std::string roles;
  for (const auto& [role, col] : job.columns) roles += (roles.empty() ? "" : ", ") + role + " = `" + col + "`";
  std::string states;
  for (const auto& [role, v] : job.states) states += (states.empty() ? "" : ", ") + role + " = `" + v + "`";
  return {{"status", job.status_column}, {"roles", roles}, {"states", states}};
}

static json doc_table(const model::Table& t) {
  json tj;
  tj["name"] = t.name;
  tj["description"] = t.description;
  tj["columns"] = doc_columns(t);
  json uniques = doc_unique_keys(t), indexes = doc_indexes(t), fks = doc_foreign_keys(t);
  tj["has_unique_keys"] = !uniques.empty();
  tj["has_indexes"] = !indexes.empty();
  tj["has_foreign_keys"] = !fks.empty();
  tj["unique_keys"] = std::move(uniques);
  tj["indexes"] = std::move(indexes);
  tj["foreign_keys"] = std::move(fks);
  tj["job"] = t.job ? doc_job(*t.job) : json(false);
  return tj;
}

json docs_view(const model::Schema& s) {
  json tables = json::array(), relations = json::array();
  for (const auto& t : s.tables) {
    tables.push_back(doc_table(t));
    add_relations(t, relations);
  }
  json out;
  out["tables"] = std::move(tables);
  out["relations"] = std::move(relations);
  return out;
}

}  // namespace sf::render
