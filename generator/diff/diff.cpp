#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "generator/diff/change.hpp"
#include "generator/model/dependency_order.hpp"
#include "generator/model/engines.hpp"
#include "generator/model/strings.hpp"
#include "generator/model/targets.hpp"

namespace sf::diff {
namespace {

using model::Column;
using model::Table;
using model::TypeKind;

// Whether every value of `a` fits `b` without loss.
bool widens(const model::LogicalType& a, const model::LogicalType& b) {
  if (a == b) return true;
  if (a.kind == TypeKind::integer && b.kind == TypeKind::integer) return b.bits >= a.bits;
  if (a.is_textual() && b.kind == TypeKind::text) return true;
  if (a.kind == TypeKind::varchar && b.kind == TypeKind::varchar) return b.length >= a.length;
  if (a.kind == TypeKind::fixed_char && b.kind == TypeKind::varchar) return b.length >= a.length;
  if (a.kind == TypeKind::decimal && b.kind == TypeKind::decimal)
    return b.scale >= a.scale && b.precision - b.scale >= a.precision - a.scale;
  if (a.kind == TypeKind::floating && b.kind == TypeKind::floating) return b.bits >= a.bits;
  if ((a.kind == TypeKind::timestamp || a.kind == TypeKind::time || a.kind == TypeKind::interval) && a.kind == b.kind)
    return b.precision >= a.precision;
  if (a.kind == TypeKind::enumeration && b.kind == TypeKind::enumeration)
    return std::all_of(a.values.begin(), a.values.end(), [&](const std::string& v) {
      return std::find(b.values.begin(), b.values.end(), v) != b.values.end();
    });
  if (a.kind == TypeKind::enumeration && b.is_textual()) return true;
  return false;
}

bool same_column(const Column& a, const Column& b) {
  return a.type == b.type && a.native_types == b.native_types && a.collations == b.collations && a.nullable == b.nullable &&
         a.default_value == b.default_value && a.native_defaults == b.native_defaults &&
         a.on_update == b.on_update && a.identity == b.identity && a.is_unsigned == b.is_unsigned && a.generated == b.generated &&
         a.invisible == b.invisible;
}

using model::named;

// Views as the specs declare them, ignoring where they were declared.
bool same_views(const std::vector<model::View>& a, const std::vector<model::View>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].sql != b[i].sql || a[i].variants != b[i].variants) return false;
  return true;
}

// Every member but where it was written: a member added to Key or Index counts here at once.
bool same_key(model::Key a, model::Key b) {
  a.loc = b.loc = {};
  return a == b;
}

bool same_index(model::Index a, model::Index b) {
  a.loc = b.loc = {};
  return a == b;
}
bool same_fk(const model::ForeignKey& a, const model::ForeignKey& b) {
  return a.columns == b.columns && a.ref_table == b.ref_table && a.ref_columns == b.ref_columns && a.on_delete == b.on_delete &&
         a.on_update == b.on_update && a.deferral == b.deferral;
}

class Differ {
 public:
  Differ(const model::Schema& from, const model::Schema& to, const Renames& r) : from_(from), to_(to), renames_(r) {}

  std::vector<Change> run() {
    std::map<std::string, std::string> table_from;  // to-name -> from-name
    for (const auto& [a, b] : renames_.tables) table_from[b] = a;
    std::set<std::string> matched_from;
    for (const auto& t : to_.tables) {
      std::string old_name = table_from.count(t.name) ? table_from[t.name] : t.name;
      const Table* old = from_.find_table(old_name);
      if (!old) {
        add({ChangeKind::create_table, {}, t});
        if (!t.views.empty()) add({ChangeKind::create_views, {}, t});  // an adopted table may have none
        for (const auto& tr : t.triggers) add({ChangeKind::create_trigger, {}, t, tr.name});
        for (const auto& fk : t.foreign_keys) add({ChangeKind::add_foreign_key, {}, t, fk.name});
        continue;
      }
      matched_from.insert(old->name);
      matched_[t.name] = old;
      table(*old, t);
    }
    refit_referencing_keys();
    for (const auto& t : from_.tables) {
      if (matched_from.count(t.name)) continue;
      add({ChangeKind::drop_views, t, {}});
      for (const auto& fk : t.foreign_keys) add({ChangeKind::drop_foreign_key, t, {}, fk.name});
      Change c{ChangeKind::drop_table, t, {}};
      c.destructive = true;
      c.warning = "drops table " + t.name + " and every row in it";
      add(std::move(c));
    }
    recreate_dependent_views();
    extensions();
    routines();
    std::stable_sort(out_.begin(), out_.end(), [](const Change& a, const Change& b) { return a.kind < b.kind; });
    order_views();
    return std::move(out_);
  }

 private:
  void add(Change c) { out_.push_back(std::move(c)); }

  // Extensions `to` needs that `from` lacks are created first; those it no
  // longer lists are dropped last (the server refuses while a column uses them).
  void extensions() {
    auto has = [](const model::Schema& s, const std::string& e) { return std::find(s.extensions.begin(), s.extensions.end(), e) != s.extensions.end(); };
    for (const auto& e : to_.extensions)
      if (!has(from_, e)) add({ChangeKind::create_extension, {}, {}, e});
    for (const auto& e : from_.extensions)
      if (!has(to_, e)) {
        Change c{ChangeKind::drop_extension, {}, {}, e};
        c.warning = "drops extension " + e + ": fails while a column, index or function still uses it";
        add(std::move(c));
      }
  }

  // Routines by name: a new one is created before the tables, a changed one
  // replaced there, and one no longer declared dropped after the tables.
  void routines() {
    for (const auto& r : to_.routines) {
      const model::Routine* was = named(from_.routines, r.name);
      if (was && was->sql == r.sql) continue;
      Change c{was ? ChangeKind::replace_routine : ChangeKind::create_routine, {}, {}, r.name};
      c.routine = r;
      if (was) c.routine_was = *was;
      add(std::move(c));
    }
    for (const auto& r : from_.routines)
      if (!named(to_.routines, r.name)) {
        Change c{ChangeKind::drop_routine, {}, {}, r.name};
        c.routine = r;
        c.warning = "drops routine " + r.name + ": fails while a trigger, default or view still calls it";
        add(std::move(c));
      }
  }

  // Triggers by name: one that changed is dropped and created again.
  void triggers(const Table& a, const Table& b) {
    for (const auto& tr : a.triggers) {
      const model::Trigger* now = named(b.triggers, tr.name);
      if (!now || now->sql != tr.sql) add({ChangeKind::drop_trigger, a, b, tr.name});
    }
    for (const auto& tr : b.triggers) {
      const model::Trigger* was = named(a.triggers, tr.name);
      if (!was || was->sql != tr.sql) add({ChangeKind::create_trigger, a, b, tr.name});
    }
  }

  // A view declared on one table may read other tables, or their views.
  // Such a view must come down while what it reads changes shape, goes away
  // or is itself re-created (PostgreSQL refuses to alter a column a view
  // uses or to drop a view another one uses; SQLite checks every view when
  // its rebuild renames the new table into place), and go up again after.
  // Dependents come down before what they read and go up after it, level by
  // level, so chains of views work too.
  void recreate_dependent_views() {
    std::set<std::string> going;  // tables that change or go, and views that come down
    std::set<std::string> recreated;
    for (const auto& c : out_) {
      if (c.kind == ChangeKind::drop_views) {
        recreated.insert(c.table());
        if (!c.before.name.empty())
          for (const auto& n : view_names(c.before)) going.insert(n);
        continue;
      }
      const bool index_only = c.kind == ChangeKind::add_index || c.kind == ChangeKind::drop_index;
      if (index_only || c.kind == ChangeKind::create_views || c.before.name.empty()) continue;
      going.insert(c.before.name);
      if (!c.after.name.empty()) going.insert(c.after.name);
    }
    std::vector<Change> drops, creates;
    for (bool found = true; found;) {
      found = false;
      std::vector<Change> level;
      for (const auto& t : to_.tables) {
        auto before = matched_.find(t.name);
        if (before == matched_.end() || recreated.count(t.name)) continue;
        const std::string read = first_read(t, *before->second, going);
        if (read.empty()) continue;
        recreated.insert(t.name);
        found = true;
        Change down{ChangeKind::drop_views, *before->second, t}, up{ChangeKind::create_views, *before->second, t};
        down.reads = up.reads = read;
        level.push_back(std::move(down));
        creates.push_back(std::move(up));
      }
      for (const auto& c : level)
        for (const auto& n : view_names(c.before)) going.insert(n);
      drops.insert(drops.begin(), level.begin(), level.end());
    }
    out_.insert(out_.begin(), drops.begin(), drops.end());
    out_.insert(out_.end(), creates.begin(), creates.end());
  }

  // A view comes down before the views it reads and goes up after them (a
  // spec view over another table's vw_<table>). drop_views is the first
  // kind and create_views the last, so each is one block to order.
  void order_views() {
    auto drops_end = std::find_if(out_.begin(), out_.end(), [](const Change& c) { return c.kind != ChangeKind::drop_views; });
    std::vector<Change> drops(std::make_move_iterator(out_.begin()), std::make_move_iterator(drops_end));
    const auto drops_after = readers_first(drops, &Change::before);  // before drops is moved into the call
    drops = model::in_dependency_order_by_index(std::move(drops), drops_after);
    std::move(drops.begin(), drops.end(), out_.begin());
    auto creates_begin = std::find_if(out_.begin(), out_.end(), [](const Change& c) { return c.kind == ChangeKind::create_views; });
    std::vector<Change> creates(std::make_move_iterator(creates_begin), std::make_move_iterator(out_.end()));
    out_.erase(creates_begin, out_.end());
    const auto creates_after = read_first(creates, &Change::after);
    creates = model::in_dependency_order_by_index(std::move(creates), creates_after);
    std::move(creates.begin(), creates.end(), std::back_inserter(out_));
  }

  // For each change, the changes whose table (`side` of it) has a view that
  // one of this change's table's views reads (View::reads: the name as a
  // word of its SQL), found through each view's words at once rather than
  // pair by pair, which grew with the square of the tables.
  static std::vector<std::vector<std::size_t>> read_first(const std::vector<Change>& changes, Table Change::*side) {
    std::map<std::string, std::vector<std::size_t>> owners;  // a view's name, lower case -> the changes whose table has it
    for (std::size_t i = 0; i < changes.size(); ++i)
      for (const auto& v : (changes[i].*side).views) owners[model::lower(v.name)].push_back(i);
    std::vector<std::string> not_words;  // names no word of SQL can be: View::reads finds them
    for (const auto& [name, _] : owners)
      if (!model::is_sql_word(name)) not_words.push_back(name);
    std::vector<std::vector<std::size_t>> reads(changes.size());
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const Table& reader = changes[i].*side;
      if (reader.name.empty()) continue;
      auto add = [&](const std::vector<std::size_t>& read_tables) {
        for (std::size_t j : read_tables)
          if (const Table& read = changes[j].*side; !read.name.empty() && read.name != reader.name) reads[i].push_back(j);
      };
      for (const auto& word : sql_words(reader))
        if (const auto owner = owners.find(word); owner != owners.end()) add(owner->second);
      for (const auto& name : not_words)
        if (std::any_of(reader.views.begin(), reader.views.end(), [&](const model::View& v) { return v.reads(name); })) add(owners[name]);
    }
    return reads;
  }
  // The reverse: each change comes after the changes that read it (views come down readers first).
  static std::vector<std::vector<std::size_t>> readers_first(const std::vector<Change>& changes, Table Change::*side) {
    const auto reads = read_first(changes, side);
    std::vector<std::vector<std::size_t>> read_by(changes.size());
    for (std::size_t i = 0; i < reads.size(); ++i)
      for (std::size_t j : reads[i]) read_by[j].push_back(i);
    return read_by;
  }
  // Every word of a table's views' SQL (each engine's too): model::sql_words.
  static std::set<std::string> sql_words(const Table& t) {
    std::set<std::string> words;
    auto add = [&](const std::string& sql) { words.merge(model::sql_words(sql)); };
    for (const auto& v : t.views) {
      add(v.sql);
      for (const auto& [engine, variant] : v.variants) add(variant.sql);
    }
    return words;
  }

  // The names a table's views go by: those its spec declares and those
  // generate adds, all in the model since the resolve step.
  static std::set<std::string> view_names(const Table& t) {
    std::set<std::string> names;
    for (const auto& v : t.views) names.insert(v.name);
    return names;
  }

  // The first of `going` that one of t's views reads, other than t and its own views; "" if none.
  static std::string first_read(const Table& t, const Table& was, const std::set<std::string>& going) {
    const std::set<std::string> own = view_names(t);
    for (const auto& name : going) {
      if (name == t.name || name == was.name || own.count(name)) continue;
      if (std::any_of(t.views.begin(), t.views.end(), [&](const model::View& v) { return v.reads(name); })) return name;
    }
    return {};
  }

  // A primary key cannot change under the foreign keys that reference it
  // (PostgreSQL refuses to drop it, InnoDB needs the referenced index): drop
  // them first and add them back once the new key exists.
  void refit_referencing_keys() {
    auto has = [&](ChangeKind k, const std::string& table, const std::string& fk) {
      return std::any_of(out_.begin(), out_.end(), [&](const Change& c) { return c.kind == k && c.table() == table && c.item == fk; });
    };
    for (const auto& x : to_.tables) {
      auto before = matched_.find(x.name);
      if (before == matched_.end()) continue;  // a new table creates its FKs after every key exists
      for (const auto& fk : x.foreign_keys) {
        if (!pk_changed_.count(fk.ref_table) || !named(before->second->foreign_keys, fk.name)) continue;
        for (auto kind : {ChangeKind::drop_foreign_key, ChangeKind::add_foreign_key}) {
          if (has(kind, x.name, fk.name)) continue;  // changes anyway
          Change ch{kind, *before->second, x, fk.name};
          ch.refit = true;
          add(std::move(ch));
        }
      }
    }
  }

  void table(const Table& a, const Table& b) {
    bool reshaped = false;
    if (a.name != b.name) {
      add({ChangeKind::rename_table, a, b, b.name, a.name});
      reshaped = true;
    }
    std::set<std::string> altered_or_gone;  // old column names whose constraints must be dropped first
    if (column_changes(a, b, altered_or_gone)) reshaped = true;
    primary_key_change(a, b);
    if (a.options != b.options) {
      add({ChangeKind::alter_table_options, a, b, "options"});
      reshaped = true;  // a column type may change with them (PostgreSQL native enums): views come down first
    }
    constraint_changes(a, b, altered_or_gone);
    comment_changes(a, b);
    triggers(a, b);
    // Views are generated from the table: any change of shape, job profile or
    // declared views recreates them (PostgreSQL cannot alter a column a view uses).
    if (reshaped || !same_views(a.views, b.views) || a.job != b.job) {
      if (!a.views.empty()) add({ChangeKind::drop_views, a, b});
      if (!b.views.empty()) add({ChangeKind::create_views, a, b});
    }
  }

  // Descriptions the database keeps as comments: the table's, then each kept
  // column's (a new column brings its own; the CREATE of a new table, its all).
  void comment_changes(const Table& a, const Table& b) {
    if (a.description != b.description) add({ChangeKind::alter_comment, a, b});
    const std::map<std::string, std::string> col_from = renamed_columns(b.name);
    for (const auto& c : b.columns) {
      const auto from = col_from.find(c.name);
      const Column* old = a.find_column(from != col_from.end() ? from->second : c.name);
      if (old && old->description != c.description) add({ChangeKind::alter_comment, a, b, c.name});
    }
  }

  // b's columns added, renamed or altered, then a's that are gone dropped; true if there was any.
  // Adds the old names of altered and dropped columns to `altered_or_gone`.
  bool column_changes(const Table& a, const Table& b, std::set<std::string>& altered_or_gone) {
    bool reshaped = false;
    std::map<std::string, std::string> col_from = renamed_columns(b.name);
    std::set<std::string> kept;
    for (const auto& c : b.columns) {
      std::string old_name = col_from.count(c.name) ? col_from[c.name] : c.name;
      const Column* old = a.find_column(old_name);
      if (!old) {
        add(added_column(a, b, c));
        reshaped = true;
        continue;
      }
      kept.insert(old->name);
      if (old->name != c.name) {
        add({ChangeKind::rename_column, a, b, c.name, old->name});
        reshaped = true;
      }
      if (!same_column(*old, c)) {
        add(altered_column(a, b, *old, c));
        altered_or_gone.insert(old->name);
        reshaped = true;
      }
    }
    for (const auto& c : a.columns) {
      if (kept.count(c.name)) continue;
      add(dropped_column(a, b, c));
      altered_or_gone.insert(c.name);
      reshaped = true;
    }
    return reshaped;
  }

  // The renamed columns of table `to_name`: new name -> old name.
  std::map<std::string, std::string> renamed_columns(const std::string& to_name) const {
    std::map<std::string, std::string> col_from;
    for (const auto& [t, fromto] : renames_.columns)
      if (t == to_name) col_from[fromto.second] = fromto.first;
    return col_from;
  }

  static Change added_column(const Table& a, const Table& b, const Column& c) {
    Change ch{ChangeKind::add_column, a, b, c.name};
    if (!c.nullable && !c.has_default() && !c.identity && !c.generated)
      ch.warning = "adds NOT NULL column " + b.name + "." + c.name + " without a default: fails if the table has rows";
    return ch;
  }

  static Change altered_column(const Table& a, const Table& b, const Column& old, const Column& c) {
    Change ch{ChangeKind::alter_column, a, b, c.name, old.name};
    if (c.generated && !old.generated) {
      ch.destructive = true;
      ch.warning = "makes " + b.name + "." + c.name + " generated: its values are replaced by " + c.generated->expression;
    } else if (!widens(old.type, c.type)) {
      ch.destructive = true;
      ch.warning = "changes " + b.name + "." + c.name + " from " + model::to_string(old.type) + " to " +
                   model::to_string(c.type) + ": values that do not fit are lost or rejected";
    } else if (old.nullable && !c.nullable) {
      ch.warning = "makes " + b.name + "." + c.name + " NOT NULL: fails if any row holds NULL";
    }
    return ch;
  }

  static Change dropped_column(const Table& a, const Table& b, const Column& c) {
    Change ch{ChangeKind::drop_column, a, b, c.name};
    if (c.generated) return ch;  // its values come back with it: nothing is lost
    ch.destructive = true;
    ch.warning = "drops column " + a.name + "." + c.name + " and its data";
    return ch;
  }

  static std::vector<std::string> primary_key_columns(const Table& t) {
    return t.primary_key ? t.primary_key->columns : std::vector<std::string>{};
  }

  void primary_key_change(const Table& a, const Table& b) {
    if (primary_key_columns(a) == primary_key_columns(b)) return;
    Change ch{ChangeKind::change_primary_key, a, b, "primary key"};
    // MySQL keeps an AUTO_INCREMENT column only while an index leads with it.
    const std::vector<std::string> pk = primary_key_columns(b);
    for (const auto& c : b.columns)
      if (c.identity && (pk.empty() || pk.front() != c.name))
        ch.warning = "identity column " + b.name + "." + c.name +
                     " no longer leads the primary key: MySQL/MariaDB refuse an AUTO_INCREMENT column no index leads with";
    add(std::move(ch));
    pk_changed_.insert(b.name);
  }

  static std::vector<std::string> index_columns(const model::Index& i) {
    std::vector<std::string> v;
    for (const auto& c : i.columns) v.push_back(c.name);
    return v;
  }

  // Keys, indexes, FKs and checks: changed ones are dropped and added again;
  // those over altered columns too (MySQL and PostgreSQL refuse to alter a
  // column an FK uses, and a rebuilt enum CHECK must not outlive its column).
  void constraint_changes(const Table& a, const Table& b, const std::set<std::string>& altered_or_gone) {
    auto touches = [&](const std::vector<std::string>& cols) {
      return std::any_of(cols.begin(), cols.end(), [&](const std::string& c) { return altered_or_gone.count(c) > 0; });
    };
    for (const auto& u : a.uniques) {
      const auto* n = named(b.uniques, u.name);
      if (!n || !same_key(*n, u) || touches(u.columns)) add({ChangeKind::drop_unique, a, b, u.name});
    }
    for (const auto& u : b.uniques) {
      const auto* o = named(a.uniques, u.name);
      if (!o || !same_key(*o, u) || touches(o->columns)) add({ChangeKind::add_unique, a, b, u.name});
    }
    for (const auto& i : a.indexes) {
      const auto* n = named(b.indexes, i.name);
      if (!n || !same_index(*n, i) || touches(index_columns(i))) add({ChangeKind::drop_index, a, b, i.name});
    }
    for (const auto& i : b.indexes) {
      const auto* o = named(a.indexes, i.name);
      if (!o || !same_index(*o, i) || touches(index_columns(*o))) add({ChangeKind::add_index, a, b, i.name});
    }
    for (const auto& f : a.foreign_keys) {
      const auto* n = named(b.foreign_keys, f.name);
      if (!n || !same_fk(*n, f) || touches(f.columns)) add({ChangeKind::drop_foreign_key, a, b, f.name});
    }
    for (const auto& f : b.foreign_keys) {
      const auto* o = named(a.foreign_keys, f.name);
      if (!o || !same_fk(*o, f) || touches(o->columns)) add({ChangeKind::add_foreign_key, a, b, f.name});
    }
    for (const auto& c : a.checks) {
      const auto* n = named(b.checks, c.name);
      if (!n || n->expression != c.expression) add({ChangeKind::drop_check, a, b, c.name});
    }
    for (const auto& c : b.checks) {
      const auto* o = named(a.checks, c.name);
      if (!o || o->expression != c.expression) add({ChangeKind::add_check, a, b, c.name});
    }
  }

  const model::Schema& from_;
  const model::Schema& to_;
  const Renames& renames_;
  std::vector<Change> out_;
  std::map<std::string, const Table*> matched_;  // to-name -> the table it was
  std::set<std::string> pk_changed_;            // tables (to-names) whose primary key changes
};

}  // namespace

const char* to_string(ChangeKind k) {
  switch (k) {
    case ChangeKind::drop_views: return "drop views";
    case ChangeKind::drop_foreign_key: return "drop foreign key";
    case ChangeKind::drop_check: return "drop check";
    case ChangeKind::drop_index: return "drop index";
    case ChangeKind::drop_unique: return "drop unique key";
    case ChangeKind::drop_table: return "drop table";
    case ChangeKind::rename_table: return "rename table";
    case ChangeKind::create_table: return "create table";
    case ChangeKind::rename_column: return "rename column";
    case ChangeKind::add_column: return "add column";
    case ChangeKind::alter_column: return "alter column";
    case ChangeKind::drop_column: return "drop column";
    case ChangeKind::add_unique: return "add unique key";
    case ChangeKind::add_index: return "add index";
    case ChangeKind::add_check: return "add check";
    case ChangeKind::add_foreign_key: return "add foreign key";
    case ChangeKind::alter_comment: return "alter comment";
    case ChangeKind::create_views: return "create views";
    case ChangeKind::change_primary_key: return "change primary key";
    case ChangeKind::alter_table_options: return "alter table options";
    case ChangeKind::create_extension: return "create extension";
    case ChangeKind::create_routine: return "create routine";
    case ChangeKind::replace_routine: return "replace routine";
    case ChangeKind::drop_routine: return "drop routine";
    case ChangeKind::drop_trigger: return "drop trigger";
    case ChangeKind::create_trigger: return "create trigger";
    case ChangeKind::drop_extension: return "drop extension";
  }
  return "?";
}

std::string Change::describe() const {
  std::string out = std::string(to_string(kind)) + " " + table();
  if (table().empty()) out += item;  // schema-wide
  else if (!item.empty()) out += "." + item;
  if (!old_item.empty() && old_item != item) out += " (was " + old_item + ")";
  if (!reads.empty()) out += " (they read " + reads + ")";
  if (!engine.empty()) out += " (on " + engine + ")";
  if (kind == ChangeKind::add_column || kind == ChangeKind::alter_column)
    if (const auto* c = after.find_column(item)) {
      out += " " + model::to_string(c->type) + (c->nullable ? "" : " NOT NULL");
      for (const auto& [dialect, collation] : c->collations) out += " COLLATE " + collation + " (" + dialect + ")";
    }
  if (kind == ChangeKind::change_primary_key) {
    auto cols = [](const model::Table& t) {
      std::string s;
      if (t.primary_key)
        for (const auto& c : t.primary_key->columns) s += (s.empty() ? "" : ", ") + c;
      return "(" + s + ")";
    };
    out += " " + cols(before) + " -> " + cols(after);
  }
  return out;
}

Renames Renames::reversed() const {
  Renames r;
  for (const auto& [a, b] : tables) r.tables.emplace_back(b, a);
  std::map<std::string, std::string> table_back;
  for (const auto& [a, b] : tables) table_back[b] = a;
  for (const auto& [t, fromto] : columns)
    r.columns.emplace_back(table_back.count(t) ? table_back[t] : t, std::pair{fromto.second, fromto.first});
  return r;
}

Renames declared_renames(const model::Schema& from, const model::Schema& to) {
  Renames r;
  for (const auto& t : to.tables) {
    std::string old_table = t.name;
    if (!t.renamed_from.empty() && from.find_table(t.renamed_from) && !from.find_table(t.name)) {
      r.tables.emplace_back(t.renamed_from, t.name);
      old_table = t.renamed_from;
    }
    const model::Table* old = from.find_table(old_table);
    if (!old) continue;
    for (const auto& c : t.columns)
      if (!c.renamed_from.empty() && old->find_column(c.renamed_from) && !old->find_column(c.name))
        r.columns.push_back({t.name, {c.renamed_from, c.name}});
  }
  return r;
}

model::Schema for_dialect(model::Schema all, std::string_view dialect) {
  model::Schema s = model::created_on(std::move(all), dialect);  // a table another engine alone creates is none of this one's
  auto keep_only = [&](std::map<std::string, std::string>& per_dialect) { std::erase_if(per_dialect, [&](const auto& e) { return e.first != dialect; }); };
  for (auto& r : s.routines) keep_only(r.sql);
  std::erase_if(s.routines, [](const model::Routine& r) { return r.sql.empty(); });
  for (auto& t : s.tables) {
    // An index limited to other engines is none of this one's.
    std::erase_if(t.indexes, [&](const model::Index& i) {
      return !i.dialects.empty() && std::find(i.dialects.begin(), i.dialects.end(), dialect) == i.dialects.end();
    });
    for (auto& i : t.indexes) i.dialects.clear();
    std::erase_if(t.options, [&](const auto& o) { return o.first != dialect; });  // MySQL's ENGINE is no PostgreSQL change
    for (auto& tr : t.triggers) keep_only(tr.sql);  // each engine's trigger is its own statement
    std::erase_if(t.triggers, [](const model::Trigger& tr) { return tr.sql.empty(); });
    for (auto& c : t.columns) {
      keep_only(c.native_types);
      keep_only(c.collations);
      c.default_value = c.default_for(dialect);  // this engine's default is the only one
      c.native_defaults.clear();
    }
  }
  return s;
}

std::vector<Change> target_changes(const model::Schema& from, const model::Schema& to) {
  std::vector<Change> out;
  for (const auto& engine : model::engine_names()) {
    if (!model::project_targets(to, engine)) continue;  // no migrations are written for it
    for (const auto& after : to.tables) {
      const model::Table* before = from.find_table(after.name);
      if (!before) continue;  // a new table: diff() creates it wherever it goes
      const bool was = model::targets(from, *before, engine), will = model::targets(to, after, engine);
      if (was == will) continue;
      Change c = will ? Change(ChangeKind::create_table, {}, after) : Change(ChangeKind::drop_table, *before, {});
      c.engine = engine;
      if (!will) {
        c.destructive = true;
        c.warning = "the table no longer targets " + engine + ": its rows there are deleted";
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<Change> diff(const model::Schema& from, const model::Schema& to, const Renames& renames) {
  return Differ(from, to, renames).run();
}

}  // namespace sf::diff
