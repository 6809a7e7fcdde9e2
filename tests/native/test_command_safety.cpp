// Issue 17 item 6 and 9 and issue 14 item 21: what no target shell may do with a hostile URL or option, by rule.
// cmd.exe: a line break ends the command line; '!' expands under cmd /V:ON. PowerShell <= 7.2 (and Legacy mode)
// wraps a native argument in "..." without escaping inner quotes. curl gets C strings: an argument ends at NUL.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "mmhook/command.h"

using namespace mmhook;

namespace {
const std::string kUrl = "https://chat.example.com/hooks/abc123";

CommandResult make(std::string_view body, Shell sh, std::string url = kUrl, std::optional<std::string> ct = std::nullopt,
                   BodyEncoding enc = BodyEncoding::json) {
  CommandOptions o{std::move(url), sh, enc};
  o.content_type = std::move(ct);
  return make_command(body, o);
}

bool has_code(const std::vector<Diagnostic>& d, std::string_view code) {
  for (const Diagnostic& x : d) {
    if (x.code == code) return true;
  }
  return false;
}

// The text without its final newline has no CR or LF that the URL brought in (one command line for cmd).
std::size_t line_breaks(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\r' || c == '\n';
  return n;
}
}  // namespace

TEST_CASE("a CR/LF or other control character in the URL is percent-encoded for every target, with an error") {
  const std::string evil = kUrl + "\r\ncalc.exe & del x\x1b";
  for (Shell sh : kShells) {
    CommandResult r = make("{}", sh, evil);
    CAPTURE(to_string(sh));
    std::string text = r.text;   // cmd.exe writes % and & as ^% ^& (its caret escapes)
    if (sh == Shell::cmd) text.erase(std::remove(text.begin(), text.end(), '^'), text.end());
    CHECK(text.find("%0D%0Acalc.exe%20&%20del%20x%1B") != std::string::npos);
    CHECK(r.text.find('\x1b') == std::string::npos);
    CHECK(has_code(r.diagnostics, "command.url_whitespace"));
  }
  CHECK(line_breaks(make("{}", Shell::cmd, evil).text) == 1);
}

TEST_CASE("cmd.exe: '!' never reaches a command line (delayed expansion); a body with '!' goes through a file") {
  CommandResult body = make("{\"text\":\"hi !PATH! there\"}", Shell::cmd);
  CHECK(body.text.find('!') == std::string::npos);
  CHECK(body.text.find("certutil -f -decode payload.b64 payload.json") != std::string::npos);
  CHECK(has_code(body.diagnostics, "command.body_file"));
  CommandResult url = make("{}", Shell::cmd, kUrl + "?x=!COMSPEC!");
  CHECK(url.text.rfind("rem ", 0) == 0);
  CHECK(url.text.find("curl") == std::string::npos);
  CHECK(has_code(url.diagnostics, "command.url_cmd_unsafe"));
}

TEST_CASE("PowerShell + curl.exe: a quote in the URL cannot split the argument under legacy argument passing") {
  CommandResult r = make("{}", Shell::powershell, kUrl + "\" -K \"C:\\evil.txt");
  // Legacy passing adds "..." only around arguments with spaces and never escapes inner quotes: the URL argument
  // must have neither.
  CHECK(r.text.find("'https://chat.example.com/hooks/abc123%22%20-K%20%22C:\\evil.txt'\n") != std::string::npos);
  CHECK(has_code(r.diagnostics, "command.url_quote"));
}

TEST_CASE("Content-Type: a chosen media type, none at all, or a refused one") {
  CommandResult charset = make("{}", Shell::posix, kUrl, "application/json; charset=utf-8");
  CHECK(charset.text.find("-H 'Content-Type: application/json; charset=utf-8'") != std::string::npos);
  CHECK(charset.diagnostics.empty());
  CHECK(make("{}", Shell::posix, kUrl, "").text.find("-H 'Content-Type:' ") != std::string::npos);
  CHECK(make("{}", Shell::cmd, kUrl, "").text.find("-H \"Content-Type:\" ") != std::string::npos);
  CHECK(make("{}", Shell::powershell, kUrl, "").text.find("-H 'Content-Type:' ") != std::string::npos);
  CHECK(make("{}", Shell::fetch, kUrl, "").text.find("headers") == std::string::npos);
  CHECK(make("{}", Shell::python, kUrl, "").text.find("headers") == std::string::npos);
  CHECK(has_code(make("{}", Shell::wget, kUrl, "").diagnostics, "command.content_type_kept"));
  CommandResult bad = make("{}", Shell::cmd, kUrl, "text/plain\r\nX-Evil: !x!");
  CHECK(has_code(bad.diagnostics, "command.content_type"));
  CHECK(bad.text.find("X-Evil") == std::string::npos);
  CHECK(bad.text.find("Content-Type: application/json") != std::string::npos);
}

TEST_CASE("parse_command reads back the chosen Content-Type, or none") {
  for (Shell sh : {Shell::posix, Shell::powershell, Shell::cmd}) {
    CAPTURE(to_string(sh));
    ParsedCommand p = parse_command(make("{\"text\":\"x\"}", sh, kUrl, "application/json; charset=utf-8").text);
    REQUIRE(p.content_type.has_value());
    CHECK(*p.content_type == "application/json; charset=utf-8");
    CHECK(p.body == "{\"text\":\"x\"}");
    CHECK_FALSE(parse_command(make("{\"text\":\"x\"}", sh, kUrl, "").text).content_type.has_value());
  }
}

TEST_CASE("parse_command: an argument ends at its first NUL, as execve passes it (the URL too)") {
  ParsedCommand p = parse_command("curl -d '{\"text\":\"x\"}' $'https://chat.example.com/hooks/abc123\\0evil'");
  CHECK(p.url == "https://chat.example.com/hooks/abc123");
  ParsedCommand q = parse_command("curl -d $'{\"text\":\"x\"}\\0junk' https://chat.example.com/hooks/abc123");
  CHECK(q.body == "{\"text\":\"x\"}");
}
