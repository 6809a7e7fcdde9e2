// attachments.json: IsValid tables (rules.h), ParseMessageAttachment, SlackCompatibleBool and field-value
// stringification through the decoder, channel mentions. Field-table layout cases belong to the renderer.
#include <initializer_list>
#include <string>
#include <utility>

#include "decode/request.h"
#include "validate/rules.h"
#include "translate/slack.h"
#include "translate/stored.h"
#include "vectors.h"

namespace mmhook::test {
namespace {

std::string s_of(const json::Value* v) { return (v && v->is_string()) ? v->text : std::string(); }
Located<std::string> loc_of(const json::Value& o, const char* k) {
  Located<std::string> l;
  if (const json::Value* v = o.find(k)) {
    l.present = true;
    l.value = s_of(v);
  }
  return l;
}
// Each listed string member of `dst` read from the same key of `o`.
template <class T>
void strings_from(T& dst, const json::Value& o, std::initializer_list<std::pair<const char*, Located<std::string> T::*>> members) {
  for (const auto& [key, member] : members) dst.*member = loc_of(o, key);
}

Action action_from(const json::Value& o) {
  Action a;
  strings_from(a, o, {
                         {"id", &Action::id},
                         {"type", &Action::type},
                         {"name", &Action::name},
                         {"style", &Action::style},
                         {"data_source", &Action::data_source},
                         {"default_option", &Action::default_option},
                     });
  if (const json::Value* d = o.find("disabled")) a.disabled.value = d->boolean;
  if (const json::Value* opts = o.find("options"); opts && opts->is_array()) {
    a.options.emplace();
    for (const auto& e : opts->array) {
      if (e.is_null()) a.options->push_back(std::nullopt);
      else a.options->push_back(ActionOption{s_of(e.find("text")), s_of(e.find("value")), 0});
    }
  }
  if (const json::Value* in = o.find("integration"); in && in->is_object()) {
    a.integration.present = true;
    a.integration.url = s_of(in->find("url"));
  }
  return a;
}

Attachment attachment_from(const json::Value& o) {
  Attachment a;
  strings_from(a, o, {
                         {"color", &Attachment::color},
                         {"author_name", &Attachment::author_name},
                         {"author_link", &Attachment::author_link},
                         {"author_icon", &Attachment::author_icon},
                         {"title", &Attachment::title},
                         {"title_link", &Attachment::title_link},
                         {"text", &Attachment::text},
                         {"pretext", &Attachment::pretext},
                         {"image_url", &Attachment::image_url},
                         {"thumb_url", &Attachment::thumb_url},
                         {"footer_icon", &Attachment::footer_icon},
                     });
  if (const json::Value* ts = o.find("ts")) a.ts = *ts;
  if (const json::Value* fs = o.find("fields"); fs && fs->is_array()) {
    a.fields.emplace();
    for (const auto& f : fs->array) {
      if (f.is_null()) continue;
      Field fld;
      fld.title = loc_of(f, "title");
      if (const json::Value* v = f.find("value")) fld.value = *v;
      a.fields->push_back(std::move(fld));
    }
  }
  if (const json::Value* as = o.find("actions"); as && as->is_array())
    for (const auto& e : as->array) a.actions.push_back(action_from(e));
  return a;
}

CaseResult judge(const std::vector<Finding>& found, const json::Value& expected) {
  if (const json::Value* want = expected.find("error_contains")) {
    for (const Finding& f : found)
      if (f.text.find(want->text) != std::string::npos) return pass();
    return fail("no finding contains \"" + want->text + "\" (" + std::to_string(found.size()) + " findings)");
  }
  if (found.empty()) return pass();
  return fail("expected valid, got \"" + found.front().text + "\"");
}

std::optional<CaseResult> run(const VectorCase& c) {
  const json::Value& in = c.input;
  const json::Value& ex = c.expected;
  if (in.find("fields_short")) return std::nullopt;  // layout: the renderer's
  if (const json::Value* a = in.find("attachment")) return judge(attachment_findings(attachment_from(*a)), ex);
  if (const json::Value* a = in.find("action")) return judge(action_findings(action_from(*a)), ex);
  if (const json::Value* o = in.find("option"))
    return judge(option_findings(ActionOption{s_of(o->find("text")), s_of(o->find("value")), 0}), ex);
  if (in.find("post") && in.find("attachments")) {
    // ParseMessageAttachment: nil entries skipped, links converted, type "" -> slack_attachment.
    std::vector<Attachment> list;
    for (const auto& e : in.find("attachments")->array)
      if (!e.is_null()) list.push_back(attachment_from(e));
    parse_attachment_links(list);
    std::string type = s_of(in.find("post")->find("type"));
    if (type.empty()) type = "slack_attachment";
    if (type != s_of(ex.find("post.type"))) return fail("type " + type);
    std::string got = json::write(stored_attachments(list));
    std::string want = json::write(*ex.find("post.props.attachments"));
    if (got != want) return fail("attachments " + got + " want " + want);
    return pass();
  }
  if (const json::Value* fj = in.find("field_json")) {
    std::string body = "{\"text\":\"x\",\"attachments\":[{\"fields\":[" + fj->text + "]}]}";
    Diagnostics d;
    DecodeResult r = decode_request(body, std::string("application/json"), ServerSettings{}, d);
    if (ex.find("decode_error")) return r.status == 400 ? pass() : fail("expected a 400 decode error");
    if (r.status != 200 || !r.request || !r.request->attachments || !(*r.request->attachments)[0].fields)
      return fail("decode failed (status " + std::to_string(r.status) + ")");
    bool got = (*(*r.request->attachments)[0].fields)[0].is_short;
    return got == ex.find("short")->boolean ? pass() : fail("short mismatch");
  }
  if (const json::Value* raw = in.find("raw_body")) {
    Diagnostics d;
    DecodeResult r = decode_request(raw->text, std::string("application/json"), ServerSettings{}, d);
    if (r.status != 200 || !r.request || !r.request->attachments || !(*r.request->attachments)[0].fields)
      return fail("decode failed (status " + std::to_string(r.status) + ")");
    const json::Value& v = (*(*r.request->attachments)[0].fields)[0].value;
    const json::Value* want = ex.find("fields[0].value");
    if (want->is_null()) return v.is_null() ? pass() : fail("expected null, got " + json::write(v));
    return (v.is_string() && v.text == want->text) ? pass() : fail("got " + json::write(v) + " want " + want->text);
  }
  if (const json::Value* atts = in.find("attachments")) {
    std::vector<Attachment> list;
    for (const auto& e : atts->array) list.push_back(attachment_from(e));
    std::vector<std::string> got = channel_mentions_from_attachments(list);
    std::vector<std::string> want;
    for (const auto& e : ex.array) want.push_back(e.text);
    return got == want ? pass() : fail("channel mentions differ");
  }
  if (const json::Value* msg = in.find("message")) {
    std::vector<std::string> got = channel_mentions(msg->text);
    std::vector<std::string> want;
    for (const auto& e : ex.array) want.push_back(e.text);
    return got == want ? pass() : fail("channel mentions differ");
  }
  return std::nullopt;
}

const bool reg = register_vector_handler("attachments.json", run);

}  // namespace
}  // namespace mmhook::test
