// url: parsing and reference resolution over libcurl's URL API.
//
// curl does the RFC 3986 work (authority parsing, ports, IPv6, dot segments,
// merging a relative path). Around it we add what curl leaves to browsers:
// href clean-up (spaces, newlines, backslashes, raw UTF-8), fragment-only and
// empty references (curl would drop the last path segment), "http:x" against
// an http base, lower-case hosts, and refusing non-http schemes.
#include <string>

#include "gleaner/url.h"
#include "gleaner/utf8.h"
#include "url_internal.h"

namespace gleaner::url {
namespace internal {

std::string GetPart(CURLU* handle, CURLUPart part, unsigned flags) {
  char* raw = nullptr;
  CURLUcode rc = curl_url_get(handle, part, &raw, flags);
  CurlString owned(raw);
  if (rc != CURLUE_OK || owned == nullptr) return "";
  return std::string(owned.get());
}

void AsciiLower(std::string& text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

std::string SchemeOf(std::string_view text) {
  if (text.empty()) return "";
  char first = text[0];
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return "";
  for (size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == ':') {
      std::string scheme(text.substr(0, i));
      AsciiLower(scheme);
      return scheme;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.';
    if (!ok) return "";
  }
  return "";
}

namespace {

// Bytes a URL cannot carry literally: controls, space, non-ASCII, and the
// RFC 1738 "unsafe" characters that browsers and curl pass through raw but
// that servers and our canonical form treat inconsistently.
bool NeedsEscape(unsigned char c) {
  if (c <= 0x20 || c >= 0x7F) return true;
  switch (c) {
    case '"': case '<': case '>': case '`': case '{': case '}': case '|': case '^': case '\\':
      return true;
    default:
      return false;
  }
}

void AppendEscaped(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 0xF]);
}

// Trims, drops tab/CR/LF, and turns '\' into '/' before the query, as
// browsers do for http(s) links.
std::string StripAndSlash(std::string_view ref) {
  size_t begin = 0;
  size_t end = ref.size();
  while (begin < end && static_cast<unsigned char>(ref[begin]) <= 0x20) ++begin;
  while (end > begin && static_cast<unsigned char>(ref[end - 1]) <= 0x20) --end;
  std::string out;
  out.reserve(end - begin);
  bool in_query = false;
  for (size_t i = begin; i < end; ++i) {
    char c = ref[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '?' || c == '#') in_query = true;
    out.push_back(c == '\\' && !in_query ? '/' : c);
  }
  return out;
}

}  // namespace

std::string CleanReference(std::string_view ref) {
  std::string text = StripAndSlash(ref);
  // The authority (host, port, userinfo) is left for curl to judge, so a
  // raw UTF-8 host can still become punycode.
  size_t auth_begin = std::string::npos;
  size_t auth_end = std::string::npos;
  size_t after_scheme = SchemeOf(text).size();
  if (after_scheme > 0) ++after_scheme;  // the ':'
  if (text.compare(after_scheme, 2, "//") == 0) {
    auth_begin = after_scheme + 2;
    auth_end = text.find_first_of("/?#", auth_begin);
    if (auth_end == std::string::npos) auth_end = text.size();
  }
  std::string out;
  out.reserve(text.size() + 16);
  bool seen_hash = false;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (i >= auth_begin && i < auth_end) {
      out.push_back(static_cast<char>(c));
    } else if (c == '%') {
      bool escape = i + 2 < text.size() && IsHexDigit(text[i + 1]) && IsHexDigit(text[i + 2]);
      if (escape) {
        out.push_back('%');
      } else {
        AppendEscaped(out, c);
      }
    } else if (c == '#') {
      if (seen_hash) {
        AppendEscaped(out, c);
      } else {
        out.push_back('#');
      }
      seen_hash = true;
    } else if (NeedsEscape(c)) {
      AppendEscaped(out, c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace internal

namespace {

using internal::CurlUrl;
using internal::GetPart;

constexpr unsigned kSetFlags = CURLU_NON_SUPPORT_SCHEME;

// Shortens user input for an error message.
std::string Quote(std::string_view text) {
  constexpr size_t kMaxShown = 200;
  std::string out = "'";
  out.append(text.substr(0, kMaxShown));
  if (text.size() > kMaxShown) out.append("...");
  out.push_back('\'');
  return out;
}

bool IsHttpScheme(std::string_view scheme) { return scheme == "http" || scheme == "https"; }

Error TooLong(std::string_view text) {
  return MakeError(Code::kInvalidInput, "URL " + Quote(text) + " is longer than " +
                                            std::to_string(internal::kMaxUrlBytes) + " bytes");
}

// Lower-cases the host inside a full URL string from curl: the authority
// runs from "://" to the next '/', '?' or '#', the host from after any '@'.
void LowerHostInPlace(std::string& full) {
  size_t sep = full.find("://");
  if (sep == std::string::npos) return;
  size_t begin = sep + 3;
  size_t end = full.find_first_of("/?#", begin);
  if (end == std::string::npos) end = full.size();
  size_t at = full.rfind('@', end);
  if (at != std::string::npos && at >= begin) begin = at + 1;
  for (size_t i = begin; i < end; ++i) {
    char& c = full[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// The whole URL of `handle`, default port dropped, host lower case and in
// punycode when curl can convert it (its IDN code needs a UTF-8 locale; a
// raw UTF-8 host is kept otherwise).
template <class What>
Result<std::string> FullUrl(CURLU* handle, const What& what) {
  char* raw = nullptr;
  CURLUcode rc = curl_url_get(handle, CURLUPART_URL, &raw, CURLU_NO_DEFAULT_PORT | CURLU_PUNYCODE);
  if (rc != CURLUE_OK) {
    curl_free(raw);
    raw = nullptr;
    rc = curl_url_get(handle, CURLUPART_URL, &raw, CURLU_NO_DEFAULT_PORT);
  }
  internal::CurlString owned(raw);
  if (rc != CURLUE_OK || owned == nullptr) {
    return MakeError(Code::kInvalidInput, what() + ": " + curl_url_strerror(rc));
  }
  std::string full(owned.get());
  LowerHostInPlace(full);
  return full;
}

// Parses an absolute URL (already cleaned) into a fresh handle.
Result<CurlUrl> ParseHandle(const std::string& clean, std::string_view original) {
  if (internal::SchemeOf(clean).empty()) {
    return MakeError(Code::kInvalidInput, "URL " + Quote(original) + " is not absolute");
  }
  CurlUrl handle(curl_url());
  if (handle == nullptr) return MakeError(Code::kInternal, "curl_url: out of memory");
  CURLUcode rc = curl_url_set(handle.get(), CURLUPART_URL, clean.c_str(), kSetFlags);
  if (rc != CURLUE_OK) {
    return MakeError(Code::kInvalidInput,
                     "parsing URL " + Quote(original) + ": " + curl_url_strerror(rc));
  }
  return handle;
}

}  // namespace

bool internal::IsWritableHost(std::string_view host) {
  if (host.empty()) return false;
  for (size_t i = 0; i < host.size();) {
    unsigned char c = static_cast<unsigned char>(host[i]);
    if (c <= 0x20 || c == 0x7F || c == '%') return false;
    size_t length = utf8::SequenceLength(host, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

namespace {

std::string HostPart(CURLU* handle) {
  std::string host = GetPart(handle, CURLUPART_HOST, CURLU_PUNYCODE);
  if (host.empty()) host = GetPart(handle, CURLUPART_HOST);
  internal::AsciiLower(host);
  return host;
}

// True when `text` (starting at `pos`) has "//", i.e. an authority.
bool HasAuthorityAt(std::string_view text, size_t pos) {
  return text.size() >= pos + 2 && text[pos] == '/' && text[pos + 1] == '/';
}

}  // namespace

std::string Url::ToString() const {
  std::string out;
  out.reserve(scheme.size() + host.size() + port.size() + path.size() + query.size() +
              fragment.size() + 8);
  out.append(scheme).append("://").append(host);
  if (!port.empty()) out.append(":").append(port);
  out.append(path);
  if (!query.empty()) out.append("?").append(query);
  if (!fragment.empty()) out.append("#").append(fragment);
  return out;
}

Result<Url> Parse(std::string_view text) {
  if (text.size() > internal::kMaxUrlBytes) return TooLong(text);
  std::string clean = internal::CleanReference(text);
  auto handle = ParseHandle(clean, text);
  if (!handle.ok()) return handle.take_error();
  CURLU* h = handle->get();
  Url parsed;
  parsed.scheme = GetPart(h, CURLUPART_SCHEME);
  parsed.host = HostPart(h);
  if (!parsed.host.empty() && !internal::IsWritableHost(parsed.host)) {
    return MakeError(Code::kInvalidInput, "URL " + Quote(text) + ": bad host name");
  }
  parsed.port = GetPart(h, CURLUPART_PORT, CURLU_NO_DEFAULT_PORT);
  parsed.path = GetPart(h, CURLUPART_PATH);
  if (parsed.path.empty()) parsed.path = "/";
  parsed.query = GetPart(h, CURLUPART_QUERY);
  parsed.fragment = GetPart(h, CURLUPART_FRAGMENT);
  return parsed;
}

Result<Url> ParseHttp(std::string_view text) {
  auto parsed = Parse(text);
  if (!parsed.ok()) return parsed;
  if (!IsHttpScheme(parsed->scheme)) {
    return MakeError(Code::kUnsupported, "URL " + Quote(text) + ": scheme '" + parsed->scheme +
                                             "' is not http or https");
  }
  if (parsed->host.empty()) {
    return MakeError(Code::kInvalidInput, "URL " + Quote(text) + " has no host");
  }
  return parsed;
}

Result<std::string> Resolve(std::string_view base, std::string_view ref) {
  if (ref.size() > internal::kMaxUrlBytes) return TooLong(ref);
  if (base.size() > internal::kMaxUrlBytes) return TooLong(base);
  std::string clean = internal::CleanReference(ref);
  std::string scheme = internal::SchemeOf(clean);
  if (!scheme.empty() && !IsHttpScheme(scheme)) {
    return MakeError(Code::kUnsupported, "link " + Quote(ref) + ": scheme '" + scheme +
                                             "' is not http or https");
  }
  auto what = [&] { return "resolving " + Quote(ref) + " against " + Quote(base); };
  if (!scheme.empty() && HasAuthorityAt(clean, scheme.size() + 1)) {
    // An absolute link does not need the base at all.
    auto handle = ParseHandle(clean, ref);
    if (!handle.ok()) return MakeError(Code::kInvalidInput, handle.error().message);
    // Relative refs keep the base's host; an absolute one brings its own,
    // and curl takes raw bytes there that no later parse accepts.
    if (!internal::IsWritableHost(HostPart(handle->get()))) {
      return MakeError(Code::kInvalidInput, what() + ": bad host name");
    }
    return FullUrl(handle->get(), what);
  }
  auto handle = ParseHandle(internal::CleanReference(base), base);
  if (!handle.ok()) return handle.take_error();
  CURLU* h = handle->get();
  // "http:page.html" against an http base is relative (WHATWG): drop the
  // scheme so curl does not read "page.html" as a host.
  if (!scheme.empty() && scheme == GetPart(h, CURLUPART_SCHEME)) {
    clean.erase(0, scheme.size() + 1);
  }
  CURLUcode rc;
  if (clean.empty() || clean[0] == '#') {
    // Same document: curl would resolve these like a path and lose the
    // last segment, so only the fragment changes.
    const char* fragment = clean.size() > 1 ? clean.c_str() + 1 : nullptr;
    rc = curl_url_set(h, CURLUPART_FRAGMENT, fragment, 0);
  } else {
    rc = curl_url_set(h, CURLUPART_URL, clean.c_str(), kSetFlags);
  }
  if (rc != CURLUE_OK) {
    return MakeError(Code::kInvalidInput, what() + ": " + curl_url_strerror(rc));
  }
  std::string result_scheme = GetPart(h, CURLUPART_SCHEME);
  if (!IsHttpScheme(result_scheme)) {
    return MakeError(Code::kUnsupported,
                     what() + ": scheme '" + result_scheme + "' is not http or https");
  }
  // "//host/x" brings its own host, raw bytes and all.
  if (!internal::IsWritableHost(HostPart(h))) {
    return MakeError(Code::kInvalidInput, what() + ": bad host name");
  }
  return FullUrl(h, what);
}

std::string HostOf(std::string_view text) {
  auto parsed = Parse(text);
  return parsed.ok() ? parsed->host : std::string();
}

bool IsHttp(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size() && static_cast<unsigned char>(text[begin]) <= 0x20) ++begin;
  text.remove_prefix(begin);
  std::string scheme = internal::SchemeOf(text.substr(0, 6));
  if (!IsHttpScheme(scheme)) return false;
  std::string_view rest = text.substr(scheme.size() + 1);
  auto is_slash = [](char c) { return c == '/' || c == '\\'; };
  return rest.size() >= 2 && is_slash(rest[0]) && is_slash(rest[1]);
}

}  // namespace gleaner::url
