#pragma once
// GET /: the dashboard page, compiled into the binary (no CDN, no files).

#include <string_view>

namespace ironkv::http {

std::string_view dashboard_html();

}  // namespace ironkv::http
