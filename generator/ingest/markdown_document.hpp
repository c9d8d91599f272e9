#pragma once
// A markdown document as the flat sequence of blocks our spec readers care
// about (headings, paragraphs, tables, code blocks), each with the line it
// starts on. md4c does the parsing; this file only records what it reports.
#include <string>
#include <vector>

#include "generator/ingest/source_text.hpp"

namespace sf::ingest {

struct MdCell {
  std::string text;                // inline markup removed, escapes resolved, trimmed
  std::vector<std::string> links;  // hrefs of links inside the cell
};

struct MdRow {
  int line = 0;
  std::vector<MdCell> cells;
};

struct MdBlock {
  enum class Kind { heading, paragraph, table, code };
  Kind kind = Kind::paragraph;
  int level = 0;        // heading level
  int line = 0;         // first line of the block
  std::string text;     // heading/paragraph text, or code block contents
  std::string info;     // code block language (```sql -> "sql")
  std::vector<MdCell> header;  // table header cells
  std::vector<MdRow> rows;     // table body rows
};

// Parses GitHub-flavoured markdown (tables on, raw HTML off).
[[nodiscard]] std::vector<MdBlock> parse_markdown(const SourceText& src);

}  // namespace sf::ingest
