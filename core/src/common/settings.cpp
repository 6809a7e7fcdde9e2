#include "mmhook/settings.h"

#include <cmath>
#include <string>

#include "simdjson.h"

namespace mmhook {

const std::vector<SettingRange>& setting_ranges() {
  static const std::vector<SettingRange> ranges = {
      {"maxPostSize", 4000, 2147483647, &ServerSettings::max_post_size, ServerSettings{}.max_post_size},
      {"maximumPayloadSizeBytes", 1, 2147483647, &ServerSettings::maximum_payload_size_bytes,
       ServerSettings{}.maximum_payload_size_bytes},
      {"minimumHashtagLength", 0, 2147483647, &ServerSettings::minimum_hashtag_length,
       ServerSettings{}.minimum_hashtag_length},
  };
  return ranges;
}

namespace {

using Problems = std::vector<Diagnostic>;

void note(Problems* problems, Code c, std::initializer_list<std::string_view> args) {
  if (problems) problems->push_back(make_diagnostic(c, "", 0, args));
}

std::string range_text(const SettingRange& r) {
  return "from " + std::to_string(r.min) + " to " + std::to_string(r.max);
}

void read_bool(simdjson::dom::element v, std::string_view key, bool& out, Problems* p) {
  bool b;
  if (v.get_bool().get(b) == simdjson::SUCCESS) out = b;
  else note(p, Code::settings_invalid, {key, "must be true or false"});
}

// A whole number inside the setting's range; anything else keeps the default (no value ever wraps).
void read_int(simdjson::dom::element v, std::string_view key, std::int64_t& out, Problems* p) {
  const SettingRange* range = nullptr;
  for (const SettingRange& r : setting_ranges())
    if (r.name == key) range = &r;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
  std::string shown;
  bool in = false;
  if (v.get_int64().get(i) == simdjson::SUCCESS) {
    shown = std::to_string(i);
    in = !range || (i >= range->min && i <= range->max);
  } else if (v.get_uint64().get(u) == simdjson::SUCCESS) {
    shown = std::to_string(u);
  } else if (v.get_double().get(d) == simdjson::SUCCESS) {
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e18) {
      i = static_cast<std::int64_t>(d);
      shown = std::to_string(i);
      in = !range || (i >= range->min && i <= range->max);
    } else if (std::isfinite(d) && std::floor(d) == d) {
      shown = d < 0 ? "below -9e18" : "above 9e18";
    } else {
      note(p, Code::settings_invalid, {key, "must be a whole number"});
      return;
    }
  } else {
    note(p, Code::settings_invalid, {key, "must be a number"});
    return;
  }
  if (in) { out = i; return; }
  if (range) note(p, Code::settings_out_of_range, {key, shown, range_text(*range), std::to_string(range->def)});
}

void read_string(simdjson::dom::element v, std::string_view key, std::string& out, Problems* p) {
  std::string_view s;
  if (v.get_string().get(s) == simdjson::SUCCESS) out = std::string(s);
  else note(p, Code::settings_invalid, {key, "must be a string"});
}

}  // namespace

void normalize_settings(ServerSettings& s, Diagnostics& diags) {
  for (const SettingRange& r : setting_ranges()) {
    std::int64_t& v = s.*(r.field);
    if (v >= 0 && v <= r.max) continue;
    diags.add(Code::settings_out_of_range, "", 0, {r.name, std::to_string(v), range_text(r), std::to_string(r.def)});
    v = r.def;
  }
}

ServerSettings settings_from_json(std::string_view json, std::vector<Diagnostic>* problems) {
  ServerSettings s;
  if (json.empty()) return s;
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(json.data(), json.size()).get_object().get(root) != simdjson::SUCCESS) {
    note(problems, Code::settings_invalid, {"settings", "must be a JSON object"});
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
      if (v.get_array().get(arr) != simdjson::SUCCESS) { note(problems, Code::settings_invalid, {"customUrlSchemes", "must be an array of strings"}); continue; }
      s.custom_url_schemes.clear();
      bool bad = false;
      for (auto e : arr) {
        std::string_view str;
        if (e.get_string().get(str) == simdjson::SUCCESS) s.custom_url_schemes.emplace_back(str);
        else bad = true;
      }
      if (bad) note(problems, Code::settings_invalid, {"customUrlSchemes", "must hold strings only (the others are ignored)"});
    } else if (key == "knownChannels" || key == "knownUsers") {
      simdjson::dom::array arr;
      if (v.get_array().get(arr) != simdjson::SUCCESS) { note(problems, Code::settings_invalid, {key, "must be an array of strings"}); continue; }
      std::vector<std::string> names;
      bool bad = false;
      for (auto e : arr) {
        std::string_view str;
        if (e.get_string().get(str) == simdjson::SUCCESS) names.emplace_back(str);
        else bad = true;
      }
      if (bad) note(problems, Code::settings_invalid, {key, "must hold strings only (the others are ignored)"});
      (key == "knownChannels" ? s.known_channels : s.known_users) = std::move(names);
    } else if (key == "hook") {
      simdjson::dom::object hook;
      if (v.get_object().get(hook) != simdjson::SUCCESS) { note(problems, Code::settings_invalid, {"hook", "must be an object"}); continue; }
      for (auto [hk, hv] : hook) {
        if (hv.is_null()) continue;
        if (hk == "displayName") read_string(hv, "hook.displayName", s.hook.display_name, problems);
        else if (hk == "creator") read_string(hv, "hook.creator", s.hook.creator, problems);
        else if (hk == "channel") read_string(hv, "hook.channel", s.hook.channel, problems);
        else if (hk == "channelLocked") read_bool(hv, "hook.channelLocked", s.hook.channel_locked, problems);
        else if (hk == "username") read_string(hv, "hook.username", s.hook.username, problems);
        else if (hk == "iconUrl") read_string(hv, "hook.iconUrl", s.hook.icon_url, problems);
        else note(problems, Code::settings_unknown, {"hook." + std::string(hk)});
      }
    } else {
      note(problems, Code::settings_unknown, {key});
    }
  }
  return s;
}

}  // namespace mmhook
