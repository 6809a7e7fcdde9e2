// THIN SLICE (to be replaced by the full decoder): JSON body via simdjson, only `text`.
#include "mmhook/request.h"

#include "simdjson.h"

namespace mmhook {

DecodeResult decode_request(std::string_view body, const std::optional<std::string>& content_type,
                            const ServerSettings& settings, Diagnostics& diags) {
  DecodeResult r;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body.data(), body.size()).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
    r.status = 400;
    r.error = ErrorBody{"web.incoming_webhook.decode.app_error", "Failed to decode the payload.", ""};
    diags.add(Code::json_syntax, "", 0, {"not a JSON object"});
    return r;
  }
  Request req;
  std::string_view text;
  if (doc["text"].get_string().get(text) == simdjson::SUCCESS) {
    req.text.value = std::string(text);
    req.text.present = true;
  }
  r.request = std::move(req);
  return r;
}

}  // namespace mmhook
