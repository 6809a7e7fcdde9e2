// Request decoding as the server's web layer does it (spec §1): ParseForm, the media type, then one of the three
// branches (form, multipart, JSON), each in its own file.
#include "decode/request.h"

#include <algorithm>

#include "common/server_error.h"
#include "decode/content_type.h"
#include "decode/form.h"
#include "decode/form_payload.h"
#include "decode/json_payload.h"
#include "decode/multipart_payload.h"

namespace mmhook {

std::size_t request_body_limit(const ServerSettings& settings) noexcept {
  return settings.maximum_payload_size_bytes < 0 ? 512 : static_cast<std::size_t>(settings.maximum_payload_size_bytes) + 512;
}

DecodeResult decode_request(std::string_view body, const std::optional<std::string>& content_type,
                            const ServerSettings& settings, Diagnostics& diags) {
  return decode_request(body, content_type, std::string_view(), settings, diags);
}

DecodeResult decode_request(std::string_view body, const std::optional<std::string>& content_type,
                            std::string_view query, const ServerSettings& settings, Diagnostics& diags) {
  DecodeResult r;
  const std::size_t limit = request_body_limit(settings);
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  const bool has_ct = content_type && !content_type->empty();
  auto fail = [&](int status, ErrorBody e, std::string go) {
    r.status = status;
    r.error = std::move(e);
    r.go_error = std::move(go);
    r.request.reset();
    return r;
  };

  // 1. r.ParseForm(): Content-Type, form body, URL query.
  const detail::MediaType form_mt = detail::parse_media_type(has_ct ? std::string_view(*content_type) : "application/octet-stream");
  std::string form_err;
  bool form_too_large = false;
  detail::FormParse body_form;
  if (!form_mt.error.empty()) {
    form_err = form_mt.error;
    diags.add(Code::request_content_type, "", 0, {*content_type, form_mt.error});
  }
  if (form_mt.type == "application/x-www-form-urlencoded") {
    if (body.size() > limit) {
      if (form_err.empty()) { form_err = "http: request body too large"; form_too_large = true; }
      diags.add(Code::request_too_large, "", limit,
                {std::to_string(body.size()), std::to_string(limit), "form bodies over the limit are refused with 413"});
    } else {
      body_form = detail::parse_query(body);
      if (!body_form.error.empty()) {
        if (form_err.empty()) form_err = body_form.error;
        diags.add(Code::request_form_invalid, "", body_form.error_offset, {body_form.error});
      }
    }
  }
  detail::FormParse query_form = detail::parse_query(query);
  if (!query_form.error.empty()) {
    if (form_err.empty()) form_err = query_form.error;
    diags.add(Code::request_query_invalid, "", 0, {query_form.error});
  }
  if (!form_err.empty()) {
    if (form_too_large) return fail(413, too_large_error("incomingWebhook: Failed to parse form for webhook " + std::string(kHookId) + "."), form_err);
    return fail(400, parse_form_error(form_err), form_err);
  }

  // 2. mime.ParseMediaType on a non-empty header.
  if (has_ct) {
    detail::MediaType mt = detail::parse_media_type(*content_type);
    if (!mt.error.empty() && !mt.invalid_parameter()) return fail(400, media_type_error(mt.error), mt.error);
    r.media_type = mt.type;
  }

  JsonOutcome json_out;
  TextSource source{body, TextSource::Kind::json};
  if (r.media_type == "application/x-www-form-urlencoded") {
    r.decoded_by = "form";
    json_out = decode_form_payload(body, body_form, query_form, diags);
    const bool in_body = std::any_of(body_form.fields.begin(), body_form.fields.end(),
                                     [](const detail::FormField& f) { return f.key == "payload"; });
    source.kind = in_body ? TextSource::Kind::form : TextSource::Kind::none;
  } else if (r.media_type == "multipart/form-data") {
    r.decoded_by = "multipart";
    source.kind = TextSource::Kind::raw;
    MultipartOutcome mp = decode_multipart_payload(body, *content_type, limit, r.media_type, diags);
    if (mp.status != 200) return fail(mp.status, std::move(mp.error), std::move(mp.go_error));
    json_out = std::move(mp.payload);
  } else {
    r.decoded_by = "json";
    if (has_ct && r.media_type != "application/json")
      diags.add(Code::request_content_type_other, "", 0, {r.media_type});
    std::string_view text = body;
    if (body.size() > limit) {
      text = body.substr(0, limit);
      diags.add(Code::request_too_large, "", limit,
                {std::to_string(body.size()), std::to_string(limit),
                 "the server reads only the first bytes, so unless the JSON ends before the limit it fails with 400 (unexpected EOF)"});
    }
    if (body.substr(0, 8) == "payload=") diags.add(Code::request_payload_prefix, "", 0, {r.media_type.empty() ? "(none)" : r.media_type});
    json_out = decode_json_payload(text, BodyMap::identity(), diags);
  }

  if (!json_out.ok) {
    return fail(400, decode_error(r.media_type, parse_data_detail(json_out.go_error)), json_out.go_error);
  }
  r.control_char_repaired = json_out.repaired;
  if (!settings.enable_incoming_webhooks) {
    diags.add(Code::request_disabled, "", 0);
    return fail(501,
                general_app_error(r.media_type, "HandleIncomingWebhook: Incoming webhooks have been disabled by the system admin."),
                "");
  }
  r.request = std::move(json_out.request);
  r.request->source = source;
  return r;
}


}  // namespace mmhook
