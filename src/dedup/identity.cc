// The URL key of an article: which stored row a re-extracted page updates.
#include <string>

#include "gleaner/dedup.h"
#include "gleaner/url.h"

namespace gleaner::dedup {
namespace {

// "https://example.cn/" (no path, no query): portals point rel=canonical at
// their home page from every article, so such a canonical says nothing.
bool IsSiteRoot(const std::string& canonical_url) {
  auto parsed = url::Parse(canonical_url);
  return parsed.ok() && (parsed->path.empty() || parsed->path == "/") && parsed->query.empty();
}

std::string SiteOfUrl(const std::string& text) { return url::SiteOf(url::HostOf(text)); }

// The canonical link's key, or "" when it must not be trusted.
std::string TrustedCanonical(const Article& article, const std::string& url_key,
                             const url::CanonicalOptions& options) {
  if (article.canonical_url.empty() || !url::IsHttp(article.canonical_url)) return {};
  auto canonical = url::Canonicalize(article.canonical_url, options);
  if (!canonical.ok()) return {};
  std::string site = SiteOfUrl(*canonical);
  if (site.empty() || site != SiteOfUrl(url_key)) return {};  // another site's page
  if (IsSiteRoot(*canonical) && !IsSiteRoot(url_key)) return {};
  return std::move(canonical).value();
}

}  // namespace

Result<UrlIdentity> IdentifyArticle(const Article& article, const url::CanonicalOptions& options) {
  UrlIdentity identity;
  if (!url::IsHttp(article.url)) {
    // A saved file without --url: its path is the best identity we have.
    identity.key = !article.url.empty() ? article.url : article.input;
    if (identity.key.empty()) {
      return MakeError(Code::kInvalidInput, "article has neither a URL nor an input name");
    }
    return identity;
  }
  auto canonical_url = url::Canonicalize(article.url, options);
  identity.key = canonical_url.ok() ? std::move(canonical_url).value() : article.url;
  std::string trusted = TrustedCanonical(article, identity.key, options);
  if (!trusted.empty()) {
    identity.from_canonical = trusted != identity.key;
    identity.key = std::move(trusted);
  }
  identity.site = SiteOfUrl(identity.key);
  return identity;
}

}  // namespace gleaner::dedup
