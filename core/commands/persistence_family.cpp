// Persistence commands: SAVE BGSAVE BGREWRITEAOF LASTSAVE. The work is the
// persistence engine's (persistence/); without one (in-process tests) they
// answer like a server whose persistence is unavailable.

#include <string>

#include "core/command/context.h"
#include "core/commands/families.h"
#include "core/commands/info_sections.h"
#include "core/resp/errors.h"
#include "core/util/strings.h"

namespace ironkv::commands {

using command::CommandContext;
using command::CommandSpec;

namespace {

constexpr const char* kNoEngine = "ERR persistence is not available in this process";

// SAVE → +OK (blocks the server while writing, like Redis)
void cmd_save(CommandContext& c) {
  if (c.server.persistence == nullptr) {
    c.reply.error(kNoEngine);
    return;
  }
  std::string error;
  if (c.server.persistence->save(error)) c.reply.ok();
  else c.reply.error(error);
}

// BGSAVE [SCHEDULE] → +Background saving started | +Background saving scheduled
void cmd_bgsave(CommandContext& c) {
  bool schedule = false;
  if (c.argc() == 2) {
    if (!util::iequals(c.arg(1), "schedule")) {
      c.reply.error(resp::err::kSyntax);
      return;
    }
    schedule = true;
  } else if (c.argc() > 2) {
    c.reply.error(resp::err::kSyntax);
    return;
  }
  if (c.server.persistence == nullptr) {
    c.reply.error(kNoEngine);
    return;
  }
  std::string reply;
  if (c.server.persistence->bgsave(schedule, reply)) c.reply.simple(reply);
  else c.reply.error(reply);
}

// BGREWRITEAOF → +Background append only file rewriting started | … scheduled
void cmd_bgrewriteaof(CommandContext& c) {
  if (c.server.persistence == nullptr) {
    c.reply.error(kNoEngine);
    return;
  }
  std::string reply;
  if (c.server.persistence->bgrewriteaof(reply)) c.reply.simple(reply);
  else c.reply.error(reply);
}

// LASTSAVE → unix time of the last successful save
void cmd_lastsave(CommandContext& c) {
  c.reply.integer(c.server.persistence != nullptr ? c.server.persistence->lastsave()
                                                  : c.server.start_time_ms / 1000);
}

// INFO persistence: the engine's fields; without one, what a server that
// never saved reports.
void persistence_section(CommandContext& c, InfoWriter& s) {
  if (c.server.persistence != nullptr) {
    c.server.persistence->info(s.raw());
    return;
  }
  s.num("loading", 0);
  s.num("async_loading", 0);
  s.unum("rdb_changes_since_last_save", c.keyspace.dirty());
  s.num("rdb_bgsave_in_progress", 0);
  s.num("aof_enabled", c.server.config.appendonly ? 1 : 0);
  s.num("aof_rewrite_in_progress", 0);
}

constexpr InfoSection kInfoSections[] = {
    {InfoRank::kPersistence, "persistence", "Persistence", true, true, persistence_section},
};

using namespace command;

// Arity, flags and docs as Redis 7.0.15 reports them.
// clang-format off
const CommandSpec kSpecs[] = {
    {"save", 1, kAdmin | kNoscript | kNoAsyncLoading | kNoMulti, 0, {}, cmd_save, Group::kServer, "Synchronously save the dataset to disk", "1.0.0", "O(N) where N is the total number of keys in all databases"},
    {"bgsave", -1, kAdmin | kNoscript | kNoAsyncLoading, 0, {}, cmd_bgsave, Group::kServer, "Asynchronously save the dataset to disk", "1.0.0", "O(1)"},
    {"bgrewriteaof", 1, kAdmin | kNoscript | kNoAsyncLoading, 0, {}, cmd_bgrewriteaof, Group::kServer, "Asynchronously rewrite the append-only file", "1.0.0", "O(1)"},
    {"lastsave", 1, kLoading | kStale | kFast, acl::kAdmin | acl::kDangerous, {}, cmd_lastsave, Group::kServer, "Get the UNIX time stamp of the last successful save to disk", "1.0.0", "O(1)"},
};
// clang-format on

}  // namespace

void register_persistence_family(command::CommandTable& t) {
  register_info_sections(kInfoSections);
  t.add(kSpecs);
}

}  // namespace ironkv::commands
