// decoder: the order in which evidence about a page's encoding is weighed.
//
//   1. A BOM decides, as in WHATWG.
//   2. An override label (--encoding, a rules file) decides.
//   3. The HTTP charset, then the <meta> prescan: the first declaration
//      that decodes cleanly *and* plausibly is used (so when both do, HTTP
//      wins, as in WHATWG).
//   4. Otherwise detection: valid UTF-8; else the best of uchardet's guess,
//      UTF-8, GBK and Big5 trial decodes; else uchardet's single-byte guess;
//      else windows-1252.
//   5. A declaration that failed step 3 is kept unless detection beats it:
//      with fewer U+FFFD when it decoded badly, or with strong evidence when
//      it decoded cleanly but implausibly.
//
// "Cleanly" is at most a handful of U+FFFD and at most 0.1% of characters.
// "Plausibly" guards the declarations that decode almost anything without
// an error: a single-byte label on bytes that are structurally UTF-8 or
// GBK, a GBK/Big5 label whose Han characters are mostly rare ones (GBK
// read as Big5 and vice versa), a UTF-16 label on bytes without NULs.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "charset_internal.h"
#include "gleaner/charset.h"

namespace gleaner::charset {
namespace {

using internal::Enc;
using internal::Info;
using internal::Kind;

constexpr int64_t kHandful = 5;           // more U+FFFD than this is not clean...
constexpr int64_t kCleanPerMille = 1;     // ...and neither is more than 0.1%
constexpr int64_t kMostlyPercent = 1;     // detection accepts up to 1%
// uchardet runs ~20 MB/s (every byte goes through all its probers), so it
// gets a window of kDetectBytes starting kDetectContext before the first
// non-ASCII byte: the text, not the ASCII <head> before it.
constexpr size_t kDetectBytes = 16 * 1024;
constexpr size_t kDetectContext = 1024;
constexpr size_t kHanSampleBytes = 256 * 1024;  // decoded text checked for Han
// Han-frequency verdicts. Correct Chinese scores 85-97% common characters;
// GBK read as Big5 or Big5 as GBK ~10%, and Korean or Japanese read as GBK
// 25-32%, because their rows land on GB2312's common level-1 Han. Below
// kMinHanVerdict characters a page is too short to call implausible;
// kMinHanPositive common-enough characters are needed to call it Chinese.
constexpr int64_t kMinHanVerdict = 20;
constexpr int64_t kMinHanPositive = 8;
constexpr int64_t kMinCommonPercent = 50;
// Structure of bytes that a single-byte label must not be trusted on.
constexpr int64_t kMinDbcsSequences = 4;
constexpr int64_t kMaxDbcsBadPercent = 5;
constexpr int64_t kMaxUtf8BadPercent = 2;
// UTF-16 markup is ASCII, so real UTF-16 HTML is about half NUL bytes.
constexpr size_t kUtf16SampleBytes = 4096;
constexpr size_t kUtf16MinNulPercent = 10;

// How strongly detection's answer is supported.
enum class Evidence {
  kNone,    // a fallback: uchardet's single-byte guess or windows-1252
  kWeak,    // decodes mostly cleanly, nothing more
  kStrong,  // valid UTF-8, plausible Chinese, or uchardet's clean guess
};

struct Trial {
  Enc enc = Enc::kWindows1252;
  std::string_view name;  // reported encoding name
  std::string utf8;
  int64_t replacements = 0;
  int64_t chars = 0;  // code points; counted only when replacements > 0
  internal::HanStats han;  // for GBK, gb18030, Big5 and UTF-16 only
};

struct Detection {
  Trial trial;
  Source source = Source::kDefault;
  Evidence evidence = Evidence::kNone;
};

struct Declaration {
  std::string label;        // as declared, trimmed; may be unknown
  std::optional<Enc> enc;   // nullopt for unknown and "replacement" labels
};

bool Clean(const Trial& t) {
  return t.replacements <= kHandful && t.replacements * 1000 <= t.chars * kCleanPerMille;
}

bool Mostly(const Trial& t) { return t.replacements * 100 <= t.chars * kMostlyPercent; }

bool HanImplausible(const internal::HanStats& h) {
  return h.han >= kMinHanVerdict && h.common * 100 < h.han * kMinCommonPercent;
}

bool HanPlausible(const internal::HanStats& h) {
  return h.han >= kMinHanPositive && h.common * 100 >= h.han * kMinCommonPercent;
}

std::optional<Enc> Usable(std::string_view label) {
  const std::optional<Enc> enc = internal::LookupLabel(label);
  if (enc && *enc == Enc::kReplacement) return std::nullopt;
  return enc;
}

// Content-Type parsers differ on quotes; `charset="gbk"` is common.
std::string TrimHttpLabel(std::string_view label) {
  label = internal::TrimAsciiWhitespace(label);
  if (label.size() >= 2 && (label.front() == '"' || label.front() == '\'') &&
      label.back() == label.front()) {
    label = internal::TrimAsciiWhitespace(label.substr(1, label.size() - 2));
  }
  return std::string(label);
}

bool MultibyteKind(Enc enc) {
  const Kind kind = Info(enc).kind;
  return kind == Kind::kUtf8 || kind == Kind::kMultiByte || kind == Kind::kUtf16;
}

// One Decode() call: the bytes, the Decoder's converters, and what has been
// learnt about the bytes so far.
class Session {
 public:
  Session(internal::Converters& converters, internal::Detector& detector,
          std::string_view bytes)
      : converters_(converters), detector_(detector), bytes_(bytes) {}

  // Decodes all of the bytes as `enc`. With a budget, gives up (leaving
  // a partial trial) once replacements exceed it.
  Trial Run(Enc enc, int64_t max_replacements = INT64_MAX) {
    Trial t;
    t.enc = enc;
    t.name = Info(enc).name;
    t.replacements = converters_.Decode(enc, bytes_, &t.utf8, max_replacements);
    if (t.replacements > 0) t.chars = internal::CountCodePoints(t.utf8);
    if (internal::IsChinese(enc) || Info(enc).kind == Kind::kUtf16) {
      t.han = internal::CountHan(t.utf8, kHanSampleBytes);
    }
    return t;
  }

  DecodedText Sniff(std::string_view http_label);

 private:
  bool Trusted(const Trial& t);
  bool LooksMultibyte();
  bool ValidNonAsciiUtf8();
  bool LooksUtf16(const Trial& t) const;
  Declaration MetaDeclaration() const;
  Detection Detect();
  std::vector<Enc> Candidates(std::optional<Enc> guess);
  Evidence Weigh(const Trial& t, std::optional<Enc> guess);
  void Consider(Enc enc, std::optional<Enc> guess, std::optional<Detection>* best);
  Detection Named(Detection d);
  std::string_view DetectWindow() const;
  const internal::Utf8Scan& Utf8();
  const internal::DbcsScan& Dbcs();

  internal::Converters& converters_;
  internal::Detector& detector_;
  std::string_view bytes_;
  // Computed on first use; most pages never need them.
  std::optional<bool> looks_multibyte_;
  std::optional<internal::Utf8Scan> utf8_;
  std::optional<internal::DbcsScan> dbcs_;
};

DecodedText Finish(Trial t, Source source, std::string declared) {
  DecodedText out;
  out.utf8 = std::move(t.utf8);
  if (out.utf8.compare(0, 3, "\xEF\xBB\xBF") == 0) out.utf8.erase(0, 3);  // a BOM in GB18030
  out.encoding = std::string(t.name);
  out.source = source;
  out.declared = std::move(declared);
  out.replacements = t.replacements;
  return out;
}

// Step 5: may detection replace a declaration that failed Trusted()?
bool Beats(const Detection& d, const Trial& declared) {
  if (!Clean(declared)) return d.trial.replacements < declared.replacements;
  return d.evidence == Evidence::kStrong && Mostly(d.trial);
}

DecodedText Session::Sniff(std::string_view http_label) {
  Declaration http;
  http.label = TrimHttpLabel(http_label);
  http.enc = Usable(http.label);
  std::optional<Trial> best;
  Source best_source = Source::kHttp;
  std::string best_label;
  if (http.enc) {
    Trial t = Run(*http.enc);
    if (Trusted(t)) return Finish(std::move(t), Source::kHttp, http.label);
    best = std::move(t);
    best_label = http.label;
  }
  const Declaration meta = MetaDeclaration();
  if (meta.enc && (!http.enc || *meta.enc != *http.enc)) {
    Trial t = Run(*meta.enc);
    if (Trusted(t)) return Finish(std::move(t), Source::kMeta, meta.label);
    if (!best || t.replacements < best->replacements) {
      best = std::move(t);
      best_source = Source::kMeta;
      best_label = meta.label;
    }
  }
  // The label a user should see as "declared" when detection overrules it.
  const std::string& lying = !http.label.empty() ? http.label : meta.label;
  Detection d = Detect();
  if (!best) return Finish(std::move(d.trial), d.source, lying);
  if (Beats(d, *best)) return Finish(std::move(d.trial), Source::kDetected, lying);
  return Finish(std::move(*best), best_source, best_label);
}

bool Session::Trusted(const Trial& t) {
  if (!Clean(t)) return false;
  switch (Info(t.enc).kind) {
    case Kind::kUtf8:
      return true;
    case Kind::kMultiByte:
      // Sites moved to UTF-8 and kept their gb2312 <meta>. GBK text that is
      // also valid UTF-8 is vanishingly rare beyond a character or two.
      if (ValidNonAsciiUtf8()) return false;
      return !internal::IsChinese(t.enc) || !HanImplausible(t.han);
    case Kind::kUtf16:
      return LooksUtf16(t);
    case Kind::kSingleByte:
    case Kind::kUserDefined:
    case Kind::kReplacement:
      return !LooksMultibyte();
  }
  return true;
}

// True when the bytes read as UTF-8 or GB18030 with hardly an error: then
// a single-byte label (which decodes anything) is not taken on trust.
bool Session::LooksMultibyte() {
  if (looks_multibyte_) return *looks_multibyte_;
  const internal::Utf8Scan& u = Utf8();
  bool multibyte = u.multibyte > 0 && u.errors * 100 <= u.multibyte * kMaxUtf8BadPercent;
  if (!multibyte && (u.multibyte > 0 || u.errors > 0)) {
    const internal::DbcsScan& g = Dbcs();
    const int64_t good = g.pairs + g.quads;
    multibyte = good >= kMinDbcsSequences && g.bad * 100 <= good * kMaxDbcsBadPercent;
  }
  looks_multibyte_ = multibyte;
  return multibyte;
}

// Cheap on the usual GBK page: validation stops at its first Chinese
// character.
bool Session::ValidNonAsciiUtf8() {
  return internal::ValidUtf8Prefix(bytes_) == bytes_.size() && !internal::IsAscii(bytes_);
}

bool Session::LooksUtf16(const Trial& t) const {
  const std::string_view sample = bytes_.substr(0, kUtf16SampleBytes);
  size_t nuls = 0;
  for (const char c : sample) nuls += (c == '\0');
  return nuls * 100 >= sample.size() * kUtf16MinNulPercent || HanPlausible(t.han);
}

Declaration Session::MetaDeclaration() const {
  Declaration d;
  d.label = PrescanMeta(bytes_, kPrescanLimit);
  d.enc = Usable(d.label);
  // WHATWG: a <meta> readable as ASCII cannot be in UTF-16, and
  // x-user-defined in a <meta> means windows-1252.
  if (d.enc == Enc::kUtf16Le || d.enc == Enc::kUtf16Be) d.enc = Enc::kUtf8;
  if (d.enc == Enc::kUserDefined) d.enc = Enc::kWindows1252;
  return d;
}

// Multi-byte readings worth a trial decode, most trusted first. A reading
// whose structural errors alone exceed 1% of the bytes cannot pass
// Mostly(), so it is not decoded at all (random bytes cost a scan, not
// three decodes).
std::vector<Enc> Session::Candidates(std::optional<Enc> guess) {
  std::vector<Enc> order;
  auto add = [&order](Enc enc) {
    if (enc == Enc::kGb18030) enc = Enc::kGbk;  // one decoder; named in Detect()
    for (const Enc e : order) {
      if (e == enc) return;
    }
    order.push_back(enc);
  };
  if (guess && MultibyteKind(*guess)) add(*guess);
  const internal::Utf8Scan& u = Utf8();
  if (u.multibyte > 0 && u.errors * 100 <= static_cast<int64_t>(bytes_.size())) {
    add(Enc::kUtf8);
  }
  const internal::DbcsScan& g = Dbcs();
  if (g.pairs + g.quads > 0 && g.bad * 100 <= static_cast<int64_t>(bytes_.size())) {
    add(Enc::kGbk);
    add(Enc::kBig5);
  }
  return order;
}

Evidence Session::Weigh(const Trial& t, std::optional<Enc> guess) {
  bool strong = false;
  if (internal::IsChinese(t.enc)) {
    strong = HanPlausible(t.han);
  } else if (t.enc == Enc::kUtf8) {
    strong = Utf8().errors * 100 <= Utf8().multibyte * kMaxUtf8BadPercent;
  } else {
    strong = guess == t.enc && Clean(t);  // uchardet named it and it decodes
  }
  return strong ? Evidence::kStrong : Evidence::kWeak;
}

// Ranks: stronger evidence, then fewer U+FFFD, then (GBK vs Big5) more
// common Han characters, then candidate order.
bool Better(const Trial& a, Evidence ea, const Trial& b, Evidence eb) {
  if (ea != eb) return ea > eb;
  if (a.replacements != b.replacements) return a.replacements < b.replacements;
  return internal::IsChinese(a.enc) && internal::IsChinese(b.enc) && a.han.common > b.han.common;
}

// Decodes `enc` and keeps it in *best if it is eligible and ranks higher.
void Session::Consider(Enc enc, std::optional<Enc> guess, std::optional<Detection>* best) {
  // More U+FFFD than 1% of the bytes (>= characters) can never be Mostly().
  Trial t = Run(enc, static_cast<int64_t>(bytes_.size()) / 100);
  const bool eligible = Mostly(t) && !(internal::IsChinese(enc) && HanImplausible(t.han)) &&
                        (Info(enc).kind != Kind::kUtf16 || LooksUtf16(t));
  if (!eligible) return;
  const Evidence evidence = Weigh(t, guess);
  if (!*best || Better(t, evidence, (*best)->trial, (*best)->evidence)) {
    *best = Detection{std::move(t), Source::kDetected, evidence};
  }
}

Detection Session::Detect() {
  if (internal::ValidUtf8Prefix(bytes_) == bytes_.size()) {
    const Source source = internal::IsAscii(bytes_) ? Source::kDefault : Source::kDetected;
    Trial t;  // already validated: copy instead of Run(), which validates again
    t.enc = Enc::kUtf8;
    t.name = Info(Enc::kUtf8).name;
    t.utf8.assign(bytes_);
    return {std::move(t), source, Evidence::kStrong};
  }
  std::optional<Detection> best;
  // Chinese first: GBK and Big5 trials settle a Chinese page without
  // uchardet, which costs more than both decodes together.
  std::vector<Enc> tried = Candidates(std::nullopt);
  std::erase(tried, Enc::kUtf8);
  for (const Enc enc : tried) Consider(enc, std::nullopt, &best);
  if (best && best->evidence == Evidence::kStrong && best->trial.han.han >= kMinHanVerdict) {
    return Named(std::move(*best));
  }
  const std::optional<Enc> guess = detector_.Guess(DetectWindow(), kDetectBytes);
  for (const Enc enc : Candidates(guess)) {
    if (std::find(tried.begin(), tried.end(), enc) == tried.end()) Consider(enc, guess, &best);
  }
  if (best && best->evidence == Evidence::kStrong) return Named(std::move(*best));
  // French or German text has accented letters that pair up like GBK:
  // a weak multi-byte reading loses to uchardet naming a single-byte one.
  if (guess && !MultibyteKind(*guess)) return {Run(*guess), Source::kDetected, Evidence::kNone};
  if (best) return Named(std::move(*best));
  return {Run(Enc::kWindows1252), Source::kDefault, Evidence::kNone};
}

std::string_view Session::DetectWindow() const {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data());
  size_t first_high = 0;
  while (first_high < bytes_.size() && p[first_high] < 0x80) ++first_high;
  const size_t start = first_high > kDetectContext ? first_high - kDetectContext : 0;
  return bytes_.substr(start, kDetectBytes);
}

// Detection says "gb18030" rather than "GBK" when it saw 4-byte sequences.
Detection Session::Named(Detection d) {
  if (d.trial.enc == Enc::kGbk && Dbcs().quads > 0) d.trial.name = "gb18030";
  return d;
}

const internal::Utf8Scan& Session::Utf8() {
  if (!utf8_) utf8_ = internal::ScanUtf8(bytes_);
  return *utf8_;
}

const internal::DbcsScan& Session::Dbcs() {
  if (!dbcs_) dbcs_ = internal::ScanGb18030(bytes_);
  return *dbcs_;
}

}  // namespace

struct Decoder::Impl {
  internal::Converters converters;
  internal::Detector detector;
};

Decoder::Decoder() : impl_(std::make_unique<Impl>()) {}
Decoder::~Decoder() = default;

DecodedText Decoder::Decode(std::string_view bytes, const Hints& hints) {
  if (const std::optional<internal::Bom> bom = internal::SniffBom(bytes)) {
    Session rest(impl_->converters, impl_->detector, bytes.substr(bom->length));
    return Finish(rest.Run(bom->enc), Source::kBom, "");
  }
  Session session(impl_->converters, impl_->detector, bytes);
  if (const std::optional<Enc> enc = Usable(hints.override_label)) {
    return Finish(session.Run(*enc), Source::kOverride, "");
  }
  return session.Sniff(hints.http_charset);
}

std::string Decoder::Convert(std::string_view bytes, std::string_view label,
                             int64_t* replacements) {
  const Enc enc = Usable(label).value_or(Enc::kWindows1252);
  std::string out;
  const int64_t count = impl_->converters.Decode(enc, bytes, &out);
  if (replacements != nullptr) *replacements = count;
  return out;
}

}  // namespace gleaner::charset
