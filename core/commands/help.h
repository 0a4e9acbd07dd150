#pragma once
// The reply of the <COMMAND> HELP subcommands: an array of simple strings.

#include <initializer_list>
#include <string_view>

#include "core/command/context.h"

namespace ironkv::commands {

inline void reply_help(command::CommandContext& c, std::initializer_list<std::string_view> lines) {
  c.reply.array(lines.size());
  for (auto l : lines) c.reply.simple(l);
}

}  // namespace ironkv::commands
