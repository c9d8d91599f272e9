// Type names from specs, in either engine's spelling, read to one LogicalType.
#include <catch2/catch.hpp>

#include "generator/model/logical_type.hpp"

using sf::model::parse_type_name;
using sf::model::to_string;

namespace {
std::string canon(const char* text) {
  std::string err;
  auto t = parse_type_name(text, err);
  INFO(text << ": " << err);
  REQUIRE(t);
  return to_string(t->type) + (t->is_unsigned ? " unsigned" : "");
}
std::string error_of(const char* text) {
  std::string err;
  CHECK_FALSE(parse_type_name(text, err));
  return err;
}
}  // namespace

TEST_CASE("engine spellings map to one canonical type", "[model][types]") {
  CHECK(canon("INT") == "int");
  CHECK(canon("int4") == "int");
  CHECK(canon("integer") == "int");
  CHECK(canon("INT(11)") == "int");  // display width only
  CHECK(canon("BIGINT UNSIGNED") == "bigint unsigned");
  CHECK(canon("int8") == "bigint");
  CHECK(canon("TINYINT(1)") == "boolean");
  CHECK(canon("bool") == "boolean");
  CHECK(canon("TINYINT") == "tinyint");
  CHECK(canon("numeric(10, 2)") == "decimal(10,2)");
  CHECK(canon("DOUBLE PRECISION") == "double");
  CHECK(canon("character varying(64)") == "varchar(64)");
  CHECK(canon("varchar") == "text");  // PostgreSQL's unbounded varchar
  CHECK(canon("LONGTEXT") == "text");
  CHECK(canon("JSONB") == "json");
  CHECK(canon("BYTEA") == "binary");
  CHECK(canon("LONGBLOB") == "binary");
  CHECK(canon("DATETIME(6)") == "timestamp(6)");
  CHECK(canon("TIMESTAMPTZ(3)") == "timestamp(3)");
  CHECK(canon("TIMESTAMPTZ") == "timestamp(6)");
  CHECK(canon("timestamp with time zone") == "timestamp(6)");
  CHECK(canon("timestamp(2) with time zone") == "timestamp(2)");
  CHECK(canon("TIMESTAMP") == "timestamp(0)");
  CHECK(canon("uuid") == "uuid");
  CHECK(canon("ENUM('a', 'it''s')") == "enum('a','it''s')");
}

TEST_CASE("canonical spellings parse back to themselves", "[model][types]") {
  for (const char* c : {"tinyint", "smallint", "mediumint", "int", "bigint", "boolean", "decimal(12,2)", "float", "double",
                        "char(2)", "varchar(64)", "text", "json", "binary", "timestamp(6)", "date", "time(0)", "uuid",
                        "enum('x','y')"})
    CHECK(canon(c) == c);
}

TEST_CASE("bad type names say what is wrong", "[model][types]") {
  CHECK(error_of("BIGNUM") == "unknown type 'BIGNUM'");
  CHECK(error_of("ENUM()") == "empty argument in type name");
  CHECK(error_of("ENUM(a,b)").find("must be quoted") != std::string::npos);
  CHECK(error_of("ENUM('a','a')") == "ENUM value 'a' appears twice");
  CHECK(error_of("VARCHAR(x)").find("is not a number") != std::string::npos);
  CHECK(error_of("DATETIME(9)").find("0..6") != std::string::npos);
  CHECK(error_of("TEXT UNSIGNED").find("numeric types only") != std::string::npos);
  CHECK(error_of("DECIMAL(5,7)").find("scale at most the precision") != std::string::npos);
  CHECK(error_of("VARCHAR(10").find("missing ')'") != std::string::npos);
}

TEST_CASE("INTERVAL and the engines' documented synonyms", "[model][types]") {
  CHECK(canon("INTERVAL") == "interval(6)");
  CHECK(canon("interval(3)") == "interval(3)");
  CHECK(error_of("INTERVAL DAY TO SECOND") == "interval fields in 'INTERVAL DAY TO SECOND' are not modelled; write INTERVAL or INTERVAL(p)");
  CHECK(canon("INT1") == "tinyint");
  CHECK(canon("MIDDLEINT") == "mediumint");
  CHECK(canon("FIXED(8,2)") == "decimal(8,2)");
  CHECK(canon("NATIONAL CHARACTER VARYING(40)") == "varchar(40)");
  CHECK(canon("LONG VARCHAR") == "text");
  CHECK(canon("BINARY VARYING(16)") == "binary(16)");
  std::string err;
  auto serial = parse_type_name("SERIAL8", err);
  REQUIRE(serial);
  CHECK(serial->auto_increment_hint);
}

namespace {
std::string common(const char* a, const char* b) {
  std::string err, why, why_reversed;
  auto ta = parse_type_name(a, err), tb = parse_type_name(b, err);
  REQUIRE(ta);
  REQUIRE(tb);
  auto c = sf::model::common_type(ta->type, tb->type, why);
  auto d = sf::model::common_type(tb->type, ta->type, why_reversed);
  CHECK(c == d);  // the order of the halves never matters
  return c ? to_string(*c) : "refused: " + why;
}
}  // namespace

TEST_CASE("two engines' spellings of one column: the narrower logical type, or a refusal", "[model][types]") {
  CHECK(common("VARCHAR(200)", "TEXT") == "varchar(200)");
  CHECK(common("CHAR(36)", "UUID") == "uuid");
  CHECK(common("VARBINARY(32)", "BYTEA") == "binary(32)");
  CHECK(common("TINYINT", "BOOLEAN") == "boolean");
  CHECK(common("INT", "BIGINT") == "int");
  CHECK(common("DECIMAL(10,2)", "NUMERIC(12,4)") == "decimal(10,2)");
  CHECK(common("DATETIME(3)", "TIMESTAMPTZ(6)") == "timestamp(3)");
  CHECK(common("ENUM('a','b')", "TEXT") == "enum('a','b')");
  CHECK(common("JSON", "LONGTEXT") == "json");
  CHECK(common("VARCHAR(64)", "INTERVAL") == "interval(6)");
  CHECK(common("INT", "TEXT") == "refused: a integer and a text do not hold the same values");
  CHECK(common("CHAR(10)", "UUID") == "refused: char(10) cannot hold every uuid value (36 characters)");
  CHECK(common("VARCHAR(3)", "ENUM('pending')") == "refused: varchar(3) cannot hold every enum value (7 characters)");
  CHECK(common("ENUM('a')", "ENUM('b')") == "refused: the two enums list different values");
  CHECK(common("UUID", "JSON") == "refused: a uuid and a json do not hold the same values");
  CHECK(common("DECIMAL(2,2)", "DECIMAL(5,0)") == "refused: decimal(2,2) and decimal(5,0) share no value but zero");
}
