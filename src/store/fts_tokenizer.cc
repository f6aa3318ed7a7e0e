// The search index's tokenizer (gleaner_v1): UTF-8 decoding, character
// classes and case folding, the FTS5 glue, and the query expression.
#include "fts_tokenizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <mutex>

#include "sqlite_wrap.h"

namespace gleaner::store::internal {
namespace {

constexpr uint32_t kInvalid = 0xFFFFFFFF;  // a byte that starts no valid sequence

struct CodePoint {
  uint32_t cp;
  size_t len;  // bytes consumed: 1 for an invalid byte
};

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Strict UTF-8 (no overlongs, surrogates or values past U+10FFFF). Reads
// only data[pos .. size).
CodePoint Decode(const unsigned char* data, size_t size, size_t pos) {
  unsigned char b0 = data[pos];
  if (b0 < 0x80) return {b0, 1};
  size_t avail = size - pos;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (avail < 2 || !IsContinuation(data[pos + 1])) return {kInvalid, 1};
    return {(uint32_t{b0} & 0x1F) << 6 | (data[pos + 1] & 0x3F), 2};
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (avail < 3 || !IsContinuation(data[pos + 1]) || !IsContinuation(data[pos + 2])) return {kInvalid, 1};
    uint32_t cp = (uint32_t{b0} & 0x0F) << 12 | (uint32_t{data[pos + 1]} & 0x3F) << 6 | (data[pos + 2] & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return {kInvalid, 1};
    return {cp, 3};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (avail < 4 || !IsContinuation(data[pos + 1]) || !IsContinuation(data[pos + 2]) ||
        !IsContinuation(data[pos + 3])) {
      return {kInvalid, 1};
    }
    uint32_t cp = (uint32_t{b0} & 0x07) << 18 | (uint32_t{data[pos + 1]} & 0x3F) << 12 |
                  (uint32_t{data[pos + 2]} & 0x3F) << 6 | (data[pos + 3] & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return {kInvalid, 1};
    return {cp, 4};
  }
  return {kInvalid, 1};
}

enum class CharClass : uint8_t { kSeparator, kWord, kCjk };

struct Range {
  uint32_t first;
  uint32_t last;
  CharClass cls;
};

constexpr CharClass kSep = CharClass::kSeparator;
constexpr CharClass kCjk = CharClass::kCjk;

// Non-ASCII code points that are not word characters, sorted. Anything not
// listed is a word character: letters, digits and marks of every other
// script, so an unlisted script is searchable by whole words.
constexpr Range kRanges[] = {
    {0x0080, 0x00A9, kSep},  // C1 controls, NBSP, ¡ ¢ £ ¤ ¥ ¦ § ¨ ©
    {0x00AB, 0x00B4, kSep},  // « ¬ soft hyphen ® ¯ ° ± ² ³ ´
    {0x00B6, 0x00B9, kSep},  // ¶ · ¸ ¹
    {0x00BB, 0x00BF, kSep},  // » ¼ ½ ¾ ¿
    {0x00D7, 0x00D7, kSep},  // ×
    {0x00F7, 0x00F7, kSep},  // ÷
    {0x037E, 0x037E, kSep},  // Greek question mark
    {0x0387, 0x0387, kSep},  // Greek ano teleia
    {0x055A, 0x055F, kSep},  // Armenian punctuation
    {0x0589, 0x058A, kSep},
    {0x05BE, 0x05BE, kSep},  // Hebrew maqaf and punctuation
    {0x05C0, 0x05C0, kSep},
    {0x05C3, 0x05C3, kSep},
    {0x05C6, 0x05C6, kSep},
    {0x05F3, 0x05F4, kSep},
    {0x0600, 0x060F, kSep},  // Arabic signs, comma
    {0x061B, 0x061F, kSep},  // Arabic semicolon, question mark
    {0x066A, 0x066D, kSep},
    {0x06D4, 0x06D4, kSep},  // Arabic full stop
    {0x0964, 0x0965, kSep},  // Devanagari danda
    {0x0E3F, 0x0E3F, kSep},  // Thai baht
    {0x0E4F, 0x0E4F, kSep},
    {0x0E5A, 0x0E5B, kSep},
    {0x1360, 0x1368, kSep},  // Ethiopic punctuation
    {0x1680, 0x1680, kSep},  // Ogham space
    {0x1800, 0x180F, kSep},  // Mongolian punctuation and selectors
    {0x2000, 0x2BFF, kSep},  // spaces, dashes, quotes, zero-width, arrows, maths, symbols
    {0x2E00, 0x2E7F, kSep},  // supplemental punctuation
    {0x2E80, 0x2FDF, kCjk},  // CJK and Kangxi radicals
    {0x2FF0, 0x2FFF, kSep},  // ideographic description characters
    {0x3000, 0x3004, kSep},  // ideographic space, 、 。 〃 〄
    {0x3005, 0x3007, kCjk},  // 々 〆 〇
    {0x3008, 0x3020, kSep},  // 〈 〉 《 》 「 」 【 】 〔 〕 〜 ...
    {0x3021, 0x3029, kCjk},  // Hangzhou numerals
    {0x302A, 0x3030, kSep},  // tone marks, 〰
    {0x3031, 0x3035, kCjk},  // kana repeat marks
    {0x3036, 0x3037, kSep},
    {0x3038, 0x303C, kCjk},
    {0x303D, 0x303F, kSep},
    {0x3040, 0x309F, kCjk},  // hiragana
    {0x30A0, 0x30A0, kSep},  // ゠
    {0x30A1, 0x30FA, kCjk},  // katakana
    {0x30FB, 0x30FB, kSep},  // ・ (katakana middle dot)
    {0x30FC, 0x30FF, kCjk},  // ー and katakana marks
    {0x3100, 0x312F, kCjk},  // bopomofo
    {0x3190, 0x319F, kSep},  // kanbun marks
    {0x31A0, 0x31BF, kCjk},  // bopomofo extended
    {0x31C0, 0x31EF, kSep},  // CJK strokes
    {0x31F0, 0x31FF, kCjk},  // katakana phonetic extensions
    {0x3200, 0x33FF, kSep},  // enclosed CJK, CJK compatibility (㈱ ㎡ ...)
    {0x3400, 0x4DBF, kCjk},  // CJK extension A
    {0x4DC0, 0x4DFF, kSep},  // Yijing hexagrams
    {0x4E00, 0x9FFF, kCjk},  // CJK unified ideographs
    {0xD800, 0xF8FF, kSep},  // surrogates (never decoded), private use
    {0xF900, 0xFAFF, kCjk},  // CJK compatibility ideographs
    {0xFD3E, 0xFD3F, kSep},  // ornate parentheses
    {0xFE00, 0xFE0F, kSep},  // variation selectors
    {0xFE10, 0xFE1F, kSep},  // vertical forms
    {0xFE30, 0xFE6F, kSep},  // CJK compatibility and small forms
    {0xFEFF, 0xFEFF, kSep},  // BOM / zero-width no-break space
    {0xFF00, 0xFF0F, kSep},  // full-width ！ ＂ ＃ ... ／
    {0xFF1A, 0xFF20, kSep},  // ： ； ＜ ＝ ＞ ？ ＠
    {0xFF3B, 0xFF40, kSep},  // ［ ＼ ］ ＾ ＿ ｀
    {0xFF5B, 0xFF65, kSep},  // ｛ ｜ ｝ ～ and half-width CJK punctuation
    {0xFF66, 0xFF9F, kCjk},  // half-width katakana
    {0xFFE0, 0xFFFF, kSep},  // full-width signs, specials (U+FFFD)
    {0x1AFF0, 0x1B16F, kCjk},  // kana extensions and supplement
    {0x1D000, 0x1D24F, kSep},  // musical symbols
    {0x1F000, 0x1FBFF, kSep},  // mahjong, cards, emoji, pictographs
    {0x20000, 0x2FA1F, kCjk},  // CJK extensions B-F, compatibility supplement
    {0x30000, 0x323AF, kCjk},  // CJK extensions G, H
    {0xE0000, 0xE01EF, kSep},  // tags, variation selectors supplement
    {0xF0000, 0x10FFFF, kSep},  // private use planes
};

// Classify's binary search needs the ranges sorted and apart.
constexpr bool SortedApart(const Range* ranges, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (ranges[i].first > ranges[i].last) return false;
    if (i > 0 && ranges[i - 1].last >= ranges[i].first) return false;
  }
  return true;
}
static_assert(SortedApart(kRanges, std::size(kRanges)));

// ASCII: letters and digits are word characters; the rest separates.
constexpr bool IsAsciiWordChar(uint32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

CharClass Classify(uint32_t cp) {
  if (cp < 0x80) return IsAsciiWordChar(cp) ? CharClass::kWord : kSep;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return kCjk;  // most of a Chinese text
  if (cp == kInvalid) return kSep;
  const Range* end = std::end(kRanges);
  const Range* it = std::upper_bound(std::begin(kRanges), end, cp,
                                     [](uint32_t c, const Range& r) { return c < r.first; });
  if (it == std::begin(kRanges)) return CharClass::kWord;
  --it;
  return cp <= it->last ? it->cls : CharClass::kWord;
}

// Upper case letters whose lower case is the next code point sit at even
// (or odd) positions in these blocks.
constexpr bool EvenUpper(uint32_t cp, uint32_t first, uint32_t last) {
  return cp >= first && cp <= last && (cp & 1) == 0;
}
constexpr bool OddUpper(uint32_t cp, uint32_t first, uint32_t last) {
  return cp >= first && cp <= last && (cp & 1) == 1;
}

uint32_t FoldLatin(uint32_t cp) {
  if (cp >= 0x00C0 && cp <= 0x00DE && cp != 0x00D7) return cp + 0x20;
  if (cp == 0x00B5) return 0x03BC;  // micro sign -> Greek mu
  if (cp == 0x0130) return 'i';     // İ
  if (cp == 0x0178) return 0x00FF;  // Ÿ
  if (cp == 0x017F) return 's';     // long s
  if (EvenUpper(cp, 0x0100, 0x012F) || EvenUpper(cp, 0x0132, 0x0137) || OddUpper(cp, 0x0139, 0x0148) ||
      EvenUpper(cp, 0x014A, 0x0177) || OddUpper(cp, 0x0179, 0x017E)) {
    return cp + 1;
  }
  if (cp == 0x01C4 || cp == 0x01C5) return 0x01C6;  // Ǆ ǅ -> ǆ
  if (cp == 0x01C7 || cp == 0x01C8) return 0x01C9;
  if (cp == 0x01CA || cp == 0x01CB) return 0x01CC;
  if (cp == 0x01F1 || cp == 0x01F2) return 0x01F3;
  if (OddUpper(cp, 0x01CD, 0x01DC) || EvenUpper(cp, 0x01DE, 0x01EF) || EvenUpper(cp, 0x01F8, 0x021F) ||
      EvenUpper(cp, 0x0222, 0x0233) || EvenUpper(cp, 0x0246, 0x024F)) {
    return cp + 1;
  }
  if (cp == 0x1E9E) return 0x00DF;  // capital sharp s
  if (EvenUpper(cp, 0x1E00, 0x1E95) || EvenUpper(cp, 0x1EA0, 0x1EFF)) return cp + 1;  // Vietnamese
  return cp;
}

uint32_t FoldGreekCyrillic(uint32_t cp) {
  if (cp == 0x0386) return 0x03AC;
  if (cp >= 0x0388 && cp <= 0x038A) return cp + 0x25;
  if (cp == 0x038C) return 0x03CC;
  if (cp == 0x038E || cp == 0x038F) return cp + 0x3F;
  if ((cp >= 0x0391 && cp <= 0x03A1) || (cp >= 0x03A3 && cp <= 0x03AB)) return cp + 0x20;
  if (cp == 0x03C2) return 0x03C3;  // final sigma
  if (EvenUpper(cp, 0x03D8, 0x03EF)) return cp + 1;
  if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;
  if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;
  if (cp == 0x04C0) return 0x04CF;
  if (EvenUpper(cp, 0x0460, 0x0481) || EvenUpper(cp, 0x048A, 0x04BF) || OddUpper(cp, 0x04C1, 0x04CE) ||
      EvenUpper(cp, 0x04D0, 0x052F)) {
    return cp + 1;
  }
  if (cp >= 0x0531 && cp <= 0x0556) return cp + 0x30;  // Armenian
  return cp;
}

// Simple case folding of a word character (one code point to one).
uint32_t Fold(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 0x20 : cp;
  if (cp >= 0xFF10 && cp <= 0xFF5A) {  // full-width digits and letters
    if (cp <= 0xFF19) return cp - 0xFF10 + '0';
    if (cp >= 0xFF21 && cp <= 0xFF3A) return cp - 0xFF21 + 'a';
    if (cp >= 0xFF41) return cp - 0xFF41 + 'a';
  }
  if (cp < 0x0370 || (cp >= 0x1E00 && cp <= 0x1EFF)) return FoldLatin(cp);
  if (cp < 0x0590) return FoldGreekCyrillic(cp);
  return cp;
}

// Appends `cp` as UTF-8 to out[0..*n) if it fits in kMaxTokenBytes.
bool AppendUtf8(uint32_t cp, char* out, size_t* n) {
  char buf[4];
  size_t len;
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    len = 1;
  } else if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 4;
  }
  if (*n + len > kMaxTokenBytes) return false;
  std::copy(buf, buf + len, out + *n);
  *n += len;
  return true;
}

}  // namespace

namespace {

// ASCII letters and digits, lower-cased; 0 for every other byte.
constexpr std::array<char, 128> MakeAsciiFold() {
  std::array<char, 128> fold{};
  for (int c = 0; c < 128; ++c) {
    if (IsAsciiWordChar(static_cast<uint32_t>(c))) fold[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 0x20 : c);
  }
  return fold;
}
constexpr std::array<char, 128> kAsciiFold = MakeAsciiFold();

// Reads the word that starts at `pos` (a word character) and returns where
// it ends. Its folded form goes to word[0..*n) until a character no longer
// fits in kMaxTokenBytes; the rest is consumed but not copied. ASCII, most
// of the text outside CJK, takes the short path.
size_t ScanWord(const unsigned char* data, size_t size, size_t pos, char* word, size_t* n) {
  bool room = true;
  while (pos < size) {
    unsigned char b = data[pos];
    if (b < 0x80) {
      char folded = kAsciiFold[b];
      if (folded == 0) break;
      room = room && *n < kMaxTokenBytes;
      if (room) word[(*n)++] = folded;
      ++pos;
      continue;
    }
    CodePoint c = Decode(data, size, pos);
    if (Classify(c.cp) != CharClass::kWord) break;
    if (room) room = AppendUtf8(Fold(c.cp), word, n);
    pos += c.len;
  }
  return pos;
}

}  // namespace

int Tokenize(std::string_view text, void* context, TokenSink sink) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  char word[kMaxTokenBytes];
  size_t pos = 0;
  while (pos < size) {
    if (data[pos] < 0x80 && kAsciiFold[data[pos]] == 0) {  // ASCII space, punctuation
      ++pos;
      continue;
    }
    CodePoint c = Decode(data, size, pos);
    CharClass cls = Classify(c.cp);
    if (cls == kSep) {
      pos += c.len;
      continue;
    }
    Token token;
    token.start = pos;
    if (cls == kCjk) {
      // A CJK character is its own token, as written (nothing to fold).
      token.kind = TokenKind::kCjk;
      token.text = text.substr(pos, c.len);
      pos += c.len;
    } else {
      size_t n = 0;
      pos = ScanWord(data, size, pos, word, &n);
      token.kind = TokenKind::kWord;
      token.text = std::string_view(word, n);
    }
    token.end = pos;
    if (int rc = sink(context, token); rc != 0) return rc;
  }
  return 0;
}

// ---- query side ----

namespace {

// What one term's tokens look like as a phrase.
struct PhraseBuilder {
  std::string text;  // tokens separated by spaces
  int tokens = 0;
  TokenKind last_kind = TokenKind::kWord;
  size_t last_end = 0;
};

int AppendToPhrase(void* context, const Token& token) {
  auto* phrase = static_cast<PhraseBuilder*>(context);
  if (phrase->tokens++ > 0) phrase->text += ' ';
  for (char c : token.text) {
    if (c == '"') phrase->text += '"';  // cannot happen ('"' separates); FTS5 escaping
    phrase->text += c;
  }
  phrase->last_kind = token.kind;
  phrase->last_end = token.end;
  return 0;
}

void AppendTerm(std::string_view term, std::string* out) {
  PhraseBuilder phrase;
  (void)Tokenize(term, &phrase, AppendToPhrase);  // the sink never stops it
  if (phrase.tokens == 0) return;
  if (!out->empty()) *out += ' ';
  *out += '"';
  *out += phrase.text;
  *out += '"';
  // "brow*": the star right after a word asks for words starting so. A
  // star after a CJK character adds nothing (each character is a token).
  bool prefix = phrase.last_kind == TokenKind::kWord && phrase.last_end + 1 == term.size() &&
                term.back() == '*';
  if (prefix) *out += " *";
}

bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

std::string FtsMatchExpression(std::string_view query) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  std::string out;
  size_t i = 0;
  while (i < query.size()) {
    if (IsAsciiSpace(query[i])) {
      ++i;
      continue;
    }
    if (query.substr(i, 3) == kIdeographicSpace) {
      i += 3;
      continue;
    }
    size_t start = i;
    while (i < query.size() && !IsAsciiSpace(query[i]) && query.substr(i, 3) != kIdeographicSpace) ++i;
    AppendTerm(query.substr(start, i - start), &out);
  }
  return out;
}

// ---- FTS5 glue ----

namespace {

using XTokenFn = int (*)(void* ctx, int flags, const char* token, int n, int start, int end);

struct Fts5Sink {
  void* ctx;
  XTokenFn x_token;
};

int ToFts5(void* context, const Token& token) {
  auto* sink = static_cast<Fts5Sink*>(context);
  return sink->x_token(sink->ctx, 0, token.text.data(), static_cast<int>(token.text.size()),
                       static_cast<int>(token.start), static_cast<int>(token.end));
}

// The tokenizer has no options and no state: every instance is this one.
int g_instance = 0;

int XCreate(void* /*user*/, const char** /*args*/, int nargs, Fts5Tokenizer** out) noexcept {
  if (nargs != 0) return SQLITE_ERROR;  // tokenize='gleaner_v1 something'
  *out = reinterpret_cast<Fts5Tokenizer*>(&g_instance);
  return SQLITE_OK;
}

void XDelete(Fts5Tokenizer* /*tokenizer*/) noexcept {}

int XTokenize(Fts5Tokenizer* /*tokenizer*/, void* ctx, int /*flags*/, const char* text, int n,
              XTokenFn x_token) noexcept {
  if (text == nullptr || n <= 0) return SQLITE_OK;
  Fts5Sink sink{ctx, x_token};
  return Tokenize(std::string_view(text, static_cast<size_t>(n)), &sink, ToFts5);
}

// The fts5_api of this connection, or null when SQLite has no FTS5.
fts5_api* Fts5Api(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) return nullptr;
  StmtHandle stmt(raw);
  fts5_api* api = nullptr;
  sqlite3_bind_pointer(raw, 1, &api, "fts5_api_ptr", nullptr);
  (void)sqlite3_step(raw);
  return api;
}

int AutoExtension(sqlite3* db, const char** error, const sqlite3_api_routines* /*api*/) noexcept {
  int rc = RegisterFtsTokenizer(db);
  if (rc != SQLITE_OK && error != nullptr) {
    *error = sqlite3_mprintf("registering the %s search tokenizer failed", kFtsTokenizerName);
  }
  return rc;
}

}  // namespace

int RegisterFtsTokenizer(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) return SQLITE_OK;
  fts5_tokenizer methods{XCreate, XDelete, XTokenize};
  return api->xCreateTokenizer(api, kFtsTokenizerName, nullptr, &methods, nullptr);
}

void InstallFtsTokenizer() {
  static std::once_flag once;
  std::call_once(once, [] {
    // SQLite takes any entry point as void(*)(void) and calls it with the
    // real signature; that cast is the one GCC accepts without a warning.
    sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(&AutoExtension));
  });
}

}  // namespace gleaner::store::internal
