#pragma once
// The model as a YAML spec (the hand-written canonical form the YAML reader
// takes), for `schemaforge inspect --yaml`: a live database written back as
// a spec that reads in to the same schema. Generated views (vw_<table>,
// vw_<table>_status) are left out, since the templates make them; other
// views keep the body the engine reported.
#include <string>

#include "generator/model/schema.hpp"

namespace sf::model {

[[nodiscard]] std::string to_yaml_text(const Schema& s, const std::string& header_comment = {});

// The name a spec gives a unique key the engine keeps no name for (SQLite):
// its own, else uq_<table>_<columns>.
[[nodiscard]] std::string spec_name(const Table& t, const Key& k);

// An overlay (`overlays: <table>: …`) that patches `doc` — the table as a
// spec of another form reads — into `want`: the columns that differ, whole;
// the keys, indexes, FKs and checks `doc` lacks or has otherwise; the
// table's own fields that differ; the views with bodies. "" where nothing
// differs. What an overlay cannot take away (an index only `doc` has) stays:
// the caller reads the two back to be sure.
[[nodiscard]] std::string to_yaml_overlay_text(const Table& want, const Table& doc, const std::string& header_comment = {});

}  // namespace sf::model
