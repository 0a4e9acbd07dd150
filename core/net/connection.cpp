#include "core/net/connection.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "core/util/strings.h"

namespace ironkv::net {

namespace {

constexpr size_t kInitialBuffer = 16 * 1024;
constexpr size_t kMinReadSpace = 4 * 1024;
// A buffer grown for one big frame is given back once it is idle again.
constexpr size_t kShrinkAbove = 256 * 1024;
constexpr size_t kMaxRetainedOutput = 1024 * 1024;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

std::string format_endpoint(const asio::ip::tcp::endpoint& ep) {
  auto addr = ep.address();
  if (addr.is_v6() && addr.to_v6().is_v4_mapped()) {
    addr = asio::ip::make_address_v4(asio::ip::v4_mapped, addr.to_v6());
  }
  // Redis's formatAddr: IPv6 in brackets. Built with append (g++ 12 gives a
  // false -Wrestrict on "literal" + std::string).
  std::string out;
  if (addr.is_v6()) out.push_back('[');
  out.append(addr.to_string());
  if (addr.is_v6()) out.push_back(']');
  out.push_back(':');
  out.append(std::to_string(ep.port()));
  return out;
}

int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, NetContext& ctx)
    : socket_(std::move(socket)), ctx_(&ctx) {
  boost::system::error_code ec;
  auto remote = socket_.remote_endpoint(ec);
  if (!ec) state_.addr = format_endpoint(remote);
  auto local = socket_.local_endpoint(ec);
  if (!ec) state_.laddr = format_endpoint(local);
  state_.id = ctx.server->next_client_id.fetch_add(1);
  state_.fd = socket_.native_handle();
  state_.created_ms = wall_ms();
  state_.last_interaction_ms = state_.created_ms;
  state_.handle = this;
  resize_input(kInitialBuffer);
}

Connection::~Connection() = default;

asio::awaitable<void> Connection::run() {
  auto self = shared_from_this();
  auto& strand = ctx_->executor->strand();
  if (ctx_->server->script.busy.load(std::memory_order_acquire)) {
    // A busy script holds the strand: the client must still get -BUSY and be
    // able to send SCRIPT KILL, so it registers without waiting (the strand runs
    // that before any later hop of this client). CONFIG SET cannot run while
    // the script does (it is no-script), so reading requirepass here is safe.
    state_.authenticated = ctx_->server->config.requirepass.empty();
    asio::post(strand, [this, self] { ctx_->server->clients[state_.id] = this; });
  } else {
    co_await run_on(strand, [this] {
      // Config is strand-owned (CONFIG SET writes it there), so read it there too.
      state_.authenticated = ctx_->server->config.requirepass.empty();
      ctx_->server->clients[state_.id] = this;
    });
  }
  try {
    co_await serve();
    // In-flight replies finish before the socket closes (QUIT, protocol error,
    // shutdown, client half-close).
    co_await drain_output();
  } catch (const std::exception& e) {
    // Nothing a client sends should get here; if it does, drop this client only.
    spdlog::error("client {} ({}): closing after internal error: {}", state_.id, state_.addr,
                  e.what());
  }
  co_await run_on(strand, [this] {
    ctx_->server->blocking.remove(state_.id);
    ctx_->server->watches.unwatch_all(state_);
    ctx_->server->pubsub.disconnect(state_);
    ctx_->server->clients.erase(state_.id);
  });
  finished_ = true;
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  ctx_->server->net.connected_clients.fetch_sub(1);
}

void Connection::kill() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    self->stop_requested_ = true;
    boost::system::error_code ec;
    self->socket_.close(ec);
    if (self->block_timer_) self->block_timer_->cancel();
  });
}

void Connection::request_stop() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    self->stop_requested_ = true;
    boost::system::error_code ec;
    if (self->reading_) self->socket_.cancel(ec);
    if (self->block_timer_) self->block_timer_->cancel();
  });
}

void Connection::wake() {
  // On the keyspace strand: block_seq is current here. The connection only
  // honours the wake for the block it is waiting on.
  // The wake may arrive before the connection starts waiting (it may still be
  // writing earlier replies), so it is recorded, not just signalled.
  uint64_t seq = state_.block.seq;
  asio::post(socket_.get_executor(), [self = shared_from_this(), seq] {
    self->woken_seq_ = std::max(self->woken_seq_, seq);
    if (seq == self->waiting_seq_ && self->block_timer_) self->block_timer_->cancel();
  });
}

void Connection::push(std::string data) {
  if (ctx_->executor->single_thread()) {
    deliver(std::move(data));
    return;
  }
  asio::post(socket_.get_executor(), [self = shared_from_this(), d = std::move(data)]() mutable {
    self->deliver(std::move(d));
  });
}

void Connection::deliver(std::string data) {
  if (finished_ || output_limit_closed_ || write_failed_) return;
  if (out_.empty()) out_.swap(data);
  else out_.append(data);
  if (!check_output_limits()) return;
  queue_output();
}

bool Connection::check_output_limits() {
  if (output_limit_closed_) return false;
  uint64_t pending = out_.size() + wbuf_.size();
  state_.net.omem.store(pending, std::memory_order_relaxed);
  int cls = state_.pubsub.in_class.load(std::memory_order_relaxed) ? server::kClassPubsub
                                                                   : server::kClassNormal;
  const auto& limit = ctx_->output_limits[cls];
  uint64_t hard = limit.hard.load(std::memory_order_relaxed);
  uint64_t soft = limit.soft.load(std::memory_order_relaxed);
  bool over = hard != 0 && pending >= hard;
  if (soft != 0 && pending >= soft) {
    // The soft limit closes only once it has held for more than soft seconds.
    int64_t now = wall_ms();
    if (soft_limit_since_ms_ == 0) soft_limit_since_ms_ = now;
    else if (now - soft_limit_since_ms_ > limit.soft_seconds.load(std::memory_order_relaxed) * 1000)
      over = true;
  } else {
    soft_limit_since_ms_ = 0;
  }
  if (!over) return true;
  output_limit_closed_ = true;
  ctx_->server->net.client_output_buffer_limit_disconnections.fetch_add(1);
  spdlog::warn("Client id={} addr={} laddr={} fd={} omem={} scheduled to be closed ASAP for "
               "overcoming of output buffer limits.",
               state_.id, state_.addr, state_.laddr, state_.fd, pending);
  // Memory goes back at once; the write in flight is aborted by the close.
  std::string().swap(out_);
  state_.net.omem.store(wbuf_.size(), std::memory_order_relaxed);
  stop_requested_ = true;
  boost::system::error_code ec;
  socket_.close(ec);
  if (block_timer_) block_timer_->cancel();
  return false;
}

namespace {
// True if the peer has closed (or the socket failed); false if data or nothing
// is pending. Does not consume anything.
bool peer_closed(int fd) {
  char byte;
  ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return true;
  if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
  return false;
}
}  // namespace

asio::awaitable<bool> Connection::wait_unblocked() {
  using namespace asio::experimental::awaitable_operators;
  auto& strand = ctx_->executor->strand();
  auto& registry = ctx_->server->blocking;
  if (!block_timer_) block_timer_.emplace(socket_.get_executor());
  waiting_seq_ = state_.block.seq;
  bool watch_socket = true;
  bool keep = true;
  for (;;) {
    if (woken_seq_ == waiting_seq_) break;  // served: block_reply is set
    if (stop_requested_ || ctx_->stopping.load(std::memory_order_relaxed)) {
      co_await run_on(strand, [this, &registry] { registry.remove(state_.id); });
      keep = false;
      break;
    }
    int64_t deadline = state_.block.deadline_ms;
    if (deadline == 0) {
      block_timer_->expires_at(asio::steady_timer::time_point::max());
    } else {
      block_timer_->expires_after(std::chrono::milliseconds(std::max<int64_t>(0, deadline - wall_ms())));
    }
    boost::system::error_code timer_ec;
    if (watch_socket) {
      // Also watch the socket, so a client that disconnects while blocked is
      // removed at once rather than at its deadline.
      auto r = co_await (block_timer_->async_wait(kUseTuple) ||
                         socket_.async_wait(asio::ip::tcp::socket::wait_read, kUseTuple));
      if (r.index() == 1) {
        auto [ec] = std::get<1>(r);
        if (ec || peer_closed(socket_.native_handle())) {
          co_await run_on(strand, [this, &registry] { registry.remove(state_.id); });
          keep = false;
          break;
        }
        // Commands pipelined behind the blocking one: they run after it.
        watch_socket = false;
        continue;
      }
      timer_ec = std::get<0>(std::get<0>(r));
    } else {
      auto [ec] = co_await block_timer_->async_wait(kUseTuple);
      timer_ec = ec;
    }
    if (timer_ec == asio::error::operation_aborted) continue;  // woken, killed or stopping
    // Deadline: the strand decides, since it may have served us just now.
    co_await run_on(strand, [this, &registry] { registry.time_out(state_.id); });
    break;
  }
  waiting_seq_ = 0;
  co_await wait_durable();
  out_.append(state_.block.reply);
  state_.block.reply.clear();
  co_return keep;
}

asio::awaitable<void> Connection::wait_durable() {
  uint64_t seq = state_.durable_wait;
  if (seq == 0 || ctx_->write_gate == nullptr) co_return;
  state_.durable_wait = 0;
  co_await ctx_->write_gate->wait_durable(seq);
}

// Back-pressure: while the AOF writer is behind (its channel full), wait before
// running more commands, so memory does not grow without bound. False when the
// connection must close instead.
asio::awaitable<bool> Connection::wait_for_aof_room() {
  auto* p = ctx_->write_gate;
  if (p == nullptr || !p->congested()) co_return true;
  if (!block_timer_) block_timer_.emplace(socket_.get_executor());
  while (p->congested()) {
    if (stop_requested_ || ctx_->stopping.load(std::memory_order_relaxed)) co_return false;
    block_timer_->expires_after(std::chrono::milliseconds(1));
    co_await block_timer_->async_wait(kUseTuple);
  }
  co_return true;
}

// Starts writing what is queued if no write is in flight. Reading never waits
// for writing: a client that sends a whole pipeline before reading its replies
// must not deadlock against us (Redis keeps reading and buffers the replies).
void Connection::queue_output() {
  if (writing_ || out_.empty() || write_failed_ || output_limit_closed_) return;
  wbuf_.swap(out_);
  writing_ = true;
  state_.net.omem.store(wbuf_.size(), std::memory_order_relaxed);
  asio::async_write(socket_, asio::buffer(wbuf_),
                    [self = shared_from_this()](boost::system::error_code ec, size_t n) {
                      self->on_written(ec, n);
                    });
}

void Connection::on_written(boost::system::error_code ec, size_t written) {
  writing_ = false;
  state_.net.omem.store(out_.size(), std::memory_order_relaxed);
  state_.net.out.fetch_add(written, std::memory_order_relaxed);
  ctx_->server->net.total_net_output_bytes.fetch_add(written, std::memory_order_relaxed);
  if (wbuf_.capacity() > kMaxRetainedOutput) std::string().swap(wbuf_);
  else wbuf_.clear();
  if (ec) {
    write_failed_ = true;
    // The reader may be waiting for input that no longer matters.
    boost::system::error_code ignored;
    if (reading_) socket_.cancel(ignored);
  } else {
    queue_output();
  }
  if (!writing_ && drain_timer_) drain_timer_->cancel();
}

// Waits until everything queued has been written (or writing failed).
asio::awaitable<void> Connection::drain_output() {
  queue_output();
  if (!drain_timer_) drain_timer_.emplace(socket_.get_executor());
  while (writing_) {
    drain_timer_->expires_at(asio::steady_timer::time_point::max());
    co_await drain_timer_->async_wait(kUseTuple);
  }
}

// Reallocates the input buffer to `cap` bytes keeping the unparsed bytes at
// the front. Not zero-filled: a client announcing a huge bulk must not make us
// touch memory it never sends.
void Connection::resize_input(size_t cap) {
  std::unique_ptr<char[]> fresh(new char[cap]);
  size_t pending = end_ - start_;
  if (pending > 0) std::memcpy(fresh.get(), in_.get() + start_, pending);
  in_ = std::move(fresh);
  in_cap_ = cap;
  start_ = 0;
  end_ = pending;
}

void Connection::compact() {
  if (start_ == end_) {
    start_ = end_ = 0;
    if (in_cap_ > kShrinkAbove) resize_input(kInitialBuffer);
    return;
  }
  if (start_ > 0) {
    std::memmove(in_.get(), in_.get() + start_, end_ - start_);
    end_ -= start_;
    start_ = 0;
  }
}

// Makes room for the next read. False when the client's unparsed input passed
// client-query-buffer-limit, or announced a frame that could never fit in it.
bool Connection::ensure_read_space() {
  uint64_t limit = ctx_->client_query_buffer_limit.load(std::memory_order_relaxed);
  size_t hint = parser_.frame_size_hint();  // bytes the current frame needs from its start
  size_t pending = end_ - start_;
  if (pending >= limit || hint > limit) return false;
  if (in_cap_ - end_ >= kMinReadSpace) return true;
  compact();
  if (in_cap_ - end_ >= kMinReadSpace) return true;
  // Grow geometrically as data actually arrives (amortised O(n) copying), up to
  // the frame's known size when there is one.
  size_t grown = std::max(in_cap_ * 2, pending + kMinReadSpace);
  if (hint > 0) grown = std::min(grown, std::max(hint, pending + kMinReadSpace));
  resize_input(grown);
  return true;
}

void Connection::answer_while_busy() {
  auto& st = ctx_->server->script;
  for (size_t i = 0; i < batch_.size(); ++i) {
    auto argv = batch_.command(i);
    if (argv.empty()) continue;
    std::string_view sub = argv.size() > 1 ? argv[1] : std::string_view{};
    bool nosave = false;
    for (size_t j = 1; j < argv.size(); ++j) nosave = nosave || util::iequals(argv[j], "nosave");
    std::string r = server::busy_reply(st, argv[0], sub, nosave);
    if (r.empty()) {
      state_.close_after_reply = true;  // SHUTDOWN NOSAVE: the server goes away
      break;
    }
    if (!state_.drop_reply()) out_.append(r);
  }
  batch_.clear();
}

asio::awaitable<void> Connection::serve() {
  auto& server = *ctx_->server;
  for (;;) {
    if (stop_requested_ || ctx_->stopping.load(std::memory_order_relaxed)) co_return;
    if (!ensure_read_space()) {
      server.net.client_query_buffer_limit_disconnections.fetch_add(1);
      spdlog::warn("closing client {} ({}) that reached max query buffer length ({} bytes)",
                   state_.id, state_.addr, end_ - start_);
      co_return;
    }
    // state_.authenticated is written on the keyspace strand only during a hop
    // this coroutine awaits, so reading it here is ordered.
    parser_.set_limits(resp::ParserLimits{
        .max_bulk_len = ctx_->proto_max_bulk_len.load(std::memory_order_relaxed),
        .unauthenticated = !state_.authenticated});
    reading_ = true;
    auto [ec, n] = co_await socket_.async_read_some(
        asio::buffer(in_.get() + end_, in_cap_ - end_), kUseTuple);
    reading_ = false;
    if (ec) {
      if (ec != asio::error::eof && ec != asio::error::operation_aborted &&
          ec != asio::error::connection_reset) {
        spdlog::debug("client {} ({}): read error: {}", state_.id, state_.addr, ec.message());
      }
      co_return;
    }
    end_ += n;
    server.net.total_reads_processed.fetch_add(1, std::memory_order_relaxed);
    state_.net.in.fetch_add(n, std::memory_order_relaxed);
    server.net.total_net_input_bytes.fetch_add(n, std::memory_order_relaxed);

    bool protocol_error = false;
    while (start_ < end_) {
      size_t consumed = 0;
      auto st = parser_.parse(std::string_view(in_.get() + start_, end_ - start_), batch_, consumed);
      if (st == resp::ParseStatus::kOk) {
        start_ += consumed;
        continue;
      }
      protocol_error = st == resp::ParseStatus::kError;
      break;
    }
    state_.net.qbuf.store(end_ - start_, std::memory_order_relaxed);
    state_.net.qbuf_free.store(in_cap_ - end_, std::memory_order_relaxed);

    if (server.loading.load(std::memory_order_acquire)) {
      // The data is still loading (on its own thread): Redis's answer to every
      // command until it is done.
      for (size_t i = 0; i < batch_.size(); ++i) {
        out_.append("-LOADING Redis is loading the dataset in memory\r\n");
      }
      batch_.clear();
    }
    if (server.script.busy.load(std::memory_order_acquire) && !batch_.empty()) {
      // A script holds the keyspace past busy-reply-threshold: answer here,
      // without it (the keyspace thread is running the script).
      answer_while_busy();
    }
    for (size_t next = 0; next < batch_.size();) {
      if (!co_await wait_for_aof_room()) co_return;
      server.net.keyspace_hops.fetch_add(1, std::memory_order_relaxed);
      // The keyspace thread writes replies into hop_out_, never into out_, which
      // the write completion (this connection's strand) may touch meanwhile.
      next = co_await ctx_->executor->run_batch(state_, batch_, hop_out_, next);
      // appendfsync always: the replies go out once the writes are on disk.
      co_await wait_durable();
      if (out_.empty()) out_.swap(hop_out_);
      else out_.append(hop_out_);
      hop_out_.clear();
      if (!check_output_limits()) co_return;
      if (state_.block.blocked) {
        // Replies of the commands before the blocking one go out now.
        queue_output();
        if (!co_await wait_unblocked()) co_return;
      }
      if (state_.close_after_reply) break;
    }
    batch_.clear();
    if (protocol_error) {
      server.net.protocol_errors.fetch_add(1, std::memory_order_relaxed);
      spdlog::debug("client {} ({}): protocol error: {}", state_.id, state_.addr, parser_.error());
    }
    // CLIENT REPLY OFF/SKIP drop this error too (the hop that set them is over).
    if (protocol_error && !state_.drop_reply()) {
      out_.append("-ERR ");
      out_.append(parser_.error());
      out_.append("\r\n");
    }
    queue_output();
    if (write_failed_) co_return;
    if (protocol_error || state_.close_after_reply) co_return;
    compact();
  }
}

}  // namespace ironkv::net
