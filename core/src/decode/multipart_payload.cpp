// multipart/form-data decoding (see multipart_payload.h).
#include "decode/multipart_payload.h"

#include <unordered_map>
#include <vector>

#include "common/go_format.h"
#include "common/server_error.h"
#include "decode/content_type.h"
#include "decode/form.h"
#include "decode/typed_decoder.h"

namespace mmhook {
namespace {

struct SchemaField {
  std::string_view name;     // Go struct field name, lower-cased
  char kind;                 // 's' string, 'b' bool, 'i' int64, 'S' struct, 'L' slice of structs, 'u' unsupported
  int sub;                   // struct table index for 'S'/'L'
};
// 0 IncomingWebhookRequest, 1 MessageAttachment, 2 MessageAttachmentField, 3 PostAction, 4 PostActionOptions,
// 5 PostActionIntegration, 6 PostPriority
const std::vector<SchemaField>& schema_table(int t) {
  static const std::vector<SchemaField> tables[7] = {
      {{"text", 's', -1}, {"username", 's', -1}, {"iconurl", 's', -1}, {"channelname", 's', -1},
       {"attachments", 'L', 1}, {"type", 's', -1}, {"iconemoji", 's', -1}, {"priority", 'S', 6}},
      {{"id", 'i', -1}, {"fallback", 's', -1}, {"color", 's', -1}, {"pretext", 's', -1}, {"authorname", 's', -1},
       {"authorlink", 's', -1}, {"authoricon", 's', -1}, {"title", 's', -1}, {"titlelink", 's', -1},
       {"text", 's', -1}, {"fields", 'L', 2}, {"imageurl", 's', -1}, {"thumburl", 's', -1}, {"footer", 's', -1},
       {"footericon", 's', -1}, {"actions", 'L', 3}},
      {{"title", 's', -1}, {"short", 'b', -1}},
      {{"id", 's', -1}, {"type", 's', -1}, {"name", 's', -1}, {"tooltip", 's', -1}, {"disabled", 'b', -1},
       {"style", 's', -1}, {"datasource", 's', -1}, {"options", 'L', 4}, {"defaultoption", 's', -1},
       {"integration", 'S', 5}, {"cookie", 's', -1}},
      {{"text", 's', -1}, {"value", 's', -1}},
      {{"url", 's', -1}},
      {{"priority", 's', -1}, {"requestedack", 'b', -1}, {"persistentnotifications", 'b', -1}, {"postid", 's', -1},
       {"channelid", 's', -1}},
  };
  return tables[t];
}

bool go_parse_bool(std::string_view s, bool& out) {
  static constexpr std::string_view t[] = {"1", "t", "T", "TRUE", "true", "True"};
  static constexpr std::string_view f[] = {"0", "f", "F", "FALSE", "false", "False"};
  for (auto x : t) if (s == x) { out = true; return true; }
  for (auto x : f) if (s == x) { out = false; return true; }
  return false;
}

// A multipart key resolved against the schema: each field on the way with its index (-1 when not a slice), and
// the table of the last struct or slice.
struct SchemaPath {
  std::vector<std::pair<const SchemaField*, long>> steps;
  int table = 0;
};

// Resolves a dotted key (folded like Gorilla's schema); false for an invalid path. Indexes are capped at 1000.
bool resolve_schema_path(const std::string& key, SchemaPath& out) {
  std::vector<std::string> parts;
  for (std::size_t s = 0;;) {
    std::size_t d = key.find('.', s);
    parts.push_back(fold_key(key.substr(s, d == std::string::npos ? std::string::npos : d - s)));
    if (d == std::string::npos) break;
    s = d + 1;
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const SchemaField* hit = nullptr;
    for (const SchemaField& f : schema_table(out.table))
      if (f.name == parts[i]) hit = &f;
    if (!hit) return false;
    long idx = -1;
    if (hit->kind == 'L') {
      if (++i >= parts.size()) return false;
      std::int64_t v = 0;
      if (!detail::go_parse_int64(parts[i], v)) return false;
      if (v < 0 || v > 1000) return false;
      idx = static_cast<long>(v);
    }
    out.steps.emplace_back(hit, idx);
    if (hit->kind == 'L' || hit->kind == 'S') out.table = hit->sub;
    else if (i + 1 < parts.size()) return false;
  }
  return true;
}

// The structs a key's value lands in, created on the way.
struct SchemaTargets {
  Attachment* att = nullptr;
  Field* fld = nullptr;
  Action* act = nullptr;
  ActionOption* opt = nullptr;
  Priority* pri = nullptr;
};

// Walks the path, creating structs and growing slices as Gorilla does; false for an invalid path.
bool walk_schema_path(Request& req, std::vector<std::optional<Attachment>>& atts, const SchemaPath& path,
                      SchemaTargets& t) {
  const auto& steps = path.steps;
  for (std::size_t k = 0; k + 1 < steps.size() || (steps[k].first->kind == 'L' && k < steps.size()); ++k) {
    const SchemaField* f = steps[k].first;
    const std::size_t idx = static_cast<std::size_t>(steps[k].second);
    if (f->kind == 'L' && k + 1 >= steps.size()) return false;
    if (f->name == "attachments") {
      if (atts.size() <= idx) atts.resize(idx + 1);
      if (!atts[idx]) atts[idx].emplace();
      t.att = &*atts[idx];
    } else if (f->name == "fields") {
      if (!t.att->fields) t.att->fields.emplace();
      if (t.att->fields->size() <= idx) t.att->fields->resize(idx + 1);
      t.fld = &(*t.att->fields)[idx];
    } else if (f->name == "actions") {
      if (t.att->actions.size() <= idx) t.att->actions.resize(idx + 1);
      t.act = &t.att->actions[idx];
    } else if (f->name == "options") {
      if (!t.act->options) t.act->options.emplace();
      if (t.act->options->size() <= idx) t.act->options->resize(idx + 1);
      auto& o = (*t.act->options)[idx];
      if (!o) o.emplace();
      t.opt = &*o;
    } else if (f->name == "integration") {
      t.act->integration.present = true;
    } else if (f->name == "priority" && path.table == 6) {
      if (!req.priority) req.priority.emplace();
      t.pri = &*req.priority;
    }
  }
  return true;
}

// The string fields of an attachment and an action: Gorilla schema name (folded), JSON key, member.
template <class T>
struct StringField {
  std::string_view schema, json;
  Located<std::string> T::*member;
};
constexpr StringField<Attachment> kAttachmentStrings[] = {
    {"fallback", "fallback", &Attachment::fallback}, {"color", "color", &Attachment::color},
    {"pretext", "pretext", &Attachment::pretext}, {"authorname", "author_name", &Attachment::author_name},
    {"authorlink", "author_link", &Attachment::author_link}, {"authoricon", "author_icon", &Attachment::author_icon},
    {"title", "title", &Attachment::title}, {"titlelink", "title_link", &Attachment::title_link},
    {"text", "text", &Attachment::text}, {"imageurl", "image_url", &Attachment::image_url},
    {"thumburl", "thumb_url", &Attachment::thumb_url}, {"footer", "footer", &Attachment::footer},
    {"footericon", "footer_icon", &Attachment::footer_icon}};
constexpr StringField<Action> kActionStrings[] = {
    {"id", "id", &Action::id}, {"type", "type", &Action::type}, {"name", "name", &Action::name},
    {"tooltip", "tooltip", &Action::tooltip}, {"style", "style", &Action::style},
    {"datasource", "data_source", &Action::data_source}, {"defaultoption", "default_option", &Action::default_option},
    {"cookie", "cookie", &Action::cookie}};

// Stores a non-struct value in the field `n` of table `owner`; "" or Gorilla's conversion error.
std::string assign_schema_value(Request& req, const SchemaTargets& t, int owner, const std::string& n,
                                const std::string& key, const std::string& value, std::size_t offset,
                                Diagnostics& diags) {
  auto conv_err = [&](std::string_view type) {
    diags.add(Code::request_multipart_value, "", offset, {key, value, type});
    return "schema: error converting value for \"" + key + "\"";
  };
  auto set_str = [&](Located<std::string>& l) {
    if (value.empty()) return;
    l.value = value;
    l.present = true;
    l.offset = offset;
  };
  switch (owner) {
    case 0:
      if (n == "text") set_str(req.text);
      else if (n == "username") set_str(req.username);
      else if (n == "iconurl") set_str(req.icon_url);
      else if (n == "channelname") set_str(req.channel);
      else if (n == "type") set_str(req.type);
      else if (n == "iconemoji") set_str(req.icon_emoji);
      break;
    case 1:
      if (n == "id") {
        std::int64_t v;
        if (!detail::go_parse_int64(value, v)) return conv_err("int64");
        t.att->id = v;
      } else {
        for (const auto& f : kAttachmentStrings)
          if (n == f.schema) set_str(t.att->*f.member);
      }
      break;
    case 2:
      if (n == "title") set_str(t.fld->title);
      else {
        bool b;
        if (!go_parse_bool(value, b)) return conv_err("bool");
        t.fld->is_short = b;
      }
      break;
    case 3:
      if (n == "disabled") {
        bool b;
        if (!go_parse_bool(value, b)) return conv_err("bool");
        t.act->disabled.value = b;
        t.act->disabled.present = true;
      } else {
        for (const auto& f : kActionStrings)
          if (n == f.schema) set_str(t.act->*f.member);
      }
      break;
    case 4:
      if (!value.empty()) (n == "text" ? t.opt->text : t.opt->value) = value;
      break;
    case 5:
      if (!value.empty()) t.act->integration.url = value;
      break;
    case 6:
      if (n == "priority") { if (!value.empty()) t.pri->priority = value; }
      else if (n == "requestedack" || n == "persistentnotifications") {
        bool b;
        if (!go_parse_bool(value, b)) return conv_err("bool");
        (n == "requestedack" ? t.pri->requested_ack : t.pri->persistent_notifications) = b;
      }
      break;
  }
  return "";
}

// Decodes one multipart key into req; returns "" or Gorilla's error text. Indexes are capped at 1000.
std::string schema_set(Request& req, std::vector<std::optional<Attachment>>& atts, const std::string& key,
                       const std::string& value, std::size_t offset, Diagnostics& diags) {
  SchemaPath path;
  if (!resolve_schema_path(key, path)) return "schema: invalid path \"" + key + "\"";
  const SchemaField* leaf = path.steps.back().first;
  if (leaf->kind == 'S') {
    diags.add(Code::request_multipart_group, "", offset, {key});
    return "schema: converter not found for model." + std::string(leaf->name);
  }
  SchemaTargets targets;
  if (!walk_schema_path(req, atts, path, targets)) return "schema: invalid path \"" + key + "\"";
  if (value.empty() && leaf->kind != 's') return "";
  const int owner = path.steps.size() == 1 ? 0 : path.steps[path.steps.size() - 2].first->sub;
  return assign_schema_value(req, targets, owner, std::string(leaf->name), key, value, offset, diags);
}

// Multipart values have no JSON document: an attachment's values are given the pointers they would have in the
// JSON payload (elements counted after nils are dropped); fields, actions and options themselves stay unnamed.
void set_pointers(std::vector<Attachment>& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    Attachment& a = list[i];
    a.pointer = "/attachments/" + std::to_string(i);
    for (const auto& f : kAttachmentStrings) (a.*f.member).pointer = a.pointer + "/" + std::string(f.json);
    a.ts_pointer = a.pointer + "/ts";
    if (a.fields)
      for (std::size_t k = 0; k < a.fields->size(); ++k) {
        Field& f = (*a.fields)[k];
        const std::string base = a.pointer + "/fields/" + std::to_string(k);
        f.title.pointer = base + "/title";
        f.value_pointer = base + "/value";
      }
    for (std::size_t j = 0; j < a.actions.size(); ++j) {
      Action& ac = a.actions[j];
      const std::string base = a.pointer + "/actions/" + std::to_string(j);
      for (const auto& f : kActionStrings) (ac.*f.member).pointer = base + "/" + std::string(f.json);
      ac.disabled.pointer = base + "/disabled";
    }
  }
}

MultipartOutcome failed(int status, ErrorBody e, std::string go) {
  MultipartOutcome r;
  r.status = status;
  r.error = std::move(e);
  r.go_error = std::move(go);
  return r;
}

}  // namespace

MultipartOutcome decode_multipart_payload(std::string_view body, std::string_view content_type, std::size_t limit,
                                          std::string_view media_type, Diagnostics& diags) {
  detail::MediaType mt = detail::parse_media_type(content_type);
  const std::string* boundary = mt.param("boundary");
  if (!boundary) {
    diags.add(Code::request_multipart_no_boundary, "", 0);
    return failed(400, parse_multipart_error("no multipart boundary param in Content-Type"),
                "no multipart boundary param in Content-Type");
  }
  const bool truncated = body.size() > limit;
  detail::MultipartParse mp = detail::parse_multipart(truncated ? body.substr(0, limit) : body, *boundary);
  if (!mp.error.empty()) {
    if (truncated) {
      diags.add(Code::request_too_large, "", limit,
                {std::to_string(body.size()), std::to_string(limit), "multipart bodies over the limit are refused with 413"});
      return failed(413, too_large_error("incomingWebhook: Failed to parse multipart form for webhook " + std::string(kHookId) + "."),
                  "http: request body too large");
    }
    diags.add(Code::request_multipart_invalid, "", mp.error_offset, {mp.error});
    return failed(400, parse_multipart_error(mp.error), mp.error);
  }
  // r.PostForm: non-file values by name (Gorilla uses the last value of a key).
  Request req;
  std::vector<std::optional<Attachment>> atts;
  std::vector<std::string> order;
  std::unordered_map<std::string, std::size_t> last;
  for (std::size_t i = 0; i < mp.parts.size(); ++i) {
    const auto& p = mp.parts[i];
    if (p.name.empty()) continue;
    if (!p.filename.empty()) {
      diags.add(Code::request_multipart_file_ignored, "", p.offset, {p.name});
      continue;
    }
    if (!last.count(p.name)) order.push_back(p.name);
    last[p.name] = i;
  }
  std::string first_err;
  std::size_t nerr = 0;
  for (const std::string& name : order) {
    const auto& p = mp.parts[last[name]];
    std::string e = schema_set(req, atts, name, p.value, p.value_offset, diags);
    if (!e.empty()) {
      if (e.rfind("schema: invalid path", 0) == 0) {
        std::string hint;
        std::string f = fold_key(name);
        if (f == "payload") diags.add(Code::request_multipart_payload, "", p.offset);
        else if (f == "icon_url") hint = "; use `iconurl`";
        else if (f == "icon_emoji") hint = "; use `iconemoji`";
        else if (f == "channel") hint = "; use `channelname`";
        else if (f == "props") hint = "; props cannot be sent as multipart fields";
        diags.add(Code::request_multipart_unknown_field, "", p.offset, {name, hint});
      }
      if (first_err.empty()) first_err = e;
      ++nerr;
    }
  }
  if (nerr) {
    std::string msg = first_err;
    if (nerr == 2) msg += " (and 1 other error)";
    else if (nerr > 2) msg += " (and " + std::to_string(nerr - 1) + " other errors)";
    return failed(400, decode_error(media_type, msg), msg);
  }
  std::vector<Attachment> kept;
  for (auto& a : atts)
    if (a) kept.push_back(std::move(*a));
  set_pointers(kept);
  if (!kept.empty()) req.attachments = std::move(kept);
  MultipartOutcome out;
  out.payload.ok = true;
  out.payload.request = std::move(req);
  return out;
}

}  // namespace mmhook
