// Windows targets: PowerShell (5.1 and 7) with curl.exe or Invoke-RestMethod, and cmd.exe with curl.exe.
//
// PowerShell, why a file: before 7.3 PowerShell re-quotes native arguments without escaping embedded quotes
// (a JSON body loses its "), and piping a string to a native program re-encodes it with $OutputEncoding and
// appends a newline. So the body becomes bytes inside PowerShell and curl.exe reads them from a temporary file.
//  * ASCII text (printable and LF) travels in a verbatim here-string @'...'@ (about_Quoting_Rules: no
//    expansion; it ends at a line starting with '@). Its line breaks are those of the pasted text (LF in the
//    console, maybe CRLF in a .ps1), so CRLF is folded to LF; the body itself has no CR in this form.
//  * anything else (non-ASCII: 5.1 reads BOM-less scripts as ANSI; CR; TAB, which PSReadLine may complete on
//    paste; other controls) travels as base64.
//  * Encoding.GetBytes never writes a BOM; WriteAllBytes writes exactly those bytes.
//  * `curl` is an alias of Invoke-WebRequest in 5.1, hence curl.exe (shipped with Windows 10 1803+).
//
// cmd.exe (interactive prompt; see cmd /? and the parsing phases of cmd): % expands even inside "...",
// an unescaped " toggles quote mode, and outside quote mode ^ escapes the next character (an escaped " does not
// toggle). curl.exe then splits its command line with the MS C runtime rules. One line carries only printable
// ASCII (the console code page and curl's ANSI argv can change other characters); any other body is written to
// payload.json through base64 and certutil -decode (present on every Windows), then sent with @payload.json.
#include <string>

#include "command/shell_quote.h"
#include "command/shell_targets.h"

namespace mmhook::detail {
namespace {

constexpr std::size_t kBase64Line = 76;
constexpr std::size_t kCmdLineLimit = 8000;   // cmd.exe accepts 8191 characters per line

std::string header_arg(std::string_view type) {
  return "Content-Type:" + std::string(type.empty() ? "" : " ") + std::string(type);
}

// PowerShell before 7.3 (and 7.3+ in Legacy mode) passes a native argument wrapped in "..." without escaping inner
// quotes, so a '"' in the URL would split it into several curl.exe arguments. %22 is what a browser sends for it.
std::string ps_native_url(std::string_view url) {
  std::string out;
  for (char c : url) {
    if (c == '"') out += "%22";
    else out.push_back(c);
  }
  return out;
}

// Index of the first byte a verbatim ASCII here-string cannot carry, npos if none.
std::size_t here_string_unsafe_at(std::string_view body) {
  bool line_start = true;
  for (std::size_t i = 0; i < body.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(body[i]);
    if (c == '\n') {
      line_start = true;
      continue;
    }
    if (c < 0x20 || c >= 0x7F) return i;   // TAB too: PSReadLine completes on a pasted TAB
    if (line_start && c == '\'' && i + 1 < body.size() && body[i + 1] == '@') return i;   // would end the here-string
    if (c != ' ' && c != '\t') line_start = false;
  }
  return npos;
}

std::string wrapped_base64(std::string_view bytes) {
  std::string b64 = base64_encode(bytes);
  std::string out;
  for (std::size_t i = 0; i < b64.size(); i += kBase64Line) {
    out.append(b64, i, kBase64Line);
    out.push_back('\n');
  }
  return out;
}

}  // namespace

std::string gen_powershell(const GenInput& in, bool invoke_rest_method) {
  const bool form = in.encoding == BodyEncoding::form;
  std::string out;
  std::string bytes_expr;
  if (invoke_rest_method && form) {
    // Invoke-RestMethod does not encode a byte body; the form is percent-encoded here (ASCII only).
    out += "$form = " + ps_quote("payload=" + percent_encode(in.body)) + "\n";
    bytes_expr = "[Text.Encoding]::ASCII.GetBytes($form)";
  } else if (std::size_t bad = here_string_unsafe_at(in.body); bad == npos) {
    out += "$body = @'\n";
    out.append(in.body);
    out += "\n'@\n";
    bytes_expr = "[Text.Encoding]::UTF8.GetBytes($body.Replace(\"`r`n\", \"`n\"))";
  } else {
    in.diags.add(Code::command_body_base64, "", bad,
                 {"has characters outside printable ASCII or a line starting with '@, which PowerShell would change"});
    out += "$bytes = [Convert]::FromBase64String(@'\n" + wrapped_base64(in.body) + "'@)\n";
    bytes_expr = "$bytes";
  }
  // The token from $env:NAME; a missing variable stops the script before anything is sent.
  if (in.auth && in.auth->token.empty())
    out = "if (-not $env:" + std::string(in.auth->env) + ") { throw 'Set $env:" + std::string(in.auth->env) +
          " to the access token first.' }\n" + out;
  const std::string bearer = !in.auth ? std::string()
                             : !in.auth->token.empty() ? ps_quote("Bearer " + std::string(in.auth->token))
                                                       : "\"Bearer $env:" + std::string(in.auth->env) + "\"";
  if (invoke_rest_method) {
    // Invoke-RestMethod is a cmdlet (no native argument passing); without -ContentType it sends a form type itself.
    std::string_view type = in.content_type;
    if (type.empty()) {
      type = "application/x-www-form-urlencoded";
      in.diags.add(Code::command_content_type_kept, "", 0, {std::string(type)});
    }
    out += "Invoke-RestMethod -Method Post -Uri " + ps_quote(in.url) + " -ContentType " + ps_quote(type) +
           (in.auth ? " -Headers @{ Authorization = " + bearer + " }" : std::string()) + " -Body (" +
           bytes_expr + ")\n";
    return out;
  }
  out += "$file = [IO.Path]::GetTempFileName()\n";
  out += "[IO.File]::WriteAllBytes($file, " + bytes_expr + ")\n";
  out += "curl.exe -sS --fail-with-body -H " + ps_quote(header_arg(in.content_type)) +
         (in.auth ? " -H " + (in.auth->token.empty() ? "\"Authorization: " + bearer.substr(1) : ps_quote("Authorization: Bearer " + std::string(in.auth->token)))
                  : std::string()) +
         (form ? " --data-urlencode \"payload@$file\" " : " --data-binary \"@$file\" ") +
         (!in.url.empty() && in.url.front() == '-' ? "--url " : "") + ps_quote(ps_native_url(in.url)) + "\n";
  out += "Remove-Item $file\n";
  return out;
}

std::string gen_cmd(const GenInput& in) {
  const bool form = in.encoding == BodyEncoding::form;
  if (in.url.find('!') != std::string_view::npos) {
    in.diags.add(Code::command_url_cmd_unsafe, "", 0);
    return "rem mmhook: no command: the webhook URL contains '!', which cmd.exe may expand (see the diagnostic).\n";
  }
  // %NAME% is expanded by cmd.exe inside "..." too; an undefined variable stays literal (the server answers 401).
  const std::string auth = !in.auth ? std::string()
                           : !in.auth->token.empty() ? "-H " + cmd_quote_arg("Authorization: Bearer " + std::string(in.auth->token)) + " "
                                                     : "-H \"Authorization: Bearer %" + std::string(in.auth->env) + "%\" ";
  const std::string head = "curl.exe -sS --fail-with-body -H " + cmd_quote_arg(header_arg(in.content_type)) + " " + auth;
  const std::string url = (!in.url.empty() && in.url.front() == '-' ? "--url " : "") + cmd_quote_arg(in.url);
  std::string reason;
  std::size_t at = 0;
  for (std::size_t i = 0; i < in.body.size() && reason.empty(); ++i) {
    unsigned char c = static_cast<unsigned char>(in.body[i]);
    if (c == '\n' || c == '\r') reason = "has a line break, which cmd.exe cannot put in one argument";
    else if (c < 0x20 || c >= 0x7F) reason = "has characters outside printable ASCII, which cmd.exe may re-encode";
    else if (c == '!') reason = "has '!', which cmd.exe changes when delayed expansion is on (cmd /V:ON)";
    at = i;
  }
  if (reason.empty() && !form && !in.body.empty() && in.body.front() == '@') {
    reason = "starts with @, which curl would read as a file name";
    at = 0;
  }
  if (reason.empty()) {
    std::string line = head + (form ? "--data-urlencode " + cmd_quote_arg("payload=" + std::string(in.body))
                                    : "--data-binary " + cmd_quote_arg(in.body)) +
                       " " + url + "\n";
    if (line.size() <= kCmdLineLimit) return line;
    reason = "is too long for one cmd.exe line (8191 characters)";
    at = 0;
  }
  in.diags.add(Code::command_body_file, "", at, {reason});
  // `> file echo TEXT` puts no stray space before the line break; base64 lines never read as "echo on/off".
  std::string out = "rem cmd.exe cannot pass this body on one line: it is written to payload.json first.\n";
  std::string b64 = wrapped_base64(in.body);
  bool first = true;
  for (std::size_t start = 0; start < b64.size();) {
    std::size_t end = b64.find('\n', start);
    out += first ? "> payload.b64 echo " : ">> payload.b64 echo ";
    out.append(b64, start, end - start);
    out.push_back('\n');
    first = false;
    start = end + 1;
  }
  if (first) out += "type nul > payload.b64\n";
  out += "certutil -f -decode payload.b64 payload.json > nul\n";
  out += "del payload.b64\n";
  out += head + (form ? "--data-urlencode payload@payload.json " : "--data-binary @payload.json ") + url + "\n";
  return out;
}

}  // namespace mmhook::detail
