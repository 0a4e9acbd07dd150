#pragma once
// Each family registers its table of CommandSpecs (see core/command/spec.h).

#include "core/command/table.h"

namespace ironkv::commands {

void register_connection_family(command::CommandTable& t);  // PING ECHO QUIT SELECT HELLO RESET AUTH
void register_string_family(command::CommandTable& t);      // GET SET INCR ...
void register_keys_family(command::CommandTable& t);        // DEL EXISTS EXPIRE SCAN ...
void register_dump_family(command::CommandTable& t);        // DUMP RESTORE (Redis's payload format)
void register_server_family(command::CommandTable& t);      // DBSIZE CONFIG SHUTDOWN MEMORY ...
// Parts of the server family in their own files; register_server_family adds
// them in Redis's listing order.
void register_info_family(command::CommandTable& t);        // INFO (info.cpp)
void register_client_family(command::CommandTable& t);      // CLIENT (client_control.cpp)
void register_command_family(command::CommandTable& t);     // COMMAND (command_docs.cpp)
void register_hash_family(command::CommandTable& t);        // HSET HGET HSCAN ...
void register_set_family(command::CommandTable& t);         // SADD SINTER SSCAN ...
void register_zset_family(command::CommandTable& t);        // ZADD ZRANGE ZSCAN ... (zset_*.cpp)
void register_zset_blocking_family(command::CommandTable& t);  // BZPOPMIN BZPOPMAX BZMPOP
void register_persistence_family(command::CommandTable& t);  // SAVE BGSAVE BGREWRITEAOF LASTSAVE
void register_tx_family(command::CommandTable& t);          // MULTI EXEC DISCARD WATCH UNWATCH
void register_list_family(command::CommandTable& t);        // LPUSH BLPOP LMOVE ...
void register_sort_family(command::CommandTable& t);        // SORT SORT_RO (sort.cpp)
void register_pubsub_family(command::CommandTable& t);      // SUBSCRIBE PUBLISH PUBSUB ...
void register_observability_family(command::CommandTable& t);  // SLOWLOG LATENCY
void register_stream_family(command::CommandTable& t);         // XADD XRANGE XINFO ...
void register_stream_read_family(command::CommandTable& t);    // XREAD XREADGROUP (blocking)
void register_stream_group_family(command::CommandTable& t);   // XGROUP XACK XPENDING XCLAIM ...
void register_scripting_family(
    command::CommandTable& t);  // EVAL SCRIPT FCALL FUNCTION (core/scripting)

}  // namespace ironkv::commands
