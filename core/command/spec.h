#pragma once
// A command's declaration: the one table the dispatcher checks (arity, flags,
// auth) and COMMAND / COMMAND INFO / COMMAND DOCS report from.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace ironkv::server {
class LatencyHistogram;
}

namespace ironkv::command {

class CommandContext;
using Handler = void (*)(CommandContext&);

// Flags with Redis's names (COMMAND INFO reports them as these words).
enum CmdFlag : uint32_t {
  kWrite = 1u << 0,
  kReadonly = 1u << 1,
  kDenyOom = 1u << 2,
  kAdmin = 1u << 3,
  kPubsub = 1u << 4,
  kNoscript = 1u << 5,
  kBlocking = 1u << 6,
  kLoading = 1u << 7,    // allowed while loading
  kStale = 1u << 8,
  kSkipMonitor = 1u << 9,
  kSkipSlowlog = 1u << 10,
  kFast = 1u << 11,
  kNoAuth = 1u << 12,    // allowed before AUTH
  kMayReplicate = 1u << 13,
  kSentinel = 1u << 14,
  kOnlySentinel = 1u << 15,
  kNoMandatoryKeys = 1u << 16,
  kProtected = 1u << 17,
  kNoAsyncLoading = 1u << 18,
  kNoMulti = 1u << 19,
  kMovableKeys = 1u << 20,
  kAllowBusy = 1u << 21,
  // Not queued inside MULTI: runs at once (MULTI EXEC DISCARD WATCH QUIT RESET).
  kMultiControl = 1u << 22,
};

// Per-command counters, touched only on the keyspace strand (INFO commandstats).
struct CommandStats {
  uint64_t calls = 0;
  uint64_t usec = 0;
  uint64_t rejected_calls = 0;
  uint64_t failed_calls = 0;
  // Allocated at the first call while latency-tracking is on (latencystats).
  std::shared_ptr<server::LatencyHistogram> latency;
};

struct CommandSpec {
  std::string_view name;      // lowercase; subcommands as "config|get"
  int arity;                  // > 0 exact, < 0 at least -arity (name included)
  uint32_t flags;
  int first_key;              // 0 = no keys
  int last_key;               // -1 = last argument
  int key_step;
  Handler handler;            // nullptr for a container whose work is in subcommands
  std::string_view group;     // "string", "generic", "server", "connection", ...
  std::string_view summary;   // COMMAND DOCS
  std::string_view since;     // COMMAND DOCS
  std::string_view complexity;
  std::vector<CommandSpec> subcommands{};
  mutable CommandStats stats{};
};

}  // namespace ironkv::command
