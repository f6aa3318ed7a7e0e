// Reading the store: Scan (export's stream), Get, History, and the
// per-consumer cursors.
#include <algorithm>
#include <string>

#include "gleaner/url.h"
#include "sqlite_store.h"
#include "store_internal.h"

namespace gleaner::store::internal {
namespace {

// The content columns prefixed with "a."; the body is read only when ?8 is
// true (a CASE branch that is not taken never loads the column).
std::string ArticleColumns(bool optional_body) {
  std::string out = "a.id, a.seq, a.first_seen, a.last_seen, a.version, a.duplicate_of";
  std::string_view cols = kContentColumns;
  while (!cols.empty()) {
    size_t comma = cols.find(", ");
    std::string_view col = cols.substr(0, comma);
    out += ", ";
    out += optional_body && col == "body" ? std::string("CASE WHEN ?8 THEN a.body ELSE '' END")
                                           : "a." + std::string(col);
    cols = comma == std::string_view::npos ? std::string_view() : cols.substr(comma + 2);
  }
  return out;
}
constexpr int kFirstContentColumn = 6;

// ?1 after_seq, ?2 include duplicates, ?3/?4 day bounds, ?5/?6 instant
// bounds, ?7 limit (-1 = none), ?8 with body, ?9 site id.
const char* ScanSql(bool by_site) {
  static const std::string kFilters =
      " WHERE a.seq > ?1 AND (?2 OR a.duplicate_of IS NULL)"
      " AND (?3 IS NULL OR a.pub_day >= ?3) AND (?4 IS NULL OR a.pub_day <= ?4)"
      " AND (?5 IS NULL OR a.pub_epoch >= ?5) AND (?6 IS NULL OR a.pub_epoch <= ?6)";
  static const std::string all = "SELECT " + ArticleColumns(true) + " FROM articles a" + kFilters +
                                 " ORDER BY a.seq LIMIT ?7";
  static const std::string site = "SELECT " + ArticleColumns(true) + " FROM articles a" + kFilters +
                                  " AND a.site_id = ?9 ORDER BY a.seq LIMIT ?7";
  return by_site ? site.c_str() : all.c_str();
}

const char* GetSql() {
  static const std::string sql = "SELECT " + ArticleColumns(false) + " FROM articles a WHERE a.id = ?1";
  return sql.c_str();
}

const char* HistorySql() {
  static const std::string sql = std::string("SELECT article_id, 0, seen_from, seen_until, version, NULL, ") +
                                 kContentColumns +
                                 " FROM article_versions WHERE article_id = ?1 ORDER BY version";
  return sql.c_str();
}

void ReadRow(const Stmt& stmt, Article* article, int64_t* seq) {
  StoredInfo stored;
  stored.id = stmt.Int(0);
  *seq = stmt.Int(1);
  stored.first_seen = stmt.Int(2);
  stored.last_seen = stmt.Int(3);
  stored.version = stmt.Int(4);
  if (!stmt.IsNull(5)) stored.duplicate_of = stmt.Int(5);
  ReadContent(stmt, kFirstContentColumn, article);
  article->stored = stored;
}

void BindBound(Stmt& stmt, int day_index, int epoch_index, const std::optional<DateBound>& bound) {
  if (bound && !bound->day.empty()) stmt.Bind(day_index, std::string_view(bound->day));
  if (bound && bound->epoch_s) stmt.Bind(epoch_index, *bound->epoch_s);
}

}  // namespace

Result<std::optional<int64_t>> SqliteStore::SiteIdForFilter(const std::string& site) {
  // Accept a site, a host or a URL; all name the registrable site.
  std::string host = site.find("://") != std::string::npos ? url::HostOf(site) : site;
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!host.empty() && host.back() == '.') host.pop_back();
  std::string name = url::SiteOf(host);
  if (name.empty()) name = host;
  auto stmt = db_->Prepare("SELECT id FROM sites WHERE name = ?1");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, std::string_view(name));
  auto row = stmt->Step("looking up the site");
  if (!row.ok()) return row.take_error();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(stmt->Int(0));
}

Result<ScanResult> SqliteStore::Scan(const Query& query, const ScanVisitor& visit) {
  GLEANER_TRY(Commit());  // our own pending rows are part of what we read
  std::optional<int64_t> site_id;
  if (!query.site.empty()) {
    auto found = SiteIdForFilter(query.site);
    if (!found.ok()) return found.take_error();
    site_id = found->value_or(-1);  // an unknown site matches nothing
  }
  // One read transaction: the high-water mark and the rows come from the
  // same snapshot, so a cursor never skips a row committed meanwhile.
  GLEANER_TRY(db_->Exec("BEGIN", "starting a read"));
  Result<ScanResult> result = [&]() -> Result<ScanResult> {
    auto high = db_->QueryInt("SELECT COALESCE(MAX(seq), 0) FROM articles", "reading");
    if (!high.ok()) return high.take_error();
    auto stmt = db_->Prepare(ScanSql(site_id.has_value()));
    if (!stmt.ok()) return stmt.take_error();
    stmt->Bind(1, query.after_seq);
    stmt->Bind(2, static_cast<int64_t>(query.include_duplicates));
    BindBound(*stmt, 3, 5, query.since);
    BindBound(*stmt, 4, 6, query.until);
    stmt->Bind(7, query.limit > 0 ? query.limit : int64_t{-1});
    stmt->Bind(8, static_cast<int64_t>(query.with_body));
    if (site_id) stmt->Bind(9, *site_id);
    ScanResult scan;
    int64_t last_seq = query.after_seq;
    Article article;
    for (;;) {
      auto row = stmt->Step("reading articles");
      if (!row.ok()) return row.take_error();
      if (!*row) break;
      ReadRow(*stmt, &article, &last_seq);
      GLEANER_TRY(visit(article, last_seq));
      ++scan.rows;
    }
    bool stopped_by_limit = query.limit > 0 && scan.rows == query.limit;
    scan.cursor_seq = stopped_by_limit ? last_seq : std::max(*high, query.after_seq);
    return scan;
  }();
  Status ended = db_->Exec("COMMIT", "ending a read");
  if (!result.ok()) return result;
  if (!ended.ok()) return ended.take_error();
  return result;
}

Result<Article> SqliteStore::Get(int64_t id) {
  GLEANER_TRY(Commit());
  auto stmt = db_->Prepare(GetSql());
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, id);
  auto row = stmt->Step("reading an article");
  if (!row.ok()) return row.take_error();
  if (!*row) return MakeError(Code::kNotFound, path() + ": no article with id " + std::to_string(id));
  Article article;
  int64_t seq = 0;
  ReadRow(*stmt, &article, &seq);
  return article;
}

Result<std::vector<Article>> SqliteStore::History(int64_t id) {
  GLEANER_TRY(Commit());
  auto stmt = db_->Prepare(HistorySql());
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, id);
  std::vector<Article> versions;
  for (;;) {
    auto row = stmt->Step("reading versions");
    if (!row.ok()) return row.take_error();
    if (!*row) break;
    Article article;
    int64_t seq = 0;
    ReadRow(*stmt, &article, &seq);
    versions.push_back(std::move(article));
  }
  return versions;
}

Result<int64_t> SqliteStore::CursorPosition(std::string_view name) {
  auto stmt = db_->Prepare("SELECT seq FROM cursors WHERE name = ?1");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, name);
  auto row = stmt->Step("reading the cursor");
  if (!row.ok()) return row.take_error();
  return *row ? stmt->Int(0) : int64_t{0};
}

Status SqliteStore::AdvanceCursor(std::string_view name, int64_t seq) {
  GLEANER_TRY(WritableOrError("moving the cursor"));
  if (name.empty()) return MakeError(Code::kInvalidInput, path() + ": a cursor needs a name");
  GLEANER_TRY(Commit());
  GLEANER_TRY(BeginBatch());
  Status done = [&]() -> Status {
    auto stmt = db_->Prepare(
        "INSERT INTO cursors(name, seq, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT(name)"
        " DO UPDATE SET seq = max(seq, excluded.seq), updated_at = excluded.updated_at");
    if (!stmt.ok()) return stmt.take_error();
    stmt->Bind(1, name);
    stmt->Bind(2, seq);
    stmt->Bind(3, clock_->NowMs() / 1000);
    return stmt->Run("moving the cursor");
  }();
  if (!done.ok()) return RecoverFromWriteError(done.take_error(), /*in_savepoint=*/false);
  return Commit();
}

}  // namespace gleaner::store::internal
