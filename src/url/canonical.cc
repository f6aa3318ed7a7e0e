// canonical: the identity form of a URL for dedup and the frontier.
//
// Two links that reach the same document should give the same string, and
// two that reach different documents must not. Where a rule could merge
// different documents (a parameter that is tracking on one site and paging
// on another), the table below keeps the parameter unless its value shows
// which it is.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gleaner/url.h"
#include "url_internal.h"

namespace gleaner::url {
namespace {

using internal::AsciiLower;
using internal::HexValue;
using internal::IsHexDigit;
using internal::IsUnreserved;

enum class Match {
  kExact,        // the name equals the entry
  kPrefix,       // the name starts with the entry
  kNonNumeric,   // the name equals the entry and the value is not all digits
  kSessionLike,  // the name equals the entry and the value is >= 16 bytes
};

struct DroppedParam {
  std::string_view name;  // lower case
  Match match;
  std::string_view note;  // where it comes from and why dropping is safe
};

// Parameters that describe the visit (who shared, which campaign, which
// session), not the document. Names compare case-insensitively after
// percent-decoding. Deliberately absent: "source" (a filter on many list
// pages), "id"/"p"/"page" (identity), "lang".
constexpr DroppedParam kDroppedParams[] = {
    {"utm_", Match::kPrefix, "Google Analytics campaign tags: utm_source, utm_medium, ..."},
    {"spm", Match::kExact, "Alibaba/Taobao/Youku click position, seen on many Chinese portals"},
    {"scm", Match::kExact, "Alibaba recommendation trace, sent with spm"},
    {"from", Match::kNonNumeric,
     "WeChat/Weibo/QQ share origin (from=timeline, singlemessage, groupmessage); "
     "a numeric from= is a list offset and is kept"},
    {"isappinstalled", Match::kExact, "appended by WeChat shares next to from="},
    {"share", Match::kExact, "share buttons (WordPress ?share=twitter) and share flags"},
    {"share_", Match::kPrefix, "bilibili and app shares: share_source, share_medium, ..."},
    {"vd_source", Match::kExact, "bilibili viewer tracking"},
    {"fbclid", Match::kExact, "Facebook click id"},
    {"gclid", Match::kExact, "Google Ads click id"},
    {"dclid", Match::kExact, "Google Display click id"},
    {"msclkid", Match::kExact, "Microsoft Ads click id"},
    {"yclid", Match::kExact, "Yandex click id"},
    {"igshid", Match::kExact, "Instagram share id"},
    {"_ga", Match::kExact, "Google Analytics cross-domain linker"},
    {"_gl", Match::kExact, "Google Analytics 4 cross-domain linker"},
    {"mc_cid", Match::kExact, "Mailchimp campaign id"},
    {"mc_eid", Match::kExact, "Mailchimp subscriber id"},
    {"_hsenc", Match::kExact, "HubSpot email tracking"},
    {"_hsmi", Match::kExact, "HubSpot email tracking"},
    {"mkt_tok", Match::kExact, "Marketo email tracking"},
    {"ref", Match::kExact, "referrer tag added by aggregators and newsletters"},
    {"ref_src", Match::kExact, "Twitter/X embed referrer"},
    {"ref_url", Match::kExact, "Twitter/X embed referrer"},
    // Session ids: the same page under a new id on every visit.
    {"jsessionid", Match::kExact, "Java servlet session (also a ;jsessionid= path parameter)"},
    {"phpsessid", Match::kExact, "PHP session"},
    {"aspsessionid", Match::kPrefix, "classic ASP session: ASPSESSIONIDxxxxxxxx"},
    {"sessionid", Match::kExact, "generic session id"},
    {"sid", Match::kSessionLike,
     "session id on older portals; a short sid is often a section id (list.php?sid=5) and is kept"},
};

// Session tokens are 26-32 characters in practice; section ids are short.
constexpr size_t kSessionValueMinBytes = 16;

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
}

bool IsDroppedByTable(std::string_view name, std::string_view value) {
  for (const DroppedParam& entry : kDroppedParams) {
    switch (entry.match) {
      case Match::kExact:
        if (name == entry.name) return true;
        break;
      case Match::kPrefix:
        if (name.size() > entry.name.size() && name.substr(0, entry.name.size()) == entry.name) {
          return true;
        }
        break;
      case Match::kNonNumeric:
        if (name == entry.name && !AllDigits(value)) return true;
        break;
      case Match::kSessionLike:
        if (name == entry.name && value.size() >= kSessionValueMinBytes) return true;
        break;
    }
  }
  return false;
}

// Which characters may stay literal in a path or a query name/value.
enum class Part { kPath, kQuery };

bool AllowedLiteral(unsigned char c, Part part) {
  if (IsUnreserved(c)) return true;
  switch (c) {
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+':
    case ',': case ';': case '=': case ':': case '@': case '/':
      return true;
    case '?':
      return part == Part::kQuery;
    default:
      return false;
  }
}

// Upper-case hex in escapes, unreserved characters decoded, anything that
// may not appear literally encoded.
std::string NormalizeEscapes(std::string_view text, Part part) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '%' && i + 2 < text.size() && IsHexDigit(text[i + 1]) &&
        IsHexDigit(text[i + 2])) {
      unsigned char decoded = static_cast<unsigned char>(HexValue(text[i + 1]) * 16 +
                                                         HexValue(text[i + 2]));
      i += 2;
      if (IsUnreserved(decoded)) {
        out.push_back(static_cast<char>(decoded));
        continue;
      }
      c = decoded;
    } else if (AllowedLiteral(c, part)) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    out.push_back('%');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

// Percent-decoded, lower-cased: the form parameter names are matched in.
std::string MatchKey(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && IsHexDigit(text[i + 1]) &&
        IsHexDigit(text[i + 2])) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  AsciiLower(out);
  return out;
}

struct Param {
  std::string name;  // normalised
  std::string text;  // normalised "name=value" (or "name" when it had no '=')
};

bool ShouldDrop(std::string_view raw_name, std::string_view raw_value,
                const CanonicalOptions& options) {
  std::string key = MatchKey(raw_name);
  if (std::find(options.extra_params.begin(), options.extra_params.end(), key) !=
      options.extra_params.end()) {
    return true;
  }
  return options.drop_tracking_params && IsDroppedByTable(key, MatchKey(raw_value));
}

std::string CanonicalQuery(std::string_view query, const CanonicalOptions& options) {
  std::vector<Param> kept;
  size_t begin = 0;
  while (begin <= query.size()) {
    size_t end = query.find('&', begin);
    if (end == std::string_view::npos) end = query.size();
    std::string_view piece = query.substr(begin, end - begin);
    begin = end + 1;
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    std::string_view raw_name = piece.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? "" : piece.substr(eq + 1);
    if (ShouldDrop(raw_name, raw_value, options)) continue;
    Param param;
    param.name = NormalizeEscapes(raw_name, Part::kQuery);
    param.text = param.name;
    if (eq != std::string_view::npos) {
      param.text.push_back('=');
      param.text.append(NormalizeEscapes(raw_value, Part::kQuery));
    }
    kept.push_back(std::move(param));
  }
  if (options.sort_params) {
    // Stable by name only: repeated names (tag=a&tag=b) keep their order,
    // which some servers read as a list.
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Param& a, const Param& b) { return a.name < b.name; });
  }
  std::string out;
  for (const Param& param : kept) {
    if (!out.empty()) out.push_back('&');
    out.append(param.text);
  }
  return out;
}

// Removes Java's ";jsessionid=..." path parameter (up to the next '/').
void StripJsessionid(std::string& path) {
  static constexpr std::string_view kParam = ";jsessionid=";
  for (size_t i = 0; i + kParam.size() <= path.size(); ++i) {
    if (path[i] != ';') continue;
    std::string candidate = path.substr(i, kParam.size());
    AsciiLower(candidate);
    if (candidate != kParam) continue;
    size_t end = path.find('/', i);
    path.erase(i, (end == std::string::npos ? path.size() : end) - i);
  }
}

// RFC 3986 section 5.2.4 on an absolute path: "." and ".." segments go,
// and a path that ended in one keeps its trailing slash.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  bool trailing_slash = false;
  size_t begin = 1;  // path starts with '/'
  while (begin <= path.size()) {
    size_t end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(begin, end - begin);
    bool last = end == path.size();
    if (segment == "." || segment == "..") {
      if (segment == ".." && !segments.empty()) segments.pop_back();
      trailing_slash = last;
    } else {
      segments.push_back(segment);
    }
    begin = end + 1;
  }
  std::string out;
  out.reserve(path.size());
  for (std::string_view segment : segments) out.append("/").append(segment);
  if (trailing_slash || out.empty()) out.push_back('/');
  return out;
}

// Directory index pages that servers also serve for the bare directory.
constexpr std::string_view kIndexFiles[] = {
    "index.html", "index.htm", "index.shtml", "index.php", "default.htm",
    "default.html", "default.asp", "default.aspx",
};

void StripIndexFile(std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return;
  std::string last = path.substr(slash + 1);
  AsciiLower(last);
  for (std::string_view index : kIndexFiles) {
    if (last == index) {
      path.resize(slash + 1);
      return;
    }
  }
}

std::string CanonicalPath(std::string path, const CanonicalOptions& options) {
  if (options.drop_tracking_params) StripJsessionid(path);
  path = NormalizeEscapes(path, Part::kPath);
  if (path.empty() || path[0] != '/') path.insert(0, "/");
  // Escaped dots (%2e%2e) became real ones above, so dot segments are
  // removed again after curl's pass.
  if (path.find("/.") != std::string::npos) path = RemoveDotSegments(path);
  if (options.strip_index_file) StripIndexFile(path);
  return path;
}

// "example.com." is "example.com"; but "0." and "10.0.0.1." stay as they
// are: without the dot curl reads a numeric last label as an IPv4 address
// ("0" is 0.0.0.0), another host.
void TrimTrailingDots(std::string& host) {
  size_t end = host.find_last_not_of('.');
  if (end == std::string::npos) {  // only dots: no host at all
    host.clear();
    return;
  }
  if (end + 1 == host.size()) return;
  size_t label = host.find_last_of('.', end);
  std::string_view last(host.data() + (label == std::string::npos ? 0 : label + 1),
                        end - (label == std::string::npos ? 0 : label + 1) + 1);
  if (AllDigits(last)) return;
  host.resize(end + 1);
}

}  // namespace

Result<std::string> Canonicalize(std::string_view text, const CanonicalOptions& options) {
  auto parsed = Parse(text);
  if (!parsed.ok()) return parsed.take_error();
  Url& url = parsed.value();
  url.fragment.clear();
  TrimTrailingDots(url.host);
  if (!internal::IsWritableHost(url.host)) {
    return MakeError(Code::kInvalidInput, "URL " + std::string(text.substr(0, 200)) +
                                              ": bad host name '" + url.host + "'");
  }
  url.path = CanonicalPath(std::move(url.path), options);
  url.query = CanonicalQuery(url.query, options);
  return url.ToString();
}

}  // namespace gleaner::url
