#pragma once
// The one hop from a connection to the keyspace: a batch of parsed commands is
// executed on the keyspace strand and the coroutine resumes on its own
// executor. This is the seam where the keyspace can later be split into shards
// (route a batch's commands per shard) without touching command code.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string>
#include <utility>

#include "core/command/dispatcher.h"
#include "core/resp/command_batch.h"
#include "core/server/client.h"
#include "core/util/strings.h"

namespace ironkv::net {

namespace asio = boost::asio;

using KeyspaceStrand = asio::strand<asio::io_context::executor_type>;

// Runs fn() on `strand`, then resumes the awaiting coroutine on its own
// executor. Post-there/post-back with a work guard: co_await post(strand) would
// not move the coroutine (see TOOLCHAIN-NOTES), and co_spawn costs more.
template <class F>
asio::awaitable<void> run_on(KeyspaceStrand& strand, F fn) {
  auto initiate = [&strand](auto handler, F f) {
    auto work = asio::make_work_guard(asio::get_associated_executor(handler));
    asio::post(strand, [f = std::move(f), handler = std::move(handler),
                        work = std::move(work)]() mutable {
      f();
      auto ex = work.get_executor();
      asio::post(ex, std::move(handler));
    });
  };
  co_await asio::async_initiate<const asio::use_awaitable_t<>, void()>(initiate, asio::use_awaitable,
                                                                       std::move(fn));
}

// Whether a batch holds a command that runs Lua (EVAL*, FCALL*, or EXEC, which
// may have queued one).
inline bool may_run_script(const resp::CommandBatch& batch, size_t start) {
  for (size_t i = start; i < batch.size(); ++i) {
    auto argv = batch.command(i);
    if (argv.empty()) continue;
    std::string_view n = argv[0];
    if (n.empty()) continue;
    char c = static_cast<char>(n[0] | 0x20);
    if (c != 'e' && c != 'f') continue;
    for (std::string_view w :
         {"eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro", "exec"}) {
      if (n.size() == w.size() && util::iequals(n, w)) return true;
    }
  }
  return false;
}

class KeyspaceExecutor {
 public:
  // `single_thread`: exactly one thread runs the io_context, so nothing can run
  // on the keyspace strand concurrently and a batch may run inline, without the
  // two posts of a hop (the dominant cost of a request/response round trip).
  KeyspaceExecutor(asio::io_context& ioc, command::Dispatcher& dispatcher,
                   bool single_thread = false)
      : strand_(asio::make_strand(ioc)), dispatcher_(&dispatcher), inline_(single_thread) {}

  KeyspaceStrand& strand() { return strand_; }
  // True with io-threads 1: everything runs on one thread, inline.
  bool single_thread() const { return inline_; }
  command::Dispatcher& dispatcher() { return *dispatcher_; }

  // One hop for the batch's commands from `start`; replies are appended to `out`
  // in order. Returns the index of the first command not run (the batch stops
  // early when a command blocks the client or closes it).
  asio::awaitable<size_t> run_batch(server::ClientState& client, const resp::CommandBatch& batch,
                                    std::string& out, size_t start = 0) {
    size_t next = start;
    auto run = [this, &client, &batch, &out, &next] {
      client.last_interaction_ms = dispatcher_->keyspace().clock().now_ms();
      next = dispatcher_->execute_batch(client, batch, out, next);
    };
    // A script may run for long: with io-threads 1 it runs on the strand too
    // (one hop), so that while its hook polls the io_context for the other
    // connections (busy-reply-threshold), nothing else posted to the strand
    // (cron, admin, blocked-client timeouts) can run inside it.
    if (inline_ && !may_run_script(batch, start))
      run();
    else co_await run_on(strand_, run);
    co_return next;
  }

 private:
  KeyspaceStrand strand_;
  command::Dispatcher* dispatcher_;
  bool inline_;
};

}  // namespace ironkv::net
