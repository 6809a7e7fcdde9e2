// validation.json cases about request decoding: raw_body (decode level), body+content_type(+query) (HTTP level via
// check() or decode_request with a query) and hook_field limits. Other inputs belong to the process handler.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "decode/json_parse.h"

#include "common/go_format.h"
#include "mmhook/check.h"
#include "decode/request.h"
#include "vectors.h"

namespace mmhook::test {
namespace {

using json::Kind;
using json::Value;

// Canonical spelling for comparisons: sorted keys, numbers as Go marshals float64.
void canon(std::string& out, const Value& v) {
  switch (v.kind) {
    case Kind::number: out += detail::go_float(v.number); break;
    case Kind::array:
      out += "[";
      for (std::size_t i = 0; i < v.array.size(); ++i) { if (i) out += ","; canon(out, v.array[i]); }
      out += "]";
      break;
    case Kind::object: {
      std::vector<const json::Member*> ms;
      for (const auto& m : v.object) ms.push_back(&m);
      std::stable_sort(ms.begin(), ms.end(), [](auto* a, auto* b) { return a->key < b->key; });
      out += "{";
      for (std::size_t i = 0; i < ms.size(); ++i) {
        if (i) out += ",";
        json::write_string(out, ms[i]->key);
        out += ":";
        canon(out, ms[i]->value);
      }
      out += "}";
      break;
    }
    default: json::write_to(out, v); break;
  }
}
std::string canon(const Value& v) { std::string s; canon(s, v); return s; }

Value str(const std::string& s) { return Value::from_string(s); }

// The request as the replica printed it: attachments always; other keys only when set.
Value to_value(const Request& r) {
  Value o = Value::make_object();
  if (!r.text.value.empty()) o.set("text", str(r.text.value));
  if (!r.username.value.empty()) o.set("username", str(r.username.value));
  if (!r.icon_url.value.empty()) o.set("icon_url", str(r.icon_url.value));
  if (!r.channel.value.empty()) o.set("channel", str(r.channel.value));
  if (!r.type.value.empty()) o.set("type", str(r.type.value));
  if (!r.icon_emoji.value.empty()) o.set("icon_emoji", str(r.icon_emoji.value));
  if (r.props.is_object()) o.set("props", r.props);
  if (r.priority) {
    Value p = Value::make_object();
    if (r.priority->priority) p.set("priority", str(*r.priority->priority));
    if (r.priority->requested_ack) p.set("requested_ack", Value::from_bool(*r.priority->requested_ack));
    if (r.priority->persistent_notifications)
      p.set("persistent_notifications", Value::from_bool(*r.priority->persistent_notifications));
    o.set("priority", p);
  }
  if (!r.attachments) {
    o.set("attachments", Value{});
    return o;
  }
  Value list = Value::make_array();
  for (const Attachment& a : *r.attachments) {
    Value x = Value::make_object();
    x.set("id", Value::from_number(static_cast<double>(a.id)));
    const std::pair<const char*, const Located<std::string>*> ss[] = {
        {"fallback", &a.fallback}, {"color", &a.color}, {"pretext", &a.pretext}, {"author_name", &a.author_name},
        {"author_link", &a.author_link}, {"author_icon", &a.author_icon}, {"title", &a.title},
        {"title_link", &a.title_link}, {"text", &a.text}, {"image_url", &a.image_url}, {"thumb_url", &a.thumb_url},
        {"footer", &a.footer}, {"footer_icon", &a.footer_icon}};
    for (auto& [k, v] : ss) x.set(k, str(v->value));
    if (a.fields) {
      Value fs = Value::make_array();
      for (const Field& f : *a.fields) {
        Value fv = Value::make_object();
        fv.set("title", str(f.title.value));
        fv.set("value", f.value);
        fv.set("short", Value::from_bool(f.is_short));
        fs.array.push_back(fv);
      }
      x.set("fields", fs);
    } else {
      x.set("fields", Value{});
    }
    x.set("ts", a.ts);
    if (!a.actions.empty()) {
      Value as = Value::make_array();
      for (const Action& ac : a.actions) {
        Value av = Value::make_object();
        const std::pair<const char*, const Located<std::string>*> as2[] = {
            {"id", &ac.id}, {"type", &ac.type}, {"name", &ac.name}, {"tooltip", &ac.tooltip}, {"style", &ac.style},
            {"data_source", &ac.data_source}, {"default_option", &ac.default_option}, {"cookie", &ac.cookie}};
        for (auto& [k, v] : as2)
          if (!v->value.empty()) av.set(k, str(v->value));
        if (ac.disabled.value) av.set("disabled", Value::from_bool(true));
        if (ac.integration.present) {
          Value in = Value::make_object();
          if (!ac.integration.url.empty()) in.set("url", str(ac.integration.url));
          if (ac.integration.context.is_object()) in.set("context", ac.integration.context);
          av.set("integration", in);
        }
        as.array.push_back(av);
      }
      x.set("actions", as);
    }
    list.array.push_back(x);
  }
  o.set("attachments", list);
  return o;
}

std::string fixture(std::string s) {
  const std::pair<std::string, std::string> subs[] = {{"{BasicUser.Username}", "basicuser"},
                                                      {"{BasicChannel.Name}", "town-square"}};
  for (const auto& [from, to] : subs)
    for (std::size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), to);
  return s;
}

std::optional<std::string> content_type_of(const Value& in) {
  const Value* ct = in.find("content_type");
  if (!ct || ct->text == "(none)" || ct->text == "(no Content-Type header)") return std::nullopt;
  return ct->text;
}

std::string body_of(const Value& in, const Value& v, const std::optional<std::string>& ct) {
  if (v.is_string() && v.text == "(over 300512 bytes)") {
    // A valid document that is cut by the limit.
    std::string big = ct && ct->find("form") != std::string::npos ? "payload=" : "";
    big += "{\"text\":\"" + std::string(300600, 'a') + "\"}";
    return big;
  }
  return fixture(expand_repeat(v));
}

std::optional<CaseResult> raw_body_case(const VectorCase& c, const Value& raw) {
  const Value& ex = c.expected;
  const std::string body = expand_repeat(raw);
  Diagnostics diags;
  ServerSettings settings;
  DecodeResult d = decode_request(body, std::nullopt, settings, diags);
  const bool decoded = d.status == 200 && d.request;
  if (const Value* want = ex.find("decodes")) {
    if (want->boolean != decoded)
      return fail(std::string("decodes=") + (decoded ? "true" : "false") + " (" + d.go_error + ")");
  }
  if (const Value* ge = ex.find("go_error")) {
    std::string want = ge->text;
    for (std::size_t p; (p = want.find("main.")) != std::string::npos;) want.replace(p, 5, "model.");
    if (d.go_error != want) return fail("go_error `" + d.go_error + "`, want `" + want + "`");
    if (diags.items().empty()) return fail("no diagnostic for a failed decode");
  }
  if (const Value* http = ex.find("http")) {
    if (const Value* st = http->find("status"); st && d.status != static_cast<int>(st->number))
      return fail("status " + std::to_string(d.status));
    if (const Value* id = http->find("error_id"); id && (!d.error || d.error->id != id->text)) return fail("error id");
    if (const Value* w = http->find("wrapped_message");
        w && (!d.error || d.error->detailed_error.find(w->text) == std::string::npos))
      return fail("detailed_error lacks the wrapped message");
  }
  if (const Value* rep = ex.find("needed_control_char_repair"); rep && rep->boolean != d.control_char_repaired)
    return fail("control-char repair flag differs");
  if (const Value* want = ex.find("request_after_decode")) {
    if (!decoded) return fail("did not decode: " + d.go_error);
    std::string got = canon(to_value(*d.request)), exp = canon(*want);
    if (got != exp) return fail("request " + got + "\n   want " + exp);
  }
  // Mattermost's own tests: text / attachments[0].text / lengths.
  if (const Value* t = ex.find("text")) {
    if (!decoded || d.request->text.value != t->text) return fail("text differs");
  }
  if (const Value* t = ex.find("attachments[0].text")) {
    if (!decoded || !d.request->attachments || d.request->attachments->at(0).text.value != t->text)
      return fail("attachments[0].text differs");
  }
  if (const Value* n = ex.find("attachments_length")) {
    if (!decoded || !d.request->attachments || d.request->attachments->size() != static_cast<std::size_t>(n->number))
      return fail("attachments length differs");
  }
  if (const Value* n = ex.find("attachments[0].fields_length")) {
    const auto& a = d.request->attachments->at(0);
    if (!a.fields || a.fields->size() != static_cast<std::size_t>(n->number)) return fail("fields length differs");
  }
  return pass();
}

std::optional<CaseResult> run(const VectorCase& c) {
  const Value& in = c.input;
  const Value& ex = c.expected;
  if (const Value* raw = in.find("raw_body")) return raw_body_case(c, *raw);
  if (const Value* hf = in.find("hook_field")) {
    const std::string& f = hf->text;
    const std::size_t limit = f == "description" ? 500 : f == "icon_url" ? 1024 : 64;
    bool valid = static_cast<std::size_t>(in.find("length_bytes")->number) <= limit;
    return valid == ex.find("valid")->boolean ? pass() : fail("hook field validity differs");
  }
  const Value* b = in.find("body");
  if (!b) return std::nullopt;
  const std::optional<std::string> ct = content_type_of(in);
  const std::string body = body_of(in, *b, ct);
  if (in.find("query")) {
    // Decode-level expectations of the body-decoding replica.
    Diagnostics diags;
    ServerSettings settings;
    DecodeResult d = decode_request(body, ct, in.find("query")->text, settings, diags);
    if (const Value* by = ex.find("decoded_by")) {
      if (d.status != 200) return fail("status " + std::to_string(d.status) + " (" + d.go_error + ")");
      if (d.decoded_by != by->text) return fail("decoded_by " + d.decoded_by);
      if (const Value* t = ex.find("text"); t && t->is_string() && d.request->text.value != t->text)
        return fail("text `" + d.request->text.value + "`");
      if (const Value* mf = ex.find("multipart_form"); mf && mf->is_object())
        for (const auto& m : mf->object)
          if (m.key == "text" && d.request->text.value != m.value.array.at(0).text) return fail("multipart text");
      return pass();
    }
    if (const Value* st = ex.find("status"); st && d.status != static_cast<int>(st->number))
      return fail("status " + std::to_string(d.status));
    if (const Value* id = ex.find("outer_error_id"); id && (!d.error || d.error->id != id->text))
      return fail("error id " + (d.error ? d.error->id : std::string("(none)")));
    if (const Value* gd = ex.find("go_detail"); gd && d.go_error.find(gd->text) == std::string::npos)
      return fail("go detail `" + d.go_error + "`");
    if (diags.items().empty()) return fail("no diagnostic");
    return pass();
  }
  CheckRequest req;
  req.content_type = ct;
  // The upstream test fixture's directory: the team's channels and its basic user.
  req.settings.known_channels = std::vector<std::string>{"town-square", "off-topic"};
  req.settings.known_users = std::vector<std::string>{"basicuser"};
  Report r = check(body, req);
  const Value* st = ex.find("status");
  if (!st) return std::nullopt;
  if (st->is_string()) {  // "not 200"
    return r.status != 200 ? pass() : fail("status 200, want an error");
  }
  return r.status == static_cast<int>(st->number)
             ? pass()
             : fail("status " + std::to_string(r.status) + (r.error ? " " + r.error->id + " " + r.error->detailed_error : ""));
}

const bool registered = register_vector_handler("validation.json", run);

}  // namespace
}  // namespace mmhook::test

