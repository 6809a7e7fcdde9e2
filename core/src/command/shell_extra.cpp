// Program targets: JavaScript fetch() and Python requests. Both send a string body as UTF-8, so valid UTF-8
// travels as readable text; other bytes go as base64 (JS) or surrogateescape (Python), still exact.
#include <string>

#include "command/shell_quote.h"
#include "command/shell_targets.h"

namespace mmhook::detail {
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
  // No Content-Type: fetch adds text/plain to a string body (and a form type to URLSearchParams), none to bytes.
  const bool form = in.encoding == BodyEncoding::form;
  if (in.content_type.empty() && (valid || form)) {
    body = "new TextEncoder().encode(" + body + (valid && form ? ".toString()" : "") + ")";
  }
  std::string out = "// Node >= 18, Deno, or a browser console (the page's origin must be allowed to post there).\n";
  out += "const response = await fetch(" + js_string(in.url) + ", {\n";
  out += "  method: \"POST\",\n";
  std::string headers;
  if (!in.content_type.empty()) headers += "\"Content-Type\": " + js_string(in.content_type);
  if (in.auth) {
    // Node and Deno read the environment; a browser console asks.
    const std::string env = js_string(in.auth->env);
    headers += std::string(headers.empty() ? "" : ", ") + "Authorization: " +
               (!in.auth->token.empty() ? js_string("Bearer " + std::string(in.auth->token))
                                        : "\"Bearer \" + (globalThis.process?.env?.[" + env + "] ?? globalThis.Deno?.env.get(" +
                                              env + ") ?? prompt(\"Access token\"))");
  }
  if (!headers.empty()) out += "  headers: { " + headers + " },\n";
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
  // No Content-Type: requests adds none to a bytes body (a dict would get the form type), so the form is encoded here.
  const bool none = in.content_type.empty();
  std::string out = none && in.encoding == BodyEncoding::form ? "import urllib.parse\n\nimport requests\n\n" : "import requests\n\n";
  if (in.auth && in.auth->token.empty()) out = "import os\n\n" + out;
  out += "response = requests.post(\n";
  out += "    " + py_string(in.url) + ",\n";
  std::string headers;
  if (!none) headers += "\"Content-Type\": " + py_string(in.content_type);
  if (in.auth) {
    headers += std::string(headers.empty() ? "" : ", ") + "\"Authorization\": " +
               (!in.auth->token.empty() ? py_string("Bearer " + std::string(in.auth->token))
                                        : "\"Bearer \" + os.environ[" + py_string(in.auth->env) + "]");
  }
  if (!headers.empty()) out += "    headers={" + headers + "},\n";
  if (in.encoding != BodyEncoding::form) out += "    data=" + bytes + ",\n";
  else if (!none) out += "    data={\"payload\": " + bytes + "},\n";
  else out += "    data=urllib.parse.urlencode({\"payload\": " + bytes + "}).encode(\"ascii\"),\n";
  out += ")\n";
  out += "print(response.status_code, response.text)\n";
  return out;
}

}  // namespace mmhook::detail
