#include "core/server/pause.h"

#include <algorithm>
#include <string_view>

#include "core/server/client.h"

namespace ironkv::server {

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

bool ClientPause::must_postpone(bool writes, const ClientState& client, int64_t now_ms) const {
  if (client.tx.in_exec || !active(now_ms)) return false;
  return type_ == PauseType::kAll || writes;
}

void ClientPause::note_postponed(uint64_t client_id) {
  if (std::find(postponed_.begin(), postponed_.end(), client_id) == postponed_.end()) {
    postponed_.push_back(client_id);
  }
}

}  // namespace ironkv::server
