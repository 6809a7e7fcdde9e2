// Internals of parse_command: per-dialect readers that "run" the pasted text far enough to find the curl
// invocation, its arguments and its standard input, and the reader of curl's own options.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/command.h"
#include "mmhook/diagnostic.h"

namespace mmhook::detail {

// Emulated output allowed for a pasted text of n bytes: a few times the input, so that parsing stays linear even
// when printf reuses a format, cat repeats files or @file is read many times.
inline std::size_t output_budget(std::size_t text_size) { return 4 * text_size + (1u << 20); }

struct Arg {
  std::string value;      // after the shell's quote removal
  std::size_t offset = 0; // where the word starts in the pasted text
};

// What a command reads on standard input: the bytes, or why they are unknown.
struct Input {
  std::optional<std::string> bytes;
  std::string unknown_reason = "nothing is piped or redirected into it";
};

// One curl invocation: its arguments (program name excluded), its standard input, and the files the pasted text
// had written before it ran (name -> content), so that @file can be resolved when the text made the file.
struct Invocation {
  std::size_t offset = 0;
  std::vector<Arg> args;
  Input input;
  std::map<std::string, std::string> files;
  std::size_t budget = output_budget(0);   // bytes the body may grow to (output_budget of the text)
};

struct ShellRun {
  std::vector<Invocation> curls;       // in order of appearance
  std::optional<ParsedCommand> direct; // set when the text is a non-curl request mmhook emits (Invoke-RestMethod)
};

// Emulated output of printf FORMAT ARGS... (bash/dash/zsh common subset); nullopt with `why` set otherwise,
// including when the output would pass `limit` bytes.
std::optional<std::string> emulate_printf(const std::vector<std::string>& argv, std::string& why, std::size_t limit);
// Emulated output of bash's builtin echo.
std::string emulate_echo(const std::vector<std::string>& argv);

ShellRun run_posix(std::string_view text, Diagnostics& diags);
ShellRun run_cmd(std::string_view text, Diagnostics& diags);
ShellRun run_powershell(std::string_view text, Diagnostics& diags);

// Applies curl's option semantics to one invocation and fills url, content_type and body.
void read_curl(const Invocation& inv, ParsedCommand& out, Diagnostics& diags);

}  // namespace mmhook::detail
