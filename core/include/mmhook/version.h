// Versions of mmhook and the libraries it was built with.
#pragma once
#include <string_view>

namespace mmhook {
std::string_view version() noexcept;
std::string_view cmark_gfm_version() noexcept;
std::string_view simdjson_version() noexcept;
}  // namespace mmhook
