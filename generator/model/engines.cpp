#include "generator/model/engines.hpp"

#include <algorithm>

#include "generator/model/strings.hpp"

namespace sf::model {

std::string created_name(std::string_view engine, const std::string& name, bool quoted) {
  for (const auto& e : engines)
    if (e.name == engine && e.folds_unquoted_names && !quoted) return lower(name);
  return name;
}

std::string canonical_engine(std::string_view raw) {
  const std::string name = lower(trim(raw));
  for (const auto& e : engines) {
    if (name == e.name) return std::string(e.name);
    for (auto alias : e.aliases)
      if (!alias.empty() && name == alias) return std::string(e.name);
  }
  return {};
}

std::vector<std::string> engine_names() {
  std::vector<std::string> out;
  for (const auto& e : engines) out.emplace_back(e.name);
  return out;
}

std::vector<std::string> engine_spellings() {
  std::vector<std::string> out;
  for (const auto& e : engines) {
    out.emplace_back(e.name);
    for (auto alias : e.aliases)
      if (!alias.empty()) out.emplace_back(alias);
  }
  return out;
}

std::vector<std::string> canonical_engines(const std::vector<std::string>& raw, std::vector<std::string>& unknown) {
  std::vector<std::string> named;
  for (const auto& r : raw) {
    std::string c = canonical_engine(r);
    if (c.empty()) unknown.push_back(r);
    else named.push_back(std::move(c));
  }
  std::vector<std::string> out;
  for (const auto& e : engines)
    if (std::find(named.begin(), named.end(), e.name) != named.end()) out.emplace_back(e.name);
  return out;
}

std::string engine_list(std::string_view separator) { return join(engine_names(), separator); }

}  // namespace sf::model
