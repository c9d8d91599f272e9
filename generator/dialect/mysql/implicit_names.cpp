// How MySQL and MariaDB name the keys a CREATE or ALTER TABLE leaves
// unnamed (Spelling::name_unnamed), as both servers do it (checked on
// MariaDB 10.11; MySQL 8's sql_table.cc and InnoDB's dict0dict.cc agree):
//   - a unique key or index takes its first column's name; where a key of
//     the table has that name already (letter case aside, PRIMARY
//     included), name_2, name_3 …; an expression part is
//     `functional_index` (MySQL 8);
//   - a foreign key is <table>_ibfk_<n>, n counting on from the highest
//     the table has;
//   - InnoDB gives an FK that no key of the table leads with an index of
//     its own, at the FK's place in the statement: named as the FK's
//     constraint if it has one, else like a key. The model leaves that
//     index out (drift knows it: normalise.cpp), but its name is taken
//     before the keys written after it are named;
//   - a CHECK takes the portable name (Spelling::name_unnamed_portably):
//     the two servers part here (MariaDB: the column's name for a column's
//     check, CONSTRAINT_<n> for a table's; MySQL 8: <table>_chk_<n>), and
//     "mysql" is both.
#include <algorithm>
#include <cctype>
#include <set>

#include "generator/dialect/mysql/spelling.hpp"
#include "generator/model/strings.hpp"

namespace sf::dialect {
namespace {

// Whether `key` leads with exactly `columns` (column names have no letter case).
bool leads_with(const std::vector<std::string>& key, const std::vector<std::string>& columns) {
  if (key.size() < columns.size()) return false;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (model::lower(key[i]) != model::lower(columns[i])) return false;
  return true;
}

std::vector<std::string> names_of(const std::vector<model::IndexColumn>& parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) out.push_back(p.name);
  return out;
}

// Whether InnoDB would make an index of its own for `fk`: no key of the
// table leads with its columns, nor does an FK index made earlier.
bool needs_own_index(const model::Table& t, const model::ForeignKey& fk, const std::vector<std::vector<std::string>>& made) {
  if (t.primary_key && leads_with(t.primary_key->columns, fk.columns)) return false;
  for (const auto& k : t.uniques)
    if (leads_with(k.columns, fk.columns)) return false;
  for (const auto& i : t.indexes)
    if (i.method.empty() && leads_with(names_of(i.columns), fk.columns)) return false;
  for (const auto& m : made)
    if (leads_with(m, fk.columns)) return false;
  return true;
}

// The number n of a name <table>_ibfk_<n>, or 0.
int ibfk_number(const std::string& name, const std::string& table) {
  const std::string prefix = table + "_ibfk_";
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return 0;
  int n = 0;
  for (std::size_t i = prefix.size(); i < name.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i])) || n > 100000) return 0;
    n = n * 10 + (name[i] - '0');
  }
  return n;
}

}  // namespace

void MysqlSpelling::name_unnamed(model::Table& t, const std::vector<WrittenKey>& statement) const {
  std::set<std::string> taken = {"primary"};  // lower case: key names have none
  for (const auto& k : t.uniques)
    if (!k.name.empty()) taken.insert(model::lower(k.name));
  for (const auto& i : t.indexes)
    if (!i.name.empty()) taken.insert(model::lower(i.name));
  auto key_name = [&](const std::string& first_column) {
    const std::string base = first_column.empty() ? "functional_index" : first_column;
    std::string name = base;
    for (int n = 2; taken.count(model::lower(name)); ++n) name = base + "_" + std::to_string(n);
    taken.insert(model::lower(name));
    return name;
  };
  std::vector<std::vector<std::string>> fk_indexes;  // the columns of each FK index InnoDB makes here
  for (const auto& k : statement) {
    if (k.kind == WrittenKey::Kind::check) {
      continue;
    } else if (k.kind == WrittenKey::Kind::unique) {
      auto& key = t.uniques[k.at];
      if (key.name.empty()) key.name = key_name(key.columns.front());
    } else if (k.kind == WrittenKey::Kind::index) {
      auto& index = t.indexes[k.at];
      if (index.name.empty()) index.name = key_name(index.columns.front().name);
    } else if (const auto& fk = t.foreign_keys[k.at]; needs_own_index(t, fk, fk_indexes)) {
      fk_indexes.push_back(fk.columns);
      if (fk.name.empty()) key_name(fk.columns.front());
      else taken.insert(model::lower(fk.name));
    }
  }
  int highest = 0;
  for (const auto& fk : t.foreign_keys) highest = std::max(highest, ibfk_number(fk.name, t.name));
  for (const auto& k : statement)
    if (k.kind == WrittenKey::Kind::foreign_key && t.foreign_keys[k.at].name.empty())
      t.foreign_keys[k.at].name = t.name + "_ibfk_" + std::to_string(++highest);
  name_unnamed_portably(t, statement);  // the CHECKs: see above
}

}  // namespace sf::dialect
