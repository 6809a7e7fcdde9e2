// One generator per target of make_command. Each returns the full command text (ending in "\n") that delivers
// `body` byte for byte; notes about the chosen form go to `diags` (offsets into the body).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "mmhook/command.h"
#include "mmhook/diagnostic.h"

namespace mmhook::detail {

// Bodies above this size (bytes) leave the inline form for a here-document / file, to stay readable and pastable.
inline constexpr std::size_t kInlineLimit = 2048;

// An Authorization: Bearer header (the REST follow-up): either the token itself (26 letters and digits, checked by
// the caller) or the name of an environment variable holding it ([A-Za-z_][A-Za-z0-9_]*, checked by the caller).
struct BearerAuth {
  std::string_view token;   // non-empty: written into the command, quoted for its shell
  std::string_view env;     // used when token is empty: read from the environment when the command runs
};

struct GenInput {
  std::string_view body;
  std::string_view url;          // as emitted: control characters and whitespace already percent-encoded
  BodyEncoding encoding;
  Diagnostics& diags;
  std::string_view content_type;   // the Content-Type to send ("" = none: the header is removed)
  const BearerAuth* auth = nullptr;   // nullptr: no Authorization header (webhooks)
};

// The generator of `shell` (the same switch make_command uses).
std::string generate(Shell shell, const GenInput& in);

// The media type of an encoding: application/json or application/x-www-form-urlencoded.
std::string_view default_content_type(BodyEncoding e) noexcept;

// A POSIX shell fragment writing exactly `bytes` to standard output. Either `producer` is a complete command
// ("printf ..." or "{ cat <<'D' ... }") to put before "| consumer" or "> file", or `heredoc` is text to put right
// after the consumer's last word (" <<'D'\n...\nD"); exactly one of them is non-empty.
struct PosixFeed {
  std::string producer;
  std::string heredoc;
};
PosixFeed posix_feed(std::string_view bytes, bool allow_heredoc);

std::string gen_posix(const GenInput& in);
std::string gen_httpie(const GenInput& in);
std::string gen_wget(const GenInput& in);
std::string gen_powershell(const GenInput& in, bool invoke_rest_method);
std::string gen_cmd(const GenInput& in);
std::string gen_fetch(const GenInput& in);
std::string gen_python(const GenInput& in);

}  // namespace mmhook::detail
