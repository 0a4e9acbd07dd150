#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::resp {

// The commands parsed from one read, handed to the keyspace in one hop.
//
// Argument views point either into the caller's read buffer (zero-copy) or, for
// inline arguments that needed unescaping, into this batch's own arena. They stay
// valid until clear() and for as long as the caller leaves those buffer bytes alone.
//
// Move-only: a copy would carry views into the source batch's arena. Moving keeps
// every view valid (std::deque hands its element blocks over without relocating them).
class CommandBatch {
 public:
  CommandBatch() = default;
  CommandBatch(const CommandBatch&) = delete;
  CommandBatch& operator=(const CommandBatch&) = delete;
  CommandBatch(CommandBatch&&) = default;
  CommandBatch& operator=(CommandBatch&&) = default;
  ~CommandBatch() = default;

  // Number of commands.
  size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }

  // argv of command i (i < size()); argv[0] is the command name as sent.
  std::span<const std::string_view> command(size_t i) const;

  // Drops all commands and the arena; views handed out before become invalid.
  void clear();

  // Used by the parser.
  void add_command(std::span<const std::string_view> argv);
  // Copies `s` into the arena; the returned view stays valid until clear().
  std::string_view store(std::string s);

 private:
  // All commands' arguments back to back; command i is [starts_[i], starts_[i+1]).
  std::vector<std::string_view> args_;
  std::vector<uint32_t> starts_;
  // deque: push_back never relocates existing strings, so views into them (including
  // short strings held inline by SSO) remain valid.
  std::deque<std::string> arena_;
};

}  // namespace ironkv::resp
