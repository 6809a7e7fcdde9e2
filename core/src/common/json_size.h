// The size of a JSON value as json::write() would write it, without writing it (props limits, splitting).
#pragma once
#include <cstddef>

#include "mmhook/json.h"

namespace mmhook::json {

struct WrittenSize {
  std::size_t bytes = 0;
  std::size_t runes = 0;  // rune_count() of the written text
};

// bytes == write(v, {go_escape, any}).size() and runes == rune_count(write(...)): key order does not change either.
WrittenSize written_size(const Value& v, bool go_escape);

}  // namespace mmhook::json
