#include "generator/diff/drift.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace sf::diff {
namespace {

std::string columns_of(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return "(" + out + ")";
}

std::string describe_index(const model::Index& i) {
  std::vector<std::string> cols;
  for (const auto& c : i.columns) cols.push_back(c.name + (c.opclass.empty() ? "" : " " + c.opclass) + (c.descending ? " DESC" : ""));
  return (i.unique ? "UNIQUE " : "") + (i.method.empty() ? "" : "USING " + i.method + " ") + columns_of(cols);
}

std::string describe_fk(const model::ForeignKey& f) {
  std::string out = columns_of(f.columns) + " -> " + f.ref_table + columns_of(f.ref_columns);
  out += " ON DELETE " + std::string(model::to_string(f.on_delete));
  if (f.on_update != model::FkAction::no_action) out += " ON UPDATE " + std::string(model::to_string(f.on_update));
  return out;
}

std::string describe_default(const model::DefaultValue& d) { return d.present() ? d.text : "no default"; }
std::string describe_collation(const model::Column& c) {
  return c.collations.empty() ? "the table's default collation" : "collation " + c.collations.begin()->second;
}

template <typename T>
const T* named(const std::vector<T>& items, const std::string& name) {
  for (const auto& i : items)
    if (i.name == name) return &i;
  return nullptr;
}

// Engines without constraint names (SQLite) compare FKs and keys by columns.
// An FK is known by its name, or where the engine keeps none (SQLite) by what
// it links: its actions are then what may differ, not what identifies it.
std::string key_of(const model::ForeignKey& f) { return f.name.empty() ? foreign_key_link(f) : f.name; }

}  // namespace

std::string key_columns(const model::Key& k) { return columns_of(k.columns); }

std::string foreign_key_link(const model::ForeignKey& f) {
  return columns_of(f.columns) + " -> " + f.ref_table + columns_of(f.ref_columns);
}

std::string DriftItem::message() const {
  std::string what = object.empty() ? table : table + "." + object;
  if (kind == "missing_table") return "table " + table + " is missing (the spec defines it)";
  if (kind == "extra_table") return "table " + table + " is in the database but no spec defines it";
  if (kind == "column_renamed") return "column " + table + "." + spec + " looks renamed to " + database + " in the database";
  if (kind == "view_differs") return "view " + object + " has another body than the spec's: spec " + spec + ", database " + database;
  if (spec.empty()) return kind.rfind("extra", 0) == 0 ? what + " is in the database but not in the spec: " + database : what + ": database has " + database;
  if (database.empty()) return what + " is missing (spec: " + spec + ")";
  return what + ": spec wants " + spec + ", database has " + database;
}

DriftReport drift(const model::Schema& live, const model::Schema& spec, const std::map<std::string, std::vector<std::string>>& live_views,
                  const std::map<std::string, std::vector<std::string>>& spec_views) {
  DriftReport r;
  auto add = [&](std::string table, std::string kind, std::string object, std::string want, std::string have) {
    r.items.push_back({std::move(table), std::move(kind), std::move(object), std::move(want), std::move(have)});
  };
  for (const auto& st : spec.tables) {
    const model::Table* lt = live.find_table(st.name);
    if (!lt) {
      add(st.name, "missing_table", "", "defined", "");
      continue;
    }
    // Columns: a missing and an extra column of the same shape are reported as one rename.
    std::vector<const model::Column*> missing, extra;
    for (const auto& c : st.columns)
      if (!lt->find_column(c.name)) missing.push_back(&c);
    for (const auto& c : lt->columns)
      if (!st.find_column(c.name)) extra.push_back(&c);
    for (auto m = missing.begin(); m != missing.end();) {
      auto same = std::find_if(extra.begin(), extra.end(), [&](const model::Column* e) {
        return e->type == (*m)->type && e->nullable == (*m)->nullable && e->default_value == (*m)->default_value;
      });
      if (same == extra.end()) {
        ++m;
        continue;
      }
      add(st.name, "column_renamed", (*m)->name, (*m)->name, (*same)->name);
      extra.erase(same);
      m = missing.erase(m);
    }
    for (const auto* c : missing) add(st.name, "missing_column", c->name, model::to_string(c->type), "");
    for (const auto* c : extra) add(st.name, "extra_column", c->name, "", model::to_string(c->type));
    for (const auto& c : st.columns) {
      const model::Column* l = lt->find_column(c.name);
      if (!l) continue;
      if (c.type != l->type || c.is_unsigned != l->is_unsigned || c.identity != l->identity)
        add(st.name, "column_type", c.name, model::to_string(c.type) + (c.is_unsigned ? " unsigned" : "") + (c.identity ? " identity" : ""),
            model::to_string(l->type) + (l->is_unsigned ? " unsigned" : "") + (l->identity ? " identity" : ""));
      if (c.nullable != l->nullable) add(st.name, "column_nullability", c.name, c.nullable ? "NULL" : "NOT NULL", l->nullable ? "NULL" : "NOT NULL");
      if (c.collations != l->collations)  // comparable() left this engine's entry only, if not the table's default
        add(st.name, "column_collation", c.name, describe_collation(c), describe_collation(*l));
      if (c.default_value != l->default_value || c.on_update != l->on_update)
        add(st.name, "column_default", c.name, describe_default(c.default_value) + (c.on_update.empty() ? "" : " ON UPDATE " + c.on_update),
            describe_default(l->default_value) + (l->on_update.empty() ? "" : " ON UPDATE " + l->on_update));
    }
    auto pk = [](const model::Table& t) { return t.primary_key ? columns_of(t.primary_key->columns) : std::string("none"); };
    if (pk(st) != pk(*lt)) add(st.name, "primary_key_differs", "primary key", pk(st), pk(*lt));
    for (const auto& i : st.indexes) {
      const model::Index* l = named(lt->indexes, i.name);
      if (!l) add(st.name, "missing_index", i.name, describe_index(i), "");
      else if (describe_index(*l) != describe_index(i)) add(st.name, "index_differs", i.name, describe_index(i), describe_index(*l));
    }
    for (const auto& i : lt->indexes)
      if (!named(st.indexes, i.name)) add(st.name, "extra_index", i.name, "", describe_index(i));
    auto key_id = [](const model::Key& k) { return k.name.empty() ? key_columns(k) : k.name; };
    for (const auto& k : st.uniques) {
      auto l = std::find_if(lt->uniques.begin(), lt->uniques.end(), [&](const model::Key& x) { return key_id(x) == key_id(k); });
      if (l == lt->uniques.end()) add(st.name, "missing_unique", key_id(k), columns_of(k.columns), "");
      else if (l->columns != k.columns) add(st.name, "unique_differs", key_id(k), columns_of(k.columns), columns_of(l->columns));
    }
    for (const auto& k : lt->uniques)
      if (std::none_of(st.uniques.begin(), st.uniques.end(), [&](const model::Key& x) { return key_id(x) == key_id(k); }))
        add(st.name, "extra_unique", key_id(k), "", columns_of(k.columns));
    for (const auto& f : st.foreign_keys) {
      auto l = std::find_if(lt->foreign_keys.begin(), lt->foreign_keys.end(), [&](const model::ForeignKey& x) { return key_of(x) == key_of(f); });
      if (l == lt->foreign_keys.end()) add(st.name, "missing_foreign_key", key_of(f), describe_fk(f), "");
      else if (describe_fk(*l) != describe_fk(f)) add(st.name, "foreign_key_differs", key_of(f), describe_fk(f), describe_fk(*l));
    }
    for (const auto& f : lt->foreign_keys)
      if (std::none_of(st.foreign_keys.begin(), st.foreign_keys.end(), [&](const model::ForeignKey& x) { return key_of(x) == key_of(f); }))
        add(st.name, "extra_foreign_key", key_of(f), "", describe_fk(f));
    for (const auto& c : st.checks)
      if (!named(lt->checks, c.name)) add(st.name, "missing_check", c.name, "present", "");
    for (const auto& c : lt->checks)
      if (!named(st.checks, c.name)) add(st.name, "extra_check", c.name, "", "present");
    std::set<std::string> want, have;
    if (auto it = spec_views.find(st.name); it != spec_views.end()) want.insert(it->second.begin(), it->second.end());
    if (auto it = live_views.find(st.name); it != live_views.end()) have.insert(it->second.begin(), it->second.end());
    for (const auto& v : want)
      if (!have.count(v)) add(st.name, "missing_view", v, "generated", "");
    for (const auto& v : have)
      if (!want.count(v)) add(st.name, "extra_view", v, "", "present");
  }
  for (const auto& lt : live.tables)
    if (!spec.find_table(lt.name)) add(lt.name, "extra_table", "", "", "present");
  return r;
}

DriftItem view_differs(const std::string& table, const std::string& view, const std::string& spec_body,
                       const std::string& database_body) {
  std::size_t at = 0;
  while (at < spec_body.size() && at < database_body.size() && spec_body[at] == database_body[at]) ++at;
  const std::size_t from = at > 20 ? at - 20 : 0;
  auto excerpt = [&](const std::string& body) {
    std::string e = (from > 0 ? "…" : "") + body.substr(from, 60);
    if (from + 60 < body.size()) e += "…";
    return "\"" + e + "\"";
  };
  return {table, "view_differs", view, excerpt(spec_body), excerpt(database_body)};
}

void add_item(DriftReport& report, DriftItem item) {
  auto last_of_table = std::find_if(report.items.rbegin(), report.items.rend(), [&](const DriftItem& i) { return i.table == item.table; });
  report.items.insert(last_of_table.base(), std::move(item));
}

}  // namespace sf::diff
