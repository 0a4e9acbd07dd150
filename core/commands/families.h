#pragma once
// Each family registers its table of CommandSpecs (see core/command/spec.h).

#include "core/command/table.h"

namespace ironkv::commands {

void register_connection_family(command::CommandTable& t);  // PING ECHO QUIT SELECT HELLO RESET AUTH
void register_string_family(command::CommandTable& t);      // GET SET INCR ...
void register_keys_family(command::CommandTable& t);        // DEL EXISTS EXPIRE SCAN ...
void register_server_family(command::CommandTable& t);      // INFO CONFIG CLIENT COMMAND ...

}  // namespace ironkv::commands
