// match: percent-encoding normalisation and the '*'/'$' pattern matcher.
//
// The matcher splits a pattern at its '*'s into literal runs. The first run
// must sit at the start of the path; each later run is taken at its leftmost
// place after the previous one, which never loses a match for globs whose
// only wildcard is '*'. Finding a run with KMP keeps every path byte from
// being looked at more than a constant number of times per run, so a
// pattern like "/*a*a*a*a*a*a*a*b" cannot backtrack.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "robots_internal.h"

namespace gleaner::robots::internal {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

char HexUpper(char c) { return (c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c; }

bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '_' || c == '~';
}

// RFC 3986 reserved: gen-delims and sub-delims.
bool IsReserved(unsigned char c) {
  return std::string_view(":/?#[]@!$&'()*+,;=").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

void AppendEscaped(std::string& out, unsigned char c) {
  out += '%';
  out += kHexUpper[c >> 4];
  out += kHexUpper[c & 0x0F];
}

// The shared normalisation; `is_pattern` keeps '*' (and a final '$') as
// operators, otherwise they are literal and escaped.
std::string Normalize(std::string_view in, bool is_pattern) {
  std::string out;
  out.reserve(in.size() + 8);
  for (size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == '%') {
      if (i + 2 < in.size() && IsHexDigit(in[i + 1]) && IsHexDigit(in[i + 2])) {
        const auto decoded = static_cast<unsigned char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
        if (IsUnreserved(decoded)) {
          out += static_cast<char>(decoded);
        } else {
          out += '%';
          out += HexUpper(in[i + 1]);
          out += HexUpper(in[i + 2]);
        }
        i += 2;
      } else {
        AppendEscaped(out, c);
      }
    } else if (c == '*') {
      if (is_pattern) {
        out += '*';
      } else {
        AppendEscaped(out, c);
      }
    } else if (c == '$') {
      if (is_pattern && i + 1 == in.size()) {
        out += '$';
      } else {
        AppendEscaped(out, c);
      }
    } else if (IsUnreserved(c) || IsReserved(c)) {
      out += static_cast<char>(c);
    } else {
      AppendEscaped(out, c);
    }
  }
  return out;
}

// Leftmost `needle` in `hay` at or after `from`, or npos. KMP, so linear in
// hay + needle whatever the bytes. REQUIRES: from <= hay.size().
size_t FindLinear(std::string_view hay, size_t from, std::string_view needle,
                  std::vector<uint32_t>& fail) {
  if (needle.empty()) return from;
  if (needle.size() > hay.size() - from) return std::string_view::npos;
  if (needle.size() == 1) return hay.find(needle[0], from);
  fail.assign(needle.size(), 0);
  for (size_t i = 1, k = 0; i < needle.size(); ++i) {
    while (k > 0 && needle[i] != needle[k]) k = fail[k - 1];
    if (needle[i] == needle[k]) ++k;
    fail[i] = static_cast<uint32_t>(k);
  }
  size_t k = 0;
  for (size_t i = from; i < hay.size(); ++i) {
    while (k > 0 && hay[i] != needle[k]) k = fail[k - 1];
    if (hay[i] == needle[k]) ++k;
    if (k == needle.size()) return i + 1 - k;
  }
  return std::string_view::npos;
}

}  // namespace

std::string NormalizePattern(std::string_view value) {
  if (value.empty()) return {};
  std::string out = Normalize(value, /*is_pattern=*/true);
  if (out[0] != '/' && out[0] != '*') out.insert(out.begin(), '/');
  return out;
}

std::string NormalizePath(std::string_view path) {
  const size_t hash = path.find('#');
  if (hash != std::string_view::npos) path = path.substr(0, hash);
  std::string out = Normalize(path, /*is_pattern=*/false);
  if (out.empty() || out[0] != '/') out.insert(out.begin(), '/');
  return out;
}

bool PatternMatches(std::string_view pattern, std::string_view path,
                    std::vector<uint32_t>& scratch) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);

  size_t star = pattern.find('*');
  const std::string_view head = pattern.substr(0, star);
  if (path.substr(0, head.size()) != head) return false;
  if (star == std::string_view::npos) return !anchored || path.size() == head.size();

  size_t pos = head.size();
  pattern.remove_prefix(star + 1);
  while ((star = pattern.find('*')) != std::string_view::npos) {
    const size_t at = FindLinear(path, pos, pattern.substr(0, star), scratch);
    if (at == std::string_view::npos) return false;
    pos = at + star;
    pattern.remove_prefix(star + 1);
  }
  // The last run: anywhere after pos, or, anchored, exactly at the end.
  if (!anchored) return FindLinear(path, pos, pattern, scratch) != std::string_view::npos;
  return path.size() - pos >= pattern.size() &&
         path.substr(path.size() - pattern.size()) == pattern;
}

std::optional<double> ParseCrawlDelay(std::string_view value) {
  size_t digits = 0;
  size_t dots = 0;
  for (char c : value) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '.') {
      ++dots;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0 || dots > 1) return std::nullopt;
  double seconds = 0;
  const char* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, seconds, std::chars_format::fixed);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return seconds;
}

}  // namespace gleaner::robots::internal
