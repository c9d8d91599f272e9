#pragma once
// One ordering rule for everything that must come after what it refers to:
// tables after the tables their foreign keys reference, views after the
// views they read, migration steps likewise.
#include <algorithm>
#include <iterator>
#include <set>
#include <vector>

namespace sf::model {

// `items` in their given order, except that each comes after the items it
// depends on (`depends_on[i]`: the indices item i must come after; itself
// and repeats count for nothing). Kahn's algorithm taking the earliest
// ready item, so the result is stable and deterministic; on a cycle the
// earliest remaining item goes next. Linear in the items and dependencies:
// for long lists whose dependencies can be found all at once.
template <class T>
std::vector<T> in_dependency_order_by_index(std::vector<T> items, const std::vector<std::vector<std::size_t>>& depends_on) {
  const std::size_t n = items.size();
  std::vector<std::size_t> waiting(n, 0);          // how many of its dependencies are not out yet
  std::vector<std::vector<std::size_t>> after(n);  // who waits for each
  for (std::size_t i = 0; i < n && i < depends_on.size(); ++i) {
    std::vector<std::size_t> deps = depends_on[i];
    std::sort(deps.begin(), deps.end());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    for (std::size_t d : deps)
      if (d != i && d < n) {
        ++waiting[i];
        after[d].push_back(i);
      }
  }
  std::set<std::size_t> ready, remaining;
  for (std::size_t i = 0; i < n; ++i) {
    remaining.insert(i);
    if (waiting[i] == 0) ready.insert(i);
  }
  std::vector<T> out;
  out.reserve(n);
  while (!remaining.empty()) {
    const std::size_t next = ready.empty() ? *remaining.begin() : *ready.begin();
    ready.erase(next);
    remaining.erase(next);
    out.push_back(std::move(items[next]));
    for (std::size_t w : after[next])
      if (remaining.count(w) && --waiting[w] == 0) ready.insert(w);
  }
  return out;
}

// The same order where only a pairwise test is at hand (`depends_on(a, b)`:
// a must come after b). Quadratic: for short lists.
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
