// application/x-www-form-urlencoded bodies (see form_payload.h).
#include "decode/form_payload.h"

namespace mmhook {
namespace {
// A raw '+' in a form value means a space, which is what every form encoder (Ruby's URI.encode_www_form, Python's
// urlencode, curl --data-urlencode, URLSearchParams) writes for one. It most likely stood for a literal plus only
// when the value was not encoded by such an encoder: it has no %XX escape at all, or it keeps characters an encoder
// always escapes (JSON punctuation, quotes, spaces, line breaks).
bool plus_likely_literal(std::string_view raw) {
  if (raw.find('%') == std::string_view::npos) return true;
  return raw.find_first_of("{}[]\":, \n\r\t") != std::string_view::npos;
}
}  // namespace

JsonOutcome decode_form_payload(std::string_view body, const detail::FormParse& body_form,
                                const detail::FormParse& query_form, Diagnostics& diags) {
  const detail::FormField* payload = nullptr;
  bool from_query = false;
  for (const auto& f : body_form.fields) {
    if (f.key != "payload") continue;
    if (!payload) payload = &f;
    else diags.add(Code::request_form_payload_duplicate, "", f.offset);
  }
  if (!payload) {
    for (const auto& f : query_form.fields)
      if (f.key == "payload") { payload = &f; from_query = true; break; }
  }
  std::string_view text;
  if (!payload) {
    diags.add(Code::request_form_payload_missing, "", 0);
  } else {
    text = payload->value;
    if (from_query) diags.add(Code::request_form_payload_query, "", 0);
    else {
      std::size_t end = body.find('&', payload->value_offset);
      std::string_view raw = body.substr(payload->value_offset, end == std::string_view::npos ? std::string_view::npos : end - payload->value_offset);
      if (std::size_t plus = raw.find('+'); plus != std::string_view::npos && plus_likely_literal(raw))
        diags.add(Code::request_form_plus, "", payload->value_offset + plus);
    }
  }
  const BodyMap to_body = payload && !from_query ? BodyMap::through(payload->value_map) : BodyMap::nowhere();
  Diagnostics local;
  JsonOutcome out = decode_json_payload(text, to_body, payload ? diags : local);
  if (!payload) out.go_error = "EOF";
  return out;
}

}  // namespace mmhook
