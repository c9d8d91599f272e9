#include "generator/model/targets.hpp"

#include <algorithm>

#include "generator/model/engines.hpp"

namespace sf::model {
namespace {

bool has(const std::vector<std::string>& list, std::string_view engine) {
  return std::find(list.begin(), list.end(), engine) != list.end();
}

}  // namespace

std::vector<std::string> project_engines(const Schema& s) { return s.engines.empty() ? engine_names() : s.engines; }

std::vector<std::string> table_engines(const Schema& s, const Table& t) {
  return t.engines.empty() ? project_engines(s) : t.engines;
}

bool targets(const Schema& s, const Table& t, std::string_view engine) {
  return has(t.engines.empty() ? s.engines : t.engines, engine) || (t.engines.empty() && s.engines.empty());
}

bool project_targets(const Schema& s, std::string_view engine) { return s.engines.empty() || has(s.engines, engine); }

Schema created_on(Schema s, std::string_view engine) {
  std::erase_if(s.tables, [&](const Table& t) { return !targets(s, t, engine); });
  return s;
}

}  // namespace sf::model
