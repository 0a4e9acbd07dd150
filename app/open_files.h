#pragma once
// maxclients needs file descriptors: at start-up the open-files limit
// (RLIMIT_NOFILE) is raised to maxclients + 32 reserved descriptors as far as
// the OS allows, as Redis's adjustOpenFilesLimit does; if it cannot be raised
// enough, maxclients is lowered to fit, with Redis's warnings.

#include <cstdint>
#include <optional>
#include <string>

namespace ironkv::app {

// Descriptors kept for everything but clients (listeners, epoll, threads, files).
inline constexpr uint64_t kReservedFds = 32;

struct OpenFilesResult {
  uint64_t maxclients;          // effective
  uint64_t limit;               // the soft RLIMIT_NOFILE now in force
  std::optional<std::string> fatal;  // the limit cannot hold even the reserve
};

// Raises the limit if needed and logs what it did: at start-up, and on CONFIG
// SET maxclients (on the keyspace strand: two quick syscalls). Short of the
// wanted limit it takes the hard limit itself, where Redis steps down from the
// wanted limit by 16 and so may settle up to 15 descriptors lower.
OpenFilesResult adjust_open_files_limit(uint64_t maxclients);

}  // namespace ironkv::app
