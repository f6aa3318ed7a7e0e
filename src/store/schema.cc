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

-- articles_fts: trigram full-text index over title and body, kept in step
-- by the triggers (same transaction as the row change).
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body, content='articles', content_rowid='id', tokenize='trigram');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

const char* const kContentColumns =
    "input, url, canonical_url, title, published, modified, published_raw, authors, editor, "
    "source, body, lang, images, tags, related, next_pages, encoding_name, encoding_source, "
    "encoding_replacements, confidence";

}  // namespace gleaner::store::internal
