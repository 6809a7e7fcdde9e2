// Go encoding/json into model.IncomingWebhookRequest (spec §1.4, §2): keys matched case-insensitively, repeated keys
// merged, type errors in Go's words, SlackCompatibleBool, numbers into `any` as float64, null entries dropped; plus
// mmhook's hints on unknown, Slack-only and misspelt keys. Never throws.
#pragma once
#include <string>
#include <string_view>

#include "decode/payload.h"
#include "mmhook/diagnostic.h"
#include "mmhook/json.h"

namespace mmhook {

// Decodes `root` (read with Go's syntax rules) into `req`, every value with its offset and JSON Pointer. Returns Go's
// error text, "" when it decodes: the first type error, or the SlackCompatibleBool error at which Go stops.
// String values are moved out of `root` (its kinds, offsets and keys stay), so the text is held once.
std::string decode_typed_request(json::Value& root, Request& req, Diagnostics& diags);

// Go's folding of a key for struct-field matching: ASCII lower case, KELVIN SIGN to k, LONG S to s.
std::string fold_key(std::string_view key);

}  // namespace mmhook
