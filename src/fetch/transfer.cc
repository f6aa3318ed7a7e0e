// transfer: one GET on a libcurl easy handle, with the body cap enforced as
// bytes arrive and the headers of the last response collected. The same
// setup serves FetchOne (curl_easy_perform) and the Fetcher (curl_multi).
#include <charconv>
#include <new>
#include <string>
#include <string_view>
#include <utility>

#include "fetch_internal.h"

namespace gleaner::fetch::internal {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

bool IsIdentity(std::string_view encoding) {
  return encoding.empty() || EqualsIgnoreCase(encoding, "identity");
}

void StoreHeader(Hop& hop, std::string_view name, std::string_view value) {
  if (EqualsIgnoreCase(name, "content-type")) {
    hop.content_type.assign(value);
  } else if (EqualsIgnoreCase(name, "etag")) {
    hop.etag.assign(value);
  } else if (EqualsIgnoreCase(name, "last-modified")) {
    hop.last_modified.assign(value);
  } else if (EqualsIgnoreCase(name, "location")) {
    hop.location.assign(value);
  } else if (EqualsIgnoreCase(name, "retry-after")) {
    hop.retry_after.assign(value);
  } else if (EqualsIgnoreCase(name, "date")) {
    hop.date.assign(value);
  } else if (EqualsIgnoreCase(name, "content-encoding")) {
    hop.content_encoding.assign(value);
  } else if (EqualsIgnoreCase(name, "content-length")) {
    int64_t length = -1;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    hop.content_length = (ec == std::errc() && end == value.data() + value.size()) ? length : -1;
  }
}

// Returns false to abort the transfer.
bool OnHeaderLine(HopState& state, std::string_view line) {
  line = Trim(line);
  if (line.substr(0, 5) == "HTTP/") {
    // A new response (after a 1xx, or the first): forget the previous one.
    state.hop = Hop{};
    return true;
  }
  if (line.empty()) {
    // End of this response's headers. A declared length over the cap can
    // be refused before any body byte; with Content-Encoding the declared
    // length is of the encoded bytes, so only the write callback decides.
    const Hop& hop = state.hop;
    if (hop.content_length > state.max_body_bytes && IsIdentity(hop.content_encoding)) {
      state.body_too_large = true;
      return false;
    }
    return true;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return true;
  StoreHeader(state.hop, Trim(line.substr(0, colon)), Trim(line.substr(colon + 1)));
  return true;
}

size_t HeaderCallback(char* data, size_t size, size_t count, void* user) noexcept {
  auto* state = static_cast<HopState*>(user);
  size_t bytes = size * count;
  try {
    if (!OnHeaderLine(*state, std::string_view(data, bytes))) return 0;
  } catch (const std::bad_alloc&) {
    state->out_of_memory = true;
    return 0;
  }
  return bytes;
}

// Receives decoded bytes. Refusing them (returning a different count) makes
// curl stop with CURLE_WRITE_ERROR, so a gzip bomb stops at the cap.
size_t WriteCallback(char* data, size_t size, size_t count, void* user) noexcept {
  auto* state = static_cast<HopState*>(user);
  size_t bytes = size * count;
  std::string& body = state->hop.body;
  if (static_cast<int64_t>(body.size() + bytes) > state->max_body_bytes) {
    state->body_too_large = true;
    return 0;
  }
  try {
    body.append(data, bytes);
  } catch (const std::bad_alloc&) {
    state->out_of_memory = true;
    return 0;
  }
  return bytes;
}

Code CodeFor(CURLcode rc) {
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
      return Code::kTimeout;
    case CURLE_UNSUPPORTED_PROTOCOL:
      return Code::kUnsupported;
    case CURLE_URL_MALFORMAT:
      return Code::kInvalidInput;
    case CURLE_FILESIZE_EXCEEDED:
      return Code::kTooLarge;
    case CURLE_OUT_OF_MEMORY:
      return Code::kInternal;
    default:
      // DNS, refused, reset, TLS, a body cut short, a bad encoding.
      return Code::kNetwork;
  }
}

// The request headers as a curl list; null with *ok false when curl could
// not allocate.
CurlSlist BuildHeaders(const Request& request, bool* ok) {
  curl_slist* list = nullptr;
  *ok = true;
  auto add = [&list, ok](const std::string& line) {
    curl_slist* grown = curl_slist_append(list, line.c_str());
    if (grown != nullptr) list = grown;
    *ok = *ok && grown != nullptr;
  };
  if (!request.if_none_match.empty()) add("If-None-Match: " + request.if_none_match);
  if (!request.if_modified_since.empty()) add("If-Modified-Since: " + request.if_modified_since);
  for (const auto& [name, value] : request.extra_headers) add(name + ": " + value);
  return CurlSlist(list);
}

}  // namespace

bool CurlHasHttp2() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return info != nullptr && (info->features & CURL_VERSION_HTTP2) != 0;
}

Status Transfer::Init(const Request& request, const Options& options) {
  options_ = options;
  state_.max_body_bytes = options.max_body_bytes;
  if (easy_ == nullptr) {
    easy_.reset(curl_easy_init());
    if (easy_ == nullptr) return MakeError(Code::kInternal, "curl_easy_init failed");
  } else {
    // Back to defaults; the connection and DNS caches (the multi's, or
    // this handle's own) survive a reset.
    curl_easy_reset(easy_.get());
  }
  bool headers_ok = true;
  headers_ = BuildHeaders(request, &headers_ok);  // frees the last request's list
  if (!headers_ok) return MakeError(Code::kInternal, "curl_slist_append failed");

  CURL* e = easy_.get();
  CURLcode rc = CURLE_OK;
  auto set = [&rc](CURLcode step) {
    if (rc == CURLE_OK) rc = step;
  };
  set(curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L));  // callers check each hop
  set(curl_easy_setopt(e, CURLOPT_HTTPGET, 1L));
  set(curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, options_.accept_encoding.c_str()));
  set(curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str()));
  set(curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers_.get()));
  set(curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options.low_speed_bytes)));
  set(curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time_s)));
  set(curl_easy_setopt(e, CURLOPT_ERRORBUFFER, error_buffer_));
  set(curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, WriteCallback));
  set(curl_easy_setopt(e, CURLOPT_WRITEDATA, &state_));
  set(curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, HeaderCallback));
  set(curl_easy_setopt(e, CURLOPT_HEADERDATA, &state_));
  // HTTP/2 only where TLS negotiates it (ALPN); plain http stays 1.1, as
  // cleartext h2 upgrades confuse old portal servers. A libcurl without
  // nghttp2 would refuse the option: skip it there.
  if (CurlHasHttp2()) set(curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS));
  if (rc != CURLE_OK) {
    return MakeError(Code::kInternal, std::string("curl_easy_setopt: ") + curl_easy_strerror(rc));
  }
  return Status::Ok();
}

void Transfer::Prepare(const std::string& url, int64_t timeout_ms) {
  CURL* e = easy_.get();
  state_.hop = Hop{};
  state_.body_too_large = false;
  state_.out_of_memory = false;
  error_buffer_[0] = '\0';
  url_ = url;
  int64_t connect_ms = options_.connect_timeout_ms < timeout_ms ? options_.connect_timeout_ms
                                                                : timeout_ms;
  curl_easy_setopt(e, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_ms));
}

Result<Hop> Transfer::Finish(CURLcode rc) {
  if (rc != CURLE_OK) {
    Error error = Translate(rc);
    state_.hop = Hop{};  // a pooled handle must not keep a capped body alive
    return error;
  }
  CURL* e = easy_.get();
  Hop hop = std::move(state_.hop);
  state_.hop = Hop{};
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &hop.status);
  long header_bytes = 0;
  curl_off_t body_bytes = 0;
  curl_off_t total_us = 0;
  curl_easy_getinfo(e, CURLINFO_HEADER_SIZE, &header_bytes);
  curl_easy_getinfo(e, CURLINFO_SIZE_DOWNLOAD_T, &body_bytes);  // before decoding
  curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &total_us);
  hop.bytes_received = static_cast<int64_t>(header_bytes) + static_cast<int64_t>(body_bytes);
  hop.total_time_s = static_cast<double>(total_us) / 1e6;
  return hop;
}

Result<Hop> Transfer::Perform(const std::string& url, int64_t timeout_ms) {
  Prepare(url, timeout_ms);
  return Finish(curl_easy_perform(easy_.get()));
}

Error Transfer::Translate(CURLcode rc) const {
  std::string prefix = "fetching " + url_ + ": ";
  if (state_.body_too_large) {
    return MakeError(Code::kTooLarge, prefix + "body larger than " +
                                          std::to_string(options_.max_body_bytes) + " bytes");
  }
  if (state_.out_of_memory) return MakeError(Code::kInternal, prefix + "out of memory");
  std::string why = error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(rc);
  if (rc == CURLE_PARTIAL_FILE) {
    // Fewer bytes than Content-Length (or chunking) promised: the caller
    // retries; a truncated page must never pass as the article.
    why = "connection closed mid-body (" + why + ")";
  }
  return MakeError(CodeFor(rc), prefix + why);
}

}  // namespace gleaner::fetch::internal
