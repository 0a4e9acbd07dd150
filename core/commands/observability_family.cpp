// SLOWLOG and LATENCY: reading what core/command/observe.cpp records after
// each command (and what persistence adds through latency_add_sample).

#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "core/command/context.h"
#include "core/commands/families.h"
#include "core/commands/help.h"
#include "core/commands/info_sections.h"
#include "core/server/latency.h"
#include "core/util/numbers.h"

namespace ironkv::commands {

using command::CommandContext;
using command::CommandSpec;

namespace {

// ---------------------------------------------------------------- SLOWLOG

// SLOWLOG GET [count] → array of [id, unix time, microseconds, argv, client
// addr, client name], newest first; count 10 by default, -1 for all.
void cmd_slowlog_get(CommandContext& c) {
  if (c.argc() > 3) {
    c.reply.error(
        "ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP.");
    return;
  }
  int64_t count = 10;
  const auto& entries = c.server.slowlog.entries();
  if (c.argc() == 3) {
    if (!util::parse_int64(c.arg(2), count) || count < -1) {
      c.reply.error("ERR count should be greater than or equal to -1");
      return;
    }
    if (count == -1) count = static_cast<int64_t>(entries.size());
  }
  size_t n = std::min(entries.size(), static_cast<size_t>(count));
  c.reply.array(n);
  for (size_t i = 0; i < n; ++i) {
    const auto& e = entries[i];
    c.reply.array(6);
    c.reply.integer(static_cast<int64_t>(e.id));
    c.reply.integer(e.time);
    c.reply.integer(static_cast<int64_t>(e.duration_us));
    c.reply.array(e.argv.size());
    for (const auto& a : e.argv) c.reply.bulk(a);
    c.reply.bulk(e.client_addr);
    c.reply.bulk(e.client_name);
  }
}

// SLOWLOG LEN → integer
void cmd_slowlog_len(CommandContext& c) {
  c.reply.integer(static_cast<int64_t>(c.server.slowlog.size()));
}

// SLOWLOG RESET → +OK
void cmd_slowlog_reset(CommandContext& c) {
  c.server.slowlog.reset();
  c.reply.ok();
}

void cmd_slowlog_help(CommandContext& c) {
  reply_help(c, {
                    "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "GET [<count>]",
                    "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                    "    Entries are made of:",
                    "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                    "    client name",
                    "LEN",
                    "    Return the length of the slowlog.",
                    "RESET",
                    "    Reset the slowlog.",
                    "HELP",
                    "    Prints this help.",
                });
}

// ---------------------------------------------------------------- LATENCY

// LATENCY LATEST → array of [event, unix time, latest ms, all-time max ms]
void cmd_latency_latest(CommandContext& c) {
  auto latest = c.server.latency.latest();
  c.reply.array(latest.size());
  for (const auto& l : latest) {
    c.reply.array(4);
    c.reply.bulk(l.event);
    c.reply.integer(l.time);
    c.reply.integer(static_cast<int64_t>(l.latest));
    c.reply.integer(static_cast<int64_t>(l.max));
  }
}

// LATENCY HISTORY event → array of [unix time, ms], oldest first
void cmd_latency_history(CommandContext& c) {
  auto samples = c.server.latency.history(c.arg(2));
  c.reply.array(samples.size());
  for (const auto& s : samples) {
    c.reply.array(2);
    c.reply.integer(s.time);
    c.reply.integer(static_cast<int64_t>(s.latency));
  }
}

// LATENCY RESET [event ...] → integer: how many event series were reset
void cmd_latency_reset(CommandContext& c) {
  std::vector<std::string_view> events(c.argv.begin() + 2, c.argv.end());
  c.reply.integer(static_cast<int64_t>(c.server.latency.reset(events)));
}

// One command's entry: {"calls": n, "histogram_usec": {us: cumulative, …}}.
void reply_command_cdf(CommandContext& c, const CommandSpec& spec) {
  const auto& h = *spec.stats.latency;
  c.reply.bulk(spec.name);
  c.reply.map(2);
  c.reply.bulk("calls");
  c.reply.integer(static_cast<int64_t>(h.total()));
  c.reply.bulk("histogram_usec");
  auto cdf = h.log_cdf();
  c.reply.map(cdf.size());
  for (const auto& [us, count] : cdf) {
    c.reply.integer(us);
    c.reply.integer(static_cast<int64_t>(count));
  }
}

void collect_with_histograms(const CommandSpec& spec, std::vector<const CommandSpec*>& out) {
  if (spec.stats.latency) out.push_back(&spec);
  for (const auto& sub : spec.subcommands) collect_with_histograms(sub, out);
}

// LATENCY HISTOGRAM [command ...] → map command → {calls, histogram_usec};
// every command with data when none is named. A container ("config") stands
// for its subcommands; unknown names are skipped.
void cmd_latency_histogram(CommandContext& c) {
  std::vector<const CommandSpec*> specs;
  if (c.argc() == 2) {
    for (const CommandSpec* s : c.table.all()) collect_with_histograms(*s, specs);
  } else {
    for (size_t i = 2; i < c.argc(); ++i) {
      std::string_view name = c.arg(i);
      const CommandSpec* spec = nullptr;
      if (auto bar = name.find('|'); bar != std::string_view::npos) {
        const CommandSpec* parent = c.table.find(name.substr(0, bar));
        if (parent) spec = command::CommandTable::find_sub(*parent, name.substr(bar + 1));
      } else {
        spec = c.table.find(name);
      }
      if (spec == nullptr) continue;
      if (spec->stats.latency) specs.push_back(spec);
      for (const auto& sub : spec->subcommands) {
        if (sub.stats.latency) specs.push_back(&sub);
      }
    }
  }
  c.reply.map(specs.size());
  for (const CommandSpec* s : specs) reply_command_cdf(c, *s);
}

// Redis also has DOCTOR and GRAPH (human-readable reports); IronKV does not,
// so its help does not offer them.
void cmd_latency_help(CommandContext& c) {
  reply_help(c, {
                    "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "HISTORY <event>",
                    "    Return time-latency samples for the <event> class.",
                    "LATEST",
                    "    Return the latest latency samples for all events.",
                    "RESET [<event> ...]",
                    "    Reset latency data of one or more <event> classes.",
                    "    (default: reset all data for all event classes)",
                    "HISTOGRAM [COMMAND ...]",
                    "    Return a cumulative distribution of latencies in the format of a "
                    "histogram for the specified command names.",
                    "    If no commands are specified then all histograms are replied.",
                    "HELP",
                    "    Prints this help.",
                });
}

using namespace command;

constexpr uint32_t kAdminSub = kAdmin | kLoading | kStale;
constexpr uint32_t kLatencySub = kAdmin | kNoscript | kLoading | kStale;
constexpr std::string_view kHelpSummary = "Show helpful text about the different subcommands";
constexpr std::string_view kDepends = "Depends on subcommand.";

// ---------------------------------------------------------------- INFO

void command_stats(const CommandSpec& spec, std::string& out) {
  const auto& st = spec.stats;
  if (st.calls || st.failed_calls || st.rejected_calls) {
    char per_call[64];
    std::snprintf(
        per_call, sizeof per_call, "%.2f",
        st.calls ? static_cast<double>(static_cast<float>(st.usec) / static_cast<float>(st.calls))
                 : 0.0);
    out += "cmdstat_";
    out.append(spec.name);
    out += ":calls=" + std::to_string(st.calls) + ",usec=" + std::to_string(st.usec) +
           ",usec_per_call=" + per_call + ",rejected_calls=" + std::to_string(st.rejected_calls) +
           ",failed_calls=" + std::to_string(st.failed_calls) + "\r\n";
  }
  for (const auto& sub : spec.subcommands) command_stats(sub, out);
}

// latency_percentiles_usec_<cmd>:p50=…,p99=…,p99.9=… (Redis 7): the
// configured percentiles of the command's histogram, in microseconds.
void latency_stats(const CommandSpec& spec, const std::vector<double>& percentiles,
                   std::string& out) {
  if (spec.stats.latency && spec.stats.latency->total() > 0) {
    out += "latency_percentiles_usec_";
    out.append(spec.name);
    out += ':';
    for (size_t j = 0; j < percentiles.size(); ++j) {
      char value[64];
      std::snprintf(
          value, sizeof value, "%.3f",
          static_cast<double>(spec.stats.latency->value_at_percentile(percentiles[j])) / 1000.0);
      if (j) out += ',';
      out += 'p' + server::format_percentile(percentiles[j]) + '=' + value;
    }
    out += "\r\n";
  }
  for (const auto& sub : spec.subcommands) latency_stats(sub, percentiles, out);
}

void commandstats_section(CommandContext& c, InfoWriter& w) {
  for (const CommandSpec* spec : c.table.all()) command_stats(*spec, w.raw());
}

void latencystats_section(CommandContext& c, InfoWriter& w) {
  if (!c.server.config.latency_tracking) return;
  auto percentiles =
      server::parse_percentiles(c.server.config.latency_tracking_info_percentiles).values;
  for (const CommandSpec* spec : c.table.all()) latency_stats(*spec, percentiles, w.raw());
}

constexpr InfoSection kInfoSections[] = {
    {InfoRank::kCommandstats, "commandstats", "Commandstats", false, true, commandstats_section},
    {InfoRank::kLatencystats, "latencystats", "Latencystats", false, true, latencystats_section},
};

// clang-format off
const CommandSpec kSpecs[] = {
    {"slowlog", -2, 0, 0, {}, nullptr, Group::kServer, "A container for slow log commands", "2.2.12", kDepends,
     {
         {"slowlog|get", -2, kAdminSub, 0, {}, cmd_slowlog_get, Group::kServer, "Get the slow log's entries", "2.2.12", "O(N) where N is the number of entries returned"},
         {"slowlog|len", 2, kAdminSub, 0, {}, cmd_slowlog_len, Group::kServer, "Get the slow log's length", "2.2.12", "O(1)"},
         {"slowlog|reset", 2, kAdminSub, 0, {}, cmd_slowlog_reset, Group::kServer, "Clear all entries from the slow log", "2.2.12", "O(N) where N is the number of entries in the slowlog"},
         {"slowlog|help", 2, kLoading | kStale, 0, {}, cmd_slowlog_help, Group::kServer, kHelpSummary, "6.2.0", "O(1)"},
     }},
    {"latency", -2, 0, 0, {}, nullptr, Group::kServer, "A container for latency diagnostics commands", "2.8.13", kDepends,
     {
         {"latency|latest", 2, kLatencySub, 0, {}, cmd_latency_latest, Group::kServer, "Return the latest latency samples for all events.", "2.8.13", "O(1)"},
         {"latency|history", 3, kLatencySub, 0, {}, cmd_latency_history, Group::kServer, "Return timestamp-latency samples for the event.", "2.8.13", "O(1)"},
         {"latency|reset", -2, kLatencySub, 0, {}, cmd_latency_reset, Group::kServer, "Reset latency data for one or more events.", "2.8.13", "O(1)"},
         {"latency|histogram", -2, kLatencySub, 0, {}, cmd_latency_histogram, Group::kServer, "Return the cumulative distribution of latencies of a subset of commands or all.", "7.0.0", "O(N) where N is the number of commands with latency information being retrieved."},
         {"latency|help", 2, kLoading | kStale, 0, {}, cmd_latency_help, Group::kServer, kHelpSummary, "2.8.13", "O(1)"},
     }},
};
// clang-format on

}  // namespace

void register_observability_family(command::CommandTable& t) {
  register_info_sections(kInfoSections);
  t.add(kSpecs);
}

}  // namespace ironkv::commands
