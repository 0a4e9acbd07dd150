// INFO [section ...]: Redis 7.0's text format ("# Section\r\nkey:value\r\n",
// sections separated by a blank line, always in Redis's order whatever order
// they were asked in). Fields we have no data for are left out rather than
// invented; sections that do not exist here (errorstats) come back empty, as
// an unknown section does in Redis. The sections come from a registry
// (info_sections.h): this file registers the server-wide ones, the families
// their own (clients, persistence, commandstats, latencystats).

#include <malloc.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/command/context.h"
#include "core/commands/families.h"
#include "core/commands/info_sections.h"
#include "core/util/strings.h"

namespace ironkv::commands {

using command::CommandContext;
using command::CommandSpec;

void InfoWriter::line(std::string_view key, std::string_view value) {
  out_->append(key);
  out_->push_back(':');
  out_->append(value);
  out_->append("\r\n");
}
void InfoWriter::num(std::string_view key, int64_t v) { line(key, std::to_string(v)); }
void InfoWriter::unum(std::string_view key, uint64_t v) { line(key, std::to_string(v)); }
void InfoWriter::fixed2(std::string_view key, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  line(key, buf);
}

namespace {

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}
std::vector<InfoSection>& registry() {
  static std::vector<InfoSection> sections;
  return sections;
}

constexpr std::string_view kRedisVersion = "7.0.15";
constexpr std::string_view kIronkvVersion = "0.1.0";

using Section = InfoWriter;

uint64_t used_memory() {
  struct mallinfo2 mi = mallinfo2();
  return static_cast<uint64_t>(mi.uordblks) + static_cast<uint64_t>(mi.hblkhd);
}

uint64_t rss_bytes() {
  std::ifstream f("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  if (!(f >> size >> resident)) return 0;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

uint64_t total_system_memory() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) : 0;
}

std::string cpu_time(const timeval& tv) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%ld.%06ld", static_cast<long>(tv.tv_sec),
                static_cast<long>(tv.tv_usec));
  return buf;
}

void server_section(CommandContext& c, Section& s) {
  struct utsname name {};
  uname(&name);
  s.line("redis_version", kRedisVersion);
  s.line("ironkv_version", kIronkvVersion);
  s.line("redis_git_sha1", "00000000");
  s.line("redis_git_dirty", "0");
  s.line("redis_mode", "standalone");
  s.line("os", std::string(name.sysname) + " " + name.release + " " + name.machine);
  s.num("arch_bits", static_cast<int64_t>(sizeof(void*) * 8));
  s.line("monotonic_clock", "POSIX clock_gettime");
  s.line("multiplexing_api", "epoll");
  s.line("atomicvar_api", "c11-builtin");
#if defined(__GNUC__) && !defined(__clang__)
  s.line("gcc_version", std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) + "." +
                            std::to_string(__GNUC_PATCHLEVEL__));
#else
  s.line("gcc_version", "0.0.0");
#endif
  s.num("process_id", static_cast<int64_t>(getpid()));
  s.line("process_supervised", "no");
  s.line("run_id", c.server.run_id);
  s.num("tcp_port", c.server.actual_port);
  int64_t now_us = c.keyspace.clock().now_us();
  s.num("server_time_usec", now_us);
  int64_t uptime = (now_us / 1000 - c.server.start_time_ms) / 1000;
  if (uptime < 0) uptime = 0;
  s.num("uptime_in_seconds", uptime);
  s.num("uptime_in_days", uptime / 86400);
  s.num("hz", c.server.config.hz);
  s.num("configured_hz", c.server.config.hz);
  s.unum("lru_clock", c.keyspace.lru_clock() & ((1u << 24) - 1));
  s.line("executable", c.server.executable);
  s.line("config_file", c.server.config_file);
  s.num("io_threads_active", c.server.io_threads > 1 ? 1 : 0);
}

void memory_section(CommandContext& c, Section& s) {
  uint64_t used = used_memory();
  uint64_t rss = rss_bytes();
  if (used > c.server.peak_memory) c.server.peak_memory = used;
  uint64_t peak = c.server.peak_memory;
  uint64_t sys = total_system_memory();
  s.unum("used_memory", used);
  s.line("used_memory_human", util::bytes_to_human(used));
  s.unum("used_memory_rss", rss);
  s.line("used_memory_rss_human", util::bytes_to_human(rss));
  s.unum("used_memory_peak", peak);
  s.line("used_memory_peak_human", util::bytes_to_human(peak));
  char perc[32];
  std::snprintf(perc, sizeof perc, "%.2f%%",
                peak ? 100.0 * static_cast<double>(used) / static_cast<double>(peak) : 0.0);
  s.line("used_memory_peak_perc", perc);
  s.unum("total_system_memory", sys);
  s.line("total_system_memory_human", util::bytes_to_human(sys));
  // Lua (core/scripting): the EVAL state, the functions' state, their caches.
  const server::ScriptingHost* lua = c.server.scripting.get();
  uint64_t vm_eval = lua ? lua->eval_memory() : 0;
  uint64_t vm_functions = lua ? lua->functions_memory() : 0;
  uint64_t scripts_eval = lua ? lua->scripts_memory() : 0;
  s.unum("used_memory_lua", vm_eval);
  s.unum("used_memory_vm_eval", vm_eval);
  s.line("used_memory_lua_human", util::bytes_to_human(vm_eval));
  s.unum("used_memory_scripts_eval", scripts_eval);
  s.unum("number_of_cached_scripts", lua ? lua->cached_scripts() : 0);
  s.unum("number_of_functions", lua ? lua->functions_count() : 0);
  s.unum("number_of_libraries", lua ? lua->libraries_count() : 0);
  s.unum("used_memory_vm_functions", vm_functions);
  s.unum("used_memory_vm_total", vm_eval + vm_functions);
  s.line("used_memory_vm_total_human", util::bytes_to_human(vm_eval + vm_functions));
  s.unum("used_memory_functions", 0);
  s.unum("used_memory_scripts", scripts_eval);
  s.line("used_memory_scripts_human", util::bytes_to_human(scripts_eval));
  s.num("maxmemory", 0);
  s.line("maxmemory_human", "0B");
  s.line("maxmemory_policy", "noeviction");
  s.fixed2("mem_fragmentation_ratio",
           used ? static_cast<double>(rss) / static_cast<double>(used) : 0.0);
  s.num("mem_fragmentation_bytes", static_cast<int64_t>(rss) - static_cast<int64_t>(used));
  s.line("mem_allocator", "libc");
  s.unum("lazyfree_pending_objects", c.server.lazyfree_pending());
}

void stats_section(CommandContext& c, Section& s) {
  const auto& net = c.server.net;
  const auto& ks = c.keyspace.stats();
  s.unum("total_connections_received", net.total_connections_received.load());
  s.unum("total_commands_processed", c.server.total_commands_processed);
  s.unum("instantaneous_ops_per_sec", c.server.instantaneous_ops_per_sec);
  s.unum("total_net_input_bytes", net.total_net_input_bytes.load());
  s.unum("total_net_output_bytes", net.total_net_output_bytes.load());
  s.fixed2("instantaneous_input_kbps", c.server.instantaneous_input_kbps);
  s.fixed2("instantaneous_output_kbps", c.server.instantaneous_output_kbps);
  s.unum("rejected_connections", net.rejected_connections.load());
  s.unum("expired_keys", ks.expired_keys);
  s.line("expired_stale_perc", "0.00");
  s.unum("expired_time_cap_reached_count", ks.expired_time_cap_reached_count);
  s.unum("expire_cycle_cpu_milliseconds", ks.expire_cycle_cpu_us / 1000);
  s.unum("evicted_keys", ks.evicted_keys);
  s.unum("keyspace_hits", ks.keyspace_hits);
  s.unum("keyspace_misses", ks.keyspace_misses);
  s.unum("pubsub_channels", c.server.pubsub.channel_count());
  s.unum("pubsub_patterns", c.server.pubsub.pattern_count());
  s.unum("pubsubshard_channels", c.server.pubsub.shard_channel_count());
  s.unum("unexpected_error_replies", c.server.unexpected_error_replies);
  s.unum("total_error_replies", c.server.total_error_replies);
  s.unum("client_query_buffer_limit_disconnections",
         net.client_query_buffer_limit_disconnections.load());
  s.unum("client_output_buffer_limit_disconnections",
         net.client_output_buffer_limit_disconnections.load());
  s.unum("acl_access_denied_auth", c.server.auth_failures);
  s.unum("total_reads_processed", net.total_reads_processed.load());
  s.unum("ironkv_keyspace_hops", net.keyspace_hops.load());
  char p99[32];
  std::snprintf(p99, sizeof p99, "%.3f", static_cast<double>(c.server.instantaneous_p99_ns) / 1000.0);
  s.line("ironkv_instantaneous_p99_usec", p99);
}

void replication_section(CommandContext&, Section& s) {
  s.line("role", "master");
  s.num("connected_slaves", 0);
  s.line("master_failover_state", "no-failover");
  s.num("master_repl_offset", 0);
  s.num("repl_backlog_active", 0);
}

void cpu_section(CommandContext&, Section& s) {
  rusage self{}, children{}, thread{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  // Commands run on the keyspace strand: this thread is Redis's "main thread".
  getrusage(RUSAGE_THREAD, &thread);
  s.line("used_cpu_sys", cpu_time(self.ru_stime));
  s.line("used_cpu_user", cpu_time(self.ru_utime));
  s.line("used_cpu_sys_children", cpu_time(children.ru_stime));
  s.line("used_cpu_user_children", cpu_time(children.ru_utime));
  s.line("used_cpu_sys_main_thread", cpu_time(thread.ru_stime));
  s.line("used_cpu_user_main_thread", cpu_time(thread.ru_utime));
}

void keyspace_section(CommandContext& c, Section& s) {
  for (int i = 0; i < c.keyspace.db_count(); ++i) {
    store::Database& db = c.keyspace.db(i);
    if (db.size() == 0) continue;
    s.line("db" + std::to_string(i), "keys=" + std::to_string(db.size()) +
                                         ",expires=" + std::to_string(db.expires_size()) +
                                         ",avg_ttl=" + std::to_string(db.avg_ttl()));
  }
}

void cluster_section(CommandContext&, Section& s) { s.num("cluster_enabled", 0); }

// The server-wide sections; "modules": none are loaded, so just its header.
constexpr InfoSection kSections[] = {
    {InfoRank::kServer, "server", "Server", true, true, server_section},
    {InfoRank::kMemory, "memory", "Memory", true, true, memory_section},
    {InfoRank::kStats, "stats", "Stats", true, true, stats_section},
    {InfoRank::kReplication, "replication", "Replication", true, true, replication_section},
    {InfoRank::kCpu, "cpu", "CPU", true, true, cpu_section},
    {InfoRank::kModules, "modules", "Modules", true, true, nullptr},
    {InfoRank::kCluster, "cluster", "Cluster", true, true, cluster_section},
    {InfoRank::kKeyspace, "keyspace", "Keyspace", true, true, keyspace_section},
};

}  // namespace

void register_info_sections(std::span<const InfoSection> sections) {
  std::lock_guard lock(registry_mutex());
  auto& all = registry();
  for (const auto& sec : sections) {
    bool known = std::any_of(all.begin(), all.end(),
                             [&](const InfoSection& s) { return s.name == sec.name; });
    if (known) continue;
    auto pos = std::upper_bound(all.begin(), all.end(), sec.rank,
                                [](InfoRank r, const InfoSection& s) { return r < s.rank; });
    all.insert(pos, sec);
  }
}

std::span<const InfoSection> info_sections() { return registry(); }

namespace {

// INFO [section ...] → bulk
void cmd_info(CommandContext& c) {
  std::set<std::string> wanted;
  bool all = false, defaults = c.argc() == 1;
  for (size_t i = 1; i < c.argc(); ++i) {
    std::string name = util::to_lower(c.arg(i));
    if (name == "all" || name == "everything")
      all = true;
    else if (name == "default")
      defaults = true;
    else
      wanted.insert(std::move(name));
  }
  std::string out;
  InfoWriter w(out);
  bool first = true;
  for (const auto& def : info_sections()) {
    bool on = (all && def.in_all) || (defaults && def.in_default) ||
              wanted.count(std::string(def.name)) > 0;
    if (!on) continue;
    if (!first) out += "\r\n";
    first = false;
    out += "# ";
    out.append(def.title);
    out += "\r\n";
    if (def.build != nullptr) def.build(c, w);
  }
  c.reply.bulk(out);
}

using namespace command;

// clang-format off
const CommandSpec kSpecs[] = {
    {"info", -1, kLoading | kStale | kSentinel, acl::kDangerous, {}, cmd_info, Group::kServer, "Get information and statistics about the server", "1.0.0", "O(1)"},
};
// clang-format on

}  // namespace

void register_info_family(command::CommandTable& t) {
  register_info_sections(kSections);
  t.add(kSpecs);
}

}  // namespace ironkv::commands
