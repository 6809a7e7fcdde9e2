// THIN SLICE (to be replaced by the full server pipeline): one post with the text.
#include "mmhook/process.h"

namespace mmhook {

ProcessResult process_request(const Request& req, const ServerSettings& settings, std::string_view media_type,
                              Diagnostics& diags) {
  ProcessResult r;
  Post p;
  p.channel = settings.hook.channel;
  p.message = req.text.value;
  p.username = settings.hook.creator;
  p.props.set("from_webhook", json::Value::from_string("true"));
  r.posts.push_back(std::move(p));
  return r;
}

}  // namespace mmhook
