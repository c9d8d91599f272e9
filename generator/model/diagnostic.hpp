#pragma once
// Diagnostics shared by every room: what went wrong, where, and how bad.
#include <string>
#include <vector>

#include "generator/model/source_location.hpp"

namespace sf::model {

enum class Severity { note, warning, error };

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLoc loc;
  std::string message;
  std::string rule = {};  // a warning's name ("reserved-word"), which a table can `allow`; "" for none

  // "file:line: error: message [rule]" — the format compilers use, so editors jump to it.
  [[nodiscard]] std::string str() const;
};

[[nodiscard]] const char* to_string(Severity s);

class Diagnostics {
 public:
  void error(SourceLoc loc, std::string message) { add(Severity::error, std::move(loc), std::move(message)); }
  void warning(SourceLoc loc, std::string message) { add(Severity::warning, std::move(loc), std::move(message)); }
  void warning(SourceLoc loc, std::string message, std::string rule) {
    items_.push_back({Severity::warning, std::move(loc), std::move(message), std::move(rule)});
  }
  void note(SourceLoc loc, std::string message) { add(Severity::note, std::move(loc), std::move(message)); }
  void add(Severity s, SourceLoc loc, std::string message) {
    items_.push_back({s, std::move(loc), std::move(message)});
  }
  void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

  [[nodiscard]] bool has_errors() const;
  [[nodiscard]] std::size_t count(Severity s) const;
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] bool empty() const { return items_.empty(); }
  // Stable order for output: by file, line, then severity (errors first) and text.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace sf::model
