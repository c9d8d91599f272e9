// SQLite 3 through its C API: the embedded default. Foreign keys are enforced
// (PRAGMA foreign_keys = ON on every connection), a file database runs in WAL
// mode with a busy timeout so several processes can share it, and BEGIN
// IMMEDIATE takes the write lock up front so two writers never deadlock.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "runtime/db/drivers.hpp"
#include "runtime/db/statement_cache.hpp"

namespace sf::db {
namespace {

// SQLite's extended result codes, mapped to the SQLSTATE classes the other engines use.
std::string state_for(int extended) {
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return "23505";
    case SQLITE_CONSTRAINT_FOREIGNKEY: return "23503";
    case SQLITE_CONSTRAINT_CHECK: return "23514";
    case SQLITE_CONSTRAINT_NOTNULL: return "23502";
    default: break;
  }
  switch (extended & 0xFF) {
    case SQLITE_CONSTRAINT: return "23000";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "40001";
    case SQLITE_CANTOPEN: return "08001";
    case SQLITE_READONLY: return "25006";
    case SQLITE_FULL: return "53100";
    case SQLITE_ERROR: return "42000";
    default: return "HY000";
  }
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const Dsn& dsn) : Connection(dsn) {
    int rc = sqlite3_open_v2(dsn.database.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr);
    if (rc != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw_for_sqlstate("08001", "cannot open " + dsn.redacted() + ": " + why);
    }
    sqlite3_busy_handler(db_, &SqliteConnection::on_busy, nullptr);
    sqlite3_extended_result_codes(db_, 1);
    execute("PRAGMA foreign_keys = ON");
    if (dsn.database != ":memory:") {
      use_wal();
      // In WAL mode NORMAL syncs at checkpoints, not at every commit: a power
      // cut may lose the last commits but never corrupts the file (SQLite's
      // docs on WAL). For a job queue that means a job may run again, which
      // at-least-once delivery allows; a commit per job stays cheap.
      execute("PRAGMA synchronous = NORMAL");
    }
  }
  ~SqliteConnection() override {
    prepared_.clear();  // finalized before the close, or SQLite keeps the handle open
    sqlite3_close(db_);
  }

  using Connection::query;
  Engine engine() const override { return Engine::sqlite; }

  void execute(std::string_view sql) override {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw_for_sqlstate(state_for(sqlite3_extended_errcode(db_)), msg);
    }
  }

  Result query(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* st = prepared(sql);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      int rc = std::visit(
          [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) return sqlite3_bind_null(st, idx);
            else if constexpr (std::is_same_v<T, std::int64_t>) return sqlite3_bind_int64(st, idx, x);
            else if constexpr (std::is_same_v<T, bool>) return sqlite3_bind_int64(st, idx, x ? 1 : 0);
            else if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(st, idx, x);
            else if constexpr (std::is_same_v<T, std::string>)
              return sqlite3_bind_text64(st, idx, x.data(), x.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            // An empty vector's data() may be null, which SQLite binds as NULL, not as an empty blob.
            else if (x.empty()) return sqlite3_bind_zeroblob(st, idx, 0);
            else return sqlite3_bind_blob64(st, idx, x.data(), x.size(), SQLITE_TRANSIENT);
          },
          params[i]);
      if (rc != SQLITE_OK) fail(rc);
    }
    Result out;
    const int n = sqlite3_column_count(st);
    for (int c = 0; c < n; ++c) out.columns.emplace_back(sqlite3_column_name(st, c));
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        fail(rc);
      }
      std::vector<Value> row;
      row.reserve(static_cast<std::size_t>(n));
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_NULL: row.emplace_back(nullptr); break;
          case SQLITE_INTEGER: row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, c))); break;
          case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(st, c)); break;
          case SQLITE_BLOB: {
            const auto* p = static_cast<const std::byte*>(sqlite3_column_blob(st, c));
            row.emplace_back(Bytes(p, p + sqlite3_column_bytes(st, c)));
            break;
          }
          default:
            row.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c)),
                                         static_cast<std::size_t>(sqlite3_column_bytes(st, c))));
        }
      }
      out.rows.push_back(std::move(row));
    }
    out.affected_rows = sqlite3_changes64(db_);
    sqlite3_reset(st);
    return out;
  }

  std::int64_t last_insert_id() override { return sqlite3_last_insert_rowid(db_); }

  void begin() override {
    if (in_tx_) throw DbError("a transaction is already open on this connection", "25001", false);
    execute("BEGIN IMMEDIATE");
    in_tx_ = true;
  }
  void commit() override {
    if (!in_tx_) return;
    execute("COMMIT");
    in_tx_ = false;
  }
  void rollback() override {
    if (!in_tx_) return;
    in_tx_ = false;
    if (sqlite3_get_autocommit(db_) == 0) execute("ROLLBACK");
  }
  bool in_transaction() const override { return in_tx_; }
  bool alive() override { return db_ != nullptr; }

 private:
  // Switching a database to WAL needs an exclusive lock, and SQLite returns
  // SQLITE_BUSY for it without calling the busy handler, so processes opening
  // a new file together would fail at once. The mode is stored in the file:
  // skip the switch when it is already made, and retry it while busy.
  void use_wal() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    for (;;) {
      int rc = sqlite3_exec(db_, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) return;
      if ((rc & 0xFF) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) fail(rc);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  sqlite3_stmt* prepared(std::string_view sql) {
    if (sqlite3_stmt** cached = prepared_.find(sql)) return *cached;
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) fail(rc);
    return prepared_.insert(std::string(sql), st);
  }

  [[noreturn]] void fail(int) { throw_for_sqlstate(state_for(sqlite3_extended_errcode(db_)), sqlite3_errmsg(db_)); }

  static constexpr int busy_timeout_ms = 10000;

  // SQLite's own busy timeout sleeps 1, 2, 5, 10 … up to 100 ms between
  // tries, so a writer waiting on a lock that is held for 50 µs (a job
  // claim) may sleep for milliseconds: several worker threads on one file
  // then take turns far slower than the lock allows, and unevenly. Here the
  // wait starts at 50 µs and doubles to 1.6 ms, for the same 10 s in all.
  static int on_busy(void*, int tries) {
    if (tries == 0) busy_started() = std::chrono::steady_clock::now();
    if (std::chrono::steady_clock::now() - busy_started() >= std::chrono::milliseconds(busy_timeout_ms)) return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(50) * (1 << std::min(tries, 5)));
    return 1;
  }
  // When this thread's current wait began (the handler runs on the waiting thread).
  static std::chrono::steady_clock::time_point& busy_started() {
    thread_local std::chrono::steady_clock::time_point t;
    return t;
  }
  sqlite3* db_ = nullptr;
  StatementCache<sqlite3_stmt*> prepared_{statement_cache_capacity, [](sqlite3_stmt*& st) { sqlite3_finalize(st); }};
  bool in_tx_ = false;
};

}  // namespace

std::unique_ptr<Connection> connect_sqlite(const Dsn& dsn) { return std::make_unique<SqliteConnection>(dsn); }

}  // namespace sf::db
