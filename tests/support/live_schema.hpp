#pragma once
// Reads a live database's schema with catalogue queries written for the tests
// (independent of any inspection code in the product), normalised just enough
// to compare with the model: integer display widths dropped, defaults
// unquoted and uncast, MySQL's implicit FK indexes and MariaDB's JSON checks
// set apart.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/db/connection.hpp"

namespace sf::test {

struct LiveColumn;
struct LiveColumn {
  std::string name;
  std::string type;  // engine spelling, lower case
  bool not_null = false;
  bool has_default = false;
  std::string default_value;  // unquoted, casts removed
  bool operator==(const LiveColumn&) const = default;
};

struct LiveTable {
  std::vector<LiveColumn> columns;
  std::vector<std::string> primary_key;
  std::set<std::string> uniques;                         // "name: a, b" ("a, b" on SQLite: it keeps no names)
  std::map<std::string, std::string> indexes;            // name -> "a, b DESC"
  std::set<std::string> foreign_keys;                    // "(a) -> t(id) ON DELETE CASCADE ON UPDATE NO ACTION"
  std::set<std::string> checks;                          // names (not on SQLite)
  bool operator==(const LiveTable&) const = default;
  const LiveColumn* column(const std::string& n) const {
    for (const auto& c : columns)
      if (c.name == n) return &c;
    return nullptr;
  }
};

struct LiveSchema {
  std::map<std::string, LiveTable> tables;
  std::set<std::string> views;
  bool operator==(const LiveSchema&) const = default;
};

LiveSchema read_live_schema(db::Connection& c);

// One line per fact, for comparisons whose failures must show what differs.
std::vector<std::string> describe(const LiveSchema& s);

}  // namespace sf::test
