// parse_command on arbitrary pasted text: never crashes or hangs, deterministic, diagnostics inside the text with
// matching line/column, and what it read survives a round trip through make_command (POSIX) unchanged.
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "mmhook/command.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mmhook;
  const std::string_view text = fuzz::as_view(data, size);
  const ParsedCommand p = parse_command(text);
  const ParsedCommand again = parse_command(text);
  MMHOOK_FUZZ_REQUIRE(p.body == again.body && p.url == again.url && p.content_type == again.content_type &&
                          p.diagnostics.size() == again.diagnostics.size(),
                      "parse_command is not deterministic", std::string(text));
  for (const Diagnostic& d : p.diagnostics) {
    MMHOOK_FUZZ_REQUIRE(!d.code.empty() && !d.message.empty(), "diagnostic without code or message", d.code);
    MMHOOK_FUZZ_REQUIRE(d.offset <= text.size(), "parse_command diagnostic offset outside the text",
                        d.code + " at " + std::to_string(d.offset) + " of " + std::to_string(text.size()));
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t k = 0; k < d.offset; ++k)
      if (text[k] == '\n') { ++line; line_start = k + 1; }
    MMHOOK_FUZZ_REQUIRE(d.line == line && d.column == d.offset - line_start + 1,
                        "parse_command line/column do not match the offset",
                        d.code + " offset " + std::to_string(d.offset) + " got " + std::to_string(d.line) + ":" +
                            std::to_string(d.column) + " expected " + std::to_string(line) + ":" +
                            std::to_string(d.offset - line_start + 1));
  }

  // Round trip what was read: make_command(POSIX) then parse again gives the same body.
  CommandOptions o;
  o.url = p.url.empty() ? "https://chat.example.com/hooks/abc" : p.url;
  o.shell = Shell::posix;
  const CommandResult made = make_command(p.body, o);
  const ParsedCommand back = parse_command(made.text);
  MMHOOK_FUZZ_REQUIRE(back.body == p.body, "parse(make(parse(x).body)).body != parse(x).body",
                      "first: " + p.body + "\nsecond: " + back.body + "\ncommand: " + made.text);
  return 0;
}
