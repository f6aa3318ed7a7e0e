// Checks on single values of a rules file: URLs, hosts, UTC offsets,
// charset labels, and the "did you mean" for a mistyped key.
#include <algorithm>
#include <charconv>
#include <vector>

#include "gleaner/url.h"
#include "rules_internal.h"

namespace gleaner::rules::internal {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Quoted(std::string_view text) {
  constexpr size_t kShown = 80;  // a pasted page must not fill the terminal
  std::string out = "'";
  out += text.size() > kShown ? std::string(text.substr(0, kShown)) + "..." : std::string(text);
  out += "'";
  return out;
}

// Optimal string alignment distance: Levenshtein plus swaps of neighbours,
// the commonest typo ("titel").
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// Reads up to `max_digits` digits at `*pos`; -1 when there are none.
int ReadNumber(std::string_view text, size_t* pos, int max_digits) {
  int value = 0, digits = 0;
  while (*pos < text.size() && IsDigit(text[*pos]) && digits < max_digits) {
    value = value * 10 + (text[(*pos)++] - '0');
    ++digits;
  }
  return digits == 0 ? -1 : value;
}

// "mailto:x", "javascript:..." and other schemes with or without "//".
bool HasOtherScheme(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string scheme;
  for (char c : text.substr(0, colon)) {
    bool letter = Lower(c) >= 'a' && Lower(c) <= 'z';
    bool ok = letter || (!scheme.empty() && (IsDigit(c) || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
    scheme.push_back(Lower(c));
  }
  return scheme != "http" && scheme != "https";
}

}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string FormatNumber(double value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : "?";
}

std::string CheckHttpUrl(std::string_view text) {
  if (text.empty()) return "is empty";
  Result<url::Url> parsed = url::ParseHttp(text);
  if (parsed.ok() && !parsed->host.empty()) return "";
  if ((!parsed.ok() && parsed.error().code == Code::kUnsupported) || HasOtherScheme(text)) {
    return Quoted(text) + " is not an http or https URL";
  }
  return Quoted(text) + " is not an absolute URL (write it as https://host/path)";
}

std::string CheckHost(std::string_view text, std::string* host) {
  if (text.empty()) return "is empty";
  if (text.find("://") != std::string_view::npos) {
    return Quoted(text) + " is a URL; give the host name alone (news.example.cn)";
  }
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    bool ok = (u >= 0x80) || IsDigit(c) || (Lower(c) >= 'a' && Lower(c) <= 'z') || c == '-' || c == '.';
    if (!ok) {
      return Quoted(text) + " is not a host name (letters, digits, '-' and '.'; no port, path or wildcard)";
    }
  }
  if (text.front() == '.' || text.back() == '.' || text.find("..") != std::string_view::npos) {
    return Quoted(text) + " is not a host name (empty label between dots)";
  }
  host->clear();
  for (char c : text) host->push_back(Lower(c));
  return "";
}

std::string CheckUtcOffset(std::string_view text, std::string* canonical) {
  std::string lower;
  for (char c : text) lower.push_back(Lower(c));
  if (lower == "z" || lower == "utc" || lower == "gmt") {
    *canonical = "+00:00";
    return "";
  }
  const std::string why = Quoted(text) + " is not a UTC offset like \"+08:00\" or \"-05:00\"";
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return why;
  size_t pos = 1;
  int hours = ReadNumber(text, &pos, 2);
  int minutes = 0;
  if (pos < text.size() && text[pos] == ':') ++pos;
  if (pos < text.size()) {
    size_t start = pos;
    minutes = ReadNumber(text, &pos, 2);
    if (pos - start != 2) return why;
  }
  if (hours < 0 || pos != text.size()) return why;
  if (hours > 14 || minutes >= 60) return Quoted(text) + " is out of range (-14:00 to +14:00)";
  char buf[8] = {text[0], static_cast<char>('0' + hours / 10), static_cast<char>('0' + hours % 10), ':',
                 static_cast<char>('0' + minutes / 10), static_cast<char>('0' + minutes % 10), '\0'};
  *canonical = buf;
  return "";
}

std::string CheckEncodingForm(std::string_view label) {
  constexpr size_t kMaxLabelBytes = 40;  // the longest WHATWG label is 24
  if (label.empty()) return "is empty";
  bool ok = label.size() <= kMaxLabelBytes;
  for (char c : label) {
    ok = ok && (IsDigit(c) || (Lower(c) >= 'a' && Lower(c) <= 'z') || c == '-' || c == '_' || c == '.' ||
                c == ':');
  }
  return ok ? "" : Quoted(label) + " is not an encoding label (e.g. gbk, gb18030, big5, utf-8)";
}

std::string Closest(std::string_view key, std::span<const std::string_view> candidates) {
  std::string_view best;
  size_t best_distance = 3;  // more than two edits is another word, not a typo
  for (std::string_view candidate : candidates) {
    size_t distance = EditDistance(key, candidate);
    // A short key two edits away is as likely chance as a typo.
    size_t allowed = candidate.size() <= 4 ? 1 : 2;
    if (distance <= allowed && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return std::string(best);
}

}  // namespace gleaner::rules::internal
