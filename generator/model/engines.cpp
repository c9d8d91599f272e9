#include "generator/model/engines.hpp"

#include "generator/model/strings.hpp"

namespace sf::model {

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

std::string engine_list(std::string_view separator) { return join(engine_names(), separator); }

}  // namespace sf::model
