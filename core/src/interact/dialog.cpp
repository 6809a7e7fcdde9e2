// Interactive dialogs (spec interactivity §4–§6): the open request as the server decodes and checks it, the dialog
// as the v11.6 web app draws it by default (Apps-form renderer), its pre-submit checks, the submission request, and
// the integration's answer to it.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "common/ascii.h"
#include "decode/json_parse.h"
#include "decode/typed_decoder.h"
#include "interact/common.h"
#include "render/html.h"
#include "render/markdown.h"

namespace mmhook {
namespace {

using namespace interact;
using detail::append_attr;
using detail::append_escaped;

constexpr std::size_t kMaxOptionsDrawn = 500;
constexpr std::size_t kMaxOpenRequest = std::size_t{16} << 20;

struct Opt {
  std::string text, value;
};

struct Element {
  std::string display_name, name, type, subtype, def, placeholder, help_text, data_source, data_source_url;
  std::string min_date, max_date, location_timezone;
  bool optional = false, multiselect = false, refresh = false, allow_manual_time_entry = false;
  std::int64_t min_length = 0, max_length = 0, time_interval = 0, config_time_interval = 0;
  std::vector<Opt> options;
  std::string path;
  std::size_t offset = 0;
};

struct Dialog {
  std::string callback_id, title, introduction_text, icon_url, submit_label, state, source_url;
  bool notify_on_cancel = false;
  std::vector<Element> elements;
};

// A scalar field of T by its (folded) JSON key: exactly one of s, b, i is set.
template <class T>
struct Field {
  std::string_view key;
  std::string T::*s = nullptr;
  bool T::*b = nullptr;
  std::int64_t T::*i = nullptr;
};

constexpr Field<Element> kElementFields[] = {
    {.key = "display_name", .s = &Element::display_name}, {.key = "name", .s = &Element::name},
    {.key = "type", .s = &Element::type}, {.key = "subtype", .s = &Element::subtype},
    {.key = "default", .s = &Element::def}, {.key = "placeholder", .s = &Element::placeholder},
    {.key = "help_text", .s = &Element::help_text}, {.key = "optional", .b = &Element::optional},
    {.key = "min_length", .i = &Element::min_length}, {.key = "max_length", .i = &Element::max_length},
    {.key = "data_source", .s = &Element::data_source}, {.key = "data_source_url", .s = &Element::data_source_url},
    {.key = "multiselect", .b = &Element::multiselect}, {.key = "refresh", .b = &Element::refresh},
    {.key = "min_date", .s = &Element::min_date}, {.key = "max_date", .s = &Element::max_date},
    {.key = "time_interval", .i = &Element::time_interval}};

constexpr Field<Dialog> kDialogFields[] = {
    {.key = "callback_id", .s = &Dialog::callback_id}, {.key = "title", .s = &Dialog::title},
    {.key = "introduction_text", .s = &Dialog::introduction_text}, {.key = "icon_url", .s = &Dialog::icon_url},
    {.key = "submit_label", .s = &Dialog::submit_label}, {.key = "notify_on_cancel", .b = &Dialog::notify_on_cancel},
    {.key = "state", .s = &Dialog::state}, {.key = "source_url", .s = &Dialog::source_url}};

bool k_fits(const json::Value& v, Want k) {
  if (v.is_null()) return true;
  switch (k) {
    case Want::string: return v.is_string();
    case Want::boolean: return v.kind == json::Kind::boolean;
    case Want::int64: {
      if (v.kind != json::Kind::number) return false;
      for (char ch : v.text) if (ch == '.' || ch == 'e' || ch == 'E') return false;
      return std::fabs(v.number) < 9.2e18;
    }
    case Want::object: return v.is_object();
    case Want::array: return v.is_array();
    default: return false;  // not a kind the dialog decoder asks for
  }
}

struct Decoder {
  Diagnostics& diags;
  bool failed = false;

  // Checks the kind of v; on mismatch reports and marks the decode failed.
  bool want(const json::Value& v, Want k, const std::string& path) {
    if (k_fits(v, k)) return !v.is_null();
    diags.add(Code::dialog_type, path, v.offset, {path, want_name(k), kind_name(v)});
    failed = true;
    return false;
  }
  void str(const json::Value& v, const std::string& path, std::string& into) {
    if (want(v, Want::string, path)) into = v.text;
  }
  void boolean(const json::Value& v, const std::string& path, bool& into) {
    if (want(v, Want::boolean, path)) into = v.boolean;
  }
  void integer(const json::Value& v, const std::string& path, std::int64_t& into) {
    if (want(v, Want::int64, path)) into = static_cast<std::int64_t>(v.number);
  }
  void unknown(const json::Member& m, const std::string& path, std::string_view of, std::string_view note = "") {
    diags.add(Code::dialog_unknown_key, path, m.key_offset, {clip(m.key), std::string(of), std::string(note)});
  }

  // Each member of object v, with its JSON Pointer and folded key (Go's case-insensitive match).
  template <class F>
  void members(const json::Value& v, const std::string& path, F&& f) {
    for (const json::Member& m : v.object) f(m, path + "/" + pointer_token(m.key), fold_key(m.key));
  }
  // Decodes a scalar field of `into` named k from its table; false when k is not in the table.
  template <class T, std::size_t N>
  bool scalar(const Field<T> (&table)[N], std::string_view k, const json::Value& x, const std::string& p, T& into) {
    for (const Field<T>& f : table) {
      if (f.key != k) continue;
      if (f.s) str(x, p, into.*f.s);
      else if (f.b) boolean(x, p, into.*f.b);
      else integer(x, p, into.*f.i);
      return true;
    }
    return false;
  }

  void options(const json::Value& x, const std::string& p, Element& e) {
    e.options.clear();
    if (!want(x, Want::array, p)) return;
    for (std::size_t i = 0; i < x.array.size(); ++i) {
      const json::Value& o = x.array[i];
      const std::string op = p + "/" + std::to_string(i);
      if (!want(o, Want::object, op)) { if (o.is_null()) e.options.push_back({}); continue; }
      Opt opt;
      members(o, op, [&](const json::Member& om, const std::string& omp, const std::string& k2) {
        if (k2 == "text") str(om.value, omp, opt.text);
        else if (k2 == "value") str(om.value, omp, opt.value);
        else unknown(om, omp, "an option");
      });
      e.options.push_back(std::move(opt));
    }
  }

  void datetime_config(const json::Value& x, const std::string& p, Element& e) {
    if (!want(x, Want::object, p)) return;
    members(x, p, [&](const json::Member& dm, const std::string& dp, const std::string& k2) {
      if (k2 == "time_interval") integer(dm.value, dp, e.config_time_interval);
      else if (k2 == "location_timezone") str(dm.value, dp, e.location_timezone);
      else if (k2 == "allow_manual_time_entry") boolean(dm.value, dp, e.allow_manual_time_entry);
      else if (k2 == "min_date" || k2 == "max_date" || k2 == "manual_time_entry")
        unknown(dm, dp, "datetime_config", " (it is v11.8+; v11.6 reads top-level min_date/max_date and allow_manual_time_entry)");
      else unknown(dm, dp, "datetime_config");
    });
  }

  Element element(const json::Value& v, const std::string& path) {
    Element e;
    e.path = path;
    e.offset = v.offset;
    if (!want(v, Want::object, path)) return e;
    members(v, path, [&](const json::Member& m, const std::string& p, const std::string& k) {
      if (scalar(kElementFields, k, m.value, p, e)) return;
      if (k == "options") options(m.value, p, e);
      else if (k == "datetime_config") datetime_config(m.value, p, e);
      else unknown(m, p, "a dialog element");
    });
    return e;
  }

  Dialog dialog(const json::Value& v, const std::string& path) {
    Dialog d;
    if (!want(v, Want::object, path)) return d;
    members(v, path, [&](const json::Member& m, const std::string& p, const std::string& k) {
      if (scalar(kDialogFields, k, m.value, p, d)) return;
      if (k == "elements") {
        d.elements.clear();
        if (!want(m.value, Want::array, p)) return;
        for (std::size_t i = 0; i < m.value.array.size(); ++i) d.elements.push_back(element(m.value.array[i], p + "/" + std::to_string(i)));
      } else {
        unknown(m, p, "the dialog");
      }
    });
    return d;
  }
};

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s) if (ch < '0' || ch > '9') return false;
  return true;
}

int days_in(int y, int m) {
  static constexpr int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[m - 1];
}

// Go time.Parse("2006-01-02", s).
bool iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) || !digits(s.substr(8, 2)))
    return false;
  int y = std::atoi(std::string(s.substr(0, 4)).c_str()), m = std::atoi(std::string(s.substr(5, 2)).c_str()),
      d = std::atoi(std::string(s.substr(8, 2)).c_str());
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m);
}

bool hh_mm(std::string_view s, bool seconds) {
  if (s.size() != (seconds ? 8u : 5u) || s[2] != ':' || !digits(s.substr(0, 2)) || !digits(s.substr(3, 2))) return false;
  if (std::atoi(std::string(s.substr(0, 2)).c_str()) > 23 || std::atoi(std::string(s.substr(3, 2)).c_str()) > 59) return false;
  if (seconds && (s[5] != ':' || !digits(s.substr(6, 2)) || std::atoi(std::string(s.substr(6, 2)).c_str()) > 59)) return false;
  return true;
}

// The server's datetime layouts: 2006-01-02T15:04:05Z, …T15:04:05-07:00, …T15:04:05, …T15:04.
bool server_datetime(std::string_view s) {
  if (s.size() < 16 || s[10] != 'T' || !iso_date(s.substr(0, 10))) return false;
  std::string_view t = s.substr(11);
  if (t.size() == 5) return hh_mm(t, false);
  if (t.size() < 8 || !hh_mm(t.substr(0, 8), true)) return false;
  std::string_view z = t.substr(8);
  if (z.empty() || z == "Z") return true;
  return z.size() == 6 && (z[0] == '+' || z[0] == '-') && digits(z.substr(1, 2)) && z[3] == ':' && digits(z.substr(4, 2));
}

// Server relative form: today/tomorrow/yesterday or [+-]<1-3 digits>[dwm], any case.
bool server_relative(std::string_view s) {
  const std::string l = ascii_lower(s);
  if (l == "today" || l == "tomorrow" || l == "yesterday") return true;
  if (l.size() < 3 || l.size() > 5 || (l[0] != '+' && l[0] != '-')) return false;
  const char unit = l.back();
  return (unit == 'd' || unit == 'w' || unit == 'm') && digits(std::string_view(l).substr(1, l.size() - 2));
}

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r')) --b;
  return std::string(s.substr(a, b - a));
}

std::vector<std::string> comma_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    std::size_t j = s.find(',', i);
    if (j == std::string_view::npos) j = s.size();
    std::string t = trim(s.substr(i, j - i));
    if (!t.empty()) out.push_back(std::move(t));
    i = j + 1;
  }
  return out;
}

bool has_option(const Element& e, std::string_view v) {
  for (const Opt& o : e.options) if (o.value == v) return true;
  return false;
}

bool http_url(std::string_view u) {
  const std::string l = ascii_lower(u.substr(0, 8));
  return (l.rfind("http://", 0) == 0 && u.size() > 7) || (l.rfind("https://", 0) == 0 && u.size() > 8);
}

// Dialog.IsValid (§5.5): every message the server would log.
std::vector<std::pair<std::string, std::string>> server_rules(const Dialog& d, const std::string& base) {
  std::vector<std::pair<std::string, std::string>> out;   // (path, message)
  if (d.title.empty() || d.title.size() > 24) out.push_back({base + "/title", "invalid dialog title \"" + clip(d.title) + "\""});
  if (!d.icon_url.empty() && !http_url(d.icon_url)) out.push_back({base + "/icon_url", "invalid icon url"});
  std::vector<std::string> seen;
  for (const Element& e : d.elements) {
    for (const std::string& s : seen)
      if (s == e.name) { out.push_back({e.path + "/name", "duplicate dialog element \"" + clip(e.name) + "\""}); break; }
    seen.push_back(e.name);
    const std::string pre = "\"" + clip(e.name) + "\" field is not valid: ";
    auto add = [&](std::string_view key, std::string msg) { out.push_back({e.path + (key.empty() ? "" : "/" + std::string(key)), pre + msg}); };
    auto max_len = [&](std::string_view key, std::string_view label, const std::string& v, std::size_t max) {
      if (v.size() > max) add(key, std::string(label) + " cannot be longer than " + std::to_string(max) + " characters, got " + std::to_string(v.size()));
    };
    if (e.min_length < 0) add("min_length", "min length cannot be a negative number, got " + std::to_string(e.min_length));
    if (e.min_length > e.max_length)
      add("min_length", "min length should be less then max length, got " + std::to_string(e.min_length) + " > " + std::to_string(e.max_length));
    if (e.display_name.empty()) add("display_name", "DisplayName cannot be empty");
    max_len("display_name", "DisplayName", e.display_name, 24);
    if (e.name.empty()) add("name", "Name cannot be empty");
    max_len("name", "Name", e.name, 300);
    max_len("help_text", "HelpText", e.help_text, 150);
    if (e.multiselect && e.type != "select")
      add("multiselect", "multiselect can only be used with select elements, got type \"" + clip(e.type) + "\"");
    auto date_rule = [&](std::string_view key, const std::string& v) {
      if (v.empty() || iso_date(v) || server_relative(v)) return;
      if (server_datetime(v))
        add(key, "date field received datetime format \"" + clip(v) + "\", only date portion \"" + v.substr(0, 10) +
                     "\" will be used. Consider using date format instead");
      else
        add(key, "invalid date format: \"" + clip(v) + "\", expected ISO format (YYYY-MM-DD), datetime format, or relative format");
    };
    auto subtype_rule = [&] {
      static constexpr std::string_view ok[] = {"", "text", "email", "number", "tel", "url", "password"};
      bool good = false;
      for (std::string_view s : ok) good |= e.subtype == s;
      if (!good) add("subtype", "invalid subtype \"" + clip(e.type) + "\"");
    };
    auto default_in_options = [&] {
      if (!e.def.empty() && !has_option(e, e.def)) add("default", "default value \"" + clip(e.def) + "\" doesn't exist in options ");
    };
    if (e.type == "text") {
      max_len("default", "Default", e.def, 150);
      max_len("placeholder", "Placeholder", e.placeholder, 150);
      subtype_rule();
    } else if (e.type == "textarea") {
      max_len("default", "Default", e.def, 3000);
      max_len("placeholder", "Placeholder", e.placeholder, 3000);
      subtype_rule();
    } else if (e.type == "select") {
      max_len("default", "Default", e.def, 3000);
      max_len("placeholder", "Placeholder", e.placeholder, 3000);
      if (e.data_source != "" && e.data_source != "users" && e.data_source != "channels" && e.data_source != "dynamic")
        add("data_source", "invalid data source \"" + clip(e.data_source) + "\", allowed are 'users', 'channels', or 'dynamic'");
      if (e.data_source == "dynamic") {
        if (e.data_source_url.empty()) add("data_source_url", "dynamic data_source requires data_source_url");
        else if (!http_url(e.data_source_url) &&
                 !(e.data_source_url.rfind("/plugins/", 0) == 0 && e.data_source_url.find("..") == std::string::npos &&
                   e.data_source_url.find("//") == std::string::npos))
          add("data_source_url", "invalid data_source_url for dynamic select");
        if (!e.options.empty()) add("options", "dynamic select element should not have static options");
      } else if (e.data_source.empty() && !e.def.empty()) {
        if (e.multiselect) {
          for (const std::string& v : comma_list(e.def))
            if (!has_option(e, v)) { add("default", "multiselect default value \"" + clip(e.def) + "\" contains values not in options"); break; }
        } else {
          default_in_options();
        }
      }
    } else if (e.type == "bool") {
      if (e.def != "" && e.def != "true" && e.def != "false") add("default", "invalid default of bool");
      max_len("placeholder", "Placeholder", e.placeholder, 150);
    } else if (e.type == "radio") {
      default_in_options();
    } else if (e.type == "date") {
      max_len("default", "Default", e.def, 150);
      max_len("placeholder", "Placeholder", e.placeholder, 150);
      date_rule("default", e.def);
      date_rule("min_date", e.min_date);
      date_rule("max_date", e.max_date);
    } else if (e.type == "datetime") {
      if (!e.def.empty() && !server_relative(e.def) && !server_datetime(e.def))
        add("default", "invalid datetime format: \"" + clip(e.def) + "\", expected ISO format (YYYY-MM-DDTHH:MM:SSZ) or relative format");
      date_rule("min_date", e.min_date);
      date_rule("max_date", e.max_date);
      if (e.time_interval == 0) add("time_interval", "time_interval of 0 will be reset to default, 60 minutes");
      else if (e.time_interval < 1 || e.time_interval > 1440)
        add("time_interval", "time_interval must be between 1 and 1440 minutes, got " + std::to_string(e.time_interval));
      else if (1440 % e.time_interval != 0)
        add("time_interval", "time_interval must be a divisor of 1440 (24 hours * 60 minutes) to create valid time intervals, got " +
                                 std::to_string(e.time_interval));
    } else {
      add("type", "invalid element type: \"" + clip(e.type) + "\"");
    }
  }
  return out;
}

// A form value as the web app holds it (§5.8).
struct FormValue {
  enum Kind { none, str, num, nan, boolean, list } kind = none;
  std::string s;
  double n = 0;
  bool b = false;
  std::vector<std::string> items;
};

std::string civil(std::int64_t days) {   // days since 1970-01-01 -> YYYY-MM-DD
  std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

// The web app's relative date (today/tomorrow/yesterday, ±N d/w/m with N ≤ 4 digits) as YYYY-MM-DD in UTC.
std::optional<std::string> resolve_relative(std::string_view v, std::int64_t now_ms) {
  const std::int64_t today = now_ms / 86400000;
  const std::string l = ascii_lower(trim(v));
  if (l == "today") return civil(today);
  if (l == "tomorrow") return civil(today + 1);
  if (l == "yesterday") return civil(today - 1);
  if (l.size() < 3 || l.size() > 6 || (l[0] != '+' && l[0] != '-')) return std::nullopt;
  const char unit = l.back();
  const std::string num = l.substr(1, l.size() - 2);
  if (!digits(num) || (unit != 'd' && unit != 'w' && unit != 'm')) return std::nullopt;
  std::int64_t n = std::atoll(num.c_str()) * (l[0] == '-' ? -1 : 1);
  if (unit == 'd') return civil(today + n);
  if (unit == 'w') return civil(today + 7 * n);
  std::string t = civil(today);
  int y = std::atoi(t.substr(0, 4).c_str()), m = std::atoi(t.substr(5, 2).c_str()), d = std::atoi(t.substr(8, 2).c_str());
  std::int64_t months = y * 12 + (m - 1) + n;
  y = static_cast<int>(months / 12);
  m = static_cast<int>(months % 12) + 1;
  if (d > days_in(y, m)) d = days_in(y, m);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

std::string option_text(const Element& e, std::string_view v) {
  for (const Opt& o : e.options) if (o.value == v) return o.text;
  return std::string(v);
}

FormValue initial_value(const Element& e, std::optional<std::int64_t> now, Diagnostics& diags) {
  FormValue v;
  if (e.type == "bool") {
    const std::string l = ascii_lower(trim(e.def));
    v.kind = FormValue::boolean;
    v.b = l == "true" || l == "1" || l == "yes";
    return v;
  }
  if (e.type == "select") {
    if (e.data_source == "users" || e.data_source == "channels") return v;
    if (e.multiselect) {
      v.kind = FormValue::list;
      for (const std::string& s : comma_list(e.def))
        if (e.data_source == "dynamic" || has_option(e, s)) v.items.push_back(s);
      if (v.items.empty()) v.kind = FormValue::none;
      return v;
    }
    if (e.data_source == "dynamic" ? !e.def.empty() : has_option(e, e.def)) { v.kind = FormValue::str; v.s = e.def; }
    return v;
  }
  if (e.type == "date" && !e.def.empty()) {
    if (server_datetime(e.def)) { v.kind = FormValue::str; v.s = e.def.substr(0, 10); return v; }
    if (!iso_date(e.def)) {
      if (now) {
        if (auto r = resolve_relative(e.def, *now)) { v.kind = FormValue::str; v.s = *r; return v; }
      } else if (resolve_relative(e.def, 0)) {
        diags.add(Code::dialog_client_note, e.path + "/default", e.offset,
                  {clip(e.name), "the relative default \"" + clip(e.def) + "\" is resolved against today's date, which mmhook was not given; it is shown unresolved"});
      }
    }
  }
  if (e.type == "datetime" && e.def.empty() && !e.optional) {
    std::int64_t step = e.config_time_interval > 0 ? e.config_time_interval : (e.time_interval >= 1 && e.time_interval <= 1440 && 1440 % e.time_interval == 0) ? e.time_interval : 60;
    if (now) {
      std::int64_t mins = (*now + 59999) / 60000;
      mins = (mins + step - 1) / step * step;
      std::int64_t days = mins / 1440, rem = mins % 1440;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:00Z", civil(days).c_str(), static_cast<long long>(rem / 60), static_cast<long long>(rem % 60));
      v.kind = FormValue::str;
      v.s = buf;
    } else {
      diags.add(Code::dialog_client_note, e.path, e.offset,
                {clip(e.name), "a required datetime without default starts at now rounded up to the next step; mmhook was not given the time, so it is left empty"});
    }
    return v;
  }
  if (!e.def.empty()) { v.kind = FormValue::str; v.s = e.def; }
  return v;
}

bool is_empty(const FormValue& v) {
  switch (v.kind) {
    case FormValue::none: case FormValue::nan: return true;
    case FormValue::str: return v.s.empty();
    case FormValue::boolean: return !v.b;
    case FormValue::list: return v.items.empty();
    default: return false;
  }
}

// JS Number(s) is not NaN (whitespace trimmed; "" is 0, but empty values never reach this).
bool js_numeric(std::string_view s) {
  std::string t = trim(s);
  if (t.empty()) return true;
  if (t == "Infinity" || t == "+Infinity" || t == "-Infinity") return true;
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X' || t[1] == 'o' || t[1] == 'O' || t[1] == 'b' || t[1] == 'B')) {
    for (std::size_t i = 2; i < t.size(); ++i) if (!std::isxdigit(static_cast<unsigned char>(t[i]))) return false;
    return true;
  }
  bool digit = false, dot = false, exp = false;
  std::size_t i = 0;
  if (t[i] == '+' || t[i] == '-') ++i;
  for (; i < t.size(); ++i) {
    char ch = t[i];
    if (ch >= '0' && ch <= '9') digit = true;
    else if (ch == '.' && !dot && !exp) dot = true;
    else if ((ch == 'e' || ch == 'E') && digit && !exp) {
      exp = true;
      digit = false;
      if (i + 1 < t.size() && (t[i + 1] == '+' || t[i + 1] == '-')) ++i;
    } else return false;
  }
  return digit;
}

// checkDialogElementForError (§5.7): the web app's message, or "".
std::string client_error(const Element& e, const FormValue& v) {
  if (!e.optional && is_empty(v)) return "This field is required.";
  if (is_empty(v) && v.kind != FormValue::boolean) return "";
  if (e.type == "text" && v.kind == FormValue::str) {
    if (e.subtype == "email" && v.s.find('@') == std::string::npos) return "Must be a valid email address.";
    if (e.subtype == "number" && !js_numeric(v.s)) return "Must be a number.";
    if (e.subtype == "url" && v.s.find("http://") == std::string::npos && v.s.find("https://") == std::string::npos)
      return "URL must include http:// or https://.";
  }
  if (e.type == "date" && v.kind == FormValue::str) {
    if (!iso_date(v.s) && !server_datetime(v.s)) return "Invalid date format";
    if (!iso_date(v.s)) return "Date field must be in YYYY-MM-DD format";
  }
  if (e.type == "datetime" && v.kind == FormValue::str) {
    const bool parsable = server_datetime(v.s) || iso_date(v.s);
    if (!parsable) return "Invalid date format";
    if (!(v.s.size() == 20 && v.s[19] == 'Z' && server_datetime(v.s))) return "DateTime field must be in YYYY-MM-DDTHH:mm:ssZ format";
  }
  return "";
}

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string shown_date(const std::string& iso) {
  if (!iso_date(iso)) return iso;
  int m = std::atoi(iso.substr(5, 2).c_str());
  int d = std::atoi(iso.substr(8, 2).c_str());
  return std::string(kMonths[m - 1]) + " " + std::to_string(d) + ", " + iso.substr(0, 4);
}

void md(std::string& out, std::string_view cls, std::string_view text, const MarkdownOptions& opt) {
  out += "<div";
  append_attr(out, "class", cls);
  out += ">";
  out += render_markdown(text, opt);
  out += "</div>";
}

void placeholder_or(std::string& out, const std::string& value, const std::string& placeholder) {
  if (!value.empty()) { append_escaped(out, value); return; }
  out += "<span class=\"mm-dialog__placeholder\">";
  append_escaped(out, placeholder);
  out += "</span>";
}

// open, then text escaped, then close.
void escaped_in(std::string& out, std::string_view text, std::string_view close, std::string_view open = "") {
  out += open;
  append_escaped(out, text);
  out += close;
}

// The options of e, at most kMaxOptionsDrawn, each drawn by f(option); then the count of the others by more(text).
template <class F, class M>
void each_option(const Element& e, F&& f, M&& more) {
  for (std::size_t n = 0; n < e.options.size() && n < kMaxOptionsDrawn; ++n) f(e.options[n]);
  if (e.options.size() > kMaxOptionsDrawn) more("… " + std::to_string(e.options.size() - kMaxOptionsDrawn) + " more options");
}

// The legacy renderer draws only these (§5.9); the others are invisible but still checked and submitted.
bool legacy_drawn(const Element& e) {
  if (e.type == "select") return e.data_source.empty() || e.data_source == "users" || e.data_source == "channels";
  return e.type == "text" || e.type == "textarea" || e.type == "bool" || e.type == "radio";
}

void render_select(std::string& out, const Element& e, const FormValue& v, bool legacy) {
  out += "<select class=\"mm-dialog__select\" disabled";
  append_attr(out, "aria-label", e.display_name);
  if (e.multiselect && !legacy) out += " data-multiselect=\"true\"";
  if (!e.data_source.empty()) append_attr(out, "data-source", e.data_source);
  out += "><option>";
  std::string shown;
  if (v.kind == FormValue::str) shown = option_text(e, v.s);
  for (const std::string& s : v.items) shown += (shown.empty() ? "" : ", ") + option_text(e, s);
  if (shown.empty())
    shown = !e.placeholder.empty() ? e.placeholder : e.data_source == "users" ? "Search users..." : e.data_source == "channels" ? "Search channels..." : "Select an option...";
  append_escaped(out, shown);
  out += "</option>";
  each_option(e, [&](const Opt& o) {
    out += "<option";
    append_attr(out, "value", o.value);
    out += ">";
    escaped_in(out, o.text, "</option>");
  }, [&](const std::string& more) { escaped_in(out, more, "</option>", "<option>"); });
  out += "</select>";
}

// Radios: the default renderer shows none checked (derived, §5.4); the legacy one checks the option equal to the value.
void render_radios(std::string& out, const Element& e, const FormValue& v, bool legacy) {
  out += "<div class=\"mm-dialog__radios\" role=\"radiogroup\">";
  each_option(e, [&](const Opt& o) {
    const bool on = legacy && v.kind == FormValue::str && v.s == o.value;
    out += on ? "<div class=\"mm-dialog__radio mm-dialog__radio--checked\">" : "<div class=\"mm-dialog__radio\">";
    escaped_in(out, o.text, "</span></div>", "<span class=\"mm-dialog__radio-dot\"></span><span>");
  }, [&](const std::string& more) { escaped_in(out, more, "</div>", "<div class=\"mm-dialog__radio\">"); });
  out += "</div>";
}

void render_text_input(std::string& out, const Element& e, const FormValue& v) {
  std::string sub = e.type == "text" ? e.subtype : std::string("text");
  static constexpr std::string_view known[] = {"text", "email", "number", "tel", "url", "password"};
  bool ok = false;
  for (std::string_view k : known) ok |= sub == k;
  if (!ok) sub = "text";
  out += "<div class=\"mm-dialog__input\"";
  append_attr(out, "data-subtype", sub);
  std::int64_t max = e.max_length > 0 ? e.max_length : 150;
  append_attr(out, "data-maxlength", std::to_string(max));
  out += ">";
  std::string s = v.kind == FormValue::str ? v.s : v.kind == FormValue::num ? json::Value::from_number(v.n).text : std::string();
  if (sub == "password" && !s.empty()) {
    const std::size_t n = json::rune_count(s);
    s.clear();
    for (std::size_t i = 0; i < n && i < 3000; ++i) s += "•";
  }
  placeholder_or(out, s, e.placeholder);
  out += "</div>";
}

void render_date(std::string& out, const Element& e, const FormValue& v) {
  out += "<div class=\"mm-dialog__input mm-dialog__input--";
  out += e.type;
  out += "\">";
  std::string s = v.kind == FormValue::str ? v.s : std::string();
  if (e.type == "date") s = shown_date(s);
  placeholder_or(out, s, e.placeholder.empty() && e.type == "date" ? std::string("Select a date") : e.placeholder);
  out += "</div>";
  if (e.type == "datetime" && !e.location_timezone.empty()) {
    out += "<div class=\"mm-dialog__timezone\">";
    append_escaped(out, "🌍 Times in " + e.location_timezone);
    out += "</div>";
  }
}

// One field (§5.6); legacy (§5.9): help text as plain text, invisible types left out by the caller.
void render_field(std::string& out, const Element& e, const FormValue& v, const std::string& error, const MarkdownOptions& opt,
                  bool known_type, bool legacy) {
  out += "<div class=\"mm-dialog__field\"";
  append_attr(out, "data-name", e.name);
  append_attr(out, "data-type", e.type);
  out += "><div class=\"mm-dialog__label\">";
  append_escaped(out, e.display_name);
  out += e.optional ? "<span class=\"mm-dialog__optional\"> (optional)</span>" : "<span class=\"mm-dialog__required\"> *</span>";
  out += "</div>";
  if (e.type == "bool") {
    out += "<div class=\"mm-dialog__checkbox\"><input type=\"checkbox\" disabled";
    if (v.b) out += " checked";
    out += "><span>";
    append_escaped(out, e.placeholder);
    out += "</span></div>";
  } else if (e.type == "select") {
    render_select(out, e, v, legacy);
  } else if (e.type == "radio") {
    render_radios(out, e, v, legacy);
  } else if (e.type == "textarea" || (e.type == "text" && e.subtype == "textarea")) {
    out += "<div class=\"mm-dialog__textarea\">";
    placeholder_or(out, v.kind == FormValue::str ? v.s : std::string(), e.placeholder);
    out += "</div>";
  } else if (e.type == "date" || e.type == "datetime") {
    render_date(out, e, v);
  } else {
    render_text_input(out, e, v);
  }
  if (!known_type) {
    md(out, "mm-dialog__help", "This field could not be converted properly", opt);
  } else if (!e.help_text.empty() && legacy) {
    out += "<div class=\"mm-dialog__help\">";
    append_escaped(out, e.help_text);
    out += "</div>";
  } else if (!e.help_text.empty()) {
    md(out, "mm-dialog__help", e.help_text, opt);
  }
  if (!error.empty()) {
    out += "<div class=\"mm-dialog__field-error\">";
    append_escaped(out, error);
    out += "</div>";
  }
  out += "</div>";
}

}  // namespace
}  // namespace mmhook

namespace mmhook {
namespace {

using namespace interact;

// The user's values: name -> string | number | boolean | array of strings | null.
bool apply_values(std::string_view text, const std::vector<Element>& els, std::vector<FormValue>& vals, Diagnostics& diags) {
  detail::JsonParseResult p = detail::parse_json_go(text);
  struct Guard { json::Value& v; ~Guard() { detail::dismantle(v); } } guard{p.value};
  if (!p.ok || !p.value.is_object()) {
    diags.add(Code::dialog_values, "/values", 0, {p.ok ? "it must be a JSON object of element name to value" : "not JSON: " + p.error});
    return false;
  }
  for (const json::Member& m : p.value.object) {
    std::size_t idx = els.size();
    for (std::size_t i = 0; i < els.size(); ++i) if (els[i].name == m.key) { idx = i; break; }
    if (idx == els.size()) {
      diags.add(Code::dialog_values, "/values/" + pointer_token(m.key), 0, {"no element is named \"" + clip(m.key) + "\""});
      continue;
    }
    const json::Value& x = m.value;
    FormValue v;
    switch (x.kind) {
      case json::Kind::null: break;
      case json::Kind::string: v.kind = FormValue::str; v.s = x.text; break;
      case json::Kind::number:
        v.kind = FormValue::num;
        // The web app holds parseInt of an edited number field.
        v.n = std::isfinite(x.number) ? std::trunc(x.number) : 0;
        break;
      case json::Kind::boolean: v.kind = FormValue::boolean; v.b = x.boolean; break;
      case json::Kind::array:
        v.kind = FormValue::list;
        for (const json::Value& e : x.array) {
          if (!e.is_string()) { diags.add(Code::dialog_values, "/values/" + pointer_token(m.key), 0, {"array items must be strings"}); v.kind = FormValue::none; break; }
          v.items.push_back(e.text);
        }
        break;
      case json::Kind::object:
        diags.add(Code::dialog_values, "/values/" + pointer_token(m.key), 0, {"a value cannot be an object"});
        continue;
    }
    vals[idx] = std::move(v);
  }
  return true;
}

void write_form_value(std::string& out, const FormValue& v) {
  switch (v.kind) {
    case FormValue::str: json::write_string(out, v.s, true); break;
    case FormValue::num: out += json::Value::from_number(v.n).text; break;
    case FormValue::boolean: out += v.b ? "true" : "false"; break;
    case FormValue::list: {
      out.push_back('[');
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out.push_back(',');
        json::write_string(out, v.items[i], true);
      }
      out.push_back(']');
      break;
    }
    default: out += "null";
  }
}

// §6.4/§6.5: diagnostics for the integration's answer and what the dialog then does.
std::string check_response(std::string_view text, const Dialog& d, Diagnostics& diags, std::string& footer,
                           std::vector<std::pair<std::string, std::string>>& field_errors, bool legacy) {
  if (text.empty()) return "closes (an empty answer is a success)";
  // Mattermost answers the web app with an HTTP error: "Submission failed" (default) or closed silently (legacy).
  auto failed = [&] {
    if (legacy) {
      diags.add(Code::dialog_legacy_note, "/response", 0, {"Mattermost's HTTP error closes the dialog without a message"});
      return std::string("closes without a message (the legacy dialog's answer to an HTTP error)");
    }
    footer = "Submission failed";
    return std::string("stays open with \"Submission failed\"");
  };
  detail::JsonParseResult p = detail::parse_json_go(text.substr(0, 1048576));
  struct Guard { json::Value& v; ~Guard() { detail::dismantle(v); } } guard{p.value};
  if (p.ok) {
    std::size_t i = p.end;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    if (i < text.size()) { p.ok = false; p.error = "invalid character after top-level value"; }
  }
  if (!p.ok) {
    diags.add(Code::dialog_response_json, "/response", 0, {p.empty ? "unexpected end of JSON input" : p.error});
    return failed();
  }
  const json::Value& r = p.value;
  if (r.is_null()) return "closes";
  if (!r.is_object()) {
    diags.add(Code::dialog_response_json, "/response", 0, {"the answer is " + kind_name(r) + ", not an object"});
    return failed();
  }
  const json::Value* error = go_field(r, "error");
  const json::Value* errors = go_field(r, "errors");
  const json::Value* type = go_field(r, "type");
  const json::Value* form = go_field(r, "form");
  bool bad = false;
  if (errors && errors->is_array()) { diags.add(Code::dialog_response_errors_array, "/response/errors", 0); bad = true; }
  else if (errors && !errors->is_null() && !errors->is_object()) {
    diags.add(Code::dialog_response_json, "/response/errors", 0, {"`errors` is " + kind_name(*errors) + ", not an object"}); bad = true;
  } else if (errors && errors->is_object()) {
    for (const json::Member& m : errors->object)
      if (!m.value.is_string() && !m.value.is_null()) {
        diags.add(Code::dialog_response_json, "/response/errors/" + pointer_token(m.key), 0, {"errors[\"" + clip(m.key) + "\"] is " + kind_name(m.value) + ", not a string"});
        bad = true;
      }
  }
  if (error && !error->is_null() && !error->is_string()) { diags.add(Code::dialog_response_json, "/response/error", 0, {"`error` is " + kind_name(*error) + ", not a string"}); bad = true; }
  if (type && !type->is_null() && !type->is_string()) { diags.add(Code::dialog_response_json, "/response/type", 0, {"`type` is " + kind_name(*type) + ", not a string"}); bad = true; }
  if (form && !form->is_null() && !form->is_object()) { diags.add(Code::dialog_response_json, "/response/form", 0, {"`form` is " + kind_name(*form) + ", not an object"}); bad = true; }
  if (bad) return failed();
  const std::string err = error && error->is_string() ? error->text : std::string();
  const bool has_errors = errors && errors->is_object() && !errors->object.empty();
  if (!err.empty() || has_errors) {
    bool named = false;
    if (has_errors)
      for (const json::Member& m : errors->object) {
        bool shown = false;
        for (const Element& e : d.elements) shown |= e.name == m.key;
        named |= shown;
        if (shown) field_errors.push_back({m.key, m.value.is_string() ? m.value.text : std::string()});
        else diags.add(Code::dialog_response_field_unknown, "/response/errors/" + pointer_token(m.key), 0, {clip(m.key)});
      }
    if (legacy && err.empty() && !named) return "closes (the legacy dialog ignores errors that name no element)";
    footer = !err.empty() ? err : legacy ? std::string() : std::string("Submission failed with validation errors");
    return "stays open with the errors shown";
  }
  const std::string t = type && type->is_string() ? type->text : std::string();
  const bool has_form = form && form->is_object();
  std::string invalid;
  if (t != "" && t != "ok" && t != "form" && t != "navigate") invalid = "invalid type \"" + clip(t) + "\", must be one of: empty, ok, form, navigate";
  else if (t != "form" && has_form) invalid = "form field must be nil for type \"" + t + "\"";
  else if (t == "form" && !has_form) invalid = "form field is required for form type";
  if (!invalid.empty()) {
    diags.add(Code::dialog_response_invalid, "/response", 0, {invalid});
    return failed();
  }
  if (t == "form" && legacy) return "closes (the legacy dialog has no form replies)";
  if (t == "form") return "is replaced by the new form (url, callback_id and notify_on_cancel stay; fields start from the new defaults)";
  return t == "navigate" ? "closes (navigate does nothing else in v11.6)" : "closes";
}

// The trigger id (§4) in the server's order: base64 of four ':'-separated parts, not expired, a signature; the
// error body when the server refuses it.
std::optional<ErrorBody> check_trigger(const std::string& trigger, std::size_t trigger_off,
                                       const DialogOptions& options, Diagnostics& diags) {
  auto trig_fail = [&](std::string id, std::string msg, std::string why) {
    diags.add(Code::dialog_trigger, "/trigger_id", trigger_off, {msg, why});
    return ErrorBody{"interactive_message.decode_trigger_id." + id, msg, ""};
  };
  auto raw = unbase64(trigger);
  if (!raw) return trig_fail("base64_decode_failed", "Failed to decode base64 for trigger ID for interactive dialog.", "not standard padded base64");
  std::vector<std::string> parts;
  for (std::size_t i = 0; i <= raw->size();) {
    std::size_t j = raw->find(':', i);
    if (j == std::string::npos) j = raw->size();
    parts.push_back(raw->substr(i, j - i));
    i = j + 1;
  }
  if (trigger.empty() || parts.size() != 4)
    return trig_fail("missing_data", "Trigger ID missing required data for interactive dialog.",
                     trigger.empty() ? "empty trigger_id" : "it decodes to " + std::to_string(parts.size()) + " ':'-separated parts, not 4");
  const std::int64_t made = digits(parts[2]) && parts[2].size() < 19 ? std::atoll(parts[2].c_str()) : 0;
  const std::int64_t life = options.context.outgoing_timeout_seconds > 0 ? options.context.outgoing_timeout_seconds : 30;
  if (options.now_millis && *options.now_millis - made > life * 1000)
    return trig_fail("expired", "Trigger ID for interactive dialog is expired. Trigger IDs live for a maximum of " + std::to_string(life) + "s.",
                     "made at " + std::to_string(made) + " ms, now " + std::to_string(*options.now_millis) + " ms");
  auto sig = unbase64(parts[3]);
  if (!sig) return trig_fail("base64_decode_failed_signature", "Failed to decode base64 signature of trigger ID for interactive dialog.", "the signature part is not base64");
  if (*sig == "not-signed-by-mmhook")
    diags.add(Code::dialog_trigger_unverified, "/trigger_id", trigger_off,
              {"mmhook's placeholder, which a real server refuses with \"Signature verification failed of trigger ID for interactive dialog.\"", std::to_string(life)});
  else
    diags.add(Code::dialog_trigger_unverified, "/trigger_id", trigger_off, {parts[2] + " ms since 1970", std::to_string(life)});
  return std::nullopt;
}

// The legacy renderer's initial value (§5.9): the default string ("" when unset); bool: default equals "true" (any case).
FormValue legacy_initial(const Element& e) {
  FormValue v;
  if (e.type == "bool") {
    v.kind = FormValue::boolean;
    v.b = ascii_lower(e.def) == "true";
  } else {
    v.kind = FormValue::str;
    v.s = e.def;
  }
  return v;
}

void legacy_notes(const Element& e, Diagnostics& diags) {
  if (!legacy_drawn(e))
    diags.add(Code::dialog_legacy_note, e.path + "/type", e.offset,
              {"\"" + clip(e.name) + "\" (type \"" + clip(e.type) + (e.type == "select" ? "\", data_source \"" + clip(e.data_source) : std::string()) +
               "\") is not drawn, but it is still checked and submitted with its default"});
  else if (e.multiselect)
    diags.add(Code::dialog_legacy_note, e.path + "/multiselect", e.offset, {"\"" + clip(e.name) + "\" is drawn as a single select (no multiselect)"});
}

// Each element's initial value and whether the web app draws it as its type, with the client's notes on it.
void form_values(const Dialog& dialog, const std::string& url, const DialogOptions& options, Diagnostics& diags,
                 std::vector<FormValue>& vals, std::vector<bool>& known) {
  const bool legacy = options.look == DialogLook::legacy;
  for (const Element& e : dialog.elements) {
    if (legacy) {
      vals.push_back(legacy_initial(e));
      known.push_back(true);
      legacy_notes(e, diags);
      continue;
    }
    vals.push_back(initial_value(e, options.now_millis, diags));
    static constexpr std::string_view types[] = {"text", "textarea", "select", "bool", "radio", "date", "datetime"};
    bool k = false;
    for (std::string_view t : types) k |= e.type == t;
    known.push_back(k);
    if (!k) diags.add(Code::dialog_unknown_type, e.path + "/type", e.offset, {clip(e.name), clip(e.type)});
    if (e.type == "radio" && !e.def.empty())
      diags.add(Code::dialog_client_note, e.path + "/default", e.offset, {clip(e.name), "the default radio value is submitted, but no radio button appears selected"});
    if (e.min_length > 0) diags.add(Code::dialog_client_note, e.path + "/min_length", e.offset, {clip(e.name), "min_length is not checked by the v11.6 default renderer"});
    if (e.type == "select" && e.data_source == "dynamic")
      diags.add(Code::dialog_client_note, e.path, e.offset, {clip(e.name), "options come from the lookup call (POST " + clip(e.data_source_url.empty() ? url : e.data_source_url) + ", type dialog_lookup); mmhook does not call it"});
  }
}

// The legacy renderer's checks (§5.9): the default renderer's (§5.7), then min_length, then radio membership.
std::string legacy_error(const Element& e, const FormValue& v) {
  if (std::string err = client_error(e, v); !err.empty()) return err;
  if (e.min_length > 0 && v.kind == FormValue::str && !v.s.empty() && static_cast<std::int64_t>(json::rune_count(v.s)) < e.min_length)
    return "Minimum input length is {minLength}.";
  if (e.type == "radio" && !(v.kind == FormValue::str && has_option(e, v.s))) return "Must be a valid option";
  return "";
}

// Runs the web app's checks on Submit; true when one fails (each failure is a diagnostic and the field's error).
bool client_checks(const Dialog& dialog, const std::vector<FormValue>& vals, bool legacy, Diagnostics& diags,
                   std::vector<std::string>& errors) {
  bool blocked = false;
  for (std::size_t i = 0; i < dialog.elements.size(); ++i) {
    const Element& e = dialog.elements[i];
    errors[i] = legacy ? legacy_error(e, vals[i]) : client_error(e, vals[i]);
    if (errors[i].empty()) continue;
    blocked = true;
    std::string msg = errors[i];
    if (msg == "Minimum input length is {minLength}.")
      msg += " (v11.6 shows the placeholder as is; later versions say " + std::to_string(e.min_length) + ")";
    diags.add(legacy ? Code::dialog_legacy_check : Code::dialog_client_check, e.path, e.offset, {clip(e.name), msg});
  }
  return blocked;
}

// A dialog_submission request body (§6.3): Submit, or Cancel with notify_on_cancel (§6.6: submission {}).
std::string request_body(const Dialog& dialog, const SimContext& c, const std::string& sub, bool cancelled) {
  std::string body = "{\"type\":\"dialog_submission\",\"callback_id\":";
  json::write_string(body, dialog.callback_id, true);
  body += ",\"state\":";
  json::write_string(body, dialog.state, true);
  body += ",\"user_id\":";
  json::write_string(body, c.user_id, true);
  body += ",\"channel_id\":";
  json::write_string(body, c.channel_id, true);
  body += ",\"team_id\":";
  json::write_string(body, c.team_id, true);
  body += ",\"submission\":" + sub + ",\"cancelled\":" + (cancelled ? "true}" : "false}");
  return body;
}

// The web app's lookup URL rule (isValidLookupURL, §6.7).
bool valid_lookup_url(std::string_view u) {
  if (u.rfind("https://", 0) == 0 || u.rfind("http://localhost", 0) == 0 || u.rfind("http://127.0.0.1", 0) == 0) return true;
  return u.rfind("/plugins/", 0) == 0 && u.find("..") == std::string_view::npos && u.find("//") == std::string_view::npos;
}

// What the web app does around the form that mmhook cannot run: lookups and refresh (§6.7).
void lookup_refresh_notes(const Dialog& dialog, const std::string& url, Diagnostics& diags) {
  for (const Element& e : dialog.elements) {
    if (e.type == "select" && e.data_source == "dynamic") {
      const std::string& lu = e.data_source_url.empty() ? url : e.data_source_url;
      if (!valid_lookup_url(lu)) diags.add(Code::dialog_lookup_url, e.path + (e.data_source_url.empty() ? "" : "/data_source_url"), e.offset, {clip(e.name), clip(lu)});
    }
    if (e.refresh && dialog.source_url.empty()) diags.add(Code::dialog_refresh_no_source, e.path + "/refresh", e.offset, {clip(e.name)});
  }
}

// The dialog_submission request body (§6.1, §6.3): keys sorted (a Go map), empty values left out.
std::string submission_body(const Dialog& dialog, const std::vector<FormValue>& vals, const SimContext& c, bool legacy) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < dialog.elements.size(); ++i) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return dialog.elements[a].name < dialog.elements[b].name; });
  std::string sub = "{";
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    const FormValue& v = vals[i];
    if (!legacy && (v.kind == FormValue::none || (v.kind == FormValue::str && (v.s.empty() || v.s == "<nil>")) ||
                     (v.kind == FormValue::list && v.items.empty())))
      continue;   // the default renderer leaves empty values out; the legacy one submits every element
    if (k + 1 < order.size() && dialog.elements[order[k + 1]].name == dialog.elements[i].name) continue;   // duplicate names: last wins
    if (sub.size() > 1) sub.push_back(',');
    json::write_string(sub, dialog.elements[i].name, true);
    sub.push_back(':');
    if (v.kind == FormValue::nan) sub += "null"; else write_form_value(sub, v);
  }
  sub.push_back('}');
  return request_body(dialog, c, sub, false);
}

// Markdown where each single newline outside code fences is a line break (the legacy intro, §5.9).
std::string with_line_breaks(std::string_view text) {
  std::string out;
  bool fenced = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find('\n', i);
    const bool last = j == std::string_view::npos;
    std::string_view line = text.substr(i, last ? std::string_view::npos : j - i);
    const std::string t = trim(line);
    if (t.rfind("```", 0) == 0 || t.rfind("~~~", 0) == 0) fenced = !fenced;
    out.append(line);
    if (last) break;
    const std::size_t k = text.find('\n', j + 1);
    const std::string next = trim(text.substr(j + 1, k == std::string_view::npos ? std::string_view::npos : k - j - 1));
    if (!fenced && !t.empty() && !next.empty()) out += "  ";
    out.push_back('\n');
    i = j + 1;
  }
  return out;
}

// The modal (§5.6; legacy §5.9: #interactiveDialogModal, invisible types left out, plain-text errors) with each
// field's value and error, and the footer's message.
void render_dialog(std::string& h, const Dialog& dialog, const std::vector<FormValue>& vals,
                   const std::vector<std::string>& errors, const std::vector<bool>& known, const std::string& footer, bool legacy) {
  MarkdownOptions md_opt;
  md_opt.mention_highlight = false;
  h += legacy ? "<div class=\"mm-dialog mm-dialog--legacy\" data-modal=\"interactiveDialogModal\" role=\"dialog\""
              : "<div class=\"mm-dialog\" data-modal=\"appsModal\" role=\"dialog\"";
  append_attr(h, "aria-label", dialog.title);
  h += "><div class=\"mm-dialog__header\">";
  if (!dialog.icon_url.empty())
    if (auto src = detail::safe_img_src(dialog.icon_url)) {
      h += "<img class=\"mm-dialog__icon\"";
      append_attr(h, "src", *src);
      h += " alt=\"\" width=\"36\" height=\"36\">";
    }
  h += "<h1 class=\"mm-dialog__title\">";
  append_escaped(h, dialog.title);
  h += "</h1><button type=\"button\" class=\"mm-dialog__close\" aria-label=\"Close\" disabled>×</button></div><div class=\"mm-dialog__body\">";
  if (!dialog.introduction_text.empty())
    md(h, "mm-dialog__intro", legacy ? with_line_breaks(dialog.introduction_text) : dialog.introduction_text, md_opt);
  for (std::size_t i = 0; i < dialog.elements.size(); ++i)
    if (!legacy || legacy_drawn(dialog.elements[i])) render_field(h, dialog.elements[i], vals[i], errors[i], md_opt, known[i], legacy);
  h += "</div><div class=\"mm-dialog__footer\">";
  if (!footer.empty() && legacy) {
    h += "<div class=\"mm-dialog__error\">";
    append_escaped(h, footer);
    h += "</div>";
  } else if (!footer.empty()) {
    md(h, "mm-dialog__error", footer, md_opt);
  }
  h += "<button type=\"button\" class=\"mm-dialog__cancel\" disabled>Cancel</button><button type=\"button\" class=\"mm-dialog__submit\" disabled>";
  append_escaped(h, dialog.submit_label.empty() ? std::string("Submit") : dialog.submit_label);
  h += "</button></div></div>";
}

// Submit and Cancel (§6.1–§6.6): the requests the dialog url receives, the server's refusal, what the dialog does
// with the answer (footer and field errors).
void submit_and_cancel(DialogCheck& out, const Dialog& dialog, const json::Value& root, const std::string& url,
                       const std::vector<FormValue>& vals, bool blocked, const DialogOptions& options, Diagnostics& diags,
                       std::string& footer, std::vector<std::pair<std::string, std::string>>& field_errors) {
  const bool legacy = options.look == DialogLook::legacy;
  const SimContext& c = options.context;
  const std::size_t url_off = go_field(root, "url") ? go_field(root, "url")->offset : 0;
  const std::size_t dialog_off = go_field(root, "dialog") ? go_field(root, "dialog")->offset : 0;
  UrlVerdict v = classify_url(url, c, diags, "/url", url_off);
  const bool reachable = v.kind != UrlVerdict::unsupported && !c.team_id.empty();
  if (dialog.notify_on_cancel) {
    if (reachable) out.cancel = json_post(url, request_body(dialog, c, "{}", true), v, c);
    diags.add(Code::dialog_client_note, "/dialog/notify_on_cancel", dialog_off, {"(cancel)", "Cancel, × or Esc sends the same request with \"cancelled\": true and \"submission\": {} (the answer is ignored)"});
  }
  if (blocked) {
    if (!legacy) footer = "Please fix all field errors";
    return;
  }
  if (c.team_id.empty()) {
    diags.add(Code::dialog_submit_refused, "", 0, {"403", "You do not have the appropriate permissions.", "team_id is empty: the web app sends the team selected in the client"});
    footer = legacy ? "" : "Submission failed";
    return;
  }
  if (v.kind != UrlVerdict::unsupported) out.submission = json_post(url, submission_body(dialog, vals, c, legacy), v, c);
  if (options.response) {
    out.outcome = check_response(*options.response, dialog, diags, footer, field_errors, legacy);
    diags.add(Code::dialog_response_outcome, "/response", 0, {*out.outcome});
  }
}

}  // namespace

DialogCheck check_dialog(std::string_view open_request, const DialogOptions& options) {
  DialogCheck out;
  Diagnostics diags;
  if (open_request.size() > kMaxOpenRequest) {
    diags.add(Code::interact_too_deep, "", 0, {"(over 16 MiB)", std::to_string(kMaxDepth)});
    out.diagnostics = std::move(diags).finish(open_request);
    return out;
  }
  detail::JsonParseResult p = detail::parse_json_go(open_request);
  struct Guard { json::Value& v; ~Guard() { detail::dismantle(v); } } guard{p.value};
  auto refuse = [&](ErrorBody e) {
    out.ok = false;
    out.status = 400;
    out.error = std::move(e);
    out.diagnostics = std::move(diags).finish(open_request);
    return out;
  };
  const ErrorBody bad_body{"api.context.invalid_body_param.app_error", "Invalid or missing dialog in request body.", ""};
  if (!p.ok) {
    diags.add(Code::dialog_json, "", p.empty ? 0 : p.error_offset, {p.empty ? std::string("EOF") : p.error});
    return refuse(bad_body);
  }
  if (std::size_t dd = depth_of(p.value); dd > kMaxDepth) {
    diags.add(Code::interact_too_deep, "", 0, {std::to_string(dd), std::to_string(kMaxDepth)});
    out.diagnostics = std::move(diags).finish(open_request);
    return out;
  }
  const json::Value& root = p.value;
  Decoder dec{diags};
  std::string trigger, url;
  Dialog dialog;
  std::size_t trigger_off = 0;
  if (dec.want(root, Want::object, "")) {
    for (const json::Member& m : root.object) {
      const std::string path = "/" + pointer_token(m.key);
      const std::string k = fold_key(m.key);
      if (k == "trigger_id") { dec.str(m.value, path, trigger); trigger_off = m.value.offset; }
      else if (k == "url") dec.str(m.value, path, url);
      else if (k == "dialog") dialog = dec.dialog(m.value, path);
      else dec.unknown(m, path, "the open request");
    }
  } else if (root.is_null()) {
    dec.failed = false;   // null decodes to an empty request
  }
  if (dec.failed) return refuse(bad_body);
  if (url.empty()) {
    diags.add(Code::dialog_url_missing, "", 0);
    return refuse({"api.context.invalid_body_param.app_error", "Invalid or missing url in request body.", ""});
  }
  // Trigger (§4), in the server's order.
  if (auto refused = check_trigger(trigger, trigger_off, options, diags)) return refuse(std::move(*refused));
  out.ok = true;
  out.status = 200;

  const std::size_t dialog_off = go_field(root, "dialog") ? go_field(root, "dialog")->offset : 0;
  for (auto& [path, msg] : server_rules(dialog, "/dialog")) {
    std::size_t off = dialog_off;
    if (auto o = offset_of(root, path)) off = *o;
    diags.add(Code::dialog_server_rule, path, off, {msg});
  }
  if (dialog.elements.empty())
    diags.add(Code::dialog_client_note, "/dialog", dialog_off, {"(none)", "a dialog without elements is a confirmation: only Cancel and the submit button"});

  // The web app's form (§5.4, §5.8) and the user's values.
  std::vector<FormValue> vals;
  std::vector<bool> known;
  form_values(dialog, url, options, diags, vals, known);
  bool values_ok = true;
  if (options.values) values_ok = apply_values(*options.values, dialog.elements, vals, diags);
  if (options.look == DialogLook::apps) lookup_refresh_notes(dialog, url, diags);

  const bool legacy = options.look == DialogLook::legacy;
  std::vector<std::string> errors(dialog.elements.size());
  bool blocked = client_checks(dialog, vals, legacy, diags, errors) || !values_ok;

  std::string footer;
  std::vector<std::pair<std::string, std::string>> field_errors;
  submit_and_cancel(out, dialog, root, url, vals, blocked, options, diags, footer, field_errors);
  for (auto& [name, msg] : field_errors)
    for (std::size_t i = 0; i < dialog.elements.size(); ++i) if (dialog.elements[i].name == name) errors[i] = msg;

  render_dialog(out.html, dialog, vals, errors, known, footer, legacy);
  out.diagnostics = std::move(diags).finish(open_request);
  return out;
}

std::string dialog_check_to_json(const DialogCheck& d) {
  std::string out = std::string("{\"ok\":") + (d.ok ? "true" : "false") + ",\"status\":" + std::to_string(d.status) + ",\"error\":";
  write_error(out, d.error);
  out += ",\"diagnostics\":";
  write_diagnostics(out, d.diagnostics);
  out += ",\"html\":";
  json::write_string(out, d.html);
  out += ",\"submission\":";
  if (d.submission) write_http_request(out, *d.submission); else out += "null";
  out += ",\"cancel\":";
  if (d.cancel) write_http_request(out, *d.cancel); else out += "null";
  out += ",\"outcome\":";
  if (d.outcome) json::write_string(out, *d.outcome); else out += "null";
  out.push_back('}');
  return out;
}

}  // namespace mmhook
