#pragma once
// The write log the dispatcher feeds: every command that changed the dataset,
// in keyspace execution order, in the form that replays to the same result.
// Implemented by persistence/ (the AOF); absent when appendonly is off.
// Strand only.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::server {

class CommandLog {
 public:
  virtual ~CommandLog() = default;
  // One command for database `db`; the log adds SELECT when the database changes.
  virtual void append(int db, std::span<const std::string_view> argv) = 0;
  // End of a batch of commands (one hop): hands what was appended to the writer.
  virtual void end_batch() = 0;
  // With appendfsync always: the position a reply must wait for (everything
  // appended so far is on disk once the log is durable up to it); 0 otherwise.
  virtual uint64_t durable_target() const = 0;
};

// Owned argv for commands logged as something other than what the client sent
// (EXPIRE → PEXPIREAT, SPOP → SREM, a served BLPOP → LPOP …).
using OwnedArgv = std::vector<std::string>;

}  // namespace ironkv::server
