// Interactivity simulation (spec interactivity.md): what Mattermost v11.6 sends to an integration when a button or
// menu of a webhook post is clicked, what it does with the answer, and how an interactive dialog opens, is drawn and
// submits. Pure functions over text; never throw; every problem is a diagnostic.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mmhook/check.h"
#include "mmhook/report.h"

namespace mmhook {

// The clicking user and where the post is. Defaults are marked placeholders (26-char ids starting "mmhooksimulated").
// An empty channel_name means the post's channel from the webhook check.
struct SimContext {
  std::string user_id = "mmhooksimulateduser0000000";
  std::string user_name = "simulated-user";
  std::string channel_id = "mmhooksimulatedchannel0000";
  std::string channel_name;
  std::string team_id = "mmhooksimulatedteam0000000";
  std::string team_domain = "simulated-team";
  std::string post_id = "mmhooksimulatedpost0000000";
  std::string site_url;                                 // ServiceSettings.SiteURL ("" = unknown)
  std::string allowed_untrusted_internal_connections;   // ServiceSettings.AllowedUntrustedInternalConnections
  std::int64_t outgoing_timeout_seconds = 30;           // ServiceSettings.OutgoingIntegrationRequestsTimeout
};

struct ActionClick {
  std::size_t post_index = 0;                   // which post of check()'s Report
  std::string action_id;
  std::optional<std::string> selected_option;   // menus: the picked option's value (users/channels: an id)
  std::optional<std::int64_t> now_millis;       // the click's time, written into the trigger_id (nullopt: 0)
  // The integration's earlier answer to a click on this post: applied first, so this click goes to the updated post.
  std::optional<std::string> after_response;
  SimContext context;
};

struct HttpRequest {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;   // JSON text as Go marshals it
};

// status/error: the click API's answer when it fails (404/400) or 200; request: what reaches integration.url
// (absent when the server stops before calling it).
struct ActionSimulation {
  int status = 0;
  std::optional<ErrorBody> error;
  std::optional<HttpRequest> request;
  std::vector<Diagnostic> diagnostics;   // positions into the webhook body
};

ActionSimulation simulate_action(std::string_view body, const CheckRequest& req, const ActionClick& click);
std::string action_simulation_to_json(const ActionSimulation& s);

// The integration answered `response` (its HTTP body) to the click (an empty action_id: to any action of the post,
// which is then not looked up): the Report's posts are the post after `update`
// (posts[0], always present when the click succeeds) and the ephemeral reply (posts[1], type system_ephemeral) if any.
// status/error are what the click API answers; diagnostics have positions into `response`.
Report apply_action_response(std::string_view body, const CheckRequest& req, std::string_view response,
                             const ActionClick& click);

// Which web-app renderer draws the dialog (§5.9): the v11.6 default Apps-form modal, or the legacy InteractiveDialog
// (feature flag InteractiveDialogAppsForm off), with its own checks, submission and answer handling.
enum class DialogLook { apps, legacy };

struct DialogOptions {
  std::optional<std::string> values;     // JSON object: element name -> value the user enters (string/number/bool/array)
  std::optional<std::string> response;   // the integration's answer to the submission (§6.4)
  std::optional<std::int64_t> now_millis;   // for the trigger's lifetime; nullopt = not checked
  DialogLook look = DialogLook::apps;
  SimContext context;
};

struct DialogCheck {
  bool ok = false;                        // the open request is accepted (200)
  int status = 0;
  std::optional<ErrorBody> error;
  std::vector<Diagnostic> diagnostics;    // positions into the open request (response problems: path starts "/response")
  std::string html;                       // the dialog as the v11.6 web app draws it (safe HTML)
  std::optional<HttpRequest> submission;  // the request the dialog url receives on Submit; absent if the web app blocks it
  std::optional<HttpRequest> cancel;      // notify_on_cancel: the request Cancel sends (§6.6); its answer is ignored
  std::optional<std::string> outcome;     // with a response: "closes", "stays open: ...", "replaced by a new form"
};

DialogCheck check_dialog(std::string_view open_request, const DialogOptions& options);
std::string dialog_check_to_json(const DialogCheck& d);

// Shared by the JSON front ends: reads {userId, userName, channelId, channelName, teamId, teamDomain, postId, siteUrl,
// allowedUntrustedInternalConnections, outgoingTimeoutSeconds} over `into`; unknown keys/wrong types are ignored.
void sim_context_from_json(std::string_view json, SimContext& into);
// {postIndex, actionId, selectedOption, nowMillis, afterResponse, context} and
// {values, response, nowMillis, look: "apps"|"legacy", context}; bad parts are ignored.
ActionClick action_click_from_json(std::string_view json);
DialogOptions dialog_options_from_json(std::string_view json);

}  // namespace mmhook
