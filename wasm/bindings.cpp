// The only binding layer: plain values across the boundary. Bodies arrive as UTF-8 bytes written by JS into a
// module-owned input buffer; results leave as UTF-8 JSON in a module-owned output buffer that JS decodes and parses.
// Both buffers are reused between calls and valid until the next call.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "mmhook/check.h"
#include "mmhook/settings.h"
#include "mmhook/version.h"

namespace {

std::string g_input;
std::string g_output;
std::string g_settings_json;
mmhook::ServerSettings g_settings;

// Returns the address of an input buffer of at least n bytes (grows the heap if needed).
std::uintptr_t input_buffer(std::size_t n) {
  if (g_input.size() < n) g_input.resize(n);
  return reinterpret_cast<std::uintptr_t>(g_input.data());
}

std::uintptr_t output_data() { return reinterpret_cast<std::uintptr_t>(g_output.data()); }
std::size_t output_size() { return g_output.size(); }

const mmhook::ServerSettings& settings_for(const std::string& json) {
  if (json != g_settings_json) {
    g_settings = mmhook::settings_from_json(json);
    g_settings_json = json;
  }
  return g_settings;
}

// Checks the first `len` bytes of the input buffer; the Report JSON is left in the output buffer.
std::size_t check(std::size_t len, bool has_content_type, const std::string& content_type, const std::string& settings) {
  mmhook::CheckRequest req;
  if (has_content_type) req.content_type = content_type;
  req.settings = settings_for(settings);
  std::string_view body(g_input.data(), len <= g_input.size() ? len : g_input.size());
  g_output = mmhook::report_to_json(mmhook::check(body, req));
  return g_output.size();
}

std::string versions() {
  return std::string("{\"mmhook\":\"") + std::string(mmhook::version()) + "\",\"cmarkGfm\":\"" +
         std::string(mmhook::cmark_gfm_version()) + "\",\"simdjson\":\"" + std::string(mmhook::simdjson_version()) + "\"}";
}

}  // namespace

EMSCRIPTEN_BINDINGS(mmhook) {
  emscripten::function("inputBuffer", &input_buffer);
  emscripten::function("outputData", &output_data);
  emscripten::function("outputSize", &output_size);
  emscripten::function("check", &check);
  emscripten::function("versions", &versions);
}
