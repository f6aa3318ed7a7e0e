// http_message: the value types of the test HTTP server and the body
// encoders it uses (see http_server.h).
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "support/http_server.h"

namespace gleaner::testing {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
           return lower(x) == lower(y);
         });
}

// Streams bytes through zlib's deflate. window_bits picks the wrapper:
// 15 for zlib ("Content-Encoding: deflate"), 15 + 16 for gzip.
class Deflater {
 public:
  explicit Deflater(int window_bits) {
    ok_ = deflateInit2(&zs_, Z_BEST_SPEED, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ok_) deflateEnd(&zs_);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  void Feed(std::string_view input, bool last) {
    if (!ok_) return;
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    zs_.avail_in = static_cast<uInt>(input.size());
    char buffer[16384];
    while (true) {
      zs_.next_out = reinterpret_cast<Bytef*>(buffer);
      zs_.avail_out = sizeof(buffer);
      int rc = deflate(&zs_, last ? Z_FINISH : Z_NO_FLUSH);
      out_.append(buffer, sizeof(buffer) - zs_.avail_out);
      if (rc == Z_STREAM_ERROR || rc == Z_STREAM_END) return;
      // Without Z_FINISH, spare output space means all input was taken.
      if (!last && zs_.avail_out != 0) return;
    }
  }
  std::string Take() { return std::move(out_); }

 private:
  z_stream zs_{};
  bool ok_ = false;
  std::string out_;
};

}  // namespace

std::string HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

bool HttpRequest::HasHeader(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [name](const auto& header) { return EqualsIgnoreCase(header.first, name); });
}

HttpResponse HttpResponse::Ok(std::string body, std::string content_type) {
  HttpResponse response;
  response.body = std::move(body);
  response.headers.emplace_back("Content-Type", std::move(content_type));
  return response;
}

HttpResponse HttpResponse::Status(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  if (!response.body.empty()) response.headers.emplace_back("Content-Type", "text/plain");
  return response;
}

HttpResponse HttpResponse::Redirect(int status, std::string location) {
  HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

HttpResponse HttpResponse::File(const std::filesystem::path& file, std::string content_type) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file)) return Status(404, "not found\n");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (content_type.empty()) content_type = ContentTypeFor(file);
  return Ok(bytes.str(), std::move(content_type));
}

HttpResponse& HttpResponse::WithHeader(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string Deflate(std::string_view bytes) {
  Deflater deflater(15);
  deflater.Feed(bytes, true);
  return deflater.Take();
}

std::string GzipRepeated(char byte, size_t count) {
  constexpr size_t kBlock = 64 * 1024;
  const std::string block(std::min(count, kBlock), byte);
  Deflater deflater(15 + 16);
  size_t left = count;
  while (left > block.size()) {
    deflater.Feed(block, false);
    left -= block.size();
  }
  deflater.Feed(std::string_view(block).substr(0, left), true);
  return deflater.Take();
}

std::string ContentTypeFor(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html"},        {".htm", "text/html"},
      {".shtml", "text/html"},       {".xhtml", "application/xhtml+xml"},
      {".xml", "application/xml"},   {".rss", "application/rss+xml"},
      {".atom", "application/atom+xml"}, {".txt", "text/plain"},
      {".json", "application/json"}, {".js", "application/javascript"},
      {".css", "text/css"},          {".gz", "application/gzip"},
      {".png", "image/png"},         {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},       {".gif", "image/gif"},
  };
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace gleaner::testing
