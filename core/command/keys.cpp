#include "core/command/keys.h"

#include <algorithm>
#include <climits>

#include "core/command/args.h"
#include "core/util/numbers.h"

namespace ironkv::command {

namespace {

// Redis getKeysUsingKeySpecs without partial results: false when a spec cannot
// be applied (unknown, bad count, out of bounds, incomplete).
bool keys_from_specs(const CommandSpec& spec, std::span<const std::string_view> argv,
                     std::vector<KeyRef>& out) {
  const int argc = static_cast<int>(argv.size());
  for (const KeySpec& ks : spec.keys) {
    if (ks.flags & ks::kNotKey) continue;
    int first = 0;
    if (ks.begin == KeySpec::Begin::kIndex) {
      first = ks.index;
    } else if (ks.begin == KeySpec::Begin::kKeyword) {
      const bool forward = ks.startfrom > 0;
      const int start = forward ? ks.startfrom : argc + ks.startfrom;
      const int end = forward ? argc - 1 : 1;
      for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if (word_equals(argv[static_cast<size_t>(i)], ks.keyword)) {
          first = i + 1;
          break;
        }
      }
      if (first == 0) continue;  // keyword absent: no keys from this spec
    } else {
      return false;
    }

    int last, step;
    if (ks.find == KeySpec::Find::kRange) {
      step = ks.keystep;
      if (ks.lastkey >= 0) {
        last = first + ks.lastkey;
      } else if (ks.limit == 0) {
        last = argc + ks.lastkey;
      } else {
        last = first + ((argc - first) / ks.limit + ks.lastkey);
      }
    } else if (ks.find == KeySpec::Find::kKeynum) {
      step = ks.keystep;
      if (ks.keynumidx >= argc) return false;
      const int at = first + ks.keynumidx;
      if (at >= argc) return false;
      int64_t numkeys;
      if (!util::parse_int64(argv[static_cast<size_t>(at)], numkeys) || numkeys < 0) return false;
      if (numkeys > INT_MAX) return false;
      first += ks.firstkey;
      last = first + static_cast<int>(numkeys) - 1;
    } else {
      return false;
    }

    if (last >= argc || last < first || first >= argc) return false;
    for (int i = first; i <= last; i += step) {
      if (i >= argc || i < first) continue;  // only variadic commands get here
      out.push_back({i, ks.flags});
    }
    if (ks.flags & ks::kIncomplete) return false;
  }
  return true;
}

}  // namespace

int atoi_arg(std::string_view arg) {
  std::string s(arg.substr(0, arg.find('\0')));
  return static_cast<int>(std::strtol(s.c_str(), nullptr, 10));
}

void keys_of(const CommandSpec& spec, std::span<const std::string_view> argv,
             std::vector<KeyRef>& out) {
  out.clear();
  uint32_t all = 0, missing = 0;  // flags in some spec / absent from some spec
  for (const KeySpec& ks : spec.keys) {
    all |= ks.flags;
    missing |= ~ks.flags;
  }
  const bool has_keyspec = (missing & ks::kNotKey) != 0;
  const bool variable_flags = (all & ks::kVariableFlags) != 0;
  if (has_keyspec && !variable_flags) {
    if (keys_from_specs(spec, argv, out)) return;
    out.clear();  // fall back on the finder, as Redis does
  }
  if (spec.key_finder != nullptr) spec.key_finder(argv, out);
}

std::vector<KeyRef> keys_of(const CommandSpec& spec, std::span<const std::string_view> argv) {
  std::vector<KeyRef> out;
  keys_of(spec, argv, out);
  return out;
}

bool has_keys(const CommandSpec& spec) {
  if (spec.key_finder != nullptr) return true;
  for (const KeySpec& ks : spec.keys) {
    if (!(ks.flags & ks::kNotKey)) return true;
  }
  return false;
}

void derive_legacy_range(CommandSpec& spec) {
  spec.first_key = spec.last_key = spec.key_step = 0;
  for (CommandSpec& sub : spec.subcommands) derive_legacy_range(sub);
  if (spec.keys.empty()) return;
  auto is_plain_range = [](const KeySpec& ks) {
    return ks.begin == KeySpec::Begin::kIndex && ks.find == KeySpec::Find::kRange;
  };
  if (spec.keys.size() == 1 && is_plain_range(spec.keys[0])) {
    const KeySpec& ks = spec.keys[0];
    spec.first_key = ks.index;
    spec.last_key = ks.lastkey < 0 ? ks.lastkey : ks.index + ks.lastkey;
    spec.key_step = ks.keystep;
    if (ks.flags & ks::kIncomplete) spec.flags |= kMovableKeys;
    return;
  }
  int firstkey = INT_MAX;
  unsigned lastkey = 0;  // unsigned, as Redis compares it: a negative one wins
  unsigned prev_lastkey = 0;
  for (const KeySpec& ks : spec.keys) {
    if (!is_plain_range(ks) || ks.keystep != 1 ||
        (prev_lastkey != 0 && prev_lastkey != static_cast<unsigned>(ks.index - 1))) {
      spec.flags |= kMovableKeys;
      continue;
    }
    if (ks.flags & ks::kIncomplete) spec.flags |= kMovableKeys;
    firstkey = std::min(firstkey, ks.index);
    int abs_last = ks.lastkey >= 0 ? ks.lastkey + ks.index : ks.lastkey;
    lastkey = std::max(lastkey, static_cast<unsigned>(abs_last));
    prev_lastkey = lastkey;
  }
  if (firstkey == INT_MAX) return;
  const int last = static_cast<int>(lastkey);
  spec.first_key = firstkey;
  spec.last_key = last;  // absolute here: COMMAND INFO reports it that way
  spec.key_step = 1;
}

}  // namespace ironkv::command
