// Search (FTS5 trigram, bm25, snippets; substring scan for 1-2 character
// terms) and per-site Stats.
#include <algorithm>
#include <string>
#include <vector>

#include "sqlite_store.h"
#include "store_internal.h"

namespace gleaner::store::internal {
namespace {

// The trigram tokenizer indexes every 3 code points; a shorter term yields
// no trigram, and FTS5 would silently drop it from the query.
constexpr size_t kTrigram = 3;
// Substring filters per query (instr() slots in the SQL below).
constexpr size_t kMaxSubstringTerms = 6;

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Splits on ASCII whitespace and U+3000 (ideographic space).
std::vector<std::string> SplitTerms(std::string_view query) {
  std::string text(query);
  for (size_t pos; (pos = text.find("\xE3\x80\x80")) != std::string::npos;) text.replace(pos, 3, " ");
  std::vector<std::string> terms;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) terms.push_back(AsciiLower(text.substr(start, i - start)));
  }
  return terms;
}

// Each term a quoted FTS5 phrase, so operators and quotes are literal.
std::string MatchExpression(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& term : terms) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : term) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

void FlattenNewlines(std::string* text) { std::replace(text->begin(), text->end(), '\n', ' '); }

// Moves `pos` back/forward by up to `n` code points.
size_t BackCodePoints(std::string_view s, size_t pos, size_t n) {
  while (pos > 0 && n > 0) {
    --pos;
    if ((static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80) --n;
  }
  return pos;
}
size_t ForwardCodePoints(std::string_view s, size_t pos, size_t n) {
  while (pos < s.size() && n > 0) {
    ++pos;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
    --n;
  }
  return pos;
}

// A snippet around the first match of any term, matches marked; used when
// FTS5's snippet() is not available (substring scan).
std::string SubstringSnippet(std::string_view body, const std::vector<std::string>& terms,
                             const SearchOptions& options) {
  std::string lower = AsciiLower(body);
  size_t first = std::string::npos;
  for (const std::string& term : terms) first = std::min(first, lower.find(term));
  if (first == std::string::npos) first = 0;
  size_t chars = static_cast<size_t>(std::max(options.snippet_chars, 8));
  size_t begin = BackCodePoints(body, first, chars / 3);
  size_t end = ForwardCodePoints(body, begin, chars);
  std::string out = begin > 0 ? "…" : "";
  for (size_t pos = begin; pos < end;) {
    size_t match_len = 0;
    for (const std::string& term : terms) {
      if (lower.compare(pos, term.size(), term) == 0) match_len = std::max(match_len, term.size());
    }
    if (match_len > 0) {
      out += options.mark_open + std::string(body.substr(pos, match_len)) + options.mark_close;
      pos += match_len;
    } else {
      out += body[pos++];
    }
  }
  if (end < body.size()) out += "…";
  FlattenNewlines(&out);
  return out;
}

// Shared tail of both search statements: ?5 include duplicates, ?6 site id,
// ?10.. substring terms (NULL = unused slot), ?9 limit.
constexpr char kSearchFilters[] =
    " AND (?5 OR a.duplicate_of IS NULL) AND (?6 IS NULL OR a.site_id = ?6)"
    " AND (?10 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?10) > 0)"
    " AND (?11 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?11) > 0)"
    " AND (?12 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?12) > 0)"
    " AND (?13 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?13) > 0)"
    " AND (?14 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?14) > 0)"
    " AND (?15 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?15) > 0)";

// ?1 match, ?2/?3 marks, ?4 snippet tokens (one per character for trigram).
const char* FtsSql() {
  static const std::string sql = std::string(
      "SELECT a.id, a.url, a.title, s.name, a.published,"
      " snippet(articles_fts, 1, ?2, ?3, '…', ?4), bm25(articles_fts, 5.0, 1.0), a.duplicate_of"
      " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
      " JOIN sites s ON s.id = a.site_id WHERE articles_fts MATCH ?1") +
      kSearchFilters + " ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?9";
  return sql.c_str();
}

const char* ScanSql() {
  static const std::string sql = std::string(
      "SELECT a.id, a.url, a.title, s.name, a.published, a.body, 0.0, a.duplicate_of"
      " FROM articles a JOIN sites s ON s.id = a.site_id WHERE 1") +
      kSearchFilters + " ORDER BY a.seq DESC LIMIT ?9";
  return sql.c_str();
}

}  // namespace

Result<SearchResult> SqliteStore::Search(std::string_view query, const SearchOptions& options) {
  std::vector<std::string> terms = SplitTerms(query);
  if (terms.empty()) return MakeError(Code::kInvalidInput, "empty search query");
  std::vector<std::string> indexed;
  std::vector<std::string> substrings;
  for (const std::string& term : terms) {
    bool use_index = search_index_ && CodePoints(term) >= kTrigram;
    (use_index ? indexed : substrings).push_back(term);
  }
  if (substrings.size() > kMaxSubstringTerms) {
    return MakeError(Code::kInvalidInput, "too many search terms shorter than 3 characters (at most " +
                                              std::to_string(kMaxSubstringTerms) + ")");
  }
  GLEANER_TRY(Commit());
  std::optional<int64_t> site_id;
  if (!options.site.empty()) {
    auto found = SiteIdForFilter(options.site);
    if (!found.ok()) return found.take_error();
    site_id = found->value_or(-1);
  }
  SearchResult result;
  result.substring_scan = indexed.empty();
  auto stmt = db_->Prepare(result.substring_scan ? ScanSql() : FtsSql());
  if (!stmt.ok()) return stmt.take_error();
  std::string match = MatchExpression(indexed);
  if (!result.substring_scan) {
    stmt->Bind(1, std::string_view(match));
    stmt->Bind(2, std::string_view(options.mark_open));
    stmt->Bind(3, std::string_view(options.mark_close));
    stmt->Bind(4, static_cast<int64_t>(std::clamp(options.snippet_chars, 4, 64)));
  }
  stmt->Bind(5, static_cast<int64_t>(options.include_duplicates));
  if (site_id) stmt->Bind(6, *site_id);
  stmt->Bind(9, options.limit > 0 ? options.limit : int64_t{-1});
  for (size_t i = 0; i < substrings.size(); ++i) stmt->Bind(10 + static_cast<int>(i), std::string_view(substrings[i]));
  for (;;) {
    auto row = stmt->Step("searching");
    if (!row.ok()) return row.take_error();
    if (!*row) break;
    SearchHit hit;
    hit.id = stmt->Int(0);
    hit.url = stmt->String(1);
    hit.title = stmt->String(2);
    hit.site = stmt->String(3);
    hit.published = stmt->String(4);
    if (result.substring_scan) {
      hit.snippet = SubstringSnippet(stmt->Text(5), terms, options);
    } else {
      hit.snippet = stmt->String(5);
      FlattenNewlines(&hit.snippet);
    }
    hit.score = stmt->Double(6);
    if (!stmt->IsNull(7)) hit.duplicate_of = stmt->Int(7);
    result.hits.push_back(std::move(hit));
  }
  return result;
}

Result<std::vector<SiteStats>> SqliteStore::Stats() {
  GLEANER_TRY(Commit());
  // Each count walks one index (site_id-first), not the article rows.
  auto stmt = db_->Prepare(
      "SELECT s.name,"
      " (SELECT count(*) FROM articles a WHERE a.site_id = s.id),"
      " (SELECT count(*) FROM articles a WHERE a.site_id = s.id AND a.duplicate_of IS NOT NULL),"
      " (SELECT count(*) FROM article_versions v WHERE v.site_id = s.id),"
      " s.last_seen,"
      " (SELECT count(*) FROM fetch_log f WHERE f.site_id = s.id),"
      " (SELECT count(*) FROM fetch_log f WHERE f.site_id = s.id AND f.error IS NOT NULL)"
      " FROM sites s ORDER BY s.name");
  if (!stmt.ok()) return stmt.take_error();
  std::vector<SiteStats> sites;
  for (;;) {
    auto row = stmt->Step("counting");
    if (!row.ok()) return row.take_error();
    if (!*row) break;
    SiteStats site;
    site.site = stmt->String(0);
    site.duplicates = stmt->Int(2);
    site.articles = stmt->Int(1) - site.duplicates;
    site.versions = stmt->Int(3);
    site.last_seen = stmt->Int(4);
    site.fetches = stmt->Int(5);
    site.errors = stmt->Int(6);
    sites.push_back(std::move(site));
  }
  return sites;
}

}  // namespace gleaner::store::internal
