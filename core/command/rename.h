#pragma once
// rename-command: disables commands (new name "") or moves them to a new name,
// at start-up before any client is served, as Redis's rename-command. The
// command keeps its own name in COMMAND INFO/DOCS/LIST and in error texts (Redis
// reports cmd->fullname too); only the name clients must send changes.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/command/table.h"

namespace ironkv::command {

using RenameList = std::vector<std::pair<std::string, std::string>>;  // {old, new}

// Applies the entries in order. On the first bad one (unknown command, target
// name already taken) returns an error naming it; earlier entries stay applied.
std::optional<std::string> apply_renames(CommandTable& table, const RenameList& renames);

}  // namespace ironkv::command
