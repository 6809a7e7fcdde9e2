// The tools module's binding layer (mmhook-tools.wasm, loaded on first use): commands, parseCommand, the
// interactivity simulator and the REST follow-up. Linked with bindings.cpp (its buffers and check()): the tools need
// the whole check pipeline anyway, so this module is complete and the offline builds inline it alone.
// Bytes in, the core's JSON out. utf16: the positions' text was a JS string: UTF-16 code units (else bytes).
#include <emscripten/bind.h>

#include <string>

#include "buffers.h"
#include "mmhook/command.h"
#include "mmhook/interact.h"
#include "mmhook/rest.h"

using namespace mmhook_wasm;

namespace {

void units(std::string_view text, std::vector<mmhook::Diagnostic>& ds, bool utf16) {
  if (utf16) mmhook::to_utf16_positions(text, ds);
}

// Builds a command for the first `len` input bytes; output: {"command","diagnostics"}, or nothing (0) for an unknown
// shell or encoding name (a programmer error the JS layer turns into a TypeError).
// ct_mode: 0 = the encoding's Content-Type, 1 = `content_type`, 2 = none.
std::size_t command(std::size_t len, const std::string& url, const std::string& shell, const std::string& encoding,
                    int ct_mode, const std::string& content_type, bool utf16) {
  auto sh = mmhook::shell_from_string(shell);
  auto enc = mmhook::encoding_from_string(encoding);
  if (!sh || !enc) return output(std::string());
  mmhook::CommandOptions opt;
  opt.url = url;
  opt.shell = *sh;
  opt.encoding = *enc;
  if (ct_mode == 1) opt.content_type = content_type;
  if (ct_mode == 2) opt.content_type = std::string();
  mmhook::CommandResult r = mmhook::make_command(input(len), opt);
  units(input(len), r.diagnostics, utf16);
  return output(mmhook::command_result_to_json(r));
}

// Parses the first `len` input bytes (a JS string) as a pasted command; output: {"url","contentType","body","diagnostics"}.
std::size_t parse_command(std::size_t len) {
  mmhook::ParsedCommand p = mmhook::parse_command(input(len));
  units(input(len), p.diagnostics, true);
  return output(mmhook::parsed_command_to_json(p));
}

mmhook::CheckRequest check_request(bool has_content_type, const std::string& content_type, const std::string& settings,
                                   const std::string& query) {
  mmhook::CheckRequest req;
  req.query = query;
  if (has_content_type) req.content_type = content_type;
  settings_for(settings, req);
  return req;
}

// A tool on the webhook body (the first `len` input bytes) as the request carries it: run(body, request, options),
// its positions in the asked-for units, written by to_json.
template <class Result, class Options>
std::size_t on_webhook_body(std::size_t len, bool has_content_type, const std::string& content_type,
                            const std::string& settings, const std::string& query, bool utf16,
                            Result (*run)(std::string_view, const mmhook::CheckRequest&, const Options&),
                            const Options& options, std::string (*to_json)(const Result&)) {
  Result r = run(input(len), check_request(has_content_type, content_type, settings, query), options);
  units(input(len), r.diagnostics, utf16);
  return output(to_json(r));
}

// The webhook body is the first `len` input bytes; click_json: {postIndex, actionId, selectedOption, context}.
std::size_t simulate_action(std::size_t len, bool has_content_type, const std::string& content_type,
                            const std::string& settings, const std::string& query, const std::string& click_json,
                            bool utf16) {
  return on_webhook_body(len, has_content_type, content_type, settings, query, utf16, mmhook::simulate_action,
                         mmhook::action_click_from_json(click_json), mmhook::action_simulation_to_json);
}

// As simulate_action, plus the integration's answer (a JS string); output: a Report (positions into `response`).
std::size_t apply_action_response(std::size_t len, bool has_content_type, const std::string& content_type,
                                  const std::string& settings, const std::string& query, const std::string& click_json,
                                  const std::string& response) {
  mmhook::Report r = mmhook::apply_action_response(input(len), check_request(has_content_type, content_type, settings, query),
                                                   response, mmhook::action_click_from_json(click_json));
  units(response, r.diagnostics, true);
  return output(mmhook::report_to_json(r));
}

// The open request is the first `len` input bytes (a JS string); options_json: {values, response, nowMillis, context}.
std::size_t check_dialog(std::size_t len, const std::string& options_json) {
  auto r = mmhook::check_dialog(input(len), mmhook::dialog_options_from_json(options_json));
  units(input(len), r.diagnostics, true);
  return output(mmhook::dialog_check_to_json(r));
}

// The webhook body is the first `len` input bytes; options_json: {postIndex, serverUrl, channelId, rootId, token,
// tokenEnv, shell, keepWebhookProps}; output: {request, command, diagnostics, notes}.
std::size_t rest_follow_up(std::size_t len, bool has_content_type, const std::string& content_type,
                           const std::string& settings, const std::string& query, const std::string& options_json,
                           bool utf16) {
  return on_webhook_body(len, has_content_type, content_type, settings, query, utf16, mmhook::rest_follow_up,
                         mmhook::rest_options_from_json(options_json), mmhook::rest_follow_up_to_json);
}

}  // namespace

EMSCRIPTEN_BINDINGS(mmhook_tools) {
  emscripten::function("command", &command);
  emscripten::function("parseCommand", &parse_command);
  emscripten::function("simulateAction", &simulate_action);
  emscripten::function("applyActionResponse", &apply_action_response);
  emscripten::function("checkDialog", &check_dialog);
  emscripten::function("restFollowUp", &rest_follow_up);
}
