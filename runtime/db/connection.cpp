#include "runtime/db/connection.hpp"

#include "runtime/db/drivers.hpp"

namespace sf::db {

std::unique_ptr<Connection> connect(const Dsn& dsn) {
  switch (dsn.engine) {
    case Engine::postgres: return connect_postgres(dsn);
    case Engine::mysql: return connect_mysql(dsn);
    case Engine::sqlite: return connect_sqlite(dsn);
  }
  throw std::invalid_argument("unknown engine");
}

std::unique_ptr<Connection> connect(std::string_view dsn) { return connect(Dsn::parse(dsn)); }

}  // namespace sf::db
