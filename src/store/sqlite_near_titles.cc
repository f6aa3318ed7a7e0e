// The second near-duplicate path: originals with the same normalised title
// (near_titles, schema step 3), confirmed by comparing the bodies.
// Why a second path: the 64-bit fingerprint samples the text, and on short
// bodies one changed sentence often moves it past the Hamming threshold
// (docs/internals/simhash.md, "The title path"). A reprint nearly always
// keeps its title, so the title finds the few originals worth reading, and
// dedup::Resemblance decides on the real texts.
#include <cstdint>
#include <optional>
#include <vector>

#include "gleaner/log.h"
#include "sqlite_store.h"

namespace gleaner::store::internal {
namespace {

// Fingerprints further apart than this are not read. At the resemblance
// floor (0.7) each bit differs with probability 0.15: 9.6 bits on average,
// more than 20 about once in 3 500 pairs; unrelated bodies sit near 32, and
// bodies of very different lengths (which cannot resemble) far too.
constexpr int kMaxCandidateBits = 20;

}  // namespace

Result<std::optional<SqliteStore::Match>> SqliteStore::FindSameTitle(const Article& article,
                                                                     const dedup::Signature& signature,
                                                                     int64_t exclude_id) {
  uint64_t key = dedup::TitleKey(article.title);
  if (key == 0) return std::optional<Match>();
  std::vector<Match> candidates;
  {
    auto stmt = db_->Prepare(
        "SELECT article_id, fingerprint FROM near_titles WHERE title_key = ?1"
        " ORDER BY article_id DESC LIMIT ?2");
    if (!stmt.ok()) return stmt.take_error();
    stmt->Bind(1, static_cast<int64_t>(key));
    stmt->Bind(2, int64_t{kMaxTitleCandidates});
    for (;;) {
      auto row = stmt->Step("looking for a same-title original");
      if (!row.ok()) return row.take_error();
      if (!*row) break;
      int64_t id = stmt->Int(0);
      int distance = dedup::HammingDistance(signature.fingerprint, static_cast<uint64_t>(stmt->Int(1)));
      if (id == exclude_id || distance > kMaxCandidateBits) continue;
      candidates.push_back(Match{id, distance});
    }
  }
  std::optional<Match> best;
  if (candidates.empty()) return best;  // the common case: one index seek
  double best_resemblance = 0;
  auto body = db_->Prepare("SELECT body FROM articles WHERE id = ?1");
  if (!body.ok()) return body.take_error();
  const std::vector<uint64_t> shingles = dedup::ShingleSet(article.body);  // once, not per candidate
  for (const Match& candidate : candidates) {
    body->Reset();
    body->Bind(1, candidate.id);
    auto row = body->Step("reading a same-title original");
    if (!row.ok()) return row.take_error();
    if (!*row) continue;  // the index is kept by the writer; never trust it blindly
    double resemblance = dedup::Resemblance(shingles, dedup::ShingleSet(body->Text(0)));
    if (resemblance < dedup::kTitleResemblance) continue;
    if (!best || resemblance > best_resemblance ||
        (resemblance == best_resemblance && candidate.id < best->id)) {
      best = candidate;
      best_resemblance = resemblance;
    }
  }
  return best;
}

Status SqliteStore::AddTitle(int64_t id, uint64_t title_key, uint64_t fingerprint) {
  if (title_key == 0) return Status::Ok();
  auto stmt = db_->Prepare(
      "INSERT OR IGNORE INTO near_titles(title_key, article_id, fingerprint) VALUES (?1, ?2, ?3)");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, static_cast<int64_t>(title_key));
  stmt->Bind(2, id);
  stmt->Bind(3, static_cast<int64_t>(fingerprint));
  return stmt->Run("indexing the title");
}

Status SqliteStore::RemoveTitle(int64_t id, uint64_t title_key) {
  if (title_key == 0) return Status::Ok();
  auto stmt = db_->Prepare("DELETE FROM near_titles WHERE title_key = ?1 AND article_id = ?2");
  if (!stmt.ok()) return stmt.take_error();
  stmt->Bind(1, static_cast<int64_t>(title_key));
  stmt->Bind(2, id);
  return stmt->Run("unindexing the old title");
}

Status SqliteStore::BuildTitleIndex() {
  log::Info("store", "build_title_index", {{"db", path()}});
  GLEANER_TRY(BeginBatch());
  Status done = [&]() -> Status {
    GLEANER_TRY(ForEachIndexedOriginal("indexing titles", [&](const Stmt& row) {
      return AddTitle(row.Int(0), dedup::TitleKey(row.Text(1)), static_cast<uint64_t>(row.Int(2)));
    }));
    return db_->Exec("UPDATE meta SET value = 'built' WHERE key = 'near_titles'", "indexing titles");
  }();
  if (!done.ok()) return RecoverFromWriteError(done.take_error(), /*in_savepoint=*/false);
  return Commit();
}

}  // namespace gleaner::store::internal
