// Put: one article through dedup into the open batch, and the fetch log.
// Order of questions: same URL key? (unchanged / new version) - else same
// body or near body (one banded fingerprint index answers both; an exact
// copy wins over a near one) - else a same-title original with a resembling
// body (sqlite_near_titles.cc) - else a new original.
#include <sqlite3.h>

#include <array>
#include <string>
#include <vector>

#include "gleaner/url.h"
#include "sqlite_store.h"
#include "store_internal.h"

namespace gleaner::store::internal {
namespace {

// "input=?1, url=?2, ..." for the content columns.
std::string ContentAssignments() {
  std::string out;
  std::string_view cols = kContentColumns;
  int index = 1;
  while (!cols.empty()) {
    size_t comma = cols.find(", ");
    std::string_view col = cols.substr(0, comma);
    if (index > 1) out += ", ";
    out += std::string(col) + "=?" + std::to_string(index++);
    cols = comma == std::string_view::npos ? std::string_view() : cols.substr(comma + 2);
  }
  return out;
}

const char* InsertSql() {
  static const std::string sql = std::string("INSERT INTO articles(") + kContentColumns +
      ", site_id, url_key, seq, content_hash, fingerprint, text_chars, pub_day, pub_epoch,"
      " first_seen, last_seen, changed_at, version, duplicate_of) VALUES (?1, ?2, ?3, ?4, ?5,"
      " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,"
      " ?24, ?25, ?26, ?27, ?28, ?29, ?29, ?29, 1, ?30)";
  return sql.c_str();
}

const char* UpdateSql() {
  static const std::string sql = "UPDATE articles SET " + ContentAssignments() +
      ", content_hash=?21, fingerprint=?22, text_chars=?23, pub_day=?24, pub_epoch=?25,"
      " last_seen=max(last_seen, ?26), changed_at=?26, version=version+1, seq=?27,"
      " duplicate_of=?28 WHERE id=?29";
  return sql.c_str();
}

const char* SaveVersionSql() {
  static const std::string sql = std::string("INSERT INTO article_versions(article_id, site_id, version, ") +
      kContentColumns + ", content_hash, seen_from, seen_until) SELECT id, site_id, version, " +
      kContentColumns + ", content_hash, changed_at, ?2 FROM articles WHERE id = ?1";
  return sql.c_str();
}

// AddBands inserts all of an article's band rows with one statement: one
// run instead of one per band saves about a microsecond a Put. The SQL is
// built once per band count (1..64); Prepare caches it by the pointer.
const char* InsertBandsSql(int bands) {
  static const std::array<std::string, 65> sqls = [] {
    std::array<std::string, 65> built;
    for (int n = 1; n <= 64; ++n) {
      std::string shared = ", ?" + std::to_string(n + 1) + ", ?" + std::to_string(n + 2) + ", ?" +
                           std::to_string(n + 3) + ")";
      built[n] = "INSERT OR IGNORE INTO near_bands(band_key, article_id, fingerprint, content_hash) VALUES ";
      for (int i = 1; i <= n; ++i) built[n] += (i > 1 ? ", (?" : "(?") + std::to_string(i) + shared;
    }
    return built;
  }();
  return sqls[bands].c_str();
}

// The published day/instant, else first_seen's (invariant 6).
PublishedAt DatedBy(const Article& article, int64_t first_seen) {
  if (auto at = ParsePublished(article.published)) return *at;
  return PublishedAt{UtcDay(first_seen), first_seen};
}

void BindOptionalId(Stmt& stmt, int index, std::optional<int64_t> id) {
  if (id) {
    stmt.Bind(index, *id);
  } else {
    stmt.BindNull(index);
  }
}

}  // namespace

Result<PutOutcome> SqliteStore::Put(const Article& article, const PutContext& context) {
  GLEANER_TRY(WritableOrError("storing an article"));
  auto identity = dedup::IdentifyArticle(article);
  if (!identity.ok()) return MakeError(Code::kInvalidInput, path() + ": " + identity.error().message);
  dedup::Signature signature = context.signature ? *context.signature : dedup::Sign(article.body);
  int64_t now_ms = context.seen_at_ms > 0 ? context.seen_at_ms : clock_->NowMs();
  GLEANER_TRY(BeginBatch());
  {
    auto savepoint = db_->Prepare("SAVEPOINT put");
    if (!savepoint.ok()) return savepoint.take_error();
    GLEANER_TRY(savepoint->Run("storing an article"));
  }
  auto outcome = PutInBatch(article, *identity, signature, now_ms / 1000);
  if (outcome.ok()) {
    auto release = db_->Prepare("RELEASE put");
    Status released = release.ok() ? release->Run("storing an article") : Status(release.take_error());
    if (!released.ok()) outcome = released.take_error();
  }
  if (!outcome.ok()) {
    Error error = outcome.take_error();
    error.message += " (storing " + identity->key + ")";
    return RecoverFromWriteError(std::move(error), /*in_savepoint=*/true);
  }
  ++pending_;
  QueueIndex(*outcome);
  GLEANER_TRY(MaybeCommit());
  return outcome;
}

Result<PutOutcome> SqliteStore::PutInBatch(const Article& article, const dedup::UrlIdentity& identity,
                                           const dedup::Signature& signature, int64_t now_s) {
  auto site_id = SiteId(identity.site, now_s);
  if (!site_id.ok()) return site_id.take_error();
  auto existing = FindByKey(identity.key);
  if (!existing.ok()) return existing.take_error();
  if (!existing->has_value()) return PutNew(article, identity, signature, *site_id, now_s);
  const Existing& old = **existing;
  if (old.content_hash != signature.content_hash) return PutNewVersion(article, old, signature, now_s);
  auto touch = db_->Prepare("UPDATE articles SET last_seen = max(last_seen, ?2) WHERE id = ?1");
  if (!touch.ok()) return touch.take_error();
  touch->Bind(1, old.id);
  touch->Bind(2, now_s);
  GLEANER_TRY(touch->Run("updating last_seen"));
  PutOutcome outcome;
  outcome.kind = PutKind::kUnchanged;
  outcome.id = old.id;
  outcome.version = old.version;
  outcome.duplicate_of = old.duplicate_of;
  return outcome;
}

Result<PutOutcome> SqliteStore::PutNew(const Article& article, const dedup::UrlIdentity& identity,
                                       const dedup::Signature& signature, int64_t site_id, int64_t now_s) {
  auto match = FindDuplicate(article, signature, /*exclude_id=*/0);
  if (!match.ok()) return match.take_error();
  PutOutcome outcome;
  if (match->has_value()) {
    outcome.duplicate_of = (*match)->id;
    outcome.distance = (*match)->distance;
  }
  auto id = InsertArticle(article, identity, signature, site_id, now_s, outcome.duplicate_of);
  if (!id.ok()) return id.take_error();
  if (!outcome.duplicate_of && Indexable(signature.text_chars)) {
    GLEANER_TRY(AddBands(*id, signature.fingerprint, signature.content_hash));
    GLEANER_TRY(AddTitle(*id, dedup::TitleKey(article.title), signature.fingerprint));
  }
  outcome.kind = outcome.duplicate_of ? PutKind::kDuplicate : PutKind::kNew;
  outcome.id = *id;
  return outcome;
}

// Changed content. An original stays an original (its duplicates point at
// it, invariant 2); a duplicate is judged again against the originals.
Result<PutOutcome> SqliteStore::PutNewVersion(const Article& article, const Existing& old,
                                              const dedup::Signature& signature, int64_t now_s) {
  PutOutcome outcome;
  if (old.duplicate_of) {
    auto match = FindDuplicate(article, signature, old.id);
    if (!match.ok()) return match.take_error();
    if (match->has_value()) {
      outcome.duplicate_of = (*match)->id;
      outcome.distance = (*match)->distance;
    }
  }
  GLEANER_TRY(SaveVersion(old.id, now_s));
  GLEANER_TRY(UpdateArticle(article, old, signature, now_s, outcome.duplicate_of));
  if (!old.duplicate_of && Indexable(old.text_chars)) {
    GLEANER_TRY(RemoveBands(old.id, old.fingerprint));
    GLEANER_TRY(RemoveTitle(old.id, old.title_key));
  }
  if (!outcome.duplicate_of && Indexable(signature.text_chars)) {
    GLEANER_TRY(AddBands(old.id, signature.fingerprint, signature.content_hash));
    GLEANER_TRY(AddTitle(old.id, dedup::TitleKey(article.title), signature.fingerprint));
  }
  outcome.kind = PutKind::kNewVersion;
  outcome.id = old.id;
  outcome.version = old.version + 1;
  return outcome;
}

Result<int64_t> SqliteStore::SiteId(const std::string& name, int64_t seen_s) {
  auto cached = site_ids_.find(name);
  int64_t id = 0;
  if (cached != site_ids_.end()) {
    id = cached->second;
  } else {
    auto insert = db_->Prepare("INSERT INTO sites(name) VALUES (?1) ON CONFLICT(name) DO NOTHING");
    if (!insert.ok()) return insert.take_error();
    insert->Bind(1, std::string_view(name));
    GLEANER_TRY(insert->Run("adding a site"));
    auto select = db_->Prepare("SELECT id FROM sites WHERE name = ?1");
    if (!select.ok()) return select.take_error();
    select->Bind(1, std::string_view(name));
    auto row = select->Step("reading a site");
    if (!row.ok()) return row.take_error();
    if (!*row) return MakeError(Code::kInternal, path() + ": site row vanished: " + name);
    id = select->Int(0);
    site_ids_.emplace(name, id);
  }
  if (seen_s > 0) {
    int64_t& last = site_last_seen_[id];
    if (seen_s > last) last = seen_s;
  }
  return id;
}

Result<std::optional<SqliteStore::Existing>> SqliteStore::FindByKey(const std::string& key) {
  auto stmt = db_->Prepare(
      "SELECT id, content_hash, fingerprint, text_chars, version, duplicate_of, first_seen, title"
      " FROM articles WHERE url_key = ?1");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, std::string_view(key));
  auto row = stmt->Step("looking up the URL");
  if (!row.ok()) return row.take_error();
  if (!*row) return std::optional<Existing>();
  Existing e;
  e.id = stmt->Int(0);
  e.content_hash = static_cast<uint64_t>(stmt->Int(1));
  e.fingerprint = static_cast<uint64_t>(stmt->Int(2));
  e.text_chars = stmt->Int(3);
  e.version = stmt->Int(4);
  if (!stmt->IsNull(5)) e.duplicate_of = stmt->Int(5);
  e.first_seen = stmt->Int(6);
  e.title_key = dedup::TitleKey(stmt->Text(7));
  return std::optional<Existing>(e);
}

Result<std::optional<SqliteStore::Match>> SqliteStore::FindDuplicate(const Article& article,
                                                                     const dedup::Signature& signature,
                                                                     int64_t exclude_id) {
  if (!Indexable(signature.text_chars)) return std::optional<Match>();
  std::optional<Match> exact;
  std::optional<Match> near;
  auto stmt = db_->Prepare(
      "SELECT article_id, fingerprint, content_hash FROM near_bands WHERE band_key = ?1");
  if (!stmt.ok()) return stmt.take_error();
  for (uint64_t key : dedup::BandKeys(signature.fingerprint, bands_)) {
    stmt->Reset();
    stmt->Bind(1, static_cast<int64_t>(key));
    for (;;) {
      auto row = stmt->Step("looking for a duplicate");
      if (!row.ok()) return row.take_error();
      if (!*row) break;
      int64_t id = stmt->Int(0);
      if (id == exclude_id) continue;
      if (static_cast<uint64_t>(stmt->Int(2)) == signature.content_hash) {
        if (!exact || id < exact->id) exact = Match{id, 0};
        continue;
      }
      int distance = dedup::HammingDistance(signature.fingerprint, static_cast<uint64_t>(stmt->Int(1)));
      if (!options_.near_dedup || distance > options_.near_threshold) continue;
      if (!near || distance < near->distance || (distance == near->distance && id < near->id)) {
        near = Match{id, distance};
      }
    }
  }
  if (exact) return exact;
  if (near || !options_.near_dedup) return near;
  return FindSameTitle(article, signature, exclude_id);
}

Result<int64_t> SqliteStore::InsertArticle(const Article& article, const dedup::UrlIdentity& identity,
                                           const dedup::Signature& signature, int64_t site_id,
                                           int64_t now_s, std::optional<int64_t> duplicate_of) {
  EncodedLists lists = EncodeLists(article);
  PublishedAt dated = DatedBy(article, now_s);
  auto stmt = db_->Prepare(InsertSql());
  if (!stmt.ok()) return stmt.take_error();
  BindContent(*stmt, 1, article, lists);
  stmt->Bind(21, site_id);
  stmt->Bind(22, std::string_view(identity.key));
  stmt->Bind(23, next_seq_);
  stmt->Bind(24, static_cast<int64_t>(signature.content_hash));
  stmt->Bind(25, static_cast<int64_t>(signature.fingerprint));
  stmt->Bind(26, signature.text_chars);
  stmt->Bind(27, std::string_view(dated.day));
  stmt->Bind(28, dated.epoch_s);
  stmt->Bind(29, now_s);
  BindOptionalId(*stmt, 30, duplicate_of);
  GLEANER_TRY(stmt->Run("inserting an article"));
  ++next_seq_;
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
}

Status SqliteStore::SaveVersion(int64_t id, int64_t now_s) {
  auto stmt = db_->Prepare(SaveVersionSql());
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, id);
  stmt->Bind(2, now_s);
  return stmt->Run("keeping the old version");
}

Status SqliteStore::UpdateArticle(const Article& article, const Existing& old,
                                  const dedup::Signature& signature, int64_t now_s,
                                  std::optional<int64_t> duplicate_of) {
  EncodedLists lists = EncodeLists(article);
  PublishedAt dated = DatedBy(article, old.first_seen);
  auto stmt = db_->Prepare(UpdateSql());
  if (!stmt.ok()) return stmt.take_error();
  BindContent(*stmt, 1, article, lists);
  stmt->Bind(21, static_cast<int64_t>(signature.content_hash));
  stmt->Bind(22, static_cast<int64_t>(signature.fingerprint));
  stmt->Bind(23, signature.text_chars);
  stmt->Bind(24, std::string_view(dated.day));
  stmt->Bind(25, dated.epoch_s);
  stmt->Bind(26, now_s);
  stmt->Bind(27, next_seq_);
  BindOptionalId(*stmt, 28, duplicate_of);
  stmt->Bind(29, old.id);
  GLEANER_TRY(stmt->Run("storing a new version"));
  ++next_seq_;
  return Status::Ok();
}

Status SqliteStore::AddBands(int64_t id, uint64_t fingerprint, uint64_t content_hash) {
  std::vector<uint64_t> keys = dedup::BandKeys(fingerprint, bands_);
  int n = static_cast<int>(keys.size());
  auto stmt = db_->Prepare(InsertBandsSql(n));
  if (!stmt.ok()) return stmt.take_error();
  for (int i = 0; i < n; ++i) stmt->Bind(i + 1, static_cast<int64_t>(keys[i]));
  stmt->Bind(n + 1, id);
  stmt->Bind(n + 2, static_cast<int64_t>(fingerprint));
  stmt->Bind(n + 3, static_cast<int64_t>(content_hash));
  return stmt->Run("indexing the fingerprint");
}

Status SqliteStore::RemoveBands(int64_t id, uint64_t fingerprint) {
  auto stmt = db_->Prepare("DELETE FROM near_bands WHERE band_key = ?1 AND article_id = ?2");
  if (!stmt.ok()) return stmt.take_error();
  for (uint64_t key : dedup::BandKeys(fingerprint, bands_)) {
    stmt->Reset();
    stmt->Bind(1, static_cast<int64_t>(key));
    stmt->Bind(2, id);
    GLEANER_TRY(stmt->Run("unindexing the old fingerprint"));
  }
  return Status::Ok();
}

Status SqliteStore::LogFetch(const FetchRecord& record) {
  GLEANER_TRY(WritableOrError("logging a fetch"));
  int64_t at_s = (record.at_ms > 0 ? record.at_ms : clock_->NowMs()) / 1000;
  GLEANER_TRY(BeginBatch());
  Status done = [&]() -> Status {
    auto site_id = SiteId(url::SiteOf(url::HostOf(record.url)), /*seen_s=*/0);
    if (!site_id.ok()) return site_id.take_error();
    auto stmt = db_->Prepare(
        "INSERT INTO fetch_log(site_id, url, at, http_status, error, message, bytes, duration_ms)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt.ok()) return stmt.take_error();
    std::string_view error_name = record.error ? CodeName(*record.error) : std::string_view();
    stmt->Bind(1, *site_id);
    stmt->Bind(2, std::string_view(record.url));
    stmt->Bind(3, at_s);
    stmt->Bind(4, static_cast<int64_t>(record.http_status));
    stmt->BindTextOrNull(5, error_name);
    stmt->BindTextOrNull(6, record.message);
    stmt->Bind(7, record.bytes);
    stmt->Bind(8, record.duration_ms);
    return stmt->Run("logging a fetch");
  }();
  if (!done.ok()) {
    // One statement: SQLite undid it alone unless it dropped the transaction.
    if (db_->in_transaction()) return done;
    return RecoverFromWriteError(done.take_error(), /*in_savepoint=*/false);
  }
  ++pending_;
  return MaybeCommit();
}

}  // namespace gleaner::store::internal
