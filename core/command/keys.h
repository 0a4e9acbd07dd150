#pragma once
// keys_of: the keys of one invocation of a command, with their access flags,
// from the command's key specs (Redis getKeysFromCommandWithSpecs). COMMAND
// GETKEYS / GETKEYSANDFLAGS use it; so will ACL key checks, cluster slot
// checks and scripting's declared-keys checks.

#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/command/spec.h"

namespace ironkv::command {

// `argv[0]` is the command's name (a subcommand's argv starts at its
// container's name, as sent). Appends to `out` (cleared first) in Redis's
// order; empty when the command has no keys here or the arguments are
// malformed (a bad numkeys): the command itself then reports the error.
void keys_of(const CommandSpec& spec, std::span<const std::string_view> argv,
             std::vector<KeyRef>& out);
std::vector<KeyRef> keys_of(const CommandSpec& spec, std::span<const std::string_view> argv);

// Whether the command takes keys at all (Redis doesCommandHaveKeys).
bool has_keys(const CommandSpec& spec);

// Sets first_key/last_key/key_step and kMovableKeys from the key specs, as
// Redis derives its legacy range (populateCommandLegacyRangeSpec).
void derive_legacy_range(CommandSpec& spec);

// Redis's atoi() on an argument (leading spaces, sign, digits up to the first
// other character; 0 when none), for finders that parse counts as Redis's do.
int atoi_arg(std::string_view arg);

// Redis genericGetKeys, the finder of the numkeys commands (ZUNION, LMPOP,
// EVAL …) when their specs refuse a count: `count_at` holds the count,
// keys start at `first` every `step`, and a destination at `store` (0 = none)
// comes last. No keys when the count is below 1 or beyond the arguments.
template <int Store, int CountAt, int First, int Step>
void numkeys_keys(std::span<const std::string_view> argv, std::vector<KeyRef>& out) {
  const int argc = static_cast<int>(argv.size());
  if (CountAt >= argc) return;
  const int num = atoi_arg(argv[CountAt]);
  if (num < 1 || num > (argc - First) / Step) return;
  for (int i = 0; i < num; ++i) out.push_back({First + i * Step, 0});
  if (Store != 0) out.push_back({Store, 0});
}

}  // namespace ironkv::command
