#pragma once
// Values crossing the driver boundary: parameters bound to statements and the
// cells of results. Timestamps travel as ISO-8601 text; the typed layers above
// (generated repositories) convert them. Decimals travel as text, exactly.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace sf::db {

using Bytes = std::vector<std::byte>;
using Value = std::variant<std::nullptr_t, std::int64_t, double, bool, std::string, Bytes>;

[[nodiscard]] inline bool is_null(const Value& v) { return std::holds_alternative<std::nullptr_t>(v); }

// A result: column names and rows of values.
struct Result {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  std::int64_t affected_rows = 0;

  [[nodiscard]] bool empty() const { return rows.empty(); }
  [[nodiscard]] std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (columns[i] == name) return i;
    throw std::out_of_range("result has no column '" + name + "'");
  }
  // The single value of a one-row, one-column result (e.g. SELECT COUNT(*)).
  [[nodiscard]] const Value& scalar() const {
    if (rows.empty() || rows.front().empty()) throw std::out_of_range("result has no rows");
    return rows.front().front();
  }
};

// Conversions that tolerate how each driver reports a type (an integer may
// come back as text from one engine and as int64 from another).
[[nodiscard]] std::int64_t as_int(const Value& v);
[[nodiscard]] double as_double(const Value& v);
[[nodiscard]] bool as_bool(const Value& v);
[[nodiscard]] std::string as_string(const Value& v);
[[nodiscard]] Bytes as_bytes(const Value& v);
[[nodiscard]] std::optional<std::string> as_optional_string(const Value& v);

}  // namespace sf::db
