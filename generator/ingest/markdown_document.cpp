#include "generator/ingest/markdown_document.hpp"

#include <md4c.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "generator/model/strings.hpp"

namespace sf::ingest {
namespace {

using model::trim;

// Collects md4c's callbacks into MdBlocks. md4c hands text as pointers into
// the input buffer (except synthetic text such as line breaks), which is how
// we recover line numbers: md4c itself reports none.
class Collector {
 public:
  Collector(const std::string& text, const std::vector<int>& original_line)
      : text_(text), original_line_(original_line) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }

  std::vector<MdBlock> blocks;

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_H:
        begin(MdBlock::Kind::heading);
        current_.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        break;
      case MD_BLOCK_P:
        if (!in_table_) begin(MdBlock::Kind::paragraph);
        break;
      case MD_BLOCK_CODE: {
        begin(MdBlock::Kind::code);
        auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
        if (d->lang.text) current_.info.assign(d->lang.text, d->lang.size);
        break;
      }
      case MD_BLOCK_TABLE:
        begin(MdBlock::Kind::table);
        in_table_ = true;
        break;
      case MD_BLOCK_THEAD: in_head_ = true; break;
      case MD_BLOCK_TBODY: in_head_ = false; break;
      case MD_BLOCK_TR:
        if (!in_head_) current_.rows.push_back({});
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        (in_head_ ? current_.header : current_.rows.back().cells).push_back({});
        in_cell_ = true;
        break;
      default: break;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_H:
      case MD_BLOCK_CODE: end(); break;
      case MD_BLOCK_P:
        if (!in_table_) end();
        break;
      case MD_BLOCK_TABLE:
        in_table_ = false;
        end();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        MdCell& c = cell();
        c.text = trim(c.text);
        in_cell_ = false;
        break;
      }
      default: break;
    }
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    if (type == MD_SPAN_A && in_cell_) {
      auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
      cell().links.emplace_back(d->href.text, d->href.size);
    }
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    if (!open_) return 0;
    const char* begin = text_.data();
    const char* end = begin + text_.size();
    int line = (text >= begin && text < end) ? line_of(static_cast<std::size_t>(text - begin)) : 0;
    if (line > 0) {
      if (current_.line == 0) current_.line = line;
      if (in_table_ && !in_head_ && !current_.rows.empty() && current_.rows.back().line == 0)
        current_.rows.back().line = line;
    }
    std::string piece;
    switch (type) {
      case MD_TEXT_NULLCHAR: piece = "\xEF\xBF\xBD"; break;
      case MD_TEXT_SOFTBR: piece = current_.kind == MdBlock::Kind::code ? "\n" : " "; break;
      case MD_TEXT_BR: piece = "\n"; break;
      default: piece.assign(text, size);
    }
    // GFM unescapes \| in table cells even inside code spans; md4c keeps the backslash there.
    if (in_cell_ && type == MD_TEXT_CODE)
      for (std::size_t p = piece.find("\\|"); p != std::string::npos; p = piece.find("\\|", p)) piece.erase(p, 1);
    if (in_cell_)
      cell().text += piece;
    else
      current_.text += piece;
    return 0;
  }

 private:
  void begin(MdBlock::Kind kind) {
    current_ = MdBlock{};
    current_.kind = kind;
    open_ = true;
  }
  void end() {
    if (!open_) return;
    if (current_.kind != MdBlock::Kind::code) current_.text = trim(current_.text);
    // Rows whose cells were all empty carry no text pointer; place them after the previous row.
    for (std::size_t i = 0; i < current_.rows.size(); ++i)
      if (current_.rows[i].line == 0) current_.rows[i].line = i ? current_.rows[i - 1].line + 1 : current_.line + 2;
    blocks.push_back(std::move(current_));
    current_ = MdBlock{};
    open_ = false;
  }
  MdCell& cell() { return in_head_ ? current_.header.back() : current_.rows.back().cells.back(); }
  int line_of(std::size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return original_line_[static_cast<std::size_t>(it - line_starts_.begin())];
  }

  const std::string& text_;
  const std::vector<int>& original_line_;
  std::vector<std::size_t> line_starts_;
  MdBlock current_;
  bool open_ = false;
  bool in_table_ = false;
  bool in_head_ = false;
  bool in_cell_ = false;
};

bool is_blank(std::string_view l) { return l.find_first_not_of(" \t") == std::string_view::npos; }
bool starts_with_pipe(std::string_view l) {
  auto i = l.find_first_not_of(" \t");
  return i != std::string_view::npos && l[i] == '|';
}
bool is_fence(std::string_view l) {
  auto i = l.find_first_not_of(' ');
  return i != std::string_view::npos && i < 4 && (l.substr(i, 3) == "```" || l.substr(i, 3) == "~~~");
}

// Spec docs write a label line directly above a table ("Indexes:\n| Name |").
// GitHub renders that as a paragraph and a table; md4c, following the GFM spec
// strictly, reads one paragraph. Insert a blank line there (outside fenced
// code), remembering each line's original number for diagnostics.
std::string separate_tables(const std::string& text, std::vector<int>& original_line) {
  std::string out;
  out.reserve(text.size() + 64);
  std::string_view prev;
  bool in_fence = false;
  int line = 0;
  std::size_t pos = 0;
  original_line.push_back(0);  // index 0 unused: lines are 1-based
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view l(text.data() + pos, (nl == std::string::npos ? text.size() : nl) - pos);
    ++line;
    if (is_fence(l)) in_fence = !in_fence;
    if (!in_fence && starts_with_pipe(l) && !is_blank(prev) && !starts_with_pipe(prev) && !is_fence(prev)) {
      out += '\n';
      original_line.push_back(line);
    }
    out.append(l);
    original_line.push_back(line);
    if (nl == std::string::npos) break;
    out += '\n';
    prev = l;
    pos = nl + 1;
  }
  return out;
}

}  // namespace

std::vector<MdBlock> parse_markdown(const SourceText& src) {
  std::vector<int> original_line;
  const std::string text = separate_tables(src.text(), original_line);
  Collector c(text, original_line);
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_TABLES | MD_FLAG_NOHTML | MD_FLAG_STRIKETHROUGH;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Collector*>(u)->enter_block(t, d); };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) { return static_cast<Collector*>(u)->leave_block(t); };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Collector*>(u)->enter_span(t, d); };
  parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) { return static_cast<Collector*>(u)->text(t, s, n); };
  md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &c);
  return std::move(c.blocks);
}

}  // namespace sf::ingest
