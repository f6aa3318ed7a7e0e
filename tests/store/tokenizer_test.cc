// Focus: the search tokenizer (gleaner_v1) - which tokens a text gives and
// their byte offsets into the original (snippets rely on them), for mixed
// Chinese/English/full-width/emoji text and malformed UTF-8; the query
// expression built from user terms (no FTS5 syntax gets through); and the
// tokenizer registered in SQLite.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "dedup/zh_text.h"
#include "fts_tokenizer.h"

namespace gleaner::store::internal {
namespace {

struct Seen {
  std::string text;
  size_t start;
  size_t end;
  bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Seen& t) {
  return os << "{\"" << t.text << "\", " << t.start << ", " << t.end << "}";
}

int Collect(void* context, const Token& token) {
  static_cast<std::vector<Seen>*>(context)->push_back({std::string(token.text), token.start, token.end});
  return 0;
}

// Tokenizes a copy in a heap block of exactly text.size() bytes, so ASan
// catches any read past the end.
std::vector<Seen> Tokens(std::string_view text) {
  auto exact = std::make_unique<char[]>(text.size() + (text.empty() ? 1 : 0));
  std::copy(text.begin(), text.end(), exact.get());
  std::vector<Seen> tokens;
  EXPECT_EQ(Tokenize(std::string_view(exact.get(), text.size()), &tokens, Collect), 0);
  return tokens;
}

struct TokenCase {
  const char* id;
  std::string text;
  std::vector<Seen> want;
};

TEST(TokenizerTest, TokensAndOffsets) {
  const TokenCase cases[] = {
      {"tok-1 ascii", "Hello, World!", {{"hello", 0, 5}, {"world", 7, 12}}},
      {"tok-2 zh", "安全承诺", {{"安", 0, 3}, {"全", 3, 6}, {"承", 6, 9}, {"诺", 9, 12}}},
      {"tok-3 mixed", "iPhone15发布会2025年",
       {{"iphone15", 0, 8}, {"发", 8, 11}, {"布", 11, 14}, {"会", 14, 17}, {"2025", 17, 21}, {"年", 21, 24}}},
      {"tok-4 full-width", "ＡＢＣ１２３", {{"abc123", 0, 18}}},
      {"tok-5 full-width punct", "（测试）！", {{"测", 3, 6}, {"试", 6, 9}}},
      {"tok-6 zh punct", "中国，北京。“好”", {{"中", 0, 3}, {"国", 3, 6}, {"北", 9, 12}, {"京", 12, 15},
                                             {"好", 21, 24}}},
      {"tok-7 emoji", "好😀a😀", {{"好", 0, 3}, {"a", 7, 8}}},
      {"tok-8 emoji sequence", "👍🏽👨‍👩‍👧x", {{"x", 26, 27}}},
      {"tok-9 latin-1", "Café ÉCOLE Straße", {{"café", 0, 5}, {"école", 6, 12}, {"straße", 13, 20}}},
      {"tok-10 greek, final sigma folded", "ΑΘΗΝΑ Άρης ΟΔΟΣ", {{"αθηνα", 0, 10}, {"άρησ", 11, 19}, {"οδοσ", 20, 28}}},
      {"tok-11 cyrillic", "Москва ЁЖ", {{"москва", 0, 12}, {"ёж", 13, 17}}},
      {"tok-12 latin extended", "ŁÓDŹ Hà Nội", {{"łódź", 0, 7}, {"hà", 8, 11}, {"nội", 12, 17}}},
      {"tok-13 hangul words", "한국 뉴스", {{"한국", 0, 6}, {"뉴스", 7, 13}}},
      {"tok-14 kana", "ニュースです", {{"ニ", 0, 3}, {"ュ", 3, 6}, {"ー", 6, 9}, {"ス", 9, 12},
                                      {"で", 12, 15}, {"す", 15, 18}}},
      {"tok-15 cjk ext b", "𠀀x", {{"𠀀", 0, 4}, {"x", 4, 5}}},
      {"tok-16 separators", "a—b…c、d。e·f", {{"a", 0, 1}, {"b", 4, 5}, {"c", 8, 9}, {"d", 12, 13},
                                              {"e", 16, 17}, {"f", 19, 20}}},
      {"tok-17 ideographic space", "中\u3000国", {{"中", 0, 3}, {"国", 6, 9}}},
      {"tok-18 nbsp", "a\u00A0b", {{"a", 0, 1}, {"b", 3, 4}}},
      {"tok-19 combining mark stays", "cafe\u0301!", {{"cafe\u0301", 0, 6}}},
      {"tok-20 digits", "3.14 1,000", {{"3", 0, 1}, {"14", 2, 4}, {"1", 5, 6}, {"000", 7, 10}}},
      {"tok-21 zero width", "ab\u200Bcd", {{"ab", 0, 2}, {"cd", 5, 7}}},
      {"tok-22 empty", "", {}},
      {"tok-23 only punctuation", " \"*()^:+-, ", {}},
      {"tok-24 quotes and star", "\"NEAR\"(x*y)", {{"near", 1, 5}, {"x", 7, 8}, {"y", 9, 10}}},
      {"tok-25 full-width katakana and hiragana", "カタかな", {{"カ", 0, 3}, {"タ", 3, 6}, {"か", 6, 9},
                                                           {"な", 9, 12}}},
  };
  for (const TokenCase& c : cases) {
    EXPECT_EQ(Tokens(c.text), c.want) << c.id;
  }
}

TEST(TokenizerTest, MalformedUtf8SeparatesAndNeverReadsPastTheEnd) {
  const TokenCase cases[] = {
      {"bad-1 lone 0xFF", "\xFF", {}},
      {"bad-2 truncated at end", "a\xC3", {{"a", 0, 1}}},
      {"bad-3 truncated CJK at end", "中\xE5\xAE", {{"中", 0, 3}}},
      {"bad-4 truncated CJK mid", "中\xE5\xAE" "a", {{"中", 0, 3}, {"a", 5, 6}}},
      {"bad-5 overlong slash", "a\xC0\xAF" "b", {{"a", 0, 1}, {"b", 3, 4}}},
      {"bad-6 surrogate", "x\xED\xA0\x80y", {{"x", 0, 1}, {"y", 4, 5}}},
      {"bad-7 past U+10FFFF", "\xF4\x90\x80\x80z", {{"z", 4, 5}}},
      {"bad-8 lone continuation", "\x80" "abc", {{"abc", 1, 4}}},
      {"bad-9 NUL inside", std::string("a\0b", 3), {{"a", 0, 1}, {"b", 2, 3}}},
      {"bad-10 4-byte cut at 3", "\xF0\xA0\x80", {}},
      {"bad-11 GBK bytes", "\xD6\xD0\xCE\xC4", {}},
  };
  for (const TokenCase& c : cases) {
    EXPECT_EQ(Tokens(c.text), c.want) << c.id;
  }
}

TEST(TokenizerTest, RandomBytesGiveOrderedInBoundsTokens) {
  gleaner::testing::SplitMix rng(42);
  const std::string pieces[] = {"中", "a", "Z", "é", "Σ", "😀", " ", "，", "\xE5", "\xAE", "\x80", "\xF0",
                                "\xFF", std::string(1, '\0'), "ＡＢ", "한"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    size_t n = rng.Below(40);
    for (size_t i = 0; i < n; ++i) {
      if (rng.Below(4) == 0) {
        text += static_cast<char>(rng.Below(256));
      } else {
        text += pieces[rng.Below(std::size(pieces))];
      }
    }
    size_t last_end = 0;
    for (const Seen& t : Tokens(text)) {
      ASSERT_LE(last_end, t.start) << "round " << round;
      ASSERT_LT(t.start, t.end) << "round " << round;
      ASSERT_LE(t.end, text.size()) << "round " << round;
      ASSERT_FALSE(t.text.empty()) << "round " << round;
      ASSERT_LE(t.text.size(), kMaxTokenBytes) << "round " << round;
      last_end = t.end;
    }
  }
}

TEST(TokenizerTest, LongWordsAreCutAtTheCapOnACodePoint) {
  // ASCII at cap-1, cap, cap+1: the token is at most the cap; the offsets
  // always cover the whole word.
  for (size_t n : {kMaxTokenBytes - 1, kMaxTokenBytes, kMaxTokenBytes + 1}) {
    std::string word(n, 'x');
    std::vector<Seen> tokens = Tokens(word + " y");
    ASSERT_EQ(tokens.size(), 2u) << n;
    EXPECT_EQ(tokens[0].text, std::string(std::min(n, kMaxTokenBytes), 'x')) << n;
    EXPECT_EQ(tokens[0].end, n) << n;
    EXPECT_EQ(tokens[1].text, "y");
  }
  // "a" + 32 × "é" (2 bytes each) = 65 bytes: the cut falls inside an é,
  // so the token stops before it (63 bytes), still valid UTF-8.
  std::string word = "a";
  for (int i = 0; i < 32; ++i) word += "é";
  std::vector<Seen> tokens = Tokens(word);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].text.size(), 63u);
  EXPECT_EQ(tokens[0].end, word.size());
  EXPECT_EQ(Tokens(tokens[0].text)[0].text, tokens[0].text);  // a query re-tokenizes it unchanged
}

TEST(TokenizerTest, SinkCanStopTokenizing) {
  int calls = 0;
  auto stop_second = [](void* context, const Token&) { return ++*static_cast<int*>(context) == 2 ? 7 : 0; };
  EXPECT_EQ(Tokenize("one two three", &calls, stop_second), 7);
  EXPECT_EQ(calls, 2);
}

struct QueryCase {
  const char* id;
  std::string query;
  std::string want;
};

TEST(FtsQueryTest, TermsBecomeQuotedPhrases) {
  const QueryCase cases[] = {
      {"q-1 zh run is one phrase", "安全承诺", R"("安 全 承 诺")"},
      {"q-2 zh terms", "安全 承诺", R"("安 全" "承 诺")"},
      {"q-3 one character", "安", R"("安")"},
      {"q-4 latin folded", "Quick BROWN", R"("quick" "brown")"},
      {"q-5 prefix", "brow*", R"("brow" *)"},
      {"q-6 star after CJK ignored", "安全*", R"("安 全")"},
      {"q-7 star alone dropped", "fox *", R"("fox")"},
      {"q-8 operators literal", "\"安全 OR NOT * :", R"("安 全" "or" "not")"},
      {"q-9 NEAR group", "NEAR(a b)", R"("near a" "b")"},
      {"q-10 hyphenated", "e-mail", R"("e mail")"},
      {"q-11 full-width", "ＡＢＣ１２３", R"("abc123")"},
      {"q-12 mixed run", "iPhone15发布", R"("iphone15 发 布")"},
      {"q-13 column filter literal", "title:fox ^body", R"("title fox" "body")"},
      {"q-14 star inside", "x*y", R"("x y")"},
      {"q-15 ideographic space", "中\u3000国", R"("中" "国")"},
      {"q-16 nothing searchable", "!!! *** 、。", ""},
      {"q-17 invalid utf-8", "\xFF\xFE", ""},
      {"q-18 plus and minus", "+fox -dog", R"("fox" "dog")"},
      {"q-19 quotes inside", "say\"hi\"", R"("say hi")"},
  };
  for (const QueryCase& c : cases) {
    EXPECT_EQ(FtsMatchExpression(c.query), c.want) << c.id;
  }
}

// An in-memory database with an FTS5 table on the tokenizer.
class FtsTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    ASSERT_EQ(RegisterFtsTokenizer(db_), SQLITE_OK);
    Exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='gleaner_v1')");
  }
  void TearDown() override { sqlite3_close(db_); }

  void Exec(const std::string& sql) {
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
  }
  // highlight() of every row matching the user's query, in rowid order.
  std::vector<std::string> Highlight(const std::string& query) {
    std::vector<std::string> out;
    sqlite3_stmt* stmt = nullptr;
    const char* sql = "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 ORDER BY rowid";
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
    std::string match = FtsMatchExpression(query);
    sqlite3_bind_text(stmt, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
    EXPECT_EQ(rc, SQLITE_DONE) << query << ": " << sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    return out;
  }

  sqlite3* db_ = nullptr;
};

TEST_F(FtsTableTest, HighlightMarksTheOriginalText) {
  Exec("INSERT INTO t(rowid, body) VALUES (1, '全角ＡＢＣ１２３和半角abc123都算'),"
       " (2, '英美防长会谈聚焦对乌安全承诺'), (3, 'The CAFÉ near Straße'), (4, '安全，承诺')");
  EXPECT_EQ(Highlight("abc123"), (std::vector<std::string>{"全角[ＡＢＣ１２３]和半角[abc123]都算"}));
  // Punctuation is no token, so a phrase runs across it.
  EXPECT_EQ(Highlight("安全承诺"), (std::vector<std::string>{"英美防长会谈聚焦对乌[安全承诺]", "[安全，承诺]"}));
  EXPECT_EQ(Highlight("乌"), (std::vector<std::string>{"英美防长会谈聚焦对[乌]安全承诺"}));
  EXPECT_EQ(Highlight("café STRASSE").size(), 0u);  // ß is not folded to ss
  EXPECT_EQ(Highlight("café straße"), (std::vector<std::string>{"The [CAFÉ] near [Straße]"}));
  EXPECT_EQ(Highlight("NEAR"), (std::vector<std::string>{"The CAFÉ [near] Straße"}));
  EXPECT_EQ(Highlight("the-caf*"), (std::vector<std::string>{"[The CAFÉ] near Straße"}));  // prefix phrase
  EXPECT_EQ(Highlight("the-caf").size(), 0u);
  // The characters of a term must be adjacent; separate terms need not be.
  EXPECT_EQ(Highlight("乌承").size(), 0u);
  EXPECT_EQ(Highlight("乌 承").size(), 1u);
}

TEST_F(FtsTableTest, TokenizerArgumentsAreRejected) {
  char* err = nullptr;
  EXPECT_NE(sqlite3_exec(db_, "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='gleaner_v1 extra')", nullptr,
                         nullptr, &err),
            SQLITE_OK);
  sqlite3_free(err);
}

TEST(FtsInstallTest, EveryNewConnectionKnowsTheTokenizer) {
  InstallFtsTokenizer();
  InstallFtsTokenizer();  // idempotent
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='gleaner_v1');"
                             " INSERT INTO t VALUES ('中文 text');",
                         nullptr, nullptr, &err),
            SQLITE_OK)
      << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

}  // namespace
}  // namespace gleaner::store::internal
