#pragma once
// The command table: every family registers its CommandSpecs here once at
// start-up; lookups are case-insensitive and allocation-free.

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/command/spec.h"

namespace ironkv::command {

class CommandTable {
 public:
  void add(CommandSpec spec);
  void add(std::span<const CommandSpec> specs);
  // Case-insensitive lookup; nullptr if unknown.
  const CommandSpec* find(std::string_view name) const;
  // Subcommand of a container ("config", "get"), case-insensitive.
  static const CommandSpec* find_sub(const CommandSpec& parent, std::string_view sub);
  // Removes a command (TOML rename_commands with ""), or renames it.
  bool remove(std::string_view name);
  bool rename(std::string_view from, std::string_view to);

  size_t size() const { return by_name_.size(); }
  // All top-level specs in registration order.
  const std::vector<const CommandSpec*>& all() const { return ordered_; }

 private:
  std::vector<std::unique_ptr<CommandSpec>> storage_;
  std::vector<std::unique_ptr<std::string>> names_;   // owned names for renames
  std::unordered_map<std::string, const CommandSpec*> by_name_;
  std::vector<const CommandSpec*> ordered_;
};

// Builds the full table of every family (core/commands/registry.cpp).
void register_all_commands(CommandTable& table);

}  // namespace ironkv::command
