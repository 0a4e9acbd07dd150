#include "http/info_json.h"

#include <algorithm>
#include <cctype>

namespace ironkv::http {

const std::string* InfoSection::find(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return &v;
  }
  return nullptr;
}

Info parse_info(std::string_view text) {
  Info info;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.front() == '#') {
      std::string name(line.substr(1));
      name.erase(0, name.find_first_not_of(' '));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      info.push_back(InfoSection{std::move(name), {}});
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (info.empty()) info.push_back(InfoSection{"info", {}});
    info.back().fields.emplace_back(std::string(line.substr(0, colon)),
                                    std::string(line.substr(colon + 1)));
  }
  return info;
}

const InfoSection* find_section(const Info& info, std::string_view name) {
  for (const auto& s : info) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> split_subfields(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < value.size()) {
    size_t comma = value.find(',', pos);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view part = value.substr(pos, comma - pos);
    pos = comma + 1;
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace_back(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
  }
  return out;
}

bool has_subfields(std::string_view section) {
  return section == "keyspace" || section == "commandstats" || section == "latencystats" ||
         section == "errorstats";
}

namespace {

void write_value(JsonWriter& w, std::string_view v) {
  if (is_json_number(v))
    w.raw_number(v);
  else
    w.string(v);
}

}  // namespace

void write_info_json(JsonWriter& w, const Info& info) {
  w.begin_object();
  for (const auto& section : info) {
    w.key(section.name).begin_object();
    bool nested = has_subfields(section.name);
    for (const auto& [k, v] : section.fields) {
      w.key(k);
      if (nested) {
        w.begin_object();
        for (const auto& [sk, sv] : split_subfields(v)) {
          w.key(sk);
          write_value(w, sv);
        }
        w.end_object();
      } else {
        write_value(w, v);
      }
    }
    w.end_object();
  }
  w.end_object();
}

}  // namespace ironkv::http
