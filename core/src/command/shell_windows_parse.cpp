// Reads cmd.exe and PowerShell pastes.
// cmd.exe: outside "..." a ^ escapes the next character (an escaped " does not toggle quoting) and ^ at a line
// end continues the line; & && || | and line breaks end a command; < > >> redirect. Each command line is then
// split the MS C runtime way (2n backslashes + " -> n backslashes and a quote toggle, 2n+1 -> a literal ").
// echo, type, del, rem and certutil -decode are emulated so that make_command's payload.json recipe reads back.
// PowerShell: statements of the forms make_command emits ($v = here-string / base64, [IO.File]::WriteAllBytes,
// curl.exe, Invoke-RestMethod) plus any curl.exe line with '...', "..." (backtick escapes) and ` continuations.
#include <algorithm>
#include <string>

#include "common/ascii.h"
#include "command/shell_parse.h"
#include "command/shell_quote.h"

namespace mmhook::detail {
namespace {

bool istarts(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_lower(s.substr(0, prefix.size())) == ascii_lower(prefix);
}

std::string_view trim(std::string_view s) {
  std::size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return {};
  std::size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

std::string_view basename(std::string_view w) {
  std::size_t slash = w.find_last_of("/\\");
  return slash == std::string_view::npos ? w : w.substr(slash + 1);
}

// MS C runtime command-line splitting (post-2008 rules), keeping each argument's offset within `line`.
std::vector<Arg> crt_split(std::string_view line, std::size_t base) {
  std::vector<Arg> args;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    Arg a;
    a.offset = base + i;
    bool in_quotes = false;
    while (i < line.size()) {
      char c = line[i];
      if (!in_quotes && (c == ' ' || c == '\t')) break;
      if (c == '\\') {
        std::size_t k = 0;
        while (i + k < line.size() && line[i + k] == '\\') ++k;
        if (i + k < line.size() && line[i + k] == '"') {
          a.value.append(k / 2, '\\');
          i += k;
          if (k % 2 == 1) {
            a.value.push_back('"');
            ++i;
          }
        } else {
          a.value.append(k, '\\');
          i += k;
        }
      } else if (c == '"') {
        if (in_quotes && i + 1 < line.size() && line[i + 1] == '"') {
          a.value.push_back('"');
          i += 2;
        } else {
          in_quotes = !in_quotes;
          ++i;
        }
      } else {
        a.value.push_back(c);
        ++i;
      }
    }
    args.push_back(std::move(a));
  }
  return args;
}

// --- cmd.exe -----------------------------------------------------------------------------------------------

struct CmdCommand {
  std::string line;               // after ^ removal, redirections taken out
  std::vector<std::size_t> src;   // source offset of each byte of `line`
  std::string out_file;
  bool append = false;
  std::string in_file;
  bool pipe_to_next = false;
};

std::vector<CmdCommand> cmd_split(std::string_view s, Diagnostics& d) {
  std::vector<CmdCommand> cmds(1);
  bool in_quote = false;
  auto push = [&](char c, std::size_t at) {
    cmds.back().line.push_back(c);
    cmds.back().src.push_back(at);
  };
  auto next_command = [&](bool pipe) {
    cmds.back().pipe_to_next = pipe;
    cmds.emplace_back();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\n') {
      if (in_quote) in_quote = false;
      next_command(false);
      continue;
    }
    if (c == '\r') continue;
    if (in_quote) {
      if (c == '"') in_quote = false;
      push(c, i);
      continue;
    }
    if (c == '^') {
      if (i + 1 < s.size() && (s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < s.size() && s[i + 2] == '\n'))) {
        i += s[i + 1] == '\r' ? 2 : 1;   // continuation
        continue;
      }
      if (i + 1 < s.size()) {
        ++i;
        push(s[i], i);
      }
      continue;
    }
    if (c == '"') {
      in_quote = true;
      push(c, i);
    } else if (c == '&' || c == '|') {
      bool doubled = i + 1 < s.size() && s[i + 1] == c;
      if (doubled) ++i;
      next_command(c == '|' && !doubled);
    } else if (c == '>' || c == '<') {
      bool is_out = c == '>';
      bool append = is_out && i + 1 < s.size() && s[i + 1] == '>';
      if (append) ++i;
      // a digit right before (2>nul) names the stream: drop it from the line
      int fd = -1;
      if (!cmds.back().line.empty() && cmds.back().line.back() >= '0' && cmds.back().line.back() <= '9' &&
          (cmds.back().line.size() == 1 || cmds.back().line[cmds.back().line.size() - 2] == ' ')) {
        fd = cmds.back().line.back() - '0';
        cmds.back().line.pop_back();
        cmds.back().src.pop_back();
      }
      std::size_t j = i + 1;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (j < s.size() && s[j] == '&') {   // 2>&1
        i = j + 1 < s.size() ? j + 1 : j;
        continue;
      }
      std::string target;
      bool q = false;
      while (j < s.size() && s[j] != '\n' && s[j] != '\r' && (q || (s[j] != ' ' && s[j] != '\t' && s[j] != '&' &&
                                                                      s[j] != '|' && s[j] != '<' && s[j] != '>'))) {
        if (s[j] == '"') q = !q;
        else target.push_back(s[j]);
        ++j;
      }
      i = j - 1;
      if (is_out && (fd < 0 || fd == 1)) {
        cmds.back().out_file = target;
        cmds.back().append = append;
      } else if (!is_out) {
        cmds.back().in_file = target;
      }
    } else {
      if (c == '%' && i + 1 < s.size() && s[i + 1] != ' ') {
        std::size_t close = s.find('%', i + 1);
        std::size_t nl = s.find('\n', i + 1);
        if (close != std::string_view::npos && close < nl && close > i + 1) {
          d.add(Code::command_expansion, "", i, {"\"" + std::string(s.substr(i, close - i + 1)) + "\" (a cmd.exe variable)"});
        }
      }
      push(c, i);
    }
  }
  return cmds;
}

}  // namespace

ShellRun run_cmd(std::string_view text, Diagnostics& diags) {
  ShellRun run;
  std::map<std::string, std::string> files;
  const std::size_t total = output_budget(text.size());
  std::size_t budget = total;
  auto file_key = [](std::string_view name) { return ascii_lower(name); };   // Windows names are case-insensitive
  std::optional<std::string> piped;
  for (CmdCommand& c : cmd_split(text, diags)) {
    std::size_t lead = c.line.find_first_not_of(" \t@");
    if (lead == std::string::npos) {
      piped.reset();
      continue;
    }
    std::string_view line = std::string_view(c.line).substr(lead);
    std::size_t base = c.src.empty() ? 0 : c.src[lead];
    std::vector<Arg> argv = crt_split(line, base);
    std::string name = ascii_lower(basename(argv.empty() ? std::string_view() : std::string_view(argv[0].value)));
    std::optional<std::string> in = piped;
    piped.reset();
    if (!c.in_file.empty()) {
      auto it = files.find(file_key(c.in_file));
      in = it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    std::optional<std::string> out;
    if (name == "echo" || istarts(line, "echo.") || istarts(line, "echo(")) {
      out = std::string(line.size() > 5 ? line.substr(5) : std::string_view()) + "\r\n";
    } else if (name == "type") {
      std::string f = argv.size() > 1 ? argv[1].value : std::string();
      if (ascii_lower(f) == "nul") out = std::string();
      else if (auto it = files.find(file_key(f)); it != files.end()) out = it->second;
    } else if (name == "certutil" || name == "certutil.exe") {
      std::vector<std::string> rest;
      bool decode = false;
      for (std::size_t k = 1; k < argv.size(); ++k) {
        std::string a = ascii_lower(argv[k].value);
        if (a == "-decode" || a == "/decode") decode = true;
        else if (!a.empty() && a[0] != '-' && a[0] != '/') rest.push_back(argv[k].value);
      }
      if (decode && rest.size() == 2) {
        auto it = files.find(file_key(rest[0]));
        std::optional<std::string> bytes = it == files.end() ? std::nullopt : base64_decode(it->second);
        if (bytes) files[file_key(rest[1])] = *bytes;
        else files.erase(file_key(rest[1]));
      }
      out = std::string();
    } else if (name == "del" || name == "erase") {
      for (std::size_t k = 1; k < argv.size(); ++k) files.erase(file_key(argv[k].value));
      out = std::string();
    } else if (name == "rem" || name == "cls" || name == "chcp") {
      out = std::string();
    } else if (name == "curl" || name == "curl.exe") {
      Invocation inv;
      inv.offset = argv[0].offset;
      inv.args.assign(argv.begin() + 1, argv.end());
      if (in) inv.input.bytes = in;
      else inv.input.unknown_reason = c.in_file.empty() ? "nothing is piped or redirected into it"
                                                         : "it comes from the file \"" + c.in_file + "\"";
      inv.budget = total;
      if (run.curls.empty()) inv.files = files;
      run.curls.push_back(std::move(inv));
    }
    if (out && out->size() > budget) {
      if (budget != 0 || !out->empty()) diags.add(Code::command_too_large, "", base, {std::to_string(total)});
      budget = 0;
      out.reset();
    } else if (out) {
      budget -= out->size();
    }
    if (!c.out_file.empty() && ascii_lower(c.out_file) != "nul") {
      if (out) {
        std::string& f = files[file_key(c.out_file)];
        if (!c.append) f.clear();
        f += *out;
      } else {
        files.erase(file_key(c.out_file));
      }
    } else if (c.pipe_to_next) {
      piped = out;
    }
  }
  // curl.exe @name: files are keyed by lower-cased name; rewrite references to files the text wrote.
  for (Invocation& inv : run.curls) {
    for (Arg& a : inv.args) {
      std::size_t at = a.value.find('@');
      if (at == std::string::npos) continue;
      std::string key = file_key(std::string_view(a.value).substr(at + 1));
      if (inv.files.count(key) > 0) a.value = a.value.substr(0, at + 1) + key;
    }
  }
  return run;
}

// --- PowerShell --------------------------------------------------------------------------------------------
namespace {

struct PsState {
  std::map<std::string, std::string> vars;    // lower-case name -> value (strings and byte arrays alike)
  std::map<std::string, std::string> files;
  Diagnostics& d;
  std::size_t budget = 0;                      // bytes a single value may have
};

// Skips blanks, line breaks and ` line continuations.
std::size_t skip_ws(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') ++i;
    else if (s[i] == '`' && i + 1 < s.size() && (s[i + 1] == '\r' || s[i + 1] == '\n')) i += 2;
    else break;
  }
  return i;
}

bool is_var_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':';
}

// Reads one PowerShell string literal at s[i] ('...', "...", @'..'@, @".."@); returns its end or npos.
std::size_t ps_string(std::string_view s, std::size_t i, std::string& out, PsState& st, std::size_t base) {
  if (s.substr(i, 2) == "@'" || s.substr(i, 2) == "@\"") {
    char q = s[i + 1];
    std::size_t nl = s.find('\n', i);
    if (nl == std::string_view::npos) return npos;
    std::string term = std::string("\n") + q + "@";
    std::size_t end = s.find(term, nl);
    if (end == std::string_view::npos) {
      st.d.add(Code::command_unterminated_quote, "", base + i, {"here-string"});
      return npos;
    }
    std::string_view body = s.substr(nl + 1, end > nl ? end - nl - 1 : 0);
    if (!body.empty() && body.back() == '\r') body.remove_suffix(1);
    out.assign(body);
    return end + 3;
  }
  char q = s[i];
  std::size_t j = i + 1;
  while (j < s.size()) {
    char c = s[j];
    if (c == q) {
      if (j + 1 < s.size() && s[j + 1] == q) {
        out.push_back(q);
        j += 2;
        continue;
      }
      return j + 1;
    }
    if (q == '"' && c == '`' && j + 1 < s.size()) {
      char e = s[j + 1];
      switch (e) {
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case '0': out.push_back('\0'); break;
        case 'a': out.push_back('\a'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'v': out.push_back('\v'); break;
        case 'e': out.push_back('\x1B'); break;
        case '\n': break;
        default: out.push_back(e);
      }
      j += 2;
      continue;
    }
    if (q == '"' && c == '$' && j + 1 < s.size() && (is_var_char(s[j + 1]) || s[j + 1] == '(' || s[j + 1] == '{')) {
      std::size_t k = j + 1;
      while (k < s.size() && is_var_char(s[k])) ++k;
      std::string name = ascii_lower(s.substr(j + 1, k - j - 1));
      if (auto it = st.vars.find(name); it != st.vars.end() && k > j + 1) {
        if (out.size() + it->second.size() <= st.budget) out += it->second;
      } else {
        st.d.add(Code::command_expansion, "", base + j, {"\"" + std::string(s.substr(j, std::max<std::size_t>(k - j, 2))) + "\""});
        out.push_back('$');
        k = j + 1;
      }
      j = k;
      continue;
    }
    out.push_back(c);
    ++j;
  }
  st.d.add(Code::command_unterminated_quote, "", base + i, {q == '"' ? "double" : "single"});
  return npos;
}

// Evaluates the few expressions make_command emits; nullopt for anything else.
std::optional<std::string> ps_eval(std::string_view e, PsState& st, std::size_t base) {
  e = trim(e);
  while (e.size() >= 2 && e.front() == '(' && e.back() == ')') e = trim(e.substr(1, e.size() - 2));
  if (e.empty()) return std::nullopt;
  if (e[0] == '\'' || e[0] == '"' || e.substr(0, 2) == "@'" || e.substr(0, 2) == "@\"") {
    std::string v;
    std::size_t end = ps_string(e, 0, v, st, base);
    if (end == npos || !trim(e.substr(end)).empty()) return std::nullopt;
    return v;
  }
  auto call_arg = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (!istarts(e, prefix) || e.back() != ')') return std::nullopt;
    return e.substr(prefix.size(), e.size() - prefix.size() - 1);
  };
  if (e[0] == '$') {
    std::size_t k = 1;
    while (k < e.size() && is_var_char(e[k])) ++k;
    auto it = st.vars.find(ascii_lower(e.substr(1, k - 1)));
    if (it == st.vars.end()) return std::nullopt;
    std::string_view rest = e.substr(k);
    if (rest.empty()) return it->second;
    if (istarts(rest, ".Replace(") && rest.back() == ')') {
      std::string_view args = rest.substr(9, rest.size() - 10);
      std::string from, to;
      std::size_t a = ps_string(args, skip_ws(args, 0), from, st, base);
      if (a == npos) return std::nullopt;
      a = skip_ws(args, a);
      if (a >= args.size() || args[a] != ',') return std::nullopt;
      a = skip_ws(args, a + 1);
      if (a >= args.size() || ps_string(args, a, to, st, base) == npos || from.empty()) return std::nullopt;
      std::string out;
      const std::string& v = it->second;
      for (std::size_t p = 0; p < v.size();) {
        if (out.size() > st.budget) return std::nullopt;
        if (v.compare(p, from.size(), from) == 0) {
          out += to;
          p += from.size();
        } else {
          out.push_back(v[p++]);
        }
      }
      return out;
    }
    return std::nullopt;
  }
  for (std::string_view p : {"[Text.Encoding]::UTF8.GetBytes(", "[System.Text.Encoding]::UTF8.GetBytes(",
                              "[Text.Encoding]::ASCII.GetBytes(", "[System.Text.Encoding]::ASCII.GetBytes("}) {
    if (auto a = call_arg(p)) return ps_eval(*a, st, base);
  }
  for (std::string_view p : {"[Convert]::FromBase64String(", "[System.Convert]::FromBase64String("}) {
    if (auto a = call_arg(p)) {
      std::optional<std::string> text = ps_eval(*a, st, base);
      return text ? base64_decode(*text) : std::nullopt;
    }
  }
  if (istarts(e, "[IO.Path]::GetTempFileName()") || istarts(e, "[System.IO.Path]::GetTempFileName()") ||
      istarts(e, "New-TemporaryFile")) {
    return std::string("%TEMP%\\mmhook.tmp");
  }
  return std::nullopt;
}

// Splits a statement into arguments: quoted strings, $variables, (expressions) and bare words, each possibly
// glued together ("@$file", --data-binary).
std::vector<Arg> ps_words(std::string_view s, std::size_t base, PsState& st) {
  std::vector<Arg> out;
  std::size_t i = 0;
  while (true) {
    i = skip_ws(s, i);
    if (i >= s.size()) break;
    Arg a;
    a.offset = base + i;
    while (i < s.size() && skip_ws(s, i) == i) {
      char c = s[i];
      if (c == '\'' || c == '"' || ((c == '@') && i + 1 < s.size() && (s[i + 1] == '\'' || s[i + 1] == '"') &&
                                    s.find('\n', i) != npos && trim(s.substr(i + 2, s.find('\n', i) - i - 2)).empty())) {
        std::string v;
        std::size_t end = ps_string(s, i, v, st, base);
        a.value += v;
        i = end == npos ? s.size() : end;
      } else if (c == '(') {
        int depth = 0;
        std::size_t j = i;
        for (; j < s.size(); ++j) {
          if (s[j] == '(') ++depth;
          else if (s[j] == ')' && --depth == 0) break;
        }
        std::optional<std::string> v = ps_eval(s.substr(i, j + 1 - i), st, base + i);
        if (v && a.value.size() + v->size() <= st.budget) a.value += *v;
        else if (!v) a.value.append(s.substr(i, j + 1 - i));
        i = j < s.size() ? j + 1 : j;
      } else if (c == '$' && i + 1 < s.size() && is_var_char(s[i + 1])) {
        std::size_t k = i + 1;
        while (k < s.size() && is_var_char(s[k])) ++k;
        auto it = st.vars.find(ascii_lower(s.substr(i + 1, k - i - 1)));
        if (it != st.vars.end()) {
          if (a.value.size() + it->second.size() <= st.budget) a.value += it->second;
        }
        else {
          st.d.add(Code::command_expansion, "", base + i, {"\"" + std::string(s.substr(i, k - i)) + "\""});
          a.value.append(s.substr(i, k - i));
        }
        i = k;
      } else if (c == '`' && i + 1 < s.size()) {
        a.value.push_back(s[i + 1]);
        i += 2;
      } else {
        a.value.push_back(c);
        ++i;
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

// Statement boundaries: line breaks and ; outside strings, here-strings and parentheses; ` continues a line.
std::vector<std::pair<std::size_t, std::size_t>> ps_statements(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '@' && i + 1 < s.size() && (s[i + 1] == '\'' || s[i + 1] == '"')) {
      std::size_t nl = s.find('\n', i);
      if (nl != npos && trim(s.substr(i + 2, nl - i - 2)).empty()) {
        std::string term = std::string("\n") + s[i + 1] + "@";
        std::size_t end = s.find(term, nl);
        i = end == npos ? s.size() : end + 2;
        continue;
      }
    }
    if (c == '\'' || c == '"') {
      std::size_t j = i + 1;
      while (j < s.size()) {
        if (c == '"' && s[j] == '`') {
          j += 2;
          continue;
        }
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      i = j;
      continue;
    }
    if (c == '`' && i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
      ++i;
      continue;
    }
    if (c == '#' && depth == 0 && (i == start || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n')) {
      std::size_t nl = s.find('\n', i);
      if (i > start) out.emplace_back(start, i);
      i = nl == npos ? s.size() : nl;
      start = i + 1;
      continue;
    }
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if ((c == '\n' || c == ';') && depth == 0) {
      if (i > start) out.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < s.size()) out.emplace_back(start, s.size());
  return out;
}

}  // namespace

ShellRun run_powershell(std::string_view text, Diagnostics& diags) {
  ShellRun run;
  PsState st{{}, {}, diags, output_budget(text.size())};
  for (auto [from, to] : ps_statements(text)) {
    std::string_view raw = text.substr(from, to - from);
    std::size_t lead = raw.find_first_not_of(" \t\r\n");
    if (lead == npos) continue;
    std::size_t base = from + lead;
    std::string_view s = trim(raw);
    if (istarts(s, "PS ") && s.find('>') != npos) s = trim(s.substr(s.find('>') + 1));
    if (s.empty()) continue;
    if (s[0] == '$') {   // $name = expression
      std::size_t k = 1;
      while (k < s.size() && is_var_char(s[k])) ++k;
      std::size_t eq = skip_ws(s, k);
      if (eq < s.size() && s[eq] == '=') {
        std::optional<std::string> v = ps_eval(s.substr(eq + 1), st, base + eq + 1);
        if (v) {
          st.budget -= std::min(st.budget, v->size());   // the budget is shared by all values: linear overall
          st.vars[ascii_lower(s.substr(1, k - 1))] = *v;
        }
        continue;
      }
    }
    for (std::string_view p : {"[IO.File]::WriteAllBytes(", "[System.IO.File]::WriteAllBytes(", "[IO.File]::WriteAllText(",
                               "[System.IO.File]::WriteAllText("}) {
      if (istarts(s, p) && s.back() == ')') {
        std::string_view args = s.substr(p.size(), s.size() - p.size() - 1);
        std::size_t comma = args.find(',');
        if (comma == npos) break;
        std::optional<std::string> path = ps_eval(args.substr(0, comma), st, base);
        std::optional<std::string> data = ps_eval(args.substr(comma + 1), st, base);
        if (path && data) st.files[*path] = *data;
        else if (path) st.files.erase(*path);
        break;
      }
    }
    std::vector<Arg> words = ps_words(s, base, st);
    if (words.empty()) continue;
    std::string name = ascii_lower(basename(words[0].value));
    if (name == "&" && words.size() > 1) {
      words.erase(words.begin());
      name = ascii_lower(basename(words[0].value));
    }
    if (name == "curl.exe" || name == "curl") {
      Invocation inv;
      inv.offset = words[0].offset;
      inv.args.assign(words.begin() + 1, words.end());
      inv.budget = output_budget(text.size());
      if (run.curls.empty()) inv.files = st.files;
      run.curls.push_back(std::move(inv));
    } else if ((name == "invoke-restmethod" || name == "invoke-webrequest" || name == "irm" || name == "iwr") &&
               !run.direct && run.curls.empty()) {
      ParsedCommand p;
      bool has_body = false;
      for (std::size_t k = 1; k + 1 < words.size(); ++k) {
        std::string opt = ascii_lower(words[k].value);
        const Arg& v = words[k + 1];
        if (opt == "-uri") p.url = v.value;
        else if (opt == "-contenttype") p.content_type = v.value;
        else if (opt == "-body") {
          p.body = v.value;
          has_body = true;
        } else if (opt == "-method" && ascii_lower(v.value) != "post") {
          diags.add(Code::command_method, "", v.offset, {"\"" + v.value + "\""});
        } else {
          continue;
        }
        ++k;
      }
      if (p.url.empty()) diags.add(Code::command_no_url, "", words[0].offset);
      if (!has_body) diags.add(Code::command_no_body, "", words[0].offset);
      run.direct = std::move(p);
    }
  }
  return run;
}

}  // namespace mmhook::detail
