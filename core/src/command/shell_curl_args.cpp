// curl's command-line semantics for the request body (curl 7.76 .. 8.x, docs of -d, --data-binary,
// --data-raw, --data-urlencode, --json, -H, -X, --url, -G, -F).
#include <cstdint>
#include <string>

#include "common/ascii.h"
#include "command/shell_parse.h"
#include "command/shell_quote.h"

namespace mmhook::detail {
namespace {

enum class Kind : std::uint8_t { flag, skip_arg, data, data_binary, data_raw, data_urlencode, json, form, header, method,
                                 url, get, head, config, unknown_arg };

struct LongOpt {
  std::string_view name;
  Kind kind;
};

// Long options; flags and arguments that do not change the request body, method, URL or Content-Type.
constexpr LongOpt kLong[] = {
    {"silent", Kind::flag}, {"show-error", Kind::flag}, {"include", Kind::flag}, {"verbose", Kind::flag},
    {"insecure", Kind::flag}, {"location", Kind::flag}, {"location-trusted", Kind::flag}, {"fail", Kind::flag},
    {"fail-with-body", Kind::flag}, {"fail-early", Kind::flag}, {"progress-bar", Kind::flag},
    {"no-progress-meter", Kind::flag}, {"no-buffer", Kind::flag}, {"compressed", Kind::flag}, {"globoff", Kind::flag},
    {"ipv4", Kind::flag}, {"ipv6", Kind::flag}, {"http1.0", Kind::flag}, {"http1.1", Kind::flag}, {"http2", Kind::flag},
    {"http2-prior-knowledge", Kind::flag}, {"http3", Kind::flag}, {"disable", Kind::flag}, {"raw", Kind::flag},
    {"no-keepalive", Kind::flag}, {"tcp-nodelay", Kind::flag}, {"ssl-reqd", Kind::flag}, {"tlsv1", Kind::flag},
    {"tlsv1.2", Kind::flag}, {"tlsv1.3", Kind::flag}, {"remote-time", Kind::flag}, {"remote-name", Kind::flag},
    {"remote-header-name", Kind::flag}, {"netrc", Kind::flag}, {"netrc-optional", Kind::flag}, {"anyauth", Kind::flag},
    {"basic", Kind::flag}, {"digest", Kind::flag}, {"ntlm", Kind::flag}, {"negotiate", Kind::flag},
    {"path-as-is", Kind::flag}, {"styled-output", Kind::flag}, {"retry-all-errors", Kind::flag},
    {"retry-connrefused", Kind::flag}, {"create-dirs", Kind::flag}, {"parallel", Kind::flag},
    {"junk-session-cookies", Kind::flag}, {"show-headers", Kind::flag}, {"post301", Kind::flag},
    {"post302", Kind::flag}, {"post303", Kind::flag}, {"no-sessionid", Kind::flag}, {"ssl-no-revoke", Kind::flag},
    {"output", Kind::skip_arg}, {"write-out", Kind::skip_arg}, {"max-time", Kind::skip_arg},
    {"connect-timeout", Kind::skip_arg}, {"retry", Kind::skip_arg}, {"retry-delay", Kind::skip_arg},
    {"retry-max-time", Kind::skip_arg}, {"user-agent", Kind::skip_arg}, {"referer", Kind::skip_arg},
    {"user", Kind::skip_arg}, {"proxy", Kind::skip_arg}, {"proxy-user", Kind::skip_arg}, {"cookie", Kind::skip_arg},
    {"cookie-jar", Kind::skip_arg}, {"dump-header", Kind::skip_arg}, {"stderr", Kind::skip_arg},
    {"trace", Kind::skip_arg}, {"trace-ascii", Kind::skip_arg}, {"limit-rate", Kind::skip_arg},
    {"speed-time", Kind::skip_arg}, {"speed-limit", Kind::skip_arg}, {"cacert", Kind::skip_arg},
    {"capath", Kind::skip_arg}, {"cert", Kind::skip_arg}, {"key", Kind::skip_arg}, {"cert-type", Kind::skip_arg},
    {"key-type", Kind::skip_arg}, {"pass", Kind::skip_arg}, {"resolve", Kind::skip_arg}, {"connect-to", Kind::skip_arg},
    {"interface", Kind::skip_arg}, {"max-redirs", Kind::skip_arg}, {"max-filesize", Kind::skip_arg},
    {"noproxy", Kind::skip_arg}, {"oauth2-bearer", Kind::skip_arg}, {"unix-socket", Kind::skip_arg},
    {"output-dir", Kind::skip_arg},
    {"data", Kind::data}, {"data-ascii", Kind::data}, {"data-binary", Kind::data_binary},
    {"data-raw", Kind::data_raw}, {"data-urlencode", Kind::data_urlencode}, {"json", Kind::json},
    {"form", Kind::form}, {"form-string", Kind::form}, {"header", Kind::header}, {"request", Kind::method},
    {"url", Kind::url}, {"get", Kind::get}, {"head", Kind::head}, {"config", Kind::config},
};

Kind short_kind(char c) {
  switch (c) {
    case 's': case 'S': case 'i': case 'v': case 'k': case 'L': case 'f': case '#': case 'N': case 'g': case '4':
    case '6': case 'q': case 'Z': case 'j': case 'R': case 'O': case 'J': case 'n': case 'l': case 'M': case 'V':
    case ':':
      return Kind::flag;
    case 'o': case 'w': case 'm': case 'A': case 'e': case 'u': case 'x': case 'U': case 'b': case 'c': case 'D':
    case 'y': case 'Y': case 'E': case 'r': case 'C': case 'z': case 't': case 'Q': case 'P':
      return Kind::skip_arg;
    case 'd': return Kind::data;
    case 'F': return Kind::form;
    case 'H': return Kind::header;
    case 'X': return Kind::method;
    case 'G': return Kind::get;
    case 'I': return Kind::head;
    case 'K': return Kind::config;
    case 'T': return Kind::unknown_arg;   // upload: changes the method and body
    default: return Kind::unknown_arg;
  }
}

bool takes_arg(Kind k) { return k != Kind::flag && k != Kind::get && k != Kind::head; }

struct State {
  State(const Invocation& i, ParsedCommand& o, Diagnostics& d) : inv(i), out(o), diags(d) {}
  const Invocation& inv;
  ParsedCommand& out;
  Diagnostics& diags;
  bool has_data = false;
  bool json = false;
  bool last_json = false;   // consecutive --json pieces are concatenated without '&'
  bool multipart = false;
  bool ct_removed = false;
  std::vector<std::string> content_types;
  std::vector<const Arg*> urls;
  std::string body;

  // Content of @name: standard input, a file the text wrote, or a diagnostic (empty content).
  bool stdin_read = false;   // curl reads standard input once; a second @- gets nothing
  bool over_budget = false;

  std::string read(std::string_view name, const Arg& where) {
    if (name == "-") {
      if (stdin_read) return {};
      stdin_read = true;
      if (inv.input.bytes) return *inv.input.bytes;
      diags.add(Code::command_stdin_unknown, "", where.offset, {inv.input.unknown_reason});
      return {};
    }
    if (auto it = inv.files.find(std::string(name)); it != inv.files.end()) return it->second;
    diags.add(Code::command_file_data, "", where.offset, {"\"" + std::string(name) + "\""});
    return {};
  }

  void add_piece(const std::string& piece, bool concatenate) {
    if (body.size() + piece.size() + 1 > inv.budget) {
      if (!over_budget) diags.add(Code::command_too_large, "", inv.offset, {std::to_string(inv.budget)});
      over_budget = true;
      has_data = true;
      return;
    }
    if (has_data && !concatenate) body.push_back('&');
    body += piece;
    has_data = true;
  }

  void apply(Kind k, std::string_view opt, const Arg& a) {
    apply_kind(k, opt, a);
    if (k == Kind::data || k == Kind::data_binary || k == Kind::data_raw || k == Kind::data_urlencode || k == Kind::json)
      last_json = k == Kind::json;
  }

  void apply_kind(Kind k, std::string_view opt, const Arg& a) {
    const std::string& v = a.value;
    switch (k) {
      case Kind::data: {
        if (!v.empty() && v[0] == '@') {
          std::string content = read(std::string_view(v).substr(1), a);
          std::string stripped;
          stripped.reserve(content.size());
          for (char c : content) {
            if (c != '\r' && c != '\n') stripped.push_back(c);   // -d @file strips CR and LF
          }
          add_piece(stripped, false);
        } else {
          add_piece(v, false);
        }
        break;
      }
      case Kind::data_binary:
      case Kind::json: {
        bool concatenate = k == Kind::json && last_json;
        add_piece(!v.empty() && v[0] == '@' ? read(std::string_view(v).substr(1), a) : v, concatenate);
        if (k == Kind::json) json = true;
        break;
      }
      case Kind::data_raw: add_piece(v, false); break;
      case Kind::data_urlencode: {
        // curl: the first '=' splits name=content; else the first '@' splits name@file; else all is content.
        std::size_t eq = v.find('=');
        std::size_t at = eq == std::string::npos ? v.find('@') : std::string::npos;
        std::string name, content;
        if (eq != std::string::npos) {
          name = v.substr(0, eq);
          content = v.substr(eq + 1);
        } else if (at != std::string::npos) {
          name = v.substr(0, at);
          content = read(std::string_view(v).substr(at + 1), a);
        } else {
          content = v;
        }
        add_piece(name.empty() ? percent_encode(content, true) : name + "=" + percent_encode(content, true), false);
        break;
      }
      case Kind::form:
        multipart = true;
        if (body.size() + v.size() < inv.budget) {
          if (!body.empty()) body.push_back('\n');
          body += v;
        }
        has_data = true;
        break;
      case Kind::header: {
        if (!v.empty() && v[0] == '@') {
          diags.add(Code::command_file_data, "", a.offset, {"\"" + v.substr(1) + "\" (headers)"});
          break;
        }
        std::size_t colon = v.find(':');
        std::size_t semi = v.find(';');
        if (colon != std::string::npos && ascii_lower(v.substr(0, colon)) == "content-type") {
          std::size_t s = colon + 1;
          while (s < v.size() && (v[s] == ' ' || v[s] == '\t')) ++s;
          std::string value = v.substr(s);
          if (value.empty()) ct_removed = true;   // "Content-Type:" removes the header
          else content_types.push_back(value);
        } else if (semi != std::string::npos && semi + 1 == v.size() && ascii_lower(v.substr(0, semi)) == "content-type") {
          content_types.push_back("");   // "Content-Type;" sends it empty
        }
        break;
      }
      case Kind::method:
        if (v != "POST") diags.add(Code::command_method, "", a.offset, {"\"" + v + "\""});
        break;
      case Kind::url: urls.push_back(&a); break;
      case Kind::config: diags.add(Code::command_file_data, "", a.offset, {"\"" + v + "\" (a curl config file)"}); break;
      case Kind::unknown_arg: diags.add(Code::command_option_unknown, "", a.offset, {std::string(opt)}); break;
      case Kind::flag:
      case Kind::skip_arg:
      case Kind::get:
      case Kind::head:
        break;
    }
  }
};

const LongOpt* find_long(std::string_view name) {
  for (const LongOpt& o : kLong) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

}  // namespace

void read_curl(const Invocation& inv, ParsedCommand& out, Diagnostics& diags) {
  State st(inv, out, diags);
  // execve() passes C strings: every argument curl sees ends at its first NUL (e.g. from $'…\0…').
  std::vector<Arg> args = inv.args;
  for (Arg& a : args) {
    if (std::size_t z = a.value.find('\0'); z != std::string::npos) a.value.resize(z);
  }
  auto missing = [&](std::string_view opt, const Arg& a) {
    diags.add(Code::command_option_argument, "", a.offset, {std::string(opt)});
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const Arg& a = args[i];
    std::string_view w = a.value;
    if (w.size() >= 2 && w[0] == '-' && w[1] == '-') {
      std::string_view name = w.substr(2);
      const LongOpt* o = find_long(name);
      Kind k;
      if (o) {
        k = o->kind;
      } else if (name.substr(0, 3) == "no-" && (o = find_long(name.substr(3))) != nullptr && o->kind == Kind::flag) {
        k = Kind::flag;
      } else {
        diags.add(Code::command_option_unknown, "", a.offset, {"\"" + std::string(w) + "\""});
        continue;
      }
      if (k == Kind::get || k == Kind::head) {
        diags.add(k == Kind::get ? Code::command_get : Code::command_method, "", a.offset,
                  {k == Kind::get ? std::string(w) : "\"HEAD\""});
        continue;
      }
      if (!takes_arg(k)) continue;
      if (i + 1 >= args.size()) {
        missing(w, a);
        continue;
      }
      st.apply(k, w, args[++i]);
      continue;
    }
    if (w.size() >= 2 && w[0] == '-') {
      for (std::size_t j = 1; j < w.size(); ++j) {
        Kind k = short_kind(w[j]);
        std::string opt = std::string("-") + w[j];
        if (k == Kind::get || k == Kind::head) {
          diags.add(k == Kind::get ? Code::command_get : Code::command_method, "", a.offset,
                    {k == Kind::get ? opt : "\"HEAD\""});
          continue;
        }
        if (!takes_arg(k)) continue;
        if (j + 1 < w.size()) {   // value attached: -d'{...}' or -XPOST
          Arg attached{std::string(w.substr(j + 1)), a.offset + j + 1};
          if (k == Kind::unknown_arg) diags.add(Code::command_option_unknown, "", a.offset, {"\"" + opt + "\""});
          else st.apply(k, opt, attached);
        } else if (i + 1 < args.size()) {
          if (k == Kind::unknown_arg) diags.add(Code::command_option_unknown, "", a.offset, {"\"" + opt + "\""});
          else st.apply(k, opt, args[++i]);
        } else {
          missing(opt, a);
        }
        break;
      }
      continue;
    }
    st.urls.push_back(&a);
  }
  if (st.multipart) diags.add(Code::command_multipart, "", inv.offset, {"-F/--form"});
  if (st.urls.empty()) {
    diags.add(Code::command_no_url, "", inv.offset);
  } else {
    out.url = st.urls.front()->value;
    if (st.urls.size() > 1) diags.add(Code::command_extra_url, "", st.urls[1]->offset);
  }
  if (!st.has_data) diags.add(Code::command_no_body, "", inv.offset);
  if (!st.content_types.empty()) {
    out.content_type = st.content_types.front();
    if (st.content_types.size() > 1) diags.add(Code::command_header_repeated, "", inv.offset, {"\"" + st.content_types.front() + "\""});
  } else if (st.ct_removed) {
    out.content_type.reset();
  } else if (st.multipart) {
    out.content_type = "multipart/form-data";
  } else if (st.json) {
    out.content_type = "application/json";
  } else if (st.has_data) {
    out.content_type = "application/x-www-form-urlencoded";
  }
  out.body = std::move(st.body);
}

}  // namespace mmhook::detail
