#include "mmhook/command.h"

#include <array>

#include "common/ascii.h"
#include "command/shell_quote.h"
#include "command/shell_targets.h"

namespace mmhook {
namespace {

struct ShellName {
  std::string_view name;
  Shell shell;
};
// Ids first, then the other names (shells.def).
constexpr ShellName kShellNames[] = {
#define MMHOOK_SHELL(e, id, label, doc) {id, Shell::e},
#include "mmhook/shells.def"
#define MMHOOK_SHELL_ALIAS(name, e, api) {name, Shell::e},
#include "mmhook/shells.def"
};

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// True when `url` has /hooks/<alphanumeric id> ending its path (the incoming-webhook route, spec §1.1).
bool has_hook_path(std::string_view url) {
  for (std::size_t at = url.find("/hooks/"); at != std::string_view::npos; at = url.find("/hooks/", at + 1)) {
    std::size_t i = at + 7, start = i;
    while (i < url.size() && is_alnum(url[i])) ++i;
    if (i > start && (i == url.size() || url[i] == '?' || url[i] == '#')) return true;
  }
  return false;
}

void check_url(std::string_view url, Diagnostics& diags) {
  if (url.empty()) {
    diags.add(Code::command_url_empty, "", 0);
    return;
  }
  for (std::size_t i = 0; i < url.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    if (c <= 0x20 || c == 0x7F) {
      diags.add(Code::command_url_whitespace, "", 0, {std::to_string(i)});
      break;
    }
  }
  for (char c : url) {
    if (c == '"' || c == '\'' || c == '`' || c == '\\' || c == '<' || c == '>' || c == '^' || c == '{' || c == '}') {
      const char shown[] = {'\'', c, '\'', '\0'};
      diags.add(Code::command_url_quote, "", 0, {std::string_view(shown, 3)});
      break;
    }
  }
  std::string_view lower_prefix = url.substr(0, 8);
  bool http = url.size() >= 7 && iequals(url.substr(0, 7), "http://");
  bool https = url.size() >= 8 && iequals(lower_prefix, "https://");
  if (!http && !https) {
    std::string shown(url.substr(0, 40));
    if (url.size() > 40) shown += "…";
    diags.add(Code::command_url_scheme, "", 0, {"\"" + shown + "\""});
  }
  if (!has_hook_path(url)) diags.add(Code::command_url_not_hook, "", 0);
}

// The URL as emitted: C0 controls, space and DEL percent-encoded (%0A, %20, %7F), as a browser would send them.
// A raw line break would end the command line in cmd.exe and PowerShell; the diagnostic already says what is wrong.
std::string emitted_url(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  for (char ch : url) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

bool plain_media_type(std::string_view t) {
  if (t.empty() || t.front() == ' ' || t.front() == ';') return false;
  for (char c : t) {
    if (!(is_alnum(c) || c == '-' || c == '+' || c == '.' || c == '/' || c == ';' || c == '=' || c == '_' || c == ' '))
      return false;
  }
  return true;
}

// The Content-Type to send: the option when it is a plain media type (or "" for none), else the encoding's.
std::string_view chosen_content_type(const CommandOptions& o, Diagnostics& diags) {
  if (!o.content_type) return detail::default_content_type(o.encoding);
  if (o.content_type->empty() || plain_media_type(*o.content_type)) return *o.content_type;
  std::string shown(o.content_type->substr(0, 60));
  for (char& c : shown) if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  diags.add(Code::command_content_type, "", 0, {"\"" + shown + "\""});
  return detail::default_content_type(o.encoding);
}

}  // namespace

namespace detail {
std::string_view default_content_type(BodyEncoding e) noexcept {
  return e == BodyEncoding::json ? "application/json" : "application/x-www-form-urlencoded";
}

std::string generate(Shell shell, const GenInput& in) {
  switch (shell) {
    case Shell::posix: return gen_posix(in);
    case Shell::powershell: return gen_powershell(in, false);
    case Shell::powershell_irm: return gen_powershell(in, true);
    case Shell::cmd: return gen_cmd(in);
    case Shell::httpie: return gen_httpie(in);
    case Shell::wget: return gen_wget(in);
    case Shell::fetch: return gen_fetch(in);
    case Shell::python: return gen_python(in);
  }
  return gen_posix(in);
}
}  // namespace detail

std::string_view to_string(Shell s) noexcept {
  switch (s) {
#define MMHOOK_SHELL(e, id, label, doc) \
  case Shell::e: return id;
#include "mmhook/shells.def"
  }
  return "posix";
}

std::optional<Shell> shell_from_string(std::string_view name) noexcept {
  for (const ShellName& s : kShellNames) {
    if (iequals(s.name, name)) return s.shell;
  }
  return std::nullopt;
}

std::optional<BodyEncoding> encoding_from_string(std::string_view name) noexcept {
  if (iequals(name, "json")) return BodyEncoding::json;
  if (iequals(name, "form")) return BodyEncoding::form;
  return std::nullopt;
}

CommandResult make_command(std::string_view body, const CommandOptions& options) {
  Diagnostics diags;
  check_url(options.url, diags);
  const std::string url = emitted_url(options.url);
  detail::GenInput in{body, url, options.encoding, diags, chosen_content_type(options, diags)};
  CommandResult r;
  r.text = detail::generate(options.shell, in);
  r.diagnostics = std::move(diags).finish(body);
  return r;
}

}  // namespace mmhook
