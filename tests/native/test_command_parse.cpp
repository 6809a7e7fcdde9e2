// parse_command: pasted curl commands (POSIX, cmd.exe, PowerShell) and the round trip
// parse_command(make_command(x)).body == x for every curl target.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "command/shell_quote.h"
#include "mmhook/command.h"

using namespace mmhook;

namespace {

bool has_code(const ParsedCommand& p, std::string_view code) {
  for (const Diagnostic& d : p.diagnostics) {
    if (d.code == code) return true;
  }
  return false;
}

std::string codes(const ParsedCommand& p) {
  std::string s;
  for (const Diagnostic& d : p.diagnostics) s += d.code + " ";
  return s;
}

// Go's url.ParseQuery, first value of `payload`.
std::optional<std::string> payload_of(std::string_view form) {
  std::size_t start = 0;
  while (start <= form.size()) {
    std::size_t amp = form.find('&', start);
    std::string_view part = form.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (part.substr(0, 8) == "payload=") return detail::form_unescape(part.substr(8));
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return std::nullopt;
}

std::vector<std::string> corpus() {
  std::vector<std::string> v = {
      "",
      "\n",
      "{\"text\":\"hello\"}",
      "{\"text\":\"it's \\\"q\\\" '' '\\''\"}",
      "$HOME $(id) ${x} `id` $'x' !! !-1 % %PATH% ^ & | < > ( ) ; # ~ * ? [a]",
      "a\\b \\\\ \\n trailing\\",
      "a\r\nb\r\n",
      "line\nMMHOOK_EOF\nMMHOOK_EOF_1\nend",
      "-n",
      "@file",
      "'@\n'@\n  '@ x",
      "\t{\n\t\t\"text\": \"tabs\"\n\t}\n",
      "emoji \xf0\x9f\x98\x80 \xc3\xbc \xe2\x80\xa8",
      std::string("nul\0byte", 8),
      std::string(3000, 'x') + "\n}",
      std::string(3000, 'y') + "\n",
      std::string(3000, 'z'),
      std::string(9000, 'w'),
  };
  std::string all;
  for (int c = 1; c < 256; ++c) all.push_back(static_cast<char>(c));
  v.push_back(all);
  // Deterministic pseudo-random bodies over a shell-hostile alphabet.
  const std::string alphabet = "'\"\\$`!%^&|<>(){}[]*?~#;= \n\r\tab\x00\xc3\xa9\xff-@";
  std::uint32_t seed = 12345;
  for (int n = 0; n < 60; ++n) {
    std::string s;
    std::size_t len = (seed % 40) + (n % 7 == 0 ? 2100 : 0);
    for (std::size_t i = 0; i < len; ++i) {
      seed = seed * 1664525u + 1013904223u;
      s.push_back(alphabet[(seed >> 16) % alphabet.size()]);
    }
    v.push_back(s);
  }
  return v;
}

}  // namespace

TEST_CASE("round trip: parse_command(make_command(x)) gives x back for every curl target and both encodings") {
  for (Shell sh : {Shell::posix, Shell::powershell, Shell::powershell_irm, Shell::cmd}) {
    for (BodyEncoding enc : {BodyEncoding::json, BodyEncoding::form}) {
      for (const std::string& body : corpus()) {
        CommandOptions o{"https://chat.example.com/hooks/abc123", sh, enc};
        std::string cmd = make_command(body, o).text;
        ParsedCommand p = parse_command(cmd);
        CAPTURE(to_string(sh));
        CAPTURE(static_cast<int>(enc));
        CAPTURE(cmd.substr(0, 400));
        CAPTURE(codes(p));
        CHECK(p.url == o.url);
        if (enc == BodyEncoding::json) {
          CHECK(p.content_type == std::optional<std::string>("application/json"));
          CHECK(p.body == body);
        } else {
          CHECK(p.content_type == std::optional<std::string>("application/x-www-form-urlencoded"));
          CHECK(payload_of(p.body) == std::optional<std::string>(body));
        }
        for (const Diagnostic& d : p.diagnostics) {
          CHECK((d.severity == Severity::info));   // only the dialect note
        }
      }
    }
  }
}

TEST_CASE("POSIX quoting: single, double (backslash rules), $'...', backslash-newline") {
  ParsedCommand p = parse_command(
      "curl -X POST -H 'Content-Type: application/json' \\\n"
      "  -d \"{\\\"text\\\": \\\"a\\\\b \\$x \\q\\\"}\" https://h/hooks/x");
  CHECK(p.url == "https://h/hooks/x");
  CHECK(p.content_type == std::optional<std::string>("application/json"));
  CHECK(p.body == "{\"text\": \"a\\b $x \\q\"}");
  CHECK(p.diagnostics.empty());

  p = parse_command("curl --data-binary $'line1\\nit\\'s \\x41\\101\\u00e9\\t' https://h/hooks/x");
  CHECK(p.body == "line1\nit's AA\xc3\xa9\t");

  p = parse_command("$ curl https://h/hooks/x --data-raw @notafile");
  CHECK(p.body == "@notafile");
  CHECK(p.content_type == std::optional<std::string>("application/x-www-form-urlencoded"));
}

TEST_CASE("curl data semantics: -d joins with &, --data-urlencode encodes, @file is not guessed") {
  ParsedCommand p = parse_command("curl -d a=1 -d 'b=2 3' --data-urlencode 'payload={\"t\":\"a b&c\"}' https://h/hooks/x");
  CHECK(p.body == "a=1&b=2 3&payload=%7B%22t%22%3A%22a+b%26c%22%7D");
  CHECK(p.content_type == std::optional<std::string>("application/x-www-form-urlencoded"));

  p = parse_command("curl -d @payload.json https://h/hooks/x");
  CHECK(has_code(p, "command.file_data"));
  CHECK(p.body.empty());

  // -d @- strips CR and LF; --data-binary @- keeps them
  p = parse_command("printf 'a\\r\\nb\\n' | curl -d @- https://h/hooks/x");
  CHECK(p.body == "ab");
  p = parse_command("printf 'a\\r\\nb\\n' | curl --data-binary @- https://h/hooks/x");
  CHECK(p.body == "a\r\nb\n");

  p = parse_command("curl --json '{\"a\":1}' https://h/hooks/x");
  CHECK(p.content_type == std::optional<std::string>("application/json"));
  CHECK(p.body == "{\"a\":1}");

  p = parse_command("curl -sSfL -XPOST -d'{}' -H'content-type:text/plain' https://h/hooks/x");
  CHECK(p.body == "{}");
  CHECK(p.content_type == std::optional<std::string>("text/plain"));
  CHECK(p.diagnostics.empty());

  p = parse_command("curl -H 'Content-Type:' -d x https://h/hooks/x");
  CHECK_FALSE(p.content_type.has_value());
}

TEST_CASE("here-documents, here-strings and producers") {
  ParsedCommand p = parse_command("curl --data-binary @- https://h/hooks/x <<'EOF'\n{\"text\": \"$HOME\"}\nEOF\n");
  CHECK(p.body == "{\"text\": \"$HOME\"}\n");
  CHECK(p.diagnostics.empty());

  p = parse_command("curl --data-binary @- https://h/hooks/x <<-EOF\n\t\\$a \\\\ b\n\tEOF\n");
  CHECK(p.body == "$a \\ b\n");

  p = parse_command("curl --data-binary @- https://h/hooks/x <<< 'hi'");
  CHECK(p.body == "hi\n");

  p = parse_command("echo -n '{\"a\":1}' | curl -H 'Content-Type: application/json' --data-binary @- https://h/hooks/x");
  CHECK(p.body == "{\"a\":1}");

  p = parse_command("cat payload.json | curl --data-binary @- https://h/hooks/x");
  CHECK(has_code(p, "command.stdin_unknown"));

  p = parse_command("curl --data-binary @- https://h/hooks/x <<'EOF'\nno end\n");
  CHECK(has_code(p, "command.heredoc_unterminated"));
}

TEST_CASE("diagnostics: flags, methods, URLs, quotes, expansions") {
  ParsedCommand p = parse_command("curl -s -S -i -v -k --fail-with-body --compressed -o out.txt -d x https://h/hooks/x");
  CHECK(p.diagnostics.empty());

  p = parse_command("curl --frobnicate -d x https://h/hooks/x");
  CHECK(has_code(p, "command.option_unknown"));

  p = parse_command("curl -X PUT -d x https://h/hooks/x");
  CHECK(has_code(p, "command.method"));

  p = parse_command("curl -G -d x https://h/hooks/x");
  CHECK(has_code(p, "command.get"));

  p = parse_command("curl -d x");
  CHECK(has_code(p, "command.no_url"));

  p = parse_command("curl https://h/hooks/x");
  CHECK(has_code(p, "command.no_body"));
  CHECK_FALSE(p.content_type.has_value());

  p = parse_command("curl -d 'x https://h/hooks/x");
  CHECK(has_code(p, "command.unterminated_quote"));

  p = parse_command("curl -d \"$BODY\" https://h/hooks/x");
  CHECK(has_code(p, "command.expansion"));
  CHECK(p.body == "$BODY");

  p = parse_command("wget https://h");
  CHECK(has_code(p, "command.no_curl"));

  p = parse_command("curl -d a https://h/hooks/x https://h/hooks/y; curl -d b https://h/hooks/z");
  CHECK(has_code(p, "command.extra_url"));
  CHECK(has_code(p, "command.multiple_curl"));
  CHECK(p.url == "https://h/hooks/x");

  p = parse_command("curl -F 'payload={}' https://h/hooks/x");
  CHECK(has_code(p, "command.multipart"));
  CHECK(p.content_type == std::optional<std::string>("multipart/form-data"));

  p = parse_command("curl --url https://h/hooks/x -d");
  CHECK(has_code(p, "command.option_argument"));
  CHECK(p.url == "https://h/hooks/x");
}

TEST_CASE("diagnostic positions point into the pasted text") {
  ParsedCommand p = parse_command("curl \\\n  --bogus -d x https://h/hooks/x");
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].offset == 9);
  CHECK(p.diagnostics[0].line == 2);
  CHECK(p.diagnostics[0].column == 3);
}

TEST_CASE("cmd.exe pastes: ^ continuations and escapes, MS C runtime quoting") {
  ParsedCommand p = parse_command(
      "curl.exe -X POST ^\n"
      "  -H \"Content-Type: application/json\" ^\n"
      "  -d \"{\\\"text\\\": \\\"C:\\\\dir\\\\\\\" & more\\\"}\" https://h/hooks/x");
  CHECK(p.url == "https://h/hooks/x");
  CHECK(p.body == "{\"text\": \"C:\\\\dir\\\" & more\"}");   // \\ not before a quote stays two
  CHECK(has_code(p, "command.dialect"));
}

TEST_CASE("curl.exe one-liners: a ' inside a double-quoted cmd argument does not make it PowerShell (fuzz finding)") {
  CommandOptions o{"https://chat.example.com/hooks/abc123def456", Shell::cmd, BodyEncoding::json};
  const std::string body = " ''i`d";
  ParsedCommand p = parse_command(make_command(body, o).text);
  CHECK(p.body == body);
  CHECK(p.diagnostics.front().message.find("cmd.exe") != std::string::npos);
  // A single-quoted argument is PowerShell's.
  p = parse_command("curl.exe -H \"Content-Type: application/json\" -d '{\"text\":\"a`tb\"}' https://h/hooks/x");
  CHECK(p.body == "{\"text\":\"a`tb\"}");
  CHECK(p.diagnostics.front().message.find("PowerShell") != std::string::npos);
}

TEST_CASE("PowerShell pastes: ' and \" strings, backtick continuations") {
  ParsedCommand p = parse_command(
      "curl.exe -X POST `\n"
      "  -H 'Content-Type: application/json' `\n"
      "  --data-binary '{\"text\": \"it''s\"}' `\n"
      "  'https://h/hooks/x'");
  CHECK(p.url == "https://h/hooks/x");
  CHECK(p.body == "{\"text\": \"it's\"}");
  CHECK(p.content_type == std::optional<std::string>("application/json"));

  p = parse_command("Invoke-RestMethod -Method Post -Uri 'https://h/hooks/x' -ContentType 'application/json' -Body '{}'");
  CHECK(p.url == "https://h/hooks/x");
  CHECK(p.body == "{}");
}

TEST_CASE("parse_command survives hostile input in linear time") {
  std::string deep(100000, '{');
  CHECK(parse_command(deep).diagnostics.size() >= 1);
  std::string parens(100000, '(');
  CHECK(has_code(parse_command(parens), "command.no_curl"));
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "<<E ";
  (void)parse_command("curl " + many + "\n");
  std::string quotes(50001, '\'');
  (void)parse_command("curl -d " + quotes);
  std::string bs(100000, '\\');
  (void)parse_command(bs);
  (void)parse_command(std::string(100000, '^') + "\n");
  (void)parse_command("curl.exe " + std::string(100000, '"'));
  (void)parse_command("$x = @'\n" + std::string(100000, '('));
  (void)parse_command(std::string(100000, '`') + "\n");
  CHECK(true);
}
