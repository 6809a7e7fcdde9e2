// Go encoding/json into the typed Request (see typed_decoder.h).
#include "decode/typed_decoder.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include "common/go_format.h"
#include "decode/content_type.h"

namespace mmhook {
namespace {

using json::Kind;
using json::Value;

// go_lower, then LONG S (U+017F) to s: Go's folding for matching JSON keys to struct fields.
std::string fold_key_impl(std::string_view k) {
  std::string out = detail::go_lower(k);
  for (std::size_t at = out.find("\xC5\xBF"); at != std::string::npos; at = out.find("\xC5\xBF", at + 1))
    out.replace(at, 2, "s");
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

constexpr SlackKey kNoSlack[] = {{"", true, ""}};
constexpr Alias kNoAlias[] = {{"", ""}};

// Decodes a document it may take strings from: each string value is moved into the Request, the tree keeps kinds,
// offsets and keys. Every value's JSON Pointer is built here, once, and stored beside it.
class TypedDecoder {
 public:
  TypedDecoder(Diagnostics& diags) : diags_(diags) {}

  std::vector<std::string> type_errors;   // Go messages, in document order
  std::string abort_error;                // first SlackCompatibleBool error (Go aborts there)
  bool failed() const { return !type_errors.empty() || !abort_error.empty(); }
  std::string go_error() const { return !abort_error.empty() ? abort_error : type_errors.empty() ? "" : type_errors.front(); }

  void request(Value& root, Request& req) {
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
    each_field(root, keys, "", kSlackTop, kTopAliases, [&](int f, const std::string& ptr, Value& v) {
      ErrCtx c{"IncomingWebhookRequest", std::string(keys[f])};
      switch (f) {
        case 0: str(req.text, v, ptr, c); break;
        case 1: str(req.username, v, ptr, c); break;
        case 2: str(req.icon_url, v, ptr, c); break;
        case 3: str(req.channel, v, ptr, c); break;
        case 4: props(req, v, ptr, c); break;
        case 5:
          req.attachments_offset = v.offset;
          attachments(atts, v, ptr, c);
          break;
        case 6: str(req.type, v, ptr, c); break;
        case 7: str(req.icon_emoji, v, ptr, c); break;
        case 8: priority(req, v, ptr, c); break;
      }
    });
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

  // Calls fn(index in keys, member pointer, value) for each member of the object `v` that is a field of the struct
  // (repeats included, in order); reports the others (Slack-only, aliases, misspellings) on the way.
  template <std::size_t N, std::size_t S, std::size_t A, class F>
  void each_field(Value& v, const std::string_view (&keys)[N], const std::string& ptr, const SlackKey (&slack)[S],
                  const Alias (&aliases)[A], F&& fn) {
    std::size_t seen = 0;
    for (json::Member& m : v.object) {
      const std::string mp = ptr + "/" + pointer_token(m.key);
      const int f = match(m, mp, keys, slack, aliases, seen);
      if (f >= 0) fn(f, mp, m.value);
    }
  }

  template <std::size_t N, std::size_t S, std::size_t A>
  int match(const json::Member& m, const std::string& ptr, const std::string_view (&keys)[N],
            const SlackKey (&slack)[S], const Alias (&aliases)[A], std::size_t& seen) {
    const std::string f = fold_key(m.key);
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
      if (f == a.from) hint = "; perhaps you meant `" + std::string(a.to) + "`";
    if (hint.empty()) {
      std::size_t best = 99;
      std::string_view best_key;
      for (std::string_view k : keys) {
        std::size_t d = edit_distance(f, k);
        if (d < best) { best = d; best_key = k; }
      }
      if (best <= 2 && best < f.size()) hint = "; perhaps you meant `" + std::string(best_key) + "`";
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
    // {0} is a quoted field name, or the sentence subject "The body" for the whole document.
    const std::string subject = what == "the body" ? std::string("The body") : "`" + std::string(what) + "`";
    diags_.add(Code::json_type, ptr, v.offset, {subject, want, found_desc(v)});
  }

  static std::string display(const std::string& ptr) { return ptr.empty() ? "the body" : ptr.substr(1); }

  // A Go string field: null leaves `dst` untouched, a string is moved out of the tree.
  void text(std::string& dst, Value& v, const std::string& ptr, const ErrCtx& c, std::string_view what) {
    if (v.is_null()) return;
    if (!v.is_string()) return type_error(v, ptr, c, "string", what, "a string");
    dst = std::move(v.text);
  }
  void str(Located<std::string>& dst, Value& v, const std::string& ptr, const ErrCtx& c) {
    dst.present = true;
    dst.offset = v.offset;
    dst.pointer = ptr;
    text(dst.value, v, ptr, c, display(ptr));
  }
  void boolean(Located<bool>& dst, const Value& v, const std::string& ptr, const ErrCtx& c) {
    dst.present = true;
    dst.offset = v.offset;
    dst.pointer = ptr;
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
  // Strings are moved out of `v`.
  Value any(Value& v, const std::string& ptr, const ErrCtx& c) {
    Value out;
    std::vector<std::tuple<Value*, Value*, std::string>> stack{{&v, &out, ptr}};
    while (!stack.empty()) {
      auto [src, dst, p] = std::move(stack.back());
      stack.pop_back();
      dst->kind = src->kind;
      dst->offset = src->offset;
      switch (src->kind) {
        case Kind::null: break;
        case Kind::boolean: dst->boolean = src->boolean; break;
        case Kind::string: dst->text = std::move(src->text); break;
        case Kind::number:
          if (std::isinf(src->number)) {
            type_errors.push_back("json: cannot unmarshal number " + src->text + " into Go struct field " +
                                  std::string(c.strct) + "." + c.field_stack + " of type float64");
            diags_.add(Code::json_number_range, p, src->offset, {src->text});
            dst->kind = Kind::null;
            break;
          }
          dst->number = src->number;
          dst->text = detail::go_float(src->number);
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
    return detail::go_float(std::fabs(d)) != t;
  }

  // A map field (props, integration.context): null resets it, objects merge key by key into it.
  void merge_map(Value& dst, Value& v, const std::string& ptr, const ErrCtx& c) {
    if (v.is_null()) { dst = Value{}; return; }
    Value add = any(v, ptr, c);
    if (!dst.is_object()) { dst = std::move(add); return; }
    for (json::Member& m : add.object) dst.set(std::move(m.key), std::move(m.value));
  }

  void props(Request& req, Value& v, const std::string& ptr, const ErrCtx& c) {
    req.props_offset = v.offset;
    req.props_pointer = ptr;
    if (!v.is_null() && !v.is_object()) return type_error(v, ptr, c, "model.StringInterface", "props", "an object");
    merge_map(req.props, v, ptr, c);
  }

  void priority(Request& req, Value& v, const std::string& ptr, const ErrCtx& c) {
    if (v.is_null()) { req.priority.reset(); return; }
    if (!v.is_object()) return type_error(v, ptr, c, "model.PostPriority", "priority", "an object");
    if (!req.priority) req.priority.emplace();
    Priority& p = *req.priority;
    p.offset = v.offset;
    // Members are located in the last object read (a member missing there is reported at the object).
    p.pointer = p.requested_ack_pointer = p.persistent_notifications_pointer = ptr;
    p.priority_pointer = ptr + "/priority";
    p.priority_offset = p.requested_ack_offset = p.persistent_notifications_offset = 0;
    static constexpr std::string_view keys[] = {"priority", "requested_ack", "persistent_notifications", "postid",
                                                "channelid"};
    each_field(v, keys, ptr, kNoSlack, kNoAlias, [&](int f, const std::string& mp, Value& x) {
      ErrCtx cc{"PostPriority", c.field_stack + "." + std::string(f == 3 ? "PostId" : f == 4 ? "ChannelId" : keys[f])};
      switch (f) {
        case 0:
          p.priority_pointer = mp;
          p.priority_offset = x.offset;
          if (x.is_null()) p.priority.reset();
          else if (!x.is_string()) type_error(x, mp, cc, "string", "priority.priority", "a string");
          else p.priority = std::move(x.text);
          break;
        case 1:
          p.requested_ack_pointer = mp;
          p.requested_ack_offset = x.offset;
          opt_bool(p.requested_ack, x, mp, cc);
          break;
        case 2:
          p.persistent_notifications_pointer = mp;
          p.persistent_notifications_offset = x.offset;
          opt_bool(p.persistent_notifications, x, mp, cc);
          break;
        default:
          if (!x.is_null() && !x.is_string()) type_error(x, mp, cc, "string", display(mp), "a string");
          break;
      }
    });
  }

  // Go slice decoding into []*T: elements are reused by index (merging), null elements become nil.
  template <class T, class F>
  void slice(std::optional<std::vector<std::optional<T>>>& dst, Value& v, const std::string& ptr,
             const ErrCtx& c, std::string_view slice_type, std::string_view elem_type, std::string_view want,
             F&& decode_elem) {
    if (v.is_null()) { dst.reset(); return; }
    if (!v.is_array()) return type_error(v, ptr, c, slice_type, display(ptr), want);
    if (!dst) dst.emplace();
    dst->resize(v.array.size());
    for (std::size_t i = 0; i < v.array.size(); ++i) {
      Value& e = v.array[i];
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
      T& elem = *(*dst)[i];
      elem.offset = e.offset;
      elem.pointer = ep;
      decode_elem(elem, e, ep);
    }
  }

  void attachments(std::optional<std::vector<std::optional<Attachment>>>& atts, Value& v, const std::string& ptr,
                   const ErrCtx& c) {
    slice(atts, v, ptr, c, "[]*model.MessageAttachment", "model.MessageAttachment", "a list of attachment objects",
          [&](Attachment& a, Value& e, const std::string& ep) { attachment(a, e, ep, c.field_stack); });
  }

  void attachment(Attachment& a, Value& v, const std::string& ptr, const std::string& stack) {
    static constexpr std::string_view keys[] = {"id", "fallback", "color", "pretext", "author_name", "author_link",
                                                "author_icon", "title", "title_link", "text", "fields", "image_url",
                                                "thumb_url", "footer", "footer_icon", "ts", "actions"};
    static constexpr Alias aliases[] = {{"image", "image_url"}, {"thumb", "thumb_url"}, {"field", "fields"},
                                        {"action", "actions"}, {"timestamp", "ts"}, {"colour", "color"}};
    each_field(v, keys, ptr, kSlackAttachment, aliases, [&](int f, const std::string& mp, Value& x) {
      ErrCtx c{"MessageAttachment", stack + "." + std::string(keys[f])};
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
                [&](Field& fl, Value& e, const std::string& ep) { field(fl, e, ep, c.field_stack); });
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
        case 15:
          a.ts = any(x, mp, c);
          a.ts_pointer = mp;
          break;
        case 16: {
          std::optional<std::vector<std::optional<Action>>> as;
          if (!a.actions.empty()) {
            as.emplace();
            for (Action& ac : a.actions) as->push_back(std::move(ac));
          }
          slice(as, x, mp, c, "[]*model.PostAction", "model.PostAction", "a list of action objects",
                [&](Action& ac, Value& e, const std::string& ep) { action(ac, e, ep, c.field_stack); });
          a.actions.clear();
          if (as)
            for (auto& ac : *as)
              if (ac) a.actions.push_back(std::move(*ac));
          break;
        }
      }
      if (s) str(*s, x, mp, c);
    });
  }

  void field(Field& fl, Value& v, const std::string& ptr, const std::string& stack) {
    static constexpr std::string_view keys[] = {"title", "value", "short"};
    static constexpr Alias aliases[] = {{"name", "title"}, {"text", "value"}, {"inline", "short"}};
    each_field(v, keys, ptr, kNoSlack, aliases, [&](int f, const std::string& mp, Value& x) {
      ErrCtx c{"MessageAttachmentField", stack + "." + std::string(keys[f])};
      if (f == 0) str(fl.title, x, mp, c);
      else if (f == 1) {
        fl.value_pointer = mp;
        const Kind kind = x.kind;
        std::string written = kind == Kind::number ? x.text : std::string();
        fl.value = any(x, mp, c);
        if (!fl.value.is_null()) {
          std::string s = detail::go_format_v(fl.value);
          fl.original_kind = kind;
          // Only numbers whose text changes and that no advisory rule reports (exponents: field.value_exponent,
          // decimals, booleans, lists and objects: field.value_type).
          if (kind == Kind::number && s != written && s.find_first_of("eE.") == std::string::npos &&
              ++converted_notes_ <= 50)
            diags_.add(Code::attachment_field_value_converted, mp, x.offset, {written, s});
          fl.original_text = std::move(written);
          std::size_t off = fl.value.offset;
          fl.value = Value::from_string(std::move(s));
          fl.value.offset = off;
        }
      } else {
        short_value(fl, x, mp);
      }
    });
  }

  void short_value(Field& fl, const Value& x, const std::string& ptr) {
    std::string raw;
    bool ok = false;
    if (x.kind == Kind::boolean) { fl.is_short = x.boolean; return; }
    if (x.kind == Kind::string && !x.boolean) {
      std::string low = fold_key(x.text);
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

  void action(Action& ac, Value& v, const std::string& ptr, const std::string& stack) {
    static constexpr std::string_view keys[] = {"id", "type", "name", "tooltip", "disabled", "style",
                                                "data_source", "options", "default_option", "integration", "cookie"};
    static constexpr Alias aliases[] = {{"text", "name"}, {"label", "name"}, {"url", "integration"},
                                        {"datasource", "data_source"}, {"value", "id"}};
    each_field(v, keys, ptr, kNoSlack, aliases, [&](int f, const std::string& mp, Value& x) {
      ErrCtx c{"PostAction", stack + "." + std::string(keys[f])};
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
                [&](ActionOption& o, Value& e, const std::string& ep) { option(o, e, ep, c.field_stack); });
          break;
        case 8: str(ac.default_option, x, mp, c); break;
        case 9: integration(ac.integration, x, mp, c); break;
        case 10: str(ac.cookie, x, mp, c); break;
      }
    });
  }

  void option(ActionOption& o, Value& v, const std::string& ptr, const std::string& stack) {
    static constexpr std::string_view keys[] = {"text", "value"};
    each_field(v, keys, ptr, kNoSlack, kNoAlias, [&](int f, const std::string& mp, Value& x) {
      ErrCtx c{"PostActionOptions", stack + "." + std::string(keys[f])};
      text(f == 0 ? o.text : o.value, x, mp, c, display(mp));
    });
  }

  void integration(Integration& in, Value& v, const std::string& ptr, const ErrCtx& c) {
    if (v.is_null()) { in = Integration{}; return; }
    if (!v.is_object()) return type_error(v, ptr, c, "model.PostActionIntegration", display(ptr), "an object");
    in.present = true;
    static constexpr std::string_view keys[] = {"url", "context"};
    each_field(v, keys, ptr, kNoSlack, kNoAlias, [&](int f, const std::string& mp, Value& x) {
      ErrCtx cc{"PostActionIntegration", c.field_stack + "." + std::string(keys[f])};
      if (f == 0) text(in.url, x, mp, cc, display(mp));
      else if (!x.is_null() && !x.is_object()) type_error(x, mp, cc, "map[string]interface {}", display(mp), "an object");
      else merge_map(in.context, x, mp, cc);
    });
  }
};

}  // namespace

std::string fold_key(std::string_view key) { return fold_key_impl(key); }

std::string decode_typed_request(json::Value& root, Request& req, Diagnostics& diags) {
  TypedDecoder td(diags);
  td.request(root, req);
  return td.go_error();
}

}  // namespace mmhook
