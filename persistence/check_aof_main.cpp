// ironkv-check-aof [--fix] FILE — checks an append-only file like redis-check-aof.
// FILE is a manifest (appendonly.aof.manifest: every file it lists is checked,
// only the last one may be repaired) or a single AOF file. --fix truncates a
// file whose last command was cut short (crash mid-write) to its valid prefix.

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/store/clock.h"
#include "core/store/keyspace.h"
#include "persistence/aof_format.h"
#include "persistence/aof_loader.h"
#include "persistence/rdb_loader.h"

using namespace ironkv::persistence;

namespace {

std::string dir_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// 0 valid, 1 invalid (not fixed).
int check_file(const std::string& path, bool fix, bool last) {
  if (file_starts_with_rdb(path)) {
    ironkv::store::SystemClock clock;
    ironkv::store::Keyspace scratch(16, clock);
    RdbLoadOptions o;
    o.now_ms = 0;
    RdbLoadResult r = rdb_load_file(path, scratch, o);
    if (!r.ok) {
      std::printf("RDB preamble of %s is not valid at offset %llu: %s\n", path.c_str(),
                  static_cast<unsigned long long>(r.error_offset), r.error.c_str());
      std::printf("The RDB base file can't be repaired by this tool.\n");
      return 1;
    }
    std::printf("RDB preamble is OK (%llu keys)\n", static_cast<unsigned long long>(r.keys_loaded));
    return 0;
  }
  AofScanResult r = aof_scan_file(path, 0, [](std::span<const std::string_view>, std::string&) {
    return true;
  });
  uint64_t diff = r.file_size - r.valid_up_to;
  std::printf("AOF analyzed: filename=%s, size=%llu, ok_up_to=%llu, ok_up_to_line=%llu, diff=%llu\n",
              path.c_str(), static_cast<unsigned long long>(r.file_size),
              static_cast<unsigned long long>(r.valid_up_to),
              static_cast<unsigned long long>(r.status == AofScanResult::Status::kOk ? 0 : r.error_line),
              static_cast<unsigned long long>(diff));
  if (r.status == AofScanResult::Status::kOk) {
    std::printf("AOF %s is valid\n", path.c_str());
    return 0;
  }
  std::printf("%s\n", r.error.c_str());
  if (!fix) {
    std::printf("AOF %s is not valid. Use the --fix option to try fixing it.\n", path.c_str());
    return 1;
  }
  if (!last && r.status == AofScanResult::Status::kTruncated) {
    std::printf("Only the last AOF file of a manifest can be truncated.\n");
    return 1;
  }
  if (::truncate(path.c_str(), static_cast<off_t>(r.valid_up_to)) != 0) {
    std::printf("Failed to truncate AOF %s: %s\n", path.c_str(), std::strerror(errno));
    return 1;
  }
  std::printf("Successfully truncated AOF %s\n", path.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool fix = false;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--fix") fix = true;
    else if (file.empty()) file = a;
    else file.clear(), i = argc;
  }
  if (file.empty()) {
    std::fprintf(stderr, "Usage: %s [--fix] <file.manifest|file.aof>\n", argv[0]);
    return 1;
  }
  if (ends_with(file, ".manifest")) {
    std::string text, error;
    AofManifest m;
    if (!read_whole_file(file, text, error) || !AofManifest::parse(text, m, error)) {
      std::printf("Can't read the AOF manifest %s: %s\n", file.c_str(), error.c_str());
      return 1;
    }
    std::vector<std::string> order;
    if (const auto* b = m.base()) order.push_back(b->name);
    for (const auto* f : m.incrs()) order.push_back(f->name);
    std::printf("Start checking Multi Part AOF\n");
    int rc = 0;
    for (size_t i = 0; i < order.size() && rc == 0; ++i) {
      rc = check_file(join_path(dir_of(file), order[i]), fix, i + 1 == order.size());
    }
    if (rc == 0) std::printf("All AOF files and manifest are valid\n");
    return rc;
  }
  return check_file(file, fix, true);
}
