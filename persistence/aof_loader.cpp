#include "persistence/aof_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "core/resp/command_batch.h"
#include "core/resp/parser.h"
#include "core/util/strings.h"

namespace ironkv::persistence {

namespace {
constexpr size_t kChunk = 1 << 20;

std::string printable(char c) {
  if (c >= 32 && c < 127) return std::string(1, c);
  char hex[8];
  std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
  return hex;
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};
}  // namespace

bool file_starts_with_rdb(const std::string& path) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return false;
  char magic[5];
  return ::read(f.fd, magic, 5) == 5 && std::memcmp(magic, "REDIS", 5) == 0;
}

AofScanResult aof_scan_file(
    const std::string& path, uint64_t offset,
    const std::function<bool(std::span<const std::string_view>, std::string&)>& on_command) {
  AofScanResult r;
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) {
    r.status = AofScanResult::Status::kFailed;
    r.error = "Can't open the append-only file " + path + ": " + std::strerror(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(f.fd, &st) == 0) r.file_size = static_cast<uint64_t>(st.st_size);
  if (offset > 0 && ::lseek(f.fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
    r.status = AofScanResult::Status::kFailed;
    r.error = std::string("seek: ") + std::strerror(errno);
    return r;
  }

  // AOF arguments may be as large as proto-max-bulk-len allows; the file is
  // trusted no more than a client, but its limits are Redis's loading ones.
  resp::Parser parser(resp::ParserLimits{.max_bulk_len = 1ull << 40,
                                         .max_multibulk_len = 1ull << 32});
  resp::CommandBatch batch;
  std::string buf;
  size_t start = 0;             // first unparsed byte in buf
  uint64_t buf_offset = offset; // file offset of buf[0]
  uint64_t lines = 1;           // newlines before buf[start], +1
  uint64_t multi_at = 0;
  uint64_t multi_line = 0;
  bool in_multi = false;
  bool eof = false;
  r.valid_up_to = offset;

  auto count_lines = [](std::string_view s) {
    return static_cast<uint64_t>(std::count(s.begin(), s.end(), '\n'));
  };

  for (;;) {
    // Parse every complete command in the buffer.
    while (start < buf.size()) {
      if (buf[start] != '*') {
        r.status = AofScanResult::Status::kCorrupt;
        r.error_offset = buf_offset + start;
        r.error_line = lines;
        r.error = "Bad file format reading the append only file " + path + " at offset " +
                  std::to_string(r.error_offset) + ": expected '*', got '" +
                  printable(buf[start]) + "'";
        return r;
      }
      size_t consumed = 0;
      batch.clear();
      auto status = parser.parse(std::string_view(buf).substr(start), batch, consumed);
      if (status == resp::ParseStatus::kNeedMore) break;
      if (status == resp::ParseStatus::kError) {
        r.status = AofScanResult::Status::kCorrupt;
        r.error_offset = buf_offset + start;
        r.error_line = lines;
        r.error = "Bad file format reading the append only file " + path + " at offset " +
                  std::to_string(r.error_offset) + ": " + std::string(parser.error());
        return r;
      }
      const uint64_t cmd_offset = buf_offset + start;
      const uint64_t cmd_line = lines;
      lines += count_lines(std::string_view(buf).substr(start, consumed));
      start += consumed;
      if (batch.empty()) continue;  // "*0\r\n"
      auto argv = batch.command(0);
      if (util::iequals(argv[0], "multi")) {
        in_multi = true;
        multi_at = cmd_offset;
        multi_line = cmd_line;
      } else if (util::iequals(argv[0], "exec")) {
        in_multi = false;
      }
      std::string err;
      if (!on_command(argv, err)) {
        r.status = AofScanResult::Status::kFailed;
        r.error_offset = cmd_offset;
        r.error_line = cmd_line;
        r.error = err;
        return r;
      }
      ++r.commands;
      if (!in_multi) r.valid_up_to = buf_offset + start;
    }
    if (eof) break;
    // Keep the unparsed tail, read more (more than a chunk if a frame needs it).
    buf.erase(0, start);
    buf_offset += start;
    start = 0;
    size_t want = std::max(kChunk, parser.frame_size_hint() > buf.size()
                                       ? parser.frame_size_hint() - buf.size()
                                       : size_t{0});
    size_t old = buf.size();
    buf.resize(old + want);
    ssize_t n;
    do {
      n = ::read(f.fd, buf.data() + old, want);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      r.status = AofScanResult::Status::kFailed;
      r.error = "Error reading the append only file " + path + ": " + std::strerror(errno);
      return r;
    }
    buf.resize(old + static_cast<size_t>(n));
    if (n == 0) eof = true;
  }
  if (start < buf.size() || in_multi) {
    r.status = AofScanResult::Status::kTruncated;
    r.open_multi = in_multi;
    r.error_offset = in_multi ? multi_at : buf_offset + start;
    r.error_line = in_multi ? multi_line : lines;
    r.error = in_multi ? "Unexpected end of file inside MULTI/EXEC in " + path
                       : "Unexpected end of file reading the append only file " + path;
  }
  return r;
}

}  // namespace ironkv::persistence
