#include "common/shortest.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace mmhook::detail {
namespace {

// A positive decimal 0.DIGITS * 10^dp, digits without leading or trailing zeros.
struct Dec {
  std::string digits;
  int dp = 0;
};

// Exact decimal expansion of m * 2^e (m > 0): base-1e9 limbs, multiplied by 2^e or 5^-e (then the point moves).
Dec exact(std::uint64_t m, int e) {
  std::vector<std::uint32_t> limbs;  // little endian, base 1e9
  for (; m; m /= 1000000000) limbs.push_back(static_cast<std::uint32_t>(m % 1000000000));
  auto mul = [&](std::uint32_t k) {
    std::uint64_t carry = 0;
    for (std::uint32_t& l : limbs) {
      const std::uint64_t v = static_cast<std::uint64_t>(l) * k + carry;
      l = static_cast<std::uint32_t>(v % 1000000000);
      carry = v / 1000000000;
    }
    for (; carry; carry /= 1000000000) limbs.push_back(static_cast<std::uint32_t>(carry % 1000000000));
  };
  for (int n = e < 0 ? -e : e; n > 0; n -= 12) {
    const int s = n < 12 ? n : 12;
    std::uint32_t k = 1;
    for (int i = 0; i < s; ++i) k *= e < 0 ? 5 : 2;
    mul(k);
  }
  Dec d;
  char buf[16];
  for (std::size_t i = limbs.size(); i-- > 0;) {
    auto r = std::to_chars(buf, buf + sizeof buf, limbs[i]);
    const std::size_t len = static_cast<std::size_t>(r.ptr - buf);
    if (i + 1 != limbs.size()) d.digits.append(9 - len, '0');
    d.digits.append(buf, len);
  }
  d.dp = static_cast<int>(d.digits.size()) + (e < 0 ? e : 0);
  while (d.digits.back() == '0') d.digits.pop_back();
  return d;
}

int compare(const Dec& a, const Dec& b) {
  if (a.dp != b.dp) return a.dp < b.dp ? -1 : 1;
  return a.digits.compare(b.digits);  // equal dp, no trailing zeros: a proper prefix is the smaller
}

// `x` correctly rounded to `prec` significant digits, ties to even (as printf's %.*e rounds).
Dec round_to(const Dec& x, int prec) {
  const auto p = static_cast<std::size_t>(prec);
  if (x.digits.size() <= p) return x;
  Dec r{x.digits.substr(0, p), x.dp};
  const char next = x.digits[p];
  const bool up = next > '5' || (next == '5' && (x.digits.size() > p + 1 || (r.digits.back() - '0') % 2 == 1));
  if (up) {
    std::size_t i = p;
    while (i > 0 && r.digits[i - 1] == '9') r.digits[--i] = '0';
    if (i == 0) {
      r.digits.insert(r.digits.begin(), '1');
      r.digits.pop_back();
      ++r.dp;
    } else {
      ++r.digits[i - 1];
    }
  }
  while (r.digits.size() > 1 && r.digits.back() == '0') r.digits.pop_back();
  return r;
}

}  // namespace

Decimal shortest_decimal(double v) {
  Decimal d;
  d.negative = std::signbit(v);
  double a = std::fabs(v);
  if (a == 0) {
    d.digits = "0";
    d.dp = 1;
    return d;
  }
  if (a < 9007199254740992.0 && a == std::floor(a)) {
    // Integers below 2^53 are exact: their digits are the shortest form.
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, static_cast<unsigned long long>(a));
    d.digits.assign(buf, r.ptr);
    d.dp = static_cast<int>(d.digits.size());
    while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
    d.exponent = d.dp - 1;
    return d;
  }
  std::uint64_t bits;
  std::memcpy(&bits, &a, sizeof bits);
  const int biased = static_cast<int>(bits >> 52);
  const std::uint64_t m = (bits & ((std::uint64_t{1} << 52) - 1)) | (biased ? std::uint64_t{1} << 52 : 0);
  const int e = (biased ? biased : 1) - 1075;
  // A decimal reads back (correctly rounded, ties to even) as `a` iff it lies strictly between the midpoints to the
  // neighbours, or on one when m is even. Below a power of two (m = 2^52, normal) the lower gap is half as wide.
  const Dec x = exact(m, e);
  const bool narrow = m == (std::uint64_t{1} << 52) && biased > 1;
  const Dec low = narrow ? exact(4 * m - 1, e - 2) : exact(2 * m - 1, e - 1);
  const Dec high = exact(2 * m + 1, e - 1);
  const bool even = m % 2 == 0;
  auto round_trips = [&](const Dec& c) {
    const int l = compare(c, low), h = compare(c, high);
    return (l > 0 || (l == 0 && even)) && (h < 0 || (h == 0 && even));
  };
  // Round-tripping is monotonic in the precision of a correctly rounded decimal: binary search the shortest.
  int lo = 1, hi = 17;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (round_trips(round_to(x, mid))) hi = mid;
    else lo = mid + 1;
  }
  const Dec c = round_to(x, lo);
  d.digits = c.digits;
  d.exponent = c.dp - 1;
  d.dp = c.dp;
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
