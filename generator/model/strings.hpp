#pragma once
// The few string helpers every room needs, written once: ASCII case folding,
// trimming, joining and comma-separated lists. ASCII only on purpose: SQL
// keywords and identifiers we compare are ASCII; other bytes pass through.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sf::model {

[[nodiscard]] std::string lower(std::string_view s);
[[nodiscard]] std::string upper(std::string_view s);
// Without leading and trailing white space.
[[nodiscard]] std::string trim(std::string_view s);
// "a, b, c"
[[nodiscard]] std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");
// "a, b,, c " -> {"a", "b", "c"}: trimmed, empty items dropped.
[[nodiscard]] std::vector<std::string> split_list(std::string_view s, char separator = ',');
// SQL text: the position of the ')' closing the '(' at `open`, quotes ('…',
// "…", `…`) skipped; npos when it is never closed.
[[nodiscard]] std::size_t closing_paren(std::string_view sql, std::size_t open);
// SQL text split at the commas outside parentheses and quotes, untrimmed:
// "a, lower(b, c)" -> {"a", " lower(b, c)"}.
[[nodiscard]] std::vector<std::string> split_top_level(std::string_view sql);
// The mysql client's `DELIMITER //` line (mysqldump writes `DELIMITER ;;`
// around triggers and routines), given the text from where a statement would
// start: the terminator it sets and the line's length, or none when the text
// starts no such line.
struct DelimiterLine {
  std::string delimiter;
  std::size_t length = 0;
};
[[nodiscard]] std::optional<DelimiterLine> delimiter_line(std::string_view text);

}  // namespace sf::model
