// The result of checking one payload: the server's answer, every diagnostic, and the posts it would create.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "mmhook/diagnostic.h"
#include "mmhook/json.h"

namespace mmhook {

struct ErrorBody {
  std::string id, message, detailed_error;
};

struct PostPriorityOut {
  std::string priority;
  std::optional<bool> requested_ack, persistent_notifications;
};

struct Post {
  std::string channel;
  std::string message;
  std::string type;
  json::Value props = json::Value::make_object();
  std::optional<PostPriorityOut> priority;
  std::string username;
  bool bot_tag = true;
  std::optional<std::string> icon_url;
  std::optional<std::string> icon_emoji;
  bool webhook_logo = false;   // icon override on and no icon: the web app shows the default webhook logo
  std::string html;
};

struct Report {
  bool ok = false;
  int status = 0;
  std::optional<ErrorBody> error;
  std::vector<Diagnostic> diagnostics;
  std::vector<Post> posts;
};

}  // namespace mmhook
