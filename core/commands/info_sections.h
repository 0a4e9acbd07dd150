#pragma once
// INFO's sections as a registry: each subsystem's family registers the
// sections it owns (name, title, default/all membership, builder) from its
// register function; INFO (info.cpp) prints the registered sections in Redis's
// order, whatever order they were asked in.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/command/context.h"

namespace ironkv::commands {

// Builds one section's "key:value\r\n" lines.
class InfoWriter {
 public:
  explicit InfoWriter(std::string& out) : out_(&out) {}
  std::string& raw() { return *out_; }
  void line(std::string_view key, std::string_view value);
  void num(std::string_view key, int64_t v);
  void unum(std::string_view key, uint64_t v);
  void fixed2(std::string_view key, double v);  // "%.2f"

 private:
  std::string* out_;
};

// Redis 7.0's section order; a section prints at its rank.
enum class InfoRank : int {
  kServer,
  kClients,
  kMemory,
  kPersistence,
  kStats,
  kReplication,
  kCpu,
  kModules,
  kCommandstats,
  kLatencystats,
  kCluster,
  kKeyspace,
};

struct InfoSection {
  InfoRank rank;
  std::string_view name;   // INFO's argument (lower case)
  std::string_view title;  // "# Title"
  bool in_default;         // printed by INFO without arguments (and "default")
  bool in_all;             // printed by "all" / "everything"
  void (*build)(command::CommandContext& c, InfoWriter& w);  // null: just the header
};

// Adds sections; a name already registered keeps its first registration, so
// every server built in one process may register again. Called while the
// command table is built, before any INFO runs.
void register_info_sections(std::span<const InfoSection> sections);
// The registered sections in rank order.
std::span<const InfoSection> info_sections();

}  // namespace ironkv::commands
