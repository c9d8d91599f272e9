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

}  // namespace sf::model
