#pragma once
// What a connection asks of the write log before it goes on: with appendfsync
// always a reply waits until the log is durable up to the position the
// dispatcher gave (ClientState::durable_wait); while the log's writer is behind
// (back-pressure) the connection waits before running more commands.
// Implemented over the persistence engine by the server (app/); null in tests
// without one. Called on the connection's executor.

#include <boost/asio/awaitable.hpp>
#include <cstdint>

namespace ironkv::net {

class WriteGate {
 public:
  virtual ~WriteGate() = default;
  // Completes once everything up to `seq` is durable (at once without a log).
  virtual boost::asio::awaitable<void> wait_durable(uint64_t seq) = 0;
  // True while the log's writer is behind: wait before running more commands.
  virtual bool congested() const = 0;
};

}  // namespace ironkv::net
