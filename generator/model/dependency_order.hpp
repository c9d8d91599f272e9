#pragma once
// One ordering rule for everything that must come after what it refers to:
// tables after the tables their foreign keys reference, views after the
// views they read, migration steps likewise.
#include <algorithm>
#include <iterator>
#include <vector>

namespace sf::model {

// `items` in their given order, except that each comes after the items it
// depends on (`depends_on(a, b)`: a must come after b). Kahn's algorithm
// taking the earliest ready item, so the result is stable and deterministic;
// on a cycle the earliest remaining item goes next.
template <class T, class DependsOn>
std::vector<T> in_dependency_order(std::vector<T> items, DependsOn&& depends_on) {
  std::vector<T> out;
  out.reserve(items.size());
  while (!items.empty()) {
    auto ready = std::find_if(items.begin(), items.end(), [&](const T& item) {
      return std::none_of(items.begin(), items.end(), [&](const T& other) { return &item != &other && depends_on(item, other); });
    });
    if (ready == items.end()) ready = items.begin();
    out.push_back(std::move(*ready));
    items.erase(ready);
  }
  return out;
}

}  // namespace sf::model
