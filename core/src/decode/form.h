// Go's form decoding for webhook bodies: url.ParseQuery (x-www-form-urlencoded bodies and URL queries) and the
// parts of a multipart/form-data body as mime/multipart's ReadForm sees them. Pure; never throws.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "decode/json_parse.h"

namespace mmhook::detail {

struct FormField {
  std::string key, value;
  std::size_t offset = 0;        // of the pair's first byte in the source
  std::size_t value_offset = 0;  // of the value's first byte in the source
  OffsetMap value_map;           // decoded value offset -> offset in the source
};

struct FormParse {
  std::vector<FormField> fields;  // in source order; pairs that failed to unescape are left out (as Go does)
  std::string error;              // Go's first error ("invalid URL escape \"%zz\"", "invalid semicolon separator in query")
  std::size_t error_offset = 0;
};

// url.ParseQuery: '&'-separated pairs, '+' -> space, %XX decoded; a ';' in a pair is an error.
FormParse parse_query(std::string_view s);

struct MultipartPart {
  std::string name;              // Content-Disposition form-data name ("" = ignored by ReadForm)
  std::string filename;          // non-empty for file parts
  std::string value;
  std::size_t offset = 0;        // of the part's header block
  std::size_t value_offset = 0;  // of the part's content
};

struct MultipartParse {
  std::vector<MultipartPart> parts;
  std::string error;             // Go's error text ("multipart: NextPart: EOF", "unexpected EOF", ...)
  std::size_t error_offset = 0;
};

MultipartParse parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace mmhook::detail
