// The core's serializers of the JS API's results (issue 15 item 4): one diagnostic writer for the Report, the command
// and the parsed command, and positions in UTF-16 code units computed once in the core (spec/api.md: a string body's
// offset and column are UTF-16 code units).
#include <doctest/doctest.h>

#include <string>

#include "mmhook/check.h"
#include "mmhook/command.h"
#include "mmhook/diagnostic.h"
#include "mmhook/version.h"

using namespace mmhook;

namespace {
Diagnostic at(std::size_t offset) {
  Diagnostic d;
  d.code = "x.y";
  d.message = "m \"q\"";
  d.path = "/a";
  d.offset = offset;
  return d;
}
}  // namespace

TEST_CASE("write_diagnostics_json: the contract's keys in order, strings escaped") {
  std::string out;
  write_diagnostics_json(out, {});
  CHECK(out == "[]");
  out.clear();
  Diagnostic d = at(7);
  d.severity = Severity::warning;
  d.line = 2;
  d.column = 3;
  write_diagnostics_json(out, {d, at(0)});
  CHECK(out ==
        "[{\"severity\":\"warning\",\"code\":\"x.y\",\"message\":\"m \\\"q\\\"\",\"path\":\"/a\",\"offset\":7,\"line\":2,"
        "\"column\":3},{\"severity\":\"error\",\"code\":\"x.y\",\"message\":\"m \\\"q\\\"\",\"path\":\"/a\",\"offset\":0,"
        "\"line\":1,\"column\":1}]");
}

TEST_CASE("to_utf16_positions: 2- and 3-byte characters are one unit, 4-byte ones two; lines counted in units") {
  // "é\n😀x": é = 2 bytes, \n at byte 2, 😀 = 4 bytes (bytes 3..6), x at byte 7.
  const std::string text = "\xC3\xA9\n\xF0\x9F\x98\x80x";
  std::vector<Diagnostic> ds = {at(7), at(0), at(2), at(3), at(1), at(100)};
  to_utf16_positions(text, ds);
  CHECK(ds[0].offset == 4);  // x: é(1) \n(1) 😀(2)
  CHECK(ds[0].line == 2);
  CHECK(ds[0].column == 3);
  CHECK(ds[1].offset == 0);
  CHECK(ds[1].column == 1);
  CHECK(ds[2].offset == 1);  // the newline itself is still on line 1
  CHECK(ds[2].line == 1);
  CHECK(ds[2].column == 2);
  CHECK(ds[3].offset == 2);
  CHECK(ds[3].line == 2);
  CHECK(ds[3].column == 1);
  CHECK(ds[4].offset == 1);  // inside é: moves past it, as the JS API always did
  CHECK(ds[5].offset == 5);  // past the end: the text's length
  CHECK(ds[5].column == 4);
}

TEST_CASE("check(): units = utf16 gives the positions of the JS API; the default stays bytes") {
  const std::string body = "{\"text\":\"\xF0\x9F\x98\x80\",}";
  CheckRequest req;
  req.content_type = "application/json";
  Report bytes = check(body, req);
  req.units = PositionUnits::utf16;
  Report units = check(body, req);
  REQUIRE(!bytes.diagnostics.empty());
  REQUIRE(bytes.diagnostics.size() == units.diagnostics.size());
  CHECK(bytes.diagnostics[0].offset == units.diagnostics[0].offset + 2);
  CHECK(units.diagnostics[0].column == units.diagnostics[0].offset + 1);
  std::string streamed;
  ReportStream(body, req).head(streamed);
  CHECK(streamed.find("\"offset\":" + std::to_string(units.diagnostics[0].offset)) != std::string::npos);
}

TEST_CASE("command_result_to_json / parsed_command_to_json: the JS API's objects, diagnostics by the one writer") {
  CommandResult r{"curl 'x'\n", {at(0)}};
  std::string diags;
  write_diagnostics_json(diags, r.diagnostics);
  CHECK(command_result_to_json(r) == "{\"command\":\"curl 'x'\\n\",\"diagnostics\":" + diags + "}");
  ParsedCommand p;
  p.url = "https://h/x";
  p.body = "{}";
  CHECK(parsed_command_to_json(p) == "{\"url\":\"https://h/x\",\"contentType\":null,\"body\":\"{}\",\"diagnostics\":[]}");
  p.content_type = "application/json";
  p.diagnostics = {at(1)};
  CHECK(parsed_command_to_json(p).find("\"contentType\":\"application/json\",\"body\":\"{}\",\"diagnostics\":[{") !=
        std::string::npos);
}

TEST_CASE("versions_json: the JS API's version object") {
  CHECK(versions_json() == "{\"mmhook\":\"" + std::string(version()) + "\",\"cmarkGfm\":\"" +
                               std::string(cmark_gfm_version()) + "\",\"simdjson\":\"" + std::string(simdjson_version()) + "\"}");
}
