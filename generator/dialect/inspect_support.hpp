#pragma once
// Small helpers the three catalogue readers share.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "generator/model/schema.hpp"

namespace sf::dialect {

// Splits a list aggregated with the ASCII unit separator (0x1F), which no
// identifier contains, so names with commas or spaces survive.
std::vector<std::string> split_unit(std::string_view s);

// Strips PostgreSQL casts ('x'::text, 0::numeric) and redundant outer
// parentheses from a default expression as a catalogue reports it.
std::string strip_casts(std::string s);

// `((a * b) + 1)` -> `(a * b) + 1`: the parentheses a catalogue puts around
// a whole expression, removed while one pair encloses all of it.
std::string strip_outer_parentheses(std::string s);

// The tables of a schema being read, found by name in constant time.
// Catalogue rows come table by table: searched from the first table for
// every row, a schema of 10,000 tables took seconds (Schema::find_table is
// a scan). Tables are only ever appended while it is in use.
class TableLookup {
 public:
  explicit TableLookup(model::Schema& s) : schema_(s) {}
  [[nodiscard]] model::Schema& schema() { return schema_; }
  // The table named `name`, or nullptr.
  [[nodiscard]] model::Table* find_table(std::string_view name);
  // The table named `name`, created (with its loc pointing at the database) on first use.
  model::Table& table_for(const std::string& name, const std::string& where);

 private:
  model::Schema& schema_;
  std::unordered_map<std::string, std::size_t> index_;  // name -> place in schema_.tables
  std::size_t indexed_ = 0;                              // how many of the tables index_ holds
};

// Attaches a view to the table it belongs to: the longest table name that
// `vw_<table>` starts (our contract and status views), else the first table
// the body selects FROM; dropped when neither is found.
void attach_view(TableLookup& tables, const std::string& view, const std::string& body);

// The SELECT of a CREATE VIEW statement (after `… VIEW name AS`), or "".
std::string view_select(const std::string& create_view);

// Whitespace runs collapsed to one space and the ends trimmed.
std::string collapse_space(const std::string& text);


}  // namespace sf::dialect
