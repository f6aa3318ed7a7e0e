// detect: the evidence Decode() weighs when nothing is declared or a
// declaration looks wrong: uchardet's guess, the GB18030 byte structure,
// and how common the decoded Han characters are.
#include <uchardet.h>

#include <type_traits>

#include "charset_internal.h"

namespace gleaner::charset::internal {
namespace {

bool InRange(unsigned char b, unsigned char lo, unsigned char hi) { return b >= lo && b <= hi; }

// uchardet 0.0.7 names that are no WHATWG label but have a WHATWG
// encoding. Its others (EUC-TW, IBM852, IBM855, MAC-CENTRALEUROPE, VISCII,
// UTF-32) have none, and the ISO-2022-CN/KR and HZ ones map to
// "replacement": no guess.
struct Alias {
  std::string_view uchardet_name;
  Enc enc;
};
constexpr Alias kUchardetAliases[] = {
    {"UHC", Enc::kEucKr},  // what it says for Korean: CP949, WHATWG's EUC-KR
    {"MAC-CYRILLIC", Enc::kMacCyrillic},
};

}  // namespace

HanStats CountHan(std::string_view utf8, size_t max_bytes) {
  if (utf8.size() > max_bytes) utf8 = utf8.substr(0, max_bytes);
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  HanStats stats;
  // U+4E00..U+9FFF is E4 B8 80 .. E9 BF BF: only leads E4..E9 can start one.
  for (size_t i = 0; i + 2 < utf8.size(); ++i) {
    if (!InRange(p[i], 0xE4, 0xE9)) continue;
    const char32_t cp = ((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
    i += 2;
    if (cp < 0x4E00) continue;
    ++stats.han;
    stats.common += IsCommonHan(cp);
  }
  return stats;
}

DbcsScan ScanGb18030(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  DbcsScan scan;
  size_t i = 0;
  while (i < n) {
    const unsigned char lead = p[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    const unsigned char second = i + 1 < n ? p[i + 1] : 0;
    if (lead == 0x80 || lead == 0xFF) {
      ++scan.bad;
      ++i;
    } else if (InRange(second, 0x30, 0x39) && i + 3 < n && InRange(p[i + 2], 0x81, 0xFE) &&
               InRange(p[i + 3], 0x30, 0x39)) {
      ++scan.quads;
      i += 4;
    } else if (InRange(second, 0x40, 0x7E) || InRange(second, 0x80, 0xFE)) {
      ++scan.pairs;
      i += 2;
    } else {
      ++scan.bad;
      ++i;
    }
  }
  return scan;
}

struct Detector::Impl {
  struct Delete {
    void operator()(uchardet_t h) const noexcept { uchardet_delete(h); }
  };
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, Delete> handle;
};

Detector::Detector() : impl_(std::make_unique<Impl>()) {}
Detector::~Detector() = default;

std::optional<Enc> Detector::Guess(std::string_view bytes, size_t max_bytes) {
  if (!impl_->handle) impl_->handle.reset(uchardet_new());  // first use only
  uchardet_t h = impl_->handle.get();
  if (h == nullptr) return std::nullopt;
  uchardet_reset(h);
  const size_t n = bytes.size() < max_bytes ? bytes.size() : max_bytes;
  if (uchardet_handle_data(h, bytes.data(), n) != 0) return std::nullopt;
  uchardet_data_end(h);
  const char* name = uchardet_get_charset(h);
  if (name == nullptr || *name == '\0') return std::nullopt;
  if (std::optional<Enc> enc = LookupLabel(name)) {
    if (*enc == Enc::kReplacement) return std::nullopt;  // ISO-2022-KR, HZ-GB-2312
    return enc;
  }
  for (const Alias& alias : kUchardetAliases) {
    if (alias.uchardet_name == name) return alias.enc;
  }
  return std::nullopt;
}

}  // namespace gleaner::charset::internal
