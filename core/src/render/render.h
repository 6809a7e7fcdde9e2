// The whole post as the web app draws it (spec §6), as safe HTML built only from known tags and attributes.
// Classes follow mm-<block>__<element>--<modifier> so the page CSS can draw Mattermost's look.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/report.h"
#include "mmhook/settings.h"
#include "render/dialect.h"

namespace mmhook {

// Renders header, message, priority, card icon and attachments of one stored post (reads post.props).
std::string render_post(const Post& post, const ServerSettings& settings, Dialect dialect = Dialect::web);

// The web app's field-table layout (getFieldsTable): field indexes per <table>, one row each. A new table
// starts before a field when the row already has 2 fields, the field is not short, or the previous was long.
std::vector<std::vector<std::size_t>> field_table_layout(const std::vector<bool>& is_short);

// lodash truncate as the footer uses it: longer than `max` code points -> first max-1 code points + "…".
std::string truncate_footer(std::string_view text, std::size_t max = 300);

}  // namespace mmhook
