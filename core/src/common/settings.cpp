#include "mmhook/settings.h"

#include "simdjson.h"

namespace mmhook {
namespace {

void note(std::vector<std::string>* problems, std::string s) {
  if (problems) problems->push_back(std::move(s));
}

void read_bool(simdjson::dom::element v, std::string_view key, bool& out, std::vector<std::string>* p) {
  bool b;
  if (v.get_bool().get(b) == simdjson::SUCCESS) out = b;
  else note(p, "settings." + std::string(key) + " must be a boolean");
}

void read_int(simdjson::dom::element v, std::string_view key, std::int64_t& out, std::vector<std::string>* p) {
  double d;
  if (v.get_double().get(d) == simdjson::SUCCESS && d >= 0 && d <= 1e15) out = static_cast<std::int64_t>(d);
  else note(p, "settings." + std::string(key) + " must be a non-negative number");
}

void read_string(simdjson::dom::element v, std::string_view key, std::string& out, std::vector<std::string>* p) {
  std::string_view s;
  if (v.get_string().get(s) == simdjson::SUCCESS) out = std::string(s);
  else note(p, "settings." + std::string(key) + " must be a string");
}

}  // namespace

ServerSettings settings_from_json(std::string_view json, std::vector<std::string>* problems) {
  ServerSettings s;
  if (json.empty()) return s;
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(json.data(), json.size()).get_object().get(root) != simdjson::SUCCESS) {
    note(problems, "settings must be a JSON object");
    return s;
  }
  for (auto [key, v] : root) {
    if (v.is_null()) continue;
    if (key == "enablePostUsernameOverride") {
      read_bool(v, key, s.enable_post_username_override, problems);
      s.username_override_stated = v.is_bool();
    }
    else if (key == "enablePostIconOverride") read_bool(v, key, s.enable_post_icon_override, problems);
    else if (key == "maxPostSize") read_int(v, key, s.max_post_size, problems);
    else if (key == "maximumPayloadSizeBytes") read_int(v, key, s.maximum_payload_size_bytes, problems);
    else if (key == "enableLatex") read_bool(v, key, s.enable_latex, problems);
    else if (key == "enableInlineLatex") read_bool(v, key, s.enable_inline_latex, problems);
    else if (key == "enableSvgs") read_bool(v, key, s.enable_svgs, problems);
    else if (key == "minimumHashtagLength") read_int(v, key, s.minimum_hashtag_length, problems);
    else if (key == "postPriority") read_bool(v, key, s.post_priority, problems);
    else if (key == "enableIncomingWebhooks") read_bool(v, key, s.enable_incoming_webhooks, problems);
    else if (key == "enableDeveloper") read_bool(v, key, s.enable_developer, problems);
    else if (key == "customUrlSchemes") {
      simdjson::dom::array arr;
      if (v.get_array().get(arr) != simdjson::SUCCESS) { note(problems, "settings.customUrlSchemes must be an array of strings"); continue; }
      s.custom_url_schemes.clear();
      for (auto e : arr) {
        std::string_view str;
        if (e.get_string().get(str) == simdjson::SUCCESS) s.custom_url_schemes.emplace_back(str);
        else note(problems, "settings.customUrlSchemes must be an array of strings");
      }
    } else if (key == "knownChannels" || key == "knownUsers") {
      simdjson::dom::array arr;
      if (v.get_array().get(arr) != simdjson::SUCCESS) { note(problems, "settings." + std::string(key) + " must be an array of strings"); continue; }
      std::vector<std::string> names;
      for (auto e : arr) {
        std::string_view str;
        if (e.get_string().get(str) == simdjson::SUCCESS) names.emplace_back(str);
        else note(problems, "settings." + std::string(key) + " must be an array of strings");
      }
      (key == "knownChannels" ? s.known_channels : s.known_users) = std::move(names);
    } else if (key == "hook") {
      simdjson::dom::object hook;
      if (v.get_object().get(hook) != simdjson::SUCCESS) { note(problems, "settings.hook must be an object"); continue; }
      for (auto [hk, hv] : hook) {
        if (hv.is_null()) continue;
        if (hk == "displayName") read_string(hv, "hook.displayName", s.hook.display_name, problems);
        else if (hk == "creator") read_string(hv, "hook.creator", s.hook.creator, problems);
        else if (hk == "channel") read_string(hv, "hook.channel", s.hook.channel, problems);
        else if (hk == "channelLocked") read_bool(hv, "hook.channelLocked", s.hook.channel_locked, problems);
        else if (hk == "username") read_string(hv, "hook.username", s.hook.username, problems);
        else if (hk == "iconUrl") read_string(hv, "hook.iconUrl", s.hook.icon_url, problems);
        else note(problems, "unknown setting hook." + std::string(hk));
      }
    } else {
      note(problems, "unknown setting " + std::string(key));
    }
  }
  return s;
}

}  // namespace mmhook
