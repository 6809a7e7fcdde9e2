// POSIX-shell targets: curl (bash, zsh, dash, ash), HTTPie and wget.
// Rules relied on (XCU 2.2-2.7, also true of bash and zsh):
//  * inside '...' every byte except ' is literal, including $ ` \ ! and newlines (bash and zsh do not
//    history-expand inside single quotes, nor inside a here-document with a quoted delimiter);
//  * a here-document with a quoted delimiter (<<'D') is literal, ends at the first line equal to D, and always
//    ends in a newline: it is used only for text that ends in "\n" (the rest goes through printf '%s');
//  * printf is a builtin of bash, dash and zsh (no argument-size limit); '%s' copies its argument, and a format's
//    "\ddd" octal escapes carry bytes a terminal paste would alter (CR, other controls, invalid UTF-8).
#include <set>
#include <string>

#include "command/shell_quote.h"
#include "command/shell_targets.h"

namespace mmhook::detail {
namespace {

constexpr std::string_view kDelimiter = "MMHOOK_EOF";

// A here-document delimiter that is not a line of `text`.
std::string pick_delimiter(std::string_view text) {
  std::set<std::string_view> taken;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (line.substr(0, kDelimiter.size()) == kDelimiter) taken.insert(line);
    start = end + 1;
  }
  std::string d(kDelimiter);
  for (std::size_t n = 1; taken.count(d) > 0; ++n) d = std::string(kDelimiter) + "_" + std::to_string(n);
  return d;
}

std::string heredoc(std::string_view text_ending_in_newline) {
  std::string d = pick_delimiter(text_ending_in_newline);
  std::string out = " <<'" + d + "'\n";
  out.append(text_ending_in_newline);
  out += d;
  return out;
}

// curl's -H "Content-Type: T", or -H "Content-Type:" which removes the header curl would add.
std::string curl_header(std::string_view type) { return "-H " + posix_quote("Content-Type:" + std::string(type.empty() ? "" : " ") + std::string(type)); }

// A POSIX word "<prefix><token>": the token quoted, or "${ENV:?...}", which stops the command when ENV is unset.
std::string auth_word(const BearerAuth& a, std::string_view prefix) {
  if (!a.token.empty()) return posix_quote(std::string(prefix) + std::string(a.token));
  return "\"" + std::string(prefix) + "${" + std::string(a.env) + ":?set " + std::string(a.env) + " to the access token}\"";
}

// "curl -sS --fail-with-body \\\n  arg \\\n  arg" with the given arguments, one per line.
std::string curl_lines(std::initializer_list<std::string> args) {
  std::string out = "curl -sS --fail-with-body";
  for (const std::string& a : args) {
    if (a.empty()) continue;
    out += " \\\n  ";
    out += a;
  }
  return out;
}

}  // namespace

PosixFeed posix_feed(std::string_view bytes, bool allow_heredoc) {
  PosixFeed f;
  if (paste_unsafe_at(bytes) != npos) {
    f.producer = "printf " + posix_printf_format(bytes);
    return f;
  }
  std::size_t last_nl = bytes.rfind('\n');
  if (bytes.size() <= kInlineLimit || last_nl == std::string_view::npos) {
    f.producer = "printf '%s' " + posix_quote(bytes);
    return f;
  }
  if (last_nl + 1 == bytes.size() && allow_heredoc) {
    f.heredoc = heredoc(bytes);
    return f;
  }
  std::string_view head = bytes.substr(0, last_nl + 1);
  std::string_view tail = bytes.substr(last_nl + 1);
  f.producer = "{ cat" + heredoc(head) + "\n";
  if (!tail.empty()) f.producer += "printf '%s' " + posix_quote(tail) + "\n";
  f.producer += "}";
  return f;
}

std::string gen_posix(const GenInput& in) {
  const bool form = in.encoding == BodyEncoding::form;
  const std::string header = curl_header(in.content_type);
  const std::string auth = in.auth ? "-H " + auth_word(*in.auth, "Authorization: Bearer ") : std::string();
  // A URL starting with "-" would be read by curl as an option: pass it with --url.
  const std::string url = (!in.url.empty() && in.url.front() == '-' ? "--url " : "") + posix_quote(in.url);
  const bool inline_ok = paste_unsafe_at(in.body) == npos && in.body.size() <= kInlineLimit &&
                         (form || in.body.empty() || in.body.front() != '@');   // curl reads @name as a file
  if (inline_ok) {
    std::string data = form ? "--data-urlencode " + posix_quote("payload=" + std::string(in.body))
                            : "--data-binary " + posix_quote(in.body);
    return curl_lines({header, auth, data, url}) + "\n";
  }
  // --data-binary @- and --data-urlencode name@- read standard input as is (no CR/LF stripping, unlike -d @-).
  std::string data = form ? "--data-urlencode payload@-" : "--data-binary @-";
  PosixFeed f = posix_feed(in.body, true);
  if (!f.heredoc.empty()) return curl_lines({header, auth, data, url}) + f.heredoc + "\n";
  return f.producer + " | " + curl_lines({header, auth, data, url}) + "\n";
}

std::string gen_httpie(const GenInput& in) {
  // HTTPie sends piped standard input as the raw body; request items (name=value) are avoided because HTTPie
  // unescapes backslashes in them. --check-status makes a 4xx/5xx exit non-zero; the response is printed.
  const bool form = in.encoding == BodyEncoding::form;
  std::string bytes = form ? "payload=" + percent_encode(in.body) : std::string(in.body);
  // "Content-Type:" with no value unsets HTTPie's default header.
  std::string cmd = "http --check-status POST " + posix_quote(in.url) + " " +
                    posix_quote("Content-Type:" + std::string(in.content_type));
  if (in.auth) cmd += " " + auth_word(*in.auth, "Authorization:Bearer ");
  PosixFeed f = posix_feed(bytes, true);
  if (!f.heredoc.empty()) return cmd + f.heredoc + "\n";
  return f.producer + " | " + cmd + "\n";
}

std::string gen_wget(const GenInput& in) {
  // GNU wget sends --post-data as given (no encoding) and --post-file byte for byte; --content-on-error prints
  // the server's error body. A form body is percent-encoded here, as wget does not encode.
  const bool form = in.encoding == BodyEncoding::form;
  std::string bytes = form ? "payload=" + percent_encode(in.body) : std::string(in.body);
  // wget adds application/x-www-form-urlencoded to a POST without a Content-Type: it cannot send none.
  std::string_view type = in.content_type;
  if (type.empty()) {
    type = "application/x-www-form-urlencoded";
    in.diags.add(Code::command_content_type_kept, "", 0, {std::string(type)});
  }
  std::string head = "wget -qO- --content-on-error --header=" + posix_quote("Content-Type: " + std::string(type));
  if (in.auth) head += " --header=" + auth_word(*in.auth, "Authorization: Bearer ");
  if (paste_unsafe_at(bytes) == npos && bytes.size() <= kInlineLimit) {
    return head + " \\\n  --post-data=" + posix_quote(bytes) + " \\\n  " + posix_quote(in.url) + "\n";
  }
  const std::string file = form ? "payload.txt" : "payload.json";
  PosixFeed f = posix_feed(bytes, true);
  std::string write = f.heredoc.empty() ? f.producer + " > " + file : "cat > " + file + f.heredoc;
  return write + "\n" + head + " \\\n  --post-file=" + file + " \\\n  " + posix_quote(in.url) + "\n";
}

}  // namespace mmhook::detail
