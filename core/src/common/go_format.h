// Go formatting and number parsing as the server's Go code does it: fmt's %v, json.Marshal of float64,
// strconv.ParseFloat/ParseInt. Pure functions; never throw.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "mmhook/json.h"

namespace mmhook::detail {

// fmt.Sprintf("%v", f) for a float64: strconv 'g' shortest digits, exponent form when the exponent is < -4 or >= 6.
std::string go_format_float_v(double f);
// json.Marshal(float64): 'f' shortest, 'e' when |f| < 1e-6 or >= 1e21 (e-07 cleaned to e-7).
std::string go_float(double f);
// fmt.Sprintf("%v", x) for x decoded by encoding/json into `any`: nil -> <nil>, maps as map[k:v ...] with sorted keys
// (last duplicate wins), slices as [a b]. Numbers use `number`.
std::string go_format_v(const json::Value& v);
// strtod of a valid JSON number's text, without libc's strtod: correctly rounded, ±inf on overflow, -0 kept.
double json_number_value(const std::string& text) noexcept;
// strconv.ParseFloat(s, 64) on a valid JSON number: false when out of range (Go: ErrRange, value ±Inf);
// underflow gives 0 (or a denormal) and true.
bool go_parse_float(std::string_view s, double& out);
// strconv.ParseInt(s, 10, 64) on a JSON number literal: false for fractions, exponents and overflow.
bool go_parse_int64(std::string_view s, std::int64_t& out);

}  // namespace mmhook::detail
