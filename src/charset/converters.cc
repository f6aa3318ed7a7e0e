// converters: bytes of one encoding -> UTF-8. Single-byte encodings go
// through a 128-entry table (built once per Decoder from glibc, or ours for
// windows-1252 and x-user-defined); multi-byte ones through glibc iconv,
// one descriptor per encoding, opened on first use and reset per page.
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "charset_internal.h"

namespace gleaner::charset::internal {
namespace {

struct IconvClose {
  void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};
// iconv_t is void* in glibc; failure is (iconv_t)-1, which never gets here.
using IconvHandle = std::unique_ptr<void, IconvClose>;

// UTF-8 for bytes 0x80..0xFF: bytes b0 | b1 << 8 | b2 << 16, and the length
// in the top byte. 0 means "not mapped": the byte becomes U+FFFD.
using ByteTable = std::array<uint32_t, 128>;

constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr unsigned char kGbEuroByte = 0x80;  // WHATWG gb18030: 0x80 -> U+20AC
constexpr std::string_view kEuroUtf8 = "\xE2\x82\xAC";

uint32_t Pack(char32_t cp) {
  if (cp < 0x80) return (1u << 24) | cp;
  if (cp < 0x800) return (2u << 24) | (0xC0 | (cp >> 6)) | ((0x80 | (cp & 0x3F)) << 8);
  return (3u << 24) | (0xE0 | (cp >> 12)) | ((0x80 | ((cp >> 6) & 0x3F)) << 8) |
         ((0x80 | (cp & 0x3F)) << 16);
}

// WHATWG's index-windows-1252 for 0x80..0x9F; 0xA0..0xFF are U+00A0..U+00FF.
// The five holes of Microsoft's table (0x81 0x8D 0x8F 0x90 0x9D) map to
// the C1 controls, as browsers do.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

ByteTable Windows1252Table() {
  ByteTable table{};
  for (size_t i = 0; i < 32; ++i) table[i] = Pack(kWindows1252High[i]);
  for (size_t i = 32; i < 128; ++i) table[i] = Pack(static_cast<char32_t>(0x80 + i));
  return table;
}

ByteTable UserDefinedTable() {
  ByteTable table{};
  for (size_t i = 0; i < 128; ++i) table[i] = Pack(static_cast<char32_t>(0xF780 + i));
  return table;
}

// Asks glibc for each high byte alone. A byte glibc rejects stays unmapped.
ByteTable TableFromIconv(iconv_t cd) {
  ByteTable table{};
  for (size_t i = 0; i < 128; ++i) {
    char in_byte = static_cast<char>(0x80 + i);
    char buf[8];
    char* in = &in_byte;
    size_t in_left = 1;
    char* out = buf;
    size_t out_left = sizeof(buf);
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    if (iconv(cd, &in, &in_left, &out, &out_left) == static_cast<size_t>(-1)) continue;
    // windows-1255/1258 hold a base letter back to compose it: flush.
    if (iconv(cd, nullptr, nullptr, &out, &out_left) == static_cast<size_t>(-1)) continue;
    const size_t len = static_cast<size_t>(out - buf);
    if (len == 0 || len > 3) continue;
    uint32_t packed = static_cast<uint32_t>(len) << 24;
    for (size_t k = 0; k < len; ++k) {
      packed |= static_cast<uint32_t>(static_cast<unsigned char>(buf[k])) << (8 * k);
    }
    table[i] = packed;
  }
  return table;
}

int64_t DecodeSingleByte(const ByteTable& table, std::string_view bytes, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  out->resize(n * 3);  // at most 3 UTF-8 bytes per input byte
  char* o = out->data();
  int64_t replacements = 0;
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {  // ASCII eight bytes at a time
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & kHighBits) == 0) {
        std::memcpy(o, p + i, 8);
        o += 8;
        i += 8;
        continue;
      }
    }
    const unsigned char b = p[i++];
    if (b < 0x80) {
      *o++ = static_cast<char>(b);
      continue;
    }
    const uint32_t e = table[b - 0x80];
    const size_t len = e >> 24;
    if (len == 0) {
      std::memcpy(o, kReplacementUtf8.data(), 3);
      o += 3;
      ++replacements;
      continue;
    }
    // Writing all three bytes stays inside the buffer: before this byte,
    // o was at most 3 * its index.
    o[0] = static_cast<char>(e & 0xFF);
    o[1] = static_cast<char>((e >> 8) & 0xFF);
    o[2] = static_cast<char>((e >> 16) & 0xFF);
    o += len;
  }
  out->resize(static_cast<size_t>(o - out->data()));
  return replacements;
}

int64_t DecodeUtf8(std::string_view bytes, std::string* out) {
  const size_t valid = ValidUtf8Prefix(bytes);
  out->assign(bytes.substr(0, valid));
  if (valid == bytes.size()) return 0;
  return AppendSanitizedUtf8(bytes.substr(valid), out);
}

// Output buffer for iconv: a string grown on demand, `used` bytes written.
class IconvOutput {
 public:
  IconvOutput(std::string* out, size_t initial) : out_(out) { out_->resize(initial); }
  char* cursor() { return out_->data() + used_; }
  size_t room() const { return out_->size() - used_; }
  void Advance(char* cursor) { used_ = static_cast<size_t>(cursor - out_->data()); }
  void Grow() { out_->resize(std::max<size_t>(64, out_->size() * 2)); }
  void Append(std::string_view s) {
    while (room() < s.size()) Grow();
    std::memcpy(cursor(), s.data(), s.size());
    used_ += s.size();
  }
  void Finish() { out_->resize(used_); }

 private:
  std::string* out_;
  size_t used_ = 0;
};

// Runs iconv over all of `bytes`, replacing what it rejects. `unit` is how
// far to skip past a rejected byte (2 for UTF-16 code units).
int64_t DecodeIconv(iconv_t cd, Enc enc, std::string_view bytes, std::string* out,
                    int64_t max_replacements) {
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // drop the last page's shift state
  const bool gb = enc == Enc::kGbk || enc == Enc::kGb18030;
  const size_t unit = Info(enc).kind == Kind::kUtf16 ? 2 : 1;
  // GBK and Big5 turn 2 bytes into 3; ASCII stays 1:1.
  IconvOutput output(out, bytes.size() + bytes.size() / 2 + 16);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it only reads
  size_t in_left = bytes.size();
  int64_t replacements = 0;
  while (in_left > 0) {
    char* o = output.cursor();
    size_t o_left = output.room();
    const size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
    output.Advance(o);
    if (rc != static_cast<size_t>(-1)) continue;
    const int err = errno;
    if (err == E2BIG) {
      output.Grow();
    } else if (err == EINVAL) {  // a sequence cut off by the end of input
      output.Append(kReplacementUtf8);
      ++replacements;
      in_left = 0;
    } else {  // EILSEQ: one bad byte (or code unit); the next byte starts afresh
      if (gb && static_cast<unsigned char>(*in) == kGbEuroByte) {
        output.Append(kEuroUtf8);
      } else {
        output.Append(kReplacementUtf8);
        ++replacements;
      }
      const size_t skip = std::min(unit, in_left);
      in += skip;
      in_left -= skip;
    }
    if (replacements > max_replacements) {
      output.Finish();
      return replacements;
    }
  }
  while (true) {  // flush what a stateful converter holds back
    char* o = output.cursor();
    size_t o_left = output.room();
    const size_t rc = iconv(cd, nullptr, nullptr, &o, &o_left);
    output.Advance(o);
    if (rc != static_cast<size_t>(-1) || errno != E2BIG) break;
    output.Grow();
  }
  output.Finish();
  return replacements;
}

}  // namespace

// One slot per encoding, filled on first use. `tried` keeps a converter
// glibc lacks from being asked for again on every page.
struct Converters::Impl {
  struct Slot {
    bool tried = false;
    IconvHandle cd;
    std::unique_ptr<ByteTable> table;
  };
  std::array<Slot, kEncodingCount> slots;

  iconv_t Open(Enc enc) {
    Slot& slot = slots[static_cast<size_t>(enc)];
    if (!slot.tried) {
      slot.tried = true;
      const char* name = Info(enc).iconv_name;
      if (name != nullptr) {
        iconv_t cd = iconv_open("UTF-8", name);
        if (cd != reinterpret_cast<iconv_t>(-1)) slot.cd.reset(cd);
      }
    }
    return slot.cd.get();
  }

  const ByteTable& Table(Enc enc) {
    Slot& slot = slots[static_cast<size_t>(enc)];
    if (slot.table) return *slot.table;
    if (enc == Enc::kUserDefined) {
      slot.table = std::make_unique<ByteTable>(UserDefinedTable());
    } else if (enc == Enc::kWindows1252) {
      slot.table = std::make_unique<ByteTable>(Windows1252Table());
    } else if (iconv_t cd = Open(enc)) {
      slot.table = std::make_unique<ByteTable>(TableFromIconv(cd));
    } else {
      return Table(Enc::kWindows1252);  // glibc lacks it: bytes still come out
    }
    return *slot.table;
  }
};

Converters::Converters() : impl_(std::make_unique<Impl>()) {}
Converters::~Converters() = default;

int64_t Converters::Decode(Enc enc, std::string_view bytes, std::string* out,
                           int64_t max_replacements) {
  switch (Info(enc).kind) {
    case Kind::kUtf8:
      return DecodeUtf8(bytes, out);
    case Kind::kReplacement:
      return DecodeSingleByte(impl_->Table(Enc::kWindows1252), bytes, out);
    case Kind::kSingleByte:
    case Kind::kUserDefined:
      return DecodeSingleByte(impl_->Table(enc), bytes, out);
    case Kind::kMultiByte:
    case Kind::kUtf16:
      break;
  }
  iconv_t cd = impl_->Open(enc);
  if (cd == nullptr) return DecodeSingleByte(impl_->Table(Enc::kWindows1252), bytes, out);
  return DecodeIconv(cd, enc, bytes, out, max_replacements);
}

}  // namespace gleaner::charset::internal
