#include "runtime/db/codec.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <random>

namespace sf::db {
namespace {

using std::chrono::microseconds;

// Reads exactly `n` digits at `pos`; nullopt if any is missing.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + n, v);
  if (ec != std::errc{} || p != s.data() + pos + n) return std::nullopt;
  pos += n;
  return v;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<Date> read_date(std::string_view s, std::size_t& pos) {
  auto y = digits(s, pos, 4);
  if (!y || !expect(s, pos, '-')) return std::nullopt;
  auto m = digits(s, pos, 2);
  if (!m || !expect(s, pos, '-')) return std::nullopt;
  auto d = digits(s, pos, 2);
  if (!d) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                                  std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date(ymd);
}

const Value& not_null(const Value& v, std::string_view where) {
  if (is_null(v)) detail::bad_cell(where, "NULL in a column the spec declares NOT NULL (run `schemaforge drift`)");
  return v;
}

}  // namespace

namespace detail {
void bad_cell(std::string_view where, std::string_view what) {
  throw DecodeError(std::string(where) + ": " + std::string(what));
}
}  // namespace detail

Timestamp truncate(Timestamp t, int precision) {
  static constexpr std::array<std::int64_t, 7> unit{1'000'000, 100'000, 10'000, 1'000, 100, 10, 1};
  if (precision >= 6 || precision < 0) return t;
  const std::int64_t step = unit[static_cast<std::size_t>(precision)];
  std::int64_t us = t.time_since_epoch().count();
  std::int64_t r = us % step;
  if (r < 0) r += step;
  return Timestamp(microseconds(us - r));
}

std::string format_timestamp(Timestamp t, Engine e) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(day);
  const auto us = (t - day).count();
  const auto secs = us / 1'000'000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u%c%02lld:%02lld:%02lld.%06lld%s", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), e == Engine::sqlite ? 'T' : ' ',
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60),
                static_cast<long long>(us % 1'000'000),
                e == Engine::sqlite ? "Z" : e == Engine::postgres ? "+00" : "");
  return buf;
}

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  std::size_t pos = 0;
  auto date = read_date(s, pos);
  if (!date || pos >= s.size() || (s[pos] != ' ' && s[pos] != 'T')) return std::nullopt;
  ++pos;
  auto h = digits(s, pos, 2);
  if (!h || !expect(s, pos, ':')) return std::nullopt;
  auto mi = digits(s, pos, 2);
  if (!mi || !expect(s, pos, ':')) return std::nullopt;
  auto sec = digits(s, pos, 2);
  if (!sec || *h > 23 || *mi > 59 || *sec > 60) return std::nullopt;
  std::int64_t frac = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int n = 0;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++n)
      if (n < 6) frac = frac * 10 + (s[pos] - '0');  // digits past microseconds are cut, as the column would
    if (n == 0) return std::nullopt;
    for (; n < 6; ++n) frac *= 10;
  }
  std::int64_t offset_minutes = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      const int sign = s[pos] == '-' ? -1 : 1;
      ++pos;
      auto oh = digits(s, pos, 2);
      if (!oh) return std::nullopt;
      int om = 0;
      if (pos < s.size()) {
        expect(s, pos, ':');
        auto m = digits(s, pos, 2);
        if (!m) return std::nullopt;
        om = *m;
      }
      offset_minutes = sign * (*oh * 60 + om);
    }
  }
  if (pos != s.size()) return std::nullopt;
  std::int64_t us = ((*h * 60LL + *mi) * 60 + *sec - offset_minutes * 60) * 1'000'000 + frac;
  return Timestamp(std::chrono::sys_days(*date).time_since_epoch()) + microseconds(us);
}

std::string format_date(Date d) {
  const std::chrono::year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<Date> parse_date(std::string_view s) {
  std::size_t pos = 0;
  auto d = read_date(s, pos);
  return d && pos == s.size() ? d : std::nullopt;
}

std::string new_uuid() {
  thread_local std::mt19937_64 rng([] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }());
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  std::array<std::uint8_t, 16> b{};
  for (int i = 0; i < 6; ++i) b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  std::uint64_t r1 = rng(), r2 = rng();
  for (std::size_t i = 6; i < 8; ++i) b[i] = static_cast<std::uint8_t>(r1 >> (8 * i));
  for (std::size_t i = 8; i < 16; ++i) b[i] = static_cast<std::uint8_t>(r2 >> (8 * (i - 8)));
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x70);  // version 7
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 9562 variant
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 0x0F];
  }
  return out;
}

std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t n = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

std::string placeholder(Engine e, int i) { return e == Engine::postgres ? "$" + std::to_string(i) : "?"; }

void decode(const Value& v, std::int16_t& out, std::string_view where) {
  out = detail::narrow<std::int16_t>(as_int(not_null(v, where)), where);
}
void decode(const Value& v, std::int32_t& out, std::string_view where) {
  out = detail::narrow<std::int32_t>(as_int(not_null(v, where)), where);
}
void decode(const Value& v, std::int64_t& out, std::string_view where) { out = as_int(not_null(v, where)); }
void decode(const Value& v, bool& out, std::string_view where) { out = as_bool(not_null(v, where)); }
void decode(const Value& v, float& out, std::string_view where) { out = static_cast<float>(as_double(not_null(v, where))); }
void decode(const Value& v, double& out, std::string_view where) { out = as_double(not_null(v, where)); }
void decode(const Value& v, std::string& out, std::string_view where) { out = as_string(not_null(v, where)); }
void decode(const Value& v, Bytes& out, std::string_view where) { out = as_bytes(not_null(v, where)); }

void decode(const Value& v, Json& out, std::string_view where) {
  const std::string text = as_string(not_null(v, where));
  out = Json::parse(text, nullptr, false);
  if (out.is_discarded()) detail::bad_cell(where, "the stored text is not JSON");
}

void decode(const Value& v, Date& out, std::string_view where) {
  const std::string text = as_string(not_null(v, where));
  auto d = parse_date(text.substr(0, 10));
  if (!d) detail::bad_cell(where, "'" + text + "' is not a date");
  out = *d;
}

void decode(const Value& v, Timestamp& out, std::string_view where) {
  const std::string text = as_string(not_null(v, where));
  auto t = parse_timestamp(text);
  if (!t) detail::bad_cell(where, "'" + text + "' is not a timestamp");
  out = *t;
}

}  // namespace sf::db
