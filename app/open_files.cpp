#include "app/open_files.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ironkv::app {

OpenFilesResult adjust_open_files_limit(uint64_t maxclients) {
  const uint64_t wanted = maxclients + kReservedFds;
  struct rlimit lim {};
  if (::getrlimit(RLIMIT_NOFILE, &lim) == -1) {
    uint64_t reduced = 1024 - kReservedFds;
    spdlog::warn("Unable to obtain the current NOFILE limit ({}), assuming 1024 and setting the "
                 "max clients configuration accordingly.",
                 std::strerror(errno));
    return {std::min(maxclients, reduced), 1024, std::nullopt};
  }
  const uint64_t old_soft = lim.rlim_cur;
  if (lim.rlim_cur == RLIM_INFINITY || old_soft >= wanted) return {maxclients, old_soft, std::nullopt};

  // Up to the hard limit needs no privilege; beyond it needs CAP_SYS_RESOURCE.
  struct rlimit want = lim;
  want.rlim_cur = wanted;
  if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < wanted) want.rlim_max = wanted;
  int error = 0;
  uint64_t best = wanted;
  if (::setrlimit(RLIMIT_NOFILE, &want) == -1) {
    error = errno;
    // As much as the hard limit allows.
    best = lim.rlim_max;
    struct rlimit hard = lim;
    hard.rlim_cur = lim.rlim_max;
    if (best <= old_soft || ::setrlimit(RLIMIT_NOFILE, &hard) == -1) best = old_soft;
  }
  if (best >= wanted) {
    spdlog::info("Increased maximum number of open files to {} (it was originally set to {}).",
                 wanted, old_soft);
    return {maxclients, wanted, std::nullopt};
  }
  if (best <= kReservedFds) {
    std::string msg = "Your current 'ulimit -n' of " + std::to_string(old_soft) +
                      " is not enough for the server to start. Please increase your open file "
                      "limit to at least " + std::to_string(wanted) + ". Exiting.";
    return {maxclients, best, msg};
  }
  uint64_t reduced = best - kReservedFds;
  spdlog::warn("You requested maxclients of {} requiring at least {} max file descriptors.",
               maxclients, wanted);
  spdlog::warn("Server can't set maximum open files to {} because of OS error: {}.", wanted,
               std::strerror(error));
  spdlog::warn("Current maximum open files is {}. maxclients has been reduced to {} to compensate "
               "for low ulimit. If you need higher maxclients increase 'ulimit -n'.",
               best, reduced);
  return {reduced, best, std::nullopt};
}

}  // namespace ironkv::app
