#pragma once
// The dialect-neutral type of a column. Each dialect maps a LogicalType to its
// own spelling (generator/dialect); specs may pin a native spelling per engine
// on the Column, which the dialect honours.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sf::model {

enum class TypeKind {
  integer,    // bits: 8, 16, 24, 32 or 64
  boolean,
  decimal,    // precision, scale
  floating,   // bits: 32 or 64
  fixed_char, // length
  varchar,    // length
  text,
  json,
  binary,     // length: BINARY(n)/VARBINARY(n), 0 for unbounded (BLOB, BYTEA)
  timestamp,  // precision = fractional-second digits; values are instants (UTC)
  date,
  time,       // precision
  uuid,
  enumeration, // values, in declaration order
  interval     // precision = fractional-second digits (PostgreSQL INTERVAL)
};

struct LogicalType {
  TypeKind kind = TypeKind::text;
  int bits = 0;
  int length = 0;
  int precision = 0;
  int scale = 0;
  std::vector<std::string> values;

  bool operator==(const LogicalType&) const = default;

  static LogicalType integer(int bits) { return {TypeKind::integer, bits, 0, 0, 0, {}}; }
  static LogicalType of(TypeKind k) { return {k, 0, 0, 0, 0, {}}; }
  static LogicalType varchar(int n) { return {TypeKind::varchar, 0, n, 0, 0, {}}; }
  static LogicalType timestamp(int p) { return {TypeKind::timestamp, 0, 0, p, 0, {}}; }
  static LogicalType enumeration(std::vector<std::string> v) { return {TypeKind::enumeration, 0, 0, 0, 0, std::move(v)}; }

  [[nodiscard]] bool is_integer() const { return kind == TypeKind::integer; }
  [[nodiscard]] bool is_textual() const {
    return kind == TypeKind::fixed_char || kind == TypeKind::varchar || kind == TypeKind::text;
  }
};

// Canonical spelling used in schema.json and error messages:
// bigint, int, smallint, tinyint, mediumint, boolean, decimal(10,2), float, double,
// char(2), varchar(64), text, json, binary, timestamp(6), date, time(0), uuid,
// enum('a','b'), interval(6).
[[nodiscard]] std::string to_string(const LogicalType& t);
[[nodiscard]] std::string_view kind_name(TypeKind k);

// Result of reading a type name as written in a spec (any engine's spelling).
struct ParsedType {
  LogicalType type;
  bool is_unsigned = false;
  bool auto_increment_hint = false;  // SERIAL / BIGSERIAL
  bool explicit_arguments = false;   // written with (…): NUMERIC(12,2), not NUMERIC; TIMESTAMP(3), not TIMESTAMP
};

// Reads a type as people write it in specs: the canonical spelling above plus
// MySQL/MariaDB and PostgreSQL names (INT4, TIMESTAMPTZ(6), DATETIME(6), JSONB,
// BYTEA, LONGBLOB, CHARACTER VARYING(64), TINYINT(1), BIGINT UNSIGNED, …).
// Returns nullopt and sets `error` when the name is not a type we know.
[[nodiscard]] std::optional<ParsedType> parse_type_name(std::string_view text, std::string& error);

// The logical type of a column whose engines spell it two ways (a markdown
// Type cell `mysql: CHAR(36) / postgres: UUID`): the narrower of the two, so
// that every value the model admits fits both engines. Plain text widens to
// any string type (uuid, json, enum, interval, a shorter varchar); integers
// of two widths give the narrower, boolean beside an integer gives boolean.
// Returns nullopt and sets `why` where the two cannot hold the same values
// (INT vs TEXT, two different enums, a UUID in CHAR(10)).
[[nodiscard]] std::optional<LogicalType> common_type(const LogicalType& a, const LogicalType& b, std::string& why);

}  // namespace sf::model
