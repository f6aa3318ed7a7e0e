// gunzip: the bytes the XML reader pulls, gunzipped on the fly when the
// input is a .gz sitemap, with the decoded-bytes cap checked per chunk.
//
// Streaming (rather than gunzipping into a buffer first) keeps a 50 MB
// sitemap at a few KB of buffers, and a zero-filled gzip bomb stops at the
// first chunk the XML parser rejects.
#include <algorithm>
#include <climits>
#include <string>

#include "discover_internal.h"

namespace gleaner::discover::internal {
namespace {

// 15 window bits + 16: read a gzip header (not zlib's).
constexpr int kGzipWindowBits = 15 + 16;

}  // namespace

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Inflater::Inflater(std::string_view gzip_bytes) {
  stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzip_bytes.data()));
  // A sitemap over 4 GB compressed is far past every cap; zlib counts in uInt.
  stream_.avail_in = static_cast<uInt>(std::min<size_t>(gzip_bytes.size(), UINT_MAX));
  initialised_ = inflateInit2(&stream_, kGzipWindowBits) == Z_OK;
}

Inflater::~Inflater() {
  if (initialised_) inflateEnd(&stream_);
}

Result<size_t> Inflater::Read(char* out, size_t capacity) {
  if (!initialised_) return MakeError(Code::kInternal, "gunzip: zlib failed to initialise");
  size_t produced = 0;
  while (produced < capacity && !finished_) {
    stream_.next_out = reinterpret_cast<Bytef*>(out + produced);
    stream_.avail_out = static_cast<uInt>(std::min<size_t>(capacity - produced, UINT_MAX));
    int rc = inflate(&stream_, Z_NO_FLUSH);
    produced = static_cast<size_t>(reinterpret_cast<char*>(stream_.next_out) - out);
    if (rc == Z_STREAM_END) {
      // Another member follows (gzip -c a b > ab.gz): carry on, as gzip(1)
      // does. Anything else after the end is trailing junk and ignored.
      if (IsGzip(std::string_view(reinterpret_cast<char*>(stream_.next_in), stream_.avail_in))) {
        inflateReset(&stream_);
      } else {
        finished_ = true;
      }
    } else if (rc != Z_OK) {
      // Hand out what this call decoded first; the next call fails again.
      if (produced > 0) return produced;
      if (rc == Z_BUF_ERROR) {
        return MakeError(Code::kInvalidInput, "gunzip: the gzip stream is truncated");
      }
      return MakeError(Code::kInvalidInput, std::string("gunzip: damaged gzip stream: ") +
                                                (stream_.msg != nullptr ? stream_.msg : "?"));
    }
  }
  return produced;
}

Source::Source(std::string_view bytes, size_t max_decoded_bytes, bool repair)
    : max_decoded_bytes_(max_decoded_bytes) {
  if (repair) repair_ = std::make_unique<ReferenceRepair>();
  if (IsGzip(bytes)) {
    inflater_ = std::make_unique<Inflater>(bytes);
  } else {
    plain_ = bytes;
  }
}

int Source::Read(char* out, int capacity) {
  return repair_ == nullptr ? ReadRaw(out, capacity) : ReadRepaired(out, capacity);
}

// Refills the repaired bytes a raw chunk at a time; a repaired chunk can be
// longer than the raw one, so the surplus waits in repaired_.
int Source::ReadRepaired(char* out, int capacity) {
  constexpr int kRawChunk = 64 * 1024;
  while (repaired_offset_ == repaired_.size() && !raw_ended_) {
    repaired_.clear();
    repaired_offset_ = 0;
    char raw[kRawChunk];
    int got = ReadRaw(raw, kRawChunk);
    if (got < 0) return -1;
    raw_ended_ = got == 0;
    repair_->Feed(std::string_view(raw, static_cast<size_t>(got)), raw_ended_, &repaired_);
  }
  size_t n = std::min(static_cast<size_t>(std::max(capacity, 0)), repaired_.size() - repaired_offset_);
  std::copy_n(repaired_.data() + repaired_offset_, n, out);
  repaired_offset_ += n;
  return static_cast<int>(n);
}

int Source::ReadRaw(char* out, int capacity) {
  if (error_ || capacity <= 0) return error_ ? -1 : 0;
  // Ask for one byte more than the cap allows, so reaching the cap exactly
  // is fine and one byte past it is refused.
  size_t allowed = max_decoded_bytes_ - std::min(decoded_bytes_, max_decoded_bytes_) + 1;
  size_t want = std::min(static_cast<size_t>(capacity), allowed);
  size_t got = 0;
  if (inflater_ == nullptr) {
    got = std::min(want, plain_.size());
    std::copy_n(plain_.data(), got, out);
    plain_.remove_prefix(got);
  } else {
    Result<size_t> read = inflater_->Read(out, want);
    if (!read.ok()) {
      error_ = read.take_error();
      return -1;
    }
    got = read.value();
  }
  decoded_bytes_ += got;
  if (decoded_bytes_ > max_decoded_bytes_) {
    error_ = MakeError(Code::kTooLarge, "the decoded document exceeds " +
                                            std::to_string(max_decoded_bytes_) + " bytes");
    return -1;
  }
  return static_cast<int>(got);
}

std::string DecodedPrefix(std::string_view bytes, size_t max_bytes) {
  if (!IsGzip(bytes)) return std::string(bytes.substr(0, max_bytes));
  std::string prefix(max_bytes, '\0');
  Inflater inflater(bytes);
  size_t filled = 0;
  while (filled < max_bytes) {
    Result<size_t> read = inflater.Read(prefix.data() + filled, max_bytes - filled);
    if (!read.ok() || read.value() == 0) break;
    filled += read.value();
  }
  prefix.resize(filled);
  return prefix;
}

}  // namespace gleaner::discover::internal
