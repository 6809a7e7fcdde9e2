#include "validate/rules.h"

#include <algorithm>
#include <unordered_set>

#include "common/ascii.h"
#include "render/dialect_notes.h"
#include "translate/slack.h"

namespace mmhook {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

bool is_word(unsigned char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_alnum(unsigned char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(unsigned char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Cuts long quoted values in messages (at a UTF-8 boundary).
std::string clip(std::string_view s, std::size_t max = 60) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

// Go url.unescape validity for the host (encodeHost) or the path (encodePath).
bool valid_escapes(std::string_view s, bool host) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      if (i + 2 >= s.size() || !is_hex(s[i + 1]) || !is_hex(s[i + 2])) return false;
      if (host) {
        unsigned char h = static_cast<unsigned char>(s[i + 1]);
        int hv = (h >= '0' && h <= '9') ? h - '0' : (ascii_lower(static_cast<char>(h)) - 'a' + 10);
        if (hv < 8 && s.substr(i, 3) != "%25") return false;
      }
      i += 2;
      continue;
    }
    if (host && c < 0x80 && !is_alnum(c)) {
      static constexpr std::string_view ok = "-_.~!$&'()*+,;=:[]<>\"";
      if (ok.find(static_cast<char>(c)) == std::string_view::npos) return false;
    }
  }
  return true;
}

bool valid_userinfo(std::string_view s) noexcept {
  static constexpr std::string_view ok = "-._:~!$&'()*+,;=%@";
  for (unsigned char c : s) {
    if (c >= 0x80 || is_alnum(c)) continue;
    if (ok.find(static_cast<char>(c)) == std::string_view::npos) return false;
  }
  return true;
}

bool valid_optional_port(std::string_view p) noexcept {
  if (p.empty()) return true;
  if (p[0] != ':') return false;
  for (std::size_t i = 1; i < p.size(); ++i)
    if (p[i] < '0' || p[i] > '9') return false;
  return true;
}

Finding finding(Code c, std::string text, std::string path, std::size_t offset, std::string extra = {}) {
  return Finding{c, std::move(text), std::move(extra), std::move(path), offset};
}

// Go's %v of a decoded JSON value, for messages when a value was not stringified by the decoder.
std::string plain(const json::Value& v) {
  if (v.is_string()) return v.text;
  return json::write(v);
}

}  // namespace

// ---------------------------------------------------------------------------------------------- pure rules

bool is_valid_http_url(std::string_view url) noexcept {
  std::string_view rest;
  if (std::string_view(url).starts_with("http://")) rest = url.substr(7);
  else if (std::string_view(url).starts_with("https://")) rest = url.substr(8);
  else return false;
  for (unsigned char c : url)
    if (c < 0x20 || c == 0x7f) return false;
  // Query first (ParseRequestURI keeps '#' in the URL: it is then invalid in the host and allowed in the path).
  if (!rest.empty() && rest.back() == '?' && std::count(rest.begin(), rest.end(), '?') == 1) rest.remove_suffix(1);
  else if (auto q = rest.find('?'); q != std::string_view::npos) rest = rest.substr(0, q);
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  std::string_view host = authority;
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    if (!valid_userinfo(authority.substr(0, at))) return false;
    host = authority.substr(at + 1);
  }
  if (!host.empty() && host[0] == '[') {
    auto close = host.rfind(']');
    if (close == std::string_view::npos) return false;
    if (!valid_optional_port(host.substr(close + 1))) return false;
    if (!valid_escapes(host.substr(1, close - 1), true)) return false;
  } else {
    if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
      if (!valid_optional_port(host.substr(colon))) return false;
    }
    if (!valid_escapes(host, true)) return false;
  }
  if (host.empty()) return false;
  return valid_escapes(path, false);
}

bool is_hex_color(std::string_view s) noexcept {
  if (s.size() != 7 || s[0] != '#') return false;
  for (std::size_t i = 1; i < 7; ++i)
    if (!is_hex(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

bool is_valid_post_type(std::string_view t) noexcept {
  return t.empty() || t == "slack_attachment" || t == "me" || t == "reminder" || t == "add_bot_teams_channels" ||
         t == "burn_on_read" || std::string_view(t).starts_with("custom_");
}

std::vector<Finding> option_findings(const ActionOption& o) {
  std::vector<Finding> out;
  if (o.text.empty()) out.push_back(finding(Code::action_option, "text is required", "/text", o.offset));
  if (o.value.empty()) out.push_back(finding(Code::action_option, "value is required", "/value", o.offset));
  return out;
}

std::vector<Finding> action_findings(const Action& a) {
  std::vector<Finding> out;
  const std::size_t at = a.offset;
  auto off = [&](const Located<std::string>& v) { return v.offset ? v.offset : at; };
  if (a.name.value.empty()) out.push_back(finding(Code::action_name, "action must have a name", "/name", at));
  const std::string& style = a.style.value;
  if (!style.empty() && style != "default" && style != "primary" && style != "success" && style != "good" &&
      style != "warning" && style != "danger" && !is_hex_color(style)) {
    out.push_back(finding(Code::action_style,
                          "invalid style '" + style +
                              "' - must be one of [default, primary, success, good, warning, danger] or a hex color",
                          "/style", off(a.style)));
  }
  const bool has_options = a.options && !a.options->empty();
  const std::string& type = a.type.value;
  const std::string& ds = a.data_source.value;
  if (type == "button") {
    if (has_options) out.push_back(finding(Code::action_button, "button action must not have options", "/options", at));
    if (!ds.empty())
      out.push_back(finding(Code::action_button, "button action must not have a data source", "/data_source", off(a.data_source)));
  } else if (type == "select") {
    if (!ds.empty()) {
      if (ds != "users" && ds != "channels")
        out.push_back(finding(Code::action_select, "invalid data_source '" + ds + "' for select action", "/data_source",
                              off(a.data_source)));
      if (has_options)
        out.push_back(finding(Code::action_select, "select action cannot have both DataSource and Options set", "/options", at));
    } else if (!has_options) {
      out.push_back(finding(Code::action_select, "select action must have either DataSource or Options set", "", at));
    } else {
      for (std::size_t k = 0; k < a.options->size(); ++k) {
        const auto& o = (*a.options)[k];
        const std::string base = "/options/" + std::to_string(k);
        if (!o) {
          out.push_back(finding(Code::action_option, "select action contains nil option", base, at));
          continue;
        }
        for (Finding f : option_findings(*o)) {
          f.path = base + f.path;
          out.push_back(std::move(f));
        }
      }
    }
  } else {
    out.push_back(finding(Code::action_type, "invalid action type: must be 'button' or 'select'", "/type", off(a.type)));
  }
  if (!a.integration.present) {
    out.push_back(finding(Code::action_integration, "action must have integration settings", "/integration", at));
  } else {
    const std::string& url = a.integration.url;
    if (url.empty())
      out.push_back(finding(Code::action_integration, "action must have an integration URL", "/integration/url", at));
    if (!(std::string_view(url).starts_with("/plugins/") || std::string_view(url).starts_with("plugins/") || is_valid_http_url(url)))
      out.push_back(finding(Code::action_integration, "action must have an valid integration URL", "/integration/url", at));
  }
  return out;
}

std::vector<Finding> attachment_findings(const Attachment& a) {
  std::vector<Finding> out;
  const std::size_t at = a.offset;
  auto off = [&](const Located<std::string>& v) { return v.offset ? v.offset : at; };
  const std::string& color = a.color.value;
  if (!color.empty() && color != "good" && color != "warning" && color != "danger" && !is_hex_color(color)) {
    out.push_back(finding(Code::attachment_color,
                          "invalid style '" + color + "' - must be one of [good, warning, danger] or a hex color",
                          "/color", off(a.color)));
  }
  if (!a.author_link.value.empty()) {
    if (a.author_name.value.empty())
      out.push_back(finding(Code::attachment_link_without_text, "author link cannot be set without author name",
                            "/author_link", off(a.author_link), "author_name"));
    if (!is_valid_http_url(a.author_link.value))
      out.push_back(finding(Code::attachment_url, "invalid author link URL", "/author_link", off(a.author_link)));
  }
  if (!a.author_icon.value.empty() && !is_valid_http_url(a.author_icon.value))
    out.push_back(finding(Code::attachment_url, "invalid author icon URL", "/author_icon", off(a.author_icon)));
  if (!a.title_link.value.empty()) {
    if (a.title.value.empty())
      out.push_back(finding(Code::attachment_link_without_text, "title link cannot be set without title", "/title_link",
                            off(a.title_link), "title"));
    if (!is_valid_http_url(a.title_link.value))
      out.push_back(finding(Code::attachment_url, "invalid title link URL", "/title_link", off(a.title_link)));
  }
  if (a.fields) {
    for (std::size_t k = 0; k < a.fields->size(); ++k) {
      const Field& f = (*a.fields)[k];
      const std::string p = "/fields/" + std::to_string(k) + "/value";
      const std::size_t voff = f.value.offset ? f.value.offset : (f.offset ? f.offset : at);
      json::Kind kind = f.value.kind;
      if (kind == json::Kind::string && f.original_kind != json::Kind::null) kind = f.original_kind;
      const std::string shown = plain(f.value);
      if (kind == json::Kind::number) {
        if (shown.find('e') != std::string::npos || shown.find('E') != std::string::npos) {
          const std::string written = f.value.kind == json::Kind::number ? f.value.text
                                      : !f.original_text.empty()        ? f.original_text
                                                                         : shown;
          out.push_back(finding(Code::field_value_exponent, written, p, voff, shown));
        } else if (shown.find('.') != std::string::npos) {
          out.push_back(finding(Code::field_value_type, "value must be either a string or int", p, voff, shown));
        }
      } else if (kind == json::Kind::boolean || kind == json::Kind::array || kind == json::Kind::object) {
        out.push_back(finding(Code::field_value_type, "value must be either a string or int", p, voff, shown));
      }
    }
  }
  if (!a.image_url.value.empty() && !is_valid_http_url(a.image_url.value))
    out.push_back(finding(Code::attachment_url, "invalid image URL", "/image_url", off(a.image_url)));
  if (!a.thumb_url.value.empty() && !is_valid_http_url(a.thumb_url.value))
    out.push_back(finding(Code::attachment_url, "invalid thumb URL", "/thumb_url", off(a.thumb_url)));
  if (!a.footer_icon.value.empty() && !is_valid_http_url(a.footer_icon.value))
    out.push_back(finding(Code::attachment_url, "invalid footer icon URL", "/footer_icon", off(a.footer_icon)));
  const json::Value& ts = a.ts;
  bool ts_ok = ts.is_null() || ts.is_string();
  if (ts.kind == json::Kind::number) {
    const std::string& t = ts.text;
    ts_ok = t.empty() ? (ts.number == static_cast<double>(static_cast<long long>(ts.number)))
                      : (t.find_first_of(".eE") == std::string::npos);
  }
  if (!ts_ok)
    out.push_back(finding(Code::attachment_ts, "timestamp must be either a string or int64", "/ts", ts.offset ? ts.offset : at));
  for (std::size_t j = 0; j < a.actions.size(); ++j) {
    for (Finding f : action_findings(a.actions[j])) {
      f.path = "/actions/" + std::to_string(j) + f.path;
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::optional<std::string> find_at_channel_mention(std::string_view t, std::size_t* at) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '@') continue;
    if (i > 0 && is_word(static_cast<unsigned char>(t[i - 1]))) continue;  // \B before a non-word '@'
    for (std::string_view w : {"channel", "all", "here"}) {
      if (i + 1 + w.size() > t.size() || !iequals(t.substr(i + 1, w.size()), w)) continue;
      std::size_t e = i + 1 + w.size();
      if (e < t.size() && is_word(static_cast<unsigned char>(t[e]))) continue;  // \b
      if (at) *at = i;
      return "@" + std::string(w);
    }
  }
  return std::nullopt;
}

namespace {
// Names after `sigil` where a word starts, of ASCII letters, digits and `extra`: keep(name) gives what to record
// ("" for nothing), each recorded once, in order.
template <class Keep>
std::vector<std::string> mentions(std::string_view t, char sigil, std::string_view extra, Keep&& keep) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != sigil) continue;
    if (i > 0 && is_word(static_cast<unsigned char>(t[i - 1]))) continue;
    std::size_t e = i + 1;
    while (e < t.size() && (is_alnum(static_cast<unsigned char>(t[e])) || extra.find(t[e]) != std::string_view::npos)) ++e;
    std::string name = keep(t.substr(i + 1, e - i - 1));
    i = e - 1;
    if (!name.empty() && seen.insert(name).second) out.push_back(std::move(name));
  }
  return out;
}
}  // namespace

std::vector<std::string> channel_mentions(std::string_view t) {
  return mentions(t, '~', "-_", [](std::string_view name) { return std::string(name); });
}

std::vector<std::string> channel_mentions_from_attachments(const std::vector<Attachment>& list) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string_view s) {
    for (std::string& n : channel_mentions(s))
      if (seen.insert(n).second) out.push_back(std::move(n));
  };
  for (const Attachment& a : list) {
    add(a.pretext.value);
    add(a.text.value);
    if (a.fields)
      for (const Field& f : *a.fields)
        if (f.value.is_string()) add(f.value.text);
  }
  return out;
}

std::vector<std::string> user_mentions(std::string_view t) {
  return mentions(t, '@', ".-_", [](std::string_view raw) {
    std::string name = ascii_lower(raw);
    while (!name.empty() && name.back() == '.') name.pop_back();
    if (name == "channel" || name == "all" || name == "here") name.clear();
    return name;
  });
}

std::vector<std::string> post_props_problems(const json::Value& props) {
  std::vector<std::string> out;
  if (!props.is_object()) return out;
  auto valid_id = [](const std::string& s) {
    if (s.size() != 26) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
  };
  auto get = [&](const char* k) -> const json::Value* {
    const json::Value* v = props.find(k);
    return (v && !v->is_null()) ? v : nullptr;
  };
  auto id_prop = [&](const char* k, const char* what) {
    if (const json::Value* v = get(k)) {
      if (!v->is_string()) out.push_back(std::string(k) + " prop must be a string");
      else if (!valid_id(v->text)) out.push_back(std::string(k) + " prop must be a valid " + what);
    }
  };
  auto string_prop = [&](const char* k) {
    if (const json::Value* v = get(k); v && !v->is_string()) out.push_back(std::string(k) + " prop must be a string");
  };
  auto true_prop = [&](const char* k) {
    if (const json::Value* v = get(k)) {
      if (!v->is_string()) out.push_back(std::string(k) + " prop must be a string");
      else if (v->text != "true") out.push_back(std::string(k) + " prop must be \"true\"");
    }
  };
  auto bool_prop = [&](const char* k, const char* name) {
    if (const json::Value* v = get(k); v && v->kind != json::Kind::boolean)
      out.push_back(std::string(name) + " prop must be a boolean");
  };
  id_prop("addedUserId", "user ID");
  id_prop("deleteBy", "user ID");
  if (const json::Value* v = get("override_icon_url")) {
    if (!v->is_string()) out.push_back("override_icon_url prop must be a string");
    else if (v->text.empty() || !is_valid_http_url(v->text)) out.push_back("override_icon_url prop must be a valid URL");
  }
  string_prop("override_icon_emoji");
  string_prop("override_username");
  true_prop("from_webhook");
  true_prop("from_bot");
  true_prop("from_oauth_app");
  true_prop("from_plugin");
  true_prop("unsafe_links");
  string_prop("webhook_display_name");
  bool_prop("mentionHighlightDisabled", "mention_highlight_disabled");
  bool_prop("disable_group_highlight", "disable_group_highlight");
  id_prop("previewed_post", "post ID");
  bool_prop("force_notification", "force_notification");
  id_prop("ai_generated_by", "user ID");
  string_prop("ai_generated_by_username");
  return out;
}

// ---------------------------------------------------------------------------------------------- located checks

namespace {
struct LooseLink {
  std::size_t begin = 0, end = 0;
};
// The first match of the attachment regex <([^<|]+)\|([^>]+)> whose text the message regex would not convert the
// same way (a line break or '>' in the target, a '|' or line break in the label); the whole text when none is.
LooseLink first_loose_only_link(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size()) {
    if (t[i] != '<') { ++i; continue; }
    std::size_t j = i + 1;
    while (j < t.size() && t[j] != '<' && t[j] != '|') ++j;
    if (j == i + 1 || j >= t.size() || t[j] != '|') { ++i; continue; }
    const std::size_t k = t.find('>', j + 1);
    if (k == std::string_view::npos || k == j + 1) { ++i; continue; }
    const std::string_view target = t.substr(i + 1, j - i - 1), label = t.substr(j + 1, k - j - 1);
    if (target.find_first_of("\n>") != std::string_view::npos || label.find_first_of("|\n") != std::string_view::npos)
      return {i, k + 1};
    i = k + 1;
  }
  return {0, t.size()};
}
// The pointers the decoder carried for an attachment's values, by the values' offsets.
std::unordered_map<std::size_t, const std::string*> pointers_by_offset(const Attachment& a) {
  std::unordered_map<std::size_t, const std::string*> out;
  const auto put = [&](std::size_t off, const std::string& ptr) {
    if (off && !ptr.empty()) out[off] = &ptr;
  };
  const auto put_located = [&](const auto& l) { put(l.offset, l.pointer); };
  for (const auto* l : {&a.fallback, &a.color, &a.pretext, &a.author_name, &a.author_link, &a.author_icon, &a.title,
                        &a.title_link, &a.text, &a.image_url, &a.thumb_url, &a.footer, &a.footer_icon})
    put_located(*l);
  put(a.ts.offset, a.ts_pointer);
  if (a.fields) {
    for (const Field& f : *a.fields) {
      put(f.offset, f.pointer);
      put_located(f.title);
      put(f.value.offset, f.value_pointer);
    }
  }
  for (const Action& ac : a.actions) {
    put(ac.offset, ac.pointer);
    for (const auto* l : {&ac.id, &ac.type, &ac.name, &ac.tooltip, &ac.style, &ac.data_source, &ac.default_option,
                          &ac.cookie})
      put_located(*l);
    put_located(ac.disabled);
    if (ac.options)
      for (const auto& o : *ac.options)
        if (o) put(o->offset, o->pointer);
  }
  return out;
}
}  // namespace

void check_attachments(const std::vector<Attachment>& list, const ServerSettings& settings, Diagnostics& diags,
                       const TextSource& source) {
  std::unordered_map<std::string, std::size_t> id_count;
  for (const Attachment& a : list)
    for (const Action& act : a.actions)
      if (!act.id.value.empty()) ++id_count[act.id.value];
  std::unordered_set<std::string> reported_dup;

  for (std::size_t i = 0; i < list.size(); ++i) {
    const Attachment& a = list[i];
    const std::string& base = a.pointer;
    const std::string name = "attachments[" + std::to_string(i) + "]";
    // A finding names its value by offset: the value's own pointer, else the path relative to the attachment.
    const auto pointers = pointers_by_offset(a);
    for (const Finding& f : attachment_findings(a)) {
      std::size_t off = f.offset ? f.offset : a.offset;
      const auto it = f.offset != a.offset ? pointers.find(f.offset) : pointers.end();
      diags.add(f.code, it != pointers.end() ? *it->second : base + f.path, off, {f.text, f.extra});
    }
    for (std::size_t j = 0; j < a.actions.size(); ++j) {
      const Action& act = a.actions[j];
      const std::string& id = act.id.value;
      if (id.empty()) continue;
      const std::string& path = act.id.pointer;
      std::size_t off = act.id.offset ? act.id.offset : act.offset;
      if (!std::all_of(id.begin(), id.end(), [](char c) { return is_alnum(static_cast<unsigned char>(c)); }))
        diags.add(Code::action_id_unroutable, path, off, {clip(id)});
      if (id_count[id] > 1 && reported_dup.insert(id).second) diags.add(Code::action_id_duplicate, path, off, {clip(id)});
    }
    // Text checks on the values Mattermost formats.
    auto text_value = [&](const Located<std::string>& v, const char* key) {
      if (v.value.empty()) return;
      check_text(v.value, name + "." + key, v.pointer, v.offset ? v.offset : a.offset, settings, diags, source);
    };
    text_value(a.pretext, "pretext");
    text_value(a.text, "text");
    text_value(a.title, "title");
    if (a.fields) {
      for (std::size_t k = 0; k < a.fields->size(); ++k) {
        const Field& f = (*a.fields)[k];
        if (!f.value.is_string() || f.value.text.empty()) continue;
        check_text(f.value.text, name + ".fields[" + std::to_string(k) + "].value", f.value_pointer,
                   f.value.offset ? f.value.offset : (f.offset ? f.offset : a.offset), settings, diags, source);
      }
    }
    // The looser attachment link regex versus the message one.
    auto mangled = [&](const std::string& raw, const std::string& where, const std::string& path, std::size_t off) {
      if (raw.find('<') == std::string::npos) return;
      const std::string s = process_slack_text(raw);
      if (s.find('<') == std::string::npos || convert_attachment_links(s) == convert_message_links(s)) return;
      const LooseLink m = first_loose_only_link(s);
      const std::string before = s.substr(m.begin, m.end - m.begin);
      const std::size_t in_raw = raw.find(before);
      StringPositions pos(source, off);
      diags.add(Code::slack_attachment_link, path, in_raw == std::string::npos ? off : pos.at(in_raw),
                {where, clip(before, 80), clip(convert_attachment_links(before), 80)});
    };
    if (!a.text.value.empty())
      mangled(a.text.value, name + ".text", a.text.pointer, a.text.offset ? a.text.offset : a.offset);
    if (!a.pretext.value.empty())
      mangled(a.pretext.value, name + ".pretext", a.pretext.pointer, a.pretext.offset ? a.pretext.offset : a.offset);
    if (a.fields) {
      for (std::size_t k = 0; k < a.fields->size(); ++k) {
        const Field& f = (*a.fields)[k];
        if (!f.value.is_string()) continue;
        mangled(f.value.text, name + ".fields[" + std::to_string(k) + "].value", f.value_pointer,
                f.value.offset ? f.value.offset : a.offset);
      }
    }
    // SVG images in the image fields.
    if (!settings.enable_svgs) {
      auto svg = [&](const Located<std::string>& v, const char* key) {
        if (ascii_lower(v.value).find(".svg") == std::string::npos) return;
        diags.add(Code::image_svg, v.pointer, v.offset ? v.offset : a.offset,
                  {"\"" + clip(v.value) + "\"", name + "." + key});
      };
      svg(a.image_url, "image_url");
      svg(a.thumb_url, "thumb_url");
      svg(a.author_icon, "author_icon");
      svg(a.footer_icon, "footer_icon");
    }
  }
}

void check_text(std::string_view t, std::string_view where, const std::string& path, std::size_t offset,
                const ServerSettings& settings, Diagnostics& diags, const TextSource& source) {
  const std::string w(where);
  StringPositions pos(source, offset);
  std::size_t mention_at = 0;
  if (auto m = find_at_channel_mention(t, &mention_at))
    diags.add(Code::mention_channel_wide, path, pos.at(mention_at), {*m, w});

  // Where the web/desktop and mobile apps structure the Markdown differently (titles have no blocks).
  if (!w.ends_with(".title")) {
    for (const DialectNote& n : dialect_notes(t)) diags.add(n.code, path, pos.at(n.at), {w, std::to_string(n.line), n.arg2, n.arg3});
  }

  // Slack <...> constructs.
  std::unordered_set<std::string> seen;
  std::size_t reported = 0;
  for (std::size_t i = 0; i + 1 < t.size() && reported < 20; ++i) {
    if (t[i] != '<' || (t[i + 1] != '!' && t[i + 1] != '#' && t[i + 1] != '@')) continue;
    std::size_t j = i + 1;
    while (j < t.size() && t[j] != '>' && t[j] != '<' && t[j] != '\n') ++j;
    if (j >= t.size() || t[j] != '>') continue;
    std::string_view inner = t.substr(i + 1, j - i - 1);
    std::string whole(t.substr(i, j - i + 1));
    const std::size_t at = pos.at(i);
    i = j;
    if (!seen.insert(whole).second) continue;
    ++reported;
    if (inner == "!channel" || inner == "!here" || inner == "!all") {
      diags.add(Code::slack_announcement, path, at, {whole, w, "@" + std::string(inner.substr(1))});
      continue;
    }
    auto bar = inner.find('|');
    if (bar == std::string_view::npos) {
      if (inner[0] == '@' && inner.size() > 1 &&
          std::all_of(inner.begin() + 1, inner.end(), [](char c) { return is_alnum(static_cast<unsigned char>(c)); }))
        diags.add(Code::slack_user_id, path, at, {whole, w});
      else
        diags.add(Code::slack_untranslated, path, at, {clip(whole), w});
      continue;
    }
    std::string_view target = inner.substr(0, bar), label = inner.substr(bar + 1);
    if (!target.empty() && !label.empty() && label.find('|') == std::string_view::npos)
      diags.add(Code::slack_odd_link, path, at, {clip(whole), w, std::string(label), std::string(target)});
    else
      diags.add(Code::slack_untranslated, path, at, {clip(whole), w});
  }

  // Slack *bold* (single asterisks on one line).
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (t[i] != '*' || (i > 0 && t[i - 1] == '*') || t[i + 1] == '*' || t[i + 1] == ' ' || t[i + 1] == '\n') continue;
    std::size_t k = i + 1;
    while (k < t.size() && t[k] != '*' && t[k] != '\n') ++k;
    if (k >= t.size() || t[k] != '*') continue;
    if (t[k - 1] == ' ' || (k + 1 < t.size() && t[k + 1] == '*')) {
      i = k - 1;
      continue;
    }
    diags.add(Code::slack_bold, path, pos.at(i), {clip(t.substr(i, k - i + 1), 40), w});
    break;
  }

  // SVG images in Markdown.
  if (!settings.enable_svgs) {
    std::size_t pos_md = 0;
    while ((pos_md = t.find("![", pos_md)) != std::string_view::npos) {
      std::size_t open = t.find("](", pos_md + 2);
      if (open == std::string_view::npos) break;
      std::size_t e = open + 2;
      while (e < t.size() && t[e] != ')' && t[e] != ' ' && t[e] != '\n') ++e;
      std::string_view url = t.substr(open + 2, e - open - 2);
      if (ascii_lower(url).find(".svg") != std::string::npos) {
        diags.add(Code::image_svg, path, pos.at(pos_md), {"\"" + clip(url) + "\"", w});
        break;
      }
      pos_md = e;
    }
  }
}

}  // namespace mmhook
