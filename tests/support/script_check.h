#pragma once
// A compat test's client script (python3, node) run to its end: it must not
// time out, must exit 0 and must print its success marker.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {

inline void expect_script_passes(const std::vector<std::string>& argv, std::string_view marker,
                                 milliseconds timeout) {
  auto r = run_command(argv, timeout);
  ASSERT_FALSE(r.timed_out()) << r.describe();
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_NE(r.out.find(marker), std::string::npos) << r.describe();
}

}  // namespace ironkv::test
