#pragma once
// What the dispatcher records after each command it runs, beside the call
// counters: the per-command latency histogram (latencystats, /metrics), the
// LATENCY monitor's "command" / "fast-command" events and the SLOWLOG.
// Runs on the keyspace strand.

#include <cstdint>
#include <span>
#include <string_view>

#include "core/command/client.h"
#include "core/command/server_context.h"
#include "core/command/spec.h"

namespace ironkv::command {

void record_command(ServerContext& srv, const ClientState& client,
                    std::span<const std::string_view> argv, const CommandSpec& spec,
                    uint64_t duration_us, int64_t now_ms);

}  // namespace ironkv::command
