// Links: which URLs become frontier rows (scope, rules, trap defences,
// depth), what they probably are before they are fetched, and whether a
// fetched page is an article or a list page.
#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include "crawl_internal.h"
#include "gleaner/url.h"

namespace gleaner::crawl::internal {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Extensions that are never pages. .gz and .xml are missing on purpose:
// sitemaps are served so, and their kind decides.
constexpr std::array<std::string_view, 44> kBinaryExtensions = {
    "jpg", "jpeg", "png", "gif", "webp", "bmp", "svg", "ico", "tif", "tiff", "avif",
    "pdf", "zip", "rar", "7z", "tar", "tgz", "bz2", "xz", "doc", "docx", "xls",
    "xlsx", "ppt", "pptx", "odt", "mp3", "mp4", "m4a", "avi", "mov", "wmv", "flv",
    "mkv", "webm", "wav", "exe", "dmg", "apk", "msi", "iso", "css", "js", "swf"};

std::string_view PathOf(std::string_view u) {
  size_t scheme = u.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : u.find('/', scheme + 3);
  if (start == std::string_view::npos) return "/";
  size_t end = u.find_first_of("?#", start);
  return u.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

std::string_view QueryOf(std::string_view u) {
  size_t q = u.find('?');
  if (q == std::string_view::npos) return {};
  size_t hash = u.find('#', q);
  return u.substr(q + 1, hash == std::string_view::npos ? std::string_view::npos : hash - q - 1);
}

std::string_view LastSegment(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

int CountParams(std::string_view query) {
  if (query.empty()) return 0;
  return static_cast<int>(std::count(query.begin(), query.end(), '&')) + 1;
}

bool RepeatsSegments(std::string_view path) {
  std::unordered_map<std::string_view, int> seen;
  size_t start = 1;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (!segment.empty() && ++seen[segment] > kMaxSegmentRepeats) return true;
    start = end + 1;
  }
  return false;
}

bool HasDigitRun(std::string_view text, size_t run) {
  size_t n = 0;
  for (char c : text) {
    n = std::isdigit(static_cast<unsigned char>(c)) ? n + 1 : 0;
    if (n >= run) return true;
  }
  return false;
}

bool LooksLikeArticleUrl(std::string_view u) {
  std::string_view path = PathOf(u);
  if (LooksLikeListUrl(u)) return false;
  return HasDigitRun(path, 4) || HasDigitRun(QueryOf(u), 4);
}

}  // namespace

std::string HostKey(std::string_view u) {
  auto parsed = url::Parse(u);
  if (!parsed.ok() || parsed->host.empty()) return "";
  return parsed->port.empty() ? parsed->host : parsed->host + ":" + parsed->port;
}

bool HasBinaryExtension(std::string_view u) {
  std::string_view last = LastSegment(PathOf(u));
  size_t dot = last.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext = Lower(last.substr(dot + 1));
  return std::find(kBinaryExtensions.begin(), kBinaryExtensions.end(), ext) != kBinaryExtensions.end();
}

bool IsUnwantedContentType(std::string_view content_type) {
  std::string type = Lower(content_type.substr(0, content_type.find(';')));
  for (std::string_view prefix : {"image/", "audio/", "video/", "font/", "model/"}) {
    if (type.starts_with(prefix)) return true;
  }
  for (std::string_view exact :
       {"application/pdf", "application/zip", "application/x-zip-compressed", "application/msword",
        "application/x-rar-compressed", "application/x-7z-compressed", "application/x-tar",
        "application/x-shockwave-flash", "application/javascript", "application/x-javascript",
        "application/wasm", "text/css", "text/javascript"}) {
    if (type == exact) return true;
  }
  return type.starts_with("application/vnd.") && type.find("xml") == std::string::npos;
}

std::string_view LinkVerdictName(LinkVerdict verdict) {
  switch (verdict) {
    case LinkVerdict::kOk: return "ok";
    case LinkVerdict::kInvalid: return "invalid";
    case LinkVerdict::kOutOfScope: return "out_of_scope";
    case LinkVerdict::kExcluded: return "excluded";
    case LinkVerdict::kBinary: return "binary";
    case LinkVerdict::kTooLong: return "too_long";
    case LinkVerdict::kTooManyParams: return "too_many_params";
    case LinkVerdict::kRepeatedSegments: return "repeated_segments";
    case LinkVerdict::kTooDeep: return "too_deep";
    case LinkVerdict::kTrapHops: return "trap_hops";
    case LinkVerdict::kRobots: return "robots";
  }
  return "unknown";
}

namespace {

// url::Canonicalize drops sid= only from 16 bytes up (a short sid is often
// a section id). Portals also mint shorter random tokens (portal-sim s3:
// 12 hex digits, new on every page, so a crawler that keeps them never
// ends). A token: 8+ letters and digits mixing both, or 10+ hex digits
// (a hex token may happen to hold no letter: "604215717255").
bool IsSessionToken(std::string_view name, std::string_view value) {
  std::string n = Lower(name);
  if (n != "sid" && n != "sess" && n != "sessid" && n != "session" && n != "s_id") return false;
  if (value.size() < 8) return false;
  bool digit = false, alpha = false, hex = true;
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) {
      digit = true;
    } else if (std::isalpha(u)) {
      alpha = true;
      hex = hex && std::isxdigit(u);
    } else {
      return false;
    }
  }
  return (digit && alpha) || (hex && value.size() >= 10);
}

std::string DropSessionTokens(std::string_view u) {
  size_t q = u.find('?');
  if (q == std::string_view::npos) return std::string(u);
  size_t hash = u.find('#', q);
  std::string_view query = u.substr(q + 1, hash == std::string_view::npos ? std::string_view::npos : hash - q - 1);
  std::string kept;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view param = query.substr(start, amp - start);
    size_t eq = param.find('=');
    bool drop = eq != std::string_view::npos && IsSessionToken(param.substr(0, eq), param.substr(eq + 1));
    if (!param.empty() && !drop) {
      if (!kept.empty()) kept += '&';
      kept += param;
    }
    start = amp + 1;
  }
  std::string out(u.substr(0, q));
  if (!kept.empty()) out += "?" + kept;
  return out;
}

}  // namespace

std::string FetchForm(std::string_view u) {
  url::CanonicalOptions options;
  options.sort_params = false;
  options.strip_index_file = false;
  std::string stripped = DropSessionTokens(u);
  auto form = url::Canonicalize(stripped, options);
  return form.ok() ? *form : stripped;
}

LinkVerdict MakeLink(const SiteTable& sites, std::string_view u, PageKind kind, const LinkFrom& from,
                     NewUrl* out) {
  if (u.size() > kMaxUrlBytes) return LinkVerdict::kTooLong;
  auto parsed = url::ParseHttp(u);
  if (!parsed.ok()) return LinkVerdict::kInvalid;
  const Site* site = sites.ForHost(parsed->host);
  if (site == nullptr) return LinkVerdict::kOutOfScope;
  bool listing = kind == PageKind::kSitemap || kind == PageKind::kFeed;
  if (!listing && HasBinaryExtension(u)) return LinkVerdict::kBinary;
  if (CountParams(parsed->query) > kMaxQueryParams) return LinkVerdict::kTooManyParams;
  if (RepeatsSegments(parsed->path)) return LinkVerdict::kRepeatedSegments;
  std::string fetch_url = FetchForm(u);
  if (site->rules->IsExcluded(fetch_url)) return LinkVerdict::kExcluded;
  int depth = from.parent_url.empty() ? 0 : from.parent_depth + 1;
  if (depth > site->max_depth) return LinkVerdict::kTooDeep;
  int hops = 0;
  if (!from.parent_url.empty() && PathOf(from.parent_url) == PathOf(fetch_url) &&
      QueryOf(from.parent_url) != QueryOf(fetch_url)) {
    hops = from.parent_hops + 1;
  }
  if (hops > kMaxQueryHops) return LinkVerdict::kTrapHops;
  auto key = url::Canonicalize(fetch_url);
  if (!key.ok()) return LinkVerdict::kInvalid;
  out->url_key = std::move(key).value();
  out->url = std::move(fetch_url);
  out->site = site->name;
  out->host = parsed->port.empty() ? parsed->host : parsed->host + ":" + parsed->port;
  out->kind = kind;
  out->depth = depth;
  out->hops = hops;
  out->lastmod.clear();
  out->seed = false;
  return LinkVerdict::kOk;
}

bool LooksLikeListUrl(std::string_view u) {
  std::string_view path = PathOf(u);
  if (path.empty() || path.back() == '/') return true;
  std::string last = Lower(LastSegment(path));
  size_t dot = last.find('.');
  std::string stem = last.substr(0, dot);
  for (std::string_view word : {"index", "default", "list", "node", "more"}) {
    if (!stem.starts_with(word)) continue;
    std::string_view rest = std::string_view(stem).substr(word.size());
    if (rest.empty()) return true;
    if ((rest[0] == '_' || rest[0] == '-') && rest.size() > 1 &&
        std::all_of(rest.begin() + 1, rest.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return true;
    }
  }
  return false;
}

PageKind GuessKind(const Site& site, std::string_view u) {
  const rules::CompiledRules& r = *site.rules;
  if (r.has_article_pattern()) return r.IsArticle(u) ? PageKind::kArticle : PageKind::kList;
  if (!r.rules().follow.empty() && r.ShouldFollow(u)) return PageKind::kList;
  return LooksLikeArticleUrl(u) ? PageKind::kArticle : PageKind::kList;
}

namespace {

// A real body, not a stub: about 100 Chinese characters or 50 English words.
constexpr size_t kMinArticleBodyBytes = 300;
// Generic pages need at least this extraction confidence to be articles.
constexpr double kMinArticleConfidence = 0.5;
// A "body" of many short paragraphs is a list of headlines with dates.
constexpr size_t kListParagraphs = 8;
constexpr size_t kListMeanParagraphBytes = 60;

bool BodyLooksLikeHeadlines(std::string_view body) {
  size_t paragraphs = 1;
  for (size_t at = body.find("\n\n"); at != std::string_view::npos; at = body.find("\n\n", at + 2)) {
    ++paragraphs;
  }
  return paragraphs >= kListParagraphs && body.size() / paragraphs < kListMeanParagraphBytes;
}

}  // namespace

bool IsArticlePage(const Site& site, const FrontierUrl& lease, std::string_view u, const Article& article) {
  if (lease.depth == 0 && lease.kind == PageKind::kList) return false;  // a start page
  if (article.body.empty()) return false;
  const rules::CompiledRules& r = *site.rules;
  if (r.has_article_pattern()) return r.IsArticle(u);
  if (!r.rules().follow.empty() && r.ShouldFollow(u)) return false;
  if (LooksLikeListUrl(u)) return false;
  if (article.body.size() < kMinArticleBodyBytes || article.confidence < kMinArticleConfidence) return false;
  return !BodyLooksLikeHeadlines(article.body);
}

std::string RobotsPath(std::string_view u) {
  auto parsed = url::Parse(u);
  if (!parsed.ok()) return "/";
  std::string path = parsed->path.empty() ? "/" : parsed->path;
  if (!parsed->query.empty()) path += "?" + parsed->query;
  return path;
}

void RobotsBook::Set(const std::string& host, std::shared_ptr<const robots::Robots> rules) {
  std::lock_guard<std::mutex> lock(mu_);
  by_host_[host] = std::move(rules);
}

bool RobotsBook::MayFetch(std::string_view host, std::string_view u) const {
  std::shared_ptr<const robots::Robots> rules;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_host_.find(std::string(host));
    if (it == by_host_.end()) return true;
    rules = it->second;
  }
  return rules->Allowed(RobotsPath(u));
}

}  // namespace gleaner::crawl::internal
