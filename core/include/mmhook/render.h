// The whole post as the web app draws it (spec §6), as safe HTML built only from known tags and attributes.
#pragma once
#include <string>

#include "mmhook/report.h"
#include "mmhook/settings.h"

namespace mmhook {

// Renders header, message, priority, card icon and attachments of one stored post (reads post.props).
std::string render_post(const Post& post, const ServerSettings& settings);

}  // namespace mmhook
