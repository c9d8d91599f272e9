#pragma once
// The synthetic job table the benchmarks share: 12 columns, 2 or 3 indexes
// and FKs to the tables before it, so every benchmark measures the same shape.
#include <fmt/format.h>

#include "generator/model/generated_views.hpp"
#include "generator/model/schema.hpp"

namespace sf::bench {

inline model::Table synthetic_table(int i, int fks = 2, bool third_index = true) {
  model::Table t;
  t.name = fmt::format("bench_table_{:04}", i);
  t.description = "Synthetic table for the benchmarks.";
  auto col = [&](std::string name, model::LogicalType type, bool nullable) {
    model::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.nullable = nullable;
    c.description = "Column " + c.name + ".";
    t.columns.push_back(std::move(c));
  };
  col("id", model::LogicalType::integer(64), false);
  t.columns.back().identity = true;
  t.columns.back().is_unsigned = true;
  col("parent_id", model::LogicalType::integer(64), true);
  t.columns.back().is_unsigned = true;
  col("other_id", model::LogicalType::integer(64), true);
  t.columns.back().is_unsigned = true;
  col("status", model::LogicalType::enumeration({"pending", "running", "done", "failed"}), false);
  t.columns.back().default_value = {model::DefaultValue::Kind::string, "pending"};
  col("attempts", model::LogicalType::integer(32), false);
  t.columns.back().default_value = {model::DefaultValue::Kind::number, "0"};
  col("payload", model::LogicalType::of(model::TypeKind::json), true);
  col("label", model::LogicalType::varchar(120), false);
  col("amount", model::LogicalType{model::TypeKind::decimal, 0, 0, 12, 2, {}}, true);
  col("enabled", model::LogicalType::of(model::TypeKind::boolean), false);
  col("scheduled_at", model::LogicalType::timestamp(6), true);
  col("started_at", model::LogicalType::timestamp(6), true);
  col("finished_at", model::LogicalType::timestamp(6), true);
  t.primary_key = model::Key{"", {"id"}, {}};
  t.indexes.push_back({fmt::format("idx_{}_sched", t.name), {{"status", false}, {"scheduled_at", false}}, false, {}, {}});
  t.indexes.push_back({fmt::format("idx_{}_parent", t.name), {{"parent_id", false}}, false, {}, {}});
  if (third_index) t.indexes.push_back({fmt::format("idx_{}_other", t.name), {{"other_id", false}}, false, {}, {}});
  if (i > 0 && fks >= 1)
    t.foreign_keys.push_back({fmt::format("fk_{}_parent", t.name), {"parent_id"}, fmt::format("bench_table_{:04}", i - 1), {"id"},
                              model::FkAction::set_null, model::FkAction::no_action, {}});
  if (i > 1 && fks >= 2)
    t.foreign_keys.push_back({fmt::format("fk_{}_other", t.name), {"other_id"}, fmt::format("bench_table_{:04}", i - 2), {"id"},
                              model::FkAction::cascade, model::FkAction::no_action, {}});
  return t;
}

inline model::Schema synthetic_schema(int tables, int fks = 2, bool third_index = true) {
  model::Schema s;
  for (int i = 0; i < tables; ++i) s.tables.push_back(synthetic_table(i, fks, third_index));
  model::canonicalize(s);
  model::resolve_generated_views(s);  // as validation leaves a schema: with the views generate adds
  return s;
}

}  // namespace sf::bench
