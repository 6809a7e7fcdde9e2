#include "mmhook/version.h"

#include "simdjson.h"

namespace mmhook {
std::string_view version() noexcept { return MMHOOK_VERSION; }
std::string_view cmark_gfm_version() noexcept { return MMHOOK_CMARK_VERSION; }
std::string_view simdjson_version() noexcept { return SIMDJSON_VERSION; }
}  // namespace mmhook
