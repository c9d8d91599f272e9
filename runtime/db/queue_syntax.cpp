#include "runtime/db/queue_syntax.hpp"

namespace sf::db {

std::string QueueSyntax::quote(std::string_view identifier) const {
  const char q = quote_char();
  std::string out(1, q);
  for (char c : identifier) {
    if (c == q) out += q;
    out += c;
  }
  out += q;
  return out;
}

std::string QueueSyntax::literal(std::string_view text) const {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += c;
    out += c;
  }
  return out + "'";
}

const QueueSyntax& queue_syntax(Engine e) {
  switch (e) {
    case Engine::postgres: return detail::postgres_queue_syntax();
    case Engine::mysql: return detail::mysql_queue_syntax();
    case Engine::sqlite: break;
  }
  return detail::sqlite_queue_syntax();
}

}  // namespace sf::db
