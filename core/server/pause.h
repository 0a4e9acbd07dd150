#pragma once
// CLIENT PAUSE: while a pause is on, a client's command that it covers is not
// rejected but postponed: the client blocks (like BLPOP, with no keys) until
// CLIENT UNPAUSE or the pause's end, then the same command runs again (and is
// postponed again if the pause was extended meanwhile). Strand-only.

#include <cstdint>
#include <vector>

namespace ironkv::server {

struct ClientState;

// Ordered by how much they pause, as Redis keeps the stricter of two pauses.
enum class PauseType { kOff = 0, kWrite = 1, kAll = 2 };

class ClientPause {
 public:
  // CLIENT PAUSE: the stricter type and the later end of this and any current pause.
  void pause(PauseType type, int64_t end_ms, int64_t now_ms);
  // CLIENT UNPAUSE: returns the ids of postponed clients, oldest first.
  std::vector<uint64_t> unpause();

  bool active(int64_t now_ms) const { return type_ != PauseType::kOff && now_ms < end_ms_; }
  int64_t end_ms() const { return end_ms_; }
  PauseType type() const { return type_; }

  // Whether a command run by `client` now must wait: everything in ALL mode; in
  // WRITE mode a command that `writes` (writes or may replicate: PUBLISH, EVAL …,
  // or an EXEC whose queue holds one; the dispatcher decides from the table).
  // Commands inside EXEC were checked with it.
  bool must_postpone(bool writes, const ClientState& client, int64_t now_ms) const;

  // Remembers the postponement order for UNPAUSE.
  void note_postponed(uint64_t client_id);

 private:
  PauseType type_ = PauseType::kOff;
  int64_t end_ms_ = 0;
  std::vector<uint64_t> postponed_;  // client ids, oldest first, no duplicates
};

}  // namespace ironkv::server
