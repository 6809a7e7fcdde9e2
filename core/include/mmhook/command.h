// Copy-paste commands that POST a body to a webhook with its exact bytes, and the way back: reading a pasted
// curl command into {url, content type, body}. Pure string work; never throws, never prints.
// curl targets use --fail-with-body (curl >= 7.76, 2021): the response body is printed and a 4xx/5xx exits 22.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/diagnostic.h"

namespace mmhook {

// Targets: the contract's shells ("posix", "powershell", "cmd") plus extra ones, each with its id, label and other
// accepted names, listed once in mmhook/shells.def (also the JS API's list). Ids and names are matched ignoring case.
enum class Shell : std::uint8_t {
#define MMHOOK_SHELL(e, id, label, doc) e,
#include "mmhook/shells.def"
};
// Every target, in the order of shells.def (the order the page offers them).
inline constexpr std::array kShells = {
#define MMHOOK_SHELL(e, id, label, doc) Shell::e,
#include "mmhook/shells.def"
};
enum class BodyEncoding : std::uint8_t { json, form };

std::string_view to_string(Shell s) noexcept;
std::optional<Shell> shell_from_string(std::string_view name) noexcept;   // nullopt for an unknown name
std::optional<BodyEncoding> encoding_from_string(std::string_view name) noexcept;

struct CommandOptions {
  std::string url;                              // the webhook URL, e.g. https://chat.example.com/hooks/abc123
  Shell shell = Shell::posix;
  BodyEncoding encoding = BodyEncoding::json;   // json: Content-Type application/json, body byte for byte;
                                                // form: application/x-www-form-urlencoded, payload=<urlencoded body>
  std::optional<std::string> content_type;      // nullopt: the encoding's type; "": send no Content-Type header;
                                                // else this media type (e.g. "application/json; charset=utf-8")
};

struct CommandResult {
  std::string text;                       // the command (or short script) to paste, ending in "\n"
  std::vector<Diagnostic> diagnostics;    // URL problems (path "", offset 0) and notes on the chosen form
                                          // (offsets into the body); positions computed against the body
};

// Builds a command that delivers `body` exactly (every byte, no added newline) to options.url.
// A bad URL still yields a safely quoted command, plus a diagnostic: control characters and whitespace in the URL
// are written percent-encoded, and a URL no quoting can protect in the target shell gives a command that does nothing.
CommandResult make_command(std::string_view body, const CommandOptions& options);

struct ParsedCommand {
  std::string url;                          // "" when none was found
  std::optional<std::string> content_type;  // the Content-Type curl would send; nullopt = no header
  std::string body;                         // the exact bytes curl would send
  std::vector<Diagnostic> diagnostics;      // offsets and line/column into `text`
};

// Reads a pasted curl command: POSIX quoting ('', "", $'', backslash-newline), here-documents, printf/echo/cat
// producers piped into curl, cmd.exe (^) and PowerShell (`) pastes, and every form make_command emits.
// Anything it cannot know (a file on disk, a variable) is a diagnostic, never a guess.
ParsedCommand parse_command(std::string_view text);

// The results as the JS API's JSON: {"command","diagnostics"} and {"url","contentType","body","diagnostics"}
// (positions as in the result; see to_utf16_positions()).
std::string command_result_to_json(const CommandResult& r);
std::string parsed_command_to_json(const ParsedCommand& p);

}  // namespace mmhook
