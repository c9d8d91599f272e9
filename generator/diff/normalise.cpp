#include "generator/diff/normalise.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "generator/diff/drift.hpp"

namespace sf::diff {
namespace {

using model::Column;
using model::Table;

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

  void run(bool keeps_checks) {
    documentation();
    columns();
    if (cl_.primary_key == cs_.primary_key) live_.primary_key = spec_.primary_key;
    keys_and_indexes();
    foreign_keys();
    checks(keeps_checks);
  }

 private:
  // What no engine stores, or what drift compares apart (views by name).
  void documentation() {
    live_.description = spec_.description;
    live_.options = spec_.options;
    live_.job = spec_.job;
    live_.views = spec_.views;
    live_.sources = spec_.sources;
    live_.loc = spec_.loc;
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
  // that differs takes the spec's name, so diff() pairs the two.
  void foreign_keys() {
    auto fid = [&](const model::ForeignKey& f) { return identity(f, n_.named_constraints); };
    for (const auto& sf : spec_.foreign_keys) {
      const std::string id = fid(sf);
      const model::ForeignKey *cs = with_identity(cs_.foreign_keys, id, fid), *cl = with_identity(cl_.foreign_keys, id, fid);
      if (!cs || !cl) continue;
      for (auto& lf : live_.foreign_keys) {
        if (fid(lf) != id) continue;
        if (*cs == *cl) lf = sf;
        else lf.name = sf.name;
      }
    }
    for (auto& f : live_.foreign_keys)
      if (f.name.empty()) f.name = foreign_key_link(f);
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

Normalised normalise(const model::Schema& live, const model::Schema& spec, const dialect::Dialect& d) {
  Normalised n;
  n.live = live;
  n.spec = for_dialect(spec, d.name());
  n.comparable_live = d.comparable(live);
  n.comparable_spec = d.comparable(spec);
  n.named_constraints = d.keeps_constraint_names();
  for (auto& t : n.live.tables) {
    const Table* s = n.spec.find_table(t.name);
    const Table* cl = n.comparable_live.find_table(t.name);
    const Table* cs = n.comparable_spec.find_table(t.name);
    if (s && cl && cs) TableNormaliser(t, *s, *cl, *cs, n).run(d.keeps_checks());
  }
  return n;
}

}  // namespace sf::diff
