#include <doctest/doctest.h>

#include "mmhook/check.h"
#include "validate/process.h"

using namespace mmhook;

namespace {
Located<std::string> L(std::string v, std::size_t off = 0) {
  Located<std::string> l;
  l.value = std::move(v);
  l.present = true;
  l.offset = off;
  return l;
}
const Diagnostic* find(const std::vector<Diagnostic>& ds, std::string_view code) {
  for (const auto& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}
struct Run {
  ProcessResult r;
  std::vector<Diagnostic> diags;
};
Run run(const Request& req, const ServerSettings& s = {}) {
  Diagnostics d;
  Run out;
  out.r = process_request(req, s, "application/json", d);
  out.diags = std::move(d).finish("");
  return out;
}
Attachment att(std::string text) {
  Attachment a;
  a.text = L(std::move(text));
  return a;
}
}  // namespace

TEST_CASE("process: empty text without attachments is 400 No text specified, wrapped") {
  Request req;
  Run x = run(req);
  CHECK(x.r.status == 400);
  REQUIRE(x.r.error);
  CHECK(x.r.error->id == "web.incoming_webhook.general.app_error");
  CHECK(x.r.error->message ==
        "Failed to handle the payload of media type application/json for incoming webhook xxxxxxxxxxxxxxxxxxxxxxxxxx.");
  CHECK(x.r.error->detailed_error == "HandleIncomingWebhook: No text specified.");
  REQUIRE(x.r.inner);
  CHECK(x.r.inner->id == "web.incoming_webhook.text.app_error");
  CHECK(find(x.diags, "text.missing"));
  CHECK(x.r.posts.empty());
}

TEST_CASE("process: whitespace text counts; props.attachments alone does not") {
  Request req;
  req.text = L("  ");
  CHECK(run(req).r.status == 200);
  Request req2;
  req2.props = json::Value::make_object();
  req2.props.set("attachments", json::Value::make_array());
  Run x = run(req2);
  CHECK(x.r.status == 400);
  CHECK(find(x.diags, "props.attachments_dropped"));
}

TEST_CASE("process: a plain post with defaults") {
  Request req;
  req.text = L("hello");
  Run x = run(req);
  REQUIRE(x.r.status == 200);
  REQUIRE(x.r.posts.size() == 1);
  const Post& p = x.r.posts[0];
  CHECK(p.channel == "town-square");
  CHECK(p.message == "hello");
  CHECK(p.type.empty());
  CHECK(p.username == "webhook-owner");
  CHECK(p.bot_tag);
  CHECK(!p.icon_url);
  CHECK(!p.webhook_logo);
  CHECK(json::write(p.props, {false, true}) == R"({"from_webhook":"true","webhook_display_name":"Incoming Webhook"})");
}

TEST_CASE("process: attachments are stored with every key and force slack_attachment") {
  Request req;
  req.type = L("custom_x");
  Attachment a = att("hi");
  Action act;
  act.name = L("Go");
  act.integration.present = true;
  act.integration.url = "https://example.com/act";
  a.actions.push_back(act);
  req.attachments = std::vector<Attachment>{a};
  Run x = run(req);
  REQUIRE(x.r.status == 200);
  const Post& p = x.r.posts[0];
  CHECK(p.type == "slack_attachment");
  CHECK(find(x.diags, "type.overridden"));
  const json::Value* atts = p.props.find("attachments");
  REQUIRE(atts);
  REQUIRE(atts->array.size() == 1);
  const json::Value& s = atts->array[0];
  CHECK(s.find("id")->text == "0");
  CHECK(s.find("fields")->is_null());
  CHECK(s.find("ts")->is_null());
  CHECK(s.find("color")->text.empty());
  const json::Value& stored_act = s.find("actions")->array[0];
  REQUIRE(stored_act.find("id"));
  CHECK(stored_act.find("id")->text.size() == 26);
  CHECK(stored_act.find("id")->text == "mmhook00000000000000000000");
}

TEST_CASE("process: channel resolution") {
  Request req;
  req.text = L("x");
  req.channel = L("@Bob");
  Run x = run(req);
  REQUIRE(x.r.status == 200);
  CHECK(x.r.posts[0].channel == "@bob");
  CHECK(find(x.diags, "channel.direct_message"));

  req.channel = L("#dev-ops");
  x = run(req);
  CHECK(x.r.posts[0].channel == "dev-ops");
  CHECK(find(x.diags, "channel.other"));

  req.channel = L("~town-square");
  x = run(req);
  CHECK(find(x.diags, "channel.tilde"));

  req.channel = L("Town Square");
  x = run(req);
  CHECK(find(x.diags, "channel.not_a_name"));

  req.channel = L("@bad name");
  x = run(req);
  CHECK(x.r.status == 400);
  CHECK(find(x.diags, "channel.user_invalid"));

  ServerSettings s;
  s.hook.channel_locked = true;
  req.channel = L("other");
  x = run(req, s);
  CHECK(x.r.status == 403);
  CHECK(x.r.inner->id == "web.incoming_webhook.channel_locked.app_error");
  req.channel = L("#town-square");
  CHECK(run(req, s).r.status == 200);
}

TEST_CASE("process: overrides follow the settings") {
  Request req;
  req.text = L("x");
  req.username = L("Deploy Bot");
  req.icon_url = L("ftp://example.com/i.png");
  req.icon_emoji = L(":smile:");
  Run off = run(req);
  REQUIRE(off.r.status == 200);
  CHECK(off.r.posts[0].username == "webhook-owner");
  CHECK(!off.r.posts[0].props.find("override_username"));
  CHECK(find(off.diags, "override.username_off"));
  CHECK(find(off.diags, "override.icon_off"));
  CHECK(find(off.diags, "override.icon_url_invalid"));
  CHECK(!off.r.posts[0].icon_emoji);

  ServerSettings s;
  s.enable_post_username_override = true;
  s.enable_post_icon_override = true;
  Run on = run(req, s);
  const Post& p = on.r.posts[0];
  CHECK(p.username == "Deploy Bot");
  CHECK(p.props.find("override_username")->text == "Deploy Bot");
  CHECK(p.props.find("override_icon_url")->text == "ftp://example.com/i.png");
  CHECK(p.props.find("override_icon_emoji")->text == ":smile:");
  CHECK(p.icon_emoji == std::optional<std::string>("smile"));

  Request plain;
  plain.text = L("x");
  Run logo = run(plain, s);
  CHECK(logo.r.posts[0].username == "webhook");
  CHECK(logo.r.posts[0].webhook_logo);
  CHECK(!logo.r.posts[0].icon_url);
  CHECK(find(logo.diags, "override.default_username"));
}

TEST_CASE("process: priority rules") {
  Request req;
  req.text = L("x @alice");
  req.priority = Priority{};
  Run x = run(req);
  CHECK(x.r.status == 400);
  CHECK(x.r.inner->message == "Invalid webhook.priority.priority parameter.");
  CHECK(x.r.error->detailed_error ==
        "CreateWebhookPost: Invalid webhook.priority.priority parameter., Setting the priority of a post is required to use priority.");

  req.priority->priority = "high";
  req.priority->persistent_notifications = true;
  x = run(req);
  CHECK(x.r.status == 200);
  CHECK(find(x.diags, "priority.no_label"));
  CHECK(find(x.diags, "priority.persistent_not_urgent"));

  req.priority->priority = std::string(33, 'u');
  x = run(req);
  CHECK(x.r.status == 500);
  CHECK(find(x.diags, "priority.too_long"));

  req.priority->priority = "urgent";
  req.text = L("no mentions here");
  x = run(req);
  CHECK(x.r.status == 500);
  CHECK(find(x.diags, "priority.persistent_recipients"));
}

TEST_CASE("process: post types") {
  Request req;
  req.text = L("x");
  req.type = L("system_generic");
  CHECK(run(req).r.status == 400);
  req.type = L("junk");
  Run x = run(req);
  CHECK(x.r.status == 500);
  CHECK(x.r.error->detailed_error == "CreateWebhookPost: Error creating post., err=Invalid type.");
  CHECK(find(x.diags, "type.invalid"));
  req.type = L("custom_thing");
  x = run(req);
  CHECK(x.r.status == 200);
  CHECK(x.r.posts[0].type == "custom_thing");
  CHECK(find(x.diags, "type.custom"));
}

TEST_CASE("process: props copy rules") {
  Request req;
  req.text = L("x");
  req.props = json::Value::make_object();
  req.props.set("from_webhook", json::Value::from_string("false"));
  req.props.set("override_username", json::Value::from_string("evil"));
  req.props.set("override_icon_emoji", json::Value::from_string("fire"));
  req.props.set("card", json::Value::from_string("**card**"));
  req.props.set("add_channel_member", json::Value::from_string("x"));
  req.props.set("channel_mentions", json::Value::make_object());
  req.props.set("webhook_display_name", json::Value::from_string("mine"));
  req.props.set("from_bot", json::Value::from_string("false"));
  req.props.set("n", json::Value::from_number(1e21));
  Run x = run(req);
  REQUIRE(x.r.status == 200);
  const json::Value& p = x.r.posts[0].props;
  CHECK(p.find("from_webhook")->text == "true");
  CHECK(!p.find("override_username"));
  CHECK(p.find("override_icon_emoji")->text == "fire");
  CHECK(p.find("card")->text == "**card**");
  CHECK(!p.find("add_channel_member"));
  CHECK(!p.find("channel_mentions"));
  CHECK(p.find("webhook_display_name")->text == "Incoming Webhook");
  CHECK(p.find("n")->text == "1e+21");
  CHECK(find(x.diags, "props.ignored"));
  CHECK(find(x.diags, "props.override_icon_emoji"));
  CHECK(find(x.diags, "props.card"));
  CHECK(find(x.diags, "props.removed"));
  CHECK(find(x.diags, "props.channel_mentions"));
  CHECK(find(x.diags, "props.overwritten"));
  const Diagnostic* inv = find(x.diags, "props.invalid");
  REQUIRE(inv);
  CHECK(inv->message.find("from_bot prop must be \"true\"") != std::string::npos);
}

TEST_CASE("process: long text is split and warned about") {
  Request req;
  req.text = L(std::string(25, 'a'));
  ServerSettings s;
  s.max_post_size = 10;
  Run x = run(req, s);
  REQUIRE(x.r.status == 200);
  REQUIRE(x.r.posts.size() == 3);
  CHECK(x.r.posts[2].message == "aaaaa");
  const Diagnostic* d = find(x.diags, "split.will_split");
  REQUIRE(d);
  CHECK(d->message.find("0, 10, 20") != std::string::npos);
}

TEST_CASE("process: props too large for a split is a 400 split error") {
  Request req;
  req.text = L("x");
  req.props = json::Value::make_object();
  req.props.set("big", json::Value::from_string(std::string(760001, 'x')));
  Run x = run(req);
  CHECK(x.r.status == 400);
  CHECK(x.r.inner->id == "web.incoming_webhook.split_props_length.app_error");
  CHECK(find(x.diags, "split.props_too_large"));
}

TEST_CASE("process: disabled incoming webhooks answer 501") {
  Request req;
  req.text = L("x");
  ServerSettings s;
  s.enable_incoming_webhooks = false;
  CHECK(run(req, s).r.status == 501);
}

TEST_CASE("process through check(): diagnostics are located in the body") {
  CheckRequest cr;
  cr.content_type = "application/json";
  const std::string body = R"({"text":"hi @channel","attachments":[null,{"color":"blue","fields":[{"title":"n","value":1000000}]}]})";
  Report r = check(body, cr);
  REQUIRE(r.ok);
  const Diagnostic* color = find(r.diagnostics, "attachment.color");
  REQUIRE(color);
  CHECK(color->path == "/attachments/1/color");
  CHECK(color->offset == body.find("\"blue\""));
  const Diagnostic* mention = find(r.diagnostics, "mention.channel_wide");
  REQUIRE(mention);
  CHECK(mention->path == "/text");
  const Diagnostic* expo = find(r.diagnostics, "field.value_exponent");
  REQUIRE(expo);
  CHECK(expo->path == "/attachments/1/fields/0/value");
  CHECK(expo->message.find("1e+06") != std::string::npos);
}

TEST_CASE("process through check(): odd payloads never crash and stay fast") {
  CheckRequest cr;
  cr.content_type = "application/json";
  std::vector<std::string> bodies = {
      R"J({"text":"<!here|here> <#C1|x> <@U1> *b* a < b || c > d","attachments":[{"text":"if(a < b || c > d)","actions":[{"id":"a-b"},{"id":"a-b","type":"select","options":[null]}],"fields":[{"title":"t","value":{"a":1}},{"value":[1,"x"]}],"ts":{"x":1},"image_url":"http://x/y.svg"}],"priority":{"priority":"urgent","persistent_notifications":true,"requested_ack":true},"props":{"card":5,"from_bot":1,"override_icon_url":3},"channel":"~Foo Bar","icon_url":"javascript:x","username":"u"})J",
      R"({"text":"x","channel":"@","type":"system_x"})",
      R"({"TEXT":"x","Props":{"a":1,"a":2},"PRIORITY":{"Priority":"important"}})",
      R"(null)",
  };
  std::string many = R"({"text":"x","props":{)";
  for (int i = 0; i < 20000; ++i) many += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":" + std::to_string(i);
  many += "},\"attachments\":[";
  for (int i = 0; i < 2000; ++i) many += std::string(i ? "," : "") + R"({"text":"t","actions":[{"name":"n"}]})";
  many += "]}";
  bodies.push_back(many);
  for (const auto& b : bodies) {
    Report r = check(b, cr);
    CHECK(r.status >= 200);
  }
}
