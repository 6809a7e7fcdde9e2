// Bench-only Embind layer (never linked into the shipped module): the same check() reached through Embind
// std::string conversion, plus no-work round trips for both transports, to measure what the byte-buffer design saves.
// Linked together with wasm/bindings.cpp into build/bench-wasm/mmhook_strbind.mjs by scripts/bench/build-wasm-variants.sh.
#include <emscripten/bind.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "mmhook/check.h"
#include "mmhook/settings.h"

namespace {

std::string g_in;
std::string g_out;
std::string g_settings_json;
mmhook::ServerSettings g_settings;

const mmhook::ServerSettings& settings_for(const std::string& json) {
  if (json != g_settings_json) {
    g_settings = mmhook::settings_from_json(json);
    g_settings_json = json;
  }
  return g_settings;
}

// Typed-array transport, no work: JS writes n bytes at benchInput(n); benchEcho copies them to the output buffer.
std::uintptr_t bench_input(std::size_t n) {
  if (g_in.size() < n) g_in.resize(n);
  return reinterpret_cast<std::uintptr_t>(g_in.data());
}
std::size_t bench_echo(std::size_t len) {
  g_out.assign(g_in.data(), len <= g_in.size() ? len : g_in.size());
  return g_out.size();
}
std::uintptr_t bench_output() { return reinterpret_cast<std::uintptr_t>(g_out.data()); }

// Embind transport, no work: the string is converted in, copied, and converted out.
std::string echo_string(const std::string& s) { return s; }

// Embind transport for the real work: body in and Report JSON out as std::string.
std::string check_string(const std::string& body, bool has_content_type, const std::string& content_type,
                         const std::string& settings) {
  mmhook::CheckRequest req;
  if (has_content_type) req.content_type = content_type;
  req.settings = settings_for(settings);
  return mmhook::report_to_json(mmhook::check(body, req));
}

}  // namespace

EMSCRIPTEN_BINDINGS(mmhook_bench) {
  emscripten::function("benchInput", &bench_input);
  emscripten::function("benchEcho", &bench_echo);
  emscripten::function("benchOutput", &bench_output);
  emscripten::function("echoString", &echo_string);
  emscripten::function("checkString", &check_string);
}
