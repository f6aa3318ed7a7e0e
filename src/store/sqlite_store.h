// sqlite_store: the SQLite implementation of store::Store.
// Files: sqlite_open.cc (open, migrate, batches), sqlite_put.cc (Put,
// LogFetch), sqlite_near_titles.cc (the same-title near-duplicate path),
// sqlite_read.cc (Scan, Get, History, cursors), sqlite_search.cc (Search,
// Stats, the search index kept in step).
#ifndef GLEANER_SRC_STORE_SQLITE_STORE_H_
#define GLEANER_SRC_STORE_SQLITE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "gleaner/dedup.h"
#include "gleaner/store.h"
#include "sqlite_wrap.h"

namespace gleaner::store::internal {

// Newest originals of one title that the same-title path looks at. Titles
// such as "图片新闻" or "Live updates" may name thousands of originals; a
// reprint follows its original within days, so the newest few are the ones
// that matter, and the lookup stays a bounded index range.
inline constexpr int kMaxTitleCandidates = 16;

// Invariants:
//  (1) batch_open_ == db_->in_transaction() between public calls, except
//      after SQLite rolled a transaction back by itself (handled in Put);
//  (2) next_seq_ is one past the largest articles.seq, read under the
//      write lock at BeginBatch, so two writer processes never reuse a seq;
//  (3) site_ids_ only holds ids committed or written in the open batch; it
//      is cleared whenever a batch is rolled back.
class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const Options& options);
  ~SqliteStore() override;

  Result<PutOutcome> Put(const Article& article, const PutContext& context) override;
  Status LogFetch(const FetchRecord& record) override;
  Status Commit() override;
  Result<ScanResult> Scan(const Query& query, const ScanVisitor& visit) override;
  Result<SearchResult> Search(std::string_view query, const SearchOptions& options) override;
  Result<std::vector<SiteStats>> Stats() override;
  Result<Article> Get(int64_t id) override;
  Result<std::vector<Article>> History(int64_t id) override;
  Result<int64_t> CursorPosition(std::string_view name) override;
  Status AdvanceCursor(std::string_view name, int64_t seq) override;
  const std::string& path() const override { return db_->path(); }

 private:
  // The article a URL key already names.
  struct Existing {
    int64_t id = 0;
    uint64_t content_hash = 0;
    uint64_t fingerprint = 0;
    int64_t text_chars = 0;
    uint64_t title_key = 0;  // dedup::TitleKey of the stored title
    int64_t version = 1;
    int64_t first_seen = 0;
    std::optional<int64_t> duplicate_of;
  };
  struct Match {
    int64_t id = 0;
    int distance = 0;
  };

  SqliteStore(std::unique_ptr<Db> db, const Options& options);

  // sqlite_open.cc
  Status Configure();
  Status Migrate();
  Status LoadSettings();
  Status RebuildBands(int bands);
  // Calls `each` with every original the near-duplicate indexes hold (long
  // enough to dedup); the row's columns: id, title, fingerprint,
  // content_hash. For rebuilding those indexes inside an open batch.
  Status ForEachIndexedOriginal(std::string_view doing, const std::function<Status(const Stmt&)>& each);
  Status BeginBatch();
  Status MaybeCommit();  // commits when the batch is full or old
  Status WritableOrError(std::string_view doing) const;
  // After a failed write: inside the "put" savepoint, undo only this call's
  // work; otherwise (or when SQLite already rolled back) drop the batch and
  // say how many writes were lost.
  Error RecoverFromWriteError(Error error, bool in_savepoint);

  // sqlite_put.cc
  Result<PutOutcome> PutInBatch(const Article& article, const dedup::UrlIdentity& identity,
                                const dedup::Signature& signature, int64_t now_s);
  Result<PutOutcome> PutNew(const Article& article, const dedup::UrlIdentity& identity,
                            const dedup::Signature& signature, int64_t site_id, int64_t now_s);
  Result<PutOutcome> PutNewVersion(const Article& article, const Existing& old,
                                   const dedup::Signature& signature, int64_t now_s);
  Result<int64_t> SiteId(const std::string& name, int64_t seen_s);
  Result<std::optional<Existing>> FindByKey(const std::string& key);
  // An exact copy, else the nearest fingerprint within the threshold, else
  // a same-title original whose body resembles this one.
  Result<std::optional<Match>> FindDuplicate(const Article& article, const dedup::Signature& signature,
                                             int64_t exclude_id);
  Result<int64_t> InsertArticle(const Article& article, const dedup::UrlIdentity& identity,
                                const dedup::Signature& signature, int64_t site_id, int64_t now_s,
                                std::optional<int64_t> duplicate_of);
  Status SaveVersion(int64_t id, int64_t now_s);
  Status UpdateArticle(const Article& article, const Existing& old, const dedup::Signature& signature,
                       int64_t now_s, std::optional<int64_t> duplicate_of);
  Status AddBands(int64_t id, uint64_t fingerprint, uint64_t content_hash);
  Status RemoveBands(int64_t id, uint64_t fingerprint);
  bool Indexable(int64_t text_chars) const { return text_chars >= options_.min_dedup_chars; }

  // sqlite_near_titles.cc
  Result<std::optional<Match>> FindSameTitle(const Article& article, const dedup::Signature& signature,
                                             int64_t exclude_id);
  Status AddTitle(int64_t id, uint64_t title_key, uint64_t fingerprint);
  Status RemoveTitle(int64_t id, uint64_t title_key);
  // Fills near_titles for a store migrated to schema 3 with articles in it.
  Status BuildTitleIndex();

  // sqlite_read.cc
  Result<std::optional<int64_t>> SiteIdForFilter(const std::string& site);

  // sqlite_search.cc
  // Notes a stored article for the search index (new or new version).
  void QueueIndex(const PutOutcome& outcome);
  // Brings the search index in step with the queued articles; Commit calls
  // it just before COMMIT, outside any savepoint (see schema.cc).
  Status IndexPending();

  Options options_;
  const Clock* clock_;
  int bands_ = dedup::kDefaultThreshold + 1;  // meta.bands
  bool search_index_ = true;                  // meta.search_index

  bool batch_open_ = false;
  int64_t batch_started_ms_ = 0;
  int pending_ = 0;      // Puts and LogFetches in the open batch
  int64_t next_seq_ = 1;
  std::unordered_map<std::string, int64_t> site_ids_;
  std::unordered_map<int64_t, int64_t> site_last_seen_;  // flushed at commit
  // Articles of the open batch whose search index entry is written at
  // commit, by id: ascending ids let FTS5 keep the batch in memory. The
  // value is the version the index holds now (nullopt: none yet). Cleared
  // whenever a batch commits or is rolled back.
  std::map<int64_t, std::optional<int64_t>> pending_index_;

  std::unique_ptr<Db> db_;  // owns the connection and its cached statements
};

}  // namespace gleaner::store::internal

#endif  // GLEANER_SRC_STORE_SQLITE_STORE_H_
