// The SQLite frontier: a second connection to the store's file, used only by
// the crawl's writer thread. Why a second connection and not the Store's:
// docs/internals/crawl.md ("The frontier's connection").
//
// Invariants (besides the table's, in schema.cc):
//  (1) site_rows_ holds, for each site it names, the site's row count as of
//      the last Add (loaded on first use, kept in step by Add);
//  (2) in_txn_ == db_->in_transaction() between public calls.
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "gleaner/frontier.h"
#include "gleaner/store.h"
#include "sqlite_wrap.h"
#include "store_internal.h"

namespace gleaner::store {
namespace internal {
namespace {

constexpr int kFrontierVersion = 2;  // the migration that made the tables

constexpr char kColumns[] =
    "id, url_key, url, site, host, kind, state, depth, hops, attempts, next_fetch_ms, fetched_ms,"
    " http_status, etag, last_modified, content_hash, lastmod, error";

FrontierUrl ReadRow(const Stmt& s) {
  FrontierUrl row;
  row.id = s.Int(0);
  row.url_key = s.String(1);
  row.url = s.String(2);
  row.site = s.String(3);
  row.host = s.String(4);
  row.kind = static_cast<PageKind>(s.Int(5));
  row.state = static_cast<UrlState>(s.Int(6));
  row.depth = static_cast<int>(s.Int(7));
  row.hops = static_cast<int>(s.Int(8));
  row.attempts = static_cast<int>(s.Int(9));
  row.next_fetch_ms = s.Int(10);
  row.fetched_ms = s.Int(11);
  row.http_status = static_cast<int>(s.Int(12));
  row.etag = s.String(13);
  row.last_modified = s.String(14);
  if (!s.IsNull(15)) row.content_hash = static_cast<uint64_t>(s.Int(15));
  row.lastmod = s.String(16);
  row.error = s.String(17);
  return row;
}

class SqliteFrontier final : public Frontier {
 public:
  explicit SqliteFrontier(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  ~SqliteFrontier() override { Rollback(); }

  Status Begin() override;
  Status Commit() override;
  void Rollback() override;
  Result<int64_t> StartRun(int64_t now_ms) override;
  Status FinishRun(int64_t run, const RunTotals& totals, int64_t now_ms) override;
  Result<AddResult> Add(const std::vector<NewUrl>& urls, int64_t run, int64_t max_rows_per_site) override;
  Result<LeaseResult> Lease(std::string_view host, int limit, int64_t now_ms) override;
  Result<std::vector<HostDue>> PendingHosts() override;
  Status Finish(int64_t id, const FetchOutcome& outcome) override;
  Status Record(const NewUrl& url, const FetchOutcome& outcome) override;
  Status Release(int64_t id) override;
  Result<std::optional<RobotsRecord>> Robots(std::string_view host) override;
  Status SaveRobots(const RobotsRecord& record) override;
  Result<std::optional<FrontierUrl>> Get(std::string_view url_key) override;
  Result<std::map<std::string, int64_t>> CountByState() override;

  Status Configure(const FrontierOptions& options);

 private:
  Result<int64_t> SiteRows(const std::string& site);
  // Inserts one URL; true when a row was made.
  Result<bool> Insert(const NewUrl& url, int64_t run);
  // Makes an existing row pending again when `url` asks for it (a seed; a
  // new sitemap lastmod); true when it did.
  Result<bool> Requeue(const NewUrl& url);
  Result<int64_t> NextDue(std::string_view host);
  Status Run(const char* sql, std::string_view doing);

  std::unique_ptr<Db> db_;
  bool in_txn_ = false;
  std::unordered_map<std::string, int64_t> site_rows_;
};

Status SqliteFrontier::Configure(const FrontierOptions& options) {
  sqlite3_busy_timeout(db_->raw(), options.busy_timeout_ms);
  GLEANER_TRY(db_->Exec(options.fsync ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=OFF",
                        "configuring the frontier"));
  // The Store made the file WAL; asking again is a no-op that also covers a
  // file a tool switched back.
  GLEANER_TRY(db_->Exec("PRAGMA journal_mode=WAL", "configuring the frontier"));
  auto version = db_->QueryInt("PRAGMA user_version", "reading the schema version");
  if (!version.ok()) return version.take_error();
  if (*version < kFrontierVersion) {
    return MakeError(Code::kCorrupt, db_->path() + ": the store has no frontier table (schema version " +
                                         std::to_string(*version) + ")");
  }
  return Status::Ok();
}

Status SqliteFrontier::Run(const char* sql, std::string_view doing) {
  auto stmt = db_->Prepare(sql);
  if (!stmt.ok()) return stmt.take_error();
  return stmt->Run(doing);
}

Status SqliteFrontier::Begin() {
  if (in_txn_) return Status::Ok();
  GLEANER_TRY(db_->Exec("BEGIN IMMEDIATE", "starting a frontier write"));
  in_txn_ = true;
  return Status::Ok();
}

Status SqliteFrontier::Commit() {
  if (!in_txn_) return Status::Ok();
  Status done = db_->Exec("COMMIT", "committing the frontier");
  if (!done.ok()) {
    Rollback();
    return done;
  }
  in_txn_ = false;
  return Status::Ok();
}

void SqliteFrontier::Rollback() {
  if (db_->in_transaction()) (void)db_->Exec("ROLLBACK", "rolling back the frontier");
  in_txn_ = false;
  site_rows_.clear();  // counts may include rolled-back rows
}

Result<int64_t> SqliteFrontier::StartRun(int64_t now_ms) {
  GLEANER_TRY(Begin());
  Status done = [&]() -> Status {
    GLEANER_TRY(Run("UPDATE frontier SET state = 0 WHERE state = 1", "returning old leases"));
    GLEANER_TRY(Run("UPDATE frontier SET state = 0, next_fetch_ms = 0"
                    " WHERE state IN (2, 4) AND kind IN (0, 1, 2)",
                    "queueing list pages, feeds and sitemaps"));
    GLEANER_TRY(Run("UPDATE frontier SET state = 0 WHERE state = 5", "queueing robots-blocked URLs"));
    auto revisit = db_->Prepare(
        "UPDATE frontier SET state = 0 WHERE state = 2 AND kind = 3"
        " AND next_fetch_ms > 0 AND next_fetch_ms <= ?1");
    if (!revisit.ok()) return revisit.take_error();
    revisit->Bind(1, now_ms);
    GLEANER_TRY(revisit->Run("queueing articles to revisit"));
    auto run = db_->Prepare("INSERT INTO crawl_runs(started_ms, status) VALUES (?1, 'running')");
    if (!run.ok()) return run.take_error();
    run->Bind(1, now_ms);
    return run->Run("numbering the run");
  }();
  if (!done.ok()) {
    Rollback();
    return done.take_error();
  }
  int64_t run = sqlite3_last_insert_rowid(db_->raw());
  GLEANER_TRY(Commit());
  return run;
}

Status SqliteFrontier::FinishRun(int64_t run, const RunTotals& totals, int64_t now_ms) {
  auto stmt = db_->Prepare(
      "UPDATE crawl_runs SET finished_ms = ?2, status = ?3, pages = ?4, articles = ?5, failed = ?6"
      " WHERE id = ?1");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, run);
  stmt->Bind(2, now_ms);
  stmt->Bind(3, std::string_view(totals.status));
  stmt->Bind(4, totals.pages);
  stmt->Bind(5, totals.articles);
  stmt->Bind(6, totals.failed);
  return stmt->Run("recording the run");
}

Result<int64_t> SqliteFrontier::SiteRows(const std::string& site) {
  auto it = site_rows_.find(site);
  if (it != site_rows_.end()) return it->second;
  auto stmt = db_->Prepare("SELECT count(*) FROM frontier WHERE site = ?1");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, std::string_view(site));
  auto row = stmt->Step("counting a site's URLs");
  if (!row.ok()) return row.take_error();
  int64_t count = *row ? stmt->Int(0) : 0;
  site_rows_[site] = count;
  return count;
}

Result<bool> SqliteFrontier::Insert(const NewUrl& url, int64_t run) {
  auto stmt = db_->Prepare(
      "INSERT OR IGNORE INTO frontier(url_key, url, site, host, kind, depth, hops, found_run, lastmod)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, std::string_view(url.url_key));
  stmt->Bind(2, std::string_view(url.url));
  stmt->Bind(3, std::string_view(url.site));
  stmt->Bind(4, std::string_view(url.host));
  stmt->Bind(5, int64_t{static_cast<int>(url.kind)});
  stmt->Bind(6, int64_t{url.depth});
  stmt->Bind(7, int64_t{url.hops});
  stmt->Bind(8, run);
  stmt->BindTextOrNull(9, url.lastmod);
  GLEANER_TRY(stmt->Run("adding a URL"));
  return sqlite3_changes(db_->raw()) > 0;
}

Result<bool> SqliteFrontier::Requeue(const NewUrl& url) {
  if (url.seed) {
    auto stmt = db_->Prepare(
        "UPDATE frontier SET state = 0, next_fetch_ms = 0, kind = ?2, depth = 0, attempts ="
        " CASE WHEN state IN (3, 4) THEN 0 ELSE attempts END"
        " WHERE url_key = ?1 AND state NOT IN (0, 1)");
    if (!stmt.ok()) return stmt.take_error();
    stmt->Bind(1, std::string_view(url.url_key));
    stmt->Bind(2, int64_t{static_cast<int>(url.kind)});
    GLEANER_TRY(stmt->Run("queueing a start URL"));
    return sqlite3_changes(db_->raw()) > 0;
  }
  if (url.lastmod.empty()) return false;
  // A sitemap saying an article changed since we saw it: fetch it again
  // (conditionally). A first lastmod for a known row is only remembered.
  auto stmt = db_->Prepare(
      "UPDATE frontier SET lastmod = ?2,"
      " state = CASE WHEN state = 2 AND lastmod IS NOT NULL THEN 0 ELSE state END,"
      " next_fetch_ms = CASE WHEN state = 2 AND lastmod IS NOT NULL THEN 0 ELSE next_fetch_ms END"
      " WHERE url_key = ?1 AND (lastmod IS NULL OR lastmod <> ?2)");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, std::string_view(url.url_key));
  stmt->Bind(2, std::string_view(url.lastmod));
  GLEANER_TRY(stmt->Run("noting a sitemap lastmod"));
  if (sqlite3_changes(db_->raw()) == 0) return false;
  auto state = db_->Prepare("SELECT state FROM frontier WHERE url_key = ?1");
  if (!state.ok()) return state.take_error();
  state->Bind(1, std::string_view(url.url_key));
  auto row = state->Step("noting a sitemap lastmod");
  if (!row.ok()) return row.take_error();
  return *row && state->Int(0) == 0;
}

Result<AddResult> SqliteFrontier::Add(const std::vector<NewUrl>& urls, int64_t run,
                                      int64_t max_rows_per_site) {
  AddResult result;
  std::unordered_set<std::string> hosts;
  for (const NewUrl& url : urls) {
    auto rows = SiteRows(url.site);
    if (!rows.ok()) return rows.take_error();
    bool full = max_rows_per_site > 0 && *rows >= max_rows_per_site;
    bool pending = false;
    if (!full) {
      auto inserted = Insert(url, run);
      if (!inserted.ok()) return inserted.take_error();
      if (*inserted) {
        ++result.added;
        ++site_rows_[url.site];
        pending = true;
      }
    }
    if (!pending) {
      auto requeued = Requeue(url);
      if (!requeued.ok()) return requeued.take_error();
      if (*requeued) {
        ++result.requeued;
        pending = true;
      } else if (full) {
        ++result.capped;
      }
    }
    if (pending && hosts.insert(url.host).second) result.hosts.push_back(url.host);
  }
  return result;
}

Result<int64_t> SqliteFrontier::NextDue(std::string_view host) {
  auto stmt = db_->Prepare("SELECT min(next_fetch_ms) FROM frontier WHERE host = ?1 AND state = 0");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, host);
  auto row = stmt->Step("reading a host's next due time");
  if (!row.ok()) return row.take_error();
  return *row && !stmt->IsNull(0) ? stmt->Int(0) : int64_t{-1};
}

Result<LeaseResult> SqliteFrontier::Lease(std::string_view host, int limit, int64_t now_ms) {
  LeaseResult result;
  {
    static const std::string sql = std::string("SELECT ") + kColumns +
        " FROM frontier WHERE host = ?1 AND state = 0 AND next_fetch_ms <= ?2"
        " ORDER BY kind, found_run DESC, lastmod, id LIMIT ?3";
    auto stmt = db_->Prepare(sql.c_str());
    if (!stmt.ok()) return stmt.take_error();
    stmt->Bind(1, host);
    stmt->Bind(2, now_ms);
    stmt->Bind(3, int64_t{limit});
    for (;;) {
      auto row = stmt->Step("leasing URLs");
      if (!row.ok()) return row.take_error();
      if (!*row) break;
      result.urls.push_back(ReadRow(*stmt));
    }
  }
  auto mark = db_->Prepare("UPDATE frontier SET state = 1 WHERE id = ?1");
  if (!mark.ok()) return mark.take_error();
  for (FrontierUrl& url : result.urls) {
    mark->Bind(1, url.id);
    GLEANER_TRY(mark->Run("leasing URLs"));
    mark->Reset();
    url.state = UrlState::kLeased;
  }
  if (static_cast<int>(result.urls.size()) < limit) {
    auto next = NextDue(host);
    if (!next.ok()) return next.take_error();
    result.next_due_ms = *next;
  }
  return result;
}

Result<std::vector<HostDue>> SqliteFrontier::PendingHosts() {
  auto stmt = db_->Prepare("SELECT host, min(next_fetch_ms) FROM frontier WHERE state = 0 GROUP BY host");
  if (!stmt.ok()) return stmt.take_error();
  std::vector<HostDue> hosts;
  for (;;) {
    auto row = stmt->Step("listing hosts with work");
    if (!row.ok()) return row.take_error();
    if (!*row) break;
    hosts.push_back({stmt->String(0), stmt->Int(1)});
  }
  return hosts;
}

Status SqliteFrontier::Finish(int64_t id, const FetchOutcome& outcome) {
  auto stmt = db_->Prepare(
      "UPDATE frontier SET state = ?2, kind = ?3, attempts = ?4, next_fetch_ms = ?5,"
      " fetched_ms = CASE WHEN ?6 > 0 THEN ?6 ELSE fetched_ms END,"
      " http_status = CASE WHEN ?7 > 0 THEN ?7 ELSE http_status END,"
      " etag = CASE WHEN ?8 THEN ?9 ELSE etag END,"
      " last_modified = CASE WHEN ?8 THEN ?10 ELSE last_modified END,"
      " content_hash = CASE WHEN ?8 THEN ?11 ELSE content_hash END,"
      " error = ?12 WHERE id = ?1");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, id);
  stmt->Bind(2, int64_t{static_cast<int>(outcome.state)});
  stmt->Bind(3, int64_t{static_cast<int>(outcome.kind)});
  stmt->Bind(4, int64_t{outcome.attempts});
  stmt->Bind(5, outcome.next_fetch_ms);
  stmt->Bind(6, outcome.fetched_ms);
  stmt->Bind(7, int64_t{outcome.http_status});
  stmt->Bind(8, int64_t{outcome.validators ? 1 : 0});
  stmt->BindTextOrNull(9, outcome.etag);
  stmt->BindTextOrNull(10, outcome.last_modified);
  if (outcome.content_hash) {
    stmt->Bind(11, static_cast<int64_t>(*outcome.content_hash));
  } else {
    stmt->BindNull(11);
  }
  stmt->BindTextOrNull(12, outcome.error);
  return stmt->Run("recording a fetch");
}

Status SqliteFrontier::Record(const NewUrl& url, const FetchOutcome& outcome) {
  // A row made here counts towards the site like any other (invariant 1).
  auto inserted = Insert(url, 0);
  if (!inserted.ok()) return inserted.take_error();
  if (*inserted) {
    auto rows = SiteRows(url.site);
    if (!rows.ok()) return rows.take_error();
    ++site_rows_[url.site];
  }
  auto existing = Get(url.url_key);
  if (!existing.ok()) return existing.take_error();
  if (!existing->has_value() || (*existing)->state == UrlState::kLeased) return Status::Ok();
  return Finish((*existing)->id, outcome);
}

Status SqliteFrontier::Release(int64_t id) {
  auto stmt = db_->Prepare("UPDATE frontier SET state = 0 WHERE id = ?1 AND state = 1");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, id);
  return stmt->Run("returning a lease");
}

Result<std::optional<RobotsRecord>> SqliteFrontier::Robots(std::string_view host) {
  auto stmt = db_->Prepare(
      "SELECT robots_status, robots_body, etag, last_modified, fetched_ms FROM frontier_hosts"
      " WHERE host = ?1");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, host);
  auto row = stmt->Step("reading cached robots.txt");
  if (!row.ok()) return row.take_error();
  if (!*row) return std::optional<RobotsRecord>();
  RobotsRecord record;
  record.host = std::string(host);
  record.http_status = static_cast<int>(stmt->Int(0));
  record.body = stmt->String(1);
  record.etag = stmt->String(2);
  record.last_modified = stmt->String(3);
  record.fetched_ms = stmt->Int(4);
  return std::optional<RobotsRecord>(std::move(record));
}

Status SqliteFrontier::SaveRobots(const RobotsRecord& record) {
  auto stmt = db_->Prepare(
      "INSERT OR REPLACE INTO frontier_hosts(host, robots_status, robots_body, etag, last_modified,"
      " fetched_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, std::string_view(record.host));
  stmt->Bind(2, int64_t{record.http_status});
  stmt->Bind(3, std::string_view(record.body));
  stmt->BindTextOrNull(4, record.etag);
  stmt->BindTextOrNull(5, record.last_modified);
  stmt->Bind(6, record.fetched_ms);
  return stmt->Run("caching robots.txt");
}

Result<std::optional<FrontierUrl>> SqliteFrontier::Get(std::string_view url_key) {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM frontier WHERE url_key = ?1";
  auto stmt = db_->Prepare(sql.c_str());
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, url_key);
  auto row = stmt->Step("reading a frontier row");
  if (!row.ok()) return row.take_error();
  if (!*row) return std::optional<FrontierUrl>();
  return std::optional<FrontierUrl>(ReadRow(*stmt));
}

Result<std::map<std::string, int64_t>> SqliteFrontier::CountByState() {
  auto stmt = db_->Prepare("SELECT state, count(*) FROM frontier GROUP BY state");
  if (!stmt.ok()) return stmt.take_error();
  std::map<std::string, int64_t> counts;
  for (;;) {
    auto row = stmt->Step("counting frontier rows");
    if (!row.ok()) return row.take_error();
    if (!*row) break;
    counts[std::string(UrlStateName(static_cast<UrlState>(stmt->Int(0))))] = stmt->Int(1);
  }
  return counts;
}

Result<std::unique_ptr<Frontier>> OpenSqliteFrontier(const std::string& path, const FrontierOptions& options) {
  std::error_code ec;
  auto version_ok = [&]() -> bool {
    if (!std::filesystem::exists(path, ec)) return false;
    auto db = Db::Open(path, SQLITE_OPEN_READONLY);
    if (!db.ok()) return false;
    auto version = (*db)->QueryInt("PRAGMA user_version", "reading the schema version");
    return version.ok() && *version >= kFrontierVersion;
  };
  if (!version_ok()) {
    // The Store owns the schema: opening one creates or migrates the file.
    Options store_options;
    store_options.fsync = options.fsync;
    store_options.busy_timeout_ms = options.busy_timeout_ms;
    auto store = Store::Open(path, store_options);
    if (!store.ok()) return store.take_error();
  }
  auto db = Db::Open(path, SQLITE_OPEN_READWRITE);
  if (!db.ok()) return db.take_error();
  auto frontier = std::make_unique<SqliteFrontier>(std::move(db).value());
  GLEANER_TRY(frontier->Configure(options));
  return std::unique_ptr<Frontier>(std::move(frontier));
}

}  // namespace
}  // namespace internal

std::string_view PageKindName(PageKind kind) {
  switch (kind) {
    case PageKind::kSitemap: return "sitemap";
    case PageKind::kFeed: return "feed";
    case PageKind::kList: return "list";
    case PageKind::kArticle: return "article";
    case PageKind::kOther: return "other";
  }
  return "unknown";
}

std::string_view UrlStateName(UrlState state) {
  switch (state) {
    case UrlState::kPending: return "pending";
    case UrlState::kLeased: return "leased";
    case UrlState::kDone: return "done";
    case UrlState::kGone: return "gone";
    case UrlState::kFailed: return "failed";
    case UrlState::kBlocked: return "blocked";
  }
  return "unknown";
}

Result<std::unique_ptr<Frontier>> Frontier::Open(const std::string& path, const FrontierOptions& options) {
  if (path.empty()) return MakeError(Code::kInvalidInput, "no store path given");
  return internal::OpenSqliteFrontier(path, options);
}

}  // namespace gleaner::store
