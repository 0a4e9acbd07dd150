#pragma once
// The connections' WriteGate over the persistence engine's AOF writer: replies
// wait for its fsync position with appendfsync always; its back-pressure.

#include <boost/asio/use_awaitable.hpp>

#include "core/net/write_gate.h"
#include "persistence/persistence.h"

namespace ironkv::app {

class PersistenceGate final : public net::WriteGate {
 public:
  explicit PersistenceGate(persistence::Persistence& p) : p_(&p) {}
  boost::asio::awaitable<void> wait_durable(uint64_t seq) override {
    if (auto* w = p_->writer()) co_await w->async_wait_durable(seq, boost::asio::use_awaitable);
  }
  bool congested() const override { return p_->congested(); }

 private:
  persistence::Persistence* p_;
};

}  // namespace ironkv::app
