#include "runtime/db/dsn.hpp"

#include <cctype>

namespace sf::db {
namespace {

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// "30", "30s", "500ms", "2m": a bare number is seconds, like JDBC's socketTimeout.
std::chrono::milliseconds parse_timeout(const std::string& text) {
  const auto digits = text.find_first_not_of("0123456789");
  const std::string unit = digits == std::string::npos ? "s" : text.substr(digits);
  const std::string number = text.substr(0, digits);
  const long long scale = unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60'000 : 0;
  if (number.empty() || number.size() > 9 || scale == 0)
    throw std::invalid_argument("DSN option read_timeout='" + text + "' is not a duration; write e.g. 30s, 500ms or 2m");
  return std::chrono::milliseconds(std::stoll(number) * scale);
}

}  // namespace

const char* to_string(Engine e) {
  switch (e) {
    case Engine::postgres: return "postgres";
    case Engine::mysql: return "mysql";
    case Engine::sqlite: return "sqlite";
  }
  return "sqlite";
}

Dsn Dsn::parse(std::string_view text) {
  Dsn d;
  auto scheme_end = text.find(':');
  if (scheme_end == std::string_view::npos)
    throw std::invalid_argument("DSN has no scheme; use postgresql://, mysql:// or sqlite:");
  std::string scheme(text.substr(0, scheme_end));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = text.substr(scheme_end + 1);
  if (scheme == "sqlite" || scheme == "sqlite3") {
    d.engine = Engine::sqlite;
    if (rest.substr(0, 2) == "//") rest.remove_prefix(2);  // sqlite:///abs/path or sqlite://rel
    if (rest.empty()) throw std::invalid_argument("sqlite DSN has no path; use sqlite:path/to/file.db or sqlite::memory:");
    auto q = rest.find('?');
    d.database = std::string(rest.substr(0, q));
    return d;
  }
  if (scheme == "postgresql" || scheme == "postgres")
    d.engine = Engine::postgres;
  else if (scheme == "mysql" || scheme == "mariadb")
    d.engine = Engine::mysql;
  else
    throw std::invalid_argument("unknown DSN scheme '" + scheme + "'; use postgresql://, mysql:// (or mariadb://) or sqlite:");
  if (rest.substr(0, 2) != "//") throw std::invalid_argument(scheme + " DSN must look like " + scheme + "://user:pass@host:port/db");
  rest.remove_prefix(2);
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto colon = userinfo.find(':');
    d.user = percent_decode(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) d.password = percent_decode(userinfo.substr(colon + 1));
  }
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    d.host = std::string(authority.substr(0, colon));
    std::string port(authority.substr(colon + 1));
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5)
      throw std::invalid_argument("DSN port '" + port + "' is not a number");
    d.port = std::stoi(port);
  } else {
    d.host = std::string(authority);
  }
  if (d.host.empty()) d.host = "127.0.0.1";
  if (d.port == 0) d.port = d.engine == Engine::postgres ? 5432 : 3306;
  auto q = path.find('?');
  d.database = percent_decode(path.substr(0, q));
  if (q != std::string_view::npos) {
    std::string_view query = path.substr(q + 1);
    while (!query.empty()) {
      auto amp = query.find('&');
      std::string_view kv = query.substr(0, amp);
      auto eq = kv.find('=');
      d.options[percent_decode(kv.substr(0, eq))] = eq == std::string_view::npos ? "" : percent_decode(kv.substr(eq + 1));
      query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    }
  }
  if (auto t = d.options.find("read_timeout"); t != d.options.end()) {  // ours: the driver would refuse it
    d.read_timeout = parse_timeout(t->second);
    d.options.erase(t);
  }
  if (d.database.empty()) throw std::invalid_argument(std::string(to_string(d.engine)) + " DSN names no database (…/dbname)");
  return d;
}

std::string Dsn::redacted() const {
  if (engine == Engine::sqlite) return "sqlite:" + database;
  std::string out = std::string(engine == Engine::postgres ? "postgresql" : "mysql") + "://";
  if (!user.empty()) out += user + (password.empty() ? "" : ":***") + "@";
  out += host + ":" + std::to_string(port) + "/" + database;
  return out;
}

std::string redact_secrets(std::string message, const Dsn& dsn) {
  if (dsn.password.empty()) return message;
  for (std::size_t p = message.find(dsn.password); p != std::string::npos; p = message.find(dsn.password, p))
    message.replace(p, dsn.password.size(), "***");
  return message;
}

}  // namespace sf::db
