#include "generator/diff/normalise.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "generator/model/strings.hpp"

namespace sf::diff {
namespace {

using model::Column;
using model::Table;

using model::named;

// Whether two folded triggers or routines say the same on `engine`.
template <typename T>
bool same_statement(const T& a, const T& b, const std::string& engine) {
  auto x = a.sql.find(engine), y = b.sql.find(engine);
  return x != a.sql.end() && y != b.sql.end() && x->second == y->second;
}

template <typename T, typename Id>
const T* with_identity(const std::vector<T>& items, const std::string& id, Id identity_of) {
  for (const auto& i : items)
    if (identity_of(i) == id) return &i;
  return nullptr;
}

// Normalises one table of the inspected schema against the spec's, with
// both projections at hand (docs/drift.md lists the rules they carry).
class TableNormaliser {
 public:
  TableNormaliser(Table& live, const Table& spec, const Table& comparable_live, const Table& comparable_spec, Normalised& n)
      : live_(live), spec_(spec), cl_(comparable_live), cs_(comparable_spec), n_(n) {}

  void run(const dialect::Inspector& engine, const std::set<std::string>& drifted_views) {
    not_compared_here();
    views(drifted_views);
    columns();
    if (cl_.primary_key == cs_.primary_key) live_.primary_key = spec_.primary_key;
    if (engine.makes_foreign_key_indexes()) foreign_key_indexes();
    keys_and_indexes();
    foreign_keys();
    checks(engine.keeps_checks());
    triggers();
  }

 private:
  // What drift does not compare: descriptions and sources (documentation),
  // the job profile (the runtime's reading of the columns, which are compared).
  // Table options are compared as the engine tells them apart
  // (Inspector::compared_options): agreeing ones become the spec's.
  void not_compared_here() {
    live_.description = spec_.description;
    if (options_agree()) live_.options = spec_.options;
    live_.job = spec_.job;
    live_.sources = spec_.sources;
    live_.loc = spec_.loc;
  }

  // Every compared option of the spec's that the database reports has the spec's value.
  bool options_agree() const {
    for (const auto& [engine, spec_options] : cs_.options) {
      const auto live = cl_.options.find(engine);
      if (live == cl_.options.end()) continue;
      for (const auto& [option, value] : spec_options)
        if (auto it = live->second.find(option); it != live->second.end() && it->second != value) return false;
    }
    return true;
  }

  // A view both sides have is the spec's, unless its body drifted (then it
  // stays the database's, as inspected); a view only the database has stays
  // (the fix drops it); a view only the specs have is missing (the fix
  // creates it). Any difference makes diff() bring the table's views down
  // and up again, in dependency order.
  void views(const std::set<std::string>& drifted_views) {
    std::vector<model::View> kept;
    for (const auto& s : spec_.views) {
      auto live = std::find_if(live_.views.begin(), live_.views.end(), [&](const model::View& v) { return v.name == s.name; });
      if (live == live_.views.end()) continue;
      kept.push_back(drifted_views.count(s.name) ? *live : s);
    }
    for (auto& v : live_.views)
      if (!std::any_of(spec_.views.begin(), spec_.views.end(), [&](const model::View& s) { return s.name == v.name; }))
        kept.push_back(std::move(v));
    live_.views = std::move(kept);
  }

  // A column the engine holds as the spec says becomes the spec's column.
  // A spec column missing from the database beside an extra one of the same
  // shape is a rename: the live column keeps its name, so diff() says so.
  void columns() {
    std::vector<const Column*> missing, extra;
    for (const auto& c : cs_.columns)
      if (!cl_.find_column(c.name)) missing.push_back(&c);
    for (const auto& c : cl_.columns)
      if (!cs_.find_column(c.name)) extra.push_back(&c);
    std::map<std::string, std::string> spec_name;  // live name -> spec name
    for (const Column* m : missing) {
      auto same = std::find_if(extra.begin(), extra.end(), [&](const Column* e) {
        return e->type == m->type && e->nullable == m->nullable && e->default_value == m->default_value;
      });
      if (same == extra.end()) continue;
      spec_name[(*same)->name] = m->name;
      n_.renames.columns.push_back({live_.name, {(*same)->name, m->name}});
      extra.erase(same);
    }
    for (auto& c : live_.columns) {
      const std::string name = spec_name.count(c.name) ? spec_name[c.name] : c.name;
      const Column* s = spec_.find_column(name);
      const Column* cs = cs_.find_column(name);
      const Column* cl = cl_.find_column(c.name);
      if (!s || !cs || !cl) continue;
      Column seen = *cl;
      seen.name = name;
      if (seen != *cs) continue;
      const std::string kept = c.name;
      c = *s;
      c.name = kept;
    }
  }

  std::string key_id(const model::Key& k) const { return identity(k, n_.named_constraints); }

  // The index InnoDB made for a foreign key of the database's that no index
  // led with: plain, on exactly the FK's columns, and one the spec does not
  // name. It is the FK's, not the schema's (it cannot be dropped while the
  // FK stands, and creating an index that leads with those columns drops
  // it), so it is not compared. An index the spec names is compared as any.
  void foreign_key_indexes() {
    std::erase_if(live_.indexes, [&](const model::Index& i) {
      if (i.unique || !i.method.empty() || !i.where.empty() || !i.include.empty()) return false;
      if (named(spec_.indexes, i.name) || named(spec_.uniques, i.name)) return false;
      std::vector<std::string> columns;
      for (const auto& part : i.columns) {
        if (part.name.empty() || part.length || part.descending) return false;
        columns.push_back(part.name);
      }
      return std::any_of(live_.foreign_keys.begin(), live_.foreign_keys.end(),
                         [&](const model::ForeignKey& f) { return f.columns == columns; });
    });
  }

  // Unique keys and indexes share one namespace here: MySQL holds a unique
  // index as a unique key (comparable() turns both into keys).
  void keys_and_indexes() {
    std::set<std::string> ids;
    for (const auto& k : cs_.uniques) ids.insert(key_id(k));
    for (const auto& i : cs_.indexes) ids.insert(i.name);
    auto index_name = [](const model::Index& i) { return i.name; };
    auto kid = [&](const model::Key& k) { return key_id(k); };
    for (const auto& id : ids) {
      const model::Key *sk = with_identity(cs_.uniques, id, kid), *lk = with_identity(cl_.uniques, id, kid);
      const model::Index *si = with_identity(cs_.indexes, id, index_name), *li = with_identity(cl_.indexes, id, index_name);
      const bool same = (sk && lk && *sk == *lk && !si && !li) || (si && li && *si == *li && !sk && !lk);
      if (!same) continue;
      std::erase_if(live_.uniques, [&](const model::Key& k) { return key_id(k) == id; });
      std::erase_if(live_.indexes, [&](const model::Index& i) { return i.name == id; });
      for (const auto& k : spec_.uniques)
        if (key_id(k) == id) live_.uniques.push_back(k);
      for (const auto& i : spec_.indexes)
        if (i.name == id) live_.indexes.push_back(i);
    }
    // Keys the engine keeps no name for are known by their columns (SQLite).
    for (auto& k : live_.uniques)
      if (k.name.empty()) k.name = key_columns(k);
  }

  // A foreign key the engine holds as the spec says becomes the spec's; one
  // that differs takes the spec's name, so diff() pairs the two. The others
  // are the database's own: where the engine keeps no FK names (SQLite's
  // inspection numbers them), they go by what they link.
  void foreign_keys() {
    auto fid = [&](const model::ForeignKey& f) { return identity(f, n_.named_constraints); };
    std::vector<bool> paired(live_.foreign_keys.size(), false);
    for (const auto& sf : spec_.foreign_keys) {
      const std::string id = fid(sf);
      const model::ForeignKey *cs = with_identity(cs_.foreign_keys, id, fid), *cl = with_identity(cl_.foreign_keys, id, fid);
      if (!cs || !cl) continue;
      for (std::size_t i = 0; i < live_.foreign_keys.size(); ++i) {
        auto& lf = live_.foreign_keys[i];
        if (paired[i] || fid(lf) != id) continue;
        if (*cs == *cl) lf = sf;
        else lf.name = sf.name;
        paired[i] = true;
      }
    }
    for (std::size_t i = 0; i < live_.foreign_keys.size(); ++i)
      if (!paired[i] && (!n_.named_constraints || live_.foreign_keys[i].name.empty()))
        live_.foreign_keys[i].name = foreign_key_link(live_.foreign_keys[i]);
  }

  // Engines rewrite CHECK bodies: a check is known by its name, and SQLite
  // keeps none outside each table's text.
  void checks(bool keeps_checks) {
    if (!keeps_checks) {
      live_.checks = spec_.checks;
      return;
    }
    for (auto& c : live_.checks)
      for (const auto& s : spec_.checks)
        if (s.name == c.name) c = s;
  }

  // A trigger whose statement folds to the spec's (Inspector::canonical_code)
  // is the spec's; one that does not stays the database's, so diff() drops
  // and creates it.
  void triggers() {
    for (auto& tr : live_.triggers) {
      const auto* s = named(spec_.triggers, tr.name);
      const auto *cs = named(cs_.triggers, tr.name), *cl = named(cl_.triggers, tr.name);
      if (s && cs && cl && same_statement(*cs, *cl, n_.engine)) tr = *s;
    }
  }

  Table& live_;
  const Table& spec_;
  const Table& cl_;
  const Table& cs_;
  Normalised& n_;
};

}  // namespace

std::string identity(const model::Key& k, bool named_constraints) {
  return named_constraints && !k.name.empty() ? k.name : key_columns(k);
}

std::string identity(const model::ForeignKey& f, bool named_constraints) {
  return named_constraints && !f.name.empty() ? f.name : foreign_key_link(f);
}

std::string key_columns(const model::Key& k) { return "(" + model::join(k.columns) + ")"; }

std::string foreign_key_link(const model::ForeignKey& f) {
  return "(" + model::join(f.columns) + ") -> " + f.ref_table + "(" + model::join(f.ref_columns) + ")";
}

Normalised normalise(const model::Schema& live, const model::Schema& spec, const dialect::Dialect& d,
                     const std::set<std::string>& drifted_views) {
  Normalised n;
  n.live = live;
  n.spec = for_dialect(spec, d.name());
  const dialect::Inspector& engine = d.inspector();
  n.comparable_live = engine.comparable(live);
  n.comparable_spec = engine.comparable(spec);
  n.named_constraints = engine.keeps_constraint_names();
  n.engine = std::string(d.name());
  // An extension the engine has built in is there, whether or not inspect lists it.
  for (const auto& e : n.spec.extensions)
    if (engine.is_builtin_extension(e) && std::find(n.live.extensions.begin(), n.live.extensions.end(), e) == n.live.extensions.end())
      n.live.extensions.push_back(e);
  // A spec's routine and the database's are one where their keys are
  // (PostgreSQL: name and parameters as it keeps them): from here on the
  // spec's goes by the database's name. The comparable forms keep the keys.
  std::map<std::string, model::Routine*> spec_by_key;  // a key reads the whole statement: once each
  for (auto& s : n.spec.routines) spec_by_key.emplace(engine.routine_key(s), &s);
  for (auto& r : n.live.routines) {
    const std::string key = engine.routine_key(r);
    const auto s = spec_by_key.find(key);
    const auto *cs = named(n.comparable_spec.routines, key), *cl = named(n.comparable_live.routines, key);
    if (s == spec_by_key.end() || !cs || !cl) continue;
    s->second->name = r.name;
    if (same_statement(*cs, *cl, n.engine)) r = *s->second;
  }
  for (auto& t : n.live.tables) {
    const Table* s = n.spec.find_table(t.name);
    const Table* cl = n.comparable_live.find_table(t.name);
    const Table* cs = n.comparable_spec.find_table(t.name);
    if (s && cl && cs) TableNormaliser(t, *s, *cl, *cs, n).run(engine, drifted_views);
  }
  return n;
}

}  // namespace sf::diff
