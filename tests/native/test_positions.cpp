// Diagnostics point into the body the user sent: through a form's percent-encoding and `+`, through multipart
// values, and through the server's control-character repair (which lengthens the text it decodes), in bytes and in
// the JS API's UTF-16 units.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "mmhook/check.h"

namespace {

struct Expect {
  std::string_view code, at;  // the diagnostic and the body text it must start at
};

mmhook::Report run(const std::string& body, const char* ct, mmhook::PositionUnits units = mmhook::PositionUnits::bytes) {
  mmhook::CheckRequest req;
  req.content_type = ct;
  req.units = units;
  return mmhook::check(body, req);
}

// UTF-16 code units in body[0, bytes).
std::size_t utf16_units(std::string_view body, std::size_t bytes) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

// Every expected diagnostic is reported at the start of its text in the body, in bytes and in UTF-16 units (offset,
// line and column).
void check_positions(const std::string& body, const char* ct, std::initializer_list<Expect> want) {
  const mmhook::Report bytes = run(body, ct);
  const mmhook::Report utf16 = run(body, ct, mmhook::PositionUnits::utf16);
  for (const Expect& e : want) {
    CAPTURE(e.code);
    const std::size_t at = body.find(e.at);
    REQUIRE(at != std::string::npos);
    const std::size_t line_start = body.rfind('\n', at) == std::string::npos ? 0 : body.rfind('\n', at) + 1;
    std::uint32_t line = 1;
    for (std::size_t k = 0; k < at; ++k) line += body[k] == '\n';
    bool found = false;
    for (std::size_t k = 0; k < bytes.diagnostics.size(); ++k) {
      if (bytes.diagnostics[k].code != e.code) continue;
      found = true;
      CHECK(bytes.diagnostics[k].offset == at);
      CHECK(bytes.diagnostics[k].line == line);
      CHECK(bytes.diagnostics[k].column == at - line_start + 1);
      REQUIRE(k < utf16.diagnostics.size());
      CHECK(utf16.diagnostics[k].offset == utf16_units(body, at));
      CHECK(utf16.diagnostics[k].line == line);
      CHECK(utf16.diagnostics[k].column == utf16_units(body, at) - utf16_units(body, line_start) + 1);
      break;
    }
    CHECK(found);
  }
}

}  // namespace

TEST_CASE("positions: a form's payload value, through percent-encoding and '+'") {
  // {"username":"a b 😀","text":"x @here <!channel>","attachments":[{"fields":[{"title":"t","value":1e21}]}]}
  const std::string body =
      "token=1&payload=%7B%22username%22%3A%22a+b+%F0%9F%98%80%22%2C%22text%22%3A%22x+%40here+%3C%21channel%3E%22%2C"
      "%22attachments%22%3A%5B%7B%22fields%22%3A%5B%7B%22title%22%3A%22t%22%2C%22value%22%3A1e21%7D%5D%7D%5D%7D";
  check_positions(body, "application/x-www-form-urlencoded",
                  {{"mention.channel_wide", "%40here"}, {"slack.announcement", "%3C%21channel"}, {"field.value_exponent", "1e21"}});
  // Typed errors: {"text":"a b 😀","props":5} and {"text":"😀","attachments":[{"fields":[{"short":"no"}]}]}
  check_positions("payload=%7B%22text%22%3A%22a+b+%F0%9F%98%80%22%2C%22props%22%3A5%7D", "application/x-www-form-urlencoded",
                  {{"json.type", "5%7D"}});
  check_positions("payload=%7B%22text%22%3A%22%F0%9F%98%80%22%2C%22attachments%22%3A%5B%7B%22fields%22%3A%5B%7B%22short%22%3A%22no%22%7D%5D%7D%5D%7D",
                  "application/x-www-form-urlencoded", {{"attachment.short_invalid", "%22no%22"}});
}

TEST_CASE("positions: multipart values") {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\na \xF0\x9F\x98\x80\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nx\n@here <!channel>\r\n--b--\r\n";
  check_positions(body, "multipart/form-data; boundary=b", {{"mention.channel_wide", "@here"}, {"slack.announcement", "<!channel"}});
  const std::string bad =
      "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\xF0\x9F\x98\x80\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"attachments.0.fields.0.short\"\r\n\r\nno\r\n--b--\r\n";
  check_positions(bad, "multipart/form-data; boundary=b", {{"request.multipart_value", "no\r\n"}});
}

TEST_CASE("positions: a JSON body the server repaired (raw LF and TAB escaped before the values)") {
  const std::string body =
      "{\"text\":\"a\tb\n\xF0\x9F\x98\x80\nc @here\",\"attachments\":[{\"pretext\":\"p\n<!channel>\","
      "\"fields\":[{\"title\":\"t\",\"value\":1e21}]}]}";
  check_positions(body, "application/json",
                  {{"mention.channel_wide", "@here"},
                   {"slack.announcement", "<!channel"},
                   {"json.control_char_repaired", "\tb"},
                   {"field.value_exponent", "1e21"}});
  // A typed error after a repaired value.
  const std::string bad = "{\"text\":\"a\n\xF0\x9F\x98\x80\n\",\"props\":5}";
  check_positions(bad, "application/json", {{"json.type", "5}"}});
}
