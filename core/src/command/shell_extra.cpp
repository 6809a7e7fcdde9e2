// Program targets: JavaScript fetch() and Python requests. Both send a string body as UTF-8, so valid UTF-8
// travels as readable text; other bytes go as base64 (JS) or surrogateescape (Python), still exact.
#include <string>

#include "command/shell_quote.h"
#include "command/shell_targets.h"

namespace mmhook::detail {
namespace {

std::string content_type(BodyEncoding e) {
  return e == BodyEncoding::json ? "application/json" : "application/x-www-form-urlencoded";
}

}  // namespace

std::string gen_fetch(const GenInput& in) {
  // A string body is sent as UTF-8; URLSearchParams serialises as application/x-www-form-urlencoded (UTF-8,
  // space as '+'), which Go's form parser decodes back exactly. The explicit header keeps the media type bare.
  const bool valid = utf8_invalid_at(in.body) == npos;
  std::string body;
  if (in.encoding == BodyEncoding::form) {
    body = valid ? "new URLSearchParams({ payload: " + js_string(in.body) + " })"
                 : js_string("payload=" + percent_encode(in.body));
  } else {
    body = valid ? js_string(in.body)
                 : "Uint8Array.from(atob(" + js_string(base64_encode(in.body)) + "), (c) => c.charCodeAt(0))";
  }
  std::string out = "// Node >= 18, Deno, or a browser console (the page's origin must be allowed to post there).\n";
  out += "const response = await fetch(" + js_string(in.url) + ", {\n";
  out += "  method: \"POST\",\n";
  out += "  headers: { \"Content-Type\": " + js_string(content_type(in.encoding)) + " },\n";
  out += "  body: " + body + ",\n";
  out += "});\n";
  out += "console.log(response.status, await response.text());\n";
  return out;
}

std::string gen_python(const GenInput& in) {
  // requests sends bytes as given; a dict is form-encoded with urllib.parse.urlencode (quote_plus), which
  // Go's form parser decodes back exactly. surrogateescape turns \udcXX back into the original byte XX.
  bool surrogates = false;
  std::string lit = py_string(in.body, &surrogates);
  std::string bytes = lit + (surrogates ? ".encode(\"utf-8\", \"surrogateescape\")" : ".encode(\"utf-8\")");
  std::string out = "import requests\n\n";
  out += "response = requests.post(\n";
  out += "    " + py_string(in.url) + ",\n";
  out += "    headers={\"Content-Type\": " + py_string(content_type(in.encoding)) + "},\n";
  out += in.encoding == BodyEncoding::form ? "    data={\"payload\": " + bytes + "},\n" : "    data=" + bytes + ",\n";
  out += ")\n";
  out += "print(response.status_code, response.text)\n";
  return out;
}

}  // namespace mmhook::detail
