#pragma once
// Everything one database engine does differently lives behind this interface,
// one implementation per folder (postgres/, mysql/, sqlite/). Rooms outside
// generator/dialect never branch on the engine; they ask the dialect.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sf::dialect {

class Dialect {
 public:
  virtual ~Dialect() = default;

  // "postgres", "mysql" or "sqlite": the key used for per-dialect entries in the model.
  [[nodiscard]] virtual std::string_view name() const = 0;
  // Longest identifier the engine accepts, in bytes (0: no limit).
  [[nodiscard]] virtual std::size_t max_identifier_bytes() const = 0;
  // Reserved words from the engine's documentation, compared case-insensitively.
  [[nodiscard]] virtual bool is_reserved(std::string_view word) const = 0;

  // The identifier, quoted only when it needs it (reserved word, upper-case
  // letters on PostgreSQL, characters beyond [a-z0-9_], a leading digit).
  [[nodiscard]] std::string quote(std::string_view identifier) const;
  // Always quoted.
  [[nodiscard]] std::string quote_always(std::string_view identifier) const;

 protected:
  [[nodiscard]] virtual char quote_char() const = 0;
  // Whether a plain identifier may keep upper-case letters unquoted (PostgreSQL folds them).
  [[nodiscard]] virtual bool case_sensitive_unquoted() const { return false; }
};

// The dialect called `name` ("postgres"/"postgresql", "mysql"/"mariadb", "sqlite");
// throws std::invalid_argument naming the known ones otherwise.
[[nodiscard]] const Dialect& dialect_named(std::string_view name);
// postgres, mysql, sqlite: the order output is written in.
[[nodiscard]] const std::vector<const Dialect*>& all_dialects();

}  // namespace sf::dialect
