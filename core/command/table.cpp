#include "core/command/table.h"

#include <algorithm>

#include "core/command/keys.h"
#include "core/util/strings.h"

namespace ironkv::command {

namespace {
// Lowercases into a small stack buffer; command names are short.
bool lower_into(std::string_view in, char* out, size_t cap) {
  if (in.size() > cap) return false;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return true;
}
}  // namespace

void CommandTable::add(CommandSpec spec) {
  storage_.push_back(std::make_unique<CommandSpec>(std::move(spec)));
  derive_legacy_range(*storage_.back());
  const CommandSpec* p = storage_.back().get();
  by_name_[std::string(p->name)] = p;
  ordered_.push_back(p);
}

void CommandTable::add(std::span<const CommandSpec> specs) {
  for (const auto& s : specs) add(s);
}

const CommandSpec* CommandTable::find(std::string_view name) const {
  char buf[64];
  if (!lower_into(name, buf, sizeof buf)) return nullptr;
  // unordered_map<std::string> needs a key object; a short string stays in SSO.
  auto it = by_name_.find(std::string(buf, name.size()));
  return it == by_name_.end() ? nullptr : it->second;
}

const CommandSpec* CommandTable::find_sub(const CommandSpec& parent, std::string_view sub) {
  for (const auto& s : parent.subcommands) {
    auto bar = s.name.find('|');
    std::string_view short_name = bar == std::string_view::npos ? s.name : s.name.substr(bar + 1);
    if (util::iequals(short_name, sub)) return &s;
  }
  return nullptr;
}

bool CommandTable::remove(std::string_view name) {
  auto it = by_name_.find(util::to_lower(name));
  if (it == by_name_.end()) return false;
  const CommandSpec* p = it->second;
  by_name_.erase(it);
  ordered_.erase(std::remove(ordered_.begin(), ordered_.end(), p), ordered_.end());
  return true;
}

bool CommandTable::rename(std::string_view from, std::string_view to) {
  auto it = by_name_.find(util::to_lower(from));
  if (it == by_name_.end()) return false;
  const CommandSpec* p = it->second;
  by_name_.erase(it);
  by_name_[util::to_lower(to)] = p;
  return true;
}

}  // namespace ironkv::command
