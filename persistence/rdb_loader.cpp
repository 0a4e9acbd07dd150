#include "persistence/rdb_loader.h"

#include <fcntl.h>
#include <lzf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <unordered_set>
#include <vector>

#include "core/store/intset.h"
#include "core/store/list_value.h"
#include "core/store/listpack.h"
#include "core/util/numbers.h"
#include "persistence/crc64.h"
#include "persistence/rdb_format.h"
#include "persistence/rdb_reader.h"
#include "persistence/ziplist.h"

namespace ironkv::persistence {

namespace rdb_detail {

// ---- the file -----------------------------------------------------------------------

void Loader::store_key(Value v, int64_t expire, int64_t idle) {
  auto* loaded = preexisting_[static_cast<size_t>(db_index_)].get();
  if (loaded == nullptr) {
    if (db_->add(key_, std::move(v)) == nullptr) {
      fail_here("RDB has duplicated key in DB " + std::to_string(db_index_), r_.offset());
    }
  } else {
    if (!loaded->insert(key_).second) {
      fail_here("RDB has duplicated key in DB " + std::to_string(db_index_), r_.offset());
    }
    db_->set(key_, std::move(v));
  }
  if (expire >= 0) db_->set_expire(key_, expire);
  if (idle >= 0) {
    // OBJECT IDLETIME continues from what the file recorded.
    if (auto* n = db_->dict().find(key_)) {
      const int64_t now_s = ks_.lru_clock();
      n->aux = static_cast<uint32_t>(idle < now_s ? now_s - idle : 0);
    }
  }
  ++res_.keys_loaded;
}

Value Loader::load_single(uint64_t size, bool& empty) {
  const uint8_t type = r_.u8();
  const bool known = type <= rdb::kTypeStreamListpacks3 && type != 8;
  if (!known) fail("Unknown RDB value type " + std::to_string(type), 0);
  Value v = load_object(type, 1, empty);
  if (r_.offset() != size) fail("Trailing bytes after the value", r_.offset());
  return v;
}

void Loader::run() {
  std::string_view magic;
  r_.view(9, magic);
  if (magic.substr(0, 5) != "REDIS") fail("Wrong signature trying to load DB from file", 0);
  int version = 0;
  for (char c : magic.substr(5)) {  // atoi, as Redis reads it
    if (c < '0' || c > '9') break;
    version = version * 10 + (c - '0');
  }
  res_.rdb_version = version;
  if (version < 1 || version > rdb::kVersion) {
    fail("Can't handle RDB format version " + std::to_string(version), 5);
  }

  db_ = &ks_.db(0);
  int64_t expire = -1;
  int64_t idle = -1;
  for (;;) {
    const uint64_t at = r_.offset();
    const uint8_t type = r_.u8();
    switch (type) {
      case rdb::kOpExpireTime:
        expire = static_cast<int64_t>(static_cast<int32_t>(r_.le(4))) * 1000;
        continue;
      case rdb::kOpExpireTimeMs:
        expire = static_cast<int64_t>(r_.le(8));
        continue;
      case rdb::kOpFreq:
        r_.u8();  // LFU counter: IronKV keeps no LFU data
        continue;
      case rdb::kOpIdle: {
        const uint64_t v = read_len();
        idle = static_cast<int64_t>(std::min<uint64_t>(v, std::numeric_limits<int32_t>::max()));
        continue;
      }
      case rdb::kOpEof:
        break;
      case rdb::kOpSelectDb: {
        const uint64_t db = read_len();
        if (db >= static_cast<uint64_t>(ks_.db_count())) {
          fail("Data file was created with a Redis server configured to handle more than " +
                   std::to_string(ks_.db_count()) + " databases (SELECTDB " + std::to_string(db) + ")",
               at);
        }
        db_index_ = static_cast<int>(db);
        db_ = &ks_.db(db_index_);
        continue;
      }
      case rdb::kOpResizeDb:
        read_len();  // sizes are hints; our tables grow incrementally anyway
        read_len();
        continue;
      case rdb::kOpAux: {
        std::string name;
        read_string(name);
        read_string(blob_);
        res_.aux[name] = blob_;
        continue;
      }
      case rdb::kOpModuleAux:
        fail("The RDB file contains AUX module data: modules are not supported", at);
      case rdb::kOpFunctionPreGa:
        fail("Pre-release function format not supported", at);
      case rdb::kOpFunction2:
        // A function library's code: the caller loads it into the scripting engine.
        read_string(blob_);
        ++res_.functions_skipped;
        res_.functions.push_back(blob_);
        continue;
      default: {
        const bool known = type <= rdb::kTypeStreamListpacks3 && type != 8;
        if (!known) fail("Unknown RDB value type " + std::to_string(type), at);
        read_string(key_);
        in_key_ = true;
        bool empty = false;
        Value v = load_object(type, at, empty);
        if (empty) {
          ++res_.empty_keys_skipped;
        } else if (expire >= 0 && expire <= o_.now_ms) {
          ++res_.expired_skipped;
        } else {
          store_key(std::move(v), expire, idle);
        }
        in_key_ = false;
        expire = -1;
        idle = -1;
        continue;
      }
    }
    break;  // EOF opcode
  }

  if (version >= 5) {
    const uint64_t computed = r_.crc();
    const uint64_t at = r_.offset();
    const uint64_t stored = r_.le(8);
    // 0 means the writer had rdbchecksum off: nothing to check, like Redis.
    if (o_.verify_checksum && stored != 0 && stored != computed) {
      char msg[96];
      std::snprintf(msg, sizeof msg, "Wrong RDB checksum expected: (%llx) got: (%llx). Aborting now.",
                    static_cast<unsigned long long>(computed), static_cast<unsigned long long>(stored));
      fail(msg, at);
    }
  }
  res_.bytes_consumed = r_.offset();
  res_.ok = true;
}

}  // namespace rdb_detail

namespace {

using namespace rdb_detail;

RdbLoadResult load(Reader& r, store::Keyspace& ks, const RdbLoadOptions& opts) {
  RdbLoadResult res;
  try {
    Loader(r, ks, opts, res).run();
  } catch (const LoadError& e) {
    res.ok = false;
    res.error = e.message;
    res.error_offset = e.offset;
  } catch (const std::bad_alloc&) {
    res.ok = false;
    res.error = "Out of memory loading the RDB file";
    res.error_offset = r.offset();
  } catch (const std::length_error& e) {
    res.ok = false;
    res.error = std::string("Value too large loading the RDB file: ") + e.what();
    res.error_offset = r.offset();
  }
  return res;
}

RdbLoadResult error_result(std::string message) {
  RdbLoadResult res;
  res.error = std::move(message);
  return res;
}

}  // namespace

RdbRestoreResult rdb_restore_payload(std::string_view payload, store::Keyspace& ks,
                                     const RdbLoadOptions& opts) {
  RdbRestoreResult res;
  if (payload.size() < 10) {
    res.status = RdbRestoreResult::Status::kBadFooter;
    return res;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(payload.data()) + payload.size() - 10;
  const unsigned version = p[0] | (static_cast<unsigned>(p[1]) << 8);
  uint64_t crc = 0;
  for (int i = 7; i >= 0; --i) crc = (crc << 8) | p[2 + i];
  // Redis accepts payloads of its own RDB version or older, with their CRC.
  if (version > static_cast<unsigned>(rdb::kVersion) ||
      crc != crc64(0, payload.data(), payload.size() - 8)) {
    res.status = RdbRestoreResult::Status::kBadFooter;
    return res;
  }
  const std::string_view body = payload.substr(0, payload.size() - 10);
  Reader r(body);
  RdbLoadResult scratch;
  try {
    bool empty = false;
    res.value = Loader(r, ks, opts, scratch).load_single(body.size(), empty);
    res.status = empty ? RdbRestoreResult::Status::kBadData : RdbRestoreResult::Status::kOk;
    if (empty) res.detail = "empty collection";
  } catch (const LoadError& e) {
    res.detail = e.message;
  } catch (const std::bad_alloc&) {
    res.detail = "out of memory";
  } catch (const std::length_error& e) {
    res.detail = e.what();
  }
  return res;
}

RdbLoadResult rdb_load_buffer(std::string_view data, store::Keyspace& ks, const RdbLoadOptions& opts) {
  Reader r(data);
  return load(r, ks, opts);
}

RdbLoadResult rdb_load_fd(int fd, store::Keyspace& ks, const RdbLoadOptions& opts) {
  const off_t start = ::lseek(fd, 0, SEEK_CUR);
  if (start < 0) return error_result(std::string("The RDB input is not seekable: ") + std::strerror(errno));
  Reader r(fd);
  RdbLoadResult res = load(r, ks, opts);
  // Reading was buffered: put the position right after the checksum.
  if (res.ok && ::lseek(fd, start + static_cast<off_t>(res.bytes_consumed), SEEK_SET) < 0) {
    res.ok = false;
    res.error = std::string("Cannot seek after the RDB data: ") + std::strerror(errno);
  }
  return res;
}

RdbLoadResult rdb_load_file(const std::string& path, store::Keyspace& ks, const RdbLoadOptions& opts) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return error_result("Can't open the RDB file '" + path + "': " + std::strerror(errno));
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  Reader r(fd);
  RdbLoadResult res = load(r, ks, opts);
  ::close(fd);
  return res;
}

}  // namespace ironkv::persistence
