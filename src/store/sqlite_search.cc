// Search (FTS5 with the gleaner_v1 tokenizer, bm25, snippets; a substring
// scan in stores made without the index) and per-site Stats.
#include <algorithm>
#include <string>
#include <vector>

#include "fts_tokenizer.h"
#include "sqlite_store.h"
#include "store_internal.h"

namespace gleaner::store::internal {
namespace {

// Substring filters per scan (instr() slots in ScanSql).
constexpr size_t kMaxSubstringTerms = 6;
// bm25 column weights: a match in the title counts five times one in the body.
constexpr char kRanking[] = "bm25(5.0, 1.0)";
// FTS5's snippet() takes at most 64 tokens.
constexpr int kMaxSnippetTokens = 64;
// Characters per token in alphabetic text (a word and its space), to turn
// SearchOptions::snippet_chars into words.
constexpr int kCharsPerWord = 6;

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

// A snippet around the first match of any term, matches marked, for a
// substring scan (no FTS5 snippet() there).
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

// ?6 include duplicates, ?7 site id (NULL = all sites), ?8 limit.
constexpr char kFilters[] = " AND (?6 OR a.duplicate_of IS NULL) AND (?7 IS NULL OR a.site_id = ?7)";

// ?1 match, ?2/?3 marks, ?4/?5 snippet tokens for CJK / alphabetic bodies
// (told apart by bytes per character: CJK takes 3 in UTF-8). ORDER BY rank
// lets FTS5 hand rows over best first, so the join, the filters and
// snippet() run only until LIMIT rows are out, not for every match.
const char* FtsSql() {
  static const std::string sql = std::string(
      "SELECT a.id, a.url, a.title, s.name, a.published,"
      " snippet(articles_fts, 1, ?2, ?3, '…',"
      "  CASE WHEN length(CAST(a.body AS BLOB)) >= 2 * length(a.body) THEN ?4 ELSE ?5 END),"
      " articles_fts.rank, a.duplicate_of"
      " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
      " JOIN sites s ON s.id = a.site_id"
      " WHERE articles_fts MATCH ?1 AND articles_fts.rank MATCH '") + kRanking + "'" + kFilters +
      " ORDER BY articles_fts.rank LIMIT ?8";
  return sql.c_str();
}

// ?10.. substring terms (NULL = unused slot).
const char* ScanSql() {
  static const std::string sql = std::string(
      "SELECT a.id, a.url, a.title, s.name, a.published, a.body, 0.0, a.duplicate_of"
      " FROM articles a JOIN sites s ON s.id = a.site_id WHERE 1") + kFilters +
      " AND (?10 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?10) > 0)"
      " AND (?11 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?11) > 0)"
      " AND (?12 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?12) > 0)"
      " AND (?13 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?13) > 0)"
      " AND (?14 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?14) > 0)"
      " AND (?15 IS NULL OR instr(lower(coalesce(a.title, '') || char(10) || a.body), ?15) > 0)"
      " ORDER BY a.seq DESC LIMIT ?8";
  return sql.c_str();
}

// Steps a search statement, one hit per row (column order of both SQLs).
Result<std::vector<SearchHit>> ReadHits(Stmt& stmt, const std::vector<std::string>* scan_terms,
                                        const SearchOptions& options) {
  std::vector<SearchHit> hits;
  for (;;) {
    auto row = stmt.Step("searching");
    if (!row.ok()) return row.take_error();
    if (!*row) break;
    SearchHit hit;
    hit.id = stmt.Int(0);
    hit.url = stmt.String(1);
    hit.title = stmt.String(2);
    hit.site = stmt.String(3);
    hit.published = stmt.String(4);
    if (scan_terms != nullptr) {
      hit.snippet = SubstringSnippet(stmt.Text(5), *scan_terms, options);
    } else {
      hit.snippet = stmt.String(5);
      FlattenNewlines(&hit.snippet);
    }
    hit.score = stmt.Double(6);
    if (!stmt.IsNull(7)) hit.duplicate_of = stmt.Int(7);
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace

Result<SearchResult> SqliteStore::Search(std::string_view query, const SearchOptions& options) {
  std::vector<std::string> terms = SplitTerms(query);
  if (terms.empty()) return MakeError(Code::kInvalidInput, "empty search query");
  std::string match;
  if (search_index_) {
    match = FtsMatchExpression(query);
    if (match.empty()) {
      return MakeError(Code::kInvalidInput, "the search query '" + std::string(query) +
                                                "' has no letter, digit or CJK character to look up");
    }
  } else if (terms.size() > kMaxSubstringTerms) {
    return MakeError(Code::kInvalidInput, "too many search terms for a store without a search index (at most " +
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
  result.substring_scan = !search_index_;
  auto stmt = db_->Prepare(result.substring_scan ? ScanSql() : FtsSql());
  if (!stmt.ok()) return stmt.take_error();
  if (result.substring_scan) {
    for (size_t i = 0; i < terms.size(); ++i) stmt->Bind(10 + static_cast<int>(i), std::string_view(terms[i]));
  } else {
    int chars = std::max(options.snippet_chars, 1);
    stmt->Bind(1, std::string_view(match));
    stmt->Bind(2, std::string_view(options.mark_open));
    stmt->Bind(3, std::string_view(options.mark_close));
    stmt->Bind(4, static_cast<int64_t>(std::clamp(chars, 4, kMaxSnippetTokens)));
    stmt->Bind(5, static_cast<int64_t>(std::clamp(chars / kCharsPerWord, 4, kMaxSnippetTokens)));
  }
  stmt->Bind(6, static_cast<int64_t>(options.include_duplicates));
  if (site_id) stmt->Bind(7, *site_id);
  stmt->Bind(8, options.limit > 0 ? options.limit : int64_t{-1});
  auto hits = ReadHits(*stmt, result.substring_scan ? &terms : nullptr, options);
  if (!hits.ok()) return hits.take_error();
  result.hits = std::move(hits).value();
  return result;
}

void SqliteStore::QueueIndex(const PutOutcome& outcome) {
  if (!search_index_ || outcome.kind == PutKind::kUnchanged) return;
  // The first change in a batch decides what the index holds: nothing for
  // a new article, the version before it for a changed one.
  std::optional<int64_t> indexed;
  if (outcome.kind == PutKind::kNewVersion) indexed = outcome.version - 1;
  pending_index_.emplace(outcome.id, indexed);
}

Status SqliteStore::IndexPending() {
  if (pending_index_.empty()) return Status::Ok();
  constexpr char kDoing[] = "updating the search index";
  for (auto [id, indexed] : pending_index_) {
    if (indexed) {
      // External content: FTS5 removes an entry by tokenizing the text it
      // was made from, which the old version kept (SaveVersion).
      auto old = db_->Prepare("SELECT title, body FROM article_versions WHERE article_id = ?1 AND version = ?2");
      if (!old.ok()) return old.take_error();
      old->Bind(1, id);
      old->Bind(2, *indexed);
      auto row = old->Step(kDoing);
      if (!row.ok()) return row.take_error();
      if (!*row) return MakeError(Code::kInternal, path() + ": " + kDoing + ": no version " +
                                                       std::to_string(*indexed) + " of article " + std::to_string(id));
      auto remove = db_->Prepare(
          "INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)");
      if (!remove.ok()) return remove.take_error();
      remove->Bind(1, id);
      remove->Bind(2, old->Text(0));
      remove->Bind(3, old->Text(1));
      GLEANER_TRY(remove->Run(kDoing));
    }
    auto now = db_->Prepare("SELECT title, body FROM articles WHERE id = ?1");
    if (!now.ok()) return now.take_error();
    now->Bind(1, id);
    auto row = now->Step(kDoing);
    if (!row.ok()) return row.take_error();
    if (!*row) return MakeError(Code::kInternal, path() + ": " + kDoing + ": no article " + std::to_string(id));
    auto add = db_->Prepare("INSERT INTO articles_fts(rowid, title, body) VALUES (?1, ?2, ?3)");
    if (!add.ok()) return add.take_error();
    add->Bind(1, id);
    add->Bind(2, now->Text(0));
    add->Bind(3, now->Text(1));
    GLEANER_TRY(add->Run(kDoing));
  }
  pending_index_.clear();
  return Status::Ok();
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
