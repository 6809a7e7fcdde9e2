#include "common/server_error.h"

namespace mmhook {

ErrorBody parse_form_error(std::string_view detail) {
  return {"web.incoming_webhook.parse_form.app_error",
          "Failed to parse form for webhook " + std::string(kHookId) + ".", std::string(detail)};
}
ErrorBody media_type_error(std::string_view detail) {
  return {"web.incoming_webhook.media_type.app_error",
          "Failed to parse media incoming webhook " + std::string(kHookId) + ".", std::string(detail)};
}
ErrorBody decode_error(std::string_view media, std::string_view detail) {
  return {"web.incoming_webhook.decode.app_error",
          "Failed to decode the payload of media type " + std::string(media) + " for incoming webhook " +
              std::string(kHookId) + ".",
          std::string(detail)};
}
ErrorBody parse_multipart_error(std::string_view detail) {
  return {"web.incoming_webhook.parse_multipart.app_error",
          "Failed to parse multipart form for webhook " + std::string(kHookId) + ".", std::string(detail)};
}
ErrorBody too_large_error(std::string_view where_msg) {
  return {"api.context.request_body_too_large.app_error", "Unable to process request. Request body too large.",
          std::string(where_msg) + ", http: request body too large"};
}
std::string parse_data_detail(std::string_view go_err) {
  return "IncomingWebhookRequestFromJSON: Unable to parse incoming data., " + std::string(go_err);
}ErrorBody general_app_error(std::string_view media, std::string_view detailed_error) {
  return {"web.incoming_webhook.general.app_error",
          "Failed to handle the payload of media type " + std::string(media) + " for incoming webhook " +
              std::string(kHookId) + ".",
          std::string(detailed_error)};
}

}  // namespace mmhook
