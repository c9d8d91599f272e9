#pragma once
// Small helpers the three catalogue readers share.
#include <string>
#include <string_view>
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

// Attaches a view to the table it belongs to: the longest table name that
// `vw_<table>` starts (our contract and status views), else the first table
// the body selects FROM; dropped when neither is found.
void attach_view(model::Schema& s, const std::string& view, const std::string& body);

// The SELECT of a CREATE VIEW statement (after `… VIEW name AS`), or "".
std::string view_select(const std::string& create_view);

// Whitespace runs collapsed to one space and the ends trimmed.
std::string collapse_space(const std::string& text);

// A table in `s` by name, created (with its loc pointing at the database) on first use.
model::Table& table_for(model::Schema& s, const std::string& name, const std::string& where);

}  // namespace sf::dialect
