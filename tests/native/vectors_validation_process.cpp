// validation.json cases about the server pipeline after decoding: post type, priority, icon overrides,
// props validity and @channel detection. Body/raw_body/hook_field cases belong to the decoder's handler.
#include <string>

#include "validate/process.h"
#include "validate/rules.h"
#include "vectors.h"

namespace mmhook::test {
namespace {

// Mattermost test fixtures written as placeholders in the vectors.
std::string fixture(std::string s) {
  const std::string from = "{BasicUser.Username}";
  for (std::size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), "basicuser");
  return s;
}

Located<std::string> present(std::string v) {
  Located<std::string> l;
  l.value = std::move(v);
  l.present = true;
  return l;
}

std::optional<CaseResult> run(const VectorCase& c) {
  const json::Value& in = c.input;
  const json::Value& ex = c.expected;
  if (in.find("raw_body") || in.find("body") || in.find("hook_field")) return std::nullopt;

  if (const json::Value* t = in.find("post.type")) {
    bool valid = is_valid_post_type(t->text);
    return valid == ex.find("valid")->boolean ? pass() : fail("post type validity differs");
  }
  if (const json::Value* props = in.find("props")) {
    std::vector<std::string> problems = post_props_problems(*props);
    if (const json::Value* want = ex.find("error_contains")) {
      for (const auto& p : problems)
        if (p.find(want->text) != std::string::npos) return pass();
      return fail("no problem contains \"" + want->text + "\"");
    }
    return problems.empty() ? pass() : fail("unexpected problem: " + problems.front());
  }
  if (const json::Value* msg = in.find("message")) {
    auto m = find_at_channel_mention(msg->text);
    bool found = ex.find("found")->boolean;
    if (found != m.has_value()) return fail("found differs");
    if (found && *m != ex.find("mention")->text) return fail("mention " + *m);
    return pass();
  }

  // Whole pipeline on a typed request.
  Request req;
  ServerSettings settings;
  if (const json::Value* cfg = in.find("config")) {
    if (const json::Value* v = cfg->find("EnablePostIconOverride")) settings.enable_post_icon_override = v->boolean;
    if (const json::Value* v = cfg->find("EnablePostUsernameOverride")) settings.enable_post_username_override = v->boolean;
    req.text = present("hello");
  }
  if (const json::Value* v = in.find("text")) req.text = present(fixture(v->text));
  if (const json::Value* v = in.find("type")) req.type = present(v->text);
  if (const json::Value* v = in.find("icon_url")) req.icon_url = present(v->text);
  if (const json::Value* v = in.find("icon_emoji")) {
    if (v->text.find('{') != std::string::npos) return skip("needs the server's custom emoji database");
    req.icon_emoji = present(v->text);
  }
  // "BasicChannel (open)" is the hook's own channel in the upstream test.
  if (const json::Value* v = in.find("priority")) {
    Priority p;
    if (const json::Value* x = v->find("priority")) p.priority = x->text;
    if (const json::Value* x = v->find("requested_ack")) p.requested_ack = x->boolean;
    if (const json::Value* x = v->find("persistent_notifications")) p.persistent_notifications = x->boolean;
    req.priority = p;
  }
  Diagnostics diags;
  ProcessResult r = process_request(req, settings, "application/json", diags);

  if (const json::Value* e = ex.find("error"); e && e->boolean) {
    if (r.status != static_cast<int>(ex.find("status")->number)) return fail("status " + std::to_string(r.status));
    if (!r.inner || r.inner->id != ex.find("error_id")->text) return fail("inner error id differs");
    if (r.inner->message != ex.find("message")->text) return fail("inner message " + r.inner->message);
    if (!r.error || r.error->detailed_error.find(r.inner->message) == std::string::npos)
      return fail("detailed_error lacks the inner message");
    return pass();
  }
  if (r.status != 200 || r.posts.empty()) return fail("status " + std::to_string(r.status));
  const Post& post = r.posts[0];
  if (const json::Value* pr = ex.find("post.metadata.priority")) {
    if (!post.priority) return fail("no priority");
    if (post.priority->priority != pr->find("priority")->text) return fail("priority value");
    if (post.priority->requested_ack != std::optional<bool>(pr->find("requested_ack")->boolean)) return fail("requested_ack");
    if (post.priority->persistent_notifications != std::optional<bool>(pr->find("persistent_notifications")->boolean))
      return fail("persistent_notifications");
  }
  for (const char* key : {"override_icon_url", "override_icon_emoji"}) {
    const json::Value* want = ex.find(std::string("props.") + key);
    if (!want) continue;
    const json::Value* got = post.props.find(key);
    if (!got || got->text != want->text) return fail(std::string("props.") + key);
  }
  if (const json::Value* view = ex.find("client view override_icon_url")) {
    // The emoji image URL is resolved by the renderer's emoji table; here the post carries the emoji name.
    if (ex.find("props.override_icon_emoji")) {
      if (!post.icon_emoji || *post.icon_emoji != "smile") return fail("icon_emoji");
    } else if (!post.icon_url || *post.icon_url != view->text) {
      return fail("icon_url");
    }
  }
  return pass();
}

const bool reg = register_vector_handler("validation.json", run);

}  // namespace
}  // namespace mmhook::test
