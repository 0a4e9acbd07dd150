#pragma once
// The append-only file's formats: commands as RESP arrays (what Redis writes
// and replays), and Redis 7's multi-part layout: a directory holding a base
// file (RDB or AOF), incremental AOF files, and a manifest listing them.
//
//   appendonlydir/appendonly.aof.manifest
//     file appendonly.aof.1.base.rdb seq 1 type b
//     file appendonly.aof.1.incr.aof seq 1 type i

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::persistence {

// Appends *N\r\n$len\r\narg\r\n... to out.
void aof_append_command(std::string& out, std::span<const std::string_view> argv);

struct AofManifest {
  enum class Type : char { kBase = 'b', kIncr = 'i', kHistory = 'h' };
  struct File {
    std::string name;
    int64_t seq = 0;
    Type type = Type::kIncr;
  };
  std::vector<File> files;

  // Redis 7.0's manifest syntax; false with a message naming the line on error.
  static bool parse(std::string_view text, AofManifest& out, std::string& error);
  std::string serialize() const;

  const File* base() const;
  std::vector<const File*> incrs() const;   // in replay order
  int64_t last_incr_seq() const;
  int64_t base_seq() const { return base() ? base()->seq : 0; }
};

// File names as Redis 7 forms them from appendfilename.
std::string aof_base_name(const std::string& prefix, int64_t seq, bool rdb);
std::string aof_incr_name(const std::string& prefix, int64_t seq);
std::string aof_manifest_name(const std::string& prefix);

// Small durable-file helpers (blocking; call off the keyspace strand).
// Writes `content` to dir/name through a temp file: write, fsync, rename,
// fsync the directory. False with errno text in `error`.
bool write_file_atomically(const std::string& dir, const std::string& name,
                           std::string_view content, std::string& error);
bool fsync_dir(const std::string& dir, std::string& error);
bool read_whole_file(const std::string& path, std::string& out, std::string& error);
std::string join_path(const std::string& dir, const std::string& name);
bool file_exists(const std::string& path);
uint64_t file_size(const std::string& path);  // 0 when missing

}  // namespace ironkv::persistence
