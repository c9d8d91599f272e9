#pragma once
// Typed values over the driver boundary: what generated repositories use to
// turn struct members into bound parameters and result cells back into
// members. One C++ type per logical type (docs/repositories.md):
//
//   integer        std::int16_t / std::int32_t / std::int64_t (by width)
//   boolean        bool
//   decimal        std::string (exact text; no binary rounding)
//   float/double   float / double
//   text, uuid     std::string
//   json           nlohmann::json
//   binary         sf::db::Bytes (std::vector<std::byte>)
//   timestamp(p)   sf::db::Timestamp (UTC, microseconds), cut to p digits on write
//   date           sf::db::Date (std::chrono::sys_days)
//   time(p)        std::string ("HH:MM:SS[.ffffff]")
//   enum           the generated `enum class`, found through ADL to_string/from_string
//   nullable       std::optional<T>
//
// Timestamps travel as text in each engine's own form, always UTC: PostgreSQL
// TIMESTAMPTZ '… +00', MySQL DATETIME in a '+00:00' session, SQLite ISO-8601
// with six fraction digits and 'Z' so that text order is time order.
#include <chrono>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "runtime/db/dsn.hpp"
#include "runtime/db/value.hpp"

namespace sf::db {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
using Date = std::chrono::sys_days;
using Json = nlohmann::json;

// The current time at the precision the tables store.
[[nodiscard]] inline Timestamp now() {
  return std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
}

// A value the database cuts short or cannot hold, or a cell that is not what
// the column's type promises: names table.column.
struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A member of an insert struct whose column has a DEFAULT: left unset, the
// column is left out of the INSERT and the database's default applies.
// For a nullable column, T is std::optional<U>: `= std::nullopt` sets NULL
// explicitly (in place), which is not the same as leaving the member unset.
template <class T>
class Defaulted {
 public:
  Defaulted() = default;
  template <class U>
    requires std::constructible_from<T, U&&>
  Defaulted(U&& v) : value_(std::in_place, std::forward<U>(v)) {}  // NOLINT(google-explicit-constructor): `row.status = X` reads best
  template <class U>
    requires std::constructible_from<T, U&&>
  Defaulted& operator=(U&& v) {
    value_.emplace(std::forward<U>(v));
    return *this;
  }
  [[nodiscard]] bool is_set() const { return value_.has_value(); }
  [[nodiscard]] const T& value() const { return value_.value(); }
  void reset() { value_.reset(); }
  bool operator==(const Defaulted&) const = default;

 private:
  std::optional<T> value_;
};

// A window of rows for finders and list(): LIMIT and OFFSET, both bound.
struct Page {
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

// list(): the order (a column of the row, then the key) and the window.
template <class Column>
struct ListOptions {
  std::optional<Column> order_by{};  // (the {}s let callers name only some members under -Wextra)
  bool descending = false;
  Page page{};
};

// The longest prefix of `text` of at most `max_bytes` bytes that ends on a
// UTF-8 character boundary (error messages into bounded columns).
[[nodiscard]] std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

// --- timestamps --------------------------------------------------------------
// `t` cut (toward the past) to `precision` fraction digits, as the column stores it.
[[nodiscard]] Timestamp truncate(Timestamp t, int precision);
// The engine's text form of `t` (already truncated by the caller).
[[nodiscard]] std::string format_timestamp(Timestamp t, Engine e);
// Reads any of the three engines' forms: 'YYYY-MM-DD[ T]HH:MM:SS[.f…][Z|±HH[:MM]]'.
[[nodiscard]] std::optional<Timestamp> parse_timestamp(std::string_view text);
[[nodiscard]] std::string format_date(Date d);
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);

// A new UUID, version 7 (RFC 9562): time-ordered, so keys made from it keep
// B-tree inserts at the right edge instead of scattering them.
[[nodiscard]] std::string new_uuid();

// Bound-parameter placeholder number i (1-based) in this engine's syntax.
[[nodiscard]] std::string placeholder(Engine e, int i);

// --- encoding: member -> bound parameter ------------------------------------
class Encoder {
 public:
  explicit Encoder(Engine e) : engine_(e) {}
  [[nodiscard]] Engine engine() const { return engine_; }

  Value operator()(std::int16_t v) const { return std::int64_t{v}; }
  Value operator()(std::int32_t v) const { return std::int64_t{v}; }
  Value operator()(std::int64_t v) const { return v; }
  Value operator()(bool v) const { return v; }
  Value operator()(float v) const { return double{v}; }
  Value operator()(double v) const { return v; }
  Value operator()(const std::string& v) const { return v; }
  Value operator()(std::string_view v) const { return std::string(v); }
  Value operator()(const Bytes& v) const { return v; }
  Value operator()(const Json& v) const { return v.dump(); }
  Value operator()(Date v) const { return format_date(v); }
  Value operator()(Timestamp v, int precision) const { return format_timestamp(truncate(v, precision), engine_); }
  template <class E>
    requires std::is_enum_v<E>
  Value operator()(E v) const {
    return std::string(to_string(v));  // the generated enum's to_string, found by ADL
  }
  template <class T, class... Extra>
  Value operator()(const std::optional<T>& v, Extra... extra) const {
    return v ? (*this)(*v, extra...) : Value(nullptr);
  }

 private:
  Engine engine_;
};

// --- decoding: result cell -> member ----------------------------------------
namespace detail {
[[noreturn]] void bad_cell(std::string_view where, std::string_view what);
template <class I>
I narrow(std::int64_t v, std::string_view where) {
  if (v < std::numeric_limits<I>::min() || v > std::numeric_limits<I>::max()) bad_cell(where, "integer out of range for its C++ type");
  return static_cast<I>(v);
}
}  // namespace detail

void decode(const Value& v, std::int16_t& out, std::string_view where);
void decode(const Value& v, std::int32_t& out, std::string_view where);
void decode(const Value& v, std::int64_t& out, std::string_view where);
void decode(const Value& v, bool& out, std::string_view where);
void decode(const Value& v, float& out, std::string_view where);
void decode(const Value& v, double& out, std::string_view where);
void decode(const Value& v, std::string& out, std::string_view where);
void decode(const Value& v, Bytes& out, std::string_view where);
void decode(const Value& v, Json& out, std::string_view where);
void decode(const Value& v, Date& out, std::string_view where);
void decode(const Value& v, Timestamp& out, std::string_view where);

template <class E>
  requires std::is_enum_v<E>
void decode(const Value& v, E& out, std::string_view where) {
  std::string text;
  decode(v, text, where);
  if (!from_string(text, out)) detail::bad_cell(where, "'" + text + "' is not a value of the enum (specs and database disagree: run `schemaforge drift`)");
}

template <class T>
void decode(const Value& v, std::optional<T>& out, std::string_view where) {
  if (is_null(v)) {
    out.reset();
    return;
  }
  T inner{};
  decode(v, inner, where);
  out = std::move(inner);
}

}  // namespace sf::db
