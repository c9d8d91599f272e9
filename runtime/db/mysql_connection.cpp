// MySQL 8.0 and MariaDB >= 10.6 through mysql-connector-c++ 1.1 (the
// JDBC-style API). The session runs in UTC with utf8mb4, so DATETIME values
// are UTC instants and text round-trips every character.
#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <chrono>
#include <iterator>
#include <mutex>
#include <sstream>

#include "runtime/db/drivers.hpp"
#include "runtime/db/statement_cache.hpp"

namespace sf::db {
namespace {

// The MySQL error numbers we classify; everything else keeps its SQLSTATE.
std::string state_for(const sql::SQLException& e) {
  switch (e.getErrorCode()) {
    case 1062: case 1586: return "23505";               // duplicate key
    case 1451: case 1452: case 1216: case 1217: return "23503";  // FK parent/child
    case 3819: case 4025: return "23514";               // CHECK (MySQL, MariaDB)
    case 1048: case 1364: return "23502";               // NOT NULL / no default
    case 1213: return "40001";                           // deadlock
    case 1205: return "HYT00";                           // lock wait timeout
    case 2006: case 2013: case 2002: case 2003: case 4031: return "08006";  // gone away / cannot connect
    case 1045: return "28000";                           // access denied
    case 1290: case 1836: case 1792: return "25006";     // read_only / read-only mode or transaction
    case 1021: case 1114: return "53100";                // disk full / table full
    case 1064: return "42000";                           // syntax
    default: return e.getSQLStateCStr() ? e.getSQLStateCStr() : "HY000";
  }
}

class MysqlConnection final : public Connection {
 public:
  explicit MysqlConnection(const Dsn& dsn) : Connection(dsn) {
    try {
      // get_driver_instance() is not thread-safe on first use.
      static std::mutex driver_mutex;
      sql::mysql::MySQL_Driver* driver;
      {
        std::lock_guard<std::mutex> lock(driver_mutex);
        driver = sql::mysql::get_mysql_driver_instance();
      }
      sql::ConnectOptionsMap opts;
      opts["hostName"] = sql::SQLString("tcp://" + dsn.host + ":" + std::to_string(dsn.port));
      opts["userName"] = sql::SQLString(dsn.user);
      opts["password"] = sql::SQLString(dsn.password);
      opts["schema"] = sql::SQLString(dsn.database);
      opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
      opts["OPT_CONNECT_TIMEOUT"] = 10;
      opts["OPT_RECONNECT"] = false;
      if (dsn.read_timeout.count() > 0) {  // whole seconds: the connector's unit
        const int seconds = static_cast<int>((dsn.read_timeout.count() + 999) / 1000);
        opts["OPT_READ_TIMEOUT"] = seconds;
        opts["OPT_WRITE_TIMEOUT"] = seconds;
      }
      // Affected rows count rows matched, not rows changed, as on the other
      // engines: an UPDATE that writes the values already there still "found" its row.
      opts["CLIENT_FOUND_ROWS"] = true;  // a silent reconnect would lose session state mid-transaction
      conn_.reset(driver->connect(opts));
      std::unique_ptr<sql::Statement> st(conn_->createStatement());
      st->execute("SET time_zone = '+00:00', NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
    } catch (const sql::SQLException& e) {
      std::string state = state_for(e);
      throw_for_sqlstate(state == "23505" ? "08001" : state,
                         "cannot connect to " + dsn.redacted() + ": " + redact_secrets(e.what(), dsn));
    }
  }

  using Connection::query;
  Engine engine() const override { return Engine::mysql; }

  void execute(std::string_view sql) override {
    run([&] {
      std::unique_ptr<sql::Statement> st(conn_->createStatement());
      // A statement that returns rows must have them read, or the protocol
      // is out of sync ("Commands out of sync", error 2014) for the next one.
      if (st->execute(sql::SQLString(std::string(sql)))) {
        std::unique_ptr<sql::ResultSet> rs(st->getResultSet());
        while (rs->next()) {
        }
      }
    });
  }

  Result query(std::string_view sql, std::span<const Value> params) override {
    Result out;
    if (params.empty()) {
      // The text protocol: connector 1.1 binds prepared results into buffers
      // sized to each column's maximum length, which for LONGTEXT catalogue
      // columns costs megabytes per row and seconds per query.
      run([&] {
        std::unique_ptr<sql::Statement> st(conn_->createStatement());
        if (!st->execute(sql::SQLString(std::string(sql)))) {
          out.affected_rows = static_cast<std::int64_t>(st->getUpdateCount());
          return;
        }
        std::unique_ptr<sql::ResultSet> rs(st->getResultSet());
        read_all(*rs, out);
      });
      return out;
    }
    run([&] {
      sql::PreparedStatement& ps = prepared(sql);
      std::vector<std::unique_ptr<std::istringstream>> blobs;  // alive until execute()
      for (std::size_t i = 0; i < params.size(); ++i) {
        const auto idx = static_cast<unsigned int>(i + 1);
        std::visit(
            [&](const auto& x) {
              using T = std::decay_t<decltype(x)>;
              if constexpr (std::is_same_v<T, std::nullptr_t>) ps.setNull(idx, sql::DataType::VARCHAR);
              else if constexpr (std::is_same_v<T, std::int64_t>) ps.setInt64(idx, x);
              else if constexpr (std::is_same_v<T, bool>) ps.setBoolean(idx, x);
              else if constexpr (std::is_same_v<T, double>) ps.setDouble(idx, x);
              else if constexpr (std::is_same_v<T, std::string>) ps.setString(idx, sql::SQLString(x));
              else {
                blobs.push_back(std::make_unique<std::istringstream>(
                    std::string(reinterpret_cast<const char*>(x.data()), x.size()), std::ios::binary));
                ps.setBlob(idx, blobs.back().get());
              }
            },
            params[i]);
      }
      // Connector 1.1 has no update count for prepared statements: the
      // statement's result metadata says whether it returns rows.
      if (ps.getMetaData()->getColumnCount() == 0) {
        out.affected_rows = ps.executeUpdate();
        return;
      }
      std::unique_ptr<sql::ResultSet> rs(ps.executeQuery());
      read_all(*rs, out);
    });
    return out;
  }

  // A prepared statement (cached like any other): the text protocol would
  // build a new Statement object for every insert.
  std::int64_t last_insert_id() override {
    std::int64_t id = 0;
    run([&] {
      std::unique_ptr<sql::ResultSet> rs(prepared("SELECT LAST_INSERT_ID()").executeQuery());
      if (rs->next()) id = static_cast<std::int64_t>(rs->getInt64(1));
    });
    return id;
  }

  void begin() override {
    if (in_tx_) throw DbError("a transaction is already open on this connection", "25001", false);
    execute("START TRANSACTION");
    in_tx_ = true;
  }
  void commit() override {
    if (!in_tx_) return;
    in_tx_ = false;
    execute("COMMIT");
  }
  void rollback() override {
    if (!in_tx_) return;
    in_tx_ = false;
    execute("ROLLBACK");
  }
  bool in_transaction() const override { return in_tx_; }
  bool alive() override {
    try {
      return conn_->isValid();
    } catch (...) {
      return false;
    }
  }

 private:
  static void read_all(sql::ResultSet& rs, Result& out) {
    sql::ResultSetMetaData* md = rs.getMetaData();
    const unsigned int n = md->getColumnCount();
    std::vector<int> types(n);
    for (unsigned int c = 1; c <= n; ++c) {
      out.columns.emplace_back(md->getColumnLabel(c).asStdString());
      types[c - 1] = md->getColumnType(c);
    }
    while (rs.next()) {
      std::vector<Value> row;
      row.reserve(n);
      for (unsigned int c = 1; c <= n; ++c) row.push_back(read(rs, c, types[c - 1]));
      out.rows.push_back(std::move(row));
    }
  }

  static Value read(sql::ResultSet& rs, unsigned int c, int type) {
    if (rs.isNull(c)) return nullptr;
    switch (type) {
      case sql::DataType::BIT:
      case sql::DataType::TINYINT:
      case sql::DataType::SMALLINT:
      case sql::DataType::MEDIUMINT:
      case sql::DataType::INTEGER:
      case sql::DataType::BIGINT: return static_cast<std::int64_t>(rs.getInt64(c));
      case sql::DataType::REAL:
      case sql::DataType::DOUBLE: return static_cast<double>(rs.getDouble(c));
      case sql::DataType::BINARY:
      case sql::DataType::VARBINARY:
      case sql::DataType::LONGVARBINARY: {
        std::unique_ptr<std::istream> in(rs.getBlob(c));
        std::string raw((std::istreambuf_iterator<char>(*in)), std::istreambuf_iterator<char>());
        Bytes out(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) out[i] = static_cast<std::byte>(raw[i]);
        return out;
      }
      default: return rs.getString(c).asStdString();
    }
  }

  sql::PreparedStatement& prepared(std::string_view sql) {
    if (auto* cached = prepared_.find(sql)) return **cached;
    std::string key(sql);
    std::unique_ptr<sql::PreparedStatement> ps(conn_->prepareStatement(sql::SQLString(key)));
    return *prepared_.insert(std::move(key), std::move(ps));
  }

  template <typename F>
  void run(F&& f) {
    const auto started = std::chrono::steady_clock::now();
    try {
      f();
    } catch (const sql::SQLException& e) {
      std::string state = state_for(e);
      if (state.rfind("08", 0) == 0) in_tx_ = false;
      if (e.getErrorCode() == 2013 && dsn_.read_timeout.count() > 0 &&
          std::chrono::steady_clock::now() - started >= dsn_.read_timeout)
        throw ConnectionLost("connection to " + dsn_.redacted() + " lost: no reply within " +
                                 std::to_string(dsn_.read_timeout.count()) + " ms (the DSN's read_timeout)",
                             state, true);
      throw_for_sqlstate(state, redact_secrets(e.what(), dsn_) + " (MySQL error " + std::to_string(e.getErrorCode()) + ")");
    }
  }

  // Statements must die before their connection: declared after conn_.
  std::unique_ptr<sql::Connection> conn_;
  // Deleting a statement closes it on the server (COM_STMT_CLOSE, no reply).
  StatementCache<std::unique_ptr<sql::PreparedStatement>> prepared_{statement_cache_capacity,
                                                                     [](std::unique_ptr<sql::PreparedStatement>& ps) { ps.reset(); }};
  bool in_tx_ = false;
};

}  // namespace

std::unique_ptr<Connection> connect_mysql(const Dsn& dsn) { return std::make_unique<MysqlConnection>(dsn); }

}  // namespace sf::db
