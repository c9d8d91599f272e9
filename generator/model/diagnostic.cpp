#include "generator/model/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace sf::model {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::string Diagnostic::str() const {
  std::string where = loc.str();
  std::string out = where.empty() ? std::string{} : where + ": ";
  out += to_string(severity);
  out += ": ";
  out += message;
  if (!rule.empty()) out += " [" + rule + "]";
  return out;
}

bool Diagnostics::has_errors() const { return count(Severity::error) > 0; }

std::size_t Diagnostics::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tuple(a.loc.file, a.loc.line, -static_cast<int>(a.severity), a.message) <
           std::tuple(b.loc.file, b.loc.line, -static_cast<int>(b.severity), b.message);
  });
}

}  // namespace sf::model
