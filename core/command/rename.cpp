#include "core/command/rename.h"

#include "core/util/strings.h"

namespace ironkv::command {

namespace {
// CommandTable::find reads names of up to 64 bytes.
constexpr size_t kMaxName = 64;

std::string entry_text(const std::pair<std::string, std::string>& e) {
  return "rename-command '" + e.first + "' '" + e.second + "': ";
}
}  // namespace

std::optional<std::string> apply_renames(CommandTable& table, const RenameList& renames) {
  for (const auto& e : renames) {
    const auto& [from, to] = e;
    // Only top-level commands, like Redis (a subcommand "config|get" is no command name).
    if (from.find('|') != std::string::npos || table.find(from) == nullptr) {
      return entry_text(e) + "No such command in rename-command";
    }
    if (to.empty()) {
      table.remove(from);
      continue;
    }
    if (to.size() > kMaxName) {
      return entry_text(e) + "new command name longer than " + std::to_string(kMaxName) + " bytes";
    }
    if (table.find(to) != nullptr && !util::iequals(from, to)) {
      return entry_text(e) + "Target command name already exists";
    }
    table.rename(from, to);
  }
  return std::nullopt;
}

}  // namespace ironkv::command
