#include "common/go_format.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/shortest.h"

// simdjson's exact decimal-to-double conversion (its own slow path, already in the module; declared in simdjson.h,
// redeclared here to keep that header out of this file). Correctly rounded, ties to even, +-inf past the range.
namespace simdjson::internal {
double from_chars(const char* first, const char* end) noexcept;
}

namespace mmhook::detail {
namespace {

void append_exp(std::string& out, int exp, bool min_two_digits) {
  out.push_back(exp < 0 ? '-' : '+');
  int a = exp < 0 ? -exp : exp;
  std::string d = std::to_string(a);
  if (min_two_digits && d.size() < 2) out.push_back('0');
  out += d;
}

// strconv %e with all shortest digits: d.ddd e±XX
void fmt_e(std::string& out, const Decimal& d) {
  out.push_back(d.digits[0]);
  if (d.digits.size() > 1) {
    out.push_back('.');
    out.append(d.digits, 1, std::string::npos);
  }
  out.push_back('e');
  append_exp(out, d.digits == "0" ? 0 : d.dp - 1, true);
}

// strconv %f with the shortest digits.
void fmt_f(std::string& out, const Decimal& d) {
  const int n = static_cast<int>(d.digits.size());
  if (d.dp > 0) {
    for (int i = 0; i < d.dp; ++i) out.push_back(i < n ? d.digits[static_cast<std::size_t>(i)] : '0');
    if (n > d.dp) {
      out.push_back('.');
      out.append(d.digits, static_cast<std::size_t>(d.dp), std::string::npos);
    }
  } else {
    out += "0";
    if (!(n == 1 && d.digits[0] == '0')) {
      out.push_back('.');
      out.append(static_cast<std::size_t>(-d.dp), '0');
      out += d.digits;
    }
  }
}

void format_v(std::string& out, const json::Value& v) {
  switch (v.kind) {
    case json::Kind::null: out += "<nil>"; break;
    case json::Kind::boolean: out += v.boolean ? "true" : "false"; break;
    case json::Kind::number: out += go_format_float_v(v.number); break;
    case json::Kind::string: out += v.text; break;
    case json::Kind::array: {
      out.push_back('[');
      for (std::size_t i = 0; i < v.array.size(); ++i) {
        if (i) out.push_back(' ');
        format_v(out, v.array[i]);
      }
      out.push_back(']');
      break;
    }
    case json::Kind::object: {
      // Go map: last duplicate wins; fmt prints keys sorted byte-wise.
      std::vector<const json::Member*> ms;
      ms.reserve(v.object.size());
      for (const auto& m : v.object) ms.push_back(&m);
      std::stable_sort(ms.begin(), ms.end(), [](const json::Member* a, const json::Member* b) { return a->key < b->key; });
      out += "map[";
      bool first = true;
      for (std::size_t i = 0; i < ms.size(); ++i) {
        if (i + 1 < ms.size() && ms[i + 1]->key == ms[i]->key) continue;  // a later duplicate wins
        if (!first) out.push_back(' ');
        first = false;
        out += ms[i]->key;
        out.push_back(':');
        format_v(out, ms[i]->value);
      }
      out.push_back(']');
      break;
    }
  }
}

}  // namespace

std::string go_format_float_v(double f) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  Decimal d = shortest_decimal(f);
  std::string out = d.negative ? "-" : "";
  const int exp = d.digits == "0" ? 0 : d.dp - 1;
  if (exp < -4 || exp >= 6) fmt_e(out, d);
  else fmt_f(out, d);
  return out;
}

std::string go_float(double f) {
  if (!std::isfinite(f)) return "null";
  Decimal d = shortest_decimal(f);
  std::string out = d.negative ? "-" : "";
  double a = std::fabs(f);
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    fmt_e(out, d);
    const std::size_t n = out.size();
    if (n >= 4 && out[n - 4] == 'e' && out[n - 3] == '-' && out[n - 2] == '0') out.erase(n - 2, 1);
  } else {
    fmt_f(out, d);
  }
  return out;
}

std::string go_format_v(const json::Value& v) {
  std::string out;
  format_v(out, v);
  return out;
}

double json_number_value(const std::string& text) noexcept {
  // Fast path (Clinger): at most 15 significant digits and at most 22 fraction digits, no exponent: the digits and
  // the power of ten are exact doubles and one IEEE division rounds correctly.
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  std::size_t i = 0;
  const bool neg = !text.empty() && text[0] == '-';
  if (neg) ++i;
  std::uint64_t m = 0;
  int digits = 0, scale = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    if (digits || c != '0') ++digits;
    m = m * 10 + static_cast<std::uint64_t>(c - '0');
    if (point) --scale;
  }
  if (i == text.size() && digits <= 15 && scale >= -22) {
    const double v = static_cast<double>(m) / kPow10[-scale];
    return neg ? -v : v;
  }
  return simdjson::internal::from_chars(text.data(), text.data() + text.size());
}

bool go_parse_float(std::string_view s, double& out) {
  out = json_number_value(std::string(s));
  return !std::isinf(out);
}

bool go_parse_int64(std::string_view s, std::int64_t& out) {
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  if (i >= s.size()) return false;
  std::uint64_t acc = 0;
  const std::uint64_t limit = neg ? 9223372036854775808ULL : 9223372036854775807ULL;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    unsigned dgt = static_cast<unsigned>(c - '0');
    if (acc > (limit - dgt) / 10) return false;
    acc = acc * 10 + dgt;
  }
  if (neg) out = acc == 9223372036854775808ULL ? INT64_MIN : -static_cast<std::int64_t>(acc);
  else out = static_cast<std::int64_t>(acc);
  return true;
}

}  // namespace mmhook::detail
