#pragma once
// A command's declaration: the one table the dispatcher checks (arity, flags,
// auth, MULTI and subscribed-mode rules), keys_of() reads key positions from,
// and COMMAND / COMMAND INFO / DOCS / LIST / GETKEYS report from. Nothing else
// keeps facts about commands by name.

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/command/key_spec.h"

namespace ironkv::server {
class LatencyHistogram;
}

namespace ironkv::command {

class CommandContext;
using Handler = void (*)(CommandContext&);

// A key found in a command's arguments: its position in argv (0 = the name)
// and its key-spec flags (ks::k*).
struct KeyRef {
  int pos;
  uint32_t flags;
};
// Redis's getkeys_proc, for commands whose key specs cannot say everything
// (SORT … STORE, SET … GET's flags) or fall back on it for malformed counts.
using KeyFinder = void (*)(std::span<const std::string_view> argv, std::vector<KeyRef>& out);
// Argument positions the SLOWLOG (and MONITOR) must hide (AUTH's password …).
using Redactor = void (*)(std::span<const std::string_view> argv, std::vector<size_t>& out);

// Flags with Redis's names (COMMAND INFO reports them as these words).
enum CmdFlag : uint32_t {
  kWrite = 1u << 0,
  kReadonly = 1u << 1,
  kDenyOom = 1u << 2,
  kAdmin = 1u << 3,
  kPubsub = 1u << 4,
  kNoscript = 1u << 5,
  kBlocking = 1u << 6,
  kLoading = 1u << 7,  // allowed while loading
  kStale = 1u << 8,
  kSkipMonitor = 1u << 9,
  kSkipSlowlog = 1u << 10,
  kFast = 1u << 11,
  kNoAuth = 1u << 12,  // allowed before AUTH
  kMayReplicate = 1u << 13,
  kSentinel = 1u << 14,
  kOnlySentinel = 1u << 15,
  kNoMandatoryKeys = 1u << 16,
  kProtected = 1u << 17,
  kNoAsyncLoading = 1u << 18,
  kNoMulti = 1u << 19,      // refused inside MULTI
  kMovableKeys = 1u << 20,  // derived from the key specs (CommandTable::add)
  kAllowBusy = 1u << 21,
  // IronKV's own, not reported by COMMAND INFO (Redis decides these by name):
  // not queued inside MULTI, runs at once (MULTI EXEC DISCARD WATCH QUIT RESET);
  kMultiControl = 1u << 22,
  // allowed in RESP2 subscribed mode ((P|S)(UN)SUBSCRIBE PING QUIT RESET).
  kSubscribedOk = 1u << 23,
};

// ACL categories with Redis's names, in COMMAND INFO's order. A row lists the
// ones Redis declares (its acl_categories); those implied by flags (@write,
// @read, @admin, @dangerous, @pubsub, @fast, @blocking, @slow) are added by
// acl_categories().
namespace acl {
enum Category : uint32_t {
  kKeyspace = 1u << 0,
  kRead = 1u << 1,
  kWrite = 1u << 2,
  kSet = 1u << 3,
  kSortedSet = 1u << 4,
  kList = 1u << 5,
  kHash = 1u << 6,
  kString = 1u << 7,
  kBitmap = 1u << 8,
  kHyperLogLog = 1u << 9,
  kGeo = 1u << 10,
  kStream = 1u << 11,
  kPubsub = 1u << 12,
  kAdmin = 1u << 13,
  kFast = 1u << 14,
  kSlow = 1u << 15,
  kBlocking = 1u << 16,
  kDangerous = 1u << 17,
  kConnection = 1u << 18,
  kTransaction = 1u << 19,
  kScripting = 1u << 20,
};
inline constexpr std::string_view kNames[] = {
    "keyspace", "read",   "write",       "set",       "sortedset",  "list",        "hash",
    "string",   "bitmap", "hyperloglog", "geo",       "stream",     "pubsub",      "admin",
    "fast",     "slow",   "blocking",    "dangerous", "connection", "transaction", "scripting",
};
// 0 when unknown; case-insensitive.
uint32_t category_by_name(std::string_view name);
}  // namespace acl

// COMMAND DOCS groups.
enum class Group : uint8_t {
  kGeneric,
  kString,
  kList,
  kSet,
  kSortedSet,
  kHash,
  kPubsub,
  kTransactions,
  kConnection,
  kServer,
  kScripting,
  kHyperLogLog,
  kCluster,
  kSentinel,
  kGeo,
  kStream,
  kBitmap,
};
std::string_view group_name(Group g);  // "generic", "sorted-set", ...

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
  uint32_t flags;             // CmdFlag bits
  uint32_t acl;               // acl::Category bits Redis declares for it
  std::vector<KeySpec> keys;  // Redis 7 key specs, in Redis's order
  Handler handler;            // nullptr for a container whose work is in subcommands
  Group group;                // COMMAND DOCS
  std::string_view summary;   // COMMAND DOCS
  std::string_view since;     // COMMAND DOCS
  std::string_view complexity;
  std::vector<CommandSpec> subcommands{};
  KeyFinder key_finder = nullptr;
  Redactor redact = nullptr;

  // Derived from `keys` when the table is built, as Redis's legacy range
  // (COMMAND INFO first/last/step; kMovableKeys in flags when they cannot say).
  int first_key = 0;
  int last_key = 0;
  int key_step = 0;
  mutable CommandStats stats{};
};

// Every ACL category of a command: its declared ones plus those its flags
// imply (Redis setImplicitACLCategories).
uint32_t acl_categories(const CommandSpec& s);

}  // namespace ironkv::command
