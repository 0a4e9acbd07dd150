#include "core/commands/families.h"

namespace ironkv::commands {

void register_hash_family(command::CommandTable& /*t*/) {}

}  // namespace ironkv::commands
