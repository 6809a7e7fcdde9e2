#include "mmhook/version.h"

#include "mmhook/json.h"
#include "simdjson.h"

namespace mmhook {
std::string_view version() noexcept { return MMHOOK_VERSION; }
std::string_view cmark_gfm_version() noexcept { return MMHOOK_CMARK_VERSION; }
std::string_view simdjson_version() noexcept { return SIMDJSON_VERSION; }

std::string versions_json() {
  std::string out = "{\"mmhook\":";
  json::write_string(out, version());
  out += ",\"cmarkGfm\":";
  json::write_string(out, cmark_gfm_version());
  out += ",\"simdjson\":";
  json::write_string(out, simdjson_version());
  out.push_back('}');
  return out;
}
}  // namespace mmhook
