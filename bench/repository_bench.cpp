// Single-row insert and find-by-key through the generated UserRepository,
// beside hand-written driver code running the same statements (libpqxx 6 on
// PostgreSQL, mysql-connector-c++ 1.1 on MariaDB), in the same run, rounds
// alternating so both see the same server state. Target: overhead under 10%.
//
//   bench_repository [rows-per-round]      (servers: scripts/test-servers.sh env)
#include <fmt/format.h>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>
#include <pqxx/pqxx>


#include "bench/bench_util.hpp"
#include "bench/spec_database.hpp"
#include "generated/cpp/users.hpp"
#include "runtime/db/connection.hpp"

using namespace sf;

namespace {

// What a careful hand-written row type looks like: the same columns, read as the driver gives them.
struct RawUser {
  std::int64_t id = 0;
  std::string email, display_name, role, created_at, updated_at;
  bool is_active = false;
  std::optional<std::string> deleted_at;
};

struct Timing {
  double insert_s = 0, find_s = 0;
};

Timing run_generated(db::Connection& c, int n, int round) {
  gen::UserRepository users(c);
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(n));
  auto t = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i)
    ids.push_back(users.insert({.email = fmt::format("g{}-{}@example.com", round, i), .display_name = "Generated"}));
  Timing out;
  out.insert_s = bench::seconds_since(t);
  t = std::chrono::steady_clock::now();
  std::size_t found = 0;
  for (auto id : ids) found += users.find(id).has_value() ? 1 : 0;
  out.find_s = bench::seconds_since(t);
  if (found != ids.size()) throw std::runtime_error("generated: rows missing");
  return out;
}

Timing run_libpqxx(pqxx::connection& conn, int n, int round) {
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(n));
  auto t = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    pqxx::nontransaction w(conn);
    auto r = w.exec_prepared("raw_insert", fmt::format("r{}-{}@example.com", round, i), "Raw");
    ids.push_back(r[0][0].as<std::int64_t>());
  }
  Timing out;
  out.insert_s = bench::seconds_since(t);
  t = std::chrono::steady_clock::now();
  std::size_t found = 0;
  for (auto id : ids) {
    pqxx::nontransaction w(conn);
    auto r = w.exec_prepared("raw_find", id);
    if (r.empty()) continue;
    RawUser u;
    u.id = r[0][0].as<std::int64_t>();
    u.email = r[0][1].as<std::string>();
    u.display_name = r[0][2].as<std::string>();
    u.role = r[0][3].as<std::string>();
    u.is_active = r[0][4].as<bool>();
    u.created_at = r[0][5].as<std::string>();
    u.updated_at = r[0][6].as<std::string>();
    if (!r[0][7].is_null()) u.deleted_at = r[0][7].as<std::string>();
    ++found;
  }
  out.find_s = bench::seconds_since(t);
  if (found != ids.size()) throw std::runtime_error("libpqxx: rows missing");
  return out;
}

Timing run_connector(sql::Connection& conn, int n, int round) {
  std::unique_ptr<sql::PreparedStatement> insert(conn.prepareStatement("INSERT INTO users (email, display_name) VALUES (?, ?)"));
  std::unique_ptr<sql::PreparedStatement> last_id(conn.prepareStatement("SELECT LAST_INSERT_ID()"));
  std::unique_ptr<sql::PreparedStatement> find(conn.prepareStatement(
      "SELECT id, email, display_name, role, is_active, created_at, updated_at, deleted_at FROM users WHERE id = ?"));
  std::vector<std::int64_t> ids;
  ids.reserve(static_cast<std::size_t>(n));
  auto t = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    insert->setString(1, fmt::format("r{}-{}@example.com", round, i));
    insert->setString(2, "Raw");
    insert->executeUpdate();
    std::unique_ptr<sql::ResultSet> rs(last_id->executeQuery());
    rs->next();
    ids.push_back(static_cast<std::int64_t>(rs->getInt64(1)));
  }
  Timing out;
  out.insert_s = bench::seconds_since(t);
  t = std::chrono::steady_clock::now();
  std::size_t found = 0;
  for (auto id : ids) {
    find->setInt64(1, id);
    std::unique_ptr<sql::ResultSet> rs(find->executeQuery());
    if (!rs->next()) continue;
    RawUser u;
    u.id = static_cast<std::int64_t>(rs->getInt64(1));
    u.email = std::string(rs->getString(2));
    u.display_name = std::string(rs->getString(3));
    u.role = std::string(rs->getString(4));
    u.is_active = rs->getBoolean(5);
    u.created_at = std::string(rs->getString(6));
    u.updated_at = std::string(rs->getString(7));
    if (!rs->isNull(8)) u.deleted_at = std::string(rs->getString(8));
    ++found;
  }
  out.find_s = bench::seconds_since(t);
  if (found != ids.size()) throw std::runtime_error("connector: rows missing");
  return out;
}

void report(const char* engine, const Timing& gen, const Timing& raw, int rows) {
  auto line = [&](const char* what, double g, double r) {
    fmt::print("{:<9} {:<7} generated {:>8.0f} ops/s   hand-written {:>8.0f} ops/s   overhead {:>+6.1f}%  (target < 10%)\n", engine,
               what, rows / g, rows / r, (g / r - 1.0) * 100.0);
  };
  line("insert", gen.insert_s, raw.insert_s);
  line("find", gen.find_s, raw.find_s);
}

}  // namespace

static int run(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 5000;
  const int rounds = 3;
  fmt::print("bench_repository: {} rows x {} rounds per side, single-row statements, one connection each\n", rows, rounds);

  {  // PostgreSQL: the generated repository vs libpqxx prepared statements
    db::Dsn d = bench::spec_database(db::Engine::postgres, "bench_repository");
    auto c = db::connect(d);
    pqxx::connection raw(fmt::format("host={} port={} user={} password={} dbname={}", d.host, d.port, d.user, d.password, d.database));
    raw.prepare("raw_insert", "INSERT INTO users (email, display_name) VALUES ($1, $2) RETURNING id");
    raw.prepare("raw_find", "SELECT id, email, display_name, role, is_active, created_at, updated_at, deleted_at FROM users WHERE id = $1");
    Timing g, r;
    for (int i = 0; i < rounds; ++i) {
      auto gi = run_generated(*c, rows, i);
      auto ri = run_libpqxx(raw, rows, i);
      g.insert_s += gi.insert_s, g.find_s += gi.find_s, r.insert_s += ri.insert_s, r.find_s += ri.find_s;
    }
    report("postgres", g, r, rows * rounds);
  }
  {  // MariaDB: the generated repository vs connector/C++ 1.1 prepared statements
    db::Dsn d = bench::spec_database(db::Engine::mysql, "bench_repository");
    auto c = db::connect(d);
    sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
    std::unique_ptr<sql::Connection> raw(
        driver->connect(fmt::format("tcp://{}:{}", d.host, d.port), d.user, d.password));
    raw->setSchema(d.database);
    std::unique_ptr<sql::Statement>(raw->createStatement())->execute("SET time_zone = '+00:00'");
    Timing g, r;
    for (int i = 0; i < rounds; ++i) {
      auto gi = run_generated(*c, rows, i);
      auto ri = run_connector(*raw, rows, i);
      g.insert_s += gi.insert_s, g.find_s += gi.find_s, r.insert_s += ri.insert_s, r.find_s += ri.find_s;
    }
    report("mariadb", g, r, rows * rounds);
  }
  fmt::print("peak RSS {:.1f} MiB\n", bench::peak_rss_mib());
  return 0;
}

int main(int argc, char** argv) {
  return sf::bench::guarded("bench_repository", [&] { return run(argc, argv); });
}
