// Quoting and encoding primitives for command generation and parsing. Pure functions on bytes.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mmhook::detail {

inline constexpr std::size_t npos = std::string_view::npos;

// Index of the first byte that is not part of a well-formed UTF-8 sequence (no overlongs, no surrogates,
// <= U+10FFFF), npos when `s` is valid UTF-8.
std::size_t utf8_invalid_at(std::string_view s) noexcept;

// Index of the first byte that is a C0 control other than LF (TAB included), DEL, or invalid UTF-8; npos if none.
// Such bytes do not survive a paste into a terminal: CR is translated, TAB triggers completion in shells
// without bracketed paste (bash < 5.1, PSReadLine in older consoles), other controls are editing keys.
std::size_t paste_unsafe_at(std::string_view s) noexcept;

// POSIX single-quoted word: '...' with each ' written as '\'' (close, escaped quote, reopen). Inside single
// quotes every byte but ' is literal (POSIX XCU 2.2.2), so this carries any NUL-free bytes.
std::string posix_quote(std::string_view s);

// A POSIX printf FORMAT, single-quoted, that prints exactly `bytes` with no argument: '\' -> '\\', '%' -> '%%',
// TAB/CR/VT/FF/BEL/BS -> \t \r \v \f \a \b, other controls, DEL and bytes that are not valid UTF-8 -> three-digit
// octal '\NNN' (XCU printf and XBD 5 File Format Notation: "\ddd"; the three shells' builtins agree),
// a leading '-' -> '\055' so the format is never read as an option.
std::string posix_printf_format(std::string_view bytes);

// PowerShell verbatim string: '...' with ' doubled (about_Quoting_Rules). Also doubles the typographic single
// quotes U+2018/2019/201A/201B, which PowerShell treats as ' too.
std::string ps_quote(std::string_view s);

// One argument for a program started by cmd.exe: MS C runtime quoting ("...", 2n+1 backslashes before a literal
// quote, 2n before the closing quote), then, if cmd.exe would otherwise see % ! " or an odd quote count,
// every cmd metacharacter " ^ & | < > ( ) % ! is prefixed with ^ so cmd never enters quote mode.
std::string cmd_quote_arg(std::string_view s);

// JavaScript double-quoted string literal for valid UTF-8 text.
std::string js_string(std::string_view utf8);
// Python 3 str literal; bytes that are not valid UTF-8 are written as \udcXX (decode with surrogateescape).
std::string py_string(std::string_view bytes, bool* used_surrogates = nullptr);

std::string base64_encode(std::string_view bytes);
// Decodes standard base64, ignoring ASCII whitespace; nullopt on any other character or bad padding.
std::optional<std::string> base64_decode(std::string_view text);

// curl_easy_escape(): every byte except A-Z a-z 0-9 - . _ ~ becomes %XX (upper-case hex); with space_as_plus a
// space becomes '+' instead, as curl's --data-urlencode does (curl 7.88 and later at least).
std::string percent_encode(std::string_view bytes, bool space_as_plus = false);
// application/x-www-form-urlencoded value decoding as Go's url.QueryUnescape: '+' -> ' ', %XX -> byte;
// nullopt on a malformed escape.
std::optional<std::string> form_unescape(std::string_view s);

}  // namespace mmhook::detail
