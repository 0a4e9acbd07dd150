#pragma once
// What the dispatcher records after each command it runs, beside the call
// counters: the per-command latency histogram (latencystats, /metrics), the
// LATENCY monitor's "command" / "fast-command" events and the SLOWLOG.
// Runs on the keyspace strand. The duration is in nanoseconds: the histogram
// keeps that resolution (Redis measures whole microseconds, so its
// latencystats never show less than 1 us for a command that took any time);
// SLOWLOG and LATENCY use microseconds and milliseconds as Redis does.

#include <cstdint>
#include <span>
#include <string_view>

#include "core/command/spec.h"
#include "core/server/client.h"
#include "core/server/server_context.h"

namespace ironkv::command {

void record_command(server::ServerContext& srv, const server::ClientState& client,
                    std::span<const std::string_view> argv, const CommandSpec& spec,
                    uint64_t duration_ns, int64_t now_ms);

}  // namespace ironkv::command
