#pragma once
// One exception hierarchy for the three drivers. Each error carries the
// SQLSTATE (SQLite's codes are mapped to the standard classes), says whether
// retrying the transaction may succeed, and never contains a password.
#include <stdexcept>
#include <string>

namespace sf::db {

class DbError : public std::runtime_error {
 public:
  DbError(const std::string& message, std::string sqlstate, bool retryable)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), retryable_(retryable) {}
  [[nodiscard]] const std::string& sqlstate() const { return sqlstate_; }
  // Deadlocks, serialization failures, lock timeouts and lost connections.
  [[nodiscard]] bool retryable() const { return retryable_; }

 private:
  std::string sqlstate_;
  bool retryable_;
};

struct ConstraintViolation : DbError { using DbError::DbError; };
struct UniqueViolation : ConstraintViolation { using ConstraintViolation::ConstraintViolation; };
struct ForeignKeyViolation : ConstraintViolation { using ConstraintViolation::ConstraintViolation; };
struct CheckViolation : ConstraintViolation { using ConstraintViolation::ConstraintViolation; };
struct NotNullViolation : ConstraintViolation { using ConstraintViolation::ConstraintViolation; };
struct SerializationFailure : DbError { using DbError::DbError; };  // deadlock, serialization, lock timeout
struct ConnectionLost : DbError { using DbError::DbError; };
// The server takes no writes for now: read-only (PostgreSQL
// default_transaction_read_only, MariaDB read_only, a read-only SQLite
// file) or out of disk space. Not retryable on the spot: wait for the cause
// to go (SQLSTATE 25006, 53100).
struct WritesRefused : DbError { using DbError::DbError; };
struct AuthenticationFailed : DbError { using DbError::DbError; };
struct SyntaxError : DbError { using DbError::DbError; };

// Throws the DbError subclass that SQLSTATE `state` names.
[[noreturn]] void throw_for_sqlstate(const std::string& state, const std::string& message);

}  // namespace sf::db
