#include "persistence/aof_format.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/util/numbers.h"

namespace ironkv::persistence {

void aof_append_command(std::string& out, std::span<const std::string_view> argv) {
  char head[32];
  int n = std::snprintf(head, sizeof head, "*%zu\r\n", argv.size());
  out.append(head, static_cast<size_t>(n));
  for (std::string_view a : argv) {
    n = std::snprintf(head, sizeof head, "$%zu\r\n", a.size());
    out.append(head, static_cast<size_t>(n));
    out.append(a);
    out.append("\r\n", 2);
  }
}

namespace {
std::vector<std::string_view> split_ws(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

bool AofManifest::parse(std::string_view text, AofManifest& out, std::string& error) {
  out.files.clear();
  size_t line_no = 0;
  int bases = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto words = split_ws(line);
    if (words.size() % 2 != 0) {
      error = "Invalid AOF manifest file format (line " + std::to_string(line_no) + ")";
      return false;
    }
    File f;
    bool have_type = false;
    for (size_t i = 0; i + 1 < words.size(); i += 2) {
      std::string_view k = words[i], v = words[i + 1];
      if (k == "file") {
        f.name = std::string(v);
      } else if (k == "seq") {
        int64_t seq;
        if (!util::parse_int64(v, seq) || seq < 0) {
          error = "Invalid AOF manifest file format: bad seq (line " + std::to_string(line_no) + ")";
          return false;
        }
        f.seq = seq;
      } else if (k == "type") {
        if (v.size() != 1 || (v[0] != 'b' && v[0] != 'i' && v[0] != 'h')) {
          error = "Unknown AOF file type (line " + std::to_string(line_no) + ")";
          return false;
        }
        f.type = static_cast<Type>(v[0]);
        have_type = true;
      }  // unknown keys are ignored, as Redis does
    }
    if (f.name.empty() || !have_type || f.name.find('/') != std::string::npos) {
      error = "Invalid AOF manifest file format (line " + std::to_string(line_no) + ")";
      return false;
    }
    if (f.type == Type::kBase && ++bases > 1) {
      error = "Found duplicate base file information";
      return false;
    }
    out.files.push_back(std::move(f));
  }
  return true;
}

std::string AofManifest::serialize() const {
  std::string out;
  // Base first, then history, then incrs in order (Redis writes the same order).
  for (int pass = 0; pass < 3; ++pass) {
    for (const File& f : files) {
      Type want = pass == 0 ? Type::kBase : pass == 1 ? Type::kHistory : Type::kIncr;
      if (f.type != want) continue;
      out += "file " + f.name + " seq " + std::to_string(f.seq) + " type ";
      out += static_cast<char>(f.type);
      out += '\n';
    }
  }
  return out;
}

const AofManifest::File* AofManifest::base() const {
  for (const File& f : files) {
    if (f.type == Type::kBase) return &f;
  }
  return nullptr;
}

std::vector<const AofManifest::File*> AofManifest::incrs() const {
  std::vector<const File*> out;
  for (const File& f : files) {
    if (f.type == Type::kIncr) out.push_back(&f);
  }
  return out;
}

int64_t AofManifest::last_incr_seq() const {
  int64_t s = 0;
  for (const File& f : files) {
    if (f.type == Type::kIncr && f.seq > s) s = f.seq;
  }
  return s;
}

std::string aof_base_name(const std::string& prefix, int64_t seq, bool rdb) {
  return prefix + "." + std::to_string(seq) + ".base." + (rdb ? "rdb" : "aof");
}
std::string aof_incr_name(const std::string& prefix, int64_t seq) {
  return prefix + "." + std::to_string(seq) + ".incr.aof";
}
std::string aof_manifest_name(const std::string& prefix) { return prefix + ".manifest"; }

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  if (dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

uint64_t file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

bool fsync_dir(const std::string& dir, std::string& error) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  bool ok = ::fsync(fd) == 0;
  if (!ok) error = std::strerror(errno);
  ::close(fd);
  return ok;
}

bool write_file_atomically(const std::string& dir, const std::string& name,
                           std::string_view content, std::string& error) {
  std::string tmp = join_path(dir, "temp-" + name + "." + std::to_string(::getpid()));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = std::string("open ") + tmp + ": " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::string("write ") + tmp + ": " + std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    error = std::string("fsync ") + tmp + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(tmp.c_str());
    return false;
  }
  ::close(fd);
  std::string final_path = join_path(dir, name);
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    error = std::string("rename ") + tmp + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return fsync_dir(dir, error);
}

bool read_whole_file(const std::string& path, std::string& out, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  out.clear();
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

}  // namespace ironkv::persistence
