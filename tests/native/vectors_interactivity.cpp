// interactivity.json: clicks (simulate_action), the integration's answer (apply_action_response) and dialogs
// (check_dialog), each case naming its section of interactivity.md.
#include <string>

#include "html_check.h"
#include "mmhook/interact.h"
#include "vectors.h"

namespace mmhook::test {
namespace {

std::string text_of(const json::Value& v) { return v.is_string() ? v.text : json::write(v); }

ActionClick click_of(const json::Value& c) {
  ActionClick k;
  if (const json::Value* v = c.find("actionId")) k.action_id = v->text;
  if (const json::Value* v = c.find("selectedOption")) k.selected_option = v->text;
  if (const json::Value* v = c.find("postIndex")) k.post_index = static_cast<std::size_t>(v->number);
  if (const json::Value* v = c.find("nowMillis")) k.now_millis = static_cast<std::int64_t>(v->number);
  if (const json::Value* v = c.find("afterResponse")) k.after_response = v->is_string() ? v->text : json::write(*v);
  if (const json::Value* v = c.find("context")) sim_context_from_json(json::write(*v), k.context);
  return k;
}

std::string codes_of(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const Diagnostic& d : ds) s += d.code + " ";
  return s;
}

std::optional<CaseResult> common(const json::Value& ex, int status, const std::optional<ErrorBody>& error,
                                 const std::vector<Diagnostic>& ds) {
  if (const json::Value* s = ex.find("status"); s && static_cast<int>(s->number) != status)
    return fail("status " + std::to_string(status) + " (" + codes_of(ds) + ")");
  if (const json::Value* id = ex.find("error_id"); id && (!error || error->id != id->text))
    return fail("error id " + (error ? error->id : std::string("none")));
  if (const json::Value* m = ex.find("message"); m && error && error->message != m->text) return fail("error message " + error->message);
  auto has = [&](const std::string& code) {
    for (const Diagnostic& d : ds) if (d.code == code) return true;
    return false;
  };
  if (const json::Value* cs = ex.find("codes"))
    for (const json::Value& c : cs->array) if (!has(c.text)) return fail("missing code " + c.text + " in " + codes_of(ds));
  if (const json::Value* cs = ex.find("absent_codes"))
    for (const json::Value& c : cs->array) if (has(c.text)) return fail("unexpected code " + c.text);
  return std::nullopt;
}

bool messages_have(const std::vector<Diagnostic>& ds, const std::string& html, const std::string& want) {
  for (const Diagnostic& d : ds) if (d.message.find(want) != std::string::npos) return true;
  return html.find(want) != std::string::npos;
}

std::optional<CaseResult> run(const VectorCase& c) {
  const json::Value* kind = c.input.find("kind");
  if (!kind) return std::nullopt;
  const json::Value& ex = c.expected;
  CheckRequest req;
  req.content_type = "application/json";
  if (kind->text == "action") {
    ActionSimulation s = simulate_action(text_of(*c.input.find("payload")), req, click_of(*c.input.find("click")));
    if (auto r = common(ex, s.status, s.error, s.diagnostics)) return r;
    if (ex.find("no_request")) return s.request ? fail("a request was made") : pass();
    if (!s.request) return fail("no request (" + codes_of(s.diagnostics) + ")");
    if (const json::Value* u = ex.find("url"); u && s.request->url != u->text) return fail("url " + s.request->url);
    if (const json::Value* hs = ex.find("headers"))
      for (const json::Member& m : hs->object) {
        bool found = false;
        for (const auto& [k, v] : s.request->headers) found |= k == m.key && v == m.value.text;
        if (!found) return fail("header " + m.key + " missing or different");
      }
    if (const json::Value* tr = ex.find("trigger_id");
        tr && s.request->body.find(",\"trigger_id\":\"" + tr->text + "\"") == std::string::npos)
      return fail("trigger_id not " + tr->text + " in " + s.request->body);
    if (const json::Value* b = ex.find("body_without_trigger")) {
      std::string body = s.request->body;
      std::size_t t = body.find(",\"trigger_id\":\"");
      if (t == std::string::npos) return fail("no trigger_id in " + body);
      std::size_t e = body.find('"', t + 15);
      body.erase(t, e + 1 - t);
      if (body != b->text) return fail("body " + body);
    }
    return pass();
  }
  if (kind->text == "response") {
    const json::Value& rv = *c.input.find("response");
    std::string response;
    if (const json::Value* rep = rv.is_object() ? rv.find("$update_message_repeat") : nullptr) {
      std::string msg;
      for (int i = 0; i < static_cast<int>(rep->array[1].number); ++i) msg += rep->array[0].text;
      response = "{\"update\":{\"message\":\"" + msg + "\"}}";
    } else {
      response = rv.text;
    }
    Report r = apply_action_response(text_of(*c.input.find("payload")), req, response, click_of(*c.input.find("click")));
    if (auto res = common(ex, r.status, r.error, r.diagnostics)) return res;
    if (r.status != 200) return pass();
    if (r.posts.empty()) return fail("no updated post");
    const Post& p = r.posts[0];
    if (std::string h = mmhook::fuzz::html_violation(p.html); !h.empty()) return fail("html: " + h);
    if (const json::Value* m = ex.find("message"); m && p.message != m->text) return fail("message " + p.message);
    if (const json::Value* n = ex.find("attachments")) {
      const json::Value* a = p.props.find("attachments");
      std::size_t got = a && a->is_array() ? a->array.size() : 0;
      if (got != static_cast<std::size_t>(n->number)) return fail("attachments " + std::to_string(got));
    }
    if (const json::Value* ps = ex.find("props"))
      for (const json::Member& m : ps->object) {
        const json::Value* v = p.props.find(m.key);
        if (!v || json::write(*v) != json::write(m.value)) return fail("props." + m.key + " = " + (v ? json::write(*v) : "absent"));
      }
    if (const json::Value* ps = ex.find("props_absent"))
      for (const json::Value& k : ps->array) if (p.props.find(k.text)) return fail("props." + k.text + " present");
    if (const json::Value* e = ex.find("ephemeral_message")) {
      if (r.posts.size() < 2) return fail("no ephemeral post");
      if (r.posts[1].message != e->text) return fail("ephemeral " + r.posts[1].message);
      if (r.posts[1].type != "system_ephemeral") return fail("ephemeral type " + r.posts[1].type);
      if (std::string h = mmhook::fuzz::html_violation(r.posts[1].html); !h.empty()) return fail("ephemeral html: " + h);
    }
    if (const json::Value* ps = ex.find("ephemeral_props")) {
      if (r.posts.size() < 2) return fail("no ephemeral post");
      for (const json::Member& m : ps->object) {
        const json::Value* v = r.posts[1].props.find(m.key);
        if (!v || json::write(*v) != json::write(m.value)) return fail("ephemeral props." + m.key);
      }
    }
    return pass();
  }
  if (kind->text == "dialog") {
    DialogOptions o;
    if (const json::Value* v = c.input.find("values")) o.values = json::write(*v);
    if (const json::Value* v = c.input.find("response")) o.response = v->text;
    if (const json::Value* v = c.input.find("now")) o.now_millis = static_cast<std::int64_t>(v->number);
    if (const json::Value* v = c.input.find("look"); v && v->text == "legacy") o.look = DialogLook::legacy;
    if (const json::Value* v = c.input.find("context")) sim_context_from_json(json::write(*v), o.context);
    DialogCheck d = check_dialog(text_of(*c.input.find("request")), o);
    if (auto r = common(ex, d.status, d.error, d.diagnostics)) return r;
    if (std::string h = mmhook::fuzz::html_violation(d.html); !h.empty()) return fail("html: " + h);
    if (const json::Value* ms = ex.find("messages"))
      for (const json::Value& m : ms->array) if (!messages_have(d.diagnostics, d.html, m.text)) return fail("no message containing: " + m.text);
    if (ex.find("no_submission") && d.submission) return fail("a submission was made");
    if (const json::Value* b = ex.find("submission_body")) {
      if (!d.submission) return fail("no submission (" + codes_of(d.diagnostics) + ")");
      if (d.submission->body != b->text) return fail("submission " + d.submission->body);
    }
    if (const json::Value* b = ex.find("submission_contains")) {
      if (!d.submission) return fail("no submission (" + codes_of(d.diagnostics) + ")");
      if (d.submission->body.find(b->text) == std::string::npos) return fail("submission " + d.submission->body);
    }
    if (const json::Value* b = ex.find("cancel_body"); b && (!d.cancel || d.cancel->body != b->text))
      return fail("cancel " + (d.cancel ? d.cancel->body : std::string("none")));
    if (ex.find("no_cancel") && d.cancel) return fail("a cancel request was made");
    if (const json::Value* o2 = ex.find("outcome_contains"); o2 && (!d.outcome || d.outcome->find(o2->text) == std::string::npos))
      return fail("outcome " + d.outcome.value_or("none"));
    if (const json::Value* hs = ex.find("html_contains"))
      for (const json::Value& h : hs->array) if (d.html.find(h.text) == std::string::npos) return fail("html lacks " + h.text);
    if (const json::Value* hs = ex.find("html_absent"))
      for (const json::Value& h : hs->array) if (d.html.find(h.text) != std::string::npos) return fail("html has " + h.text);
    return pass();
  }
  return std::nullopt;
}

const bool registered = register_vector_handler("interactivity.json", run);

}  // namespace
}  // namespace mmhook::test
