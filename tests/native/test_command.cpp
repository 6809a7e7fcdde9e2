// make_command: escaping rules per shell, with golden strings. Execution of the POSIX, wget, fetch and Python
// forms is checked by tests/exec/commands.test.mjs; PowerShell and cmd.exe are checked here by rule.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "command/shell_quote.h"
#include "mmhook/command.h"

using namespace mmhook;
using namespace mmhook::detail;

namespace {
const std::string kUrl = "https://chat.example.com/hooks/abc123";

std::string make(std::string_view body, Shell sh, BodyEncoding enc = BodyEncoding::json, std::string url = kUrl) {
  return make_command(body, CommandOptions{std::move(url), sh, enc}).text;
}

bool has_code(const std::vector<Diagnostic>& d, std::string_view code) {
  for (const Diagnostic& x : d) {
    if (x.code == code) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("posix_quote: inside '...' every byte but ' is literal (XCU 2.2.2); ' is written '\\''") {
  CHECK(posix_quote("") == "''");
  CHECK(posix_quote("a b") == "'a b'");
  CHECK(posix_quote("it's") == "'it'\\''s'");
  CHECK(posix_quote("$HOME `id` !! \\ \n") == "'$HOME `id` !! \\ \n'");
  CHECK(posix_quote("''") == "''\\'''\\'''");
}

TEST_CASE("posix_printf_format: % and \\ doubled, controls named or octal, leading - escaped") {
  CHECK(posix_printf_format("50% \\o/") == "'50%% \\\\o/'");
  CHECK(posix_printf_format(std::string("a\0b", 3)) == "'a\\000b'");
  CHECK(posix_printf_format("a\r\n\tb") == "'a\\r\n\\tb'");
  CHECK(posix_printf_format("-n") == "'\\055n'");
  CHECK(posix_printf_format("\x1b\x7f") == "'\\033\\177'");
  CHECK(posix_printf_format("\xff\xc3\xa9") == "'\\377\xc3\xa9'");   // invalid byte octal, valid UTF-8 kept
  CHECK(posix_printf_format("it's") == "'it'\\''s'");
}

TEST_CASE("paste safety and UTF-8 checks") {
  CHECK(paste_unsafe_at("plain\nlines \xf0\x9f\x98\x80") == npos);
  CHECK(paste_unsafe_at("tab\there") == 3);
  CHECK(paste_unsafe_at("cr\r\n") == 2);
  CHECK(paste_unsafe_at("bad \xc0\xaf") == 4);
  CHECK(utf8_invalid_at("\xed\xa0\x80") == 0);   // surrogate
  CHECK(utf8_invalid_at("\xf4\x90\x80\x80") == 0);   // > U+10FFFF
  CHECK(utf8_invalid_at("ok \xe2\x82\xac") == npos);
}

TEST_CASE("cmd_quote_arg: MS C runtime quoting, then ^ before every cmd metacharacter when needed") {
  // No " % !: a plain "..." is enough (inside quotes & | < > ^ ( ) are literal to cmd).
  CHECK(cmd_quote_arg("a & b | c") == "\"a & b | c\"");
  CHECK(cmd_quote_arg("C:\\dir\\") == "\"C:\\dir\\\\\"");   // 2n backslashes before the closing quote
  // An inner quote: \" for the C runtime (2n+1 backslashes), and ^ on every metachar so cmd never enters quotes.
  CHECK(cmd_quote_arg("{\"a\":\"b&c\"}") == "^\"{\\^\"a\\^\":\\^\"b^&c\\^\"}^\"");
  CHECK(cmd_quote_arg("x\\\"y") == "^\"x\\\\\\^\"y^\"");
  // % expands even inside quotes: ^% makes the name end in ^, never defined, and the caret is then removed.
  CHECK(cmd_quote_arg("100%PATH%") == "^\"100^%PATH^%^\"");
  CHECK(cmd_quote_arg("hi!") == "^\"hi^!^\"");
  CHECK(cmd_quote_arg("") == "\"\"");
}

TEST_CASE("ps_quote doubles ' and the typographic single quotes PowerShell also accepts") {
  CHECK(ps_quote("it's") == "'it''s'");
  CHECK(ps_quote("a\xe2\x80\x99" "b") == "'a\xe2\x80\x99\xe2\x80\x99" "b'");
  CHECK(ps_quote("$x `n \"") == "'$x `n \"'");
}

TEST_CASE("js_string and py_string") {
  CHECK(js_string("a\"b\\c\n\x01\xe2\x80\xa8") == "\"a\\\"b\\\\c\\n\\u0001\\u2028\"");
  bool sur = false;
  CHECK(py_string(std::string("a\"\x00\xff\xc3\xa9", 6), &sur) == "\"a\\\"\\x00\\udcff\xc3\xa9\"");
  CHECK(sur);
}

TEST_CASE("base64 and percent encoding round trips") {
  for (std::string s : {std::string(""), std::string("a"), std::string("ab"), std::string("abc"), std::string("\0\xff\x10", 3)}) {
    CAPTURE(s);
    CHECK(base64_decode(base64_encode(s)) == s);
    CHECK(form_unescape(percent_encode(s)) == s);
    CHECK(form_unescape(percent_encode(s, true)) == s);
  }
  CHECK(base64_encode("hello") == "aGVsbG8=");
  CHECK(base64_decode("aGVs\r\nbG8=") == std::optional<std::string>("hello"));
  CHECK_FALSE(base64_decode("a$==").has_value());
  CHECK(percent_encode("a b~") == "a%20b~");
  CHECK(percent_encode("a b", true) == "a+b");
  CHECK_FALSE(form_unescape("%zz").has_value());
}

TEST_CASE("posix: inline single-quoted body, with --fail-with-body and the Content-Type") {
  CHECK(make("{\"text\":\"it's $5\"}", Shell::posix) ==
        "curl -sS --fail-with-body \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        "  --data-binary '{\"text\":\"it'\\''s $5\"}' \\\n"
        "  'https://chat.example.com/hooks/abc123'\n");
  CHECK(make("{\"text\":\"a b\"}", Shell::posix, BodyEncoding::form) ==
        "curl -sS --fail-with-body \\\n"
        "  -H 'Content-Type: application/x-www-form-urlencoded' \\\n"
        "  --data-urlencode 'payload={\"text\":\"a b\"}' \\\n"
        "  'https://chat.example.com/hooks/abc123'\n");
}

TEST_CASE("posix: a body starting with @ or holding controls goes through printf, never --data-binary '@...'") {
  CHECK(make("@file", Shell::posix) ==
        "printf '%s' '@file' | curl -sS --fail-with-body \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        "  --data-binary @- \\\n"
        "  'https://chat.example.com/hooks/abc123'\n");
  CHECK(make("a\r\nb", Shell::posix).substr(0, 17) == "printf 'a\\r\nb' | ");
}

TEST_CASE("posix: bodies over 2 KB use a here-document; the last partial line goes through printf") {
  std::string body = std::string(3000, 'x') + "\n}";
  std::string cmd = make(body, Shell::posix);
  CHECK(cmd == "{ cat <<'MMHOOK_EOF'\n" + std::string(3000, 'x') + "\nMMHOOK_EOF\nprintf '%s' '}'\n} | " +
                   "curl -sS --fail-with-body \\\n  -H 'Content-Type: application/json' \\\n  --data-binary @- \\\n"
                   "  'https://chat.example.com/hooks/abc123'\n");
  // ending in a newline: the here-document alone is exact
  std::string body2 = std::string(3000, 'y') + "\nMMHOOK_EOF\n";
  std::string cmd2 = make(body2, Shell::posix);
  CHECK(cmd2.find("'https://chat.example.com/hooks/abc123' <<'MMHOOK_EOF_1'\n") != std::string::npos);
  CHECK(cmd2.substr(cmd2.size() - 14) == "\nMMHOOK_EOF_1\n");
}

TEST_CASE("powershell: ASCII body in a verbatim here-string, written to a file, sent by curl.exe") {
  CHECK(make("{\"text\":\"it's $x `n\"}", Shell::powershell) ==
        "$body = @'\n"
        "{\"text\":\"it's $x `n\"}\n"
        "'@\n"
        "$file = [IO.Path]::GetTempFileName()\n"
        "[IO.File]::WriteAllBytes($file, [Text.Encoding]::UTF8.GetBytes($body.Replace(\"`r`n\", \"`n\")))\n"
        "curl.exe -sS --fail-with-body -H 'Content-Type: application/json' --data-binary \"@$file\" "
        "'https://chat.example.com/hooks/abc123'\n"
        "Remove-Item $file\n");
}

TEST_CASE("powershell: non-ASCII, CR, TAB or a line starting with '@ travel as base64") {
  CommandResult r = make_command("caf\xc3\xa9", CommandOptions{kUrl, Shell::powershell, BodyEncoding::form});
  CHECK(r.text ==
        "$bytes = [Convert]::FromBase64String(@'\n"
        "Y2Fmw6k=\n"
        "'@)\n"
        "$file = [IO.Path]::GetTempFileName()\n"
        "[IO.File]::WriteAllBytes($file, $bytes)\n"
        "curl.exe -sS --fail-with-body -H 'Content-Type: application/x-www-form-urlencoded' --data-urlencode "
        "\"payload@$file\" 'https://chat.example.com/hooks/abc123'\n"
        "Remove-Item $file\n");
  CHECK(has_code(r.diagnostics, "command.body_base64"));
  CHECK(make("a\n  '@ b", Shell::powershell).find("FromBase64String") != std::string::npos);
  CHECK(make("a\n@' b'@", Shell::powershell).find("$body = @'") != std::string::npos);
}

TEST_CASE("powershell-irm: Invoke-RestMethod with a byte[] body (no re-encoding)") {
  CHECK(make("{}", Shell::powershell_irm) ==
        "$body = @'\n{}\n'@\n"
        "Invoke-RestMethod -Method Post -Uri 'https://chat.example.com/hooks/abc123' -ContentType 'application/json' "
        "-Body ([Text.Encoding]::UTF8.GetBytes($body.Replace(\"`r`n\", \"`n\")))\n");
  CHECK(make("a b", Shell::powershell_irm, BodyEncoding::form) ==
        "$form = 'payload=a%20b'\n"
        "Invoke-RestMethod -Method Post -Uri 'https://chat.example.com/hooks/abc123' -ContentType "
        "'application/x-www-form-urlencoded' -Body ([Text.Encoding]::ASCII.GetBytes($form))\n");
}

TEST_CASE("cmd: printable ASCII on one line") {
  CHECK(make("{\"text\":\"50% & more\"}", Shell::cmd) ==
        "curl.exe -sS --fail-with-body -H \"Content-Type: application/json\" --data-binary "
        "^\"{\\^\"text\\^\":\\^\"50^% ^& more\\^\"}^\" \"https://chat.example.com/hooks/abc123\"\n");
  CHECK(make("plain text", Shell::cmd, BodyEncoding::form) ==
        "curl.exe -sS --fail-with-body -H \"Content-Type: application/x-www-form-urlencoded\" --data-urlencode "
        "\"payload=plain text\" \"https://chat.example.com/hooks/abc123\"\n");
}

TEST_CASE("cmd: a line break (or non-ASCII, or a leading @) writes payload.json first via base64 + certutil") {
  CommandResult r = make_command("{\n}", CommandOptions{kUrl, Shell::cmd, BodyEncoding::json});
  CHECK(r.text ==
        "rem cmd.exe cannot pass this body on one line: it is written to payload.json first.\n"
        "> payload.b64 echo ewp9\n"
        "certutil -f -decode payload.b64 payload.json > nul\n"
        "del payload.b64\n"
        "curl.exe -sS --fail-with-body -H \"Content-Type: application/json\" --data-binary @payload.json "
        "\"https://chat.example.com/hooks/abc123\"\n");
  REQUIRE(has_code(r.diagnostics, "command.body_file"));
  CHECK(r.diagnostics[0].offset == 1);
  std::string big(200, 'z');
  std::string multi = make(big + "\n", Shell::cmd);
  CHECK(multi.find(">> payload.b64 echo ") != std::string::npos);
  CHECK(make("@x", Shell::cmd).find("@payload.json") != std::string::npos);
  CHECK(make(std::string(9000, 'a'), Shell::cmd).find("certutil") != std::string::npos);
}

TEST_CASE("extra targets: httpie, wget, fetch, python") {
  CHECK(make("{\"a\":1}", Shell::httpie) ==
        "printf '%s' '{\"a\":1}' | http --check-status POST 'https://chat.example.com/hooks/abc123' "
        "'Content-Type:application/json'\n");
  CHECK(make("{\"a\":1}", Shell::wget) ==
        "wget -qO- --content-on-error --header='Content-Type: application/json' \\\n"
        "  --post-data='{\"a\":1}' \\\n  'https://chat.example.com/hooks/abc123'\n");
  CHECK(make("\xff", Shell::fetch).find("Uint8Array.from(atob(\"/w==\")") != std::string::npos);
  CHECK(make("x", Shell::fetch, BodyEncoding::form).find("new URLSearchParams({ payload: \"x\" })") != std::string::npos);
  CHECK(make("\xff", Shell::python).find("\"\\udcff\".encode(\"utf-8\", \"surrogateescape\")") != std::string::npos);
  CHECK(make("x", Shell::python, BodyEncoding::form).find("data={\"payload\": \"x\".encode(\"utf-8\")}") != std::string::npos);
}

TEST_CASE("URL diagnostics; the URL is still quoted safely") {
  auto diags = [](std::string url) { return make_command("{}", CommandOptions{url, Shell::posix, BodyEncoding::json}).diagnostics; };
  CHECK(diags(kUrl).empty());
  CHECK(diags("http://localhost:8065/mm/hooks/AbC9?x=1").empty());
  CHECK(has_code(diags(""), "command.url_empty"));
  CHECK(has_code(diags("ftp://x/hooks/a"), "command.url_scheme"));
  CHECK(has_code(diags("https://x/hooks/a b"), "command.url_whitespace"));
  CHECK(has_code(diags("https://x/hooks/a'b"), "command.url_quote"));
  CHECK(has_code(diags("https://x/api/v4/posts"), "command.url_not_hook"));
  CHECK(has_code(diags("https://x/hooks/commands/abc"), "command.url_not_hook"));
  // Spaces and controls in a URL are percent-encoded (command_safety tests); quotes stay quoted.
  CHECK(make("{}", Shell::posix, BodyEncoding::json, "https://x/'; rm -rf ~").find("'https://x/'\\'';%20rm%20-rf%20~'") != std::string::npos);
  CHECK(make("{}", Shell::cmd, BodyEncoding::json, "https://x/\"&calc").find("^\"https://x/\\^\"^&calc^\"") != std::string::npos);
}

TEST_CASE("shell and encoding names") {
  CHECK(shell_from_string("bash") == Shell::posix);
  CHECK(shell_from_string("PowerShell") == Shell::powershell);
  CHECK(shell_from_string("powershell-irm") == Shell::powershell_irm);
  CHECK(shell_from_string("httpie") == Shell::httpie);
  CHECK_FALSE(shell_from_string("fish").has_value());
  CHECK(shell_from_string("cmd.exe") == Shell::cmd);
  // kShells (shells.def) holds every target once, each with its own id.
  std::set<std::string_view> ids;
  for (Shell s : kShells) {
    CHECK(shell_from_string(to_string(s)) == s);
    CHECK(ids.insert(to_string(s)).second);
  }
  CHECK(encoding_from_string("form") == BodyEncoding::form);
  CHECK_FALSE(encoding_from_string("xml").has_value());
}
