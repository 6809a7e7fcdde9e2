// The JSON the server stores for attachments and props (spec 3.3): Go json.Marshal of the model structs,
// every attachment key present, Go float spelling for numbers, duplicate object keys resolved (last wins).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "mmhook/json.h"
#include "decode/payload.h"

namespace mmhook {

// Copy of v as Go would re-marshal a decoded interface{}: numbers re-spelt as float64, objects deduplicated
// (last duplicate wins, at its last position). Iterative depth handling is not needed: the decoder bounds depth.
json::Value go_normalise(const json::Value& v);

// One attachment as MessageAttachment marshals (struct field order; "actions" only when non-empty).
json::Value stored_attachment(const Attachment& a);
// The list as stored in props.attachments.
json::Value stored_attachments(const std::vector<Attachment>& list);

// Post.GenerateActionIds: every action with an empty or missing id in an attachments array gets a 26-char
// [a-z0-9] id derived from (post, attachment, action) positions, so output is reproducible.
void generate_action_ids(json::Value& attachments, std::size_t post_index);

}  // namespace mmhook
