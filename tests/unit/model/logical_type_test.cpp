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
