#include "core/command/dispatcher.h"

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
bool arity_ok(int arity, size_t argc) {
  return arity > 0 ? argc == static_cast<size_t>(arity) : argc >= static_cast<size_t>(-arity);
}
}  // namespace

void Dispatcher::execute(ClientState& client, std::span<const std::string_view> argv,
                         resp::ReplyBuilder& reply) {
  if (argv.empty()) return;
  ServerContext& srv = *server_;
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
    if (spec != nullptr && !client.authenticated && !(spec->flags & kNoAuth)) {
      rejected = true;
      ++spec->stats.rejected_calls;
      reply.error(resp::err::kNoAuth);
      spec = nullptr;
    }
    if (spec != nullptr && client.in_multi && !(spec->flags & kMultiControl)) {
      // Inside MULTI: queue an owned copy (argv views die with the read buffer).
      client.multi_queue.emplace_back(argv.begin(), argv.end());
      reply.queued();
      spec = nullptr;
    } else if (spec != nullptr && spec->handler != nullptr) {
      auto start = std::chrono::steady_clock::now();
      keyspace_->freeze_time(keyspace_->clock().now_ms());
      CommandContext ctx(argv, reply, client, *keyspace_, srv, *table_, *spec);
      ctx.handle = client.handle;
      ctx.dispatcher = this;
      spec->handler(ctx);
      // Inside EXEC, waiters are served once the whole transaction has run.
      if (srv.blocking.has_ready() && !client.in_exec) serve_blocked();
      keyspace_->unfreeze_time();
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
  if (rejected && client.in_multi) client.multi_error = true;
}

size_t Dispatcher::execute_batch(ClientState& client, const resp::CommandBatch& batch,
                                 std::string& out, size_t start) {
  resp::ReplyBuilder reply(out, client.resp);
  size_t i = start;
  while (i < batch.size()) {
    execute(client, batch.command(i), reply);
    ++i;
    if (!client.blocked && !client.block_reply.empty()) {
      // Blocked and served within the same command: keep reply order.
      out.append(client.block_reply);
      client.block_reply.clear();
    }
    if (client.close_after_reply || client.blocked) break;
    reply.set_protocol(client.resp);
  }
  return i;
}

void Dispatcher::serve_blocked() {
  BlockingRegistry& reg = server_->blocking;
  int db = 0;
  std::string key;
  // Bounded: serving can make other keys ready (BLMOVE's destination), but each
  // round serves at least one client or drains a key.
  for (size_t rounds = 0; rounds < 100000 && reg.next_ready(db, key); ++rounds) {
    for (uint64_t id : reg.waiters(db, key)) {
      BlockingRegistry::Entry* e = reg.find(id);
      if (e == nullptr) continue;
      ClientHandle* handle = e->client;
      ClientState& cs = handle->state();
      std::string served;
      resp::ReplyBuilder reply(served, cs.resp);
      int saved_db = cs.db;
      cs.db = e->db;
      CommandContext ctx({}, reply, cs, *keyspace_, *server_, *table_, *e->spec);
      ctx.handle = handle;
      bool ok = e->req.try_serve(ctx);
      cs.db = saved_db;
      if (!ok) break;  // the key has nothing left for the next waiter either
      ++e->spec->stats.calls;
      ++server_->total_commands_processed;
      reg.remove(id);
      cs.block_reply.append(served);
      handle->wake();
    }
  }
}

}  // namespace ironkv::command
