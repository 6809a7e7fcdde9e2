// The byte buffers each module shares with JS: JS writes a body's UTF-8 into the input buffer, a call leaves its UTF-8
// JSON in the output buffer. Both are reused between calls and valid until the next call. Included by one bindings
// file per module (wasm/bindings.cpp: check(); wasm/bindings_tools.cpp: commands and interactivity).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/check.h"
#include "mmhook/settings.h"

namespace mmhook_wasm {

inline std::string g_input;
inline std::string g_output;
constexpr std::size_t kKeptBuffer = std::size_t{4} << 20;  // larger buffers are freed once a call is done with them

// Returns the address of an input buffer of at least n bytes (grows the heap if needed); its first bytes are kept.
inline std::uintptr_t input_buffer(std::size_t n) {
  if (g_input.size() < n) g_input.resize(n);
  return reinterpret_cast<std::uintptr_t>(g_input.data());
}

// The first `len` bytes of the input buffer.
inline std::string_view input(std::size_t len) { return {g_input.data(), len <= g_input.size() ? len : g_input.size()}; }

inline void release_if_large(std::string& s) {
  if (s.capacity() > kKeptBuffer) std::string().swap(s);
}

inline std::uintptr_t output_data() { return reinterpret_cast<std::uintptr_t>(g_output.data()); }

// Moves `json` into the output buffer; returns its size.
inline std::size_t output(std::string json) {
  g_output = std::move(json);
  return g_output.size();
}

inline std::string g_settings_json;
inline mmhook::ServerSettings g_settings;
inline std::vector<mmhook::Diagnostic> g_settings_problems;

// The parsed settings for `json` (cached while it is unchanged) with the problems found reading them.
inline void settings_for(std::string_view json, mmhook::CheckRequest& req) {
  if (json != g_settings_json) {
    g_settings_problems.clear();
    g_settings = mmhook::settings_from_json(json, &g_settings_problems);
    g_settings_json = json;
  }
  req.settings = g_settings;
  req.settings_diagnostics = g_settings_problems;
}

}  // namespace mmhook_wasm
