// The click on a button or menu of a webhook post (spec interactivity §1, §2): the server's checks and the request
// it POSTs to integration.url.
#include <cmath>
#include <string>

#include "decode/json_parse.h"
#include "interact/common.h"
#include "interact/internal.h"
#include "translate/stored.h"

namespace mmhook {
namespace interact {

bool routable_id(std::string_view id) {
  if (id.empty()) return false;
  for (char ch : id)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) return false;
  return true;
}

std::string str_of(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.is_object() ? obj.find(key) : nullptr;
  return v && v->is_string() ? v->text : std::string();
}

namespace {
// The post after the integration's earlier answer (§3.2) replaces the clicked post in t.report; false when the
// answer was not applied (then t.status/t.error say why and the click is refused as the answer was).
bool apply_earlier_answer(std::string_view body, const CheckRequest& req, const ActionClick& click, Diagnostics& diags,
                          ClickTarget& t) {
  ActionClick first;
  first.post_index = click.post_index;
  first.context = click.context;
  Report r = apply_action_response(body, req, *click.after_response, first);
  if (!r.ok || r.posts.empty()) {
    diags.add(Code::interact_after_refused, "/afterResponse", 0,
              {std::to_string(click.post_index), std::to_string(r.status) + (r.error ? " " + r.error->message : std::string())});
    t.status = r.status;
    t.error = r.error;
    return false;
  }
  t.report.posts[click.post_index] = std::move(r.posts[0]);
  t.post = &t.report.posts[click.post_index];
  return true;
}
}  // namespace

void find_click(std::string_view body, const CheckRequest& req, const ActionClick& click, Diagnostics& diags, ClickTarget& t,
                bool any_action) {
  t.report = check(body, req);
  if (!t.report.ok) {
    diags.add(Code::interact_no_post, "", 0,
              {std::to_string(click.post_index),
               "the webhook request itself is refused (" + std::to_string(t.report.status) +
                   (t.report.error ? " " + t.report.error->id : std::string()) + ")"});
    t.status = 0;
    return;
  }
  if (click.post_index >= t.report.posts.size()) {
    diags.add(Code::interact_no_post, "", 0,
              {std::to_string(click.post_index),
               "the webhook creates " + std::to_string(t.report.posts.size()) + " post(s), numbered from 0"});
    return;
  }
  t.post = &t.report.posts[click.post_index];
  const bool after = click.after_response && apply_earlier_answer(body, req, click, diags, t);
  if (t.status != 0) return;
  detail::JsonParseResult parsed = detail::parse_json_go(body);
  struct Guard { json::Value& v; ~Guard() { detail::dismantle(v); } } guard{parsed.value};
  auto locate = [&](std::size_t i, std::size_t j) -> std::pair<std::string, std::size_t> {
    std::string a = "/attachments/" + std::to_string(i) + "/actions/" + std::to_string(j);
    if (after) return {"/afterResponse/update/props" + a, 0};
    if (parsed.ok) {
      if (auto off = offset_of(parsed.value, a)) return {a, *off};
      if (auto off = offset_of(parsed.value, "/props" + a)) return {"/props" + a, *off};
    }
    return {a, 0};
  };
  if (any_action && click.action_id.empty()) {
    t.status = 200;
    return;
  }
  if (!routable_id(click.action_id)) {
    diags.add(Code::interact_action_id_unroutable, "", 0, {clip(click.action_id)});
    t.status = 404;
    t.error = ErrorBody{"api.context.404.app_error", "Sorry, we could not find the page.", "There doesn't appear to be an api call for the url='/api/v4/posts/" + click.context.post_id + "/actions/" + click.action_id + "'."};
    return;
  }
  const json::Value* atts = t.post->props.find("attachments");
  std::string ids;
  std::size_t count = 0;
  if (atts && atts->is_array()) {
    for (std::size_t i = 0; i < atts->array.size(); ++i) {
      const json::Value* acts = atts->array[i].is_object() ? atts->array[i].find("actions") : nullptr;
      if (!acts || !acts->is_array()) continue;
      for (std::size_t j = 0; j < acts->array.size(); ++j) {
        std::string id = str_of(acts->array[j], "id");
        if (ids.size() < 300) ids += (ids.empty() ? "\"" : ", \"") + clip(id, 40) + "\"";
        if (id != click.action_id) continue;
        if (++count == 1) {
          t.action = &acts->array[j];
          t.attachment_index = i;
          t.action_index = j;
          auto [p, off] = locate(i, j);
          t.path = p;
          t.offset = off;
        }
      }
    }
  }
  if (!t.action) {
    diags.add(Code::interact_action_not_found, "", 0,
              {std::to_string(click.post_index), clip(click.action_id), ids.empty() ? std::string("none (the post has no actions)") : ids});
    t.status = 404;
    t.error = ErrorBody{"api.post.do_action.action_id.app_error", "Invalid action id.", ""};
    return;
  }
  if (count > 1)
    diags.add(Code::interact_action_duplicate, t.path, t.offset,
              {std::to_string(count), clip(click.action_id), std::to_string(t.attachment_index), std::to_string(t.action_index)});
  const json::Value* integ = t.action->find("integration");
  if (!integ || !integ->is_object()) {
    diags.add(Code::interact_action_no_integration, t.path, t.offset, {clip(click.action_id)});
    t.status = 404;
    t.error = ErrorBody{"api.post.do_action.action_id.app_error", "Invalid action id.", ""};
    return;
  }
  t.status = 200;
  return;
}

}  // namespace interact

using namespace interact;

namespace {
// The click context's fields: their key in the integration request and in the simulator's settings object.
struct ContextField {
  std::string_view request_key, settings_key;
  std::string SimContext::*member;
};
constexpr ContextField kContextFields[] = {
    {"user_id", "userId", &SimContext::user_id},           {"user_name", "userName", &SimContext::user_name},
    {"channel_id", "channelId", &SimContext::channel_id},  {"channel_name", "channelName", &SimContext::channel_name},
    {"team_id", "teamId", &SimContext::team_id},           {"team_domain", "teamDomain", &SimContext::team_domain},
    {"post_id", "postId", &SimContext::post_id}};
}  // namespace

namespace {
// What the web app shows for a failed click (§2.7): a button gets a red line under its attachment's actions; a menu
// pick fails without a word (the picked text stays).
void user_sees_failure(const ActionClick& click, const json::Value* action, const std::optional<ErrorBody>& error, Diagnostics& diags) {
  const bool menu = action ? str_of(*action, "type") == "select" : click.selected_option.has_value();
  if (menu) {
    diags.add(Code::interact_user_sees, "", 0, {"nothing: a failed menu pick is only logged and the picked text stays"});
    return;
  }
  const std::string msg = error && !error->message.empty() ? error->message : std::string("Action failed to execute");
  diags.add(Code::interact_user_sees, "", 0, {"a red line under the attachment's buttons: \"" + msg + "\" (cleared on the next click)"});
}
}  // namespace

ActionSimulation simulate_action(std::string_view body, const CheckRequest& req, const ActionClick& click) {
  ActionSimulation s;
  Diagnostics diags;
  ClickTarget t;
  find_click(body, req, click, diags, t);
  s.status = t.status;
  s.error = t.error;
  if (t.status != 200) {
    if (t.status != 0) user_sees_failure(click, t.action, t.error, diags);
    s.diagnostics = std::move(diags).finish(body);
    return s;
  }
  const json::Value& act = *t.action;
  const std::string type = str_of(act, "type");
  const std::string data_source = str_of(act, "data_source");
  const json::Value* disabled = act.find("disabled");
  if (disabled && disabled->kind == json::Kind::boolean && disabled->boolean)
    diags.add(Code::interact_action_disabled, t.path, t.offset, {clip(click.action_id)});
  std::string selected = click.selected_option.value_or("");
  if (type == "select") {
    if (selected.empty()) {
      diags.add(Code::interact_select_no_option, t.path, t.offset, {clip(str_of(act, "name"))});
    } else if (data_source == "users" || data_source == "channels") {
      diags.add(Code::interact_select_id_value, t.path, t.offset,
                {data_source, data_source == "users" ? "user" : "channel", clip(selected)});
    } else {
      const json::Value* opts = act.find("options");
      bool known = false;
      std::string values;
      if (opts && opts->is_array())
        for (const json::Value& o : opts->array) {
          std::string v = str_of(o, "value");
          known |= v == selected;
          if (values.size() < 300) values += (values.empty() ? "\"" : ", \"") + clip(v, 40) + "\"";
        }
      if (!known) diags.add(Code::interact_select_unknown_option, t.path, t.offset, {clip(selected), values.empty() ? "none" : values});
    }
  } else if (!selected.empty()) {
    diags.add(Code::interact_button_option_ignored, t.path, t.offset, {clip(selected)});
    selected.clear();
  }

  const json::Value& integ = *act.find("integration");
  const std::string url = str_of(integ, "url");
  json::Value context = json::Value::make_object();
  if (const json::Value* cv = integ.find("context"); cv && cv->is_object()) context = detail::deep_copy(*cv);
  const bool sel = type == "select" && !selected.empty();
  if (sel) context.set("selected_option", json::Value::from_string(selected));

  SimContext ctx = click.context;
  if (ctx.channel_name.empty()) ctx.channel_name = t.post->channel;
  std::string out = "{";
  auto field = [&](std::string_view k, std::string_view v) {
    if (out.size() > 1) out.push_back(',');
    json::write_string(out, k);
    out.push_back(':');
    json::write_string(out, v, true);
  };
  for (const ContextField& f : kContextFields) field(f.request_key, ctx.*f.member);
  field("trigger_id", placeholder_trigger(ctx, click.now_millis.value_or(0)));
  field("type", type);
  field("data_source", sel ? data_source : std::string());
  if (!context.object.empty()) {
    out += ",\"context\":";
    json::write_to(out, context, json::WriteOptions{true, true});
  }
  out.push_back('}');
  detail::dismantle(context);

  const std::string integ_path = t.path + "/integration/url";
  UrlVerdict v = classify_url(url, ctx, diags, integ_path, t.offset);
  if (v.kind == UrlVerdict::unsupported || v.forbidden) {
    s.status = 400;
    s.error = ErrorBody{"api.post.do_action.action_integration.app_error", "Action integration error.",
                        v.forbidden ? "address forbidden, you may need to set AllowedUntrustedInternalConnections to allow an integration access to your internal network"
                                    : "unsupported protocol scheme"};
  }
  if (v.kind != UrlVerdict::unsupported) s.request = json_post(url, out, v, ctx);
  if (s.status != 200) user_sees_failure(click, t.action, s.error, diags);
  diags.add(Code::interact_assumed_access, "", 0);
  const std::int64_t timeout = ctx.outgoing_timeout_seconds > 0 && ctx.outgoing_timeout_seconds < 30 ? ctx.outgoing_timeout_seconds : 30;
  diags.add(Code::interact_request_limits, t.path, t.offset, {std::to_string(timeout)});
  diags.add(Code::interact_placeholders, "", 0, {"user " + clip(ctx.user_id) + ", channel " + clip(ctx.channel_id) + ", team " + clip(ctx.team_id) + ", post " + clip(ctx.post_id)});
  s.diagnostics = std::move(diags).finish(body);
  return s;
}

std::string action_simulation_to_json(const ActionSimulation& s) {
  std::string out = "{\"status\":" + std::to_string(s.status) + ",\"error\":";
  write_error(out, s.error);
  out += ",\"request\":";
  if (s.request) write_http_request(out, *s.request); else out += "null";
  out += ",\"diagnostics\":";
  write_diagnostics(out, s.diagnostics);
  out.push_back('}');
  return out;
}

namespace {
void read_context(const json::Value& v, SimContext& c);
}

ActionClick action_click_from_json(std::string_view text) {
  ActionClick k;
  detail::JsonParseResult p = detail::parse_json_go(text);
  if (p.ok && p.value.is_object() && depth_of(p.value) <= kMaxDepth) {
    if (const json::Value* v = p.value.find("postIndex"); v && v->kind == json::Kind::number && v->number >= 0 && v->number < 1e9)
      k.post_index = static_cast<std::size_t>(v->number);
    if (const json::Value* v = p.value.find("actionId"); v && v->is_string()) k.action_id = v->text;
    if (const json::Value* v = p.value.find("selectedOption"); v && v->is_string()) k.selected_option = v->text;
    if (const json::Value* v = p.value.find("nowMillis"); v && v->kind == json::Kind::number && v->number >= 0 && v->number < 9e15)
      k.now_millis = static_cast<std::int64_t>(v->number);
    if (const json::Value* v = p.value.find("afterResponse"); v && v->is_string()) k.after_response = v->text;
    if (const json::Value* v = p.value.find("context"); v && v->is_object()) read_context(*v, k.context);
  }
  detail::dismantle(p.value);
  return k;
}

DialogOptions dialog_options_from_json(std::string_view text) {
  DialogOptions o;
  detail::JsonParseResult p = detail::parse_json_go(text);
  if (p.ok && p.value.is_object() && depth_of(p.value) <= kMaxDepth) {
    if (const json::Value* v = p.value.find("values"); v && !v->is_null()) o.values = json::write(*v);
    if (const json::Value* v = p.value.find("response"); v && v->is_string()) o.response = v->text;
    if (const json::Value* v = p.value.find("nowMillis"); v && v->kind == json::Kind::number && std::fabs(v->number) < 9e15)
      o.now_millis = static_cast<std::int64_t>(v->number);
    if (const json::Value* v = p.value.find("look"); v && v->is_string() && v->text == "legacy") o.look = DialogLook::legacy;
    if (const json::Value* v = p.value.find("context"); v && v->is_object()) read_context(*v, o.context);
  }
  detail::dismantle(p.value);
  return o;
}

void sim_context_from_json(std::string_view text, SimContext& c) {
  detail::JsonParseResult p = detail::parse_json_go(text);
  if (p.ok && p.value.is_object()) read_context(p.value, c);
  detail::dismantle(p.value);
}

namespace {
void read_context(const json::Value& obj, SimContext& c) {
  struct { const json::Value& value; } p{obj};
  auto s = [&](std::string_view k, std::string& into) {
    if (const json::Value* v = p.value.find(k); v && v->is_string()) into = v->text;
  };
  for (const ContextField& f : kContextFields) s(f.settings_key, c.*f.member);
  s("siteUrl", c.site_url);
  s("allowedUntrustedInternalConnections", c.allowed_untrusted_internal_connections);
  if (const json::Value* v = p.value.find("outgoingTimeoutSeconds"); v && v->kind == json::Kind::number && v->number >= 1 && v->number < 1e9)
    c.outgoing_timeout_seconds = static_cast<std::int64_t>(v->number);
}
}  // namespace

}  // namespace mmhook
