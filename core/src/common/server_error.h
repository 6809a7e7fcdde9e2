// The server's error bodies (spec §1.5): ids, English messages and detailed_error texts as Mattermost answers them,
// for an example hook id. Pure; never throw.
#pragma once
#include <string>
#include <string_view>

#include "mmhook/report.h"

namespace mmhook {

// The hook id shown in error messages (the real one is in the URL, which mmhook never sees).
inline constexpr std::string_view kHookId = "xxxxxxxxxxxxxxxxxxxxxxxxxx";

ErrorBody parse_form_error(std::string_view detail);
ErrorBody media_type_error(std::string_view detail);
ErrorBody decode_error(std::string_view media, std::string_view detail);
ErrorBody parse_multipart_error(std::string_view detail);
ErrorBody too_large_error(std::string_view where_msg);
// detailed_error of a JSON decode failure: IncomingWebhookRequestFromJSON's wrapping of Go's error.
std::string parse_data_detail(std::string_view go_err);
// web.incoming_webhook.general.app_error wrapping an app-layer error ("where: message[, detail]" when developer
// mode shows details).
ErrorBody general_app_error(std::string_view media, std::string_view detailed_error);

}  // namespace mmhook
