// Shortest round-trip decimal digits of a double without printf/strtod (Emscripten 3.1.6's libc++ has no floating
// to_chars; printf and strtod would link long-double soft-float): exact decimal expansion, compared with the midpoints.
#pragma once
#include <string>

namespace mmhook::detail {

struct Decimal {
  std::string digits;  // significant digits, no leading zeros ("0" for zero)
  int exponent = 0;    // decimal exponent of the first digit: value = 0.d1d2.. * 10^(exponent) ... see point()
  bool negative = false;
  // Position of the decimal point relative to the digits (Go's digs.dp): value = 0.DIGITS * 10^dp.
  int dp = 0;
};

// Finite values only (callers handle NaN/Inf). Shortest digits that parse back (strtod) to exactly `v`.
Decimal shortest_decimal(double v);

// JavaScript Number#toString-like spelling of a finite double (used for numbers we synthesise).
std::string js_number(double v);

}  // namespace mmhook::detail
