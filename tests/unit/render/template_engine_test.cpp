// The template engine's line rules, which kainjow alone gets wrong: standalone
// tag lines vanish whether or not their section renders, blank lines survive
// inside and after sections, empty strings are false, nothing is escaped.
#include <catch2/catch.hpp>

#include "generator/render/template_engine.hpp"

using sf::render::render_template;
using nlohmann::json;

TEST_CASE("standalone tag lines vanish, blank lines and content lines keep their breaks", "[render][templates]") {
  const std::string t =
      "begin\n"
      "{{#items}}\n"
      "{{#a}}\n"
      "  A {{x}}\n"
      "{{/a}}\n"
      "{{#b}}\n"
      "  B {{x}}\n"
      "{{/b}}\n"
      "\n"
      "{{/items}}\n"
      "{{^items}}\n"
      "none\n"
      "{{/items}}\n"
      "end {\n"
      "}\n";
  json data = {{"items", json::array({{{"a", true}, {"x", "1"}}, {{"b", true}, {"x", "2"}}})}};
  CHECK(render_template("t", t, data) == "begin\n  A 1\n\n  B 2\n\nend {\n}\n");
  CHECK(render_template("t", t, json{{"items", json::array()}}) == "begin\nnone\nend {\n}\n");
}

TEST_CASE("empty strings are false, values are not escaped, partials work", "[render][templates]") {
  json data = {{"default", ""}, {"name", "\"o'k\" <b>"}};
  CHECK(render_template("t", "x{{#default}} DEFAULT {{{default}}}{{/default}};", data) == "x;");
  CHECK(render_template("t", "{{name}}|{{{name}}}", data) == "\"o'k\" <b>|\"o'k\" <b>");
  CHECK(render_template("t", "[{{> part}}]", data, {{"part", "{{name}}"}}) == "[\"o'k\" <b>]");
  CHECK_THROWS_AS(render_template("broken.mustache", "{{#open}} never closed", data), sf::render::TemplateError);
}
