// The integration's answer to a click (spec interactivity §3): decoding as Go's json.Unmarshal, `update` with its
// merge rules, the ephemeral reply.
#include <string>

#include "decode/json_parse.h"
#include "decode/typed_decoder.h"
#include "interact/common.h"
#include "interact/internal.h"
#include "render/render.h"
#include "translate/slack.h"
#include "translate/stored.h"

namespace mmhook {
namespace {

using namespace interact;

constexpr std::size_t kMaxResponse = 1048576;

// Go's decoding of one value into a field of that kind: null is always accepted.
bool fits(const json::Value& v, Want w) {
  if (v.is_null() || w == Want::any) return true;
  switch (w) {
    case Want::string: return v.is_string();
    case Want::boolean: return v.kind == json::Kind::boolean;
    case Want::object: return v.is_object();
    case Want::array: return v.is_array();
    case Want::int64: {
      if (v.kind != json::Kind::number) return false;
      for (char ch : v.text) if (ch == '.' || ch == 'e' || ch == 'E') return false;
      return v.number >= -9.2e18 && v.number <= 9.2e18;
    }
    case Want::string_array: {
      if (!v.is_array()) return false;
      for (const json::Value& e : v.array) if (!e.is_string() && !e.is_null()) return false;
      return true;
    }
    default: return true;
  }
}

struct FieldSpec {
  std::string_view name;
  Want want;
};

// model.Post's JSON fields (v11.6) and the kinds Go decodes them into.
constexpr FieldSpec kPostFields[] = {
    {"id", Want::string}, {"create_at", Want::int64}, {"update_at", Want::int64}, {"edit_at", Want::int64},
    {"delete_at", Want::int64}, {"is_pinned", Want::boolean}, {"user_id", Want::string}, {"channel_id", Want::string},
    {"root_id", Want::string}, {"original_id", Want::string}, {"message", Want::string}, {"type", Want::string},
    {"props", Want::object}, {"hashtags", Want::string}, {"file_ids", Want::string_array},
    {"pending_post_id", Want::string}, {"has_reactions", Want::boolean}, {"remote_id", Want::string},
    {"reply_count", Want::int64}, {"last_reply_at", Want::int64}, {"participants", Want::array},
    {"is_following", Want::boolean}, {"metadata", Want::object}};

// Why Go fails to decode `a` into a MessageAttachment, or "" when it decodes.
std::string attachment_problem(const json::Value& a) {
  if (a.is_null()) return "";
  if (!a.is_object()) return "it is " + kind_name(a) + ", not an object";
  static constexpr FieldSpec fields[] = {
      {"id", Want::int64}, {"fallback", Want::string}, {"color", Want::string}, {"pretext", Want::string},
      {"author_name", Want::string}, {"author_link", Want::string}, {"author_icon", Want::string},
      {"title", Want::string}, {"title_link", Want::string}, {"text", Want::string}, {"image_url", Want::string},
      {"thumb_url", Want::string}, {"footer", Want::string}, {"footer_icon", Want::string},
      {"fields", Want::array}, {"actions", Want::array}};
  for (const FieldSpec& f : fields) {
    const json::Value* v = go_field(a, f.name);
    if (v && !fits(*v, f.want)) return "`" + std::string(f.name) + "` is " + kind_name(*v) + ", not " + want_name(f.want);
  }
  if (const json::Value* fl = go_field(a, "fields"); fl && fl->is_array()) {
    for (const json::Value& f : fl->array) {
      if (f.is_null()) continue;
      if (!f.is_object()) return "a field is " + kind_name(f) + ", not an object";
      if (const json::Value* t = go_field(f, "title"); t && !fits(*t, Want::string)) return "a field's `title` is not a string";
      if (const json::Value* s = go_field(f, "short"); s && !s->is_null()) {
        bool ok = s->kind == json::Kind::boolean;
        if (s->is_string()) { std::string l = fold_key(s->text); ok = l == "true" || l == "false"; }
        if (!ok) return "a field's `short` is neither a boolean nor \"true\"/\"false\"";
      }
    }
  }
  if (const json::Value* acts = go_field(a, "actions"); acts && acts->is_array()) {
    static constexpr FieldSpec af[] = {
        {"id", Want::string}, {"type", Want::string}, {"name", Want::string}, {"disabled", Want::boolean},
        {"style", Want::string}, {"data_source", Want::string}, {"options", Want::array},
        {"default_option", Want::string}, {"integration", Want::object}, {"cookie", Want::string}, {"tooltip", Want::string}};
    for (const json::Value& act : acts->array) {
      if (act.is_null()) continue;
      if (!act.is_object()) return "an action is " + kind_name(act) + ", not an object";
      for (const FieldSpec& f : af) {
        const json::Value* v = go_field(act, f.name);
        if (v && !fits(*v, f.want)) return "an action's `" + std::string(f.name) + "` is " + kind_name(*v) + ", not " + want_name(f.want);
      }
      if (const json::Value* opts = go_field(act, "options"); opts && opts->is_array())
        for (const json::Value& o : opts->array) {
          if (o.is_null()) continue;
          if (!o.is_object()) return "an action option is not an object";
          for (std::string_view k : {"text", "value"})
            if (const json::Value* v = go_field(o, k); v && !fits(*v, Want::string)) return "an action option's `" + std::string(k) + "` is not a string";
        }
      if (const json::Value* in = go_field(act, "integration"); in && in->is_object()) {
        if (const json::Value* u = go_field(*in, "url"); u && !fits(*u, Want::string)) return "an action's integration `url` is not a string";
        if (const json::Value* c = go_field(*in, "context"); c && !fits(*c, Want::object)) return "an action's integration `context` is not an object";
      }
    }
  }
  return "";
}

Report fail(Report r, Diagnostics& diags, std::string_view response, ErrorBody e, int status) {
  r.ok = false;
  r.status = status;
  r.error = std::move(e);
  r.posts.clear();
  r.diagnostics = std::move(diags).finish(response);
  return r;
}

ErrorBody integration_error(std::string detail) {
  return {"api.post.do_action.action_integration.app_error", "Action integration error.", std::move(detail)};
}

// The answer's top-level members: update, ephemeral_text, skip_slack_parsing; whether any has the wrong type.
struct Answer {
  const json::Value* update = nullptr;
  const json::Value* eph = nullptr;
  const json::Value* skip = nullptr;
  const json::Member* em = nullptr;
  bool type_error = false;
};

// Reads the answer's members with their types (any mismatch fails the whole decode) and notes the keys the
// server ignores.
Answer read_answer(const json::Value& root, Diagnostics& diags) {
  Answer a;
  auto check_type = [&](const json::Value* v, Want w, const std::string& path, std::string_view label) {
    if (v && !fits(*v, w)) {
      diags.add(Code::interact_response_type, path, v->offset, {std::string(label), want_name(w), kind_name(*v)});
      a.type_error = true;
    }
  };
  a.update = go_field(root, "update");
  a.eph = go_field(root, "ephemeral_text", &a.em);
  a.skip = go_field(root, "skip_slack_parsing");
  const json::Value* update = a.update;
  check_type(update, Want::object, "/update", "update");
  check_type(a.eph, Want::string, "/ephemeral_text", "ephemeral_text");
  check_type(a.skip, Want::boolean, "/skip_slack_parsing", "skip_slack_parsing");
  if (update && update->is_object()) {
    for (const FieldSpec& f : kPostFields) {
      const json::Member* m = nullptr;
      const json::Value* v = go_field(*update, f.name, &m);
      if (v) check_type(v, f.want, "/update/" + pointer_token(m->key), "update." + std::string(f.name));
    }
  }
  for (const json::Member& m : root.object) {
    const std::string path = "/" + pointer_token(m.key);
    if (go_key_is(m.key, {"update", "ephemeral_text", "skip_slack_parsing"})) continue;
    if (go_key_is(m.key, {"goto_location"}))
      diags.add(Code::interact_response_ignored_key, path, m.key_offset, {clip(m.key), " (goto_location exists only in slash-command responses)"});
    else if (go_key_is(m.key, {"text", "attachments"}))
      diags.add(Code::interact_response_ignored_key, path, m.key_offset, {clip(m.key), "; put the new message and attachments in `update` (message, props.attachments)"});
    else if (go_key_is(m.key, {"response_type", "replace_original", "delete_original", "response_url"}))
      diags.add(Code::interact_response_ignored_key, path, m.key_offset, {clip(m.key), "; there is no response_url: answer with `update` or `ephemeral_text`"});
    else
      diags.add(Code::interact_response_unknown_key, path, m.key_offset, {clip(m.key)});
  }
  return a;
}

// update's keys beyond message/props/metadata: file_ids replaces the files; the other Post fields are ignored (§3.2).
void update_key_notes(const json::Value& update, Diagnostics& diags) {
  for (const json::Member& m : update.object) {
    if (go_key_is(m.key, {"file_ids"}) && m.value.is_array())
      diags.add(Code::interact_update_file_ids, "/update/" + pointer_token(m.key), m.key_offset, {std::to_string(m.value.array.size())});
    if (go_key_is(m.key, {"message", "props", "file_ids", "metadata"})) continue;
    bool known = false;
    for (const FieldSpec& f : kPostFields) known |= go_key_is(m.key, {f.name});
    if (known) diags.add(Code::interact_update_ignored_key, "/update/" + pointer_token(m.key), m.key_offset, {clip(m.key)});
    else diags.add(Code::interact_response_unknown_key, "/update/" + pointer_token(m.key), m.key_offset, {"update." + clip(m.key)});
  }
}

// The props the update stores: the answer's, with from_webhook and the overrides kept from the original post,
// the removed keys dropped, and attachments the server refuses left out.
json::Value updated_props(const json::Value& props_in, const std::string& key, const json::Value& original_props,
                          const ActionClick& click, Diagnostics& diags) {
  const json::Value* props = &props_in;
  json::Value np = go_normalise(*props);
  for (std::string_view k : {"from_webhook", "override_username", "override_icon_url"}) {
    np.erase(k);
    if (const json::Value* ov = original_props.find(k)) np.set(std::string(k), detail::deep_copy(*ov));
  }
  for (std::string_view k : {"add_channel_member", "force_notification", "channel_mentions"}) np.erase(k);
  if (json::Value* atts = np.find("attachments"); atts && atts->is_array()) {
    json::Value kept = json::Value::make_array();
    const json::Value* src = go_field(*props, "attachments");
    for (std::size_t i = 0; i < atts->array.size(); ++i) {
      std::string why = attachment_problem(atts->array[i]);
      if (why.empty()) { kept.array.push_back(std::move(atts->array[i])); continue; }
      std::size_t off = src && src->is_array() && i < src->array.size() ? src->array[i].offset : props->offset;
      diags.add(Code::interact_update_attachment_dropped, "/update/" + pointer_token(key) + "/attachments/" + std::to_string(i), off,
                {std::to_string(i), why});
    }
    generate_action_ids(kept, click.post_index);
    np.set("attachments", std::move(kept));
  }
  std::string lost, effect;
  auto had = [&](std::string_view k) { return original_props.find(k) && !np.find(k); };
  if (had("attachments")) { lost = "`attachments`"; effect = "the attachments and their buttons disappear"; }
  for (std::string_view k : {"webhook_display_name", "override_icon_emoji", "card"})
    if (had(k)) { lost += (lost.empty() ? "`" : ", `") + std::string(k) + "`"; if (effect.empty()) effect = "they are gone"; }
  if (!lost.empty()) diags.add(Code::interact_update_props_drop, "/update/" + pointer_token(key), props->offset, {lost, effect});
  return np;
}

// The ephemeral post the clicking user sees for ephemeral_text, drawn as the original post's author.
Post ephemeral_post(const Answer& a, const std::string& channel, const json::Value& original_props,
                    const CheckRequest& req, const ActionClick& click, Diagnostics& diags) {
  const json::Value* eph = a.eph;
  const json::Value* skip = a.skip;
  const bool skip_parsing = skip && skip->kind == json::Kind::boolean && skip->boolean;
  Post e;
  e.type = "system_ephemeral";
  e.channel = channel;
  e.message = skip_parsing ? eph->text : convert_attachment_links(eph->text);
  e.props = json::Value::make_object();
  for (std::string_view k : {"from_webhook", "override_username", "override_icon_url"})
    if (const json::Value* ov = original_props.find(k)) e.props.set(std::string(k), detail::deep_copy(*ov));
  const json::Value* ou = original_props.find("override_username");
  SimContext ctx = click.context;
  e.username = ou && ou->is_string() && !ou->text.empty() && req.settings.enable_post_username_override ? ou->text : ctx.user_name;
  const json::Value* oi = original_props.find("override_icon_url");
  if (oi && oi->is_string() && !oi->text.empty() && req.settings.enable_post_icon_override) e.icon_url = oi->text;
  e.bot_tag = original_props.find("from_webhook") != nullptr;
  e.html = "<div class=\"mm-ephemeral\">" + render_post(e, req.settings) +
           "<div class=\"mm-ephemeral__note\">(Only visible to you)</div></div>";
  diags.add(Code::interact_ephemeral, "/" + pointer_token(a.em->key), eph->offset,
            {skip_parsing ? std::string(" (skip_slack_parsing: <url|text> stays literal)") : std::string(" (<url|text> links become Markdown links)")});
  return e;
}

}  // namespace

Report apply_action_response(std::string_view body, const CheckRequest& req, std::string_view response,
                             const ActionClick& click) {
  Report out;
  Diagnostics diags;
  ClickTarget t;
  {
    Diagnostics click_diags;
    find_click(body, req, click, click_diags, t, true);
    if (t.status != 200) {
      // The click fails before the integration is called: its diagnostics (positions into the body dropped).
      for (Diagnostic d : click_diags.items()) { d.offset = 0; diags.add(std::move(d)); }
      out.status = t.status;
      out.error = t.error;
      out.diagnostics = std::move(diags).finish(response);
      return out;
    }
  }
  Post post = *t.post;
  const json::Value original_props = detail::deep_copy(post.props);
  out.status = 200;
  out.ok = true;

  std::string_view text = response;
  if (text.size() > kMaxResponse) text = text.substr(0, kMaxResponse);
  if (response.empty()) {
    diags.add(Code::interact_response_empty, "", 0, {"is empty"});
    out.posts.push_back(std::move(post));
    out.diagnostics = std::move(diags).finish(response);
    return out;
  }
  detail::JsonParseResult p = detail::parse_json_go(text);
  if (p.ok) {
    std::size_t i = p.end;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    if (i < text.size()) {
      p.ok = false;
      p.error = "invalid character " + detail::go_quote_char(static_cast<unsigned char>(text[i])) + " after top-level value";
      p.error_offset = i;
    }
  }
  if (!p.ok) {
    std::string msg = p.empty ? "unexpected end of JSON input" : p.error;
    if (response.size() > kMaxResponse) msg += "; the answer is longer than 1 MiB and was cut after 1048576 bytes";
    diags.add(Code::interact_response_json, "", p.empty ? 0 : p.error_offset, {msg});
    return fail(std::move(out), diags, response, integration_error(msg), 400);
  }
  json::Value& root = p.value;
  struct Guard { json::Value& v; ~Guard() { detail::dismantle(v); } } guard{root};
  if (std::size_t d = depth_of(root); d > kMaxDepth) {
    diags.add(Code::interact_too_deep, "", 0, {std::to_string(d), std::to_string(kMaxDepth)});
    out.ok = false;
    out.status = 0;
    out.diagnostics = std::move(diags).finish(response);
    return out;
  }
  if (root.is_null() || (root.is_object() && root.object.empty())) {
    diags.add(Code::interact_response_empty, "", root.offset, {root.is_null() ? "is null" : "is {}"});
    out.posts.push_back(std::move(post));
    out.diagnostics = std::move(diags).finish(response);
    return out;
  }
  if (!root.is_object()) {
    diags.add(Code::interact_response_type, "", root.offset, {"the answer", "an object", kind_name(root)});
    return fail(std::move(out), diags, response, integration_error("json: cannot unmarshal into PostActionIntegrationResponse"), 400);
  }

  // Types first: any mismatch fails the whole decode.
  const Answer answer = read_answer(root, diags);
  const json::Value* update = answer.update;
  const json::Value* eph = answer.eph;
  const bool type_error = answer.type_error;
  if (type_error) return fail(std::move(out), diags, response, integration_error("json: cannot unmarshal the answer"), 400);

  bool updated_ok = true;
  if (update && update->is_object()) {
    const json::Value* msg = go_field(*update, "message");
    if (!msg || msg->is_null()) diags.add(Code::interact_update_message_omitted, "/update", update->offset);
    std::string message = msg && msg->is_string() ? msg->text : std::string();
    const std::size_t runes = json::rune_count(message);
    const std::size_t max = req.settings.max_post_size > 0 ? static_cast<std::size_t>(req.settings.max_post_size) : 16383;
    if (runes > max) {
      diags.add(Code::interact_update_too_long, "/update/message", msg->offset, {std::to_string(runes), std::to_string(max)});
      if (eph && eph->is_string() && !eph->text.empty()) diags.add(Code::interact_ephemeral_skipped, "/ephemeral_text", eph->offset);
      return fail(std::move(out), diags, response,
                  {"model.post.is_valid.message_length.app_error", "Post Message property is longer than the maximum permitted length.", ""}, 400);
    }
    for (std::string_view lit : {"<http", "<mailto:", "<!channel>", "<!here>", "<!all>", "<@"}) {
      if (message.find(lit) != std::string::npos && (lit != "<http" || convert_attachment_links(message) != message)) {
        diags.add(Code::interact_update_slack_literal, "/update/message", msg->offset, {std::string(lit) + (lit == "<http" ? "…|…>" : "")});
        break;
      }
    }
    update_key_notes(*update, diags);
    post.message = message;
    const json::Member* pm = nullptr;
    const json::Value* props = go_field(*update, "props", &pm);
    if (!props || props->is_null()) {
      diags.add(Code::interact_update_props_kept, "/update", update->offset);
    } else {
      json::Value np = updated_props(*props, pm->key, original_props, click, diags);
      post.props = std::move(np);
    }
    post.html = render_post(post, req.settings);
  }
  out.posts.push_back(std::move(post));

  if (updated_ok && eph && eph->is_string() && !eph->text.empty()) {
    Post e = ephemeral_post(answer, out.posts[0].channel, original_props, req, click, diags);
    out.posts.push_back(std::move(e));
  }
  out.diagnostics = std::move(diags).finish(response);
  return out;
}

}  // namespace mmhook
