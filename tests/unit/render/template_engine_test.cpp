// The template engine's line rules, which kainjow alone gets wrong: standalone
// tag lines vanish whether or not their section renders, blank lines survive
// inside and after sections, empty strings are false, nothing is escaped.
// Also: partials pasted in before parsing, and one parsed template rendering
// many data.
#include <catch2/catch.hpp>

#include <map>

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

TEST_CASE("partials are pasted in before parsing, and a missing, self-including or delimiter-changing one is named", "[render][templates]") {
  using sf::render::TemplateError;
  const std::map<std::string, std::string> partials = {
      {"col", "{{name}} {{type}}"}, {"cols", "{{#columns}}{{> col}}{{comma}}{{/columns}}"}, {"loop", "x{{> loop}}"}};
  json data = {{"columns", json::array({{{"name", "id"}, {"type", "INT"}, {"comma", ","}},
                                        {{"name", "col"}, {"type", "TEXT"}, {"comma", ""}}})}};
  // A column called `col` is data, not the partial of that name (kainjow
  // alone looks partials up among the data first).
  CHECK(render_template("t", "({{> cols}})", data, partials) == "(id INT,col TEXT)");
  auto message = [&](const std::string& text) {
    try {
      (void)render_template("dir/t.sql.mustache", text, data, partials);
    } catch (const TemplateError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("a\nb {{> nope}}") ==
        "template dir/t.sql.mustache:2: no partial named 'nope'; a partial is a file named _nope.<ext>.mustache in the "
        "template's folder");
  CHECK(message("{{> loop}}") == "template dir/t.sql.mustache > _loop:1: partial 'loop' includes itself");
  CHECK(message("a\n\n{{=<% %>=}}") ==
        "template dir/t.sql.mustache:3: set-delimiter tags ({{=...=}}) are not supported; keep the standard {{ }} delimiters");
}

TEST_CASE("a parsed template renders many data, and one list item in front of the root", "[render][templates]") {
  const sf::render::Template t("t", "{{title}}: {{name}}{{#last}}.{{/last}}");
  const sf::render::TemplateData data(
      json{{"title", "tables"}, {"tables", json::array({{{"name", "a"}}, {{"name", "b"}, {"last", true}}})}});
  CHECK(t.render_item(data, "tables", 0) == "tables: a");
  CHECK(t.render_item(data, "tables", 1) == "tables: b.");
  CHECK(t.render(data) == "tables: ");
  CHECK(t.render(sf::render::TemplateData(json{{"title", "x"}, {"name", "y"}})) == "x: y");
  CHECK_THROWS_WITH(t.render_item(data, "tables", 2), "template t: the data has no item 2 in 'tables'");
  CHECK_THROWS_WITH(t.render_item(data, "title", 0), "template t: the data has no item 0 in 'title'");
}

TEST_CASE("template data keeps only the names the templates read, and renders the same", "[render][templates]") {
  using sf::render::Template;
  using sf::render::TemplateData;
  const std::map<std::string, std::string> partials = {{"col", "{{{name}}} {{& type.sql}}"}};
  const Template t("t", "{{! a comment names nothing}}{{#tables}}{{name}}:{{#cols}}{{> col}};{{/cols}}{{^cols}}-{{/cols}}"
                        "{{#meta}}!{{/meta}}{{#tags}}{{.}}{{/tags}}\n{{/tables}}",
                   partials);
  CHECK(t.names() == std::set<std::string>{"tables", "name", "cols", "type", "sql", "meta", "tags"});
  const json view = {{"tables",
                      {{{"name", "a"},
                        {"unread", "x"},
                        {"cols", {{{"name", "id"}, {"type", {{"sql", "int"}, {"other", "y"}}}, {"note", "z"}}}},
                        {"meta", {{"only_unread", true}}},  // an object is truthy, even with none of its members kept
                        {"tags", {"p", "q"}}},
                       {{"name", "b"}, {"cols", json::array()}, {"meta", false}, {"tags", json::array()}}}},
                     {"unread_root", {{"big", "z"}}}};
  const auto reads = sf::render::names_read({&t});
  const std::string whole = t.render(TemplateData(view)), kept = t.render(TemplateData(view, &reads));
  CHECK(whole == "a:id int;!pq\nb:-\n");
  CHECK(kept == whole);
}
