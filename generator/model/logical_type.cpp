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

bool split_type(std::string_view s, TypeParts& parts, std::string& error) {
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  auto read_word = [&]() -> std::string {
    std::size_t start = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
    return upper(s.substr(start, i - start));
  };
  skip_space();
  while (i < s.size() && s[i] != '(') {
    std::string w = read_word();
    if (w.empty()) {
      error = "unexpected character '" + std::string(1, s[i]) + "' in type name";
      return false;
    }
    (parts.has_args ? parts.trailing : parts.name).push_back(w);
    skip_space();
  }
  if (i < s.size() && s[i] == '(') {
    parts.has_args = true;
    ++i;
    for (;;) {
      skip_space();
      if (i >= s.size()) {
        error = "missing ')' in type name";
        return false;
      }
      if (s[i] == '\'' || s[i] == '"') {
        char q = s[i++];
        std::string v = "'";
        for (;;) {
          if (i >= s.size()) {
            error = "unterminated quoted value in type name";
            return false;
          }
          if (s[i] == q) {
            if (i + 1 < s.size() && s[i + 1] == q) {
              v += q;
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (s[i] == '\\' && i + 1 < s.size()) ++i;
          v += s[i++];
        }
        parts.args.push_back(v);
      } else {
        std::size_t start = i;
        while (i < s.size() && s[i] != ',' && s[i] != ')') ++i;
        std::string a(s.substr(start, i - start));
        while (!a.empty() && std::isspace(static_cast<unsigned char>(a.back()))) a.pop_back();
        if (a.empty()) {
          error = "empty argument in type name";
          return false;
        }
        parts.args.push_back(a);
      }
      skip_space();
      if (i >= s.size()) {
        error = "missing ')' in type name";
        return false;
      }
      if (s[i] == ',') {
        ++i;
        continue;
      }
      if (s[i] == ')') {
        ++i;
        break;
      }
      error = "expected ',' or ')' in type arguments";
      return false;
    }
    skip_space();
    while (i < s.size()) {
      std::string w = read_word();
      if (w.empty()) {
        error = "unexpected text after type arguments";
        return false;
      }
      parts.trailing.push_back(w);
      skip_space();
    }
  }
  if (parts.name.empty()) {
    error = "empty type name";
    return false;
  }
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

  // Words after the name that modify it: UNSIGNED, WITH TIME ZONE, VARYING …
  ParsedType out;
  std::vector<std::string> words = parts.name;
  words.insert(words.end(), parts.trailing.begin(), parts.trailing.end());
  std::vector<std::string> name;
  bool zoned_words = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "UNSIGNED" || w == "ZEROFILL") {
      out.is_unsigned = true;
    } else if (w == "SIGNED") {
      // the default; nothing to record
    } else if ((w == "WITH" || w == "WITHOUT") && i + 2 < words.size() && words[i + 1] == "TIME" &&
               words[i + 2] == "ZONE") {
      zoned_words = (w == "WITH");
      i += 2;
    } else {
      name.push_back(w);
    }
  }
  std::string base;
  for (const auto& w : name) base += (base.empty() ? "" : " ") + w;

  auto it = families().find(base);
  if (it == families().end() && !name.empty() && name.front() == "INTERVAL") it = families().find("INTERVAL");
  if (it == families().end()) {
    error = "unknown type '" + std::string(text) + "'";
    return std::nullopt;
  }
  const Family& f = it->second;
  LogicalType& t = out.type;
  out.explicit_arguments = parts.has_args;
  t.kind = f.kind;
  t.bits = f.bits;
  out.auto_increment_hint = f.serial;

  auto int_arg = [&](std::size_t idx, int& dst) {
    if (idx >= parts.args.size()) return true;
    if (!to_int(parts.args[idx], dst)) {
      error = "type argument '" + parts.args[idx] + "' of '" + std::string(text) + "' is not a number";
      return false;
    }
    return true;
  };
  auto no_more_args = [&](std::size_t n) {
    if (parts.args.size() <= n) return true;
    error = "too many arguments in type '" + std::string(text) + "'";
    return false;
  };

  switch (f.kind) {
    case TypeKind::integer: {
      int width = 0;
      if (!int_arg(0, width) || !no_more_args(1)) return std::nullopt;
      // MySQL's BOOLEAN; TINYINT(1) UNSIGNED is no boolean but a small unsigned number.
      if (base == "TINYINT" && width == 1 && !out.is_unsigned) t = LogicalType::of(TypeKind::boolean);
      break;                                                                        // widths are display-only
    }
    case TypeKind::decimal:
      t.precision = 10;
      if (!int_arg(0, t.precision) || !int_arg(1, t.scale) || !no_more_args(2)) return std::nullopt;
      if (t.precision < 1 || t.precision > 65 || t.scale > t.precision) {
        error = "decimal precision must be 1..65 and scale at most the precision in '" + std::string(text) + "'";
        return std::nullopt;
      }
      break;
    case TypeKind::floating: {
      int p = 0;
      if (!int_arg(0, p) || !no_more_args(2)) return std::nullopt;
      if (p > 24) t.bits = 64;
      break;
    }
    case TypeKind::fixed_char:
      t.length = 1;
      if (!int_arg(0, t.length) || !no_more_args(1)) return std::nullopt;
      break;
    case TypeKind::varchar:
      if (!parts.has_args) {
        t = LogicalType::of(TypeKind::text);  // PostgreSQL's unbounded varchar
        break;
      }
      if (!int_arg(0, t.length) || !no_more_args(1)) return std::nullopt;
      if (t.length < 1) {
        error = "varchar length must be at least 1 in '" + std::string(text) + "'";
        return std::nullopt;
      }
      break;
    case TypeKind::interval:
      if (name.size() > 1) {  // INTERVAL DAY TO SECOND: the model has no interval fields
        error = "interval fields in '" + std::string(text) + "' are not modelled; write INTERVAL or INTERVAL(p)";
        return std::nullopt;
      }
      [[fallthrough]];
    case TypeKind::timestamp:
    case TypeKind::time:
      t.precision = (f.zoned || zoned_words) ? 6 : 0;
      if (!int_arg(0, t.precision) || !no_more_args(1)) return std::nullopt;
      if (t.precision > 6) {
        error = "fractional-second precision must be 0..6 in '" + std::string(text) + "'";
        return std::nullopt;
      }
      break;
    case TypeKind::binary: {
      int len = 0;
      if (!int_arg(0, len) || !no_more_args(1)) return std::nullopt;
      // BINARY(n)/VARBINARY(n) are bounded (an index takes them whole); a BLOB(n) only picks a blob size.
      if (base == "BINARY" || base == "VARBINARY" || base == "BINARY VARYING") t.length = len;
      break;
    }
    case TypeKind::enumeration:
      if (parts.args.empty()) {
        error = "ENUM needs its values, e.g. ENUM('pending','done')";
        return std::nullopt;
      }
      for (const auto& a : parts.args) {
        if (a.empty() || a[0] != '\'') {
          error = "ENUM values must be quoted strings in '" + std::string(text) + "'";
          return std::nullopt;
        }
        std::string v = a.substr(1);
        if (std::find(t.values.begin(), t.values.end(), v) != t.values.end()) {
          error = "ENUM value '" + v + "' appears twice";
          return std::nullopt;
        }
        t.values.push_back(v);
      }
      break;
    default:
      if (!no_more_args(0)) return std::nullopt;
      break;
  }
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
