// The store's schema as numbered migrations (PRAGMA user_version).
// Each table states its invariants; code that writes it keeps them.
#include <span>

#include "store_internal.h"

namespace gleaner::store::internal {
namespace {

constexpr const char kSchemaV1[] = R"sql(
-- meta: settings fixed when the database was made (fingerprint algorithm,
-- band count of near_bands, whether the search index exists).
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- sites: one row per site (registrable domain, url::SiteOf); '' holds
-- articles stored from files without a URL. last_seen: newest article seen.
CREATE TABLE sites(
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE,
  last_seen INTEGER NOT NULL DEFAULT 0
);

-- articles: one row per URL key (dedup::IdentifyArticle). Invariants:
--  (1) url_key is unique;
--  (2) duplicate_of, when set, names an original (a row whose duplicate_of
--      is NULL), never a chain;
--  (3) seq is unique and is set from a counter that only grows, on insert
--      and on every new version: export cursors are positions in it;
--  (4) version starts at 1 and grows by one per content change; the
--      content each older version had is in article_versions;
--  (5) content_hash/fingerprint/text_chars are dedup::Sign(body);
--  (6) pub_day/pub_epoch are the published date, else first_seen's.
CREATE TABLE articles(
  id            INTEGER PRIMARY KEY,
  site_id       INTEGER NOT NULL REFERENCES sites(id),
  url_key       TEXT NOT NULL UNIQUE,
  seq           INTEGER NOT NULL,
  input TEXT, url TEXT NOT NULL, canonical_url TEXT,
  title TEXT, published TEXT, modified TEXT, published_raw TEXT,
  authors TEXT, editor TEXT, source TEXT, body TEXT NOT NULL, lang TEXT,
  images TEXT, tags TEXT, related TEXT, next_pages TEXT,
  encoding_name TEXT, encoding_source TEXT,
  encoding_replacements INTEGER NOT NULL DEFAULT 0,
  confidence    REAL NOT NULL DEFAULT 0,
  content_hash  INTEGER NOT NULL,
  fingerprint   INTEGER NOT NULL,
  text_chars    INTEGER NOT NULL,
  pub_day       TEXT NOT NULL,
  pub_epoch     INTEGER NOT NULL,
  first_seen    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,
  changed_at    INTEGER NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  duplicate_of  INTEGER REFERENCES articles(id)
);
CREATE UNIQUE INDEX articles_seq ON articles(seq);
CREATE INDEX articles_site_seq ON articles(site_id, seq);
CREATE INDEX articles_duplicates ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_site_duplicates ON articles(site_id) WHERE duplicate_of IS NOT NULL;

-- near_bands: the pigeonhole index over originals' fingerprints
-- (dedup::BandKeys with meta.bands bands), carrying each original's
-- fingerprint and content hash so a lookup reads no article rows. Equal
-- bodies have equal fingerprints, so this one index finds exact copies too
-- (no separate content_hash index: one random index write less per insert).
-- Invariant: an original with text_chars >= the dedup minimum has exactly
-- one row per band; duplicates have none. No foreign key: rows are kept by
-- the writer, and a check per band row would cost more than it guards.
CREATE TABLE near_bands(
  band_key     INTEGER NOT NULL,
  article_id   INTEGER NOT NULL,
  fingerprint  INTEGER NOT NULL,
  content_hash INTEGER NOT NULL,
  PRIMARY KEY(band_key, article_id)
) WITHOUT ROWID;

-- article_versions: the content an article had before each change; one row
-- per replaced version, (article_id, version) unique. seen_from/seen_until:
-- when that version was first stored and when it was replaced.
CREATE TABLE article_versions(
  id            INTEGER PRIMARY KEY,
  article_id    INTEGER NOT NULL REFERENCES articles(id),
  site_id       INTEGER NOT NULL REFERENCES sites(id),
  version       INTEGER NOT NULL,
  input TEXT, url TEXT NOT NULL, canonical_url TEXT,
  title TEXT, published TEXT, modified TEXT, published_raw TEXT,
  authors TEXT, editor TEXT, source TEXT, body TEXT NOT NULL, lang TEXT,
  images TEXT, tags TEXT, related TEXT, next_pages TEXT,
  encoding_name TEXT, encoding_source TEXT,
  encoding_replacements INTEGER NOT NULL DEFAULT 0,
  confidence    REAL NOT NULL DEFAULT 0,
  content_hash  INTEGER NOT NULL,
  seen_from     INTEGER NOT NULL,
  seen_until    INTEGER NOT NULL,
  UNIQUE(article_id, version)
);
CREATE INDEX article_versions_site ON article_versions(site_id);

-- fetch_log: one row per fetch attempt; error is a gleaner Code name
-- ("timeout", "http", ...) or NULL for a success.
CREATE TABLE fetch_log(
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites(id),
  url         TEXT NOT NULL,
  at          INTEGER NOT NULL,
  http_status INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  message     TEXT,
  bytes       INTEGER NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX fetch_log_site ON fetch_log(site_id);
CREATE INDEX fetch_log_site_errors ON fetch_log(site_id) WHERE error IS NOT NULL;

-- cursors: per named export consumer, the articles.seq it has had.
-- Invariant: seq never decreases.
CREATE TABLE cursors(
  name       TEXT PRIMARY KEY,
  seq        INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- articles_fts: full-text index over title and body. Tokenizer gleaner_v1
-- (fts_tokenizer.h): one token per CJK character, whole words elsewhere.
-- External content: the text is stored once, in articles. Invariant: after
-- each commit it holds exactly the title and body each article row has.
-- The writer brings it in step just before COMMIT, in rowid order
-- (SqliteStore::IndexPending), not by triggers: FTS5 writes its pending
-- terms out at every savepoint, and a Put is one, so a trigger would make
-- one index segment per article (3x the cost of the whole insert).
-- hashsize: a 1000-article batch stays in memory until its commit and is
-- written as one segment. automerge 32 (FTS5's default is 4): segments are
-- merged 32 at a time, so each indexed byte is rewritten about twice on the
-- way to a million articles instead of 3-5 times; merging was half of an
-- insert's cost there. A query reads up to ~64 segments per term, a few ms
-- next to ranking its matches. crisismerge: the cap per level, above it.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body, content='articles', content_rowid='id', tokenize='gleaner_v1');
INSERT INTO articles_fts(articles_fts, rank) VALUES('hashsize', 16777216);
INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', 32);
INSERT INTO articles_fts(articles_fts, rank) VALUES('crisismerge', 64);
)sql";

// Step 2 (issue 4): the crawl frontier (include/gleaner/frontier.h).
constexpr const char kSchemaV2Frontier[] = R"sql(
-- frontier: one row per canonical URL the crawl knows. Invariants:
--  (1) url_key is unique (url::Canonicalize of the URL);
--  (2) state 1 (leased) exists only while a crawl holding the database's
--      lock runs; the next run's StartRun turns leftovers back to 0;
--  (3) attempts counts transient failures since the last success, and only
--      grows while the row is not done;
--  (4) state: 0 pending, 1 leased, 2 done, 3 gone, 4 failed, 5 blocked;
--      kind: 0 sitemap, 1 feed, 2 list, 3 article, 4 other (lease order);
--  (5) etag/last_modified/content_hash describe the last 200 response.
CREATE TABLE frontier(
  id            INTEGER PRIMARY KEY,
  url_key       TEXT NOT NULL UNIQUE,
  url           TEXT NOT NULL,
  site          TEXT NOT NULL,
  host          TEXT NOT NULL,
  kind          INTEGER NOT NULL,
  state         INTEGER NOT NULL DEFAULT 0,
  depth         INTEGER NOT NULL DEFAULT 0,
  hops          INTEGER NOT NULL DEFAULT 0,
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_fetch_ms INTEGER NOT NULL DEFAULT 0,
  found_run     INTEGER NOT NULL DEFAULT 0,
  fetched_ms    INTEGER NOT NULL DEFAULT 0,
  http_status   INTEGER NOT NULL DEFAULT 0,
  etag TEXT, last_modified TEXT, lastmod TEXT,
  content_hash  INTEGER,
  error         TEXT
);
-- Lease order: kind, then this run's discoveries, then oldest sitemap
-- lastmod first (an original is older than its reprints), then discovery.
CREATE INDEX frontier_pending ON frontier(host, kind, found_run DESC, lastmod, id) WHERE state = 0;
CREATE INDEX frontier_state ON frontier(state, kind);
CREATE INDEX frontier_site ON frontier(site);

-- frontier_hosts: robots.txt per host as last fetched, for a conditional
-- refetch on the next run.
CREATE TABLE frontier_hosts(
  host          TEXT PRIMARY KEY,
  robots_status INTEGER NOT NULL,
  robots_body   TEXT NOT NULL,
  etag TEXT, last_modified TEXT,
  fetched_ms    INTEGER NOT NULL
) WITHOUT ROWID;

-- crawl_runs: one row per crawl run; id numbers runs (frontier.found_run).
CREATE TABLE crawl_runs(
  id          INTEGER PRIMARY KEY,
  started_ms  INTEGER NOT NULL,
  finished_ms INTEGER,
  status      TEXT,
  pages       INTEGER NOT NULL DEFAULT 0,
  articles    INTEGER NOT NULL DEFAULT 0,
  failed      INTEGER NOT NULL DEFAULT 0
);
)sql";

// Step 3: the second near-duplicate path (dedup.h "same title, similar body").
constexpr const char kSchemaV3NearTitles[] = R"sql(
-- near_titles: originals by the key of their normalised title
-- (dedup::TitleKey, 31 bits), carrying the fingerprint so that most
-- candidates are ruled out without reading their body. Rows are kept small
-- (~20 bytes): every original adds one, and a batch rewrites the pages it
-- touched. Invariant: like near_bands, an original with text_chars >= the
-- dedup minimum and a non-zero title key has exactly one row; duplicates
-- have none.
CREATE TABLE near_titles(
  title_key    INTEGER NOT NULL,
  article_id   INTEGER NOT NULL,
  fingerprint  INTEGER NOT NULL,
  PRIMARY KEY(title_key, article_id)
) WITHOUT ROWID;
-- SQL cannot compute title keys: a store that already holds articles is
-- indexed by the writer that opens it next (SqliteStore::BuildTitleIndex).
INSERT INTO meta(key, value)
  SELECT 'near_titles', CASE WHEN EXISTS(SELECT 1 FROM articles) THEN 'pending' ELSE 'built' END;
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
    {2, kSchemaV2Frontier},
    {3, kSchemaV3NearTitles},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

const char* const kContentColumns =
    "input, url, canonical_url, title, published, modified, published_raw, authors, editor, "
    "source, body, lang, images, tags, related, next_pages, encoding_name, encoding_source, "
    "encoding_replacements, confidence";

}  // namespace gleaner::store::internal
