#pragma once
// Splits a SQL script into statements at top-level semicolons, understanding
// '…' "…" `…` quoting (with doubled-quote and backslash escapes), PostgreSQL
// $tag$…$tag$ bodies, -- # and /* */ comments, and MySQL routine bodies
// (CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT … BEGIN … END) with or without the
// mysql client's DELIMITER lines.
// Each statement keeps the line it starts on, for file:line errors.
#include <string>
#include <string_view>
#include <vector>

namespace sf::migrate {

struct Statement {
  std::string sql;  // trimmed, without the terminating ';'
  int line = 1;     // 1-based line of the statement's first character
};

// Comment-only and empty pieces are dropped. Throws std::runtime_error naming
// the line when a quote, comment or dollar body is never closed.
[[nodiscard]] std::vector<Statement> split_statements(std::string_view script);

}  // namespace sf::migrate
