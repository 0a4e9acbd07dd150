// CLIENT and its subcommands (ID, SETNAME, LIST, KILL, PAUSE, REPLY …), and
// INFO's clients section.

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/commands/families.h"
#include "core/commands/help.h"
#include "core/commands/info_sections.h"
#include "core/resp/errors.h"
#include "core/server/blocking.h"
#include "core/server/pause.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::commands {

using command::CommandContext;
using command::CommandSpec;
using server::PauseType;
namespace err = resp::err;

namespace {

// ---------------------------------------------------------------- CLIENT

// Redis's rule for client names (and, since 7.2, lib-name / lib-ver): printable
// ASCII without spaces.
bool valid_client_text(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '!' && ch <= '~'; });
}

// One CLIENT LIST / CLIENT INFO line, Redis 7.0 catClientInfoString field order.
std::string client_info_line(CommandContext& c, const server::ClientState& cl) {
  bool self = &cl == &c.client;
  int64_t now_s = c.now_ms() / 1000;
  int64_t age = now_s - cl.created_ms / 1000;
  int64_t last = std::max(cl.last_interaction_ms, cl.created_ms);
  // The caller is being served, so it was just active (Redis updates it on read).
  int64_t idle = self ? 0 : now_s - last / 1000;
  uint64_t argv_mem = 0;
  if (self) {
    for (auto a : c.argv) argv_mem += a.size();
  }
  uint64_t qbuf = cl.net.qbuf.load(std::memory_order_relaxed);
  uint64_t qbuf_free = cl.net.qbuf_free.load(std::memory_order_relaxed);
  uint64_t omem = cl.net.omem.load(std::memory_order_relaxed);
  // Redis's letters in Redis's order (P subscribed, x MULTI, b blocked or paused, d a watched
  // key changed, c closing, e no-evict); N when none.
  std::string flags;
  if (cl.subscribed()) flags += 'P';
  if (cl.tx.in_multi) flags += 'x';
  if (cl.block.blocked) flags += 'b';
  if (cl.tx.watch_invalid) flags += 'd';
  if (cl.close_after_reply) flags += 'c';
  if (cl.no_evict) flags += 'e';
  if (flags.empty()) flags = "N";
  std::string_view cmd = self ? c.spec.name : std::string_view(cl.last_cmd);

  std::string s;
  s.reserve(320);
  auto field = [&s](std::string_view k, std::string_view v) {
    if (!s.empty()) s += ' ';
    s.append(k);
    s += '=';
    s.append(v);
  };
  auto num = [&field](std::string_view k, int64_t v) { field(k, util::int64_to_string(v)); };
  num("id", static_cast<int64_t>(cl.id));
  field("addr", cl.addr);
  field("laddr", cl.laddr);
  num("fd", cl.fd);
  field("name", cl.name);
  num("age", std::max<int64_t>(age, 0));
  num("idle", std::max<int64_t>(idle, 0));
  field("flags", flags);
  num("db", cl.db);
  num("sub", static_cast<int64_t>(cl.pubsub.channels.size()));
  num("psub", static_cast<int64_t>(cl.pubsub.patterns.size()));
  num("ssub", static_cast<int64_t>(cl.pubsub.shard_channels.size()));
  num("multi", cl.tx.in_multi ? static_cast<int64_t>(cl.tx.queue.size()) : -1);
  num("qbuf", static_cast<int64_t>(qbuf));
  num("qbuf-free", static_cast<int64_t>(qbuf_free));
  num("argv-mem", static_cast<int64_t>(argv_mem));
  num("multi-mem", 0);
  num("rbs", 0);
  num("rbp", 0);
  num("obl", 0);
  num("oll", 0);
  num("omem", static_cast<int64_t>(omem));
  num("tot-mem", static_cast<int64_t>(qbuf + qbuf_free + argv_mem + omem));
  field("events", omem > 0 ? "rw" : "r");
  field("cmd", cmd.empty() ? std::string_view("NULL") : cmd);
  field("user", cl.user);
  num("redir", -1);
  num("resp", cl.resp);
  return s;
}

// Every client in id order; the caller is included even when the server has not
// registered it (in-process runs).
std::vector<const server::ClientState*> all_clients(CommandContext& c) {
  std::vector<const server::ClientState*> out;
  bool caller_seen = false;
  for (const auto& [id, handle] : c.server.clients) {
    if (handle == nullptr) continue;
    const server::ClientState* st = &handle->state();
    if (st == &c.client) caller_seen = true;
    out.push_back(st);
  }
  if (!caller_seen) {
    auto pos = std::find_if(out.begin(), out.end(),
                            [&](const server::ClientState* s) { return s->id > c.client.id; });
    out.insert(pos, &c.client);
  }
  return out;
}

const server::ClientState* client_by_id(CommandContext& c, uint64_t id) {
  if (c.client.id == id) return &c.client;
  auto it = c.server.clients.find(id);
  if (it == c.server.clients.end() || it->second == nullptr) return nullptr;
  return &it->second->state();
}

enum class ClientType { kNormal, kReplica, kMaster, kPubsub };

// The next argument as a client type; "ERR Unknown client type '…'" otherwise.
ClientType next_client_type(command::ArgCursor& a) {
  std::string_view name = a.peek();
  auto type = a.eat_enum<ClientType>({{"normal", ClientType::kNormal},
                                      {"replica", ClientType::kReplica},
                                      {"slave", ClientType::kReplica},
                                      {"master", ClientType::kMaster},
                                      {"pubsub", ClientType::kPubsub}});
  if (!type) a.fail_text("ERR Unknown client type '" + std::string(name) + "'");
  return type.value_or(ClientType::kNormal);
}

ClientType client_type_of(const server::ClientState& cl) {
  return cl.subscribed() ? ClientType::kPubsub : ClientType::kNormal;
}

// CLIENT ID → integer
void cmd_client_id(CommandContext& c) { c.reply.integer(static_cast<int64_t>(c.client.id)); }

// CLIENT SETNAME name → +OK ("" clears the name)
void cmd_client_setname(CommandContext& c) {
  std::string_view name = c.arg(2);
  if (!valid_client_text(name)) {
    c.reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
    return;
  }
  c.client.name = std::string(name);
  c.reply.ok();
}

// CLIENT GETNAME → bulk | nil
void cmd_client_getname(CommandContext& c) {
  if (c.client.name.empty())
    c.reply.null_bulk();
  else
    c.reply.bulk(c.client.name);
}

// CLIENT SETINFO LIB-NAME|LIB-VER value → +OK (a Redis 7.2 subcommand that
// client libraries send on connect; accepted so their handshake is clean).
void cmd_client_setinfo(CommandContext& c) {
  std::string_view attr = c.arg(2);
  std::string_view value = c.arg(3);
  command::ArgCursor a = c.args(2);
  std::string* dest =
      a.eat_enum<std::string*>({{"lib-name", &c.client.lib_name}, {"lib-ver", &c.client.lib_ver}})
          .value_or(nullptr);
  if (dest == nullptr) {
    c.reply.error("ERR Unrecognized option '" + std::string(attr) + "'");
    return;
  }
  if (!valid_client_text(value)) {
    c.reply.error("ERR " + std::string(attr) +
                  " cannot contain spaces, newlines or special characters.");
    return;
  }
  *dest = std::string(value);
  c.reply.ok();
}

// CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id [id ...]] → bulk, one line per client
void cmd_client_list(CommandContext& c) {
  std::string out;
  if (c.argc() == 2) {
    for (const auto* cl : all_clients(c)) out += client_info_line(c, *cl) + "\n";
  } else if (command::ArgCursor a = c.args(2); c.argc() > 3 && a.eat("id")) {
    std::vector<uint64_t> ids;
    while (a.has_next())
      ids.push_back(static_cast<uint64_t>(a.next<int64_t>("ERR Invalid client ID")));
    if (!a.ok()) return c.error(a);
    for (uint64_t id : ids) {
      if (const auto* cl = client_by_id(c, id)) out += client_info_line(c, *cl) + "\n";
    }
  } else if (c.argc() == 4 && a.eat("type")) {
    ClientType type = next_client_type(a);
    if (!a.ok()) return c.error(a);
    // No replication yet: a client is "pubsub" while subscribed, else "normal".
    for (const auto* cl : all_clients(c)) {
      if (client_type_of(*cl) == type) out += client_info_line(c, *cl) + "\n";
    }
  } else {
    c.reply.error(err::kSyntax);
    return;
  }
  c.reply.bulk(out);
}

// CLIENT INFO → bulk, the caller's line
void cmd_client_info(CommandContext& c) { c.reply.bulk(client_info_line(c, c.client) + "\n"); }

// CLIENT GETREDIR → -1 (client-side caching is not tracked)
void cmd_client_getredir(CommandContext& c) { c.reply.integer(-1); }

// Closes a client: the caller after its reply, anyone else right away.
void kill_client(CommandContext& c, uint64_t id) {
  if (id == c.client.id) {
    c.client.close_after_reply = true;
    return;
  }
  auto it = c.server.clients.find(id);
  if (it != c.server.clients.end() && it->second != nullptr) it->second->kill();
}

// CLIENT KILL ip:port → +OK | -ERR No such client
// CLIENT KILL [ID id] [TYPE t] [USER u] [ADDR a] [LADDR a] [SKIPME yes|no] → integer killed
void cmd_client_kill(CommandContext& c) {
  if (c.argc() == 3) {
    for (const auto* cl : all_clients(c)) {
      if (cl->addr == c.arg(2)) {
        kill_client(c, cl->id);
        c.reply.ok();
        return;
      }
    }
    c.reply.error("ERR No such client");
    return;
  }
  uint64_t id = 0;
  bool has_type = false;
  ClientType type = ClientType::kNormal;
  std::string_view user, addr, laddr;
  bool has_user = false, has_addr = false, has_laddr = false;
  bool skipme = true;
  // Option/value pairs; a trailing option without its value is a syntax error.
  command::ArgCursor a = c.args(2);
  while (a.has_next()) {
    if (a.remaining() < 2) {
      a.fail(OpStatus::kSyntax);
    } else if (a.eat("id", 1)) {
      int64_t v = a.next<int64_t>("ERR client-id should be greater than 0");
      if (a.ok() && v < 1) a.fail("ERR client-id should be greater than 0");
      id = static_cast<uint64_t>(v);
    } else if (a.eat("type", 1)) {
      type = next_client_type(a);
      has_type = true;
    } else if (a.eat("addr", 1)) {
      addr = a.next();
      has_addr = true;
    } else if (a.eat("laddr", 1)) {
      laddr = a.next();
      has_laddr = true;
    } else if (a.eat("user", 1)) {
      // "default" is the only user until ACLs exist.
      user = a.next();
      if (user != "default") a.fail_text("ERR No such user '" + std::string(user) + "'");
      has_user = true;
    } else if (a.eat("skipme", 1)) {
      skipme = a.next_enum<bool>({{"yes", true}, {"no", false}});
    } else {
      a.fail(OpStatus::kSyntax);
    }
  }
  if (!a.finish()) return c.error(a);
  std::vector<uint64_t> victims;
  for (const auto* cl : all_clients(c)) {
    if (id != 0 && cl->id != id) continue;
    if (has_type && type != client_type_of(*cl)) continue;
    if (has_addr && cl->addr != addr) continue;
    if (has_laddr && cl->laddr != laddr) continue;
    if (has_user && cl->user != user) continue;
    if (skipme && cl == &c.client) continue;
    victims.push_back(cl->id);
  }
  for (uint64_t v : victims) kill_client(c, v);
  c.reply.integer(static_cast<int64_t>(victims.size()));
}

void cmd_client_help(CommandContext& c) {
  reply_help(c, {
                    "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "GETREDIR",
                    "    Return the client ID we are redirecting to when tracking is enabled.",
                    "GETNAME",
                    "    Return the name of the current connection.",
                    "ID",
                    "    Return the ID of the current connection.",
                    "INFO",
                    "    Return information about the current client connection.",
                    "KILL <ip:port>",
                    "    Kill connection made from <ip:port>.",
                    "KILL <option> <value> [<option> <value> [...]]",
                    "    Kill connections. Options are:",
                    "    * ADDR (<ip:port>|<unixsocket>:0)",
                    "      Kill connections made from the specified address",
                    "    * LADDR (<ip:port>|<unixsocket>:0)",
                    "      Kill connections made to specified local address",
                    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                    "      Kill connections by type.",
                    "    * USER <username>",
                    "      Kill connections authenticated by <username>.",
                    "    * SKIPME (YES|NO)",
                    "      Skip killing current connection (default: yes).",
                    "LIST [options ...]",
                    "    Return information about client connections. Options:",
                    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                    "      Return clients of specified type.",
                    "UNPAUSE",
                    "    Stop the current client pause, resuming traffic.",
                    "PAUSE <timeout> [WRITE|ALL]",
                    "    Suspend all, or just write, clients for <timeout> milliseconds.",
                    "REPLY (ON|OFF|SKIP)",
                    "    Control the replies sent to the current connection.",
                    "SETNAME <name>",
                    "    Assign the name <name> to the current connection.",
                    "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                    "    Unblock the specified blocked client.",
                    "SETINFO <option> <value>",
                    "    Set client meta attr. Options are:",
                    "    * LIB-NAME: the client lib name.",
                    "    * LIB-VER: the client lib version.",
                    "NO-EVICT (ON|OFF)",
                    "    Protect current client connection from eviction.",
                    "HELP",
                    "    Prints this help.",
                });
}

// CLIENT PAUSE timeout [WRITE|ALL] → +OK. Clients' commands covered by the
// pause wait (they are not rejected) until it ends; see core/command/pause.h.
void cmd_client_pause(CommandContext& c) {
  if (c.argc() > 4) {
    c.reply.error("ERR unknown subcommand or wrong number of arguments for 'pause'. Try CLIENT HELP.");
    return;
  }
  // The mode is checked before the timeout, as Redis does.
  command::ArgCursor mode = c.args(3);
  PauseType type = PauseType::kAll;
  if (mode.has_next()) {
    type = mode.next_enum<PauseType>({{"write", PauseType::kWrite}, {"all", PauseType::kAll}},
                                     "ERR CLIENT PAUSE mode must be WRITE or ALL");
    if (!mode.ok()) return c.error(mode);
  }
  command::ArgCursor a = c.args(2);
  int64_t ms = a.next<int64_t>("ERR timeout is not an integer or out of range");
  if (!a.ok()) return c.error(a);
  if (ms < 0) {
    c.reply.error("ERR timeout is negative");
    return;
  }
  int64_t now = c.now_ms();
  if (ms > 0 && ms > std::numeric_limits<int64_t>::max() - now) {
    c.reply.error("ERR timeout is out of range");
    return;
  }
  // Redis: a 0 timeout is an end time of 0, i.e. a pause already over.
  int64_t end = ms > 0 ? now + ms : 0;
  c.server.pause.pause(type, end, now);
  if (c.server.pause.active(now)) c.keyspace.pause_expiry_until(c.server.pause.end_ms());
  c.reply.ok();
}

// CLIENT UNPAUSE → +OK (also with no pause in effect).
void cmd_client_unpause(CommandContext& c) {
  if (c.dispatcher != nullptr) {
    c.dispatcher->end_pause();
  } else {
    c.server.pause.unpause();
    c.keyspace.pause_expiry_until(0);
  }
  c.reply.ok();
}

// CLIENT UNBLOCK client-id [TIMEOUT|ERROR] → 1 if the client was blocked in a
// blocking command (BLPOP, XREAD ...) and is now answered as on its timeout,
// or with -UNBLOCKED; 0 otherwise (a client held by CLIENT PAUSE included).
void cmd_client_unblock(CommandContext& c) {
  if (c.argc() > 4) {
    return c.reply.error(
        "ERR unknown subcommand or wrong number of arguments for 'unblock'. Try CLIENT HELP.");
  }
  bool as_error = false;
  if (c.argc() == 4) {
    if (command::word_equals(c.arg(3), "ERROR")) {
      as_error = true;
    } else if (!command::word_equals(c.arg(3), "TIMEOUT")) {
      return c.reply.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
    }
  }
  command::ArgCursor a = c.args(2);
  const int64_t id = a.next<int64_t>();
  if (!a.ok()) return c.error(a);
  server::BlockingRegistry& reg = c.server.blocking;
  server::BlockingRegistry::Entry* e = reg.find(static_cast<uint64_t>(id));
  if (e == nullptr || e->client->state().block.postponed) return c.reply.integer(0);
  server::ClientHandle* target = e->client;
  if (as_error) {
    server::ClientState& cs = target->state();
    resp::ReplyBuilder r(cs.block.reply, cs.resp);
    r.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
    if (cs.drop_reply()) cs.block.reply.clear();
    cs.command_done();
    reg.remove(static_cast<uint64_t>(id));
  } else {
    reg.time_out(static_cast<uint64_t>(id));
  }
  target->wake();
  c.reply.integer(1);
}

// CLIENT REPLY ON|OFF|SKIP → +OK for ON; OFF and SKIP reply nothing. OFF drops
// every reply (errors too) until ON; SKIP drops the next command's reply.
void cmd_client_reply(CommandContext& c) {
  enum class Mode { kOn, kOff, kSkip };
  command::ArgCursor a = c.args(2);
  Mode mode = a.next_enum<Mode>({{"on", Mode::kOn}, {"off", Mode::kOff}, {"skip", Mode::kSkip}});
  if (!a.finish()) return c.error(a);
  switch (mode) {
    case Mode::kOn:
      c.client.replies.off = false;
      c.client.replies.skip = false;
      c.reply.ok();
      break;
    case Mode::kOff:
      c.client.replies.off = true;
      break;
    case Mode::kSkip:
      if (!c.client.replies.off) c.client.replies.skip_next = true;
      break;
  }
}

// CLIENT NO-EVICT ON|OFF → +OK. Accepted and shown as flag 'e' in CLIENT LIST;
// there is no client eviction (maxmemory-clients) to be exempt from yet.
void cmd_client_no_evict(CommandContext& c) {
  command::ArgCursor a = c.args(2);
  bool on = a.next_enum<bool>({{"on", true}, {"off", false}});
  if (!a.finish()) return c.error(a);
  c.client.no_evict = on;
  c.reply.ok();
}

// ---------------------------------------------------------------- INFO

uint64_t connected_clients(CommandContext& c) {
  uint64_t n = c.server.clients.size();
  // An in-process caller is not registered, but it is connected all the same.
  if (!c.client.internal && c.server.clients.find(c.client.id) == c.server.clients.end()) ++n;
  return n;
}

void clients_section(CommandContext& c, InfoWriter& s) {
  s.unum("connected_clients", connected_clients(c));
  s.num("cluster_connections", 0);
  s.unum("maxclients", c.server.config.maxclients);
  s.unum("blocked_clients", c.server.blocking.blocked_count());
  s.num("tracking_clients", 0);
}

constexpr InfoSection kInfoSections[] = {
    {InfoRank::kClients, "clients", "Clients", true, true, clients_section},
};

using namespace command;

constexpr uint32_t kAdminCfg = kAdmin | kNoscript | kLoading | kStale;
constexpr uint32_t kConnSub = kNoscript | kLoading | kStale;
constexpr std::string_view kHelpSummary = "Show helpful text about the different subcommands";
constexpr std::string_view kDepends = "Depends on subcommand.";

// clang-format off
const CommandSpec kSpecs[] = {
    {"client", -2, 0, 0, {}, nullptr, Group::kConnection, "A container for client connection commands", "2.4.0", kDepends,
     {
         {"client|id", 2, kConnSub, acl::kConnection, {}, cmd_client_id, Group::kConnection, "Returns the client ID for the current connection", "5.0.0", "O(1)"},
         {"client|setname", 3, kConnSub, acl::kConnection, {}, cmd_client_setname, Group::kConnection, "Set the current connection name", "2.6.9", "O(1)"},
         {"client|getname", 2, kConnSub, acl::kConnection, {}, cmd_client_getname, Group::kConnection, "Get the current connection name", "2.6.9", "O(1)"},
         {"client|setinfo", 4, kConnSub | kSentinel, acl::kConnection, {}, cmd_client_setinfo, Group::kConnection, "Sets information specific to the client or connection.", "7.2.0", "O(1)"},
         {"client|list", -2, kAdminCfg, acl::kConnection, {}, cmd_client_list, Group::kConnection, "Get the list of client connections", "2.4.0", "O(N) where N is the number of client connections"},
         {"client|info", 2, kConnSub, acl::kConnection, {}, cmd_client_info, Group::kConnection, "Returns information about the current client connection.", "6.2.0", "O(1)"},
         {"client|kill", -3, kAdminCfg, acl::kConnection, {}, cmd_client_kill, Group::kConnection, "Kill the connection of a client", "2.4.0", "O(N) where N is the number of client connections"},
         {"client|getredir", 2, kConnSub, acl::kConnection, {}, cmd_client_getredir, Group::kConnection, "Get tracking notifications redirection client ID if any", "6.0.0", "O(1)"},
         {"client|pause", -3, kAdminCfg, acl::kConnection, {}, cmd_client_pause, Group::kConnection, "Stop processing commands from clients for some time", "3.0.0", "O(1)"},
         {"client|unpause", 2, kAdminCfg, acl::kConnection, {}, cmd_client_unpause, Group::kConnection, "Resume processing of clients that were paused", "6.2.0", "O(N) Where N is the number of paused clients"},
         {"client|unblock", -3, kAdminCfg, acl::kConnection, {}, cmd_client_unblock, Group::kConnection, "Unblock a client blocked in a blocking command from a different connection", "5.0.0", "O(log N) where N is the number of client connections"},
         {"client|reply", 3, kConnSub, acl::kConnection, {}, cmd_client_reply, Group::kConnection, "Instruct the server whether to reply to commands", "3.2.0", "O(1)"},
         {"client|no-evict", 3, kAdminCfg, acl::kConnection, {}, cmd_client_no_evict, Group::kConnection, "Set client eviction mode for the current connection", "7.0.0", "O(1)"},
         {"client|help", 2, kLoading | kStale, acl::kConnection, {}, cmd_client_help, Group::kConnection, kHelpSummary, "5.0.0", "O(1)"},
     }},
};
// clang-format on

}  // namespace

void register_client_family(command::CommandTable& t) {
  register_info_sections(kInfoSections);
  t.add(kSpecs);
}

}  // namespace ironkv::commands
