// The REST API follow-up: contracts not covered by rest.json (positions, splitting, every shell, token handling).
#include <doctest/doctest.h>

#include <string>

#include "json_request.h"
#include "mmhook/rest.h"

using namespace mmhook;
using mmhook::test::json_req;

namespace {
RestOptions opts() {
  RestOptions o;
  o.server_url = "https://chat.example.com";
  o.channel_id = "abcdefghijklmnopqrstuvwxyz";
  return o;
}
const Diagnostic* find(const RestFollowUp& r, std::string_view code) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}
}  // namespace

TEST_CASE("rest: payload diagnostics point at the webhook field") {
  std::string body = R"({"text":"hi",
"username":"Deploy Bot"})";
  RestFollowUp r = rest_follow_up(body, json_req(), opts());
  const Diagnostic* d = find(r, "rest.username_ignored");
  REQUIRE(d);
  CHECK(d->path == "/username");
  CHECK(d->offset == body.find("\"Deploy Bot\""));
  CHECK(d->line == 2);
}

TEST_CASE("rest: a split webhook body gives one request per post; each carries its own chunk") {
  std::string text(20000, 'a');
  std::string body = R"({"text":")" + text + "\"}";
  RestOptions o = opts();
  o.post_index = 1;
  RestFollowUp r = rest_follow_up(body, json_req(), o);
  REQUIRE(r.request);
  CHECK(find(r, "rest.split"));
  CHECK(r.request->body.size() < 20000 - 10000);
  o.post_index = 0;
  RestFollowUp first = rest_follow_up(body, json_req(), o);
  REQUIRE(first.request);
  CHECK(first.request->body.size() + r.request->body.size() > 20000);
}

TEST_CASE("rest: every shell sends the Authorization header; the token stays out unless given") {
  const std::string body = R"({"text":"it's $HOME `id` 100% ^& \"q\" !x"})";
  for (Shell s : kShells) {
    CAPTURE(to_string(s));
    RestOptions o = opts();
    o.shell = s;
    RestFollowUp r = rest_follow_up(body, json_req(), o);
    REQUIRE(r.request);
    CHECK(r.command.find("Authorization") != std::string::npos);
    CHECK(r.command.find("MM_TOKEN") != std::string::npos);
    CHECK(r.command.find("https://chat.example.com/api/v4/posts") != std::string::npos);
    o.token = "1a2b3c4d5e6f7g8h9i0j1k2l3m";
    RestFollowUp t = rest_follow_up(body, json_req(), o);
    CHECK(t.command.find("Bearer 1a2b3c4d5e6f7g8h9i0j1k2l3m") != std::string::npos);
    CHECK(t.command.find("MM_TOKEN") == std::string::npos);
  }
}

TEST_CASE("rest: the POSIX command stops when the token variable is unset") {
  RestFollowUp r = rest_follow_up(R"({"text":"x"})", json_req(), opts());
  CHECK(r.command.find("\"Authorization: Bearer ${MM_TOKEN:?set MM_TOKEN to the access token}\"") != std::string::npos);
  CHECK(r.request->headers.size() == 2);
  CHECK(r.request->headers[1].second == "application/json");
}

TEST_CASE("rest: the webhook's own channel is named in the missing-id warning; JSON output has the four keys") {
  RestOptions o = opts();
  o.channel_id.clear();
  RestFollowUp r = rest_follow_up(R"({"text":"x","channel":"ops-alerts"})", json_req(), o);
  const Diagnostic* d = find(r, "rest.channel_id_missing");
  REQUIRE(d);
  CHECK(d->message.find("ops-alerts") != std::string::npos);
  std::string j = rest_follow_up_to_json(r);
  CHECK(j.rfind("{\"request\":{\"method\":\"POST\"", 0) == 0);
  CHECK(j.find("\"command\":") != std::string::npos);
  CHECK(j.find("\"notes\":[\"") != std::string::npos);
  CHECK(r.notes.size() == 5);
}

TEST_CASE("rest: options JSON reads every key; an unknown shell is reported and posix used") {
  RestOptions o = rest_options_from_json(
      R"({"postIndex":2,"serverUrl":"https://a.b","channelId":"c","rootId":"r","token":"t","tokenEnv":"T","shell":"tcsh","keepWebhookProps":true})");
  CHECK(o.post_index == 2);
  CHECK(o.server_url == "https://a.b");
  CHECK(o.channel_id == "c");
  CHECK(o.root_id == "r");
  CHECK(o.token == std::optional<std::string>("t"));
  CHECK(o.token_env == "T");
  CHECK(o.shell == Shell::posix);
  CHECK(o.unknown_shell == "tcsh");
  CHECK(o.keep_webhook_props);
  o.post_index = 0;
  RestFollowUp r = rest_follow_up(R"({"text":"x"})", json_req(), o);
  CHECK(find(r, "rest.shell_unknown"));
}
