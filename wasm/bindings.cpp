// The only binding layer: plain values across the boundary. Bodies arrive as UTF-8 bytes written by JS into a
// module-owned input buffer; results leave as UTF-8 JSON in a module-owned output buffer that JS decodes and parses.
// Both buffers are reused between calls and valid until the next call.
#include <emscripten/bind.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mmhook/check.h"
#include "mmhook/command.h"
#include "mmhook/interact.h"
#include "mmhook/rest.h"
#include "mmhook/json.h"
#include "mmhook/settings.h"
#include "mmhook/version.h"

namespace {

std::string g_input;
std::string g_output;
std::string g_html;  // check_next(): the posts' HTML, their sizes in g_output
std::string g_settings_json;
mmhook::ServerSettings g_settings;
std::vector<mmhook::Diagnostic> g_settings_problems;
std::optional<mmhook::ReportStream> g_stream;              // the check() whose posts check_next() has still to write
constexpr std::size_t kKeptBuffer = std::size_t{4} << 20;  // larger buffers are freed once a call is done with them

// Returns the address of an input buffer of at least n bytes (grows the heap if needed); its first bytes are kept.
std::uintptr_t input_buffer(std::size_t n) {
  if (g_input.size() < n) g_input.resize(n);
  return reinterpret_cast<std::uintptr_t>(g_input.data());
}

void release_if_large(std::string& s) {
  if (s.capacity() > kKeptBuffer) std::string().swap(s);
}

std::uintptr_t output_data() { return reinterpret_cast<std::uintptr_t>(g_output.data()); }
std::size_t output_size() { return g_output.size(); }
std::uintptr_t html_data() { return reinterpret_cast<std::uintptr_t>(g_html.data()); }

// The parsed settings for `json` (cached while it is unchanged) with the problems found reading them.
void settings_for(const std::string& json, mmhook::CheckRequest& req) {
  if (json != g_settings_json) {
    g_settings_problems.clear();
    g_settings = mmhook::settings_from_json(json, &g_settings_problems);
    g_settings_json = json;
  }
  req.settings = g_settings;
  req.settings_diagnostics = g_settings_problems;
}

// Checks the first `len` bytes of the input buffer; the Report JSON with "posts":[] is left in the output buffer, and
// check_next() writes the posts. The input is released here: the stream no longer needs the body.
std::size_t check(std::size_t len, bool has_content_type, const std::string& content_type, const std::string& settings,
                  const std::string& query, const std::string& platform) {
  mmhook::CheckRequest req;
  req.query = query;
  req.platform = platform;
  if (has_content_type) req.content_type = content_type;
  settings_for(settings, req);
  g_stream.reset();
  g_output.clear();
  release_if_large(g_output);
  std::string_view body(g_input.data(), len <= g_input.size() ? len : g_input.size());
  g_stream.emplace(body, req);
  release_if_large(g_input);
  g_stream->head(g_output);
  return g_output.size();
}

// The next posts of the last check(), each rendered now, about `budget` bytes but at least one post: the output buffer
// holds [[html sizes],[posts with "html":""]], html_data() their HTML one after another. 0 once all are written.
std::size_t check_next(std::size_t budget) {
  g_output.clear();
  if (!g_stream || g_stream->done()) {
    g_stream.reset();
    release_if_large(g_output);
    g_html.clear();
    release_if_large(g_html);
    return 0;
  }
  g_stream->next_posts(g_output, g_html, budget);
  return g_output.size();
}

void write_diagnostics(std::string& out, const std::vector<mmhook::Diagnostic>& ds) {
  out += "[";
  bool first = true;
  for (const auto& d : ds) {
    if (!first) out += ",";
    first = false;
    out += "{\"severity\":";
    mmhook::json::write_string(out, mmhook::to_string(d.severity));
    out += ",\"code\":";
    mmhook::json::write_string(out, d.code);
    out += ",\"message\":";
    mmhook::json::write_string(out, d.message);
    out += ",\"path\":";
    mmhook::json::write_string(out, d.path);
    out += ",\"offset\":" + std::to_string(d.offset) + ",\"line\":" + std::to_string(d.line) +
           ",\"column\":" + std::to_string(d.column) + "}";
  }
  out += "]";
}

// Builds a command for the first `len` input bytes; output: {"ok":bool,"command":..,"diagnostics":[..]}.
// ok=false means an unknown shell or encoding name (a programmer error the JS layer turns into a TypeError).
// ct_mode: 0 = the encoding's Content-Type, 1 = `content_type`, 2 = none.
std::size_t command(std::size_t len, const std::string& url, const std::string& shell, const std::string& encoding,
                    int ct_mode, const std::string& content_type) {
  auto sh = mmhook::shell_from_string(shell);
  auto enc = mmhook::encoding_from_string(encoding);
  if (!sh || !enc) {
    g_output = "{\"ok\":false}";
    return g_output.size();
  }
  mmhook::CommandOptions opt;
  opt.url = url;
  opt.shell = *sh;
  opt.encoding = *enc;
  if (ct_mode == 1) opt.content_type = content_type;
  if (ct_mode == 2) opt.content_type = std::string();
  std::string_view body(g_input.data(), len <= g_input.size() ? len : g_input.size());
  mmhook::CommandResult r = mmhook::make_command(body, opt);
  g_output = "{\"ok\":true,\"command\":";
  mmhook::json::write_string(g_output, r.text);
  g_output += ",\"diagnostics\":";
  write_diagnostics(g_output, r.diagnostics);
  g_output += "}";
  return g_output.size();
}

// Parses the first `len` input bytes as a pasted command; output: {"url","contentType","body","diagnostics"}.
std::size_t parse_command(std::size_t len) {
  std::string_view text(g_input.data(), len <= g_input.size() ? len : g_input.size());
  mmhook::ParsedCommand p = mmhook::parse_command(text);
  g_output = "{\"url\":";
  mmhook::json::write_string(g_output, p.url);
  g_output += ",\"contentType\":";
  if (p.content_type) mmhook::json::write_string(g_output, *p.content_type);
  else g_output += "null";
  g_output += ",\"body\":";
  mmhook::json::write_string(g_output, p.body);
  g_output += ",\"diagnostics\":";
  write_diagnostics(g_output, p.diagnostics);
  g_output += "}";
  return g_output.size();
}

mmhook::CheckRequest check_request(bool has_content_type, const std::string& content_type, const std::string& settings,
                                   const std::string& query) {
  mmhook::CheckRequest req;
  req.query = query;
  if (has_content_type) req.content_type = content_type;
  settings_for(settings, req);
  return req;
}

// The webhook body is the first `len` input bytes; click_json: {postIndex, actionId, selectedOption, context}.
std::size_t simulate_action(std::size_t len, bool has_content_type, const std::string& content_type,
                            const std::string& settings, const std::string& query, const std::string& click_json) {
  std::string_view body(g_input.data(), len <= g_input.size() ? len : g_input.size());
  g_output = mmhook::action_simulation_to_json(mmhook::simulate_action(
      body, check_request(has_content_type, content_type, settings, query), mmhook::action_click_from_json(click_json)));
  return g_output.size();
}

// As simulate_action, plus the integration's answer; output: a Report (positions into `response`).
std::size_t apply_action_response(std::size_t len, bool has_content_type, const std::string& content_type,
                                  const std::string& settings, const std::string& query, const std::string& click_json,
                                  const std::string& response) {
  std::string_view body(g_input.data(), len <= g_input.size() ? len : g_input.size());
  g_output = mmhook::report_to_json(mmhook::apply_action_response(
      body, check_request(has_content_type, content_type, settings, query), response,
      mmhook::action_click_from_json(click_json)));
  return g_output.size();
}

// The open request is the first `len` input bytes; options_json: {values, response, nowMillis, context}.
std::size_t check_dialog(std::size_t len, const std::string& options_json) {
  std::string_view text(g_input.data(), len <= g_input.size() ? len : g_input.size());
  g_output = mmhook::dialog_check_to_json(mmhook::check_dialog(text, mmhook::dialog_options_from_json(options_json)));
  return g_output.size();
}

// The webhook body is the first `len` input bytes; options_json: {postIndex, serverUrl, channelId, rootId, token,
// tokenEnv, shell, keepWebhookProps}; output: {request, command, diagnostics, notes}.
std::size_t rest_follow_up(std::size_t len, bool has_content_type, const std::string& content_type,
                           const std::string& settings, const std::string& query, const std::string& options_json) {
  std::string_view body(g_input.data(), len <= g_input.size() ? len : g_input.size());
  g_output = mmhook::rest_follow_up_to_json(mmhook::rest_follow_up(
      body, check_request(has_content_type, content_type, settings, query), mmhook::rest_options_from_json(options_json)));
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
  emscripten::function("htmlData", &html_data);
  emscripten::function("check", &check);
  emscripten::function("checkNext", &check_next);
  emscripten::function("command", &command);
  emscripten::function("parseCommand", &parse_command);
  emscripten::function("simulateAction", &simulate_action);
  emscripten::function("applyActionResponse", &apply_action_response);
  emscripten::function("checkDialog", &check_dialog);
  emscripten::function("restFollowUp", &rest_follow_up);
  emscripten::function("versions", &versions);
}
