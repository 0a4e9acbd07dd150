// Server commands: DBSIZE FLUSHDB FLUSHALL TIME CONFIG CLIENT SHUTDOWN MEMORY,
// and the registration table of the family. INFO lives in info.cpp, COMMAND in
// command_docs.cpp; their handlers are declared below.

#include <algorithm>
#include <string>
#include <vector>

#include "core/command/args.h"
#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/commands/families.h"
#include "core/resp/errors.h"
#include "core/server/config.h"
#include "core/util/glob.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::commands {

// Defined in info.cpp and command_docs.cpp (one family, split for size).
namespace server_detail {
void cmd_info(command::CommandContext& c);
void cmd_command(command::CommandContext& c);
void cmd_command_count(command::CommandContext& c);
void cmd_command_info(command::CommandContext& c);
void cmd_command_docs(command::CommandContext& c);
void cmd_command_list(command::CommandContext& c);
void cmd_command_getkeys(command::CommandContext& c);
void cmd_command_getkeysandflags(command::CommandContext& c);
void cmd_command_help(command::CommandContext& c);
// client_control.cpp
void cmd_client_pause(command::CommandContext& c);
void cmd_client_unpause(command::CommandContext& c);
void cmd_client_reply(command::CommandContext& c);
void cmd_client_no_evict(command::CommandContext& c);
}  // namespace server_detail

using command::CommandContext;
using command::CommandSpec;
namespace err = resp::err;

namespace {

void reply_help(CommandContext& c, std::initializer_list<std::string_view> lines) {
  c.reply.array(lines.size());
  for (auto l : lines) c.reply.simple(l);
}

// ---------------------------------------------------------------- keyspace-wide

// DBSIZE → integer
void cmd_dbsize(CommandContext& c) { c.reply.integer(static_cast<int64_t>(c.db().size())); }

// FLUSHDB/FLUSHALL [ASYNC|SYNC]: false and a syntax error reply on a bad option.
bool parse_flush_mode(CommandContext& c, bool& async) {
  async = false;  // lazyfree-lazy-user-flush is "no" in Redis's defaults
  if (c.argc() > 2) {
    c.reply.error(err::kSyntax);
    return false;
  }
  if (c.argc() == 2) {
    if (util::iequals(c.arg(1), "async"))
      async = true;
    else if (!util::iequals(c.arg(1), "sync")) {
      c.reply.error(err::kSyntax);
      return false;
    }
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
    for (size_t i = 0; !invalid && c.server.check_config_set && i < n; ++i) {
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
  if (c.server.on_config_set) {
    for (const auto* o : opts) c.server.on_config_set(o->name);
  }
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

enum class ClientType { kNormal, kReplica, kMaster, kPubsub, kInvalid };

ClientType client_type_by_name(std::string_view s) {
  if (util::iequals(s, "normal")) return ClientType::kNormal;
  if (util::iequals(s, "replica") || util::iequals(s, "slave")) return ClientType::kReplica;
  if (util::iequals(s, "master")) return ClientType::kMaster;
  if (util::iequals(s, "pubsub")) return ClientType::kPubsub;
  return ClientType::kInvalid;
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
  std::string* dest = nullptr;
  if (util::iequals(attr, "lib-name"))
    dest = &c.client.lib_name;
  else if (util::iequals(attr, "lib-ver"))
    dest = &c.client.lib_ver;
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
  } else if (c.argc() > 3 && util::iequals(c.arg(2), "id")) {
    std::vector<uint64_t> ids;
    for (size_t i = 3; i < c.argc(); ++i) {
      int64_t id;
      if (!util::parse_int64(c.arg(i), id)) {
        c.reply.error("ERR Invalid client ID");
        return;
      }
      ids.push_back(static_cast<uint64_t>(id));
    }
    for (uint64_t id : ids) {
      if (const auto* cl = client_by_id(c, id)) out += client_info_line(c, *cl) + "\n";
    }
  } else if (c.argc() == 4 && util::iequals(c.arg(2), "type")) {
    ClientType type = client_type_by_name(c.arg(3));
    if (type == ClientType::kInvalid) {
      c.reply.error("ERR Unknown client type '" + std::string(c.arg(3)) + "'");
      return;
    }
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
  for (size_t i = 2; i < c.argc(); i += 2) {
    std::string_view opt = c.arg(i);
    if (i + 1 >= c.argc()) {
      c.reply.error(err::kSyntax);
      return;
    }
    std::string_view val = c.arg(i + 1);
    if (util::iequals(opt, "id")) {
      int64_t v;
      if (!util::parse_int64(val, v) || v < 1) {
        c.reply.error("ERR client-id should be greater than 0");
        return;
      }
      id = static_cast<uint64_t>(v);
    } else if (util::iequals(opt, "type")) {
      type = client_type_by_name(val);
      if (type == ClientType::kInvalid) {
        c.reply.error("ERR Unknown client type '" + std::string(val) + "'");
        return;
      }
      has_type = true;
    } else if (util::iequals(opt, "addr")) {
      addr = val;
      has_addr = true;
    } else if (util::iequals(opt, "laddr")) {
      laddr = val;
      has_laddr = true;
    } else if (util::iequals(opt, "user")) {
      // "default" is the only user until ACLs exist.
      if (val != "default") {
        c.reply.error("ERR No such user '" + std::string(val) + "'");
        return;
      }
      user = val;
      has_user = true;
    } else if (util::iequals(opt, "skipme")) {
      if (util::iequals(val, "yes"))
        skipme = true;
      else if (util::iequals(val, "no"))
        skipme = false;
      else {
        c.reply.error(err::kSyntax);
        return;
      }
    } else {
      c.reply.error(err::kSyntax);
      return;
    }
  }
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

// ---------------------------------------------------------------- SHUTDOWN

// SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT] → no reply on success (the
// connection closes); errors otherwise.
void cmd_shutdown(CommandContext& c) {
  bool nosave = false, save = false, now = false, force = false, abort = false;
  for (size_t i = 1; i < c.argc(); ++i) {
    std::string_view a = c.arg(i);
    if (util::iequals(a, "nosave"))
      nosave = true;
    else if (util::iequals(a, "save"))
      save = true;
    else if (util::iequals(a, "now"))
      now = true;
    else if (util::iequals(a, "force"))
      force = true;
    else if (util::iequals(a, "abort"))
      abort = true;
    else {
      c.reply.error(err::kSyntax);
      return;
    }
  }
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
  for (size_t i = 3; i < c.argc(); ++i) {
    if (util::iequals(c.arg(i), "samples") && i + 1 < c.argc()) {
      int64_t samples;
      if (!util::parse_int64(c.arg(i + 1), samples)) {
        c.reply.error(err::kNotInteger);
        return;
      }
      if (samples < 0) {
        c.reply.error(err::kSyntax);
        return;
      }
      ++i;  // every element is counted exactly; samples changes nothing
    } else {
      c.reply.error(err::kSyntax);
      return;
    }
  }
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
using namespace server_detail;

constexpr uint32_t kAdminCfg = kAdmin | kNoscript | kLoading | kStale;
constexpr uint32_t kConnSub = kNoscript | kLoading | kStale;
constexpr std::string_view kHelpSummary = "Show helpful text about the different subcommands";
constexpr std::string_view kDepends = "Depends on subcommand.";

// clang-format off
const CommandSpec kSpecs[] = {
    {"dbsize", 1, kReadonly | kFast, acl::kKeyspace, {}, cmd_dbsize, Group::kServer, "Return the number of keys in the selected database", "1.0.0", "O(1)"},
    {"flushdb", -1, kWrite, acl::kKeyspace | acl::kDangerous, {}, cmd_flushdb, Group::kServer, "Remove all keys from the current database", "1.0.0", "O(N) where N is the number of keys in the selected database"},
    {"flushall", -1, kWrite, acl::kKeyspace | acl::kDangerous, {}, cmd_flushall, Group::kServer, "Remove all keys from all databases", "1.0.0", "O(N) where N is the total number of keys in all databases"},
    {"time", 1, kLoading | kStale | kFast, 0, {}, cmd_time, Group::kServer, "Return the current server time", "2.6.0", "O(1)"},
    {"info", -1, kLoading | kStale | kSentinel, acl::kDangerous, {}, cmd_info, Group::kServer, "Get information and statistics about the server", "1.0.0", "O(1)"},
    {"shutdown", -1, kAdmin | kNoscript | kLoading | kStale | kNoMulti | kSentinel | kAllowBusy, 0, {}, cmd_shutdown, Group::kServer, "Synchronously save the dataset to disk and then shut down the server", "1.0.0", "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)"},
    {"config", -2, 0, 0, {}, nullptr, Group::kServer, "A container for server configuration commands", "2.0.0", kDepends,
     {
         {"config|get", -3, kAdminCfg, 0, {}, cmd_config_get, Group::kServer, "Get the values of configuration parameters", "2.0.0", "O(N) when N is the number of configuration parameters provided"},
         {"config|set", -4, kAdminCfg, 0, {}, cmd_config_set, Group::kServer, "Set configuration parameters to the given values", "2.0.0", "O(N) when N is the number of configuration parameters provided", {}, nullptr, redact_config_set},
         {"config|resetstat", 2, kAdminCfg, 0, {}, cmd_config_resetstat, Group::kServer, "Reset the stats returned by INFO", "2.0.0", "O(1)"},
         {"config|help", 2, kLoading | kStale, 0, {}, cmd_config_help, Group::kServer, kHelpSummary, "5.0.0", "O(1)"},
     }},
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
         {"client|reply", 3, kConnSub, acl::kConnection, {}, cmd_client_reply, Group::kConnection, "Instruct the server whether to reply to commands", "3.2.0", "O(1)"},
         {"client|no-evict", 3, kAdminCfg, acl::kConnection, {}, cmd_client_no_evict, Group::kConnection, "Set client eviction mode for the current connection", "7.0.0", "O(1)"},
         {"client|help", 2, kLoading | kStale, acl::kConnection, {}, cmd_client_help, Group::kConnection, kHelpSummary, "5.0.0", "O(1)"},
     }},
    {"command", -1, kLoading | kStale, acl::kConnection, {}, cmd_command, Group::kServer, "Get array of Redis command details", "2.8.13", "O(N) where N is the total number of Redis commands",
     {
         {"command|count", 2, kLoading | kStale, acl::kConnection, {}, cmd_command_count, Group::kServer, "Get total number of Redis commands", "2.8.13", "O(1)"},
         {"command|info", -2, kLoading | kStale, acl::kConnection, {}, cmd_command_info, Group::kServer, "Get array of specific Redis command details, or all when no argument is given.", "2.8.13", "O(N) where N is the number of commands to look up"},
         {"command|docs", -2, kLoading | kStale, acl::kConnection, {}, cmd_command_docs, Group::kServer, "Get array of specific Redis command documentation", "7.0.0", "O(N) where N is the number of commands to look up"},
         {"command|list", -2, kLoading | kStale, acl::kConnection, {}, cmd_command_list, Group::kServer, "Get an array of Redis command names", "7.0.0", "O(N) where N is the total number of Redis commands"},
         {"command|getkeys", -4, kLoading | kStale, acl::kConnection, {}, cmd_command_getkeys, Group::kServer, "Extract keys given a full Redis command", "2.8.13", "O(N) where N is the number of arguments to the command"},
         {"command|getkeysandflags", -4, kLoading | kStale, acl::kConnection, {}, cmd_command_getkeysandflags, Group::kServer, "Extract keys and access flags given a full Redis command", "7.0.0", "O(N) where N is the number of arguments to the command"},
         {"command|help", 2, kLoading | kStale, acl::kConnection, {}, cmd_command_help, Group::kServer, kHelpSummary, "5.0.0", "O(1)"},
     }},
    {"memory", -2, 0, 0, {}, nullptr, Group::kServer, "A container for memory diagnostics commands", "4.0.0", kDepends,
     {
         {"memory|usage", -3, kReadonly, 0, {ks::key(2, ks::kRO)}, cmd_memory_usage, Group::kServer, "Estimate the memory usage of a key", "4.0.0", "O(N) where N is the number of samples."},
         {"memory|help", 2, kLoading | kStale, 0, {}, cmd_memory_help, Group::kServer, kHelpSummary, "4.0.0", "O(1)"},
     }},
};
// clang-format on

}  // namespace

void register_server_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
