#include "core/command/pause.h"

#include <algorithm>
#include <string_view>

#include "core/command/client.h"
#include "core/command/spec.h"
#include "core/command/table.h"

namespace ironkv::command {

namespace {
constexpr uint32_t kPausedByWrite = kWrite | kMayReplicate;

// The flags of one queued command line (a container's subcommand when it has one).
uint32_t queued_flags(const std::vector<std::string>& argv, const CommandTable& table) {
  if (argv.empty()) return 0;
  const CommandSpec* spec = table.find(argv[0]);
  if (spec == nullptr) return 0;
  if (!spec->subcommands.empty() && argv.size() >= 2) {
    if (const CommandSpec* sub = CommandTable::find_sub(*spec, argv[1])) return sub->flags;
  }
  return spec->flags;
}
}  // namespace

void ClientPause::pause(PauseType type, int64_t end_ms, int64_t now_ms) {
  if (!active(now_ms)) {
    type_ = type;
    end_ms_ = end_ms;
    return;
  }
  type_ = std::max(type_, type);
  end_ms_ = std::max(end_ms_, end_ms);
}

std::vector<uint64_t> ClientPause::unpause() {
  type_ = PauseType::kOff;
  end_ms_ = 0;
  std::vector<uint64_t> out;
  out.swap(postponed_);
  return out;
}

bool ClientPause::must_postpone(const CommandSpec& spec, const ClientState& client,
                                const CommandTable& table, int64_t now_ms) const {
  if (client.in_exec || !active(now_ms)) return false;
  if (type_ == PauseType::kAll) return true;
  if (spec.flags & kPausedByWrite) return true;
  if (spec.name == "exec" && client.in_multi) {
    return std::any_of(client.multi_queue.begin(), client.multi_queue.end(),
                       [&](const auto& q) { return (queued_flags(q, table) & kPausedByWrite) != 0; });
  }
  return false;
}

void ClientPause::note_postponed(uint64_t client_id) {
  if (std::find(postponed_.begin(), postponed_.end(), client_id) == postponed_.end()) {
    postponed_.push_back(client_id);
  }
}

}  // namespace ironkv::command
