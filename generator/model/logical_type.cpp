#include "generator/model/logical_type.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "generator/model/strings.hpp"

namespace sf::model {
namespace {

std::string quote_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// A type name split into its parts: NAME WORDS ( ARGS ) TRAILING WORDS.
struct TypeParts {
  std::vector<std::string> name;      // upper-cased words before the parentheses
  std::vector<std::string> args;      // raw arguments; quoted ones keep a leading '\''
  bool has_args = false;
  std::vector<std::string> trailing;  // upper-cased words after the parentheses
};

// Walks a type name left to right. Each read_* returns false with `error` set
// where the text is malformed, leaving `i` wherever it stopped.
struct TypeScanner {
  std::string_view s;
  std::string& error;
  std::size_t i = 0;

  bool at_end() const { return i >= s.size(); }
  bool at(char c) const { return i < s.size() && s[i] == c; }
  bool fail(const std::string& message) {
    error = message;
    return false;
  }
  void skip_space() {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  }
  std::string read_word() {
    std::size_t start = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
    return upper(s.substr(start, i - start));
  }

  // The words before the parentheses (or the end): stops at '(' or the end.
  bool read_name(std::vector<std::string>& name) {
    while (i < s.size() && s[i] != '(') {
      std::string w = read_word();
      if (w.empty()) return fail("unexpected character '" + std::string(1, s[i]) + "' in type name");
      name.push_back(w);
      skip_space();
    }
    return true;
  }

  // At '(': the comma-separated arguments, through the closing ')'.
  bool read_args(std::vector<std::string>& args) {
    ++i;
    for (;;) {
      skip_space();
      if (at_end()) return fail("missing ')' in type name");
      std::string a;
      if (!(at('\'') || at('"') ? read_quoted(a) : read_bare(a))) return false;
      args.push_back(a);
      skip_space();
      if (at_end()) return fail("missing ')' in type name");
      if (s[i] == ',') {
        ++i;
        continue;
      }
      if (s[i] == ')') {
        ++i;
        return true;
      }
      return fail("expected ',' or ')' in type arguments");
    }
  }

  // At a quote: the value, kept with a leading '\'' so that ENUM can tell it from a bare argument.
  // A doubled quote stands for itself, as does a character after a backslash.
  bool read_quoted(std::string& v) {
    char q = s[i++];
    v = "'";
    for (;;) {
      if (at_end()) return fail("unterminated quoted value in type name");
      if (s[i] == q) {
        if (i + 1 < s.size() && s[i + 1] == q) {
          v += q;
          i += 2;
          continue;
        }
        ++i;
        return true;
      }
      if (s[i] == '\\' && i + 1 < s.size()) ++i;
      v += s[i++];
    }
  }

  // An unquoted argument: everything up to the next ',' or ')', trailing space trimmed.
  bool read_bare(std::string& a) {
    std::size_t start = i;
    while (i < s.size() && s[i] != ',' && s[i] != ')') ++i;
    a = std::string(s.substr(start, i - start));
    while (!a.empty() && std::isspace(static_cast<unsigned char>(a.back()))) a.pop_back();
    if (a.empty()) return fail("empty argument in type name");
    return true;
  }

  // After ')': the words up to the end (UNSIGNED, WITH TIME ZONE, …).
  bool read_trailing(std::vector<std::string>& trailing) {
    skip_space();
    while (i < s.size()) {
      std::string w = read_word();
      if (w.empty()) return fail("unexpected text after type arguments");
      trailing.push_back(w);
      skip_space();
    }
    return true;
  }
};

bool split_type(std::string_view s, TypeParts& parts, std::string& error) {
  TypeScanner scan{s, error};
  scan.skip_space();
  if (!scan.read_name(parts.name)) return false;
  if (scan.at('(')) {
    parts.has_args = true;
    if (!scan.read_args(parts.args) || !scan.read_trailing(parts.trailing)) return false;
  }
  if (parts.name.empty()) return scan.fail("empty type name");
  return true;
}

bool to_int(const std::string& s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size() && out >= 0;
}

struct Family {
  TypeKind kind;
  int bits = 0;
  bool serial = false;
  bool zoned = false;  // PostgreSQL spellings whose precision defaults to 6
};

const std::map<std::string, Family>& families() {
  static const std::map<std::string, Family> table = {
      {"TINYINT", {TypeKind::integer, 8}},       {"SMALLINT", {TypeKind::integer, 16}},
      {"INT2", {TypeKind::integer, 16}},         {"MEDIUMINT", {TypeKind::integer, 24}},
      {"INT", {TypeKind::integer, 32}},          {"INTEGER", {TypeKind::integer, 32}},
      {"INT4", {TypeKind::integer, 32}},         {"BIGINT", {TypeKind::integer, 64}},
      {"INT8", {TypeKind::integer, 64}},         {"SMALLSERIAL", {TypeKind::integer, 16, true}},
      {"SERIAL", {TypeKind::integer, 32, true}}, {"BIGSERIAL", {TypeKind::integer, 64, true}},
      {"BOOLEAN", {TypeKind::boolean}},          {"BOOL", {TypeKind::boolean}},
      {"DECIMAL", {TypeKind::decimal}},          {"NUMERIC", {TypeKind::decimal}},
      {"DEC", {TypeKind::decimal}},              {"FLOAT", {TypeKind::floating, 32}},
      {"REAL", {TypeKind::floating, 32}},        {"FLOAT4", {TypeKind::floating, 32}},
      {"DOUBLE", {TypeKind::floating, 64}},      {"DOUBLE PRECISION", {TypeKind::floating, 64}},
      {"FLOAT8", {TypeKind::floating, 64}},      {"CHAR", {TypeKind::fixed_char}},
      {"CHARACTER", {TypeKind::fixed_char}},     {"NCHAR", {TypeKind::fixed_char}},
      {"BPCHAR", {TypeKind::fixed_char}},        {"VARCHAR", {TypeKind::varchar}},
      {"CHARACTER VARYING", {TypeKind::varchar}}, {"NVARCHAR", {TypeKind::varchar}},
      {"TEXT", {TypeKind::text}},                {"TINYTEXT", {TypeKind::text}},
      {"MEDIUMTEXT", {TypeKind::text}},          {"LONGTEXT", {TypeKind::text}},
      {"JSON", {TypeKind::json}},                {"JSONB", {TypeKind::json}},
      {"BLOB", {TypeKind::binary}},              {"TINYBLOB", {TypeKind::binary}},
      {"MEDIUMBLOB", {TypeKind::binary}},        {"LONGBLOB", {TypeKind::binary}},
      {"BYTEA", {TypeKind::binary}},             {"BINARY", {TypeKind::binary}},
      {"VARBINARY", {TypeKind::binary}},         {"TIMESTAMP", {TypeKind::timestamp}},
      {"DATETIME", {TypeKind::timestamp}},       {"TIMESTAMPTZ", {TypeKind::timestamp, 0, false, true}},
      {"DATE", {TypeKind::date}},                {"TIME", {TypeKind::time}},
      {"TIMETZ", {TypeKind::time, 0, false, true}}, {"UUID", {TypeKind::uuid}},
      {"ENUM", {TypeKind::enumeration}},         {"INTERVAL", {TypeKind::interval, 0, false, true}},
      // Synonyms the engines document (MySQL "Numeric Data Types", "String
      // Data Types"; PostgreSQL "Data Types" table 8.1).
      {"INT1", {TypeKind::integer, 8}},          {"INT3", {TypeKind::integer, 24}},
      {"MIDDLEINT", {TypeKind::integer, 24}},    {"SERIAL2", {TypeKind::integer, 16, true}},
      {"SERIAL4", {TypeKind::integer, 32, true}}, {"SERIAL8", {TypeKind::integer, 64, true}},
      {"FIXED", {TypeKind::decimal}},            {"CHAR VARYING", {TypeKind::varchar}},
      {"NATIONAL CHAR", {TypeKind::fixed_char}}, {"NATIONAL CHARACTER", {TypeKind::fixed_char}},
      {"NATIONAL VARCHAR", {TypeKind::varchar}}, {"NATIONAL CHAR VARYING", {TypeKind::varchar}},
      {"NATIONAL CHARACTER VARYING", {TypeKind::varchar}}, {"NCHAR VARYING", {TypeKind::varchar}},
      {"NCHAR VARCHAR", {TypeKind::varchar}},    {"LONG", {TypeKind::text}},
      {"LONG VARCHAR", {TypeKind::text}},        {"LONG VARBINARY", {TypeKind::binary}},
      {"BINARY VARYING", {TypeKind::binary}},
  };
  return table;
}

// A type name's words with its modifiers taken out, and what those said.
struct TypeName {
  std::vector<std::string> words;  // the name proper: DOUBLE PRECISION, INTERVAL DAY TO SECOND
  std::string base;                // `words` joined by single spaces: the key into families()
  bool is_unsigned = false;        // UNSIGNED, or ZEROFILL (which implies it)
  bool zoned = false;              // WITH TIME ZONE
};

// Words around the name that modify it (UNSIGNED, WITH TIME ZONE, …) are recorded, not looked up.
TypeName strip_modifiers(const TypeParts& parts) {
  std::vector<std::string> words = parts.name;
  words.insert(words.end(), parts.trailing.begin(), parts.trailing.end());
  TypeName n;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "UNSIGNED" || w == "ZEROFILL") {
      n.is_unsigned = true;
    } else if (w == "SIGNED") {
      // the default; nothing to record
    } else if ((w == "WITH" || w == "WITHOUT") && i + 2 < words.size() && words[i + 1] == "TIME" &&
               words[i + 2] == "ZONE") {
      n.zoned = (w == "WITH");
      i += 2;
    } else {
      n.words.push_back(w);
    }
  }
  for (const auto& w : n.words) n.base += (n.base.empty() ? "" : " ") + w;
  return n;
}

// nullptr for an unknown name. Any INTERVAL <fields> finds INTERVAL, so that
// read_interval can refuse it with a message that says why.
const Family* find_family(const TypeName& n) {
  auto it = families().find(n.base);
  if (it == families().end() && !n.words.empty() && n.words.front() == "INTERVAL") it = families().find("INTERVAL");
  return it == families().end() ? nullptr : &it->second;
}

// A known type name whose arguments are being read; the read_* functions
// below fill in a LogicalType that already holds the family's kind and bits.
struct TypeReading {
  std::string_view text;  // as written, for error messages
  const TypeParts& parts;
  const TypeName& name;
  const Family& family;
  std::string& error;

  bool fail(const std::string& message) {
    error = message;
    return false;
  }
  // Argument `idx` as a non-negative number where it is given; `dst` keeps its default where not.
  bool int_arg(std::size_t idx, int& dst) {
    if (idx >= parts.args.size()) return true;
    if (!to_int(parts.args[idx], dst))
      return fail("type argument '" + parts.args[idx] + "' of '" + std::string(text) + "' is not a number");
    return true;
  }
  bool no_more_args(std::size_t n) {
    if (parts.args.size() <= n) return true;
    return fail("too many arguments in type '" + std::string(text) + "'");
  }
};

// An integer's width is display-only: INT(11) is an INT.
bool read_integer(TypeReading& r, LogicalType& t) {
  int width = 0;
  if (!r.int_arg(0, width) || !r.no_more_args(1)) return false;
  // MySQL's BOOLEAN; TINYINT(1) UNSIGNED is no boolean but a small unsigned number.
  if (r.name.base == "TINYINT" && width == 1 && !r.name.is_unsigned) t = LogicalType::of(TypeKind::boolean);
  return true;
}

bool read_decimal(TypeReading& r, LogicalType& t) {
  t.precision = 10;
  if (!r.int_arg(0, t.precision) || !r.int_arg(1, t.scale) || !r.no_more_args(2)) return false;
  if (t.precision < 1 || t.precision > 65 || t.scale > t.precision)
    return r.fail("decimal precision must be 1..65 and scale at most the precision in '" + std::string(r.text) + "'");
  return true;
}

// FLOAT(p) is a double from p = 25 on; a second argument (MySQL's FLOAT(M,D)) is accepted and ignored.
bool read_floating(TypeReading& r, LogicalType& t) {
  int p = 0;
  if (!r.int_arg(0, p) || !r.no_more_args(2)) return false;
  if (p > 24) t.bits = 64;
  return true;
}

bool read_fixed_char(TypeReading& r, LogicalType& t) {
  t.length = 1;
  return r.int_arg(0, t.length) && r.no_more_args(1);
}

bool read_varchar(TypeReading& r, LogicalType& t) {
  if (!r.parts.has_args) {
    t = LogicalType::of(TypeKind::text);  // PostgreSQL's unbounded varchar
    return true;
  }
  if (!r.int_arg(0, t.length) || !r.no_more_args(1)) return false;
  if (t.length < 1) return r.fail("varchar length must be at least 1 in '" + std::string(r.text) + "'");
  return true;
}

// TIMESTAMP, TIME and INTERVAL: the fractional-second digits (PostgreSQL's zoned spellings default to 6).
bool read_fractional_seconds(TypeReading& r, LogicalType& t) {
  t.precision = (r.family.zoned || r.name.zoned) ? 6 : 0;
  if (!r.int_arg(0, t.precision) || !r.no_more_args(1)) return false;
  if (t.precision > 6) return r.fail("fractional-second precision must be 0..6 in '" + std::string(r.text) + "'");
  return true;
}

bool read_interval(TypeReading& r, LogicalType& t) {
  if (r.name.words.size() > 1)  // INTERVAL DAY TO SECOND: the model has no interval fields
    return r.fail("interval fields in '" + std::string(r.text) + "' are not modelled; write INTERVAL or INTERVAL(p)");
  return read_fractional_seconds(r, t);
}

bool read_binary(TypeReading& r, LogicalType& t) {
  int len = 0;
  if (!r.int_arg(0, len) || !r.no_more_args(1)) return false;
  // BINARY(n)/VARBINARY(n) are bounded (an index takes them whole); a BLOB(n) only picks a blob size.
  const std::string& base = r.name.base;
  if (base == "BINARY" || base == "VARBINARY" || base == "BINARY VARYING") t.length = len;
  return true;
}

// ENUM('a','b'): every value quoted (split_type marks those with a leading '\'') and none twice.
bool read_enum_values(TypeReading& r, LogicalType& t) {
  if (r.parts.args.empty()) return r.fail("ENUM needs its values, e.g. ENUM('pending','done')");
  for (const auto& a : r.parts.args) {
    if (a.empty() || a[0] != '\'') return r.fail("ENUM values must be quoted strings in '" + std::string(r.text) + "'");
    std::string v = a.substr(1);
    if (std::find(t.values.begin(), t.values.end(), v) != t.values.end())
      return r.fail("ENUM value '" + v + "' appears twice");
    t.values.push_back(v);
  }
  return true;
}

bool read_arguments(TypeReading& r, LogicalType& t) {
  switch (r.family.kind) {
    case TypeKind::integer: return read_integer(r, t);
    case TypeKind::decimal: return read_decimal(r, t);
    case TypeKind::floating: return read_floating(r, t);
    case TypeKind::fixed_char: return read_fixed_char(r, t);
    case TypeKind::varchar: return read_varchar(r, t);
    case TypeKind::interval: return read_interval(r, t);
    case TypeKind::timestamp:
    case TypeKind::time: return read_fractional_seconds(r, t);
    case TypeKind::binary: return read_binary(r, t);
    case TypeKind::enumeration: return read_enum_values(r, t);
    default: return r.no_more_args(0);  // boolean, text, json, date, uuid take none
  }
}

}  // namespace

std::string_view kind_name(TypeKind k) {
  switch (k) {
    case TypeKind::integer: return "integer";
    case TypeKind::boolean: return "boolean";
    case TypeKind::decimal: return "decimal";
    case TypeKind::floating: return "floating";
    case TypeKind::fixed_char: return "char";
    case TypeKind::varchar: return "varchar";
    case TypeKind::text: return "text";
    case TypeKind::json: return "json";
    case TypeKind::binary: return "binary";
    case TypeKind::timestamp: return "timestamp";
    case TypeKind::date: return "date";
    case TypeKind::time: return "time";
    case TypeKind::uuid: return "uuid";
    case TypeKind::enumeration: return "enum";
    case TypeKind::interval: return "interval";
  }
  return "?";
}

std::string to_string(const LogicalType& t) {
  switch (t.kind) {
    case TypeKind::integer:
      switch (t.bits) {
        case 8: return "tinyint";
        case 16: return "smallint";
        case 24: return "mediumint";
        case 64: return "bigint";
        default: return "int";
      }
    case TypeKind::boolean: return "boolean";
    case TypeKind::decimal: return "decimal(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
    case TypeKind::floating: return t.bits == 64 ? "double" : "float";
    case TypeKind::fixed_char: return "char(" + std::to_string(t.length) + ")";
    case TypeKind::varchar: return "varchar(" + std::to_string(t.length) + ")";
    case TypeKind::text: return "text";
    case TypeKind::json: return "json";
    case TypeKind::binary: return t.length > 0 ? "binary(" + std::to_string(t.length) + ")" : "binary";
    case TypeKind::timestamp: return "timestamp(" + std::to_string(t.precision) + ")";
    case TypeKind::date: return "date";
    case TypeKind::time: return "time(" + std::to_string(t.precision) + ")";
    case TypeKind::uuid: return "uuid";
    case TypeKind::enumeration: {
      std::string out = "enum(";
      for (std::size_t i = 0; i < t.values.size(); ++i) out += (i ? "," : "") + quote_value(t.values[i]);
      return out + ")";
    }
    case TypeKind::interval: return "interval(" + std::to_string(t.precision) + ")";
  }
  return "text";
}

std::optional<ParsedType> parse_type_name(std::string_view text, std::string& error) {
  TypeParts parts;
  if (!split_type(text, parts, error)) return std::nullopt;
  const TypeName name = strip_modifiers(parts);
  const Family* f = find_family(name);
  if (!f) {
    error = "unknown type '" + std::string(text) + "'";
    return std::nullopt;
  }
  ParsedType out;
  LogicalType& t = out.type;
  out.is_unsigned = name.is_unsigned;
  out.explicit_arguments = parts.has_args;
  t.kind = f->kind;
  t.bits = f->bits;
  out.auto_increment_hint = f->serial;
  TypeReading reading{text, parts, name, *f, error};
  if (!read_arguments(reading, t)) return std::nullopt;
  if (out.is_unsigned && t.kind != TypeKind::integer && t.kind != TypeKind::decimal && t.kind != TypeKind::floating) {
    error = "UNSIGNED applies to numeric types only, not '" + std::string(text) + "'";
    return std::nullopt;
  }
  return out;
}

namespace {

// Kinds that hold strings of a meaning narrower than text: each fits in a
// plain text column of the other engine, but two of them never share values.
bool string_of_meaning(TypeKind k) {
  return k == TypeKind::uuid || k == TypeKind::json || k == TypeKind::enumeration || k == TypeKind::interval;
}
bool plain_text(TypeKind k) { return k == TypeKind::fixed_char || k == TypeKind::varchar || k == TypeKind::text; }

// The longest string a value of `t` needs, where that is bounded (0: not,
// as for JSON; such a value longer than the plain column fails on insert
// there, like any string too long for its column).
std::size_t longest_value(const LogicalType& t) {
  switch (t.kind) {
    case TypeKind::uuid: return 36;
    case TypeKind::enumeration: {
      std::size_t n = 0;
      for (const auto& v : t.values) n = std::max(n, v.size());
      return n;
    }
    default: return 0;
  }
}

}  // namespace

std::optional<LogicalType> common_type(const LogicalType& a, const LogicalType& b, std::string& why) {
  if (a == b) return a;
  if (a.kind == b.kind) {
    LogicalType t = a;
    switch (a.kind) {
      case TypeKind::integer:
      case TypeKind::floating: t.bits = std::min(a.bits, b.bits); return t;
      case TypeKind::fixed_char:
      case TypeKind::varchar: t.length = std::min(a.length, b.length); return t;
      case TypeKind::timestamp:
      case TypeKind::time:
      case TypeKind::interval: t.precision = std::min(a.precision, b.precision); return t;
      case TypeKind::decimal: {
        // The digits both keep on either side of the point.
        const int whole = std::min(a.precision - a.scale, b.precision - b.scale);
        t.scale = std::min(a.scale, b.scale);
        t.precision = whole + t.scale;
        if (t.precision < 1) {
          why = to_string(a) + " and " + to_string(b) + " share no value but zero";
          return std::nullopt;
        }
        return t;
      }
      case TypeKind::enumeration: why = "the two enums list different values"; return std::nullopt;
      case TypeKind::binary:  // the bounded one, the shorter of two bounds (0: unbounded)
        t.length = a.length == 0 ? b.length : b.length == 0 ? a.length : std::min(a.length, b.length);
        return t;
      default: return a;
    }
  }
  if (plain_text(a.kind) && plain_text(b.kind)) {
    // char(n) / varchar(n) / text: the bounded one, the shorter of two bounds.
    if (a.kind == TypeKind::text) return b;
    if (b.kind == TypeKind::text) return a;
    return a.length <= b.length ? a : b;
  }
  for (const auto& [meant, plain] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    if (!string_of_meaning(meant->kind) || !plain_text(plain->kind)) continue;
    const std::size_t need = longest_value(*meant);
    if (plain->kind != TypeKind::text && need > static_cast<std::size_t>(plain->length)) {
      why = to_string(*plain) + " cannot hold every " + std::string(kind_name(meant->kind)) + " value (" +
            std::to_string(need) + " characters)";
      return std::nullopt;
    }
    return *meant;
  }
  for (const auto& [flag, number] : {std::pair{&a, &b}, std::pair{&b, &a}})
    if (flag->kind == TypeKind::boolean && number->kind == TypeKind::integer) return *flag;  // 0 and 1 fit any integer
  why = "a " + std::string(kind_name(a.kind)) + " and a " + std::string(kind_name(b.kind)) + " do not hold the same values";
  return std::nullopt;
}

}  // namespace sf::model
