#pragma once
// INFO's "# Section / key:value" text as data: /stats turns it into JSON and
// /metrics into Prometheus samples, so both report exactly what INFO reports.

#include <string>
#include <string_view>
#include <vector>

#include "http/json.h"

namespace ironkv::http {

struct InfoSection {
  std::string name;  // lowercase, e.g. "server", "commandstats"
  std::vector<std::pair<std::string, std::string>> fields;

  const std::string* find(std::string_view key) const;
};

using Info = std::vector<InfoSection>;

Info parse_info(std::string_view text);
const InfoSection* find_section(const Info& info, std::string_view name);

// "keys=1,expires=0,avg_ttl=0" → pairs; used for the sections whose values
// carry sub-fields (keyspace, commandstats, latencystats, errorstats).
std::vector<std::pair<std::string, std::string>> split_subfields(std::string_view value);
bool has_subfields(std::string_view section);

// Writes {"server":{...},"clients":{...},...}: numbers as JSON numbers,
// sub-field values as nested objects, everything else as strings.
void write_info_json(JsonWriter& w, const Info& info);

}  // namespace ironkv::http
