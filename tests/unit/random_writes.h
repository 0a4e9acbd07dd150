#pragma once
// Random writes for persistence tests: a populated keyspace (every type,
// small and big, TTLs, four databases) and one random change at a time drawn
// from nearly every write command, so snapshot and AOF tests see what clients
// can do. Deterministic for a given std::mt19937 seed.

#include <random>
#include <string>
#include <vector>

#include "tests/unit/harness.h"

namespace ironkv::test {

inline std::string key_name(int i) { return "k" + std::to_string(i); }

// Type by index, so random writes mostly hit a key of the right type.
inline void write_key(Harness& h, int i, std::mt19937& rng, bool initial) {
  const std::string k = key_name(i);
  const std::string n = std::to_string(rng() % 1000);
  const bool big = i % 50 == 0;  // big collections: quicklist, hashtable, skiplist
  switch (i % 5) {
    case 0:
      if (rng() % 3 == 0) h.run({"INCR", k});
      else if (rng() % 2 == 0) h.run({"APPEND", k, "-" + n});
      else h.run({"SET", k, rng() % 2 ? n : std::string(60, 'v') + n});
      break;
    case 1: {
      std::vector<std::string> cmd = {"RPUSH", k};
      for (int j = 0; j < (big && initial ? 300 : 3); ++j) cmd.push_back("e" + std::to_string(j) + n);
      h.run(cmd);
      if (!initial && rng() % 3 == 0) h.run({"LPOP", k});
      break;
    }
    case 2: {
      std::vector<std::string> cmd = {"SADD", k};
      const bool ints = i % 3 == 0;
      for (int j = 0; j < (big && initial ? 200 : 3); ++j) {
        cmd.push_back(ints ? std::to_string(rng() % 100000) : "m" + std::to_string(rng() % 1000));
      }
      h.run(cmd);
      if (!initial && rng() % 3 == 0) h.run({"SPOP", k});
      break;
    }
    case 3: {
      std::vector<std::string> cmd = {"ZADD", k};
      for (int j = 0; j < (big && initial ? 200 : 3); ++j) {
        cmd.push_back(std::to_string(static_cast<int>(rng() % 1000) - 500) + ".5");
        cmd.push_back("z" + std::to_string(j) + n);
      }
      h.run(cmd);
      if (!initial && rng() % 3 == 0) h.run({"ZINCRBY", k, "2", "z0" + n});
      break;
    }
    case 4: {
      std::vector<std::string> cmd = {"HSET", k};
      for (int j = 0; j < (big && initial ? 200 : 3); ++j) {
        cmd.push_back("f" + std::to_string(j));
        cmd.push_back(n);
      }
      h.run(cmd);
      if (!initial && rng() % 3 == 0) h.run({"HDEL", k, "f1"});
      break;
    }
  }
}

inline void populate(Harness& h, std::mt19937& rng) {
  const struct {
    int db, keys;
  } layout[] = {{0, 12000}, {3, 2000}, {9, 60}, {15, 5}};
  for (const auto& l : layout) {
    h.client.db = l.db;
    for (int i = 0; i < l.keys; ++i) {
      write_key(h, i, rng, true);
      if (i % 7 == 0) h.run({"EXPIRE", key_name(i), "100000"});
      // Expire while the snapshot runs (the clock moves 10 ms per step).
      if (i % 11 == 0) h.run({"PEXPIRE", key_name(i), std::to_string(100 + rng() % 4000)});
    }
  }
  h.client.db = 0;
}

// One random change, somewhere.
inline void random_change(Harness& h, std::mt19937& rng) {
  static const int kDbs[] = {0, 0, 0, 0, 3, 3, 9, 5, 15};
  h.client.db = kDbs[rng() % std::size(kDbs)];
  const int i = static_cast<int>(rng() % 14000);  // some keys are new
  const std::string k = key_name(i);
  const std::string other = key_name(static_cast<int>(rng() % 14000));
  const std::string n = std::to_string(rng() % 100);
  switch (rng() % 40) {
    // Every other write command that changes a key in place or elsewhere.
    case 10: h.run({"SETRANGE", k, "2", "xyz"}); break;
    case 11: h.run({"LSET", k, "0", "lset" + n}); break;
    case 12: h.run({"LINSERT", k, "BEFORE", "e0" + n, "ins"}); break;
    case 13: h.run({"LTRIM", k, "1", "-1"}); break;
    case 14: h.run({"LMOVE", k, other, "LEFT", "RIGHT"}); break;
    case 15: h.run({"LREM", k, "0", "e1" + n}); break;
    case 16: h.run({"SMOVE", k, other, "m" + n}); break;
    case 17: h.run({"SREM", k, "m" + n, std::to_string(rng() % 100000)}); break;
    case 18: h.run({"SINTERSTORE", other, k, k}); break;
    case 19: h.run({"SUNIONSTORE", k, k, other}); break;
    case 20: h.run({"ZREM", k, "z0" + n}); break;
    case 21: h.run({"ZREMRANGEBYRANK", k, "0", "1"}); break;
    case 22: h.run({"ZPOPMIN", k}); break;
    case 23: h.run({"ZUNIONSTORE", other, "1", k}); break;
    case 24: h.run({"HINCRBY", k, "cnt", "3"}); break;
    case 25: h.run({"HINCRBYFLOAT", k, "flt", "1.5"}); break;
    case 26: h.run({"HSETNX", k, "f9", n}); break;
    case 27: h.run({"GETDEL", k}); break;
    case 28: h.run({"GETEX", k, "PX", "5"}); break;
    case 29: h.run({"COPY", k, other, "REPLACE"}); break;
    case 30: h.run({"SORT", k, "ALPHA", "STORE", other}); break;
    case 31: h.run({"INCRBYFLOAT", k, "0.5"}); break;
    case 32: h.run({"MSET", k, "m1", other, "m2"}); break;
    case 33: h.run({"SETNX", k, "nx"}); break;
    case 34: h.run({"GETSET", k, "gs"}); break;
    case 35: h.run({"RENAMENX", k, other}); break;
    case 36: h.run({"UNLINK", k, other}); break;
    case 37: h.run({"LPOP", k, "2"}); break;
    case 38: h.run({"SPOP", k, "2"}); break;
    case 39: h.run({"ZADD", k, "INCR", "1", "z1" + n}); break;
    case 0: h.run({"DEL", k}); break;
    case 1: h.run({"EXPIRE", k, std::to_string(1 + rng() % 50)}); break;
    case 2: h.run({"PERSIST", k}); break;
    case 3: h.run({"SET", k, "overwritten"}); break;  // any type becomes a string
    case 4: h.run({"RENAME", k, key_name(static_cast<int>(rng() % 14000))}); break;
    case 5: h.run({"MOVE", k, std::to_string(rng() % 16)}); break;
    case 6: h.run({"GET", k}); break;  // lazy expiry
    default: write_key(h, i, rng, false); break;
  }
  h.client.db = 0;
}

}  // namespace ironkv::test
