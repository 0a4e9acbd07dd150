#include "core/command/dispatcher.h"

#include <algorithm>
#include <chrono>

#include "core/command/context.h"
#include "core/command/observe.h"
#include "core/resp/errors.h"
#include "core/util/strings.h"

namespace ironkv::command {

std::string unknown_command_error(std::span<const std::string_view> argv) {
  std::string args;
  for (size_t i = 1; i < argv.size() && args.size() < 128; ++i) {
    size_t room = 128 - args.size();
    args += '\'';
    args.append(argv[i].substr(0, room));
    args += "' ";
  }
  std::string name(argv[0].substr(0, 128));
  return "ERR unknown command '" + name + "', with args beginning with: " + args;
}

std::string arity_error(std::string_view full_name) {
  return "ERR wrong number of arguments for '" + std::string(full_name) + "' command";
}

std::string unknown_subcommand_error(std::string_view sub, std::string_view parent) {
  return "ERR unknown subcommand '" + std::string(sub.substr(0, 128)) + "'. Try " +
         util::to_upper(parent) + " HELP.";
}

namespace {
// The flags of one queued command line (a container's subcommand when it has one).
uint32_t queued_flags(const std::vector<std::string>& argv, const CommandTable& table) {
  if (argv.empty()) return 0;
  const CommandSpec* spec = table.find(argv[0]);
  if (spec == nullptr) return 0;
  if (!spec->subcommands.empty() && argv.size() >= 2) {
    if (const CommandSpec* sub = CommandTable::find_sub(*spec, argv[1])) return sub->flags;
  }
  return spec->flags;
}

// What CLIENT PAUSE WRITE holds back: commands that write or may replicate
// (PUBLISH, EVAL …), and an EXEC whose queue holds one.
bool pausable_write(const CommandSpec& spec, const server::ClientState& client,
                    const CommandTable& table) {
  constexpr uint32_t kPausedByWrite = kWrite | kMayReplicate;
  if (spec.flags & kPausedByWrite) return true;
  if (spec.name == "exec" && client.tx.in_multi) {
    return std::any_of(client.tx.queue.begin(), client.tx.queue.end(), [&](const auto& q) {
      return (queued_flags(q, table) & kPausedByWrite) != 0;
    });
  }
  return false;
}

bool arity_ok(int arity, size_t argc) {
  return arity > 0 ? argc == static_cast<size_t>(arity) : argc >= static_cast<size_t>(-arity);
}
}  // namespace

void Dispatcher::execute(server::ClientState& client, std::span<const std::string_view> argv,
                         resp::ReplyBuilder& reply) {
  if (argv.empty()) return;
  server::ServerContext& srv = *server_;
  const CommandSpec* spec = table_->find(argv[0]);
  uint64_t errors_before = reply.error_count();
  bool rejected = false;
  if (spec == nullptr) {
    rejected = true;
    reply.error(unknown_command_error(argv));
  } else if (!arity_ok(spec->arity, argv.size())) {
    rejected = true;
    ++spec->stats.rejected_calls;
    reply.error(arity_error(spec->name));
  } else {
    if (!spec->subcommands.empty() && argv.size() >= 2) {
      const CommandSpec* sub = CommandTable::find_sub(*spec, argv[1]);
      if (sub == nullptr) {
        rejected = true;
        ++spec->stats.rejected_calls;
        reply.error(unknown_subcommand_error(argv[1], spec->name));
        spec = nullptr;
      } else if (!arity_ok(sub->arity, argv.size())) {
        rejected = true;
        ++sub->stats.rejected_calls;
        reply.error(arity_error(sub->name));
        spec = nullptr;
      } else {
        spec = sub;
      }
    }
    // The central checks, in Redis processCommand's order. A rejected command
    // counts in its rejected_calls and is not run.
    auto reject = [&](std::string_view message) {
      rejected = true;
      ++spec->stats.rejected_calls;
      reply.error(message);
      spec = nullptr;
    };
    if (spec != nullptr && !client.authenticated && !(spec->flags & kNoAuth)) {
      reject(resp::err::kNoAuth);
    }
    if (spec != nullptr && client.tx.in_multi && (spec->flags & kNoMulti)) {
      reject("ERR Command not allowed inside a transaction");
    }
    if (spec != nullptr && (spec->flags & kWrite) && !srv.misconf_error.empty()) {
      reject(srv.misconf_error);
    }
    if (spec != nullptr && client.resp == 2 && client.subscribed() &&
        !(spec->flags & kSubscribedOk)) {
      reject("ERR Can't execute '" + std::string(spec->name) +
             "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in "
             "this context");
    }
    if (spec != nullptr && client.handle != nullptr &&
        srv.pause.must_postpone(pausable_write(*spec, client, *table_), client,
                                keyspace_->now_ms())) {
      // Not run, not rejected: runs again when the pause ends.
      postpone(client);
      client.last_cmd = spec->name;  // CLIENT LIST shows what it waits to run
      return;
    }
    if (spec != nullptr && client.tx.in_multi && !(spec->flags & kMultiControl)) {
      // Inside MULTI: queue an owned copy (argv views die with the read buffer).
      client.tx.queue.emplace_back(argv.begin(), argv.end());
      reply.queued();
      spec = nullptr;
    } else if (spec != nullptr && spec->handler != nullptr) {
      auto start = std::chrono::steady_clock::now();
      // A script's commands run at the script's time (Redis freezes it for the
      // whole script): only the outermost command freezes.
      const bool freeze = !keyspace_->time_frozen();
      if (freeze) keyspace_->freeze_time(keyspace_->clock().now_ms());
      CommandContext ctx(argv, reply, client, *keyspace_, srv, *table_, *spec);
      ctx.handle = client.handle;
      ctx.dispatcher = this;
      const uint64_t dirty_before = keyspace_->dirty();
      const size_t rewrites_from = rewrites_.size();
      const int db = client.db;  // SELECT/MOVE-like commands change it
      if (srv.command_log != nullptr) ctx.log_rewrites = &rewrites_;
      spec->handler(ctx);
      keyspace_->end_command(keyspace_->dirty() != dirty_before);
      if (srv.command_log != nullptr) {
        if (rewrites_.size() > rewrites_from) {
          log_rewrites(client, db, rewrites_from);
        } else if (keyspace_->dirty() != dirty_before && (spec->flags & kWrite)) {
          log_command(client, db, argv);
        }
        if (exec_logged_ && !client.tx.in_exec) {
          // The EXEC whose commands were logged has finished.
          const std::string_view exec[] = {"EXEC"};
          srv.command_log->append(db, exec);
          exec_logged_ = false;
        }
      }
      // Inside EXEC, waiters are served once the whole transaction has run.
      if (srv.blocking.has_ready() && !client.tx.in_exec) serve_blocked();
      if (freeze) keyspace_->unfreeze_time();
      auto elapsed = std::chrono::steady_clock::now() - start;
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
      ++spec->stats.calls;
      spec->stats.usec += static_cast<uint64_t>(us);
      if (reply.error_count() != errors_before) ++spec->stats.failed_calls;
      record_command(srv, client, argv, *spec,
                     static_cast<uint64_t>(std::chrono::nanoseconds(elapsed).count()),
                     keyspace_->clock().now_ms());
      ++srv.total_commands_processed;
      ++client.commands;
      client.last_cmd = spec->name;
    } else if (spec != nullptr) {
      // A container called without a subcommand, e.g. bare "CONFIG".
      reply.error(arity_error(spec->name));
    }
  }
  uint64_t new_errors = reply.error_count() - errors_before;
  srv.total_error_replies += new_errors;
  // A command rejected while queueing (unknown, wrong arity, NOAUTH) makes the
  // EXEC fail with EXECABORT, as in Redis; errors of MULTI/WATCH themselves do not.
  if (rejected && client.tx.in_multi) client.tx.error = true;
}

size_t Dispatcher::execute_batch(server::ClientState& client, const resp::CommandBatch& batch,
                                 std::string& out, size_t start) {
  resp::ReplyBuilder reply(out, client.resp);
  size_t i = start;
  client.block.postponed = false;  // a postponed command comes back here to run again
  while (i < batch.size()) {
    size_t mark = out.size();
    execute(client, batch.command(i), reply);
    if (client.block.postponed) break;
    ++i;
    if (!client.block.blocked && !client.block.reply.empty()) {
      // Blocked and served within the same command: keep reply order.
      out.append(client.block.reply);
      client.block.reply.clear();
    }
    if (!client.block.blocked) {
      // CLIENT REPLY OFF/SKIP; a blocked command's reply is dropped when it comes.
      if (client.drop_reply()) out.resize(mark);
      client.command_done();
    }
    if (client.close_after_reply || client.block.blocked) break;
    reply.set_protocol(client.resp);
  }
  if (server::CommandLog* log = server_->command_log) {
    client.durable_wait = log->durable_target();
    log->end_batch();
  }
  // Messages published during this hop go to their subscribers now; the
  // caller's own (its EXEC published to itself) follow its replies.
  if (server_->pubsub.has_pending()) server_->pubsub.flush(&client, &out);
  return i;
}

void Dispatcher::log_command(server::ClientState& client, int db,
                             std::span<const std::string_view> argv) {
  if (capture_ != nullptr) {
    capture_->emplace_back(db, server::OwnedArgv(argv.begin(), argv.end()));
    return;
  }
  server::CommandLog& log = *server_->command_log;
  if (client.tx.in_exec && !exec_logged_) {
    const std::string_view multi[] = {"MULTI"};
    log.append(db, multi);
    exec_logged_ = true;
  }
  log.append(db, argv);
}

void Dispatcher::log_effects(server::ClientState& caller, const Effects& effects) {
  server::CommandLog* log = server_->command_log;
  if (log == nullptr || effects.empty()) return;
  std::vector<std::string_view> views;
  const bool wrap = effects.size() > 1 && !caller.tx.in_exec;
  if (wrap) {
    const std::string_view multi[] = {"MULTI"};
    log->append(effects.front().first, multi);
  }
  for (const auto& [db, argv] : effects) {
    views.assign(argv.begin(), argv.end());
    if (caller.tx.in_exec) {
      log_command(caller, db, views);
    } else {
      log->append(db, views);
    }
  }
  if (wrap) {
    const std::string_view exec[] = {"EXEC"};
    log->append(effects.back().first, exec);
  }
}

void Dispatcher::log_rewrites(server::ClientState& client, int db, size_t from) {
  std::vector<std::string_view> views;
  for (size_t i = from; i < rewrites_.size(); ++i) {
    views.assign(rewrites_[i].begin(), rewrites_[i].end());
    log_command(client, db, views);
  }
  rewrites_.resize(from);
}

void Dispatcher::postpone(server::ClientState& client) {
  server::ServerContext& srv = *server_;
  server::BlockRequest req;
  req.deadline_ms = srv.pause.end_ms();
  req.on_timeout = [](resp::ReplyBuilder&) {};  // the command itself will reply
  client.block.deadline_ms = req.deadline_ms;
  srv.blocking.block(client.handle, client.db, nullptr, std::move(req));
  client.block.postponed = true;
  srv.pause.note_postponed(client.id);
}

void Dispatcher::end_pause() {
  server::ServerContext& srv = *server_;
  keyspace_->pause_expiry_until(0);
  for (uint64_t id : srv.pause.unpause()) {
    server::BlockingRegistry::Entry* e = srv.blocking.find(id);
    if (e == nullptr || !e->client->state().block.postponed) continue;
    server::ClientHandle* handle = e->client;
    srv.blocking.remove(id);
    handle->wake();
  }
}

void Dispatcher::serve_blocked() {
  server::BlockingRegistry& reg = server_->blocking;
  int db = 0;
  std::string key;
  // Bounded: serving can make other keys ready (BLMOVE's destination), but each
  // round serves at least one client or drains a key.
  for (size_t rounds = 0; rounds < 100000 && reg.next_ready(db, key); ++rounds) {
    for (uint64_t id : reg.waiters(db, key)) {
      server::BlockingRegistry::Entry* e = reg.find(id);
      if (e == nullptr) continue;
      server::ClientHandle* handle = e->client;
      server::ClientState& cs = handle->state();
      std::string served;
      resp::ReplyBuilder reply(served, cs.resp);
      int saved_db = cs.db;
      cs.db = e->db;
      CommandContext ctx({}, reply, cs, *keyspace_, *server_, *table_, *e->spec);
      ctx.handle = handle;
      ctx.dispatcher = this;
      const size_t rewrites_from = rewrites_.size();
      if (server_->command_log != nullptr) ctx.log_rewrites = &rewrites_;
      uint64_t dirty_before = keyspace_->dirty();
      bool ok = e->req.try_serve(ctx);
      keyspace_->end_command(keyspace_->dirty() != dirty_before);
      cs.db = saved_db;
      // The pop is logged as its non-blocking form (the served client is not in
      // EXEC, so no MULTI wrapping).
      if (rewrites_.size() > rewrites_from) log_rewrites(cs, e->db, rewrites_from);
      if (!ok) {
        if (e->req.serve_each_waiter) continue;
        break;  // the key has nothing left for the next waiter either
      }
      ++e->spec->stats.calls;
      ++server_->total_commands_processed;
      reg.remove(id);
      if (!cs.drop_reply()) cs.block.reply.append(served);
      if (server_->command_log != nullptr) cs.durable_wait = server_->command_log->durable_target();
      cs.command_done();
      handle->wake();
    }
  }
}

}  // namespace ironkv::command
