#include "runtime/db/value.hpp"

#include <charconv>
#include <cstdio>

namespace sf::db {

std::int64_t as_int(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc{} && p == s->data() + s->size()) return out;
    // Aggregates such as SUM() may come back as decimal text ("12" or "12.0").
    double d = std::stod(*s);
    return static_cast<std::int64_t>(d);
  }
  throw std::invalid_argument("value is not an integer");
}

double as_double(const Value& v) {
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v)) return std::stod(*s);
  throw std::invalid_argument("value is not a number");
}

bool as_bool(const Value& v) {
  if (auto* b = std::get_if<bool>(&v)) return *b;
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i != 0;
  if (auto* s = std::get_if<std::string>(&v)) return *s == "t" || *s == "true" || *s == "1";
  throw std::invalid_argument("value is not a boolean");
}

std::string as_string(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto* d = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return buf;
  }
  if (auto* bytes = std::get_if<Bytes>(&v)) return std::string(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  throw std::invalid_argument("value is NULL");
}

Bytes as_bytes(const Value& v) {
  if (auto* b = std::get_if<Bytes>(&v)) return *b;
  if (auto* s = std::get_if<std::string>(&v)) {
    Bytes out(s->size());
    for (std::size_t i = 0; i < s->size(); ++i) out[i] = static_cast<std::byte>((*s)[i]);
    return out;
  }
  throw std::invalid_argument("value is not binary");
}

std::optional<std::string> as_optional_string(const Value& v) {
  if (is_null(v)) return std::nullopt;
  return as_string(v);
}

}  // namespace sf::db
