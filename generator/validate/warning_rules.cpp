#include "generator/validate/warning_rules.hpp"

#include <algorithm>

#include "generator/model/strings.hpp"

namespace sf::validate {

void warn(model::Diagnostics& diags, const model::Table& t, model::SourceLoc loc, std::string message,
          std::string_view rule_name) {
  if (std::find(t.allow.begin(), t.allow.end(), rule_name) != t.allow.end()) return;
  diags.warning(std::move(loc), std::move(message), std::string(rule_name));
}

void check_allowed_rules(const model::Schema& schema, model::Diagnostics& diags) {
  std::vector<std::string> known(warning_rules.begin(), warning_rules.end());
  for (const auto& t : schema.tables)
    for (const auto& a : t.allow)
      if (std::find(known.begin(), known.end(), a) == known.end())
        diags.error(t.loc, "table '" + t.name + "' allows '" + a + "', which is no warning rule (known: " + model::join(known) + ")");
}

}  // namespace sf::validate
