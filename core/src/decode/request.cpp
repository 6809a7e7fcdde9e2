// Request decoding as the server's web layer does it (spec §1, §2): ParseForm, media type, the three branches,
// Go encoding/json semantics into the typed Request, the control-character repair retry and attachment normalisation.
#include "decode/request.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "decode/content_type.h"
#include "decode/form.h"
#include "common/go_format.h"
#include "decode/json_parse.h"

namespace mmhook {
namespace {

using detail::OffsetMap;
using json::Kind;
using json::Value;

constexpr std::string_view kHookId = "xxxxxxxxxxxxxxxxxxxxxxxxxx";

// ---------------------------------------------------------------- error bodies

ErrorBody parse_form_error(std::string_view detail) {
  return {"web.incoming_webhook.parse_form.app_error",
          "Failed to parse form for webhook " + std::string(kHookId) + ".", std::string(detail)};
}
ErrorBody media_type_error(std::string_view detail) {
  return {"web.incoming_webhook.media_type.app_error",
          "Failed to parse media incoming webhook " + std::string(kHookId) + ".", std::string(detail)};
}
ErrorBody decode_error(std::string_view media, std::string_view detail) {
  return {"web.incoming_webhook.decode.app_error",
          "Failed to decode the payload of media type " + std::string(media) + " for incoming webhook " +
              std::string(kHookId) + ".",
          std::string(detail)};
}
ErrorBody parse_multipart_error(std::string_view detail) {
  return {"web.incoming_webhook.parse_multipart.app_error",
          "Failed to parse multipart form for webhook " + std::string(kHookId) + ".", std::string(detail)};
}
ErrorBody too_large_error(std::string_view where_msg) {
  return {"api.context.request_body_too_large.app_error", "Unable to process request. Request body too large.",
          std::string(where_msg) + ", http: request body too large"};
}
std::string parse_data_detail(std::string_view go_err) {
  return "IncomingWebhookRequestFromJSON: Unable to parse incoming data., " + std::string(go_err);
}

// ---------------------------------------------------------------- typed decoding (Go encoding/json rules)

std::string fold(std::string_view k) {
  std::string out;
  out.reserve(k.size());
  for (std::size_t i = 0; i < k.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(k[i]);
    if (c == 0xE2 && i + 2 < k.size() && static_cast<unsigned char>(k[i + 1]) == 0x84 &&
        static_cast<unsigned char>(k[i + 2]) == 0xAA) {  // KELVIN SIGN folds to k
      out.push_back('k');
      i += 2;
    } else if (c == 0xC5 && i + 1 < k.size() && static_cast<unsigned char>(k[i + 1]) == 0xBF) {  // LONG S folds to s
      out.push_back('s');
      i += 1;
    } else {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
    }
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  if (a.size() > 64 || b.size() > 64) return 99;
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

const char* kind_name(const Value& v) {
  switch (v.kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "bool";
    case Kind::number: return "number";
    case Kind::string: return "string";
    case Kind::array: return "array";
    case Kind::object: return "object";
  }
  return "value";
}
std::string found_desc(const Value& v) {
  switch (v.kind) {
    case Kind::null: return "null";
    case Kind::boolean: return v.boolean ? "true" : "false";
    case Kind::number: return "the number " + v.text;
    case Kind::string: return "a string";
    case Kind::array: return "a list";
    case Kind::object: return "an object";
  }
  return "a value";
}

struct SlackKey {
  std::string_view key;
  bool option;  // formatting switch (info) vs a feature Mattermost does not have (warning)
  std::string_view instead;
};
constexpr SlackKey kSlackTop[] = {
    {"blocks", false, "Block Kit blocks are not rendered: put the content in `text` (Markdown) or in `attachments`"},
    {"thread_ts", false, "the message is posted as a new post, not a thread reply; webhooks in Mattermost 11.6 cannot reply in threads"},
    {"reply_broadcast", false, "webhooks in Mattermost 11.6 cannot reply in threads, so there is nothing to broadcast"},
    {"root_id", false, "Mattermost 11.6 ignores it and posts a new root post; servers newer than 11.6 accept it to reply in a thread"},
    {"silent", false, "Mattermost 11.6 ignores it and notifies as usual; newer servers use it to post without notifications"},
    {"as_user", false, "the post is always made by the hook's creator, shown with the webhook name; use `username` and `icon_url` (with the override settings on) instead"},
    {"icon", false, "use `icon_url` (an image URL) or `icon_emoji`"},
    {"response_type", false, "it belongs to slash-command responses; a webhook post is always visible in the channel"},
    {"user", false, "use `channel: \"@username\"` to send a direct message"},
    {"token", false, "the webhook URL itself is the secret; no token is read from the body"},
    {"mrkdwn", true, "Markdown in `text` is always rendered"},
    {"parse", true, "links, @mentions and ~channels in `text` are always recognised"},
    {"link_names", true, "@mentions in `text` are always linked"},
    {"unfurl_links", true, "link previews follow the server's EnableLinkPreviews setting (and are off for posts with attachments)"},
    {"unfurl_media", true, "image previews follow the server's settings"},
    {"metadata", false, "Slack message metadata is not stored; use `props` for custom data"},
};
constexpr SlackKey kSlackAttachment[] = {
    {"mrkdwn_in", true, "Markdown is always rendered in attachment `text`, `pretext` and field values"},
    {"callback_id", false, "interactive buttons send their request to `actions[].integration.url` with `integration.context`"},
    {"attachment_type", true, "it has no effect"},
    {"author_subname", false, "it is not shown; put it into `author_name`"},
    {"blocks", false, "Block Kit blocks are not rendered inside attachments"},
    {"image_bytes", false, "it is not used"},
    {"footer_url", false, "it is not rendered"},
    {"title_link_text", false, "it is not rendered"},
};

struct Alias {
  std::string_view from, to;
};
constexpr Alias kTopAliases[] = {
    {"message", "text"},   {"msg", "text"},          {"content", "text"},      {"body", "text"},
    {"name", "username"},  {"user_name", "username"}, {"avatar", "icon_url"},  {"avatar_url", "icon_url"},
    {"iconurl", "icon_url"}, {"emoji", "icon_emoji"}, {"iconemoji", "icon_emoji"}, {"channel_name", "channel"},
    {"channelname", "channel"}, {"channel_id", "channel"}, {"attachment", "attachments"},
    {"properties", "props"}, {"prop", "props"},
};

struct ErrCtx {
  std::string_view strct;          // Go struct type name holding the field
  std::string field_stack;         // Go errorContext.FieldStack joined with '.'
};

class TypedDecoder {
 public:
  TypedDecoder(Diagnostics& diags) : diags_(diags) {}

  std::vector<std::string> type_errors;   // Go messages, in document order
  std::string abort_error;                // first SlackCompatibleBool error (Go aborts there)
  bool failed() const { return !type_errors.empty() || !abort_error.empty(); }
  std::string go_error() const { return !abort_error.empty() ? abort_error : type_errors.empty() ? "" : type_errors.front(); }

  void request(const Value& root, Request& req) {
    if (root.is_null()) {
      diags_.add(Code::json_null_body, "", root.offset);
      return;
    }
    if (!root.is_object()) {
      type_error(root, "", {"", ""}, "model.IncomingWebhookRequest", "the body", "a JSON object");
      return;
    }
    static constexpr std::string_view keys[] = {"text", "username", "icon_url", "channel", "props",
                                                "attachments", "type", "icon_emoji", "priority"};
    std::optional<std::vector<std::optional<Attachment>>> atts;
    bool atts_seen = false;
    std::size_t seen_mask = 0;
    for (const json::Member& m : root.object) {
      int f = match(m, keys, "", kSlackTop, kTopAliases, seen_mask);
      if (f < 0) continue;
      const std::string ptr = "/" + pointer_token(m.key);
      ErrCtx c{"IncomingWebhookRequest", std::string(keys[f])};
      const Value& v = m.value;
      switch (f) {
        case 0: str(req.text, v, ptr, c); break;
        case 1: str(req.username, v, ptr, c); break;
        case 2: str(req.icon_url, v, ptr, c); break;
        case 3: str(req.channel, v, ptr, c); break;
        case 4: props(req, v, ptr, c); break;
        case 5:
          req.attachments_offset = v.offset;
          attachments(atts, v, ptr, c, atts_seen);
          atts_seen = true;
          break;
        case 6: str(req.type, v, ptr, c); break;
        case 7: str(req.icon_emoji, v, ptr, c); break;
        case 8: priority(req, v, ptr, c); break;
      }
    }
    // StringifyMessageAttachmentFieldValue: drop nils, stringify values, empty -> nil.
    if (atts) {
      std::vector<Attachment> out;
      for (std::size_t i = 0; i < atts->size(); ++i) {
        if (!(*atts)[i]) continue;
        out.push_back(std::move(*(*atts)[i]));
      }
      if (!out.empty()) req.attachments = std::move(out);
      else if (!failed()) diags_.add(Code::attachment_list_empty, "/attachments", req.attachments_offset);
    }
  }

 private:
  Diagnostics& diags_;
  std::size_t converted_notes_ = 0;  // info notes are capped; the first ones show the rule

  template <std::size_t N, std::size_t S, std::size_t A>
  int match(const json::Member& m, const std::string_view (&keys)[N], std::string_view base_ptr,
            const SlackKey (&slack)[S], const Alias (&aliases)[A], std::size_t& seen) {
    const std::string ptr = std::string(base_ptr) + "/" + pointer_token(m.key);
    const std::string f = fold(m.key);
    for (std::size_t i = 0; i < N; ++i) {
      if (f == keys[i]) {
        if (m.key != keys[i]) diags_.add(Code::payload_key_case, ptr, m.key_offset, {m.key, keys[i]});
        if (i < 64 && (seen & (std::size_t{1} << i))) {
          if (m.value.is_object() || m.value.is_array())
            diags_.add(Code::payload_merged_duplicate, ptr, m.key_offset, {keys[i]});
          else
            diags_.add(Code::json_duplicate_key, ptr, m.key_offset, {keys[i]});
        }
        if (i < 64) seen |= std::size_t{1} << i;
        return static_cast<int>(i);
      }
    }
    for (const SlackKey& s : slack) {
      if (f == s.key) {
        diags_.add(s.option ? Code::payload_slack_option : Code::payload_slack_only_key, ptr, m.key_offset,
                   {m.key, s.instead});
        return -1;
      }
    }
    std::string hint;
    for (const Alias& a : aliases)
      if (f == a.from) hint = "; did you mean `" + std::string(a.to) + "`?";
    if (hint.empty()) {
      std::size_t best = 99;
      std::string_view best_key;
      for (std::string_view k : keys) {
        std::size_t d = edit_distance(f, k);
        if (d < best) { best = d; best_key = k; }
      }
      if (best <= 2 && best < f.size()) hint = "; did you mean `" + std::string(best_key) + "`?";
    }
    diags_.add(Code::payload_unknown_key, ptr, m.key_offset, {m.key, hint});
    return -1;
  }

  void type_error(const Value& v, const std::string& ptr, const ErrCtx& c, std::string_view go_type,
                  std::string_view what, std::string_view want, std::string go_value = {}) {
    if (go_value.empty()) go_value = kind_name(v);
    std::string msg = "json: cannot unmarshal " + go_value;
    if (!c.strct.empty() || !c.field_stack.empty())
      msg += " into Go struct field " + std::string(c.strct) + "." + c.field_stack + " of type " + std::string(go_type);
    else
      msg += " into Go value of type " + std::string(go_type);
    type_errors.push_back(std::move(msg));
    diags_.add(Code::json_type, ptr, v.offset, {what, want, found_desc(v)});
  }

  static std::string display(const std::string& ptr) { return ptr.empty() ? "the body" : ptr.substr(1); }

  void str(Located<std::string>& dst, const Value& v, const std::string& ptr, const ErrCtx& c) {
    dst.present = true;
    dst.offset = v.offset;
    if (v.is_null()) return;  // Go leaves a string untouched on null
    if (!v.is_string()) return type_error(v, ptr, c, "string", display(ptr), "a string");
    dst.value = v.text;
  }
  void boolean(Located<bool>& dst, const Value& v, const std::string& ptr, const ErrCtx& c) {
    dst.present = true;
    dst.offset = v.offset;
    if (v.is_null()) return;
    if (v.kind != Kind::boolean) return type_error(v, ptr, c, "bool", display(ptr), "true or false");
    dst.value = v.boolean;
  }
  void opt_bool(std::optional<bool>& dst, const Value& v, const std::string& ptr, const ErrCtx& c) {
    if (v.is_null()) { dst.reset(); return; }
    if (v.kind != Kind::boolean) return type_error(v, ptr, c, "bool", display(ptr), "true or false");
    dst = v.boolean;
  }

  // A value decoded into `any`: numbers become float64 (Go marshal spelling), objects keep the last duplicate.
  Value any(const Value& v, const std::string& ptr, const ErrCtx& c) {
    Value out;
    std::vector<std::tuple<const Value*, Value*, std::string>> stack{{&v, &out, ptr}};
    while (!stack.empty()) {
      auto [src, dst, p] = std::move(stack.back());
      stack.pop_back();
      dst->kind = src->kind;
      dst->offset = src->offset;
      switch (src->kind) {
        case Kind::null: break;
        case Kind::boolean: dst->boolean = src->boolean; break;
        case Kind::string: dst->text = src->text; break;
        case Kind::number:
          if (std::isinf(src->number)) {
            type_errors.push_back("json: cannot unmarshal number " + src->text + " into Go struct field " +
                                  std::string(c.strct) + "." + c.field_stack + " of type float64");
            diags_.add(Code::json_number_range, p, src->offset, {src->text});
            dst->kind = Kind::null;
            break;
          }
          dst->number = src->number;
          dst->text = detail::go_json_float(src->number);
          if (is_lossy(src->text, src->number))
            diags_.add(Code::json_number_precision, p, src->offset, {src->text, dst->text});
          break;
        case Kind::array:
          dst->array.resize(src->array.size());
          for (std::size_t i = 0; i < src->array.size(); ++i)
            stack.emplace_back(&src->array[i], &dst->array[i], p + "/" + std::to_string(i));
          break;
        case Kind::object: {
          std::unordered_map<std::string_view, std::size_t> last;
          for (std::size_t i = 0; i < src->object.size(); ++i) {
            auto [it, fresh] = last.try_emplace(src->object[i].key, i);
            if (!fresh) {
              diags_.add(Code::json_duplicate_key, p + "/" + pointer_token(src->object[i].key),
                         src->object[i].key_offset, {src->object[i].key});
              it->second = i;
            }
          }
          for (std::size_t i = 0; i < src->object.size(); ++i) {
            if (last[src->object[i].key] != i) continue;
            dst->object.push_back(json::Member{src->object[i].key, Value{}, src->object[i].key_offset});
          }
          std::size_t k = 0;
          for (std::size_t i = 0; i < src->object.size(); ++i) {
            if (last[src->object[i].key] != i) continue;
            stack.emplace_back(&src->object[i].value, &dst->object[k++].value,
                               p + "/" + pointer_token(src->object[i].key));
          }
          break;
        }
      }
    }
    return out;
  }

  static bool is_lossy(const std::string& text, double d) {
    // Integers beyond 2^53 written with more digits than the float keeps.
    if (text.find_first_of(".eE") != std::string::npos) return false;
    std::string_view t = text;
    if (!t.empty() && t[0] == '-') t.remove_prefix(1);
    if (t.size() < 16) return false;
    return detail::go_json_float(std::fabs(d)) != t;
  }

  void props(Request& req, const Value& v, const std::string& ptr, const ErrCtx& c) {
    req.props_offset = v.offset;
    if (v.is_null()) { req.props = Value{}; return; }
    if (!v.is_object()) return type_error(v, ptr, c, "model.StringInterface", "props", "an object");
    Value add = any(v, ptr, c);
    if (!req.props.is_object()) { req.props = std::move(add); return; }
    for (json::Member& m : add.object) req.props.set(std::move(m.key), std::move(m.value));
  }

  void priority(Request& req, const Value& v, const std::string& ptr, const ErrCtx& c) {
    if (v.is_null()) { req.priority.reset(); return; }
    if (!v.is_object()) return type_error(v, ptr, c, "model.PostPriority", "priority", "an object");
    if (!req.priority) req.priority.emplace();
    Priority& p = *req.priority;
    p.offset = v.offset;
    static constexpr std::string_view keys[] = {"priority", "requested_ack", "persistent_notifications", "postid",
                                                "channelid"};
    static constexpr SlackKey none[] = {{"", true, ""}};
    static constexpr Alias no_alias[] = {{"", ""}};
    std::size_t seen = 0;
    for (const json::Member& m : v.object) {
      int f = match(m, keys, ptr, none, no_alias, seen);
      if (f < 0) continue;
      const std::string mp = ptr + "/" + pointer_token(m.key);
      ErrCtx cc{"PostPriority", c.field_stack + "." + std::string(f == 3 ? "PostId" : f == 4 ? "ChannelId" : keys[f])};
      const Value& x = m.value;
      switch (f) {
        case 0:
          if (x.is_null()) p.priority.reset();
          else if (!x.is_string()) type_error(x, mp, cc, "string", "priority.priority", "a string");
          else p.priority = x.text;
          break;
        case 1: opt_bool(p.requested_ack, x, mp, cc); break;
        case 2: opt_bool(p.persistent_notifications, x, mp, cc); break;
        default:
          if (!x.is_null() && !x.is_string()) type_error(x, mp, cc, "string", display(mp), "a string");
          break;
      }
    }
  }

  // Go slice decoding into []*T: elements are reused by index (merging), null elements become nil.
  template <class T, class F>
  void slice(std::optional<std::vector<std::optional<T>>>& dst, const Value& v, const std::string& ptr,
             const ErrCtx& c, std::string_view slice_type, std::string_view elem_type, std::string_view want,
             F&& decode_elem) {
    if (v.is_null()) { dst.reset(); return; }
    if (!v.is_array()) return type_error(v, ptr, c, slice_type, display(ptr), want);
    if (!dst) dst.emplace();
    dst->resize(v.array.size());
    for (std::size_t i = 0; i < v.array.size(); ++i) {
      const Value& e = v.array[i];
      const std::string ep = ptr + "/" + std::to_string(i);
      if (e.is_null()) {
        (*dst)[i].reset();
        if (!std::is_same_v<T, ActionOption>) diags_.add(Code::attachment_null_dropped, ep, e.offset);
        continue;
      }
      if (!e.is_object()) {
        type_error(e, ep, c, elem_type, display(ep), "an object");
        continue;
      }
      if (!(*dst)[i]) (*dst)[i].emplace();
      decode_elem(*(*dst)[i], e, ep);
    }
  }

  void attachments(std::optional<std::vector<std::optional<Attachment>>>& atts, const Value& v,
                   const std::string& ptr, const ErrCtx& c, bool /*seen*/) {
    slice(atts, v, ptr, c, "[]*model.MessageAttachment", "model.MessageAttachment", "a list of attachment objects",
          [&](Attachment& a, const Value& e, const std::string& ep) { attachment(a, e, ep, c.field_stack); });
  }

  void attachment(Attachment& a, const Value& v, const std::string& ptr, const std::string& stack) {
    a.offset = v.offset;
    static constexpr std::string_view keys[] = {"id", "fallback", "color", "pretext", "author_name", "author_link",
                                                "author_icon", "title", "title_link", "text", "fields", "image_url",
                                                "thumb_url", "footer", "footer_icon", "ts", "actions"};
    static constexpr Alias aliases[] = {{"image", "image_url"}, {"thumb", "thumb_url"}, {"field", "fields"},
                                        {"action", "actions"}, {"timestamp", "ts"}, {"colour", "color"}};
    std::size_t seen = 0;
    for (const json::Member& m : v.object) {
      int f = match(m, keys, ptr, kSlackAttachment, aliases, seen);
      if (f < 0) continue;
      const std::string mp = ptr + "/" + pointer_token(m.key);
      ErrCtx c{"MessageAttachment", stack + "." + std::string(keys[f])};
      const Value& x = m.value;
      Located<std::string>* s = nullptr;
      switch (f) {
        case 0: {
          if (x.is_null()) break;
          std::int64_t id = 0;
          if (x.kind != Kind::number) type_error(x, mp, c, "int64", display(mp), "an integer");
          else if (!detail::go_parse_int64(x.text, id))
            type_error(x, mp, c, "int64", display(mp), "an integer", "number " + x.text);
          else a.id = id;
          break;
        }
        case 1: s = &a.fallback; break;
        case 2: s = &a.color; break;
        case 3: s = &a.pretext; break;
        case 4: s = &a.author_name; break;
        case 5: s = &a.author_link; break;
        case 6: s = &a.author_icon; break;
        case 7: s = &a.title; break;
        case 8: s = &a.title_link; break;
        case 9: s = &a.text; break;
        case 10: {
          std::optional<std::vector<std::optional<Field>>> fs;
          if (a.fields) {
            fs.emplace();
            for (Field& fl : *a.fields) fs->push_back(std::move(fl));
          }
          slice(fs, x, mp, c, "[]*model.MessageAttachmentField", "model.MessageAttachmentField",
                "a list of field objects",
                [&](Field& fl, const Value& e, const std::string& ep) { field(fl, e, ep, c.field_stack); });
          a.fields.reset();
          if (fs) {
            std::vector<Field> out;
            for (auto& fl : *fs)
              if (fl) out.push_back(std::move(*fl));
            if (!out.empty()) a.fields = std::move(out);
          }
          break;
        }
        case 11: s = &a.image_url; break;
        case 12: s = &a.thumb_url; break;
        case 13: s = &a.footer; break;
        case 14: s = &a.footer_icon; break;
        case 15: a.ts = any(x, mp, c); break;
        case 16: {
          std::optional<std::vector<std::optional<Action>>> as;
          if (!a.actions.empty()) {
            as.emplace();
            for (Action& ac : a.actions) as->push_back(std::move(ac));
          }
          slice(as, x, mp, c, "[]*model.PostAction", "model.PostAction", "a list of action objects",
                [&](Action& ac, const Value& e, const std::string& ep) { action(ac, e, ep, c.field_stack); });
          a.actions.clear();
          if (as)
            for (auto& ac : *as)
              if (ac) a.actions.push_back(std::move(*ac));
          break;
        }
      }
      if (s) str(*s, x, mp, c);
    }
  }

  void field(Field& fl, const Value& v, const std::string& ptr, const std::string& stack) {
    fl.offset = v.offset;
    static constexpr std::string_view keys[] = {"title", "value", "short"};
    static constexpr SlackKey none[] = {{"", true, ""}};
    static constexpr Alias aliases[] = {{"name", "title"}, {"text", "value"}, {"inline", "short"}};
    std::size_t seen = 0;
    for (const json::Member& m : v.object) {
      int f = match(m, keys, ptr, none, aliases, seen);
      if (f < 0) continue;
      const std::string mp = ptr + "/" + pointer_token(m.key);
      ErrCtx c{"MessageAttachmentField", stack + "." + std::string(keys[f])};
      const Value& x = m.value;
      if (f == 0) str(fl.title, x, mp, c);
      else if (f == 1) {
        fl.value = any(x, mp, c);
        if (!fl.value.is_null()) {
          std::string s = detail::go_format_v(fl.value);
          if (!fl.value.is_string() && ++converted_notes_ <= 50)
            diags_.add(Code::attachment_field_value_converted, mp, x.offset, {kind_label(x), s});
          std::size_t off = fl.value.offset;
          fl.value = Value::from_string(std::move(s));
          fl.value.offset = off;
        }
      } else {
        short_value(fl, x, mp);
      }
    }
  }

  static std::string kind_label(const Value& v) {
    switch (v.kind) {
      case Kind::number: return "number";
      case Kind::boolean: return "boolean";
      case Kind::array: return "list";
      case Kind::object: return "object";
      default: return "value";
    }
  }

  void short_value(Field& fl, const Value& x, const std::string& ptr) {
    std::string raw;
    bool ok = false;
    if (x.kind == Kind::boolean) { fl.is_short = x.boolean; return; }
    if (x.kind == Kind::string && !x.boolean) {
      std::string low = fold(x.text);
      if (low == "true" || low == "false") { fl.is_short = low == "true"; ok = true; }
      raw = "\"" + x.text + "\"";
    } else if (x.kind == Kind::string) {
      json::write_string(raw, x.text);
    } else if (x.kind == Kind::null) {
      raw = "null";
    } else if (x.kind == Kind::number) {
      raw = x.text;
    } else {
      raw = x.kind == Kind::object ? "{...}" : "[...]";
    }
    if (ok) return;
    if (abort_error.empty()) abort_error = "unmarshal: unable to convert " + raw + " to bool";
    diags_.add(Code::attachment_short_invalid, ptr, x.offset, {raw});
  }

  void action(Action& ac, const Value& v, const std::string& ptr, const std::string& stack) {
    ac.offset = v.offset;
    static constexpr std::string_view keys[] = {"id", "type", "name", "tooltip", "disabled", "style",
                                                "data_source", "options", "default_option", "integration", "cookie"};
    static constexpr SlackKey none[] = {{"", true, ""}};
    static constexpr Alias aliases[] = {{"text", "name"}, {"label", "name"}, {"url", "integration"},
                                        {"datasource", "data_source"}, {"value", "id"}};
    std::size_t seen = 0;
    for (const json::Member& m : v.object) {
      int f = match(m, keys, ptr, none, aliases, seen);
      if (f < 0) continue;
      const std::string mp = ptr + "/" + pointer_token(m.key);
      ErrCtx c{"PostAction", stack + "." + std::string(keys[f])};
      const Value& x = m.value;
      switch (f) {
        case 0: str(ac.id, x, mp, c); break;
        case 1: str(ac.type, x, mp, c); break;
        case 2: str(ac.name, x, mp, c); break;
        case 3: str(ac.tooltip, x, mp, c); break;
        case 4: boolean(ac.disabled, x, mp, c); break;
        case 5: str(ac.style, x, mp, c); break;
        case 6: str(ac.data_source, x, mp, c); break;
        case 7:
          slice(ac.options, x, mp, c, "[]*model.PostActionOptions", "model.PostActionOptions",
                "a list of {text, value} objects",
                [&](ActionOption& o, const Value& e, const std::string& ep) { option(o, e, ep, c.field_stack); });
          break;
        case 8: str(ac.default_option, x, mp, c); break;
        case 9: integration(ac.integration, x, mp, c); break;
        case 10: str(ac.cookie, x, mp, c); break;
      }
    }
  }

  void option(ActionOption& o, const Value& v, const std::string& ptr, const std::string& stack) {
    o.offset = v.offset;
    static constexpr std::string_view keys[] = {"text", "value"};
    static constexpr SlackKey none[] = {{"", true, ""}};
    static constexpr Alias no_alias[] = {{"", ""}};
    std::size_t seen = 0;
    for (const json::Member& m : v.object) {
      int f = match(m, keys, ptr, none, no_alias, seen);
      if (f < 0) continue;
      const std::string mp = ptr + "/" + pointer_token(m.key);
      ErrCtx c{"PostActionOptions", stack + "." + std::string(keys[f])};
      Located<std::string> s;
      s.value = f == 0 ? o.text : o.value;
      str(s, m.value, mp, c);
      (f == 0 ? o.text : o.value) = std::move(s.value);
    }
  }

  void integration(Integration& in, const Value& v, const std::string& ptr, const ErrCtx& c) {
    if (v.is_null()) { in = Integration{}; return; }
    if (!v.is_object()) return type_error(v, ptr, c, "model.PostActionIntegration", display(ptr), "an object");
    in.present = true;
    static constexpr std::string_view keys[] = {"url", "context"};
    static constexpr SlackKey none[] = {{"", true, ""}};
    static constexpr Alias no_alias[] = {{"", ""}};
    std::size_t seen = 0;
    for (const json::Member& m : v.object) {
      int f = match(m, keys, ptr, none, no_alias, seen);
      if (f < 0) continue;
      const std::string mp = ptr + "/" + pointer_token(m.key);
      ErrCtx cc{"PostActionIntegration", c.field_stack + "." + std::string(keys[f])};
      const Value& x = m.value;
      if (f == 0) {
        Located<std::string> s;
        s.value = in.url;
        str(s, x, mp, cc);
        in.url = std::move(s.value);
      } else if (x.is_null()) {
        in.context = Value{};
      } else if (!x.is_object()) {
        type_error(x, mp, cc, "map[string]interface {}", display(mp), "an object");
      } else {
        Value add = any(x, mp, cc);
        if (!in.context.is_object()) in.context = std::move(add);
        else for (json::Member& mm : add.object) in.context.set(std::move(mm.key), std::move(mm.value));
      }
    }
  }
};

// ---------------------------------------------------------------- JSON payload decoding

struct JsonOutcome {
  bool ok = false;
  std::string go_error;
  bool repaired = false;
  Request request;
};

// Diagnostics of a JSON syntax failure, located in the body through `to_body`.
template <class Map>
void syntax_diagnostic(const detail::JsonParseResult& r, std::string_view text, Map&& to_body, Diagnostics& diags) {
  const std::size_t at = to_body(r.error_offset);
  if (r.empty) return diags.add(Code::json_empty, "", at);
  if (r.depth_exceeded) return diags.add(Code::json_depth, "", at);
  if (r.error_offset == 0 && text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") return diags.add(Code::json_bom, "", 0);
  if (r.error.find("in string literal") != std::string::npos) {
    unsigned char c = static_cast<unsigned char>(text[r.error_offset]);
    std::string name = c == '\n' ? "line feed" : c == '\r' ? "carriage return" : c == '\t' ? "tab" : c == 0 ? "NUL" : "";
    if (name.empty()) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "U+%04X", c);
      name = buf;
    }
    return diags.add(Code::json_control_char, "", at, {name});
  }
  diags.add(Code::json_syntax, "", at, {r.error});
}

template <class Map>
void remap_diags(Diagnostics& local, Map&& to_body, Diagnostics& out) {
  for (Diagnostic d : local.items()) {
    d.offset = to_body(d.offset);
    out.add(std::move(d));
  }
}

// IncomingWebhookRequestFromJSON on `text`; `to_body` maps offsets in `text` to the original body.
template <class Map>
JsonOutcome decode_json_payload(std::string_view text, Map&& to_body, Diagnostics& diags) {
  JsonOutcome out;
  detail::JsonParseResult first = detail::parse_json_go(text);
  Diagnostics local;
  Request req;
  if (first.ok) {
    TypedDecoder td(local);
    td.request(first.value, req);
    if (!td.failed()) {
      out.ok = true;
      out.go_error.clear();
      std::size_t trail = first.end;
      while (trail < text.size() && (text[trail] == ' ' || text[trail] == '\t' || text[trail] == '\n' || text[trail] == '\r')) ++trail;
      if (trail < text.size()) local.add(Code::json_trailing, "", trail);
      for (const auto& n : first.notes)
        local.add(n.kind == detail::JsonNoteKind::invalid_utf8 ? Code::json_invalid_utf8 : Code::json_lone_surrogate, "", n.offset);
      req.root = std::move(first.value);
      detail::remap_offsets(req.root, to_body);
      out.request = std::move(req);
      remap_diags(local, to_body, diags);
      return out;
    }
  }
  // The server retries once on the control-character-escaped body.
  std::string fixed;
  OffsetMap fix_map;
  const bool changed = detail::escape_control_chars(text, fixed, fix_map);
  if (!changed) {
    // Same input, same result: report the first attempt.
    if (!first.ok) {
      syntax_diagnostic(first, text, to_body, diags);
      out.go_error = first.error;
      return out;
    }
    TypedDecoder td(diags);
    Diagnostics typed_local;
    TypedDecoder td2(typed_local);
    Request scratch;
    td2.request(first.value, scratch);
    remap_diags(typed_local, to_body, diags);
    out.go_error = td2.go_error();
    detail::dismantle(first.value);
    detail::dismantle(scratch.root);
    return out;
  }
  auto fixed_to_body = [&](std::size_t x) { return to_body(fix_map.map(x)); };
  detail::JsonParseResult second = detail::parse_json_go(fixed);
  if (!second.ok) {
    syntax_diagnostic(second, fixed, fixed_to_body, diags);
    out.go_error = second.error;
    return out;
  }
  Diagnostics local2;
  Request req2;
  TypedDecoder td(local2);
  td.request(second.value, req2);
  remap_diags(local2, fixed_to_body, diags);
  if (td.failed()) {
    out.go_error = td.go_error();
    detail::dismantle(second.value);
    return out;
  }
  out.ok = true;
  out.repaired = true;
  // One warning per repaired string value, at its first repaired character.
  {
    std::size_t pos = 0;
    std::size_t last_reported_value = static_cast<std::size_t>(-1);
    std::vector<std::pair<const Value*, std::string>> stack{{&second.value, ""}};
    std::vector<std::pair<std::size_t, std::string>> strings;  // (offset in fixed, pointer)
    while (!stack.empty()) {
      auto [v, p] = stack.back();
      stack.pop_back();
      if (v->is_string()) strings.emplace_back(v->offset, p);
      for (std::size_t i = 0; i < v->array.size(); ++i) stack.emplace_back(&v->array[i], p + "/" + std::to_string(i));
      for (const auto& m : v->object) stack.emplace_back(&m.value, p + "/" + pointer_token(m.key));
    }
    std::sort(strings.begin(), strings.end());
    for (std::size_t i = 0; i < fixed.size(); ++i) {
      if (fixed[i] != '\\' || i + 1 >= fixed.size()) continue;
      if ((fixed[i + 1] == 'n' || fixed[i + 1] == 't') && fix_map.map(i + 1) == fix_map.map(i)) {
        auto it = std::upper_bound(strings.begin(), strings.end(), std::make_pair(i, std::string("\xff")));
        if (it == strings.begin()) continue;
        --it;
        if (it->first == last_reported_value) continue;
        last_reported_value = it->first;
        diags.add(Code::json_control_char_repaired, it->second, fixed_to_body(i));
      }
      ++i;
      (void)pos;
    }
  }
  std::size_t trail = second.end;
  while (trail < fixed.size() && (fixed[trail] == ' ' || fixed[trail] == '\t' || fixed[trail] == '\n' || fixed[trail] == '\r')) ++trail;
  if (trail < fixed.size()) diags.add(Code::json_trailing, "", fixed_to_body(trail));
  for (const auto& n : second.notes)
    diags.add(n.kind == detail::JsonNoteKind::invalid_utf8 ? Code::json_invalid_utf8 : Code::json_lone_surrogate, "",
              fixed_to_body(n.offset));
  req2.root = std::move(second.value);
  detail::remap_offsets(req2.root, fixed_to_body);
  out.request = std::move(req2);
  return out;
}

// ---------------------------------------------------------------- multipart (Gorilla schema v1.4.1)

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

// Decodes one multipart key into req; returns "" or Gorilla's error text. Indexes are capped at 1000.
std::string schema_set(Request& req, std::vector<std::optional<Attachment>>& atts, const std::string& key,
                       const std::string& value, std::size_t offset, Diagnostics& diags) {
  std::vector<std::string> parts;
  for (std::size_t s = 0;;) {
    std::size_t d = key.find('.', s);
    parts.push_back(fold(key.substr(s, d == std::string::npos ? std::string::npos : d - s)));
    if (d == std::string::npos) break;
    s = d + 1;
  }
  int table = 0;
  std::vector<std::pair<const SchemaField*, long>> path;  // field, index (-1)
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const SchemaField* hit = nullptr;
    for (const SchemaField& f : schema_table(table))
      if (f.name == parts[i]) hit = &f;
    if (!hit) return "schema: invalid path \"" + key + "\"";
    long idx = -1;
    if (hit->kind == 'L') {
      if (++i >= parts.size()) return "schema: invalid path \"" + key + "\"";
      std::int64_t v = 0;
      if (!detail::go_parse_int64(parts[i], v)) return "schema: invalid path \"" + key + "\"";
      if (v < 0 || v > 1000) return "schema: invalid path \"" + key + "\"";
      idx = static_cast<long>(v);
    }
    path.emplace_back(hit, idx);
    if (hit->kind == 'L' || hit->kind == 'S') table = hit->sub;
    else if (i + 1 < parts.size()) return "schema: invalid path \"" + key + "\"";
  }
  const SchemaField* leaf = path.back().first;
  if (leaf->kind == 'S' || (leaf->kind == 'L' && path.back().second >= 0 && path.size() == 1 && false))
    return "schema: converter not found for model." + std::string(leaf->name);
  // Walk, creating structs and growing slices as Gorilla does.
  Attachment* att = nullptr;
  Field* fld = nullptr;
  Action* act = nullptr;
  ActionOption* opt = nullptr;
  Priority* pri = nullptr;
  for (std::size_t k = 0; k + 1 < path.size() || (path[k].first->kind == 'L' && k < path.size()); ++k) {
    const SchemaField* f = path[k].first;
    const std::size_t idx = static_cast<std::size_t>(path[k].second);
    if (f->kind == 'L' && k + 1 >= path.size()) return "schema: invalid path \"" + key + "\"";
    if (f->name == "attachments") {
      if (atts.size() <= idx) atts.resize(idx + 1);
      if (!atts[idx]) atts[idx].emplace();
      att = &*atts[idx];
    } else if (f->name == "fields") {
      if (!att->fields) att->fields.emplace();
      if (att->fields->size() <= idx) att->fields->resize(idx + 1);
      fld = &(*att->fields)[idx];
    } else if (f->name == "actions") {
      if (att->actions.size() <= idx) att->actions.resize(idx + 1);
      act = &att->actions[idx];
    } else if (f->name == "options") {
      if (!act->options) act->options.emplace();
      if (act->options->size() <= idx) act->options->resize(idx + 1);
      auto& o = (*act->options)[idx];
      if (!o) o.emplace();
      opt = &*o;
    } else if (f->name == "integration") {
      act->integration.present = true;
    } else if (f->name == "priority" && table == 6) {
      if (!req.priority) req.priority.emplace();
      pri = &*req.priority;
    }
  }
  if (value.empty() && leaf->kind != 's') return "";
  auto conv_err = [&](std::string_view type) {
    diags.add(Code::request_multipart_value, "", offset, {key, value, type});
    return "schema: error converting value for \"" + key + "\"";
  };
  const std::string& n = std::string(leaf->name);
  const int owner = path.size() == 1 ? 0 : path[path.size() - 2].first->sub;
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
        att->id = v;
      } else {
        static const std::pair<std::string_view, Located<std::string> Attachment::*> m[] = {
            {"fallback", &Attachment::fallback}, {"color", &Attachment::color}, {"pretext", &Attachment::pretext},
            {"authorname", &Attachment::author_name}, {"authorlink", &Attachment::author_link},
            {"authoricon", &Attachment::author_icon}, {"title", &Attachment::title},
            {"titlelink", &Attachment::title_link}, {"text", &Attachment::text}, {"imageurl", &Attachment::image_url},
            {"thumburl", &Attachment::thumb_url}, {"footer", &Attachment::footer},
            {"footericon", &Attachment::footer_icon}};
        for (auto& [nm, mp] : m)
          if (n == nm) set_str(att->*mp);
      }
      break;
    case 2:
      if (n == "title") set_str(fld->title);
      else {
        bool b;
        if (!go_parse_bool(value, b)) return conv_err("bool");
        fld->is_short = b;
      }
      break;
    case 3:
      if (n == "disabled") {
        bool b;
        if (!go_parse_bool(value, b)) return conv_err("bool");
        act->disabled.value = b;
        act->disabled.present = true;
      } else {
        static const std::pair<std::string_view, Located<std::string> Action::*> m[] = {
            {"id", &Action::id}, {"type", &Action::type}, {"name", &Action::name}, {"tooltip", &Action::tooltip},
            {"style", &Action::style}, {"datasource", &Action::data_source},
            {"defaultoption", &Action::default_option}, {"cookie", &Action::cookie}};
        for (auto& [nm, mp] : m)
          if (n == nm) set_str(act->*mp);
      }
      break;
    case 4:
      if (!value.empty()) (n == "text" ? opt->text : opt->value) = value;
      break;
    case 5:
      if (!value.empty()) act->integration.url = value;
      break;
    case 6:
      if (n == "priority") { if (!value.empty()) pri->priority = value; }
      else if (n == "requestedack" || n == "persistentnotifications") {
        bool b;
        if (!go_parse_bool(value, b)) return conv_err("bool");
        (n == "requestedack" ? pri->requested_ack : pri->persistent_notifications) = b;
      }
      break;
  }
  return "";
}

}  // namespace

std::size_t request_body_limit(const ServerSettings& settings) noexcept {
  return settings.maximum_payload_size_bytes < 0 ? 512 : static_cast<std::size_t>(settings.maximum_payload_size_bytes) + 512;
}

DecodeResult decode_request(std::string_view body, const std::optional<std::string>& content_type,
                            const ServerSettings& settings, Diagnostics& diags) {
  return decode_request(body, content_type, std::string_view(), settings, diags);
}

DecodeResult decode_request(std::string_view body, const std::optional<std::string>& content_type,
                            std::string_view query, const ServerSettings& settings, Diagnostics& diags) {
  DecodeResult r;
  const std::size_t limit = request_body_limit(settings);
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  const bool has_ct = content_type && !content_type->empty();
  auto fail = [&](int status, ErrorBody e, std::string go) {
    r.status = status;
    r.error = std::move(e);
    r.go_error = std::move(go);
    r.request.reset();
    return r;
  };

  // 1. r.ParseForm(): Content-Type, form body, URL query.
  const detail::MediaType form_mt = detail::parse_media_type(has_ct ? std::string_view(*content_type) : "application/octet-stream");
  std::string form_err;
  bool form_too_large = false;
  detail::FormParse body_form;
  if (!form_mt.error.empty()) {
    form_err = form_mt.error;
    diags.add(Code::request_content_type, "", 0, {*content_type, form_mt.error});
  }
  if (form_mt.type == "application/x-www-form-urlencoded") {
    if (body.size() > limit) {
      if (form_err.empty()) { form_err = "http: request body too large"; form_too_large = true; }
      diags.add(Code::request_too_large, "", limit,
                {std::to_string(body.size()), std::to_string(limit), "form bodies over the limit are refused with 413"});
    } else {
      body_form = detail::parse_query(body);
      if (!body_form.error.empty()) {
        if (form_err.empty()) form_err = body_form.error;
        diags.add(Code::request_form_invalid, "", body_form.error_offset, {body_form.error});
      }
    }
  }
  detail::FormParse query_form = detail::parse_query(query);
  if (!query_form.error.empty()) {
    if (form_err.empty()) form_err = query_form.error;
    diags.add(Code::request_query_invalid, "", 0, {query_form.error});
  }
  if (!form_err.empty()) {
    if (form_too_large) return fail(413, too_large_error("incomingWebhook: Failed to parse form for webhook " + std::string(kHookId) + "."), form_err);
    return fail(400, parse_form_error(form_err), form_err);
  }

  // 2. mime.ParseMediaType on a non-empty header.
  if (has_ct) {
    detail::MediaType mt = detail::parse_media_type(*content_type);
    if (!mt.error.empty() && !mt.invalid_parameter()) return fail(400, media_type_error(mt.error), mt.error);
    r.media_type = mt.type;
  }

  JsonOutcome json_out;
  if (r.media_type == "application/x-www-form-urlencoded") {
    r.decoded_by = "form";
    const detail::FormField* payload = nullptr;
    bool from_query = false;
    for (const auto& f : body_form.fields) {
      if (f.key != "payload") continue;
      if (!payload) payload = &f;
      else diags.add(Code::request_form_payload_duplicate, "", f.offset);
    }
    if (!payload) {
      for (const auto& f : query_form.fields)
        if (f.key == "payload") { payload = &f; from_query = true; break; }
    }
    std::string_view text;
    if (!payload) {
      diags.add(Code::request_form_payload_missing, "", 0);
    } else {
      text = payload->value;
      if (from_query) diags.add(Code::request_form_payload_query, "", 0);
      else if (body.substr(payload->value_offset).find('+') != std::string_view::npos) {
        // A raw '+' in the body part of the value.
        std::size_t end = body.find('&', payload->value_offset);
        std::string_view raw = body.substr(payload->value_offset, end == std::string_view::npos ? std::string_view::npos : end - payload->value_offset);
        if (std::size_t plus = raw.find('+'); plus != std::string_view::npos)
          diags.add(Code::request_form_plus, "", payload->value_offset + plus);
      }
    }
    const OffsetMap* vm = payload && !from_query ? &payload->value_map : nullptr;
    auto to_body = [&](std::size_t x) -> std::size_t { return vm ? vm->map(x) : 0; };
    Diagnostics local;
    json_out = decode_json_payload(text, to_body, payload ? diags : local);
    if (!payload) json_out.go_error = "EOF";
  } else if (r.media_type == "multipart/form-data") {
    r.decoded_by = "multipart";
    detail::MediaType mt = detail::parse_media_type(*content_type);
    const std::string* boundary = mt.param("boundary");
    if (!boundary) {
      diags.add(Code::request_multipart_no_boundary, "", 0);
      return fail(400, parse_multipart_error("no multipart boundary param in Content-Type"),
                  "no multipart boundary param in Content-Type");
    }
    const bool truncated = body.size() > limit;
    detail::MultipartParse mp = detail::parse_multipart(truncated ? body.substr(0, limit) : body, *boundary);
    if (!mp.error.empty()) {
      if (truncated) {
        diags.add(Code::request_too_large, "", limit,
                  {std::to_string(body.size()), std::to_string(limit), "multipart bodies over the limit are refused with 413"});
        return fail(413, too_large_error("incomingWebhook: Failed to parse multipart form for webhook " + std::string(kHookId) + "."),
                    "http: request body too large");
      }
      diags.add(Code::request_multipart_invalid, "", mp.error_offset, {mp.error});
      return fail(400, parse_multipart_error(mp.error), mp.error);
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
          std::string f = fold(name);
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
      return fail(400, decode_error(r.media_type, msg), msg);
    }
    std::vector<Attachment> kept;
    for (auto& a : atts)
      if (a) kept.push_back(std::move(*a));
    if (!kept.empty()) req.attachments = std::move(kept);
    json_out.ok = true;
    json_out.request = std::move(req);
  } else {
    r.decoded_by = "json";
    if (has_ct && r.media_type != "application/json")
      diags.add(Code::request_content_type_other, "", 0, {r.media_type});
    std::string_view text = body;
    if (body.size() > limit) {
      text = body.substr(0, limit);
      diags.add(Code::request_too_large, "", limit,
                {std::to_string(body.size()), std::to_string(limit),
                 "the server reads only the first bytes, so unless the JSON ends before the limit it fails with 400 (unexpected EOF)"});
    }
    if (body.substr(0, 8) == "payload=") diags.add(Code::request_payload_prefix, "", 0, {r.media_type.empty() ? "(none)" : r.media_type});
    json_out = decode_json_payload(text, [](std::size_t x) { return x; }, diags);
  }

  if (!json_out.ok) {
    return fail(400, decode_error(r.media_type, parse_data_detail(json_out.go_error)), json_out.go_error);
  }
  r.control_char_repaired = json_out.repaired;
  if (!settings.enable_incoming_webhooks) {
    diags.add(Code::request_disabled, "", 0);
    return fail(501,
                ErrorBody{"web.incoming_webhook.general.app_error",
                          "Failed to handle the payload of media type " + r.media_type + " for incoming webhook " +
                              std::string(kHookId) + ".",
                          "HandleIncomingWebhook: Incoming webhooks have been disabled by the system admin."},
                "");
  }
  r.request = std::move(json_out.request);
  return r;
}

}  // namespace mmhook
