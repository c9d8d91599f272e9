// PostgreSQL through libpqxx 6.4. Parameters travel in text format (bytea as
// \x hex), results are read by column type OID. The session runs in UTC so
// TIMESTAMPTZ text is the same on every machine.
#include <pqxx/pqxx>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "runtime/db/drivers.hpp"
#include "runtime/db/io_deadline.hpp"
#include "runtime/db/statement_cache.hpp"

namespace sf::db {
namespace {

// A bound parameter in libpq's text format, or NULL.
struct PgParam {
  bool null = true;
  std::string text;
};

}  // namespace
}  // namespace sf::db

namespace pqxx {
template <> struct string_traits<sf::db::PgParam> {
  static constexpr const char* name() noexcept { return "sf::db::PgParam"; }
  static constexpr bool has_null() noexcept { return true; }
  static bool is_null(const sf::db::PgParam& p) { return p.null; }
  static sf::db::PgParam null() { return {}; }
  static void from_string(const char* s, sf::db::PgParam& p) { p = {false, s}; }
  static std::string to_string(const sf::db::PgParam& p) { return p.text; }
};
}  // namespace pqxx

namespace sf::db {
namespace {

constexpr pqxx::oid oid_bool = 16, oid_bytea = 17, oid_int8 = 20, oid_int2 = 21, oid_int4 = 23, oid_float4 = 700,
                    oid_float8 = 701;

PgParam to_param(const Value& v) {
  static const char* hex = "0123456789abcdef";
  return std::visit(
      [](const auto& x) -> PgParam {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) return {};
        else if constexpr (std::is_same_v<T, std::int64_t>) return {false, std::to_string(x)};
        else if constexpr (std::is_same_v<T, bool>) return {false, x ? "true" : "false"};
        else if constexpr (std::is_same_v<T, double>) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.17g", x);
          return {false, buf};
        } else if constexpr (std::is_same_v<T, std::string>) return {false, x};
        else {
          std::string s = "\\x";
          for (std::byte b : x) {
            s += hex[std::to_integer<int>(b) >> 4];
            s += hex[std::to_integer<int>(b) & 0xF];
          }
          return {false, s};
        }
      },
      v);
}

Value from_field(const pqxx::field& f, pqxx::oid type) {
  if (f.is_null()) return nullptr;
  switch (type) {
    case oid_int2:
    case oid_int4:
    case oid_int8: return f.as<std::int64_t>();
    case oid_bool: return f.as<bool>();
    case oid_float4:
    case oid_float8: return f.as<double>();
    case oid_bytea: {
      pqxx::binarystring b(f);
      Bytes out(b.size());
      for (std::size_t i = 0; i < b.size(); ++i) out[i] = static_cast<std::byte>(b.data()[i]);
      return out;
    }
    default: return std::string(f.c_str(), f.size());
  }
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const Dsn& dsn) : Connection(dsn), conn_(open(dsn)) {
    // libpqxx 6 reopens a broken connection behind the caller's back, which
    // would lose this session's state (the UTC time zone below, a half-done
    // transaction) and hide the outage: a lost connection stays lost, and
    // its owner opens a new one and says so (runtime/jobs/worker.cpp).
    conn_->inhibit_reactivation(true);
    run([&] {
      pqxx::nontransaction t(*conn_);
      t.exec("SET TIME ZONE 'UTC'");
    });
  }
  ~PostgresConnection() override { closing_ = true; }

  using Connection::query;
  Engine engine() const override { return Engine::postgres; }

  void execute(std::string_view sql) override {
    run([&] {
      if (tx_) {
        tx_->exec(std::string(sql));
      } else {
        pqxx::nontransaction t(*conn_);
        t.exec(std::string(sql));
      }
    });
  }

  Result query(std::string_view sql, std::span<const Value> params) override {
    Result out;
    run([&] {
      const std::string& name = prepared_name(sql);
      std::vector<PgParam> ps;
      ps.reserve(params.size());
      for (const auto& p : params) ps.push_back(to_param(p));
      auto exec = [&](pqxx::transaction_base& t) { return t.exec_prepared(name, pqxx::prepare::make_dynamic_params(ps)); };
      pqxx::result r;
      if (tx_) {
        r = exec(*tx_);
      } else {
        pqxx::nontransaction t(*conn_);
        r = exec(t);
      }
      const auto ncols = static_cast<std::size_t>(r.columns());
      out.columns.reserve(ncols);
      std::vector<pqxx::oid> types(ncols);
      for (std::size_t c = 0; c < ncols; ++c) {
        out.columns.emplace_back(r.column_name(static_cast<pqxx::row::size_type>(c)));
        types[c] = r.column_type(static_cast<pqxx::row::size_type>(c));
      }
      out.rows.reserve(r.size());
      for (const auto& row : r) {
        std::vector<Value> values;
        values.reserve(ncols);
        for (std::size_t c = 0; c < ncols; ++c) values.push_back(from_field(row[static_cast<pqxx::row::size_type>(c)], types[c]));
        out.rows.push_back(std::move(values));
      }
      out.affected_rows = static_cast<std::int64_t>(r.affected_rows());
    });
    return out;
  }

  std::int64_t last_insert_id() override {
    return as_int(query("SELECT lastval()", std::span<const Value>{}).scalar());
  }

  void begin() override {
    if (tx_) throw DbError("a transaction is already open on this connection", "25001", false);
    run([&] { tx_ = std::make_unique<pqxx::work>(*conn_); });
  }
  void commit() override {
    if (!tx_) return;
    auto tx = std::move(tx_);
    run([&] { tx->commit(); });
  }
  void rollback() override {
    if (!tx_) return;
    auto tx = std::move(tx_);
    run([&] { tx->abort(); });
  }
  bool in_transaction() const override { return tx_ != nullptr; }
  bool alive() override {
    try {
      IoDeadline deadline(conn_->sock(), dsn_.read_timeout);
      pqxx::nontransaction t(*conn_);
      t.exec("SELECT 1");
      return true;
    } catch (...) {
      return false;
    }
  }

 private:
  static std::unique_ptr<pqxx::connection> open(const Dsn& dsn) {
    // Quote each conninfo value so spaces or quotes in a password cannot break out.
    auto kv = [](const char* k, const std::string& v) {
      std::string out = std::string(k) + "='";
      for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      return out + "' ";
    };
    std::string conninfo = kv("host", dsn.host) + kv("port", std::to_string(dsn.port)) + kv("dbname", dsn.database) +
                           kv("user", dsn.user) + kv("password", dsn.password) + kv("connect_timeout", "10") +
                           kv("application_name", "schemaforge");
    for (const auto& [k, v] : dsn.options) conninfo += kv(k.c_str(), v);
    try {
      return std::make_unique<pqxx::connection>(conninfo);
    } catch (const std::exception& e) {
      std::string why = redact_secrets(e.what(), dsn);
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
      std::string state = why.find("password authentication failed") != std::string::npos ? "28P01" : "08001";
      throw_for_sqlstate(state, "cannot connect to " + dsn.redacted() + ": " + why);
    }
  }

  bool listen(const std::string& channel) override {
    run([&] { receivers_.push_back(std::make_unique<Receiver>(*conn_, channel, notified_)); });
    return true;
  }

  bool wait_for_notification(std::chrono::milliseconds timeout) override {
    if (receivers_.empty()) return false;
    if (notified_ == 0) {  // a notification may have arrived during an earlier statement
      // libpqxx hands a negative timeout to poll(), which then waits forever.
      const auto us = std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::microseconds>(timeout).count());
      run(
          [&] {
            conn_->get_notifs();
            if (notified_ == 0) conn_->await_notification(static_cast<long>(us / 1'000'000), static_cast<long>(us % 1'000'000));
          },
          Wait::unbounded);  // waiting here is the point, not a server that stopped answering
    }
    const bool got = notified_ > 0;
    notified_ = 0;
    return got;
  }

  // Counts notifications on one channel; libpqxx issues the LISTEN.
  struct Receiver final : pqxx::notification_receiver {
    Receiver(pqxx::connection_base& c, const std::string& channel, int& count) : notification_receiver(c, channel), count_(count) {}
    void operator()(const std::string&, int) override { ++count_; }
    int& count_;
  };

  const std::string& prepared_name(std::string_view sql) {
    if (const std::string* cached = prepared_.find(sql)) return *cached;
    std::string name = "sf_" + std::to_string(next_statement_++);  // never reused, even after an eviction
    conn_->prepare(name, std::string(sql));
    // DEALLOCATE fails inside an aborted transaction: evict outside transactions only.
    return prepared_.insert(std::string(sql), std::move(name), !tx_);
  }

  enum class Wait { bounded, unbounded };

  // Runs one call into libpqxx, with the DSN's read_timeout as its deadline,
  // and turns libpqxx's errors into ours.
  template <typename F>
  void run(F&& f, Wait wait = Wait::bounded) {
    IoDeadline deadline(wait == Wait::bounded ? conn_->sock() : -1, dsn_.read_timeout);
    try {
      f();
    } catch (const pqxx::broken_connection& e) {
      tx_.reset();
      const std::string why = deadline.fired() ? no_reply() : redact_secrets(e.what(), dsn_);
      throw ConnectionLost("connection to " + dsn_.redacted() + " lost: " + why, "08006", true);
    } catch (const pqxx::sql_error& e) {
      // A failed statement aborts a PostgreSQL transaction; keep the object
      // so the caller's rollback() closes it, as with the other engines.
      std::string msg = redact_secrets(e.what(), dsn_);
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      throw_for_sqlstate(e.sqlstate(), msg);
    } catch (const pqxx::in_doubt_error& e) {
      // The deadline may cut the COMMIT itself: say so, not only libpqxx's "connection lost while committing".
      tx_.reset();
      throw ConnectionLost("commit outcome unknown: " + (deadline.fired() ? no_reply() : redact_secrets(e.what(), dsn_)), "08007", true);
    }
  }

  // Why a call the watchdog cut short failed.
  [[nodiscard]] std::string no_reply() const {
    return "no reply within " + std::to_string(dsn_.read_timeout.count()) + " ms (the DSN's read_timeout)";
  }

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> tx_;
  std::uint64_t next_statement_ = 0;
  bool closing_ = false;  // the server drops every statement with the session: no DEALLOCATE then
  StatementCache<std::string> prepared_{statement_cache_capacity, [this](std::string& name) {
                                          if (closing_) return;
                                          try {
                                            conn_->unprepare(name);
                                          } catch (const std::exception&) {  // left on the server until the session ends
                                          }
                                        }};
  int notified_ = 0;
  std::vector<std::unique_ptr<Receiver>> receivers_;  // declared after conn_: destroyed first, as libpqxx requires
};

}  // namespace

std::unique_ptr<Connection> connect_postgres(const Dsn& dsn) { return std::make_unique<PostgresConnection>(dsn); }

}  // namespace sf::db
