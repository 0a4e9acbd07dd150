#include "core/net/connection.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstring>

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
  in_.resize(kInitialBuffer);
}

Connection::~Connection() = default;

asio::awaitable<void> Connection::run() {
  auto self = shared_from_this();
  auto& strand = ctx_->executor->strand();
  co_await run_on(strand, [this] {
    // Config is strand-owned (CONFIG SET writes it there), so read it there too.
    state_.authenticated = ctx_->server->config.requirepass.empty();
    ctx_->server->clients[state_.id] = this;
  });
  try {
    co_await serve();
  } catch (const std::exception& e) {
    // Nothing a client sends should get here; if it does, drop this client only.
    spdlog::error("client {} ({}): closing after internal error: {}", state_.id, state_.addr,
                  e.what());
  }
  co_await run_on(strand, [this] { ctx_->server->clients.erase(state_.id); });
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
  });
}

void Connection::request_stop() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    self->stop_requested_ = true;
    if (self->reading_) {
      boost::system::error_code ec;
      self->socket_.cancel(ec);
    }
  });
}

void Connection::compact() {
  if (start_ == end_) {
    start_ = end_ = 0;
    if (in_.size() > kShrinkAbove) {
      std::vector<char>(kInitialBuffer).swap(in_);
    }
    return;
  }
  if (start_ > 0) {
    std::memmove(in_.data(), in_.data() + start_, end_ - start_);
    end_ -= start_;
    start_ = 0;
  }
}

// Makes room for the next read. False when the client's unparsed input passed
// client-query-buffer-limit.
bool Connection::ensure_read_space() {
  size_t hint = parser_.frame_size_hint();  // bytes the current frame needs from its start
  bool room = in_.size() - end_ >= kMinReadSpace;
  bool fits = hint == 0 || start_ + hint <= in_.size();
  if (room && fits) return true;
  compact();
  size_t pending = end_ - start_;
  size_t want = std::max(pending + kMinReadSpace, hint);
  uint64_t limit = ctx_->client_query_buffer_limit.load(std::memory_order_relaxed);
  if (pending >= limit) return false;
  if (in_.size() < want) {
    size_t grown = std::max(want, std::min<size_t>(in_.size() * 2, limit));
    in_.resize(grown);
  }
  return true;
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
    parser_.set_limits(resp::ParserLimits{
        .max_bulk_len = ctx_->proto_max_bulk_len.load(std::memory_order_relaxed)});
    reading_ = true;
    auto [ec, n] = co_await socket_.async_read_some(
        asio::buffer(in_.data() + end_, in_.size() - end_), kUseTuple);
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
    state_.net_in.fetch_add(n, std::memory_order_relaxed);
    server.net.total_net_input_bytes.fetch_add(n, std::memory_order_relaxed);

    bool protocol_error = false;
    while (start_ < end_) {
      size_t consumed = 0;
      auto st = parser_.parse(std::string_view(in_.data() + start_, end_ - start_), batch_, consumed);
      if (st == resp::ParseStatus::kOk) {
        start_ += consumed;
        continue;
      }
      protocol_error = st == resp::ParseStatus::kError;
      break;
    }
    state_.qbuf.store(end_ - start_, std::memory_order_relaxed);
    state_.qbuf_free.store(in_.size() - end_, std::memory_order_relaxed);

    if (!batch_.empty()) {
      server.net.keyspace_hops.fetch_add(1, std::memory_order_relaxed);
      co_await ctx_->executor->run_batch(state_, batch_, out_);
      batch_.clear();
    }
    if (protocol_error) {
      server.net.protocol_errors.fetch_add(1, std::memory_order_relaxed);
      spdlog::debug("client {} ({}): protocol error: {}", state_.id, state_.addr, parser_.error());
      out_.append("-ERR ");
      out_.append(parser_.error());
      out_.append("\r\n");
    }
    if (!out_.empty()) {
      state_.omem.store(out_.size(), std::memory_order_relaxed);
      auto [wec, written] = co_await asio::async_write(socket_, asio::buffer(out_), kUseTuple);
      state_.omem.store(0, std::memory_order_relaxed);
      state_.net_out.fetch_add(written, std::memory_order_relaxed);
      server.net.total_net_output_bytes.fetch_add(written, std::memory_order_relaxed);
      if (wec) co_return;
      if (out_.capacity() > kMaxRetainedOutput) std::string().swap(out_);
      else out_.clear();
    }
    if (protocol_error || state_.close_after_reply) co_return;
    compact();
  }
}

}  // namespace ironkv::net
