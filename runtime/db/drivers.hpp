#pragma once
// The three driver implementations; only connection.cpp needs these.
#include <memory>

#include "runtime/db/connection.hpp"

namespace sf::db {

std::unique_ptr<Connection> connect_postgres(const Dsn& dsn);
std::unique_ptr<Connection> connect_mysql(const Dsn& dsn);
std::unique_ptr<Connection> connect_sqlite(const Dsn& dsn);

}  // namespace sf::db
