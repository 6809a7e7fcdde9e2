// Command generation for every shell and both encodings, and the way back through parse_command.
// Input: the body, optionally followed by "\n#url\n" and a URL (default: a valid hook URL).
// Properties: text ends in "\n"; body diagnostics inside the body; POSIX json commands always parse back to the
// exact body, URL and content type; for the other curl shells, whenever parse_command reports no error its body
// (and URL) are exact; the form encoding carries payload=<body> exactly.
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "mmhook/command.h"

namespace {

bool has_error(const std::vector<mmhook::Diagnostic>& ds) {
  for (const auto& d : ds)
    if (d.severity == mmhook::Severity::error) return true;
  return false;
}

std::string codes(const std::vector<mmhook::Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += d.code + " ";
  return s;
}

// application/x-www-form-urlencoded value decoding ('+' is a space; a bad escape makes it fail).
std::optional<std::string> form_decode(std::string_view s) {
  std::string out;
  auto hex = [](char c) { return (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1; };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') out += ' ';
    else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int a = hex(s[i + 1]), b = hex(s[i + 2]);
      if (a < 0 || b < 0) return std::nullopt;
      out += static_cast<char>(a * 16 + b);
      i += 2;
    } else out += s[i];
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mmhook;
  std::string_view input = fuzz::as_view(data, size);
  std::string_view body = input;
  std::string url = "https://chat.example.com/hooks/abc123def456";
  if (std::size_t sep = input.find("\n#url\n"); sep != std::string_view::npos) {
    body = input.substr(0, sep);
    url = std::string(input.substr(sep + 6));
  }
  const std::string ctx = "body: " + std::string(body) + "\nurl: " + url;

  for (Shell shell : kShells) {
    for (BodyEncoding enc : {BodyEncoding::json, BodyEncoding::form}) {
      CommandOptions o;
      o.url = url;
      o.shell = shell;
      o.encoding = enc;
      const CommandResult made = make_command(body, o);
      const std::string where = std::string(to_string(shell)) + (enc == BodyEncoding::json ? "/json" : "/form");
      MMHOOK_FUZZ_REQUIRE(!made.text.empty() && made.text.back() == '\n', "command does not end in a newline: " + where, ctx);
      bool url_clean = true;
      for (const Diagnostic& d : made.diagnostics) {
        MMHOOK_FUZZ_REQUIRE(d.offset <= body.size(), "command diagnostic offset outside the body: " + where, d.code + "\n" + ctx);
        if (d.code.rfind("command.url", 0) == 0) url_clean = false;
      }
      MMHOOK_FUZZ_REQUIRE(made.text == make_command(body, o).text, "make_command is not deterministic: " + where, ctx);

      if (shell != Shell::posix && shell != Shell::powershell && shell != Shell::cmd) continue;
      const ParsedCommand back = parse_command(made.text);
      for (const Diagnostic& d : back.diagnostics)
        MMHOOK_FUZZ_REQUIRE(d.offset <= made.text.size(), "parse_command diagnostic offset outside the text: " + where, d.code);
      const bool must = shell == Shell::posix || !has_error(back.diagnostics);
      if (!must) continue;
      MMHOOK_FUZZ_REQUIRE(!has_error(back.diagnostics), "parse_command reports an error on make_command's output: " + where,
                          codes(back.diagnostics) + "\ncommand: " + made.text + "\n" + ctx);
      if (url_clean) MMHOOK_FUZZ_REQUIRE(back.url == url, "parsed URL differs: " + where, back.url + "\ncommand: " + made.text);
      if (enc == BodyEncoding::json) {
        MMHOOK_FUZZ_REQUIRE(back.content_type && *back.content_type == "application/json",
                            "parsed content type is not application/json: " + where, back.content_type.value_or("(none)"));
        MMHOOK_FUZZ_REQUIRE(back.body == body, "parse_command(make_command(x)).body != x: " + where,
                            "parsed: " + back.body + "\ncommand: " + made.text + "\n" + ctx);
      } else {
        MMHOOK_FUZZ_REQUIRE(back.body.rfind("payload=", 0) == 0, "form body does not start with payload=: " + where, back.body);
        auto decoded = form_decode(std::string_view(back.body).substr(8));
        MMHOOK_FUZZ_REQUIRE(decoded && *decoded == body, "form body does not decode to the payload: " + where,
                            "parsed: " + back.body + "\ncommand: " + made.text + "\n" + ctx);
      }
    }
  }
  return 0;
}
