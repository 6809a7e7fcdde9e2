#include "common/shortest.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace mmhook::detail {

Decimal shortest_decimal(double v) {
  Decimal d;
  d.negative = std::signbit(v);
  double a = std::fabs(v);
  if (a == 0) {
    d.digits = "0";
    d.dp = 1;
    return d;
  }
  char buf[64];
  if (a < 9007199254740992.0 && a == std::floor(a)) {
    // Integers below 2^53 are exact: their digits are the shortest form.
    auto n = static_cast<unsigned long long>(a);
    std::snprintf(buf, sizeof buf, "%llu", n);
    d.digits = buf;
    d.dp = static_cast<int>(d.digits.size());
    while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
    d.exponent = d.dp - 1;
    return d;
  }
  // Round-tripping is monotonic in the precision of a correctly rounded printf: binary search the shortest.
  auto round_trips = [&](int prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, a);
    return std::strtod(buf, nullptr) == a;
  };
  int lo = 1, hi = 17;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (round_trips(mid)) hi = mid;
    else lo = mid + 1;
  }
  std::snprintf(buf, sizeof buf, "%.*e", lo - 1, a);
  // buf = "D.DDDDe[+-]XX"
  const char* e = std::strchr(buf, 'e');
  int exp10 = std::atoi(e + 1);
  for (const char* p = buf; p < e; ++p)
    if (*p >= '0' && *p <= '9') d.digits.push_back(*p);
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  d.exponent = exp10;
  d.dp = exp10 + 1;
  return d;
}

std::string js_number(double v) {
  if (!std::isfinite(v)) return "null";
  Decimal d = shortest_decimal(v);
  std::string out = d.negative && v != 0 ? "-" : "";
  const int n = static_cast<int>(d.digits.size());
  const int k = d.dp;
  if (k >= n && k <= 21) {
    out += d.digits;
    out.append(static_cast<std::size_t>(k - n), '0');
  } else if (k > 0 && k <= 21) {
    out += d.digits.substr(0, static_cast<std::size_t>(k)) + "." + d.digits.substr(static_cast<std::size_t>(k));
  } else if (k > -6 && k <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-k), '0');
    out += d.digits;
  } else {
    out += d.digits.substr(0, 1);
    if (n > 1) out += "." + d.digits.substr(1);
    out += "e";
    out += (k - 1 >= 0) ? "+" : "-";
    out += std::to_string(std::abs(k - 1));
  }
  return out;
}

}  // namespace mmhook::detail
