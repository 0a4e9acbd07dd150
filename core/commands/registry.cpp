#include "core/command/table.h"
#include "core/commands/families.h"

namespace ironkv::command {

void register_all_commands(CommandTable& table) {
  commands::register_connection_family(table);
  commands::register_string_family(table);
  commands::register_keys_family(table);
  commands::register_dump_family(table);
  commands::register_server_family(table);
  commands::register_hash_family(table);
  commands::register_set_family(table);
  commands::register_zset_family(table);
  commands::register_zset_blocking_family(table);
  commands::register_tx_family(table);
  commands::register_persistence_family(table);
  commands::register_list_family(table);
  commands::register_sort_family(table);
  commands::register_pubsub_family(table);
  commands::register_observability_family(table);
  commands::register_scripting_family(table);
  commands::register_stream_family(table);
  commands::register_stream_read_family(table);
  commands::register_stream_group_family(table);
}

}  // namespace ironkv::command
