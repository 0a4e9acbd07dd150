#pragma once
// What the persistence commands (SAVE, BGSAVE, BGREWRITEAOF, LASTSAVE, INFO
// persistence, SHUTDOWN, CONFIG SET appendonly/appendfsync/save) ask of the
// persistence engine (persistence/). Null in in-process tests without one.
// Strand only.

#include <cstdint>
#include <string>
#include <string_view>

namespace ironkv::server {

class PersistenceControl {
 public:
  virtual ~PersistenceControl() = default;
  // SAVE: writes the snapshot now, blocking the keyspace like Redis.
  // False with Redis's error text (without the leading '-').
  virtual bool save(std::string& error) = 0;
  // BGSAVE [SCHEDULE]: true with the status text, false with the error text.
  virtual bool bgsave(bool schedule, std::string& reply) = 0;
  // BGREWRITEAOF: same convention.
  virtual bool bgrewriteaof(std::string& reply) = 0;
  // LASTSAVE: unix seconds of the last successful save.
  virtual int64_t lastsave() const = 0;
  // The lines of INFO's "# Persistence" section (after the header).
  virtual void info(std::string& out) = 0;
  // SHUTDOWN / SIGTERM: flushes and fsyncs the AOF; saves when `save` (or,
  // unless `nosave`, when save points are configured). False with the error
  // when a requested save failed (the server then stays up, like Redis).
  virtual bool prepare_shutdown(bool save, bool nosave, std::string& error) = 0;
  // CONFIG SET of a persistence option took effect in Config; apply it.
  virtual bool apply_config(std::string_view option, std::string& error) = 0;
};

}  // namespace ironkv::server
