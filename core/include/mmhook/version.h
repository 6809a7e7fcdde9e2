// Versions of mmhook and the libraries it was built with.
#pragma once
#include <string>
#include <string_view>

namespace mmhook {
std::string_view version() noexcept;
std::string_view cmark_gfm_version() noexcept;
std::string_view simdjson_version() noexcept;
// The three as the JS API's `version` JSON: {"mmhook","cmarkGfm","simdjson"}.
std::string versions_json();
}  // namespace mmhook
