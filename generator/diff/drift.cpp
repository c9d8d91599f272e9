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
  for (const auto& c : i.columns) cols.push_back(model::to_string(c));
  return (i.unique ? "UNIQUE " : "") + (i.method.empty() ? "" : "USING " + i.method + " ") + columns_of(cols) +
         (i.include.empty() ? "" : " INCLUDE " + columns_of(i.include)) + (i.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") +
         (i.where.empty() ? "" : " WHERE " + i.where);
}

std::string describe_key(const model::Key& k) {
  return (k.nulls_not_distinct ? "NULLS NOT DISTINCT " : "") + key_columns(k) +
         (k.deferral == model::Deferral::none ? "" : " " + std::string(model::to_sql(k.deferral)));
}

std::string describe_fk(const model::ForeignKey& f) {
  std::string out = columns_of(f.columns) + " -> " + f.ref_table + columns_of(f.ref_columns);
  out += " ON DELETE " + std::string(model::to_string(f.on_delete));
  if (f.on_update != model::FkAction::no_action) out += " ON UPDATE " + std::string(model::to_string(f.on_update));
  if (f.deferral != model::Deferral::none) out += " " + std::string(model::to_sql(f.deferral));
  return out;
}

std::string describe_default(const model::DefaultValue& d) { return d.present() ? d.text : "no default"; }
std::string describe_generated(const model::Column& c) {
  if (!c.generated) return "not generated";
  return "GENERATED ALWAYS AS (" + c.generated->expression + ")" + (c.generated->stored ? " STORED" : " VIRTUAL");
}

std::string describe_collation(const model::Column& c) {
  return c.collations.empty() ? "the table's default collation" : "collation " + c.collations.begin()->second;
}


}  // namespace


std::string DriftItem::message() const {
  std::string what = object.empty() ? table : table + "." + object;
  if (kind == "missing_table") return "table " + table + " is missing (the spec defines it)";
  if (kind == "missing_extension") return "extension " + object + " is not created (the spec needs it)";
  if (kind == "extra_extension") return "extension " + object + " is in the database but the spec does not list it";
  if (kind == "extra_table") return "table " + table + " is in the database but no spec defines it";
  if (kind == "column_renamed") return "column " + table + "." + spec + " looks renamed to " + database + " in the database";
  if (kind == "view_differs") return "view " + object + " has another body than the spec's: spec " + spec + ", database " + database;
  if (kind == "trigger_differs") return "trigger " + what + " has another statement than the spec's: spec " + spec + ", database " + database;
  if (kind == "missing_routine") return "routine " + object + " is not created (the spec declares it)";
  if (kind == "extra_routine") return "routine " + object + " is in the database but no spec declares it";
  if (kind == "routine_differs") return "routine " + object + " has another statement than the spec's: spec " + spec + ", database " + database;
  if (spec.empty()) return kind.rfind("extra", 0) == 0 ? what + " is in the database but not in the spec: " + database : what + ": database has " + database;
  if (database.empty()) return what + " is missing (spec: " + spec + ")";
  return what + ": spec wants " + spec + ", database has " + database;
}

namespace {

// Where an item stands within its table's part of the report.
enum Rank {
  table_level, renamed, missing_column, extra_column, column_detail, primary_key, missing_index, extra_index,
  missing_unique, extra_unique, missing_fk, extra_fk, missing_check, extra_check, missing_view, extra_view, missing_trigger,
  extra_trigger
};

// Where two bodies first differ, quoted from a little before it on each side.
std::pair<std::string, std::string> differing_excerpts(const std::string& a, const std::string& b) {
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  const std::size_t from = at > 20 ? at - 20 : 0;
  auto excerpt = [&](const std::string& body) {
    std::string e = (from > 0 ? "…" : "") + body.substr(std::min(from, body.size()), 60);
    if (from + 60 < body.size()) e += "…";
    return "\"" + e + "\"";
  };
  return {excerpt(a), excerpt(b)};
}

using model::named;

// A trigger's or routine's statement on `engine`, "" for none.
template <typename T>
std::string statement(const T* x, const std::string& engine) {
  if (!x) return {};
  auto it = x->sql.find(engine);
  return it == x->sql.end() ? std::string{} : it->second;
}

// Renders the typed changes from the normalised live schema to the specs as
// drift items, describing each object as the engine tells it apart.
class DriftRenderer {
 public:
  explicit DriftRenderer(const Normalised& n) : n_(n) {}

  DriftReport run(const std::vector<Change>& changes, const std::map<std::string, std::vector<std::string>>& live_views,
                  const std::map<std::string, std::vector<std::string>>& spec_views) {
    std::map<std::string, std::set<std::string>> keyed, linked;  // table -> identities of changed keys/indexes, FKs
    for (const auto& c : changes) {
      const std::string& t = c.table();
      switch (c.kind) {
        case ChangeKind::create_table: add(table_level, {t, "missing_table", "", "defined", ""}); break;
        case ChangeKind::drop_table: add(table_level, {t, "extra_table", "", "", "present"}); break;
        case ChangeKind::rename_column: add(renamed, {t, "column_renamed", c.item, c.item, c.old_item}); break;
        case ChangeKind::add_column: add(missing_column, {t, "missing_column", c.item, type_of(spec_column(t, c.item)), ""}); break;
        case ChangeKind::drop_column: add(extra_column, {t, "extra_column", c.item, "", type_of(live_column(t, c.item))}); break;
        case ChangeKind::alter_column: column_details(t, c.item, c.old_item); break;
        case ChangeKind::change_primary_key:
          add(primary_key, {t, "primary_key_differs", "primary key", key_of(n_.comparable_spec, t), key_of(n_.comparable_live, t)});
          break;
        case ChangeKind::add_index:
        case ChangeKind::drop_index: keyed[t].insert(c.item); break;
        case ChangeKind::add_unique: keyed[t].insert(key_identity(c.after, c.item)); break;
        case ChangeKind::drop_unique: keyed[t].insert(key_identity(c.before, c.item)); break;
        case ChangeKind::add_foreign_key:
          if (!c.refit && !c.before.name.empty()) linked[t].insert(fk_identity(c.after, c.item));
          break;
        case ChangeKind::drop_foreign_key:
          if (!c.refit && !c.after.name.empty()) linked[t].insert(fk_identity(c.before, c.item));
          break;
        case ChangeKind::add_check: add(missing_check, {t, "missing_check", c.item, "present", ""}); break;
        case ChangeKind::create_extension: add(table_level, {"", "missing_extension", c.item, "present", ""}); break;
        case ChangeKind::drop_extension: add(table_level, {"", "extra_extension", c.item, "", "present"}); break;
        case ChangeKind::drop_check: add(extra_check, {t, "extra_check", c.item, "", "present"}); break;
        case ChangeKind::alter_table_options: table_options(t); break;
        case ChangeKind::drop_trigger:
          if (named(c.after.triggers, c.item)) {
            // As the engine folds them for comparing (Inspector::canonical_code): where they differ in what they say.
            auto [spec, database] = differing_excerpts(statement(trigger_of(n_.comparable_spec, t, c.item), n_.engine),
                                                       statement(trigger_of(n_.comparable_live, t, c.item), n_.engine));
            add(extra_trigger, {t, "trigger_differs", c.item, spec, database});
          } else {
            add(extra_trigger, {t, "extra_trigger", c.item, "", "present"});
          }
          break;
        case ChangeKind::create_trigger:
          if (!c.before.name.empty() && !named(c.before.triggers, c.item)) add(missing_trigger, {t, "missing_trigger", c.item, "present", ""});
          break;
        case ChangeKind::create_routine: add(table_level, {"", "missing_routine", c.item, "present", ""}); break;
        case ChangeKind::drop_routine: add(table_level, {"", "extra_routine", c.item, "", "present"}); break;
        case ChangeKind::replace_routine: {
          // The comparable forms go by key (Inspector::routine_key), the normalised ones by name.
          const auto& inspector = dialect::dialect_named(n_.engine).inspector();
          auto folded = [&](const std::vector<model::Routine>& raw, const std::vector<model::Routine>& comparable) -> const model::Routine* {
            const model::Routine* r = named(raw, c.item);
            return r ? named(comparable, inspector.routine_key(*r)) : nullptr;
          };
          const model::Routine *spec_r = folded(n_.spec.routines, n_.comparable_spec.routines),
                               *live_r = folded(n_.live.routines, n_.comparable_live.routines);
          auto [spec, database] = differing_excerpts(statement(spec_r, n_.engine), statement(live_r, n_.engine));
          add(table_level, {"", "routine_differs", c.item, spec, database});
          break;
        }
        default: break;  // views come down and up around other changes
      }
    }
    for (const auto& [t, ids] : keyed) keys_and_indexes(t, ids);
    for (const auto& [t, ids] : linked) foreign_keys(t, ids);
    for (const auto& st : n_.spec.tables) {
      if (!n_.live.find_table(st.name)) continue;
      std::set<std::string> want, have;
      if (auto it = spec_views.find(st.name); it != spec_views.end()) want.insert(it->second.begin(), it->second.end());
      if (auto it = live_views.find(st.name); it != live_views.end()) have.insert(it->second.begin(), it->second.end());
      for (const auto& v : want)
        if (!have.count(v)) add(missing_view, {st.name, "missing_view", v, "generated", ""});
      for (const auto& v : have)
        if (!want.count(v)) add(extra_view, {st.name, "extra_view", v, "", "present"});
    }
    return ordered();
  }

 private:
  void add(Rank rank, DriftItem item) { items_[item.table].push_back({rank, std::move(item)}); }

  static const model::Trigger* trigger_of(const model::Schema& s, const std::string& table, const std::string& name) {
    const model::Table* t = s.find_table(table);
    return t ? named(t->triggers, name) : nullptr;
  }

  const model::Column* spec_column(const std::string& table, const std::string& column) const {
    const model::Table* t = n_.comparable_spec.find_table(table);
    return t ? t->find_column(column) : nullptr;
  }
  const model::Column* live_column(const std::string& table, const std::string& column) const {
    const model::Table* t = n_.comparable_live.find_table(table);
    return t ? t->find_column(column) : nullptr;
  }
  static std::string type_of(const model::Column* c) { return c ? model::to_string(c->type) : std::string{}; }
  static std::string key_of(const model::Schema& s, const std::string& table) {
    const model::Table* t = s.find_table(table);
    return t && t->primary_key ? columns_of(t->primary_key->columns) : std::string("none");
  }

  // The compared table options that differ, as `option=value` on each side.
  void table_options(const std::string& t) {
    const model::Table *s = n_.comparable_spec.find_table(t), *l = n_.comparable_live.find_table(t);
    if (!s || !l) return;
    std::string want, have;
    for (const auto& [engine, options] : s->options) {
      const auto live = l->options.find(engine);
      if (live == l->options.end()) continue;
      for (const auto& [option, value] : options)
        if (auto it = live->second.find(option); it != live->second.end() && it->second != value) {
          want += (want.empty() ? "" : ", ") + option + "=" + value;
          have += (have.empty() ? "" : ", ") + option + "=" + it->second;
        }
    }
    if (!want.empty()) add(table_level, {t, "table_options_differ", "options", want, have});
  }

  // What of a column differs, one item for each aspect the engine tells apart.
  void column_details(const std::string& t, const std::string& spec_name, const std::string& live_name) {
    const model::Column* c = spec_column(t, spec_name);
    const model::Column* l = live_column(t, live_name.empty() ? spec_name : live_name);
    if (!c || !l) return;
    auto type = [](const model::Column& x) {
      return model::to_string(x.type) + (x.is_unsigned ? " unsigned" : "") + (x.identity ? " identity" : "");
    };
    auto default_of = [](const model::Column& x) { return describe_default(x.default_value) + (x.on_update.empty() ? "" : " ON UPDATE " + x.on_update); };
    // The exact type this engine holds (Inspector::comparable), where one
    // logical type has several (timestamp and timestamptz, text and longtext).
    auto exact = [](const model::Column& x) { return x.native_types.empty() ? std::string{} : x.native_types.begin()->second; };
    if (type(*c) != type(*l)) add(column_detail, {t, "column_type", spec_name, type(*c), type(*l)});
    else if (exact(*c) != exact(*l)) add(column_detail, {t, "column_type", spec_name, exact(*c), exact(*l)});
    if (c->nullable != l->nullable)
      add(column_detail, {t, "column_nullability", spec_name, c->nullable ? "NULL" : "NOT NULL", l->nullable ? "NULL" : "NOT NULL"});
    if (c->collations != l->collations) add(column_detail, {t, "column_collation", spec_name, describe_collation(*c), describe_collation(*l)});
    if (default_of(*c) != default_of(*l)) add(column_detail, {t, "column_default", spec_name, default_of(*c), default_of(*l)});
    if (c->generated != l->generated)
      add(column_detail, {t, "column_generated", spec_name, describe_generated(*c), describe_generated(*l)});
    if (c->invisible != l->invisible)
      add(column_detail, {t, "column_visibility", spec_name, c->invisible ? "INVISIBLE" : "VISIBLE", l->invisible ? "INVISIBLE" : "VISIBLE"});
  }

  std::string key_identity(const model::Table& t, const std::string& name) const {
    auto k = std::find_if(t.uniques.begin(), t.uniques.end(), [&](const model::Key& x) { return x.name == name; });
    return k == t.uniques.end() ? name : identity(*k, n_.named_constraints);
  }
  std::string fk_identity(const model::Table& t, const std::string& name) const {
    auto f = std::find_if(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const model::ForeignKey& x) { return x.name == name; });
    return f == t.foreign_keys.end() ? name : identity(*f, n_.named_constraints);
  }

  // An object of a comparable table by the name drift knows it by.
  struct Keyed {
    const model::Index* index = nullptr;
    const model::Key* key = nullptr;
    [[nodiscard]] bool found() const { return index || key; }
    [[nodiscard]] std::string describe() const { return index ? describe_index(*index) : describe_key(*key); }
  };
  Keyed keyed(const model::Schema& s, const std::string& table, const std::string& id) const {
    Keyed k;
    if (const model::Table* t = s.find_table(table)) {
      for (const auto& i : t->indexes)
        if (i.name == id) k.index = &i;
      for (const auto& u : t->uniques)
        if (identity(u, n_.named_constraints) == id) k.key = &u;
    }
    return k;
  }

  void keys_and_indexes(const std::string& t, const std::set<std::string>& ids) {
    for (const auto& id : ids) {
      const Keyed want = keyed(n_.comparable_spec, t, id), have = keyed(n_.comparable_live, t, id);
      const bool index = want.found() ? want.index != nullptr : have.index != nullptr;
      const std::string what = index ? "index" : "unique";
      if (want.found() && have.found()) {
        if (want.describe() != have.describe()) add(index ? missing_index : missing_unique, {t, what + "_differs", id, want.describe(), have.describe()});
      } else if (want.found()) {
        add(index ? missing_index : missing_unique, {t, "missing_" + what, id, want.describe(), ""});
      } else if (have.found()) {
        add(index ? extra_index : extra_unique, {t, "extra_" + what, id, "", have.describe()});
      }
    }
  }

  void foreign_keys(const std::string& t, const std::set<std::string>& ids) {
    auto find = [&](const model::Schema& s, const std::string& id) -> const model::ForeignKey* {
      const model::Table* table = s.find_table(t);
      if (!table) return nullptr;
      for (const auto& f : table->foreign_keys)
        if (identity(f, n_.named_constraints) == id) return &f;
      return nullptr;
    };
    for (const auto& id : ids) {
      const model::ForeignKey *want = find(n_.comparable_spec, id), *have = find(n_.comparable_live, id);
      if (want && have) {
        if (describe_fk(*want) != describe_fk(*have)) add(missing_fk, {t, "foreign_key_differs", id, describe_fk(*want), describe_fk(*have)});
      } else if (want) {
        add(missing_fk, {t, "missing_foreign_key", id, describe_fk(*want), ""});
      } else if (have) {
        add(extra_fk, {t, "extra_foreign_key", id, "", describe_fk(*have)});
      }
    }
  }

  // Grouped by table in spec order, then the tables only the database has;
  // within a table by rank, in the order the changes came.
  DriftReport ordered() {
    DriftReport r;
    auto take = [&](const std::string& table) {
      auto it = items_.find(table);
      if (it == items_.end()) return;
      std::stable_sort(it->second.begin(), it->second.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [rank, item] : it->second) r.items.push_back(std::move(item));
      items_.erase(it);
    };
    take("");  // schema-wide: extensions
    for (const auto& t : n_.spec.tables) take(t.name);
    for (const auto& t : n_.live.tables) take(t.name);
    return r;
  }

  const Normalised& n_;
  std::map<std::string, std::vector<std::pair<Rank, DriftItem>>> items_;
};

}  // namespace

DriftReport drift(const std::vector<Change>& changes, const Normalised& normalised,
                  const std::map<std::string, std::vector<std::string>>& live_views,
                  const std::map<std::string, std::vector<std::string>>& spec_views) {
  return DriftRenderer(normalised).run(changes, live_views, spec_views);
}

DriftCheck check_drift(const model::Schema& live, const model::Schema& spec, const dialect::Dialect& d,
                       const std::map<std::string, std::vector<std::string>>& live_views,
                       const std::map<std::string, std::vector<std::string>>& spec_views, const std::vector<DriftItem>& drifted_views) {
  DriftCheck c;
  std::set<std::string> names;
  for (const auto& i : drifted_views) names.insert(i.object);
  c.normalised = normalise(live, spec, d, names);
  c.changes = diff(c.normalised.live, c.normalised.spec, c.normalised.renames);
  // Descriptions are documentation, not compared (docs/drift.md), even where
  // a column differs otherwise and so keeps the database's comment.
  std::erase_if(c.changes, [](const Change& ch) { return ch.kind == ChangeKind::alter_comment; });
  c.report = drift(c.changes, c.normalised, live_views, spec_views);
  for (const auto& i : drifted_views) add_item(c.report, i);
  return c;
}

DriftItem view_differs(const std::string& table, const std::string& view, const std::string& spec_body,
                       const std::string& database_body) {
  auto [spec, database] = differing_excerpts(spec_body, database_body);
  return {table, "view_differs", view, std::move(spec), std::move(database)};
}

void add_item(DriftReport& report, DriftItem item) {
  auto last_of_table = std::find_if(report.items.rbegin(), report.items.rend(), [&](const DriftItem& i) { return i.table == item.table; });
  report.items.insert(last_of_table.base(), std::move(item));
}

}  // namespace sf::diff
