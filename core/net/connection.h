#pragma once
// One client connection: a coroutine that reads into its buffer, parses every
// complete frame it holds, runs the batch on the keyspace in one hop, and
// writes all of the batch's replies in one write.

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/net/keyspace_executor.h"
#include "core/net/write_gate.h"
#include "core/resp/command_batch.h"
#include "core/resp/parser.h"
#include "core/server/client.h"
#include "core/server/server_context.h"

namespace ironkv::net {

// Shared by all connections of a server.
struct NetContext {
  KeyspaceExecutor* executor = nullptr;
  server::ServerContext* server = nullptr;
  // AOF back-pressure and appendfsync always (null in tests without persistence).
  WriteGate* write_gate = nullptr;
  // Limits read by io threads; CONFIG SET updates them (on the strand).
  std::atomic<uint64_t> proto_max_bulk_len{512ull * 1024 * 1024};
  std::atomic<uint64_t> client_query_buffer_limit{1024ull * 1024 * 1024};
  std::atomic<uint64_t> maxclients{10000};
  std::atomic<int64_t> tcp_keepalive{300};
  // client-output-buffer-limit per class (server::ClientClass); 0 = none.
  struct OutputLimit {
    std::atomic<uint64_t> hard{0};
    std::atomic<uint64_t> soft{0};
    std::atomic<int64_t> soft_seconds{0};
  };
  OutputLimit output_limits[3];
  void set_output_limits(const server::Config& c) {
    for (size_t i = 0; i < 3; ++i) {
      output_limits[i].hard = c.client_output_buffer_limit[i].hard;
      output_limits[i].soft = c.client_output_buffer_limit[i].soft;
      output_limits[i].soft_seconds = c.client_output_buffer_limit[i].soft_seconds;
    }
  }
  std::atomic<bool> stopping{false};
};

class Connection final : public server::ClientHandle,
                         public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::ip::tcp::socket socket, NetContext& ctx);
  ~Connection() override;

  // The connection's whole life; co_spawn it on the socket's executor (a strand).
  asio::awaitable<void> run();

  server::ClientState& state() override { return state_; }
  asio::any_io_executor executor() { return socket_.get_executor(); }
  // Closes the socket from the connection's strand; any thread.
  void kill() override;
  // Graceful stop for shutdown: a connection waiting for input closes now; one
  // in the middle of a batch finishes writing its replies first.
  void request_stop();
  // Called on the keyspace strand after the blocked client was served.
  void wake() override;
  // Called on the keyspace strand: pub/sub messages for this client. Appended
  // to the output on the connection's strand (posted, so they stay behind the
  // replies of a hop that completed before them); with io-threads 1 appended
  // at once, since a batch's replies are then already in out_.
  void push(std::string data) override;

 private:
  asio::awaitable<void> serve();
  // The batch's replies while a script is busy (see server::busy_reply).
  void answer_while_busy();
  // Waits while blocked (BLPOP & co) until served, timed out, or the client goes
  // away; false when the connection must close.
  asio::awaitable<bool> wait_unblocked();
  asio::awaitable<void> wait_durable();
  asio::awaitable<bool> wait_for_aof_room();
  void queue_output();
  void deliver(std::string data);
  // client-output-buffer-limit for the client's class; on a breach the
  // pending output is dropped and the connection closed. False when closed.
  bool check_output_limits();
  void on_written(boost::system::error_code ec, size_t written);
  asio::awaitable<void> drain_output();
  bool ensure_read_space();
  void compact();
  void resize_input(size_t cap);

  asio::ip::tcp::socket socket_;
  NetContext* ctx_;
  server::ClientState state_;
  resp::Parser parser_;
  resp::CommandBatch batch_;
  std::unique_ptr<char[]> in_;
  size_t in_cap_ = 0;
  size_t start_ = 0;   // first unparsed byte
  size_t end_ = 0;     // one past the last byte read
  std::string out_;        // replies waiting to be written (connection strand)
  std::string hop_out_;    // replies of the batch being run on the keyspace strand
  std::string wbuf_;       // the write in flight
  bool writing_ = false;
  bool write_failed_ = false;
  std::optional<asio::steady_timer> drain_timer_;
  bool reading_ = false;       // strand-only
  std::optional<asio::steady_timer> block_timer_;   // connection strand only
  uint64_t waiting_seq_ = 0;   // block_seq being waited for; 0 = not blocked
  uint64_t woken_seq_ = 0;     // latest block_seq the strand served
  bool stop_requested_ = false;  // strand-only
  bool output_limit_closed_ = false;  // strand-only
  int64_t soft_limit_since_ms_ = 0;   // strand-only; 0 = under the soft limit
  bool finished_ = false;             // strand-only: run() has closed the socket
};

}  // namespace ironkv::net
