#include "generator/diff/plan.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace sf::diff {
namespace {

using K = ChangeKind;

// Whether a script sets its own statement terminators (the mysql client's
// DELIMITER lines around a MySQL body): it keeps its last ';'.
bool sets_delimiters(const std::string& s) {
  const std::size_t first = s.find_first_not_of(" \n");
  return first != std::string::npos && s.compare(first, 10, "DELIMITER ") == 0;
}

std::string trim_statement(std::string s) {
  const bool own_terminators = sets_delimiters(s);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || (s.back() == ';' && !own_terminators))) s.pop_back();
  return s;
}

// Whether a template section says nothing but comments (MySQL's index file
// explains itself even for a table without indexes).
bool only_comments(const std::string& sql) {
  std::size_t at = 0;
  while (at < sql.size()) {
    const std::size_t end = std::min(sql.find('\n', at), sql.size());
    const std::string_view line(sql.data() + at, end - at);
    const auto first = line.find_first_not_of(" \t\r;");
    if (first != std::string_view::npos && line.substr(first, 2) != "--") return false;
    at = end + 1;
  }
  return true;
}

class Planner {
 public:
  Planner(const dialect::Dialect& d, DdlSource& ddl) : d_(d), alter_(d.alter()), ddl_(ddl) {}

  Plan run(const std::vector<Change>& all) {
    const std::vector<Change> changes = without_needless_refits(all);
    find_rebuilds(changes);
    note_renames_creates_and_view_drops(changes);
    for (const auto& c : changes) plan_change(c);
    rebuild_for_constraint_changes(changes);
    return in_phase_order();
  }

 private:
  // SQLite checks a foreign key's target when rows are written, not when
  // the key it references is rebuilt: a refit would rebuild the
  // referencing table for nothing.
  std::vector<Change> without_needless_refits(const std::vector<Change>& all) {
    std::vector<Change> changes;
    for (const auto& c : all)
      if (!(c.refit && d_.create().foreign_keys_inline())) changes.push_back(c);
    return changes;
  }

  // What planning one change needs to know of the others: a rebuild copies a
  // renamed column's rows from its old name, a created table gets its indexes
  // and inline FKs with it, and views a drop_views change takes down stay down.
  void note_renames_creates_and_view_drops(const std::vector<Change>& changes) {
    for (const auto& c : changes)
      if (c.kind == K::rename_column) renamed_[c.table()][c.item] = c.old_item;
    for (const auto& c : changes) {
      if (c.kind == K::create_table) created_.insert(c.after.name);
      if (c.kind == K::drop_views) views_dropped_.insert(c.before.name);
    }
  }

  // The step for one change; none where the table's rebuild or its CREATE TABLE covers it.
  void plan_change(const Change& c) {
    const std::string& t = c.table();
    bool rebuilt = rebuild_.count(t) > 0;
    switch (c.kind) {
      case K::drop_views: step(c, drop_view_statements(c)); break;
      case K::create_views: step(c, {ddl_.create_views(c.after)}); break;
      case K::drop_foreign_key:
        if (c.after.name.empty() && d_.create().foreign_keys_inline()) break;  // goes with its table
        if (!rebuilt) step(c, alter_.drop_foreign_key(c.before.name, c.item));
        break;
      case K::drop_check:
        if (!rebuilt) step(c, alter_.drop_check(c.before.name, c.item));
        break;
      case K::drop_index:
        if (!rebuilt) step(c, {alter_.drop_index(c.before.name, c.item)});
        break;
      case K::drop_unique:
        if (!rebuilt) step(c, alter_.drop_unique(c.before.name, c.item));
        break;
      case K::drop_table: step(c, alter_.drop_table(c.before)); break;
      case K::rename_table: step(c, rename_table_statements(c)); break;
      case K::create_table: step(c, create_table_statements(c)); break;
      case K::rename_column:
      case K::add_column:
      case K::alter_column:
      case K::drop_column:
        if (rebuilt) rebuild_once(c);
        else column_change(c);
        break;
      case K::add_unique:
        if (!rebuilt) step(c, alter_.add_unique(c.after, *find(c.after.uniques, c.item)));
        break;
      case K::add_index:
        if (!rebuilt && !created_.count(t)) step(c, {alter_.add_index(c.after, *find(c.after.indexes, c.item))});
        break;
      case K::add_check:
        if (!rebuilt) step(c, alter_.add_check(c.after, *find(c.after.checks, c.item)));
        break;
      case K::alter_comment:
        // Not a rebuild trigger either: an engine without comments (SQLite) returns nothing.
        if (!rebuilt) step(c, alter_.alter_comment(c.after, c.item));
        break;
      case K::alter_table_options:
        // An engine no option concerns returns nothing; SQLite rebuilds for STRICT and WITHOUT ROWID.
        if (rebuilt) rebuild_once(c);
        else step(c, alter_.alter_table_options(c.before, c.after));
        break;
      case K::change_primary_key:
        if (rebuilt) rebuild_once(c);
        else step(c, alter_.change_primary_key(c.before, c.after));
        break;
      case K::add_foreign_key:
        if (d_.create().foreign_keys_inline() && (created_.count(t) || rebuilt)) break;  // inside CREATE TABLE
        step(c, alter_.add_foreign_key(c.after, *find(c.after.foreign_keys, c.item)));
        break;
      case K::drop_trigger:
        if (!rebuilt) step(c, {alter_.drop_trigger(c.before.name, c.item)});
        break;
      case K::create_trigger:
        if (!rebuilt) step(c, {ddl_.create_triggers(only_trigger(c.after, c.item))});  // a rebuild creates them all
        break;
      case K::create_routine: step(c, {ddl_.create_routine(c.routine)}); break;
      case K::replace_routine:
        // In place where the engine replaces one and it is still the same
        // routine (PostgreSQL: the same parameters; other ones make another
        // overload, and the old one would stay).
        if (alter_.creates_or_replaces_routines() && d_.inspector().routine_key(c.routine_was) == d_.inspector().routine_key(c.routine))
          step(c, {ddl_.create_routine(c.routine)});
        else
          step(c, {alter_.drop_routine(c.routine_was), ddl_.create_routine(c.routine)});
        break;
      case K::drop_routine: step(c, {alter_.drop_routine(c.routine)}); break;
      // Nothing on an engine without extensions.
      case K::create_extension: step(c, alter_.create_extension(c.item)); break;
      case K::drop_extension: step(c, alter_.drop_extension(c.item)); break;
    }
  }

  static model::Table only_trigger(model::Table t, const std::string& name) {
    std::erase_if(t.triggers, [&](const model::Trigger& tr) { return tr.name != name; });
    return t;
  }

  std::vector<std::string> drop_view_statements(const Change& c) {
    std::vector<std::string> st;
    for (const auto& v : ddl_.view_names(c.before)) st.push_back(alter_.drop_view(v));
    return st;
  }

  // Names the engine derived from the table name (enum CHECKs) follow it,
  // so a renamed table matches what generate writes for the new name.
  std::vector<std::string> rename_table_statements(const Change& c) {
    std::vector<std::string> st = {alter_.rename_table(c.old_item, c.item)};
    for (const auto& col : c.before.columns) {
      const model::Column* now = c.after.find_column(col.name);
      if (!now) continue;
      auto was = d_.spelling().column_ddl(c.before, col).checks;
      auto will = d_.spelling().column_ddl(c.after, *now).checks;
      for (std::size_t i = 0; i < was.size() && i < will.size(); ++i)
        if (was[i].name != will[i].name) st.push_back(alter_.rename_constraint(c.item, was[i].name, will[i].name));
    }
    return st;
  }

  std::vector<std::string> create_table_statements(const Change& c) {
    std::vector<std::string> st = {ddl_.create_table(c.after)};
    std::string idx = ddl_.create_indexes(c.after);
    if (!only_comments(idx)) st.push_back(idx);
    return st;
  }

  // A rebuilt table's first change makes the rebuild step; its later changes join that step.
  void rebuild_once(const Change& c) {
    if (rebuilt_done_.insert(c.table()).second) rebuild(c);
    else note_in_rebuild(c);
  }

  // Constraint-only changes on a table SQLite must rebuild still need the rebuild.
  void rebuild_for_constraint_changes(const std::vector<Change>& changes) {
    for (const auto& c : changes)
      if (rebuild_.count(c.table()) && !rebuilt_done_.count(c.table()) && c.kind != K::drop_views && c.kind != K::create_views) {
        rebuilt_done_.insert(c.table());
        rebuild(c);
      }
  }

  // Keep phase order: rebuilds were appended where they were triggered.
  Plan in_phase_order() {
    std::vector<std::size_t> order(plan_.steps.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return phase_[a] < phase_[b]; });
    Plan sorted;
    for (std::size_t i : order) sorted.steps.push_back(std::move(plan_.steps[i]));
    return sorted;
  }

  template <typename T>
  static const T* find(const std::vector<T>& items, const std::string& name) {
    for (const auto& i : items)
      if (i.name == name) return &i;
    throw std::logic_error("planner: no item named " + name);
  }

  void step(const Change& c, std::vector<std::string> statements, int phase = -1) {
    Step s{c.describe(), c.warning, c.destructive, {}};
    for (auto& st : statements)
      if (!trim_statement(st).empty()) s.statements.push_back(trim_statement(st));
    if (s.statements.empty()) return;
    plan_.steps.push_back(std::move(s));
    phase_.push_back(phase < 0 ? static_cast<int>(c.kind) : phase);
  }

  void column_change(const Change& c) {
    switch (c.kind) {
      case K::rename_column: step(c, {alter_.rename_column(c.after.name, c.old_item, c.item)}); break;
      case K::add_column: step(c, alter_.add_column(c.after, *c.after.find_column(c.item))); break;
      case K::drop_column: step(c, alter_.drop_column(c.before, c.item)); break;
      case K::alter_column:
        step(c, alter_.alter_column(c.before, *c.before.find_column(c.old_item), c.after, *c.after.find_column(c.item)));
        break;
      default: break;
    }
  }

  // Tables whose changes this engine cannot make in place.
  void find_rebuilds(const std::vector<Change>& changes) {
    for (const auto& c : changes) {
      if (c.before.name.empty() || c.after.name.empty()) continue;  // created or dropped
      bool in_place = true;
      switch (c.kind) {
        case K::add_column: in_place = !alter_.add_column(c.after, *c.after.find_column(c.item)).empty(); break;
        case K::drop_column: in_place = !alter_.drop_column(c.before, c.item).empty(); break;
        case K::alter_column:
          in_place = !alter_.alter_column(c.before, *c.before.find_column(c.old_item), c.after, *c.after.find_column(c.item)).empty();
          break;
        case K::add_unique: in_place = !alter_.add_unique(c.after, *find(c.after.uniques, c.item)).empty(); break;
        case K::drop_unique: in_place = !alter_.drop_unique(c.before.name, c.item).empty(); break;
        case K::add_check: in_place = !alter_.add_check(c.after, *find(c.after.checks, c.item)).empty(); break;
        case K::drop_check: in_place = !alter_.drop_check(c.before.name, c.item).empty(); break;
        case K::add_foreign_key: in_place = !alter_.add_foreign_key(c.after, *find(c.after.foreign_keys, c.item)).empty(); break;
        case K::drop_foreign_key: in_place = !alter_.drop_foreign_key(c.before.name, c.item).empty(); break;
        case K::change_primary_key: in_place = !alter_.change_primary_key(c.before, c.after).empty(); break;
        case K::alter_table_options: in_place = !alter_.options_need_rebuild(c.before, c.after); break;
        default: break;
      }
      if (!in_place) rebuild_.insert(c.after.name);
    }
  }

  // The engine rebuilds the table (AlterStatements::rebuild_table) from what the
  // templates write for the new shape. The rows of each new column come from
  // the old column of that name, or the one it was renamed from (taken from
  // the change list, so down migrations, whose target carries no hint, copy
  // them too).
  void rebuild(const Change& c) {
    const model::Table& after = c.after;
    const model::Table& before = c.before;
    model::Table temp = after;
    temp.name = "_sf_new_" + after.name;
    dialect::AlterStatements::TableRebuild r;
    r.before = &before;
    r.after = &after;
    r.temp_name = temp.name;
    r.create_temp = trim_statement(ddl_.create_table(temp));
    const auto& renames = renamed_[after.name];
    for (const auto& col : after.columns) {
      auto renamed = renames.find(col.name);
      const std::string old = renamed != renames.end() ? renamed->second : col.name;
      if (before.find_column(old) && !col.generated) r.copy.emplace_back(col.name, old);  // the engine computes a generated one
    }
    // Other tables' views that read this one came down in an earlier step
    // (diff() recreates them around the change); its own come down here
    // unless a drop_views change took them down already.
    if (!views_dropped_.count(before.name)) {
      r.views = ddl_.view_names(before);
      r.create_views = trim_statement(ddl_.create_views(after));
    }
    if (const std::string idx = trim_statement(ddl_.create_indexes(after)); !only_comments(idx)) r.create_indexes = idx;
    r.create_triggers = trim_statement(ddl_.create_triggers(after));
    Step s;
    s.title = "rebuild table " + after.name + " (" + c.describe() + ")";
    s.warning = c.warning;
    s.destructive = c.destructive;
    s.statements = alter_.rebuild_table(r);
    if (s.statements.empty())
      throw std::logic_error(std::string(d_.name()) + " can neither " + c.describe() + " in place nor rebuild the table");
    rebuild_step_[after.name] = plan_.steps.size();
    plan_.steps.push_back(std::move(s));
    phase_.push_back(static_cast<int>(K::alter_column));
  }

  void note_in_rebuild(const Change& c) {
    Step& s = plan_.steps[rebuild_step_.at(c.table())];
    s.title += "; " + c.describe();
    if (!c.warning.empty()) s.warning += (s.warning.empty() ? "" : "; ") + c.warning;
    s.destructive = s.destructive || c.destructive;
  }

  const dialect::Dialect& d_;
  const dialect::AlterStatements& alter_;  // nearly every step's statements
  DdlSource& ddl_;
  Plan plan_;
  std::vector<int> phase_;
  std::set<std::string> rebuild_;
  std::map<std::string, std::map<std::string, std::string>> renamed_;  // table -> new column -> old column
  std::map<std::string, std::size_t> rebuild_step_;
  std::set<std::string> views_dropped_;  // tables whose views a drop_views change already takes down
  std::set<std::string> created_;       // tables a create_table change makes
  std::set<std::string> rebuilt_done_;  // tables whose rebuild step exists
};

}  // namespace

bool Plan::destructive() const {
  return std::any_of(steps.begin(), steps.end(), [](const Step& s) { return s.destructive; });
}

std::string Plan::script() const {
  std::string out;
  for (const auto& s : steps) {
    out += "-- " + s.title + "\n";
    if (!s.warning.empty()) out += std::string("-- ") + (s.destructive ? "DESTRUCTIVE: " : "WARNING: ") + s.warning + "\n";
    for (const auto& st : s.statements) out += st + (sets_delimiters(st) ? "\n" : ";\n");
    out += "\n";
  }
  return out;
}

Plan plan(const std::vector<Change>& changes, const dialect::Dialect& d, DdlSource& ddl) { return Planner(d, ddl).run(changes); }

}  // namespace sf::diff
