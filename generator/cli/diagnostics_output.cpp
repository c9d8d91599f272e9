#include "generator/cli/diagnostics_output.hpp"

#include <iostream>

namespace sf::cli {

void print_diagnostics(const model::Diagnostics& d, bool verbose) {
  for (const auto& item : d.items())
    if (verbose || item.severity != model::Severity::note) std::cerr << item.str() << "\n";
}

nlohmann::ordered_json diagnostics_json(const model::Diagnostics& d) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const auto& item : d.items()) {
    nlohmann::ordered_json o;
    o["severity"] = model::to_string(item.severity);
    o["file"] = item.loc.file;
    o["line"] = item.loc.line;
    o["message"] = item.message;
    if (!item.rule.empty()) o["rule"] = item.rule;
    a.push_back(o);
  }
  return a;
}

}  // namespace sf::cli
