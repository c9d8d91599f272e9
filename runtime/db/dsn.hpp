#pragma once
// Connection strings. One form per engine:
//   postgresql://user:pass@host:port/db?sslmode=disable   (also postgres://)
//   mysql://user:pass@host:port/db                         (also mariadb://)
//   sqlite:path/to/file.db   sqlite::memory:   sqlite:///abs/path.db
// One option is ours, not the driver's: read_timeout=30s (or 500ms, 2m; a
// bare number is seconds) bounds how long any one statement waits for the
// server's reply before the connection counts as lost — what JDBC calls
// socketTimeout. Without it a connection whose packets are dropped waits for
// the kernel to give up, which takes many minutes.
// Passwords never leave this type except to the driver: str() redacts them.
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sf::db {

enum class Engine { postgres, mysql, sqlite };
[[nodiscard]] const char* to_string(Engine e);

struct Dsn {
  Engine engine = Engine::sqlite;
  std::string user;
  std::string password;
  std::string host;
  int port = 0;
  std::string database;  // SQLite: the file path (or ":memory:")
  std::map<std::string, std::string> options;          // handed to the driver as they are
  std::chrono::milliseconds read_timeout{0};            // 0: wait as long as the kernel does

  // Throws std::invalid_argument with a message that never contains the password.
  [[nodiscard]] static Dsn parse(std::string_view text);
  // The DSN with the password replaced by "***": safe for logs and errors.
  [[nodiscard]] std::string redacted() const;
};

// Replaces the password of any DSN-looking text inside `message` with ***:
// the last line of defence for driver messages that echo what they were given.
[[nodiscard]] std::string redact_secrets(std::string message, const Dsn& dsn);

}  // namespace sf::db
