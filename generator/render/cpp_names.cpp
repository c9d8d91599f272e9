#include "generator/render/cpp_names.hpp"

#include <algorithm>
#include <iterator>
#include <cstdio>
#include <set>

namespace sf::render {
namespace {

// C++20 keywords and alternative tokens ([lex.key], [lex.digraph]).
constexpr std::string_view keywords[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch", "char",
    "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr", "constinit",
    "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete", "do", "double",
    "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if",
    "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
    "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "requires", "return", "short", "signed",
    "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw",
    "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
    "wchar_t", "while", "xor", "xor_eq", "final", "override", "import", "module", "assert"};
// (`final`, `override`, `import`, `module` are contextual; `assert` is a macro. Avoiding them costs nothing.)

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : name) {
    if (is_word_char(c)) {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string singular(std::string w) {
  auto ends = [&](std::string_view s) { return w.size() > s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0; };
  if (ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes")) return w.substr(0, w.size() - 2);
  if (ends("ss") || ends("us") || ends("is")) return w;
  if (ends("s")) return w.substr(0, w.size() - 1);
  return w;
}

}  // namespace

std::string cpp_identifier(std::string_view name) {
  std::string out;
  for (char c : name) out += (is_word_char(c) || c == '_') ? c : '_';
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "v" + out;
  if (std::find(std::begin(keywords), std::end(keywords), out) != std::end(keywords)) out += '_';
  // Names with a double underscore or _Capital start are reserved to the implementation.
  if (out.find("__") != std::string::npos || (out.size() > 1 && out[0] == '_' && out[1] >= 'A' && out[1] <= 'Z'))
    out = "f" + out;
  return out;
}

std::string pascal_case(std::string_view name) {
  std::string out;
  for (auto w : words(name)) {
    if (w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
    out += w;
  }
  return cpp_identifier(out);
}

std::string row_type_name(std::string_view table) {
  auto ws = words(table);
  if (ws.empty()) return cpp_identifier(table);
  ws.back() = singular(ws.back());
  std::string joined;
  for (const auto& w : ws) joined += (joined.empty() ? "" : "_") + w;
  return pascal_case(joined);
}

std::vector<std::string> enum_members(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  std::set<std::string> used;
  for (const auto& v : values) {
    std::string m = cpp_identifier(v);
    for (int n = 2; used.count(m); ++n) m = cpp_identifier(v) + "_" + std::to_string(n);
    used.insert(m);
    out.push_back(m);
  }
  return out;
}

std::string cpp_string_literal(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace sf::render
