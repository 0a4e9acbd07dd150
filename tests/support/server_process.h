#pragma once
// Test support for the integration and compat suites: run the real
// ironkv-server binary as a child process, talk to it over loopback TCP with
// raw bytes, and run external tools (redis-cli, python3) with bounded time.
//
// Everything here is bounded: every wait has a deadline, every poll loop sleeps
// a few milliseconds at most, and a child still running when its owner goes
// away is killed (SIGKILL) and reaped.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#ifndef IRONKV_SERVER_BINARY
#error "IRONKV_SERVER_BINARY must be defined (tests/CMakeLists.txt does it)"
#endif

namespace ironkv::test {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

inline constexpr milliseconds kDefaultTimeout{5000};
inline constexpr milliseconds kPollStep{5};

// ---------------------------------------------------------------------------
// Small utilities

inline int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

// A fresh private directory under $TMPDIR (or /tmp), removed with the object.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/ironkv-test-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) != nullptr) path_ = buf.data();
  }
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline bool write_file(const std::string& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  return static_cast<bool>(out);
}

// Encodes one command as a RESP multibulk request.
inline std::string resp_command(const std::vector<std::string>& args) {
  std::string out = "*" + std::to_string(args.size()) + "\r\n";
  for (const auto& a : args) {
    out += "$" + std::to_string(a.size()) + "\r\n";
    out += a;
    out += "\r\n";
  }
  return out;
}

inline std::string resp_bulk(std::string_view s) {
  return "$" + std::to_string(s.size()) + "\r\n" + std::string(s) + "\r\n";
}

// Makes control bytes visible in assertion messages.
inline std::string printable(std::string_view s, size_t max = 400) {
  std::string out;
  for (size_t i = 0; i < s.size() && i < max; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else if (c < 0x20 || c >= 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (s.size() > max) out += "...(" + std::to_string(s.size()) + " bytes)";
  return out;
}

// Finds an executable on PATH (or an absolute path that exists); empty if none.
inline std::string find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (!dir.empty()) {
      std::string candidate = dir + "/" + name;
      struct stat st {};
      if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
          ::access(candidate.c_str(), X_OK) == 0) {
        return candidate;
      }
    }
    start = end + 1;
  }
  return "";
}

// ---------------------------------------------------------------------------
// Child processes

struct ExitStatus {
  bool exited = false;  // exited normally: `code` is valid
  int code = -1;
  int signal = 0;       // killed by this signal

  static ExitStatus from_wait(int status) {
    ExitStatus s;
    if (WIFEXITED(status)) {
      s.exited = true;
      s.code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      s.signal = WTERMSIG(status);
    }
    return s;
  }
  bool ok() const { return exited && code == 0; }
};

inline std::ostream& operator<<(std::ostream& os, const ExitStatus& s) {
  if (s.exited) return os << "exit code " << s.code;
  return os << "killed by signal " << s.signal;
}

// A forked child with stdin/stdout/stderr redirected to files. The argv/env
// arrays are built before fork(): between fork and exec the child only makes
// async-signal-safe calls (the test binary may have threads).
class ChildProcess {
 public:
  struct Options {
    std::string stdin_path;   // empty: /dev/null
    std::string stdout_path;  // required
    std::string stderr_path;  // required
    std::vector<std::string> env_overrides;  // "NAME=value", added to the environment
  };

  ChildProcess() = default;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() { kill_and_reap(); }

  // Returns an error text, or empty on success.
  std::string spawn(const std::vector<std::string>& argv, const Options& opts) {
    if (argv.empty()) return "empty argv";
    int in_fd = ::open(opts.stdin_path.empty() ? "/dev/null" : opts.stdin_path.c_str(),
                       O_RDONLY | O_CLOEXEC);
    int out_fd = ::open(opts.stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int err_fd = ::open(opts.stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    auto close_all = [&] {
      for (int fd : {in_fd, out_fd, err_fd}) {
        if (fd >= 0) ::close(fd);
      }
    };
    if (in_fd < 0 || out_fd < 0 || err_fd < 0) {
      std::string e = std::string("cannot open redirection files: ") + std::strerror(errno);
      close_all();
      return e;
    }

    std::vector<std::string> env_storage;
    for (char** e = environ; e && *e; ++e) {
      std::string_view entry(*e);
      bool overridden = false;
      for (const auto& o : opts.env_overrides) {
        auto eq = o.find('=');
        if (eq != std::string::npos && entry.substr(0, eq + 1) == std::string_view(o).substr(0, eq + 1)) {
          overridden = true;
        }
      }
      if (!overridden) env_storage.emplace_back(entry);
    }
    for (const auto& o : opts.env_overrides) env_storage.push_back(o);

    std::vector<char*> cargv;
    for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
    cargv.push_back(nullptr);
    std::vector<char*> cenv;
    for (auto& e : env_storage) cenv.push_back(e.data());
    cenv.push_back(nullptr);
    const pid_t parent = ::getpid();

    pid_t pid = ::fork();
    if (pid < 0) {
      std::string e = std::string("fork: ") + std::strerror(errno);
      close_all();
      return e;
    }
    if (pid == 0) {
      // Child: die with the test process (strictly: with the thread that forked,
      // so spawn from the test's main thread), leaving no server behind.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      ::dup2(in_fd, 0);
      ::dup2(out_fd, 1);
      ::dup2(err_fd, 2);
      // Default signal dispositions and an empty mask for the new program.
      sigset_t none;
      sigemptyset(&none);
      ::sigprocmask(SIG_SETMASK, &none, nullptr);
      ::signal(SIGPIPE, SIG_DFL);
      ::signal(SIGINT, SIG_DFL);  // an ignored SIGINT would be inherited across exec
      ::signal(SIGTERM, SIG_DFL);
      ::execve(cargv[0], cargv.data(), cenv.data());
      const char msg[] = "exec failed\n";
      ssize_t ignored = ::write(2, msg, sizeof msg - 1);
      (void)ignored;
      ::_exit(127);
    }
    close_all();
    pid_ = pid;
    return "";
  }

  pid_t pid() const { return pid_; }
  bool running() {
    poll_exit();
    return pid_ > 0 && !status_;
  }
  const std::optional<ExitStatus>& status() const { return status_; }

  bool signal(int sig) {
    if (!running()) return false;
    return ::kill(pid_, sig) == 0;
  }

  // Waits (bounded) for the child to exit; nullopt on timeout.
  std::optional<ExitStatus> wait_exit(milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    for (;;) {
      if (poll_exit()) return status_;
      if (Clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(kPollStep);
    }
  }

  void kill_and_reap() {
    if (pid_ <= 0 || status_) return;
    ::kill(pid_, SIGKILL);
    int st = 0;
    // SIGKILL cannot be ignored; the wait is short and certain.
    while (::waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
    }
    status_ = ExitStatus::from_wait(st);
  }

 private:
  bool poll_exit() {
    if (pid_ <= 0) return false;
    if (status_) return true;
    int st = 0;
    pid_t r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      status_ = ExitStatus::from_wait(st);
      return true;
    }
    return false;
  }

  pid_t pid_ = -1;
  std::optional<ExitStatus> status_;
};

struct CommandResult {
  std::optional<ExitStatus> status;  // nullopt: timed out (the process was killed)
  std::string out;
  std::string err;

  bool timed_out() const { return !status; }
  bool ok() const { return status && status->ok(); }
  std::string describe() const {
    std::ostringstream os;
    if (status) os << *status;
    else os << "TIMED OUT (killed)";
    os << "\n--- stdout ---\n" << out.substr(0, 8000) << "\n--- stderr ---\n" << err.substr(0, 8000);
    return os.str();
  }
};

// Runs a program to completion with a deadline; stdin from a file (or /dev/null).
inline CommandResult run_command(const std::vector<std::string>& argv, milliseconds timeout,
                                 const std::string& stdin_path = "",
                                 std::vector<std::string> env_overrides = {}) {
  TempDir dir;
  ChildProcess child;
  ChildProcess::Options opts{stdin_path, dir.file("stdout"), dir.file("stderr"),
                             std::move(env_overrides)};
  CommandResult result;
  std::string e = child.spawn(argv, opts);
  if (!e.empty()) {
    result.err = "spawn failed: " + e;
    result.status = ExitStatus{true, 127, 0};
    return result;
  }
  result.status = child.wait_exit(timeout);
  if (!result.status) child.kill_and_reap();
  result.out = read_file(opts.stdout_path);
  result.err = read_file(opts.stderr_path);
  return result;
}

// A python3 interpreter that can import `module` (empty module: any python3);
// empty if none. Debian's python3-* packages live in /usr/bin/python3's path,
// which a python3 earlier on PATH (pyenv, venv) may not see, so it goes first.
inline std::string find_python3(const std::string& module = "") {
  std::vector<std::string> candidates{"/usr/bin/python3", find_program("python3")};
  for (const auto& py : candidates) {
    if (py.empty() || ::access(py.c_str(), X_OK) != 0) continue;
    if (module.empty()) return py;
    auto r = run_command({py, "-c", "import " + module}, milliseconds(10000));
    if (r.ok()) return py;
  }
  return "";
}

// Path of a file in the source tree (scripts next to the tests).
inline std::string source_path(std::string_view relative) {
#ifdef IRONKV_SOURCE_DIR
  return std::string(IRONKV_SOURCE_DIR) + "/" + std::string(relative);
#else
  return std::string(relative);
#endif
}

// ---------------------------------------------------------------------------
// A blocking loopback TCP client with deadline-bounded reads.

struct ReadAll {
  std::string data;
  bool eof = false;  // the peer closed (FIN or reset) within the deadline
};

class Client {
 public:
  Client() = default;
  explicit Client(int fd) : fd_(fd) {}
  Client(Client&& o) noexcept
      : fd_(std::exchange(o.fd_, -1)), buffered_(std::move(o.buffered_)), eof_(o.eof_) {}
  Client& operator=(Client&& o) noexcept {
    if (this != &o) {
      close();
      fd_ = std::exchange(o.fd_, -1);
      buffered_ = std::move(o.buffered_);
      eof_ = o.eof_;
    }
    return *this;
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  ~Client() { close(); }

  // Connects to 127.0.0.1:port; an unconnected Client (valid() false) on failure.
  static Client connect(int port, milliseconds timeout = kDefaultTimeout) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return Client();
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int r = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    if (r < 0 && errno != EINPROGRESS) {
      ::close(fd);
      return Client();
    }
    if (r < 0) {
      pollfd p{fd, POLLOUT, 0};
      int pr = ::poll(&p, 1, static_cast<int>(timeout.count()));
      int soerr = 0;
      socklen_t len = sizeof soerr;
      if (pr <= 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0 || soerr != 0) {
        ::close(fd);
        return Client();
      }
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return Client(fd);
  }

  bool valid() const { return fd_ >= 0; }
  int fd() const { return fd_; }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // Writes all of `bytes` (bounded by `timeout`). While the socket is not
  // writable, whatever the server has replied is read into the client's buffer,
  // so a large pipeline cannot deadlock against a server that writes replies
  // before reading more. False if the connection failed or the time ran out.
  bool send(std::string_view bytes, milliseconds timeout = milliseconds(30000)) {
    if (fd_ < 0) return false;
    auto deadline = Clock::now() + timeout;
    size_t off = 0;
    while (off < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n > 0) {
        off += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
      int left = remaining_ms(deadline);
      if (left == 0) return false;
      pollfd p{fd_, static_cast<short>(POLLOUT | (eof_ ? 0 : POLLIN)), 0};
      int pr = ::poll(&p, 1, left);
      if (pr < 0 && errno != EINTR) return false;
      if (pr > 0 && (p.revents & POLLIN)) fill_once();
      if (pr > 0 && (p.revents & (POLLERR | POLLNVAL))) return false;
    }
    return true;
  }

  // Writes all of `bytes` without reading anything meanwhile, like a naive
  // client that reads replies only after sending its whole pipeline. False if
  // the connection failed or the time ran out (e.g. neither side can progress).
  bool send_without_reading(std::string_view bytes, milliseconds timeout) {
    if (fd_ < 0) return false;
    auto deadline = Clock::now() + timeout;
    size_t off = 0;
    while (off < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n > 0) {
        off += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
      int left = remaining_ms(deadline);
      if (left == 0) return false;
      pollfd p{fd_, POLLOUT, 0};
      if (::poll(&p, 1, left) < 0 && errno != EINTR) return false;
    }
    return true;
  }

  // Exactly n bytes, or fewer if the deadline passed or the peer closed first.
  std::string read_exact(size_t n, milliseconds timeout = kDefaultTimeout) {
    auto deadline = Clock::now() + timeout;
    while (buffered_.size() < n) {
      if (!fill(deadline)) break;
    }
    return take(std::min(n, buffered_.size()));
  }

  // Everything up to and including the first `terminator`; on timeout/EOF,
  // everything read so far.
  std::string read_until(std::string_view terminator, milliseconds timeout = kDefaultTimeout) {
    auto deadline = Clock::now() + timeout;
    size_t scan = 0;
    for (;;) {
      auto at = buffered_.find(terminator, scan);
      if (at != std::string::npos) return take(at + terminator.size());
      scan = buffered_.size() >= terminator.size() ? buffered_.size() - terminator.size() + 1 : 0;
      if (!fill(deadline)) return take(buffered_.size());
    }
  }

  // Reads until done(bytes so far) holds, then returns all bytes read; on
  // timeout/EOF, everything read so far.
  std::string read_until(const std::function<bool(std::string_view)>& done,
                         milliseconds timeout = kDefaultTimeout) {
    auto deadline = Clock::now() + timeout;
    while (!done(buffered_)) {
      if (!fill(deadline)) break;
    }
    return take(buffered_.size());
  }

  // Reads until the peer closes or the deadline passes.
  ReadAll read_all_until_closed(milliseconds timeout = kDefaultTimeout) {
    auto deadline = Clock::now() + timeout;
    while (fill(deadline)) {
    }
    ReadAll r;
    r.eof = eof_;
    r.data = take(buffered_.size());
    return r;
  }

  // True if the peer closes within `timeout` (data arriving meanwhile is kept).
  bool is_closed(milliseconds timeout = kDefaultTimeout) {
    auto deadline = Clock::now() + timeout;
    while (fill(deadline)) {
    }
    return eof_;
  }

  // Bytes received but not yet returned by a read.
  std::string_view buffered() const { return buffered_; }

  // Sends `request` and reads exactly as many bytes as `expected` has:
  // convenient for byte-exact request/reply assertions.
  std::string roundtrip(std::string_view request, std::string_view expected,
                        milliseconds timeout = kDefaultTimeout) {
    if (!send(request, timeout)) return "<send failed>";
    return read_exact(expected.size(), timeout);
  }

 private:
  std::string take(size_t n) {
    std::string out = buffered_.substr(0, n);
    buffered_.erase(0, n);
    return out;
  }

  // One non-blocking read into the buffer; false on EOF/error or nothing available.
  bool fill_once() {
    char buf[64 * 1024];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      buffered_.append(buf, static_cast<size_t>(n));
      return true;
    }
    if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) eof_ = true;
    return false;
  }

  // Waits for data until the deadline; false on EOF or timeout.
  bool fill(Clock::time_point deadline) {
    if (fd_ < 0 || eof_) return false;
    for (;;) {
      if (fill_once()) return true;
      if (eof_) return false;
      int left = remaining_ms(deadline);
      if (left == 0) return false;
      pollfd p{fd_, POLLIN, 0};
      int pr = ::poll(&p, 1, left);
      if (pr == 0) return false;
      if (pr < 0 && errno != EINTR) return false;
    }
  }

  int fd_ = -1;
  std::string buffered_;
  bool eof_ = false;
};

// ---------------------------------------------------------------------------
// The server under test.

class ServerProcess {
 public:
  struct Options {
    // Adds --port 0 --bind 127.0.0.1, a private --dir and --http-enabled no
    // before the caller's arguments (which may override them: last one wins).
    bool defaults = true;
    // Wait for the Ready line (and parse the port).
    bool wait_ready = true;
    milliseconds ready_timeout{10000};
  };

  explicit ServerProcess(std::vector<std::string> args = {}) : ServerProcess(std::move(args), Options{}) {}
  ServerProcess(std::vector<std::string> args, Options opts) : opts_(opts) {
    std::vector<std::string> argv{IRONKV_SERVER_BINARY};
    if (opts.defaults) {
      for (const char* a : {"--port", "0", "--bind", "127.0.0.1", "--http-enabled", "no"}) {
        argv.emplace_back(a);
      }
      argv.emplace_back("--dir");
      argv.push_back(dir_.path());
    }
    argv.insert(argv.end(), args.begin(), args.end());
    argv_ = argv;
    ChildProcess::Options copts{"", dir_.file("server.stdout"), dir_.file("server.stderr"), {}};
    error_ = child_.spawn(argv, copts);
    if (error_.empty() && opts.wait_ready) wait_ready(opts.ready_timeout);
  }
  ~ServerProcess() { child_.kill_and_reap(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // True once the Ready line was seen and the port parsed.
  bool ready() const { return port_ > 0; }
  int port() const { return port_; }
  pid_t pid() const { return child_.pid(); }
  bool running() { return child_.running(); }
  const std::string& dir() const { return dir_.path(); }

  // Why the server is not ready, with its output, for assertion messages.
  std::string describe() {
    std::ostringstream os;
    os << "command:";
    for (const auto& a : argv_) os << ' ' << a;
    if (!error_.empty()) os << "\nspawn error: " << error_;
    if (auto& st = child_.status()) os << "\nstatus: " << *st;
    os << "\n--- stdout ---\n" << stdout_text() << "\n--- stderr ---\n" << stderr_text();
    return os.str();
  }

  Client connect(milliseconds timeout = kDefaultTimeout) const { return Client::connect(port_, timeout); }

  // Sends `sig` and waits (bounded) for the exit; nullopt if still running.
  std::optional<ExitStatus> stop_with(int sig, milliseconds timeout = milliseconds(10000)) {
    if (!child_.signal(sig)) return child_.status();
    return child_.wait_exit(timeout);
  }
  std::optional<ExitStatus> wait_exit(milliseconds timeout) { return child_.wait_exit(timeout); }

  std::string stdout_text() const { return read_file(dir_.file("server.stdout")); }
  std::string stderr_text() const { return read_file(dir_.file("server.stderr")); }
  std::string log() const { return stdout_text() + stderr_text(); }

  // Waits (bounded) until the log contains `text`.
  bool wait_for_log(std::string_view text, milliseconds timeout = kDefaultTimeout) const {
    auto deadline = Clock::now() + timeout;
    for (;;) {
      if (log().find(text) != std::string::npos) return true;
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(kPollStep);
    }
  }

 private:
  void wait_ready(milliseconds timeout) {
    static constexpr std::string_view kReady = "Ready to accept connections tcp on ";
    auto deadline = Clock::now() + timeout;
    for (;;) {
      std::string out = stdout_text();
      auto at = out.find(kReady);
      if (at != std::string::npos) {
        auto eol = out.find('\n', at);
        if (eol != std::string::npos) {
          std::string_view line(out.data() + at + kReady.size(), eol - at - kReady.size());
          auto colon = line.rfind(':');
          if (colon != std::string_view::npos) {
            port_ = std::atoi(std::string(line.substr(colon + 1)).c_str());
          }
          return;
        }
      }
      if (!child_.running() || Clock::now() >= deadline) return;
      std::this_thread::sleep_for(kPollStep);
    }
  }

  Options opts_;
  TempDir dir_;
  std::vector<std::string> argv_;
  ChildProcess child_;
  std::string error_;
  int port_ = 0;
};

}  // namespace ironkv::test
