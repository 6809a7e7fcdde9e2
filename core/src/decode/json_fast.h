// The simdjson fast path of parse_json_go(): builds the same json::Value (offsets, source number spellings, escape
// flags) with simdjson's On-Demand API. It declines (returns false, `out` unspecified) whenever Go's semantics could
// differ from simdjson's — any simdjson error, invalid UTF-8, depth beyond simdjson's limit, numbers that overflow —
// and the caller then uses the own parser, which reproduces Go exactly. Never throws.
#pragma once
#include <string_view>

#include "decode/json_parse.h"

namespace mmhook::detail {

bool parse_json_fast(std::string_view text, JsonParseResult& out);

}  // namespace mmhook::detail
