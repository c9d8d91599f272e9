#include "generator/inspect/inspect.hpp"

#include <algorithm>

#include "generator/dialect/dialect.hpp"
#include "generator/model/default_value.hpp"

namespace sf::inspect {

bool glob_match(std::string_view p, std::string_view t) {
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) {
      ++pi;
      ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

model::Schema inspect(db::Connection& c, const Options& o) {
  const auto& d = dialect::dialect_named(db::to_string(c.engine()));
  model::Schema s = d.inspector().inspect(c);
  for (auto& t : s.tables)
    for (auto& col : t.columns) model::settle_quoted_defaults(col);  // catalogues quote numbers: '0'::bigint
  s.tables.erase(std::remove_if(s.tables.begin(), s.tables.end(),
                                [&](const model::Table& t) {
                                  return t.name == "schemaforge_migrations" || !glob_match(o.tables, t.name);
                                }),
                 s.tables.end());
  return s;
}

}  // namespace sf::inspect
