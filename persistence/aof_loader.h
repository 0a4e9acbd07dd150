#pragma once
// Reading an AOF file of commands: replay at start-up, and checking/repairing
// (ironkv-check-aof). The file is read in bounded chunks.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace ironkv::persistence {

struct AofScanResult {
  enum class Status { kOk, kTruncated, kCorrupt, kFailed };
  Status status = Status::kOk;
  std::string error;           // what and where, for kCorrupt / kFailed
  uint64_t commands = 0;       // complete commands handed to the callback
  uint64_t valid_up_to = 0;    // bytes of complete commands (outside an open MULTI)
  uint64_t file_size = 0;
  uint64_t error_offset = 0;   // where the bad or cut-off command starts
  uint64_t error_line = 0;     // 1-based line of that offset (like redis-check-aof)
  bool open_multi = false;     // ended inside MULTI without EXEC
};

// Calls on_command(argv) for each command from byte `offset` on. The callback
// returns false with a message to stop (e.g. an unknown command): kFailed.
// A last command cut short, or a MULTI without its EXEC at the end, gives
// kTruncated with valid_up_to at the end of the last complete command (before
// that MULTI). Anything unparsable before the end is kCorrupt.
AofScanResult aof_scan_file(
    const std::string& path, uint64_t offset,
    const std::function<bool(std::span<const std::string_view> argv, std::string& error)>& on_command);

// True if the file starts with the RDB magic ("REDIS"): an RDB base/preamble.
bool file_starts_with_rdb(const std::string& path);

}  // namespace ironkv::persistence
