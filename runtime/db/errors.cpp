#include "runtime/db/errors.hpp"

namespace sf::db {

void throw_for_sqlstate(const std::string& state, const std::string& message) {
  const std::string m = message + (state.empty() ? "" : " [SQLSTATE " + state + "]");
  if (state == "23505") throw UniqueViolation(m, state, false);
  if (state == "23503") throw ForeignKeyViolation(m, state, false);
  if (state == "23514") throw CheckViolation(m, state, false);
  if (state == "23502") throw NotNullViolation(m, state, false);
  if (state.rfind("23", 0) == 0) throw ConstraintViolation(m, state, false);
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "HYT00") throw SerializationFailure(m, state, true);
  if (state.rfind("08", 0) == 0 || state == "57P01") throw ConnectionLost(m, state, true);
  if (state == "28000" || state == "28P01") throw AuthenticationFailed(m, state, false);
  if (state == "25006" || state == "53100")
    throw WritesRefused("the database refuses writes (read-only, or out of disk space): " + m, state, false);
  if (state == "42601" || state == "42000") throw SyntaxError(m, state, false);
  throw DbError(m, state, false);
}

}  // namespace sf::db
