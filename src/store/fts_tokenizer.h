// fts_tokenizer: the search index's FTS5 tokenizer and the query side that
// matches it. Each CJK character (Han with its extensions, kana, bopomofo)
// is a token of its own, so a Chinese search of any length is a phrase of
// single characters; runs of letters and digits in other scripts (Latin,
// Greek, Cyrillic, Hangul, ...) are word tokens, case-folded, with
// full-width ASCII folded to ASCII; everything else separates.
// Owns:    nothing; the tokenizer keeps no state between calls.
// Threads: all functions are thread-safe.
// Errors:  hostile text (invalid UTF-8, NUL bytes, huge words) never fails:
//          a bad byte separates, a word is indexed by its first
//          kMaxTokenBytes bytes. Only registration can fail (no FTS5).
// Touches: InstallFtsTokenizer() adds a process-wide SQLite auto-extension.
#ifndef GLEANER_SRC_STORE_FTS_TOKENIZER_H_
#define GLEANER_SRC_STORE_FTS_TOKENIZER_H_

#include <sqlite3.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace gleaner::store::internal {

// The name in CREATE VIRTUAL TABLE ... tokenize='gleaner_v1'. A change to
// what counts as a token needs a new name (and a migration that rebuilds
// the index): an old index read with new tokens silently misses matches.
inline constexpr char kFtsTokenizerName[] = "gleaner_v1";

// The longest token, in bytes of folded UTF-8. A longer run (a URL-safe
// blob, a hash) is indexed by its first kMaxTokenBytes bytes, cut at a code
// point; queries are cut the same way, so such a word still matches.
inline constexpr size_t kMaxTokenBytes = 64;

enum class TokenKind { kWord, kCjk };

struct Token {
  std::string_view text;  // folded; valid only during the sink call
  size_t start = 0;       // byte range of the token in the original text,
  size_t end = 0;         // so snippets mark the text as it was stored
  TokenKind kind = TokenKind::kWord;
};

// Receives each token in order. A non-zero return stops Tokenize, which
// then returns that value (FTS5's xToken errors travel this way).
using TokenSink = int (*)(void* context, const Token& token);

// Splits `text` into tokens. Never reads outside `text` and never
// allocates. Returns 0, or the first non-zero value `sink` returned.
int Tokenize(std::string_view text, void* context, TokenSink sink);

// The FTS5 MATCH expression for a user's query. Terms are separated by
// white space (ASCII and U+3000) and all must match (FTS5's implicit AND).
// Each term becomes one quoted phrase of its tokens ("安全承诺" becomes
// "安 全 承 诺", "e-mail" becomes "e mail"), so no character of the query is
// FTS5 syntax. A term that ends in '*' right after a word becomes a prefix
// phrase ("brow*" -> "brow" *). Terms with no token (only punctuation or
// symbols, which the index does not hold) are dropped; the result is ""
// when no term is left.
std::string FtsMatchExpression(std::string_view query);

// Registers the tokenizer on one connection through the fts5_api pointer.
// Returns an SQLite result code; SQLITE_OK also when this SQLite has no
// FTS5 (creating the index then fails with "no such module: fts5").
int RegisterFtsTokenizer(sqlite3* db);

// Makes every connection this process opens from now on register the
// tokenizer (sqlite3_auto_extension), so the store's own connections and
// any other (a tool or test reading the index) can use articles_fts.
// Idempotent; call before opening a connection.
void InstallFtsTokenizer();

}  // namespace gleaner::store::internal

#endif  // GLEANER_SRC_STORE_FTS_TOKENIZER_H_
