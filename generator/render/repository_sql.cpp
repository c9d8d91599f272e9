#include "generator/render/repository_sql.hpp"

#include <algorithm>
#include <set>

#include "generator/model/strings.hpp"

namespace sf::render {
namespace {

using model::join;

// Writes one statement, numbering placeholders as it goes.
class Sql {
 public:
  explicit Sql(const dialect::Dialect& d) : d_(d) {}
  Sql& operator<<(const std::string& text) {
    text_ += text;
    return *this;
  }
  std::string param() { return d_.spelling().placeholder(++n_); }
  // A sub-statement whose placeholders continue this one's numbering.
  [[nodiscard]] Sql continued() const {
    Sql s(d_);
    s.n_ = n_;
    return s;
  }
  [[nodiscard]] const std::string& str() const { return text_; }

 private:
  const dialect::Dialect& d_;
  std::string text_;
  int n_ = 0;
};

class Writer {
 public:
  Writer(const model::Table& t, const dialect::Dialect& d) : t_(t), d_(d), table_(d.quote(t.name)) {
    for (const auto& c : t.columns) columns_.push_back(d.quote(c.name));
    select_ = "SELECT " + join(columns_, ", ") + " FROM " + table_;
  }

  RepositorySql build(const std::vector<Finder>& finders) {
    RepositorySql out;
    out.table = table_;
    out.columns = columns_;
    auto& s = out.statements;
    const bool keyed = t_.primary_key.has_value();
    s.emplace_back("find", keyed ? by_key(select_) : "");
    s.emplace_back("update", keyed ? update() : "");
    s.emplace_back("erase", keyed ? by_key("DELETE FROM " + table_) : "");
    s.emplace_back("count", "SELECT COUNT(*) FROM " + table_);
    s.emplace_back("list_head", select_ + " ORDER BY ");
    {  // after list_head and the caller's order column: the key, then the page
      Sql q(d_);
      q << key_order() << " LIMIT " << q.param() << " OFFSET " << q.param();
      s.emplace_back("list_tail", q.str());
    }
    s.emplace_back("insert_returning", keyed && d_.spelling().has_returning() ? " RETURNING " + key_list() : "");
    for (const auto& f : finders) s.emplace_back(f.function, finder(f));
    return out;
  }

 private:
  std::string col(const std::string& name) const { return d_.quote(name); }
  std::string lit(const std::string& value) const { return d_.spelling().string_literal(value); }
  std::string key_list() const { return d_.quote_list(t_.primary_key->columns); }
  std::string key_order() const { return t_.primary_key ? key_list() : col(t_.columns.front().name); }

  // `head WHERE k1 = ? AND k2 = ?`
  std::string by_key(const std::string& head) const {
    Sql q(d_);
    q << head << " WHERE ";
    bool first = true;
    for (const auto& k : t_.primary_key->columns) {
      q << (first ? "" : " AND ") << col(k) << " = " << q.param();
      first = false;
    }
    return q.str();
  }

  // The expression an ON UPDATE column is set to, as this engine writes a default.
  std::string on_update_expression(const model::Column& c) const {
    model::Column copy = c;
    copy.default_value = {model::DefaultValue::Kind::expression, c.on_update};
    copy.native_defaults.clear();  // the clock, not the engine's own default
    return d_.spelling().column_ddl(t_, copy).default_sql;
  }

  // Every column but the key and the generated ones, in order; ON UPDATE
  // columns take the engine's clock (PostgreSQL and SQLite have no ON
  // UPDATE, so the statement says it).
  std::string update() const {
    Sql q(d_);
    q << "UPDATE " << table_ << " SET ";
    bool first = true;
    const auto& key = t_.primary_key->columns;
    for (const auto& c : t_.columns) {
      if (std::find(key.begin(), key.end(), c.name) != key.end() || c.generated) continue;
      q << (first ? "" : ", ") << col(c.name) << " = " << (c.on_update.empty() ? q.param() : on_update_expression(c));
      first = false;
    }
    q << " WHERE ";
    first = true;
    for (const auto& k : key) {
      q << (first ? "" : " AND ") << col(k) << " = " << q.param();
      first = false;
    }
    return q.str();
  }

  std::string finder(const Finder& f) const {
    Sql q(d_);
    q << select_ << " WHERE ";
    for (std::size_t i = 0; i < f.columns.size(); ++i) q << (i ? " AND " : "") << col(f.columns[i]) << " = " << q.param();
    if (f.unique) return q.str();
    std::vector<std::string> order;
    for (const auto& c : f.order) order.push_back(col(c.name) + (c.descending ? " DESC" : ""));
    if (t_.primary_key)
      for (const auto& k : t_.primary_key->columns)
        if (std::none_of(f.order.begin(), f.order.end(), [&](const auto& o) { return o.name == k; })) order.push_back(col(k));
    q << " ORDER BY " << join(order, ", ") << " LIMIT " << q.param() << " OFFSET " << q.param();
    return q.str();
  }

  const model::Table& t_;
  const dialect::Dialect& d_;
  std::string table_;
  std::vector<std::string> columns_;
  std::string select_;
};

std::string finder_name(const std::vector<std::string>& columns) {
  std::string out = "find_by";
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "_and_" : "_") + columns[i];
  return out;
}

}  // namespace

std::vector<Finder> finders(const model::Table& t) {
  std::vector<Finder> out;
  std::set<std::vector<std::string>> seen;
  if (t.primary_key) seen.insert(t.primary_key->columns);
  for (const auto& u : t.uniques) {
    if (!seen.insert(u.columns).second) continue;
    out.push_back({finder_name(u.columns), u.columns, {}, true});
  }
  std::vector<const model::Index*> indexes;
  // A finder queries whole column values: partial, expression and full-text
  // indexes answer other questions (and a partial unique index is unique only
  // where its predicate holds), so they get none.
  const auto& engines = dialect::all_dialects();
  for (const auto& i : t.indexes)
    if (i.where.empty() &&
        std::all_of(engines.begin(), engines.end(), [&](const dialect::Dialect* d) { return d->create().looks_up_whole_values(i.method); }) &&
        std::none_of(i.columns.begin(), i.columns.end(), [](const model::IndexColumn& c) { return !c.expression.empty(); }))
      indexes.push_back(&i);
  std::sort(indexes.begin(), indexes.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* i : indexes) {
    std::vector<std::string> cols;
    for (const auto& c : i->columns) cols.push_back(c.name);
    if (i->unique) {
      if (!seen.insert(cols).second) continue;
      out.push_back({finder_name(cols), cols, {}, true});
      continue;
    }
    // Non-unique: a finder on the leading column, ordered by the rest.
    std::vector<std::string> lead{cols.front()};
    if (seen.count(lead) || std::any_of(out.begin(), out.end(), [&](const Finder& f) { return f.columns == lead; })) continue;
    out.push_back({finder_name(lead), lead, {i->columns.begin() + 1, i->columns.end()}, false});
  }
  return out;
}

RepositorySql repository_sql(const model::Table& t, const dialect::Dialect& d, const std::vector<Finder>& f) {
  return Writer(t, d).build(f);
}

}  // namespace sf::render
