#include "generator/ingest/sql_reader.hpp"

#include "generator/model/engines.hpp"
#include "generator/model/strings.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "generator/dialect/dialect.hpp"
#include "generator/model/default_value.hpp"
#include "generator/ingest/sql_lexer.hpp"

namespace sf::ingest {
namespace {

using model::Column;
using model::ForeignKey;
using model::Table;
using WrittenKey = dialect::Spelling::WrittenKey;

using model::lower;
using model::trim;

// The token cursor plus the small grammar pieces every statement shares.
class Cursor {
 public:
  Cursor(std::string_view sql, std::vector<Token> toks) : sql_(sql), t_(std::move(toks)) {}

  const Token& peek(std::size_t ahead = 0) const { return t_[std::min(i_ + ahead, t_.size() - 1)]; }
  const Token& next() { return t_[i_ < t_.size() - 1 ? i_++ : i_]; }
  bool at_end() const { return peek().kind == TokenKind::end; }
  bool accept(std::string_view kw) {
    if (!peek().is(kw)) return false;
    ++i_;
    return true;
  }
  bool accept_punct(std::string_view p) {
    if (!peek().is_punct(p)) return false;
    ++i_;
    return true;
  }
  bool accept_all(std::initializer_list<std::string_view> kws) {
    for (std::size_t k = 0; k < kws.size(); ++k)
      if (!peek(k).is(*(kws.begin() + static_cast<std::ptrdiff_t>(k)))) return false;
    i_ += kws.size();
    return true;
  }
  [[noreturn]] void fail(const std::string& what, const Token* at = nullptr) const {
    const Token& t = at ? *at : peek();
    std::string found = t.kind == TokenKind::end ? "end of input" : "'" + t.text + "'";
    throw SqlError(t.line, t.column, what + ", found " + found);
  }
  // An error about meaning rather than syntax: no "found …" suffix.
  [[noreturn]] void fail_at(const std::string& what, const Token& at) const { throw SqlError(at.line, at.column, what); }
  void expect(std::string_view kw) {
    if (!accept(kw)) fail("expected " + std::string(kw));
  }
  void expect_punct(std::string_view p) {
    if (!accept_punct(p)) fail("expected '" + std::string(p) + "'");
  }
  std::string name(const char* what) {
    if (!peek().is_name()) fail(std::string("expected ") + what);
    return next().text;
  }
  // schema.table -> table (the model has one namespace)
  std::string qualified_name(const char* what) {
    std::string n = name(what);
    while (accept_punct(".")) n = name(what);
    return n;
  }
  // `USING gin` before or after the column list: the method, lower case; ""
  // when absent or btree, every engine's default.
  std::string index_method() {
    std::string m = accept("USING") ? lower(name("an index method")) : std::string{};
    return m == "btree" ? std::string{} : m;
  }
  std::vector<std::string> name_list() {
    expect_punct("(");
    std::vector<std::string> out;
    do out.push_back(name("a column name"));
    while (accept_punct(","));
    expect_punct(")");
    return out;
  }
  std::vector<model::IndexColumn> index_columns() {
    expect_punct("(");
    std::vector<model::IndexColumn> out;
    do {
      model::IndexColumn c;
      if (peek().is_punct("(")) {
        c.expression = trim(skip_group());  // (lower(email))
      } else {
        const std::size_t from = pos();
        c.name = name("a column name");
        while (accept_punct(".")) c.name += "." + name("a name");  // schema.function(…)
        if (peek().is_punct("(")) {
          const std::string inner = trim(skip_group());
          if (!inner.empty() && std::all_of(inner.begin(), inner.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })) {
            c.length = std::stoi(inner.substr(0, 6));  // MySQL prefix length: key_(768)
          } else {
            c.expression = text(from, pos());  // a function call: lower(email)
            c.name.clear();
          }
        }
      }
      // A column collation makes the part an expression, (name COLLATE x): the
      // model keeps no index collation of its own.
      if (peek().is("COLLATE")) {
        const std::string part = c.expression.empty() ? c.name : "(" + c.expression + ")";
        const std::size_t from = pos();
        next();
        qualified_name("a collation");
        c.expression = part + " " + text(from, pos());
        c.name.clear();
      }
      // PostgreSQL's operator class: `payload jsonb_path_ops`.
      if (peek().kind == TokenKind::word && !peek().is("ASC") && !peek().is("DESC") && !peek().is("NULLS"))
        c.opclass = lower(next().text);
      if (accept("DESC"))
        c.descending = true;
      else
        accept("ASC");
      if (accept("NULLS") && !accept("FIRST")) expect("LAST");
      out.push_back(c);
    } while (accept_punct(","));
    expect_punct(")");
    return out;
  }
  // Skips a balanced ( … ) group and returns its inner source text.
  std::string skip_group() {
    const Token& open = peek();
    expect_punct("(");
    int depth = 1;
    std::size_t inner_begin = open.end;
    while (depth > 0) {
      if (at_end()) fail_at("missing ')' to close this '('", open);
      const Token& t = next();
      if (t.is_punct("(")) ++depth;
      if (t.is_punct(")")) --depth;
    }
    return trim(sql_.substr(inner_begin, t_[i_ - 1].begin - inner_begin));
  }
  void skip_statement() {
    int depth = 0;
    while (!at_end()) {
      if (peek().is_punct("(")) ++depth;
      if (peek().is_punct(")")) --depth;
      if (depth <= 0 && peek().is_punct(";")) return;
      next();
    }
  }
  std::string text(std::size_t from_token, std::size_t to_token) const {
    if (to_token <= from_token) return {};
    return trim(sql_.substr(t_[from_token].begin, t_[to_token - 1].end - t_[from_token].begin));
  }
  std::size_t pos() const { return i_; }

 private:
  std::string_view sql_;
  std::vector<Token> t_;
  std::size_t i_ = 0;
};

std::optional<model::FkAction> read_action(Cursor& c, bool& truncated_set) {
  if (c.accept("CASCADE")) return model::FkAction::cascade;
  if (c.accept("RESTRICT")) return model::FkAction::restrict;
  if (c.accept_all({"NO", "ACTION"})) return model::FkAction::no_action;
  if (c.accept("SET")) {
    if (c.accept("NULL")) return model::FkAction::set_null;
    if (c.accept("DEFAULT")) return model::FkAction::set_default;
    truncated_set = true;  // "ON DELETE SET" cut short: the caller decides
    return model::FkAction::set_null;
  }
  c.fail("expected CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT");
}

FkActions read_actions(Cursor& c) {
  FkActions a;
  while (c.peek().is("ON")) {
    c.next();
    if (c.accept("DELETE"))
      a.on_delete = *read_action(c, a.delete_truncated_set);
    else if (c.accept("UPDATE"))
      a.on_update = *read_action(c, a.update_truncated_set);
    else
      c.fail("expected DELETE or UPDATE after ON");
  }
  if (c.accept("MATCH")) c.name("MATCH FULL|SIMPLE|PARTIAL");
  return a;
}

// [NOT] DEFERRABLE [INITIALLY DEFERRED | IMMEDIATE] after a constraint, in any order.
model::Deferral read_timing(Cursor& c) {
  bool deferrable = false, initially_deferred = false;
  for (;;) {
    if (c.accept_all({"NOT", "DEFERRABLE"})) {
      deferrable = false;
    } else if (c.accept("DEFERRABLE")) {
      deferrable = true;
    } else if (c.accept("INITIALLY")) {
      initially_deferred = c.accept("DEFERRED");
      if (!initially_deferred) c.expect("IMMEDIATE");
    } else {
      break;
    }
  }
  if (initially_deferred) deferrable = true;  // INITIALLY DEFERRED implies DEFERRABLE
  if (!deferrable) return model::Deferral::none;
  return initially_deferred ? model::Deferral::deferred : model::Deferral::immediate;
}

// What CREATE INDEX may say after the columns: INCLUDE (…), NULLS [NOT]
// DISTINCT (PostgreSQL), WITH (storage parameters, the server's), and WHERE,
// whose predicate runs to the end of the statement (a partial index).
void read_index_tail(Cursor& c, model::Index& idx) {
  if (c.accept("INCLUDE")) idx.include = c.name_list();  // PostgreSQL: carried, not keyed
  if (c.accept("NULLS")) {
    idx.nulls_not_distinct = c.accept("NOT");
    c.expect("DISTINCT");
  }
  if (c.accept("WITH") && c.peek().is_punct("(")) c.skip_group();
  if (c.accept("WHERE")) {
    const std::size_t from = c.pos();
    while (!c.at_end() && !c.peek().is_punct(";")) c.next();
    idx.where = c.text(from, c.pos());
  }
}

// A DEFAULT or ON UPDATE value: a literal, a (possibly called) word, or a
// parenthesised expression; a trailing PostgreSQL cast ('x'::text) is dropped.
// A PostgreSQL cast after a value, `::character varying(20)[]`, skipped.
void skip_casts(Cursor& c) {
  while (c.accept_punct("::")) {
    c.name("a type after ::");
    while (c.peek().is("VARYING") || c.peek().is("PRECISION") || c.peek().is("WITH") || c.peek().is("WITHOUT") ||
           c.peek().is("TIME") || c.peek().is("ZONE"))
      c.next();
    if (c.peek().is_punct("(")) c.skip_group();
    while (c.peek().is_punct("[")) {
      c.next();
      c.expect_punct("]");
    }
  }
}

std::string read_value(Cursor& c) {
  std::size_t from = c.pos();
  if (c.peek().is_punct("(")) {
    c.skip_group();
  } else if (c.peek().is_punct("-") || c.peek().is_punct("+")) {
    c.next();
    if (c.peek().kind != TokenKind::number) c.fail("expected a number after the sign");
    c.next();
  } else if (c.peek().kind == TokenKind::string) {
    std::string v = c.next().text;
    std::string quoted = "'";
    for (char ch : v) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
    quoted += "'";
    skip_casts(c);
    return quoted;
  } else if (c.peek().kind == TokenKind::number || c.peek().kind == TokenKind::word || c.peek().kind == TokenKind::quoted_name) {
    c.next();  // a quoted name: pg_dump's "nextval"(…)
    if (c.peek().is_punct("(")) c.skip_group();
  } else {
    c.fail("expected a default value");
  }
  std::string out = c.text(from, c.pos());
  skip_casts(c);
  return out;
}

// `next` disambiguates CHARACTER SET (a clause) from CHARACTER VARYING (a type).
bool is_column_constraint_start(const Token& t, const Token& next) {
  if (t.is("CHARACTER")) return next.is("SET");
  if (t.is("AS")) return next.is_punct("(");  // MySQL's generated column: c INT AS (a + b)
  for (auto kw : {"NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "AUTO_INCREMENT", "AUTOINCREMENT", "COMMENT", "REFERENCES",
                  "CHECK", "CONSTRAINT", "GENERATED", "ON", "COLLATE", "CHARSET", "KEY", "IDENTITY", "INVISIBLE", "VISIBLE"})
    if (t.is(kw)) return true;
  return t.is_punct(",") || t.is_punct(")") || t.kind == TokenKind::end;
}

// What follows CREATE TABLE (…): MySQL's options (ENGINE=InnoDB DEFAULT
// CHARSET=utf8mb4 COLLATE=… ROW_FORMAT=… COMMENT='…', commas optional) and
// SQLite's STRICT and WITHOUT ROWID, up to the end of the statement. Returns
// true at PostgreSQL's WITH (…), TABLESPACE or PARTITION BY, which the model
// does not hold: the caller skips the rest.
bool read_table_options(Cursor& c, Table& t) {
  while (!c.at_end() && !c.peek().is_punct(";")) {
    if (c.peek().is("WITH") || c.peek().is("TABLESPACE") || c.peek().is("PARTITION")) return true;
    if (c.accept_punct(",")) continue;
    if (c.accept("STRICT")) {
      t.options[std::string(model::rowid_options_engine)][model::option_strict] = "true";
      continue;
    }
    if (c.accept_all({"WITHOUT", "ROWID"})) {
      t.options[std::string(model::rowid_options_engine)][model::option_without_rowid] = "true";
      continue;
    }
    c.accept("DEFAULT");
    std::string key;
    if (c.accept_all({"CHARACTER", "SET"}))
      key = "charset";
    else if (c.peek().kind == TokenKind::word)
      key = lower(c.next().text);
    else
      c.fail("expected a table option such as ENGINE=InnoDB or STRICT");
    c.accept_punct("=");
    const Token& v = c.peek();
    if (v.kind == TokenKind::end || v.is_punct(";") || v.is_punct(",")) c.fail("expected a value for table option " + key);
    c.next();
    if (key == "comment") {
      if (t.description.empty()) t.description = v.text;
    } else if (key != "auto_increment") {  // a dump's counter, not schema
      t.options[std::string(model::table_options_engine)][key] = v.text;
    }
  }
  return false;
}

// DEFINER = user[@host] (MySQL): whose rights a trigger or routine runs
// with, an account of the server the dump came from, not schema.
void skip_definer(Cursor& c) {
  c.expect("DEFINER");
  c.expect_punct("=");
  c.next();
  if (c.accept_punct("@")) c.next();
  if (c.accept_punct("(")) c.expect_punct(")");  // DEFINER = CURRENT_USER()
}

// Whether a trigger or routine follows CREATE [OR REPLACE] [DEFINER = …].
bool code_ahead(const Cursor& c) {
  const std::size_t k = c.peek().is("CONSTRAINT") ? 1 : 0;
  return c.peek(k).is("TRIGGER") || c.peek().is("FUNCTION") || c.peek().is("PROCEDURE");
}

// To the end of a trigger or routine: a semicolon outside its body. A
// PostgreSQL body is one $$ string; a MySQL or SQLite body is BEGIN … END,
// which holds semicolons, nested BEGIN/CASE … END, and END IF / END LOOP /
// END WHILE / END REPEAT, which close nothing counted here.
void skip_code_body(Cursor& c) {
  int depth = 0;
  while (!c.at_end()) {
    const Token& t = c.peek();
    if (depth == 0 && t.is_punct(";")) return;
    c.next();
    if (t.is("BEGIN") || t.is("CASE")) {
      ++depth;
    } else if (t.is("END")) {
      const Token& after = c.peek();
      if (after.is("IF") || after.is("LOOP") || after.is("WHILE") || after.is("REPEAT")) {
        c.next();
        continue;
      }
      if (after.is("CASE")) c.next();
      if (depth > 0) --depth;
    }
  }
}

// A routine's parameter list after its '(', to and past the ')': each
// parameter as written without its DEFAULT / = expression, joined by ", ".
std::string read_parameters(Cursor& c) {
  std::vector<std::string> params;
  std::string current;
  bool in_default = false;
  auto close = [&] {
    if (!current.empty()) params.push_back(current);
    current.clear();
    in_default = false;
  };
  for (int depth = 0; !c.at_end();) {
    const Token& t = c.next();
    if (t.is_punct("(")) ++depth;
    if (t.is_punct(")") && depth-- == 0) break;
    if (depth == 0 && t.is_punct(",")) {
      close();
      continue;
    }
    if (depth == 0 && (t.is("DEFAULT") || t.is_punct("="))) in_default = true;
    if (in_default) continue;
    const bool glue = t.is_punct("(") || t.is_punct(")") || t.is_punct("[") || t.is_punct("]") || t.is_punct(",") || t.is_punct(".");
    const bool after_glue = !current.empty() && (current.back() == '(' || current.back() == '[' || current.back() == '.');
    if (!current.empty() && !glue && !after_glue) current += ' ';
    current += t.kind == TokenKind::quoted_name ? "\"" + t.text + "\"" : t.text;
  }
  close();
  return model::join(params);
}

// [CONSTRAINT] TRIGGER … / FUNCTION … / PROCEDURE …, after CREATE [OR
// REPLACE] [DEFINER = …]: kept as written from the object's kind to the
// statement's end, behind CREATE (OR REPLACE and DEFINER are the engine's
// CREATE's to put back). `name_at` and `table_at` get the name's and a
// trigger's table's token, for errors about them.
CodeStatement read_code(Cursor& c, const Token** name_at = nullptr, const Token** table_at = nullptr) {
  CodeStatement out;
  const std::size_t head = c.pos();
  out.trigger = !c.peek().is("FUNCTION") && !c.peek().is("PROCEDURE");
  c.accept("CONSTRAINT");
  c.next();  // TRIGGER, FUNCTION or PROCEDURE
  c.accept_all({"IF", "NOT", "EXISTS"});
  if (name_at) *name_at = &c.peek();
  const char* what = out.trigger ? "a trigger name" : "a routine name";
  const Token* last = &c.peek();  // schema.name: the name's own token says whether it is quoted
  out.name = c.name(what);
  while (c.accept_punct(".")) {
    last = &c.peek();
    out.name = c.name(what);
  }
  out.name_quoted = last->kind == TokenKind::quoted_name;
  if (!out.trigger && c.accept_punct("(")) out.parameters = read_parameters(c);
  if (out.trigger) {
    while (!c.at_end() && !c.peek().is_punct(";") && !c.peek().is("ON")) c.next();
    c.expect("ON");
    if (table_at) *table_at = &c.peek();
    out.table = c.qualified_name("the trigger's table");
  }
  skip_code_body(c);
  out.sql = "CREATE " + c.text(head, c.pos());
  return out;
}

class Parser {
 public:
  Parser(const SourceText& src, std::string_view sql, int first_line, model::Schema& out, model::Diagnostics& diags)
      : src_(src), c_(sql, tokenize_sql(sql, first_line, backslash_escapes(out.engines))), out_(out), diags_(diags) {}

  void run() {
    while (!c_.at_end()) {
      if (c_.accept_punct(";")) continue;
      statement();
      if (!c_.at_end() && !c_.accept_punct(";")) c_.fail("expected ';' at the end of the statement");
    }
    for (const auto& [kind, seen] : skipped_kinds_)
      diags_.note(src_.loc(seen.first), std::to_string(seen.second) + " × " + kind + ": not part of the schema model yet; read past");
    if (!native_kept_.empty()) {
      std::string kinds;
      for (const auto& k : native_kept_) kinds += (kinds.empty() ? "" : ", ") + k;
      diags_.note(src_.loc(1), "types kept as the project's " + out_.engines.front() + " types, as written: " + kinds);
    }
  }

 private:
  model::SourceLoc loc(const Token& t) const { return src_.loc(t.line); }

  // A one-engine project's strings read as its engine reads them; a
  // portable spec's as MySQL's do (each engine's DDL escapes them again).
  static bool backslash_escapes(const std::vector<std::string>& engines) {
    return engines.size() != 1 || dialect::dialect_named(engines.front()).spelling().backslash_escapes();
  }

  void statement() {
    const Token& first = c_.peek();
    second_word_ = c_.peek(1).text;
    if (c_.peek(1).is("OR")) second_word_ = c_.peek(3).text;  // CREATE OR REPLACE FUNCTION
    if (c_.accept("CREATE")) {
      c_.accept_all({"OR", "REPLACE"});
      if (c_.peek().is("DEFINER")) skip_definer(c_);
      if (code_ahead(c_)) return create_code(first);
      if (c_.accept("TEMPORARY") || c_.accept("TEMP")) c_.fail("temporary tables are not part of a schema spec");
      if (c_.accept("TABLE")) return create_table(first);
      if (c_.peek().is("UNIQUE") || c_.peek().is("INDEX") || c_.peek().is("FULLTEXT") || c_.peek().is("SPATIAL"))
        return create_index(first);
      if (c_.accept("TYPE")) return create_type();
      if (c_.accept("EXTENSION")) return create_extension();
      if (view_ahead()) return create_view(first);
    } else if (c_.accept("ALTER")) {
      if (c_.accept("TABLE")) return alter_table();
    } else if (c_.accept("COMMENT")) {
      if (c_.accept("ON")) return comment_on();
    }
    std::string kind = model::upper(first.text);
    if (kind == "CREATE" || kind == "ALTER" || kind == "COMMENT") kind += " " + model::upper(second_word_);
    skip_statement_as(kind, first.line);
  }

  // Statements that carry no schema (SET, GRANT, INSERT, LOCK TABLES …) are
  // skipped in silence; the others (CREATE SEQUENCE, CREATE TRIGGER …) are
  // schema the model does not hold yet: one note per kind, at its first line.
  void skip_statement_as(const std::string& kind, int line) {
    static const std::set<std::string> no_schema = {"SET", "SELECT", "GRANT", "REVOKE", "INSERT", "UPDATE", "DELETE", "LOCK",
                                                    "UNLOCK", "BEGIN", "COMMIT", "START", "ROLLBACK", "USE", "DROP", "ANALYZE",
                                                    "VACUUM", "REFRESH", "TRUNCATE", "DO", "PRAGMA", "END", "RESET"};
    c_.skip_statement();
    if (no_schema.count(kind)) return;
    read_past(kind, line);
  }

  // One more of `kind` read past; run() notes each kind once, at its first line.
  void read_past(const std::string& kind, int line) { ++skipped_kinds_.emplace(kind, std::pair{line, 0}).first->second.second; }

  // CREATE [CONSTRAINT] TRIGGER / FUNCTION / PROCEDURE: one engine's code
  // (read_code). It belongs to the project's engine; where the project
  // targets several, nothing says which, so it is read past with a note.
  void create_code(const Token& first) {
    if (out_.engines.size() != 1) {
      const std::string kind = c_.peek().is("FUNCTION") || c_.peek().is("PROCEDURE") ? model::upper(c_.peek().text) : "TRIGGER";
      skip_code_body(c_);
      auto [it, fresh] = skipped_kinds_.emplace("CREATE " + kind + " (one engine's code: a project that targets one engine, "
                                                "schemaforge.yaml engines: [<engine>], keeps it)", std::pair{first.line, 0});
      ++it->second.second;
      return;
    }
    const std::string& engine = out_.engines.front();
    const Token *name_tok = nullptr, *table_tok = nullptr;
    CodeStatement code = read_code(c_, &name_tok, &table_tok);
    code.name = model::created_name(engine, code.name, code.name_quoted);
    if (!code.trigger) {
      out_.routines.push_back({code.name, {{engine, code.sql}}, loc(first)});
      return;
    }
    // INSTEAD OF triggers on a view, and triggers on a table skipped above
    // (a partition): schema the model does not hold yet, read past with a note.
    if (views_.count(code.table) || skipped_tables_.count(code.table)) {
      const char* kind = views_.count(code.table) ? "CREATE TRIGGER on a view" : "CREATE TRIGGER on a table skipped above";
      read_past(kind, first.line);
      return;
    }
    Table& t = table_named(code.table, *table_tok);
    for (const auto& other : t.triggers)
      if (other.name == code.name) c_.fail_at("trigger '" + code.name + "' is created twice on table '" + t.name + "'", *name_tok);
    t.triggers.push_back({code.name, {{engine, code.sql}}, loc(first)});
  }

  // CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]:
  // the name is the model's; where it goes and which version are the server's.
  void create_extension() {
    c_.accept_all({"IF", "NOT", "EXISTS"});
    out_.extensions.push_back(c_.name("an extension name"));
    c_.skip_statement();
  }

  Table& table_named(const std::string& name, const Token& at) {
    for (auto& t : out_.tables)
      if (t.name == name && t.loc.file == src_.path()) return t;
    c_.fail_at("table '" + name + "' is not created earlier in this file", at);
  }

  void create_table(const Token& first) {
    written_.clear();
    c_.accept_all({"IF", "NOT", "EXISTS"});
    Table t;
    t.loc = loc(first);
    t.sources.push_back(src_.path());
    const Token& name_tok = c_.peek();
    t.name = c_.qualified_name("a table name");
    if (c_.peek().is("PARTITION") && c_.peek(1).is("OF")) {  // a partition: not modelled yet
      skipped_tables_.insert(t.name);
      skip_statement_as("CREATE TABLE … PARTITION OF", first.line);
      return;
    }
    if (c_.peek().is("LIKE") || c_.peek().is("AS")) c_.fail("CREATE TABLE … LIKE/AS cannot be read as a spec; write the columns out");
    if (!c_.peek().is_punct("(")) c_.fail("expected '(' after the table name");
    c_.next();
    do table_element(t);
    while (c_.accept_punct(","));
    c_.expect_punct(")");
    if (read_table_options(c_, t)) c_.skip_statement();
    if (t.columns.empty()) c_.fail_at("table '" + t.name + "' has no columns", name_tok);
    for (const auto& name : binary_collation_) {
      const auto& opts = t.options[std::string(model::table_options_engine)];
      const auto charset = opts.find("charset");
      t.find_column(name)->collations[std::string(model::table_options_engine)] =
          (charset == opts.end() ? std::string("utf8mb4") : lower(charset->second)) + "_bin";
    }
    binary_collation_.clear();
    name_unnamed(t);
    enum_checks_to_enums(t);
    out_.tables.push_back(std::move(t));
  }

  void table_element(Table& t) {
    const Token& start = c_.peek();
    std::string constraint_name;
    if (c_.accept("CONSTRAINT")) {
      if (!c_.peek().is("PRIMARY") && !c_.peek().is("UNIQUE") && !c_.peek().is("FOREIGN") && !c_.peek().is("CHECK"))
        constraint_name = c_.name("a constraint name");
    }
    if (c_.accept("PRIMARY")) {
      c_.expect("KEY");
      if (c_.peek().is_name() && !c_.peek().is("USING")) c_.name("a key name");  // MySQL takes one and ignores it
      if (c_.accept("USING")) c_.name("an index method");
      set_primary_key(t, {constraint_name, key_columns(), loc(start)}, start);
      c_.index_method();  // … USING BTREE after the columns
      return;
    }
    if (c_.accept("UNIQUE")) {
      if (!c_.accept("KEY")) c_.accept("INDEX");
      const bool nulls_not_distinct = c_.accept_all({"NULLS", "NOT", "DISTINCT"});
      std::string n = constraint_name;
      if (c_.peek().is_name() && !c_.peek().is("USING")) n = c_.name("an index name");
      if (c_.accept("USING")) c_.name("an index method");
      auto cols = key_columns();
      c_.index_method();
      const model::Deferral deferral = read_timing(c_);
      t.uniques.push_back({n, cols, loc(start), deferral, nulls_not_distinct});
      written_.push_back({WrittenKey::Kind::unique, t.uniques.size() - 1});
      return;
    }
    if (c_.accept("FOREIGN")) {
      c_.expect("KEY");
      ForeignKey fk;
      fk.name = constraint_name;
      if (c_.peek().is_name()) fk.name = c_.name("a foreign key name");
      fk.columns = c_.name_list();
      references(t, fk, start);
      return;
    }
    if (c_.accept("CHECK")) {
      std::string expr = c_.skip_group();
      t.checks.push_back({constraint_name, expr, loc(start)});
      written_.push_back({WrittenKey::Kind::check, t.checks.size() - 1});
      return;
    }
    if (!constraint_name.empty()) c_.fail("expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK after CONSTRAINT name");
    if ((c_.peek().is("INDEX") || c_.peek().is("KEY")) && index_clause_ahead()) {
      c_.next();
      model::Index idx;
      if (c_.peek().is_name() && !c_.peek().is("USING")) idx.name = c_.name("an index name");
      idx.method = c_.index_method();
      idx.columns = c_.index_columns();
      if (auto m = c_.index_method(); !m.empty()) idx.method = m;
      idx.loc = loc(start);
      t.indexes.push_back(std::move(idx));
      written_.push_back({WrittenKey::Kind::index, t.indexes.size() - 1});
      return;
    }
    if ((c_.peek().is("FULLTEXT") || c_.peek().is("SPATIAL")) && index_clause_ahead()) {
      model::Index idx;
      idx.method = lower(c_.next().text);  // MySQL's FULLTEXT and SPATIAL are index kinds: methods here
      if (!c_.accept("KEY")) c_.accept("INDEX");
      if (c_.peek().is_name() && !c_.peek().is_punct("(")) idx.name = c_.name("an index name");
      idx.columns = c_.index_columns();
      c_.index_method();
      idx.loc = loc(start);
      t.indexes.push_back(std::move(idx));
      written_.push_back({WrittenKey::Kind::index, t.indexes.size() - 1});
      return;
    }
    column_definition(t);
  }

  // A key's column list; MySQL prefix lengths in it, (name(10)), are read and
  // dropped: a key covers whole values in the model.
  std::vector<std::string> key_columns() {
    std::vector<std::string> out;
    for (const auto& ic : c_.index_columns()) {
      if (!ic.expression.empty()) c_.fail("a key lists columns, not expressions; write a unique index for (" + ic.expression + ")");
      out.push_back(ic.name);
    }
    return out;
  }

  // Whether the bare word ahead (KEY, INDEX, FULLTEXT, SPATIAL) opens an
  // index clause rather than naming a column: `KEY (a)`, `KEY idx (a)`,
  // `FULLTEXT KEY idx (a)`, `INDEX idx USING BTREE (a)` are clauses;
  // `key varchar(20)`, `fulltext text` are columns. A clause's parentheses
  // hold column names; a type's hold numbers.
  bool index_clause_ahead() const {
    if (c_.peek().kind != TokenKind::word) return false;  // `key` quoted is a name
    std::size_t i = 1;
    if (c_.peek(i).is("KEY") || c_.peek(i).is("INDEX")) ++i;  // FULLTEXT KEY …
    if (c_.peek(i).is_punct("(")) return true;
    if (c_.peek(i).is("USING")) return true;
    if (!c_.peek(i).is_name()) return false;
    ++i;
    if (c_.peek(i).is("USING")) return true;
    return c_.peek(i).is_punct("(") && (c_.peek(i + 1).is_name() || c_.peek(i + 1).is_punct("("));  // ((expr)): MySQL 8 functional part
  }

  void column_definition(Table& t) {
    const Token& name_tok = c_.peek();
    Column col;
    col.name = c_.name("a column name");
    col.loc = loc(name_tok);
    if (t.find_column(col.name)) c_.fail_at("column '" + col.name + "' is defined twice in table '" + t.name + "'", name_tok);
    const Token& type_tok = c_.peek();
    const std::string type_text = column_type_text(col.name);
    set_column_type(t, col, type_text, type_tok);
    charset_alone_ = 0;
    while (column_constraint(t, col)) continue;
    if (charset_alone_ != 0)  // its default collation is the server's to say (utf8mb4: MySQL 8's is not MariaDB's)
      read_past("a column's CHARACTER SET without COLLATE (write the collation)", charset_alone_);
    // identity columns are keys: never NULL; and a DDL file says its
    // signedness, so a signed AUTO_INCREMENT or IDENTITY stays signed.
    if (col.identity) col.nullable = false;
    if (col.identity && !col.is_unsigned && col.type.is_integer()) col.keep_signed = true;
    t.columns.push_back(std::move(col));
  }

  // The type: every token up to the first column-constraint keyword, as written
  // but without pg_dump's quoting and MySQL's BINARY attribute.
  std::string column_type_text(const std::string& column) {
    std::size_t from = c_.pos();
    if (is_column_constraint_start(c_.peek(), c_.peek(1))) {
      // SQLite takes a column without a type (its affinity is BLOB's, "none").
      if (out_.engines == std::vector<std::string>{std::string(model::typeless_columns_engine)}) return {};
      c_.fail("expected a type for column '" + column + "' (only a project that targets sqlite alone may leave it out)");
    }
    while (!is_column_constraint_start(c_.peek(), c_.peek(1))) {
      if (c_.peek().is_punct("(")) {
        c_.skip_group();
      } else if (c_.peek().is_punct("[")) {  // an array, text[] or integer[3]
        c_.next();
        while (!c_.at_end() && !c_.peek().is_punct("]")) c_.next();
        c_.expect_punct("]");
      } else if (c_.peek().kind == TokenKind::word || c_.peek().kind == TokenKind::quoted_name || c_.peek().is_punct(".")) {
        c_.next();
      } else {
        c_.fail("unexpected token in the type of column '" + column + "'");
      }
    }
    std::string type_text = c_.text(from, c_.pos());
    std::erase(type_text, '"');  // pg_dump quotes type names: "text", "public"."citext"
    if (lower(type_text).rfind("pg_catalog.", 0) == 0) type_text.erase(0, 11);
    // MySQL's legacy BINARY attribute on a character type means its charset's
    // binary collation, set once the table's charset is known.
    if (const std::string folded = lower(type_text); folded.size() > 7 && folded.compare(folded.size() - 7, 7, " binary") == 0 &&
                                                     (folded.find("char") != std::string::npos || folded.find("text") != std::string::npos)) {
      type_text.erase(type_text.size() - 7);
      binary_collation_.push_back(column);
    }
    return type_text;
  }

  // An enum declared by CREATE TYPE, a type the model names, or (on a one-engine project) that engine's own.
  void set_column_type(const Table& t, Column& col, const std::string& type_text, const Token& type_tok) {
    if (type_text.empty()) {  // SQLite's typeless column: declared without a type, generated back so
      col.type = model::LogicalType::of(model::TypeKind::text);
      col.native_types[std::string(model::typeless_columns_engine)] = "";
      return;
    }
    if (auto e = enum_types_.find(lower(type_text)); e != enum_types_.end()) {
      col.type = model::LogicalType::enumeration(e->second);
      return;
    }
    std::string err;
    auto parsed = model::parse_type_name(type_text, err);
    if (!parsed && out_.engines.size() == 1) {
      // A project on one engine keeps a type the model has no name for as
      // that engine's own (SET('a'), inet, text[]): generated back as written.
      col.type = model::LogicalType::of(model::TypeKind::text);
      col.native_types[out_.engines.front()] = type_text;
      native_kept_.insert(lower(type_text.substr(0, type_text.find_first_of("([ "))));
    } else if (!parsed) {
      throw SqlError(type_tok.line, type_tok.column,
                     err + " (column " + t.name + "." + col.name + "); a project that targets one engine (schemaforge.yaml "
                           "engines: [...]) keeps such a type as that engine's own");
    }
    if (parsed) col.type = parsed->type;
    // A project on one engine: the type as written, which the loader keeps
    // where the logical type would write another (ingest::keep_written_types).
    if (parsed && out_.engines.size() == 1) col.native_types[out_.engines.front()] = type_text;
    col.is_unsigned = parsed && parsed->is_unsigned;
    if (parsed && parsed->auto_increment_hint) {
      col.identity = true;
      col.nullable = false;
    }
  }

  // One constraint or attribute after a column's type; false when none is ahead.
  bool column_constraint(Table& t, Column& col) {
    const Token& at = c_.peek();
    if (c_.accept("NOT")) {
      c_.expect("NULL");
      col.nullable = false;
    } else if (c_.accept("NULL")) {
      col.nullable = true;
    } else if (c_.accept("DEFAULT")) {  // nextval() here stays a default (checks.cpp warns: no sequence is created)
      col.default_value = model::classify_default(read_value(c_));
    } else if (c_.accept("AUTO_INCREMENT") || c_.accept("AUTOINCREMENT")) {
      col.identity = true;
    } else if (c_.accept("INVISIBLE")) {  // MySQL 8.0.23 / MariaDB 10.3
      col.invisible = true;
    } else if (c_.accept("VISIBLE")) {
      col.invisible = false;
    } else if (c_.accept("PRIMARY")) {
      c_.expect("KEY");
      col.nullable = false;
      set_primary_key(t, {"", {col.name}, loc(at)}, at);
    } else if (c_.accept("KEY")) {  // MySQL: a bare KEY on a column means PRIMARY KEY
      col.nullable = false;
      set_primary_key(t, {"", {col.name}, loc(at)}, at);
    } else if (c_.accept("UNIQUE")) {
      c_.accept("KEY");
      t.uniques.push_back({"", {col.name}, loc(at)});
      written_.push_back({WrittenKey::Kind::unique, t.uniques.size() - 1});
    } else if (c_.accept("COMMENT")) {
      if (c_.peek().kind != TokenKind::string) c_.fail("expected a string after COMMENT");
      col.description = c_.next().text;
    } else if (c_.accept("ON")) {
      c_.expect("UPDATE");
      col.on_update = model::canonical_expression(read_value(c_));
    } else if (c_.accept("GENERATED")) {
      generated_column(col);
    } else if (c_.accept("AS")) {  // MySQL: [GENERATED ALWAYS] AS (expression)
      generated_expression(col);
    } else if (c_.accept("IDENTITY")) {
      if (c_.peek().is_punct("(")) c_.skip_group();
      col.identity = true;
    } else if (c_.accept("REFERENCES")) {
      ForeignKey fk;
      fk.columns = {col.name};
      references(t, fk, at, /*already_consumed_references=*/true);
    } else if (c_.accept("CHECK")) {
      t.checks.push_back({"", c_.skip_group(), loc(at)});
      written_.push_back({WrittenKey::Kind::check, t.checks.size() - 1});
    } else if (c_.accept("CONSTRAINT")) {
      named_column_constraint(t, col, at);
    } else if (c_.peek().is("COLLATE")) {
      column_collation(col);
    } else if (c_.peek().is("CHARACTER") || c_.peek().is("CHARSET")) {
      if (c_.next().is("CHARACTER")) c_.expect("SET");
      c_.name("a character set");  // the collation says it (COLLATE latin1_bin is latin1's)
      if (!c_.peek().is("COLLATE")) charset_alone_ = at.line;
    } else {
      return false;
    }
    return true;
  }

  // After GENERATED: ALWAYS or BY DEFAULT, AS IDENTITY [(options)], or
  // ALWAYS AS (expression) for a computed column.
  void generated_column(Column& col) {
    const bool always = c_.accept("ALWAYS");
    if (!always) c_.expect("BY"), c_.expect("DEFAULT");
    c_.expect("AS");
    if (always && c_.peek().is_punct("(")) return generated_expression(col);
    c_.expect("IDENTITY");
    if (c_.peek().is_punct("(")) c_.skip_group();
    col.identity = true;
    col.nullable = false;
  }

  // After AS: (expression) [STORED | VIRTUAL | PERSISTENT], VIRTUAL when unsaid
  // (MySQL, SQLite; PostgreSQL 15 requires STORED).
  void generated_expression(Column& col) {
    if (!c_.peek().is_punct("(")) c_.fail("expected (expression) after AS in a generated column");
    model::GeneratedColumn g{model::trim(c_.skip_group()), false};
    g.stored = c_.accept("STORED") || c_.accept("PERSISTENT");  // PERSISTENT: MariaDB's older word
    if (!g.stored) c_.accept("VIRTUAL");
    col.generated = std::move(g);
  }

  // COLLATE name: the column's collation on the project's engine. Where a
  // project targets several, collation names are each engine's own and one
  // SQL spec cannot say whose: it is read past with a note, and a YAML
  // overlay gives it per engine (`collation: {mysql: …}`).
  void column_collation(Column& col) {
    const Token& at = c_.next();
    const std::string collation = c_.qualified_name("a collation");  // pg_dump: pg_catalog."C"
    if (out_.engines.size() == 1) {
      col.collations[out_.engines.front()] = collation;
      return;
    }
    read_past("a column's COLLATE in a project for several engines (give it per engine in YAML)", at.line);
  }

  // After CONSTRAINT in a column definition: the name, then CHECK, UNIQUE, PRIMARY KEY or REFERENCES.
  void named_column_constraint(Table& t, Column& col, const Token& at) {
    std::string n = c_.name("a constraint name");
    if (c_.accept("CHECK")) {
      t.checks.push_back({n, c_.skip_group(), loc(at)});
    } else if (c_.accept("UNIQUE")) {
      t.uniques.push_back({n, {col.name}, loc(at)});
      written_.push_back({WrittenKey::Kind::unique, t.uniques.size() - 1});
    } else if (c_.accept("PRIMARY")) {
      c_.expect("KEY");
      col.nullable = false;
      set_primary_key(t, {n, {col.name}, loc(at)}, at);
    } else if (c_.accept("REFERENCES")) {
      ForeignKey fk;
      fk.name = n;
      fk.columns = {col.name};
      references(t, fk, at, true);
    } else {
      c_.fail("expected CHECK, UNIQUE, PRIMARY KEY or REFERENCES after CONSTRAINT name");
    }
  }

  void references(Table& t, ForeignKey& fk, const Token& start, bool already_consumed_references = false) {
    if (!already_consumed_references) c_.expect("REFERENCES");
    fk.ref_table = c_.qualified_name("the referenced table");
    if (c_.peek().is_punct("(")) fk.ref_columns = c_.name_list();
    if (c_.accept("MATCH")) c_.next();  // MATCH FULL / SIMPLE: the model's FKs are SIMPLE
    FkActions a = read_actions(c_);
    fk.deferral = read_timing(c_);
    if (a.delete_truncated_set || a.update_truncated_set)
      c_.fail("incomplete action 'SET': write SET NULL or SET DEFAULT");
    fk.on_delete = a.on_delete;
    fk.on_update = a.on_update;
    fk.loc = loc(start);
    t.foreign_keys.push_back(std::move(fk));
    written_.push_back({WrittenKey::Kind::foreign_key, t.foreign_keys.size() - 1});
  }

  void set_primary_key(Table& t, model::Key key, const Token& at) {
    if (t.primary_key) c_.fail_at("table '" + t.name + "' has a second primary key", at);
    for (const auto& n : key.columns)
      if (auto* col = t.find_column(n)) col->nullable = false;
    t.primary_key = std::move(key);
  }

  // PostgreSQL spells enums as TEXT + CHECK (col IN ('a','b')); fold that back
  // into an enum column so both engines' DDL read into the same model.
  void enum_checks_to_enums(Table& t) {
    for (auto it = t.checks.begin(); it != t.checks.end();) {
      std::vector<Token> toks;
      try {
        toks = tokenize_sql(it->expression);
      } catch (const SqlError&) {
        ++it;
        continue;
      }
      Column* col = nullptr;
      std::vector<std::string> values;
      bool ok = toks.size() >= 6 && toks[0].is_name() && toks[1].is("IN") && toks[2].is_punct("(");
      if (ok) col = t.find_column(toks[0].text);
      ok = ok && col && col->type.is_textual();
      std::size_t k = 3;
      while (ok) {
        if (toks[k].kind != TokenKind::string) {
          ok = false;
          break;
        }
        values.push_back(toks[k].text);
        if (toks[k + 1].is_punct(",")) {
          k += 2;
          continue;
        }
        ok = toks[k + 1].is_punct(")") && toks[k + 2].kind == TokenKind::end;
        break;
      }
      if (!ok) {
        ++it;
        continue;
      }
      col->type = model::LogicalType::enumeration(values);
      it = t.checks.erase(it);
    }
  }

  void create_index(const Token& first) {
    written_.clear();
    bool unique = c_.accept("UNIQUE");
    std::string kind;  // MySQL CREATE FULLTEXT INDEX
    if (c_.peek().is("FULLTEXT") || c_.peek().is("SPATIAL")) kind = lower(c_.next().text);
    c_.expect("INDEX");
    c_.accept("CONCURRENTLY");
    c_.accept_all({"IF", "NOT", "EXISTS"});
    model::Index idx;
    idx.unique = unique;
    idx.loc = loc(first);
    if (!c_.peek().is("ON")) idx.name = c_.qualified_name("an index name");
    c_.expect("ON");
    c_.accept("ONLY");
    const Token& table_tok = c_.peek();
    const std::string table = c_.qualified_name("a table name");
    if (skipped_tables_.count(table)) return skip_statement_as("CREATE INDEX on a table skipped above", table_tok.line);
    Table& t = table_named(table, table_tok);
    idx.method = c_.index_method();
    if (!kind.empty()) idx.method = kind;
    idx.columns = c_.index_columns();
    read_index_tail(c_, idx);
    t.indexes.push_back(std::move(idx));
    written_.push_back({WrittenKey::Kind::index, t.indexes.size() - 1});
    name_unnamed(t);
  }

  void create_type() {
    std::string n = c_.qualified_name("a type name");
    c_.expect("AS");
    c_.expect("ENUM");
    c_.expect_punct("(");
    std::vector<std::string> values;
    do {
      if (c_.peek().kind != TokenKind::string) c_.fail("expected a quoted enum value");
      values.push_back(c_.next().text);
    } while (c_.accept_punct(","));
    c_.expect_punct(")");
    enum_types_[lower(n)] = std::move(values);
  }

  bool view_ahead() {
    // [ALGORITHM = x] [DEFINER = y] [SQL SECURITY z] VIEW
    for (std::size_t k = 0; k < 12; ++k) {
      if (c_.peek(k).is("VIEW")) return true;
      if (c_.peek(k).is_punct(";") || c_.peek(k).kind == TokenKind::end) return false;
    }
    return false;
  }

  void create_view(const Token& first) {
    model::ViewVariant flags;
    while (!c_.accept("VIEW")) {
      if (c_.accept("ALGORITHM")) {
        c_.expect_punct("=");
        flags.algorithm = c_.name("an algorithm");
      } else if (c_.accept_all({"SQL", "SECURITY"})) {
        flags.security = c_.name("INVOKER or DEFINER");
      } else {
        c_.next();
      }
    }
    c_.accept_all({"IF", "NOT", "EXISTS"});
    model::View v;
    v.name = c_.qualified_name("a view name");
    v.loc = loc(first);
    views_.insert(v.name);
    if (c_.peek().is_punct("(")) c_.name_list();
    c_.expect("AS");
    std::size_t from = c_.pos();
    std::string owner;
    while (!c_.at_end() && !c_.peek().is_punct(";")) {
      if (c_.peek().is("FROM") && owner.empty() && c_.peek(1).is_name()) owner = c_.peek(1).text;
      if (c_.peek().is_punct("(")) c_.skip_group(); else c_.next();
    }
    v.sql = c_.text(from, c_.pos());
    if (!flags.algorithm.empty() || !flags.security.empty()) v.variants[std::string(model::table_options_engine)] = flags;
    for (auto& t : out_.tables) {
      if (t.name == owner) {
        t.views.push_back(std::move(v));
        return;
      }
    }
    diags_.warning(loc(first), "view '" + v.name + "' does not select FROM a table created in this file; ignored. "
                                                   "Declare it under the owning table's `views:` in YAML");
  }

  void alter_table() {
    written_.clear();
    c_.accept_all({"IF", "EXISTS"});
    c_.accept("ONLY");
    const Token& table_tok = c_.peek();
    const std::string table = c_.qualified_name("a table name");
    if (skipped_tables_.count(table)) return skip_statement_as("ALTER TABLE of a table skipped above", table_tok.line);
    Table& t = table_named(table, table_tok);
    do {
      if (c_.accept("ALTER")) {  // pg_dump: ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass)
        alter_column(t);
        continue;
      }
      if (c_.accept("OWNER")) {  // carries no schema
        c_.skip_statement();
        return;
      }
      if ((c_.peek().is("DISABLE") || c_.peek().is("ENABLE")) && c_.peek(1).is("KEYS")) {  // mysqldump: a load's speed, not schema
        c_.skip_statement();
        return;
      }
      if (!c_.peek().is("ADD")) {  // ENABLE TRIGGER, CLUSTER ON, REPLICA IDENTITY, ATTACH PARTITION …
        skip_statement_as("ALTER TABLE … " + model::upper(c_.peek().text), table_tok.line);
        return;
      }
      c_.expect("ADD");
      if (c_.accept("COLUMN") || !(c_.peek().is("CONSTRAINT") || c_.peek().is("PRIMARY") || c_.peek().is("UNIQUE") ||
                                   c_.peek().is("FOREIGN") || c_.peek().is("CHECK") || c_.peek().is("INDEX") ||
                                   c_.peek().is("KEY"))) {
        column_definition(t);
      } else {
        table_element(t);
      }
    } while (c_.accept_punct(","));
    name_unnamed(t);
    enum_checks_to_enums(t);
  }

  // ALTER COLUMN … SET DEFAULT: pg_dump's serial column, a nextval()
  // default set after the table, makes the column an identity, as inspect
  // reads a serial column (sequences themselves are not modelled yet).
  void column_default(Column& col, const std::string& value) {
    std::string folded = lower(value);
    std::erase(folded, '"');
    if (folded.rfind("nextval(", 0) != 0) {
      col.default_value = model::classify_default(value);
      return;
    }
    col.identity = true;
    col.nullable = false;
    if (!col.is_unsigned && col.type.is_integer()) col.keep_signed = true;
  }

  // ALTER [COLUMN] c SET DEFAULT v | DROP DEFAULT | SET NOT NULL | DROP NOT NULL
  // | ADD GENERATED … AS IDENTITY [(options)] (pg_dump's identity columns). SET
  // STATISTICS / STORAGE / COMPRESSION / (options) are the physical
  // storage's, not schema: passed over.
  void alter_column(Table& t) {
    c_.accept("COLUMN");
    const Token& at = c_.peek();
    Column* col = t.find_column(c_.name("a column name"));
    if (!col) c_.fail_at("table '" + t.name + "' has no column '" + at.text + "'", at);
    if (c_.accept("ADD")) {
      c_.expect("GENERATED");
      generated_column(*col);  // its sequence options are not modelled yet, as in CREATE TABLE
      if (!col->is_unsigned && col->type.is_integer()) col->keep_signed = true;
      return;
    }
    if (c_.peek().is("SET") && (c_.peek(1).is("STATISTICS") || c_.peek(1).is("STORAGE") || c_.peek(1).is("COMPRESSION") ||
                                c_.peek(1).is_punct("("))) {
      while (!c_.at_end() && !c_.peek().is_punct(",") && !c_.peek().is_punct(";")) {
        if (c_.peek().is_punct("(")) c_.skip_group(); else c_.next();
      }
      return;
    }
    if (c_.accept("SET")) {
      if (c_.accept("DEFAULT")) {
        column_default(*col, read_value(c_));
      } else {
        c_.expect("NOT");
        c_.expect("NULL");
        col->nullable = false;
      }
    } else if (c_.accept("DROP")) {
      if (c_.accept("DEFAULT")) {
        col->default_value = {};
      } else {
        c_.expect("NOT");
        c_.expect("NULL");
        col->nullable = true;
      }
    } else {
      c_.fail("expected SET DEFAULT, DROP DEFAULT, SET NOT NULL or DROP NOT NULL after ALTER COLUMN " + col->name);
    }
  }

  void comment_on() {
    if (c_.accept("TABLE")) {
      const Token& tt = c_.peek();
      Table& t = table_named(c_.qualified_name("a table name"), tt);
      c_.expect("IS");
      if (c_.peek().kind != TokenKind::string) c_.fail("expected a string after IS");
      t.description = c_.next().text;
    } else if (c_.accept("COLUMN")) {
      const Token& tt = c_.peek();
      std::string a = c_.name("a table name");
      c_.expect_punct(".");
      std::string b = c_.name("a column name");
      if (c_.accept_punct(".")) {  // schema.table.column
        a = b;
        b = c_.name("a column name");
      }
      Table& t = table_named(a, tt);
      Column* col = t.find_column(b);
      if (!col) c_.fail_at("table '" + a + "' has no column '" + b + "'", tt);
      c_.expect("IS");
      if (c_.peek().kind != TokenKind::string) c_.fail("expected a string after IS");
      col->description = c_.next().text;
    } else {
      c_.skip_statement();
    }
  }

  // Names the keys the statement just read left unnamed: as the project's
  // engine does where it has one (a hand-written schema read as a spec then
  // names them as the database it made does), else by the portable rule,
  // the names generate writes out.
  void name_unnamed(Table& t) {
    if (out_.engines.size() == 1) dialect::dialect_named(out_.engines.front()).spelling().name_unnamed(t, written_);
    else dialect::Spelling::name_unnamed_portably(t, written_);
    written_.clear();
  }

  const SourceText& src_;
  Cursor c_;
  model::Schema& out_;
  model::Diagnostics& diags_;
  std::map<std::string, std::vector<std::string>> enum_types_;
  int charset_alone_ = 0;                      // the line of a column's CHARACTER SET with no COLLATE after it
  std::vector<WrittenKey> written_;            // the keys of the statement being read, in written order
  std::vector<std::string> binary_collation_;  // this table's columns with MySQL's BINARY attribute
  std::set<std::string> native_kept_;          // type names kept as the project's engine's own, for one note
  std::map<std::string, std::pair<int, int>> skipped_kinds_;  // "CREATE SEQUENCE" -> first line, count
  std::string second_word_;                    // of the statement being read, for naming a skipped kind
  std::set<std::string> skipped_tables_;       // tables of statements skipped (partitions): their ALTERs go too
  std::set<std::string> views_;                // every view this file creates, kept or not (triggers on them are read past)
};

}  // namespace

bool read_sql(const SourceText& src, std::string_view sql, int first_line, model::Schema& out, model::Diagnostics& diags) {
  model::Schema parsed;
  parsed.engines = out.engines;  // the project's: a one-engine project keeps its engine's own types
  try {
    Parser(src, sql, first_line, parsed, diags).run();
  } catch (const SqlError& e) {
    diags.error(src.loc(e.line), "SQL: " + std::string(e.what()) + " (column " + std::to_string(e.column) + ")");
    return false;  // nothing of a broken file is kept
  }
  for (auto& t : parsed.tables) out.tables.push_back(std::move(t));
  for (auto& e : parsed.extensions) out.extensions.push_back(std::move(e));
  for (auto& r : parsed.routines) out.routines.push_back(std::move(r));
  return true;
}

namespace {

// Reads one fragment of SQL (a markdown cell, a YAML value) with `read`; a
// syntax error becomes `error`, with the column where reading stopped where
// `at_column`, and no value.
template <typename Read>
auto read_fragment(std::string_view text, std::string& error, Read read, bool at_column = true)
    -> std::optional<decltype(read(std::declval<Cursor&>()))> {
  try {
    Cursor c(text, tokenize_sql(text));
    return read(c);
  } catch (const SqlError& e) {
    error = at_column ? std::string(e.what()) + " (column " + std::to_string(e.column) + ")" : std::string(e.what());
    return std::nullopt;
  }
}

}  // namespace

std::optional<IndexSql> parse_index_sql(std::string_view sql, std::string& error) {
  return read_fragment(sql, error, [](Cursor& c) {
    IndexSql out;
    if (c.accept("CREATE")) {
      out.unique = c.accept("UNIQUE");
      c.expect("INDEX");
      c.accept("CONCURRENTLY");
      c.accept_all({"IF", "NOT", "EXISTS"});
      out.name = c.qualified_name("an index name");
      c.expect("ON");
      c.accept("ONLY");
      c.qualified_name("a table name");
      out.method = c.index_method();
    } else if (c.accept("CONSTRAINT")) {
      out.name = c.name("a constraint name");
      c.expect("UNIQUE");
      out.unique = out.constraint = true;
      out.nulls_not_distinct = c.accept_all({"NULLS", "NOT", "DISTINCT"});
    } else {
      if (c.accept("UNIQUE")) out.unique = out.constraint = true;
      if (!c.accept("INDEX") && !c.accept("KEY")) c.fail("expected CREATE INDEX, INDEX, KEY, UNIQUE KEY or CONSTRAINT … UNIQUE");
      out.name = c.name("an index name");
    }
    out.columns = c.index_columns();
    if (auto m = c.index_method(); !m.empty()) out.method = m;
    if (out.constraint) {
      out.deferral = read_timing(c);
    } else {
      model::Index tail;
      read_index_tail(c, tail);
      out.include = std::move(tail.include);
      out.nulls_not_distinct = tail.nulls_not_distinct;
      out.where = std::move(tail.where);
    }
    c.accept_punct(";");
    if (!c.at_end()) c.fail("unexpected text after the index definition");
    return out;
  });
}

std::optional<model::Table> parse_table_options(std::string_view text, std::string& error) {
  return read_fragment(text, error, [](Cursor& c) {
    model::Table t;
    if (read_table_options(c, t)) c.fail("PostgreSQL's WITH, TABLESPACE and PARTITION BY are not table options the model holds");
    c.accept_punct(";");
    if (!c.at_end()) c.fail("unexpected text after the table options");
    return t;
  });
}

std::optional<CodeStatement> parse_code_statement(std::string_view sql, std::string& error) {
  return read_fragment(sql, error, [](Cursor& c) {
    c.expect("CREATE");
    c.accept_all({"OR", "REPLACE"});
    if (c.peek().is("DEFINER")) skip_definer(c);
    if (!code_ahead(c)) c.fail("expected CREATE TRIGGER, CREATE FUNCTION or CREATE PROCEDURE");
    CodeStatement out = read_code(c);
    c.accept_punct(";");
    if (!c.at_end()) c.fail("unexpected text after the statement (one statement per engine)");
    return out;
  });
}

std::optional<FkActions> parse_fk_actions(std::string_view text, std::string& error) {
  return read_fragment(
      text, error,
      [](Cursor& c) {
        FkActions a = read_actions(c);
        if (!c.at_end()) c.fail("expected ON DELETE … or ON UPDATE …");
        return a;
      },
      /*at_column=*/false);
}

std::optional<FkTarget> parse_fk_target(std::string_view text, std::string& error) {
  return read_fragment(
      text, error,
      [](Cursor& c) {
        FkTarget t;
        t.table = c.qualified_name("a table name");
        t.columns = c.name_list();
        if (!c.at_end()) c.fail("unexpected text after the referenced columns");
        return t;
      },
      /*at_column=*/false);
}

}  // namespace sf::ingest
