// Server commands: DBSIZE FLUSHDB FLUSHALL TIME CONFIG SHUTDOWN MEMORY, and
// the family's registration. INFO (info.cpp), CLIENT (client_control.cpp) and
// COMMAND (command_docs.cpp) register their own tables through families.h.

#include <algorithm>
#include <string>
#include <vector>

#include "core/command/args.h"
#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/commands/families.h"
#include "core/commands/help.h"
#include "core/resp/errors.h"
#include "core/server/config.h"
#include "core/util/glob.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::commands {

using command::CommandContext;
using command::CommandSpec;
namespace err = resp::err;

namespace {

// ---------------------------------------------------------------- keyspace-wide

// DBSIZE → integer
void cmd_dbsize(CommandContext& c) { c.reply.integer(static_cast<int64_t>(c.db().size())); }

// FLUSHDB/FLUSHALL [ASYNC|SYNC]: false and a syntax error reply on a bad option.
bool parse_flush_mode(CommandContext& c, bool& async) {
  async = false;  // lazyfree-lazy-user-flush is "no" in Redis's defaults
  command::ArgCursor a = c.args(1);
  if (a.has_next()) async = a.next_enum<bool>({{"async", true}, {"sync", false}});
  if (!a.finish()) {
    c.error(a);
    return false;
  }
  return true;
}

// FLUSHDB [ASYNC|SYNC] → +OK
void cmd_flushdb(CommandContext& c) {
  bool async;
  if (!parse_flush_mode(c, async)) return;
  uint64_t removed = c.db().size();
  c.db().clear(async);
  // Redis forces propagation even of an empty FLUSHDB, so it always counts.
  c.mark_dirty(std::max<uint64_t>(removed, 1));
  c.reply.ok();
}

// FLUSHALL [ASYNC|SYNC] → +OK
void cmd_flushall(CommandContext& c) {
  bool async;
  if (!parse_flush_mode(c, async)) return;
  uint64_t removed = c.keyspace.total_keys();
  c.keyspace.flush_all(async);
  c.mark_dirty(removed + 1);
  c.reply.ok();
}

// TIME → [unix seconds, microseconds] as bulk strings
void cmd_time(CommandContext& c) {
  int64_t us = c.keyspace.clock().now_us();
  c.reply.array(2);
  c.reply.bulk(util::int64_to_string(us / 1000000));
  c.reply.bulk(util::int64_to_string(us % 1000000));
}

// ---------------------------------------------------------------- CONFIG

// CONFIG GET pattern [pattern ...] → map name → value, each option once.
// A pattern without glob characters is an exact (case-insensitive) lookup and is
// echoed as given, as Redis does.
void cmd_config_get(CommandContext& c) {
  std::vector<std::pair<std::string, const server::OptionDef*>> matches;
  auto seen = [&](const server::OptionDef* o) {
    return std::any_of(matches.begin(), matches.end(),
                       [o](const auto& m) { return m.second == o; });
  };
  for (size_t i = 2; i < c.argc(); ++i) {
    std::string_view pat = c.arg(i);
    if (pat.find_first_of("[*?") == std::string_view::npos) {
      const server::OptionDef* o = server::find_option(pat);
      if (o != nullptr && !seen(o)) matches.emplace_back(std::string(pat), o);
      continue;
    }
    for (const auto& o : server::config_options()) {
      if (!seen(&o) && util::glob_match(pat, o.name, true)) {
        matches.emplace_back(std::string(o.name), &o);
      }
    }
  }
  c.reply.map(matches.size());
  for (const auto& [name, o] : matches) {
    c.reply.bulk(name);
    c.reply.bulk(o->get(c.server.config));
  }
}

// CONFIG SET name value [name value ...] → +OK. All or nothing: every name is
// checked first, then the values are applied to a copy that replaces the live
// configuration only if all of them parse.
void cmd_config_set(CommandContext& c) {
  if (c.argc() % 2 != 0) {
    c.reply.error(err::kSyntax);
    return;
  }
  size_t n = (c.argc() - 2) / 2;
  std::vector<const server::OptionDef*> opts(n, nullptr);
  std::string unknown_name;
  std::string fail_name;
  std::string fail_msg;
  bool invalid = false;
  for (size_t i = 0; i < n; ++i) {
    std::string_view name = c.arg(2 + 2 * i);
    const server::OptionDef* o = server::find_option(name);
    if (o == nullptr) {
      if (!invalid) {
        unknown_name = std::string(name);
        invalid = true;
      }
      continue;
    }
    if (invalid) continue;
    if (!o->mutable_at_runtime) {
      fail_name = std::string(name);
      fail_msg = "can't set immutable config";
      invalid = true;
      continue;
    }
    if (std::find(opts.begin(), opts.begin() + static_cast<std::ptrdiff_t>(i), o) !=
        opts.begin() + static_cast<std::ptrdiff_t>(i)) {
      fail_name = std::string(name);
      fail_msg = "duplicate parameter";
      invalid = true;
      continue;
    }
    opts[i] = o;
  }
  if (!invalid) {
    server::Config next = c.server.config;
    for (size_t i = 0; i < n; ++i) {
      if (auto e = server::set_option(next, *opts[i], c.arg(3 + 2 * i))) {
        fail_name = std::string(opts[i]->name);
        fail_msg = *e;
        invalid = true;
        break;
      }
    }
    for (size_t i = 0; !invalid && i < n; ++i) {
      if (auto e = c.server.check_config_set(next, opts[i]->name)) {
        fail_name = std::string(opts[i]->name);
        fail_msg = *e;
        invalid = true;
      }
    }
    if (!invalid) c.server.config = std::move(next);
  }
  if (invalid) {
    if (!unknown_name.empty()) {
      c.reply.error("ERR Unknown option or number of arguments for CONFIG SET - '" + unknown_name +
                    "'");
    } else {
      c.reply.error("ERR CONFIG SET failed (possibly related to argument '" + fail_name + "') - " +
                    fail_msg);
    }
    return;
  }
  for (const auto* o : opts) c.server.config_applied(o->name);
  c.reply.ok();
}

// CONFIG RESETSTAT → +OK: zeroes what Redis's resetServerStats and the command
// and error tables reset.
void reset_command_stats(const CommandSpec& s) {
  s.stats = {};
  for (const auto& sub : s.subcommands) reset_command_stats(sub);
}

void cmd_config_resetstat(CommandContext& c) {
  for (const CommandSpec* s : c.table.all()) reset_command_stats(*s);
  auto& srv = c.server;
  srv.total_commands_processed = 0;
  srv.total_error_replies = 0;
  srv.unexpected_error_replies = 0;
  srv.auth_failures = 0;
  srv.net.total_connections_received = 0;
  srv.net.rejected_connections = 0;
  srv.net.total_net_input_bytes = 0;
  srv.net.total_net_output_bytes = 0;
  srv.net.client_query_buffer_limit_disconnections = 0;
  srv.net.client_output_buffer_limit_disconnections = 0;
  c.keyspace.stats() = store::KeyspaceStats{};
  c.reply.ok();
}

void cmd_config_help(CommandContext& c) {
  reply_help(c, {
                    "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "GET <pattern>",
                    "    Return parameters matching the glob-like <pattern> and their values.",
                    "SET <directive> <value>",
                    "    Set the configuration <directive> to <value>.",
                    "RESETSTAT",
                    "    Reset statistics reported by the INFO command.",
                    "HELP",
                    "    Prints this help.",
                });
}

// ---------------------------------------------------------------- SHUTDOWN

// SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT] → no reply on success (the
// connection closes); errors otherwise.
void cmd_shutdown(CommandContext& c) {
  bool nosave = false, save = false, now = false, force = false, abort = false;
  command::ArgCursor a = c.args(1);
  while (a.has_next()) {
    if (a.eat("nosave"))
      nosave = true;
    else if (a.eat("save"))
      save = true;
    else if (a.eat("now"))
      now = true;
    else if (a.eat("force"))
      force = true;
    else if (a.eat("abort"))
      abort = true;
    else
      a.fail(OpStatus::kSyntax);
  }
  if (!a.finish()) return c.error(a);
  if ((abort && (nosave || save || now || force)) || (nosave && save)) {
    c.reply.error(err::kSyntax);
    return;
  }
  if (abort) {
    // Shutdown here is immediate: there is never a pending one to abort.
    c.reply.error("ERR No shutdown in progress.");
    return;
  }
  // Flush and fsync the AOF, save if asked or configured. Redis stays up when
  // that save fails, unless FORCE.
  if (c.server.persistence != nullptr) {
    std::string error;
    if (!c.server.persistence->prepare_shutdown(save, nosave, error) && !force) {
      c.reply.error("ERR Errors trying to SHUTDOWN. Check logs.");
      return;
    }
    c.server.shutdown_prepared = true;
  } else if (save) {
    c.reply.error("ERR Errors trying to SHUTDOWN. Check logs.");
    return;
  }
  if (c.server.request_shutdown) c.server.request_shutdown();
  c.client.close_after_reply = true;
}

// ---------------------------------------------------------------- MEMORY

// MEMORY USAGE key [SAMPLES count] → integer bytes | nil. Our own footprint: the
// table node with its key bytes, the value's heap, and the TTL entry if any.
void cmd_memory_usage(CommandContext& c) {
  command::ArgCursor a = c.args(3);
  while (a.has_next()) {
    if (a.eat("samples", 1)) {
      // Every element is counted exactly; samples changes nothing.
      int64_t samples = a.next<int64_t>();
      if (a.ok() && samples < 0) a.fail(OpStatus::kSyntax);
    } else {
      a.fail(OpStatus::kSyntax);
    }
  }
  if (!a.finish()) return c.error(a);
  store::Database::Node* node = c.db().find_node(c.arg(2));
  if (node == nullptr) {
    c.reply.null_bulk();
    return;
  }
  uint64_t bytes = sizeof(store::Database::Node) + node->key().size() + node->value.memory_bytes();
  if (c.db().expire_of(c.arg(2)) >= 0) {
    bytes += sizeof(store::Database::ExpireDict::Node) + node->key().size();
  }
  c.reply.integer(static_cast<int64_t>(bytes));
}

void cmd_memory_help(CommandContext& c) {
  reply_help(c, {
                    "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "USAGE <key> [SAMPLES <count>]",
                    "    Return memory in bytes used by <key> and its value. Nested values are",
                    "    sampled up to <count> times (default: 5, 0 means sample all).",
                    "HELP",
                    "    Prints this help.",
                });
}

// The SLOWLOG hides the values of secret options (requirepass …) in CONFIG SET.
void redact_config_set(std::span<const std::string_view> argv, std::vector<size_t>& out) {
  for (size_t i = 2; i + 1 < argv.size(); i += 2) {
    const server::OptionDef* o = server::find_option(argv[i]);
    if (o != nullptr && o->secret) out.push_back(i + 1);
  }
}

using namespace command;

constexpr uint32_t kAdminCfg = kAdmin | kNoscript | kLoading | kStale;
constexpr std::string_view kHelpSummary = "Show helpful text about the different subcommands";
constexpr std::string_view kDepends = "Depends on subcommand.";

// clang-format off
const CommandSpec kSpecs[] = {
    {"dbsize", 1, kReadonly | kFast, acl::kKeyspace, {}, cmd_dbsize, Group::kServer, "Return the number of keys in the selected database", "1.0.0", "O(1)"},
    {"flushdb", -1, kWrite, acl::kKeyspace | acl::kDangerous, {}, cmd_flushdb, Group::kServer, "Remove all keys from the current database", "1.0.0", "O(N) where N is the number of keys in the selected database"},
    {"flushall", -1, kWrite, acl::kKeyspace | acl::kDangerous, {}, cmd_flushall, Group::kServer, "Remove all keys from all databases", "1.0.0", "O(N) where N is the total number of keys in all databases"},
    {"time", 1, kLoading | kStale | kFast, 0, {}, cmd_time, Group::kServer, "Return the current server time", "2.6.0", "O(1)"},
};
const CommandSpec kShutdownConfigSpecs[] = {
    {"shutdown", -1, kAdmin | kNoscript | kLoading | kStale | kNoMulti | kSentinel | kAllowBusy, 0, {}, cmd_shutdown, Group::kServer, "Synchronously save the dataset to disk and then shut down the server", "1.0.0", "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)"},
    {"config", -2, 0, 0, {}, nullptr, Group::kServer, "A container for server configuration commands", "2.0.0", kDepends,
     {
         {"config|get", -3, kAdminCfg, 0, {}, cmd_config_get, Group::kServer, "Get the values of configuration parameters", "2.0.0", "O(N) when N is the number of configuration parameters provided"},
         {"config|set", -4, kAdminCfg, 0, {}, cmd_config_set, Group::kServer, "Set configuration parameters to the given values", "2.0.0", "O(N) when N is the number of configuration parameters provided", {}, nullptr, redact_config_set},
         {"config|resetstat", 2, kAdminCfg, 0, {}, cmd_config_resetstat, Group::kServer, "Reset the stats returned by INFO", "2.0.0", "O(1)"},
         {"config|help", 2, kLoading | kStale, 0, {}, cmd_config_help, Group::kServer, kHelpSummary, "5.0.0", "O(1)"},
     }},
};
const CommandSpec kMemorySpecs[] = {
    {"memory", -2, 0, 0, {}, nullptr, Group::kServer, "A container for memory diagnostics commands", "4.0.0", kDepends,
     {
         {"memory|usage", -3, kReadonly, 0, {ks::key(2, ks::kRO)}, cmd_memory_usage, Group::kServer, "Estimate the memory usage of a key", "4.0.0", "O(N) where N is the number of samples."},
         {"memory|help", 2, kLoading | kStale, 0, {}, cmd_memory_help, Group::kServer, kHelpSummary, "4.0.0", "O(1)"},
     }},
};
// clang-format on

}  // namespace

// The server commands with INFO, CLIENT and COMMAND (their own files and
// tables), in the order COMMAND and INFO commandstats list them.
void register_server_family(command::CommandTable& t) {
  t.add(kSpecs);  // DBSIZE FLUSHDB FLUSHALL TIME
  register_info_family(t);
  t.add(kShutdownConfigSpecs);
  register_client_family(t);
  register_command_family(t);
  t.add(kMemorySpecs);
}

}  // namespace ironkv::commands
