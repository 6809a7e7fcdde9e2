// application/x-www-form-urlencoded bodies (spec §1.3): the first `payload` value (body before URL query) decoded as
// JSON, its offsets mapped back through the form encoding. Never throws.
#pragma once
#include <string_view>

#include "decode/form.h"
#include "decode/json_payload.h"
#include "mmhook/diagnostic.h"

namespace mmhook {

// `body_form` and `query_form` are the parsed body and URL query (both parsed without error).
JsonOutcome decode_form_payload(std::string_view body, const detail::FormParse& body_form,
                                const detail::FormParse& query_form, Diagnostics& diags);

}  // namespace mmhook
