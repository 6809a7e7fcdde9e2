// Interactivity simulation: contracts not covered by interactivity.json (placeholders, positions, bounds, JSON out).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "html_check.h"
#include "json_request.h"
#include "interact/common.h"
#include "mmhook/interact.h"

using namespace mmhook;
using mmhook::test::json_req;

namespace {
const char* kPayload =
    R"({"text":"t","attachments":[{"actions":[{"id":"go","name":"Go","integration":{"url":"https://example.com/a"}}]}]})";
}  // namespace

TEST_CASE("interact: placeholder ids are 26-char [a-z0-9] and the trigger decodes to four parts") {
  SimContext c;
  for (const std::string* s : {&c.user_id, &c.channel_id, &c.team_id, &c.post_id}) {
    CHECK(s->size() == 26);
    for (char ch : *s) CHECK(((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')));
  }
  auto raw = interact::unbase64(interact::placeholder_trigger(c));
  REQUIRE(raw);
  CHECK(std::count(raw->begin(), raw->end(), ':') == 3);
  CHECK(interact::kSessionToken.size() == 26);
}

TEST_CASE("interact: the action's diagnostics point at it in the body") {
  ActionClick k;
  k.action_id = "go";
  ActionSimulation s = simulate_action(kPayload, json_req(), k);
  REQUIRE(s.request);
  bool found = false;
  for (const Diagnostic& d : s.diagnostics)
    if (d.code == "interact.request_limits") {
      found = true;
      CHECK(d.path == "/attachments/0/actions/0");
      CHECK(std::string_view(kPayload).substr(d.offset, 6) == "{\"id\":");
    }
  CHECK(found);
  std::string json = action_simulation_to_json(s);
  CHECK(json.find("\"status\":200") != std::string::npos);
  CHECK(json.find("\"method\":\"POST\"") != std::string::npos);
}

TEST_CASE("interact: user context replaces the placeholders; channel_name defaults to the post's channel") {
  ActionClick k;
  k.action_id = "go";
  sim_context_from_json(R"({"userId":"u1","userName":"alice","teamDomain":"acme","outgoingTimeoutSeconds":5})", k.context);
  ActionSimulation s = simulate_action(kPayload, json_req(), k);
  REQUIRE(s.request);
  CHECK(s.request->body.find("\"user_id\":\"u1\",\"user_name\":\"alice\"") != std::string::npos);
  CHECK(s.request->body.find("\"channel_name\":\"town-square\"") != std::string::npos);
  CHECK(s.request->body.find("\"team_domain\":\"acme\"") != std::string::npos);
  bool five = false;
  for (const Diagnostic& d : s.diagnostics) five |= d.code == "interact.request_limits" && d.message.find("at most 5 s") != std::string::npos;
  CHECK(five);
}

TEST_CASE("interact: a huge option list is drawn bounded and escaped") {
  std::string opts;
  for (int i = 0; i < 3000; ++i) opts += std::string(i ? "," : "") + R"({"text":"<b>o)" + std::to_string(i) + R"(</b>","value":"v)" + std::to_string(i) + "\"}";
  std::string req = R"({"trigger_id":"YTpiOjE6YzJsbg==","url":"https://e.com/s","dialog":{"title":"T","elements":[{"display_name":"S","name":"s","type":"select","optional":true,"options":[)" + opts + "]}]}}";
  DialogCheck d = check_dialog(req, {});
  CHECK(d.status == 200);
  CHECK(mmhook::fuzz::html_violation(d.html).empty());
  CHECK(d.html.find("2500 more options") != std::string::npos);
  CHECK(d.html.find("<b>") == std::string::npos);
}

TEST_CASE("interact: deep JSON is refused by the simulator's bound, not walked recursively") {
  std::string deep(5000, '[');
  deep += std::string(5000, ']');
  std::string resp = R"({"update":{"message":"m","props":{"x":)" + deep + "}}}";
  ActionClick k;
  k.action_id = "go";
  Report r = apply_action_response(kPayload, json_req(), resp, k);
  CHECK_FALSE(r.ok);
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics[0].code == "interact.too_deep");
  DialogCheck d = check_dialog(R"({"trigger_id":"x","url":"u","dialog":{"title":)" + deep + "}}", {});
  CHECK(d.diagnostics[0].code == "interact.too_deep");
}

TEST_CASE("interact: response diagnostics point into the response") {
  ActionClick k;
  k.action_id = "go";
  std::string resp = R"({"update":{"message":"x"},"text":"ignored"})";
  Report r = apply_action_response(kPayload, json_req(), resp, k);
  CHECK(r.ok);
  bool found = false;
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == "interact.response_ignored_key") {
      found = true;
      CHECK(resp.substr(d.offset, 6) == "\"text\"");
    }
  CHECK(found);
  REQUIRE(r.posts.size() == 1);
  CHECK(r.posts[0].message == "x");
  CHECK(r.posts[0].html.find("mm-action-button") != std::string::npos);
}

TEST_CASE("interact: dialog JSON has every key") {
  DialogCheck d = check_dialog(R"({"trigger_id":"YTpiOjE6YzJsbg==","url":"https://e.com/s","dialog":{"title":"T"}})", {});
  std::string j = dialog_check_to_json(d);
  for (const char* k : {"\"ok\":true", "\"status\":200", "\"error\":null", "\"diagnostics\":[", "\"html\":", "\"submission\":{", "\"outcome\":null"})
    CHECK_MESSAGE(j.find(k) != std::string::npos, k);
}

TEST_CASE("interact: each drawn action control carries data-action-ref = attachment:action index") {
  const char* body =
      R"({"attachments":[{"text":"a","actions":[{"id":"x","name":""},{"id":"go","name":"Go"}]},)"
      R"({"text":"b","actions":[{"id":"m","name":"Menu","type":"select","options":[{"text":"A","value":"a"}]}]}]})";
  Report r = check(body, json_req());
  REQUIRE(r.posts.size() == 1);
  const std::string& html = r.posts[0].html;
  CHECK(html.find("data-action-ref=\"0:1\"") != std::string::npos);
  CHECK(html.find("data-action-ref=\"1:0\"") != std::string::npos);
  CHECK(html.find("data-action-ref=\"0:0\"") == std::string::npos);  // a nameless action is not drawn
  CHECK(mmhook::fuzz::html_violation(html).empty());
  CHECK(!mmhook::fuzz::html_violation("<button type=\"button\" disabled data-action-ref=\"0:x\">b</button>").empty());
}

TEST_CASE("interact: the legacy look's dialog JSON carries the cancel request and the legacy modal") {
  const std::string trig = interact::placeholder_trigger(SimContext{}, 1000);
  const std::string open = R"({"trigger_id":")" + trig +
                           R"(","url":"https://e.com/s","dialog":{"title":"T","notify_on_cancel":true,"elements":[]}})";
  DialogOptions o;
  o.look = DialogLook::legacy;
  o.now_millis = 2000;
  DialogCheck d = check_dialog(open, o);
  REQUIRE(d.ok);
  REQUIRE(d.cancel);
  CHECK(d.cancel->body.find("\"cancelled\":true") != std::string::npos);
  const std::string j = dialog_check_to_json(d);
  CHECK(j.find("\"cancel\":{") != std::string::npos);
  CHECK(d.html.find("interactiveDialogModal") != std::string::npos);
  o.now_millis = 1000 + 30001;
  CHECK(check_dialog(open, o).error->id == "interactive_message.decode_trigger_id.expired");
  CHECK(dialog_options_from_json(R"({"look":"legacy"})").look == DialogLook::legacy);
  CHECK(action_click_from_json(R"({"nowMillis":5,"afterResponse":"{}"})").now_millis == 5);
}
