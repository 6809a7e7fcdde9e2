// parse_command: picks the dialect of the pasted text (POSIX shell, cmd.exe, PowerShell), runs its reader to
// find the first curl invocation and applies curl's option semantics.
#include "command/shell_parse.h"
#include "mmhook/command.h"

namespace mmhook {
namespace {

enum class Dialect { posix, cmd, powershell };

// True when some line (not the last) ends with `c` right before its line break (a continuation character).
bool line_ends_with(std::string_view text, char c) {
  for (std::size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
    std::size_t k = nl;
    if (k > 0 && text[k - 1] == '\r') --k;
    if (k > 0 && text[k - 1] == c) return true;
  }
  return false;
}

// First non-blank word of the text, lower-cased (a leading "$ " prompt skipped).
std::string first_word(std::string_view text) {
  std::size_t a = text.find_first_not_of(" \t\r\n");
  if (a != std::string_view::npos && text.substr(a, 2) == "$ ") a = text.find_first_not_of(" \t", a + 1);
  if (a == std::string_view::npos) return {};
  std::size_t b = text.find_first_of(" \t\r\n", a);
  std::string w(text.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a));
  for (char& c : w) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return w;
}

// True when a ' appears outside "..." (as cmd.exe pairs double quotes): a PowerShell single-quoted argument. A ' inside
// a double-quoted cmd argument (a body like "it's") does not count.
bool single_quote_outside_double(std::string_view text) {
  bool in_double = false;
  for (char c : text) {
    if (c == '"') in_double = !in_double;
    else if (c == '\'' && !in_double) return true;
    else if (c == '\n') in_double = false;
  }
  return false;
}

// Decided by the first word, then by the continuation style; the body inside quotes may contain anything.
Dialect detect(std::string_view text) {
  std::string first = first_word(text);
  const bool backslash_lines = line_ends_with(text, '\\');
  const bool caret_lines = line_ends_with(text, '^');
  const bool backtick_lines = line_ends_with(text, '`');
  if (first == "rem" || first == ">" || first == ">>" || first == "certutil" || first.substr(0, 1) == ">") {
    return Dialect::cmd;
  }
  if ((first.size() > 1 && first[0] == '$') || first.substr(0, 1) == "[" || first == "invoke-restmethod" ||
      first == "invoke-webrequest" || first == "irm" || first == "iwr" || first == "ps" || first == "&") {
    return Dialect::powershell;
  }
  if (first == "curl.exe") {
    if (caret_lines || text.find("^\"") != std::string_view::npos) return Dialect::cmd;
    if (backtick_lines || single_quote_outside_double(text)) return Dialect::powershell;
    return Dialect::cmd;
  }
  if (first == "curl" && !backslash_lines) {
    if (caret_lines) return Dialect::cmd;
    if (backtick_lines) return Dialect::powershell;
  }
  return Dialect::posix;
}

}  // namespace

ParsedCommand parse_command(std::string_view text) {
  ParsedCommand out;
  Diagnostics diags;
  Dialect dialect = detect(text);
  detail::ShellRun run;
  switch (dialect) {
    case Dialect::posix: run = detail::run_posix(text, diags); break;
    case Dialect::cmd:
      diags.add(Code::command_dialect, "", 0, {"cmd.exe"});
      run = detail::run_cmd(text, diags);
      break;
    case Dialect::powershell:
      diags.add(Code::command_dialect, "", 0, {"PowerShell"});
      run = detail::run_powershell(text, diags);
      break;
  }
  if (!run.curls.empty()) {
    detail::read_curl(run.curls.front(), out, diags);
    if (run.curls.size() > 1) diags.add(Code::command_multiple_curl, "", run.curls[1].offset);
  } else if (run.direct) {
    out = std::move(*run.direct);
  } else {
    diags.add(Code::command_no_curl, "", 0);
  }
  out.diagnostics = std::move(diags).finish(text);
  return out;
}

}  // namespace mmhook
