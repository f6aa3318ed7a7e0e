// metadata: what a page states about itself in machine-readable form.
//
// One walk over the flat node array (document order) collects <meta>,
// <link>, <title>, <html lang>, itemprop elements and <time>; then the
// lifted scripts give JSON-LD and embedded app state (__NEXT_DATA__,
// window.__INITIAL_STATE__ = {...}, var articleInfo = {...}).
//
// Each field keeps the candidate with the best rank, so the order in which
// tags appear never matters. For dates the ranks follow the contract:
// JSON-LD > article:published_time > meta names > itemprop > <time>.
// The name tables below play the role of trafilatura's metaxpaths.py.
#include <algorithm>
#include <cctype>
#include <climits>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract_internal.h"
#include "gleaner/url.h"
#include "script_record.h"

namespace gleaner::extract::internal {
namespace {

using nlohmann::json;
using html::Document;
using html::NodeId;
using html::Tag;

// JSON nested deeper than this is skipped: nlohmann frees values
// recursively, and real JSON-LD or app state is far shallower.
constexpr int kMaxJsonDepth = 200;
// The JSON walk for an embedded body stops after this many values.
constexpr int kMaxJsonNodes = 200000;
// An embedded body shorter than this (bytes of text) is a teaser, not the article.
constexpr size_t kMinEmbeddedBodyBytes = 150;
// Text taken from an itemprop element (author, date) is short; longer is a container.
constexpr size_t kMaxItempropTextBytes = 120;

// Ranks: lower wins.
enum Rank : int {
  kRankJsonLd = 10,
  kRankJsonLdPage = 15,  // WebPage entity: used when no *Article states it
  kRankArticleMeta = 20,  // article:published_time, og:*
  kRankArticleMetaAlt = 25,
  kRankMetaName = 30,
  kRankMetaNameAlt = 35,
  kRankItemprop = 40,
  kRankTime = 50,
  kRankNone = INT_MAX,
};

// <meta name|property> that carry the publication date, as seen on:
constexpr std::string_view kPublishedNames[] = {
    "pubdate", "publishdate", "publish-date", "publish_date",  // Chinese portals, CMSs
    "ptime",                        // 网易 (163.com)
    "article_date_original",        // Washington Post family
    "sailthru.date",                // sites using Sailthru
    "parsely-pub-date",             // Parse.ly customers
    "cxenseparse:recs:publishtime", // cXense customers (European news)
    "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
    "dc.date.created", "dcterms.created",  // government and library pages
    "citation_date", "citation_publication_date",  // scholarly pages
    "weibo: article:create_at", "weibo:article:create_at",  // 新浪 pages for Weibo
    "apub:time",                    // 人民网 apps
    "creation-date", "publication_date", "publishtime", "pubtime",
    "firstpublishedtime", "datepublished", "originalpublicationdate",
};
constexpr std::string_view kModifiedNames[] = {
    "lastmod", "last-modified", "dc.date.modified", "dcterms.modified", "updated_time",
    "datemodified", "revised",
};
constexpr std::string_view kAuthorNames[] = {
    "author", "byl",             // NYT: byl = "By Jane Doe"
    "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
    "citation_author", "article:author_name",
};
// <meta name="source" content="新华社"> and friends on Chinese portals.
constexpr std::string_view kSourceNames[] = {
    "source",         // 人民网, 光明网
    "contentsource",  // 腾讯 (qq.com)
    "mediaid",        // 新浪: the outlet the article came from
    "og:source", "article:source",
};
// Keys of embedded app state whose longest string value is the article body.
constexpr std::string_view kBodyKeys[] = {
    "content", "body", "articlebody", "text", "articlecontent", "article_content",
    "contenthtml", "content_html", "bodyhtml",
    "widgetcontent",  // 36氪 window.initialState articleDetailData
};
// Script assignments that hold article state.
constexpr std::string_view kStateMarkers[] = {
    "__INITIAL_STATE__",   // Vue/Vuex SSR: 网易, 澎湃 mobile
    "__PRELOADED_STATE__", // Redux SSR
    "articleInfo",         // var articleInfo = {...}: 今日头条-style pages
    "__APOLLO_STATE__",    // Apollo GraphQL SSR
    "ARTICLE_DETAIL",      // 新浪/腾讯 mobile templates
    "window.DATA",         // 腾讯新闻 article pages: window.DATA = {title, media, pubtime}
    "allData",             // 凤凰网 article pages: var allData = {docData: {...}}
    "initialState",        // 36氪: window.initialState = {articleDetail: {...}}
    "jsonData",            // 百家号: window.jsonData = {bsData: {title, author}}
};
// Occurrences of one marker tried per script ("DATA_URL = ..." before the state).
constexpr int kMarkerTries = 3;

template <class T>
struct Best {
  T value{};
  int rank = kRankNone;
  void Offer(T v, int r) {
    if (r < rank) value = std::move(v), rank = r;
  }
};

struct Ranked {
  int rank;
  std::string text;
};

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool InTable(std::span<const std::string_view> table, std::string_view key) {
  return std::find(table.begin(), table.end(), key) != table.end();
}

bool IsUrlLike(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//");
}

// Splits keywords on , ， ; ； 、 | and, when none of those occur, on spaces.
std::vector<std::string> SplitKeywords(std::string_view raw) {
  std::string s(raw);
  for (std::string_view sep : {"，", "；", "、", "｜"}) {
    for (size_t p; (p = s.find(sep)) != s.npos;) s.replace(p, sep.size(), ",");
  }
  for (char& c : s) {
    if (c == ';' || c == '|') c = ',';
  }
  const char sep = s.find(',') == s.npos ? ' ' : ',';
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == s.npos) end = s.size();
    const std::string_view word = Trim(std::string_view(s).substr(start, end - start));
    if (!word.empty() && std::find(out.begin(), out.end(), word) == out.end()) out.emplace_back(word);
    start = end + 1;
  }
  return out;
}

// ---- HTML in JSON strings -----------------------------------------------------

bool IsBlockTag(std::string_view name) {
  static constexpr std::string_view kBlocks[] = {"p", "br", "div", "li", "h1", "h2", "h3", "h4",
                                                 "h5", "h6", "section", "blockquote", "tr",
                                                 "article", "figure", "ul", "ol", "table", "pre"};
  return InTable(kBlocks, name);
}

void AppendEntity(std::string_view s, size_t& i, std::string* out) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
      {"&#39;", "'"}, {"&apos;", "'"}, {"&ldquo;", "“"}, {"&rdquo;", "”"}, {"&mdash;", "—"},
      {"&hellip;", "…"}};
  for (const auto& [name, text] : kEntities) {
    if (s.substr(i).starts_with(name)) {
      out->append(text);
      i += name.size();
      return;
    }
  }
  out->push_back('&');
  ++i;
}

// Text of an HTML fragment: tags dropped, block tags become paragraph
// breaks ("\n\n"), whitespace collapsed, common entities decoded.
std::string HtmlToText(std::string_view s) {
  std::string raw;
  raw.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      const size_t close = s.find('>', i);
      if (close == s.npos) break;
      size_t n = i + 1 + (i + 1 < s.size() && s[i + 1] == '/');
      size_t e = n;
      while (e < close && std::isalnum(static_cast<unsigned char>(s[e]))) ++e;
      if (IsBlockTag(Lower(s.substr(n, e - n)))) raw.push_back('\n');
      i = close + 1;
    } else if (s[i] == '&') {
      AppendEntity(s, i, &raw);
    } else {
      raw.push_back(s[i++]);
    }
  }
  std::string out;
  for (size_t start = 0; start < raw.size();) {  // one paragraph per line
    size_t end = raw.find('\n', start);
    if (end == raw.npos) end = raw.size();
    std::string para;
    for (char c : raw.substr(start, end - start)) {
      const bool space = c == ' ' || c == '\t' || c == '\r';
      if (space && (para.empty() || para.back() == ' ')) continue;
      para.push_back(space ? ' ' : c);
    }
    while (!para.empty() && para.back() == ' ') para.pop_back();
    if (!para.empty()) out += (out.empty() ? "" : "\n\n") + para;
    start = end + 1;
  }
  return out;
}

// ---- JSON ---------------------------------------------------------------------

// True when brackets outside strings nest no deeper than kMaxJsonDepth.
bool DepthOk(std::string_view s) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

// Parses JSON without throwing; raw control characters inside strings
// (newlines in articleBody, common on Chinese CMSs) are retried as spaces.
json ParseJson(std::string_view text) {
  if (!DepthOk(text)) return json::value_t::discarded;
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_discarded()) return j;
  std::string cleaned(text);
  for (char& c : cleaned) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return json::parse(cleaned, nullptr, false);
}

// Strips what CMSs wrap around JSON-LD: <!-- -->, //<![CDATA[ ]]>, a ";".
std::string_view UnwrapScript(std::string_view s) {
  s = Trim(s);
  for (std::string_view open : {"<!--", "//<![CDATA[", "<![CDATA["}) {
    if (s.starts_with(open)) s = Trim(s.substr(open.size()));
  }
  for (std::string_view close : {"-->", "//]]>", "]]>", ";"}) {
    if (s.ends_with(close)) s = Trim(s.substr(0, s.size() - close.size()));
  }
  return s;
}

const std::string* StringField(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

// A string, or the "name"/"@id"/"url" of an object, or the first of an array.
std::string NameOf(const json& v, const char* key = "name") {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    if (const std::string* s = StringField(v, key)) return *s;
  }
  if (v.is_array() && !v.empty()) return NameOf(v.front(), key);
  return {};
}

bool TypeMatches(const json& obj, bool (*pred)(std::string_view)) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  if (it->is_string()) return pred(it->get_ref<const std::string&>());
  if (it->is_array()) {
    for (const json& t : *it) {
      if (t.is_string() && pred(t.get_ref<const std::string&>())) return true;
    }
  }
  return false;
}

bool IsArticleType(std::string_view t) {
  return t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report" ||
         t == "SocialMediaPosting";
}
bool IsPageType(std::string_view t) { return t == "WebPage" || t == "ItemPage"; }

}  // namespace

// ---- the collector --------------------------------------------------------------

namespace {

class Collector {
 public:
  Collector(const Document& doc, std::string_view page_url) : doc_(doc), page_url_(page_url) {}

  Metadata Run();

 private:
  void Element(NodeId id);
  void Meta(NodeId id);
  void Link(NodeId id);
  void Itemprop(NodeId id, std::string_view props);
  void TimeElement(NodeId id);
  void HiddenTextarea(NodeId id);
  void JsonLd(std::string_view text);
  void JsonLdValue(const json& v, int depth);
  void JsonLdEntity(const json& obj, int rank);
  void EmbeddedState(std::string_view text, bool whole_is_json);
  void BodyFromJson(const json& v, int* budget);
  void BodyFromLiterals(std::string_view text);
  void OfferBody(std::string_view html_text);

  void OfferDate(Best<std::pair<DateTime, std::string>>& best, std::string_view raw, int rank) {
    if (rank >= best.rank) return;
    if (auto when = ParseMachineDate(raw)) best.Offer({*when, std::string(Trim(raw))}, rank);
  }
  void OfferText(Best<std::string>& best, std::string_view text, int rank) {
    text = Trim(text);
    if (!text.empty()) best.Offer(std::string(text), rank);
  }
  void OfferUrl(Best<std::string>& best, std::string_view ref, int rank);
  void OfferAuthor(std::string_view name, int rank);
  bool HasAncestor(NodeId id, Tag tag) const;
  std::string ItempropText(NodeId id) const;

  const Document& doc_;
  std::string_view page_url_;
  Best<std::string> title_, site_name_, canonical_, source_, description_, lang_, image_, next_;
  Best<std::string> html_title_, json_ld_body_;
  Best<std::pair<DateTime, std::string>> published_, modified_;
  std::vector<Ranked> authors_, tags_;
  std::string embedded_body_;
  std::vector<std::string> feeds_;
  bool is_article_ = false;
  ScriptRecord state_record_, variable_record_;
  int microdata_articles_ = 0;
  std::string generator_;
};

Metadata Collector::Run() {
  for (NodeId id = 0; id < doc_.size(); ++id) {
    if (doc_.node(id).type == html::NodeType::kElement) Element(id);
  }
  for (const html::Script& script : doc_.scripts()) {
    const std::string type = Lower(script.type);
    if (type == "application/ld+json") {
      JsonLd(script.text);
    } else if (script.id == "__NEXT_DATA__") {
      EmbeddedState(script.text, true);
    } else if (type.empty() || type.find("javascript") != type.npos) {
      EmbeddedState(script.text, false);
      RecordFromScriptVariables(script.text, &variable_record_);
    }
  }
  Metadata m;
  m.title = title_.value;
  m.html_title = html_title_.value;
  m.site_name = site_name_.value;
  m.canonical_url = canonical_.value;
  if (published_.rank != kRankNone) m.published = published_.value.first;
  m.published_raw = published_.value.second;
  if (modified_.rank != kRankNone) m.modified = modified_.value.first;
  auto best_of = [](const std::vector<Ranked>& list) {
    std::vector<std::string> out;
    int best = kRankNone;
    for (const Ranked& r : list) best = std::min(best, r.rank);
    for (const Ranked& r : list) {
      if (r.rank == best && std::find(out.begin(), out.end(), r.text) == out.end()) out.push_back(r.text);
    }
    return out;
  };
  m.authors = best_of(authors_);
  m.tags = best_of(tags_);
  m.source = source_.value;
  m.description = description_.value;
  m.lang = lang_.value;
  std::replace(m.lang.begin(), m.lang.end(), '_', '-');  // og:locale zh_CN
  m.image = image_.value;
  m.json_ld_body = json_ld_body_.value;
  m.embedded_body = embedded_body_;
  m.next_url = next_.value;
  m.feeds = feeds_;
  m.is_article_type = is_article_ || microdata_articles_ == 1;
  m.script = std::move(state_record_);
  if (!m.script.published) {
    m.script.published = variable_record_.published;
    m.script.published_raw = variable_record_.published_raw;
  }
  if (!m.script.modified) m.script.modified = variable_record_.modified;
  m.generator = generator_;
  return m;
}

void Collector::Element(NodeId id) {
  switch (doc_.node(id).tag) {
    case Tag::kHtml:
      OfferText(lang_, doc_.attr(id, "lang"), 10);
      break;
    case Tag::kMeta:
      Meta(id);
      break;
    case Tag::kLink:
      Link(id);
      break;
    case Tag::kTitle:
      if (html_title_.rank == kRankNone && !HasAncestor(id, Tag::kSvg)) {
        OfferText(html_title_, doc_.TextContent(id), 10);
      }
      break;
    case Tag::kTime:
      TimeElement(id);
      break;
    case Tag::kTextarea:
      HiddenTextarea(id);
      break;
    default:
      break;
  }
  // Microdata: <article itemscope itemtype="http://schema.org/BlogPosting">;
  // counted, since a list page marks every teaser so.
  const std::string_view item_type = doc_.attr(id, "itemtype");
  if (!item_type.empty() && (item_type.ends_with("Article") || item_type.ends_with("BlogPosting"))) {
    ++microdata_articles_;
  }
  if (doc_.has_attr(id, "itemprop") && doc_.node(id).tag != Tag::kMeta) {
    Itemprop(id, doc_.attr(id, "itemprop"));
  }
}

void Collector::Meta(NodeId id) {
  const std::string_view content = doc_.attr(id, "content");
  if (const std::string_view equiv = doc_.attr(id, "http-equiv"); !equiv.empty()) {
    if (Lower(equiv) == "content-language") OfferText(lang_, content, 30);
    return;
  }
  std::string key = Lower(Trim(doc_.attr(id, "property")));
  if (key.empty()) key = Lower(Trim(doc_.attr(id, "name")));
  if (key.empty()) {
    if (std::string_view prop = doc_.attr(id, "itemprop"); !prop.empty()) Itemprop(id, prop);
    return;
  }
  if (key == "og:title") OfferText(title_, content, 10);
  else if (key == "generator") generator_ += std::string(Trim(content));
  else if (key == "twitter:title") OfferText(title_, content, 30);
  else if (key == "title" || key == "dc.title") OfferText(title_, content, 35);
  else if (key == "og:site_name") OfferText(site_name_, content, 10);
  else if (key == "application-name") OfferText(site_name_, content, 30);
  // TRS/Hanweb government CMSs: SiteName, ArticleTitle (no og: tags there).
  else if (key == "sitename") OfferText(site_name_, content, 35);
  else if (key == "articletitle") OfferText(title_, content, 36);
  else if (key == "og:url") OfferUrl(canonical_, content, 20);
  else if (key == "og:type") is_article_ = is_article_ || Lower(content).starts_with("article");
  else if (key == "og:image" || key == "og:image:url" || key == "og:image:secure_url") OfferUrl(image_, content, 10);
  else if (key == "twitter:image" || key == "twitter:image:src") OfferUrl(image_, content, 20);
  else if (key == "og:locale") OfferText(lang_, content, 20);
  else if (key == "og:description") OfferText(description_, content, 10);
  else if (key == "description") OfferText(description_, content, 20);
  else if (key == "twitter:description") OfferText(description_, content, 30);
  else if (key == "article:published_time") OfferDate(published_, content, kRankArticleMeta);
  else if (key == "og:published_time" || key == "og:release_date" || key == "article:published")
    OfferDate(published_, content, kRankArticleMetaAlt);
  else if (key == "article:modified_time") OfferDate(modified_, content, kRankArticleMeta);
  else if (key == "og:updated_time") OfferDate(modified_, content, kRankArticleMetaAlt);
  else if (InTable(kPublishedNames, key)) OfferDate(published_, content, key == "date" ? kRankMetaNameAlt : kRankMetaName);
  else if (InTable(kModifiedNames, key)) OfferDate(modified_, content, kRankMetaName);
  else if (key == "article:author") OfferAuthor(content, kRankArticleMeta);
  else if (InTable(kAuthorNames, key)) OfferAuthor(content, kRankMetaName);
  else if (InTable(kSourceNames, key)) OfferText(source_, content, kRankMetaName);
  else if (key == "article:tag") tags_.push_back({10, std::string(Trim(content))});
  else if (key == "news_keywords" || key == "keywords") {
    for (std::string& k : SplitKeywords(content)) tags_.push_back({key == "keywords" ? 40 : 30, std::move(k)});
  }
}

void Collector::Link(NodeId id) {
  const std::string rel = " " + Lower(doc_.attr(id, "rel")) + " ";
  const std::string_view href = doc_.attr(id, "href");
  if (rel.find(" canonical ") != rel.npos) OfferUrl(canonical_, href, 10);
  if (rel.find(" next ") != rel.npos) OfferUrl(next_, href, 10);
  // Feed autodiscovery: <link rel="alternate" type="application/rss+xml">.
  const std::string type = Lower(doc_.attr(id, "type"));
  if (rel.find(" alternate ") != rel.npos &&
      (type == "application/rss+xml" || type == "application/atom+xml" || type == "application/rdf+xml")) {
    Best<std::string> feed;
    OfferUrl(feed, href, 10);
    if (!feed.value.empty() && std::find(feeds_.begin(), feeds_.end(), feed.value) == feeds_.end()) {
      feeds_.push_back(feed.value);
    }
  }
}

// itemprop="datePublished" etc. on any element: content, datetime, then text.
void Collector::Itemprop(NodeId id, std::string_view props) {
  const std::string p = " " + std::string(props) + " ";
  auto has = [&](std::string_view name) { return p.find(" " + std::string(name) + " ") != p.npos; };
  if (has("datePublished")) OfferDate(published_, ItempropText(id), kRankItemprop);
  if (has("dateModified")) OfferDate(modified_, ItempropText(id), kRankItemprop);
  if (has("headline")) OfferText(title_, ItempropText(id), kRankItemprop);
  if (has("author") || has("creator")) {
    // <span itemprop="author" itemscope><span itemprop="name">Jane</span></span>
    NodeId name = html::kNoNode;
    const uint32_t depth = doc_.node(id).depth;
    for (NodeId d = id + 1; d < doc_.size() && doc_.node(d).depth > depth; ++d) {
      if (doc_.node(d).type == html::NodeType::kElement && doc_.attr(d, "itemprop") == "name") {
        name = d;
        break;
      }
    }
    OfferAuthor(ItempropText(name != html::kNoNode ? name : id), kRankItemprop);
  }
}

std::string Collector::ItempropText(NodeId id) const {
  for (std::string_view attr : {"content", "datetime"}) {
    if (doc_.has_attr(id, attr)) return std::string(doc_.attr(id, attr));
  }
  std::string text = doc_.TextContent(id);
  if (text.size() > kMaxItempropTextBytes) return {};
  return text;
}

// <time datetime> counts when marked as the publication time or inside
// <article>; the first one wins (rank ties keep the first).
void Collector::TimeElement(NodeId id) {
  if (!doc_.has_attr(id, "datetime")) return;
  // WordPress themes: <time class="entry-date published"> then, once the
  // post was edited, <time class="updated">.
  const std::string cls = Lower(doc_.attr(id, "class"));
  if (cls.find("published") == cls.npos && (cls.find("updated") != cls.npos || cls.find("modified") != cls.npos)) {
    OfferDate(modified_, doc_.attr(id, "datetime"), kRankTime);
    return;
  }
  if (doc_.has_attr(id, "pubdate") || HasAncestor(id, Tag::kArticle)) {
    OfferDate(published_, doc_.attr(id, "datetime"), kRankTime);
  }
}

bool Collector::HasAncestor(NodeId id, Tag tag) const {
  for (NodeId p = doc_.node(id).parent; p != html::kNoNode; p = doc_.node(p).parent) {
    if (doc_.IsElement(p, tag)) return true;
  }
  return false;
}

void Collector::OfferUrl(Best<std::string>& best, std::string_view ref, int rank) {
  ref = Trim(ref);
  if (ref.empty() || rank >= best.rank) return;
  if (page_url_.empty()) {
    if (url::IsHttp(ref)) best.Offer(std::string(ref), rank);
    return;
  }
  Result<std::string> resolved = url::Resolve(page_url_, ref);
  if (resolved.ok()) best.Offer(std::move(resolved.value()), rank);
}

// Authors from meta tags and JSON-LD: URLs (Facebook profiles in
// article:author) are not names; "By Jane Doe" loses its "By".
void Collector::OfferAuthor(std::string_view name, int rank) {
  name = Trim(name);
  if (name.empty() || IsUrlLike(name) || name.size() > 200) return;
  if (name.starts_with("By ") || name.starts_with("by ")) name = Trim(name.substr(3));
  Byline parsed = ParseByline(std::string("By ") + std::string(name));
  if (parsed.authors.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80;
      })) {
    if (!IsNavWord(name)) authors_.push_back({rank, std::string(name)});
    return;
  }
  for (std::string& a : parsed.authors) authors_.push_back({rank, std::move(a)});
}

// ---- JSON-LD -----------------------------------------------------------------

void Collector::JsonLd(std::string_view text) {
  try {
    const json j = ParseJson(UnwrapScript(text));
    if (!j.is_discarded()) JsonLdValue(j, 0);
  } catch (const std::exception&) {
    // A field of an unexpected type in one script; the other sources stand.
  }
}

// Arrays, @graph and WebPage.mainEntity lead to the entities.
void Collector::JsonLdValue(const json& v, int depth) {
  constexpr int kMaxLdDepth = 8;
  if (depth > kMaxLdDepth) return;
  if (v.is_array()) {
    for (const json& e : v) JsonLdValue(e, depth + 1);
    return;
  }
  if (!v.is_object()) return;
  if (auto graph = v.find("@graph"); graph != v.end()) JsonLdValue(*graph, depth + 1);
  if (TypeMatches(v, IsArticleType)) {
    is_article_ = true;
    JsonLdEntity(v, kRankJsonLd);
  } else if (TypeMatches(v, IsPageType)) {
    JsonLdEntity(v, kRankJsonLdPage);
    if (auto main = v.find("mainEntity"); main != v.end()) JsonLdValue(*main, depth + 1);
  } else if (TypeMatches(v, [](std::string_view t) {
               return t == "WebSite" || t == "NewsMediaOrganization" || t == "Organization";
             })) {
    OfferText(site_name_, NameOf(v), kRankMetaName);
  }
}

// The fields of one *Article (rank kRankJsonLd) or WebPage entity.
void Collector::JsonLdEntity(const json& obj, int rank) {
  const bool article = rank == kRankJsonLd;
  if (const std::string* s = StringField(obj, "headline")) OfferText(title_, *s, article ? 20 : 50);
  if (const std::string* s = StringField(obj, "name")) OfferText(title_, *s, article ? 25 : 55);
  if (const std::string* s = StringField(obj, "datePublished")) OfferDate(published_, *s, rank);
  if (const std::string* s = StringField(obj, "dateCreated")) OfferDate(published_, *s, rank + 2);
  if (const std::string* s = StringField(obj, "dateModified")) OfferDate(modified_, *s, rank);
  if (auto it = obj.find("author"); it != obj.end()) {
    if (it->is_array()) {
      for (const json& a : *it) OfferAuthor(NameOf(a), rank);
    } else {
      OfferAuthor(NameOf(*it), rank);
    }
  }
  if (auto it = obj.find("publisher"); it != obj.end()) OfferText(site_name_, NameOf(*it), 20);
  if (const std::string* s = StringField(obj, "articleBody"); s && article) {
    OfferText(json_ld_body_, *s, rank);
  }
  if (auto it = obj.find("keywords"); it != obj.end()) {
    if (it->is_string()) {
      for (std::string& k : SplitKeywords(it->get_ref<const std::string&>())) tags_.push_back({20, std::move(k)});
    } else if (it->is_array()) {
      for (const json& k : *it) {
        if (k.is_string()) tags_.push_back({20, k.get<std::string>()});
      }
    }
  }
  if (auto it = obj.find("inLanguage"); it != obj.end()) OfferText(lang_, NameOf(*it), 40);
  if (auto it = obj.find("mainEntityOfPage"); it != obj.end()) OfferUrl(canonical_, NameOf(*it, "@id"), 30);
  if (const std::string* s = StringField(obj, "url"); s && article) OfferUrl(canonical_, *s, 30);
  if (auto it = obj.find("image"); it != obj.end()) OfferUrl(image_, NameOf(*it, "url"), 30);
  if (const std::string* s = StringField(obj, "description")) OfferText(description_, *s, 40);
}

// ---- embedded app state ----------------------------------------------------------

// The object literal starting at text[open] ('{') up to its matching '}'
// (quotes and escapes respected); the rest of the text when unclosed.
std::string_view BalancedObject(std::string_view text, size_t open) {
  int depth = 0;
  char quote = 0;
  for (size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return text.substr(open, i + 1 - open);
    }
  }
  return text.substr(open);
}

void Collector::EmbeddedState(std::string_view text, bool whole_is_json) {
  try {
    if (whole_is_json) {
      const json j = ParseJson(text);
      int budget = kMaxJsonNodes;
      if (!j.is_discarded()) {
        BodyFromJson(j, &budget);
        RecordFromState(j, title_.value, html_title_.value, &state_record_);
      }
      return;
    }
    for (std::string_view marker : kStateMarkers) {
      size_t at = text.find(marker);
      for (int tries = 0; at != text.npos && tries < kMarkerTries; ++tries, at = text.find(marker, at + 1)) {
        // window.__INITIAL_STATE__ = {...}; window["__INITIAL_STATE__"]={...}
        size_t k = at + marker.size();
        while (k < text.size() && (text[k] == ' ' || text[k] == '"' || text[k] == '\'' || text[k] == ']')) ++k;
        if (k >= text.size() || text[k] != '=') continue;
        const size_t open = text.find_first_not_of(" \t\r\n", k + 1);
        if (open == text.npos || text[open] != '{') continue;
        const std::string_view object = BalancedObject(text, open);
        const json j = ParseJson(object);
        int budget = kMaxJsonNodes;
        if (!j.is_discarded()) {
          BodyFromJson(j, &budget);
          RecordFromState(j, title_.value, html_title_.value, &state_record_);
        } else {
          BodyFromLiterals(object);  // JS, not JSON: unquoted keys, undefined
        }
        break;
      }
    }
  } catch (const std::exception&) {
    // Unexpected shapes only cost the embedded body.
  }
}

// 环球网 ships the article as escaped HTML in a hidden
// <textarea class="article-content"> that its script renders; the
// textarea's text is that HTML. Only content-named textareas count: a
// comment box is a textarea too, but empty or short.
void Collector::HiddenTextarea(NodeId id) {
  const std::string names = Lower(doc_.attr(id, "class")) + " " + Lower(doc_.attr(id, "name")) + " " +
                            Lower(doc_.attr(id, "id"));
  if (names.find("content") == std::string::npos && names.find("body") == std::string::npos) return;
  OfferBody(doc_.TextContent(id));
}

// The longest string under a body-like key, anywhere in the value.
void Collector::BodyFromJson(const json& v, int* budget) {
  if (--*budget < 0) return;
  if (v.is_array()) {
    for (const json& e : v) BodyFromJson(e, budget);
  } else if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it->is_string()) {
        if (InTable(kBodyKeys, Lower(it.key()))) OfferBody(it->get_ref<const std::string&>());
      } else {
        BodyFromJson(*it, budget);
      }
    }
  }
}

// For JS object literals: reads "content":"..." / content:"..." string
// literals directly, decoding their escapes as JSON strings.
void Collector::BodyFromLiterals(std::string_view text) {
  for (std::string_view key : {"content", "body", "articleBody", "text"}) {
    for (size_t at = text.find(key); at != text.npos; at = text.find(key, at + 1)) {
      size_t k = at + key.size();
      if (k < text.size() && text[k] == '"') ++k;
      while (k < text.size() && text[k] == ' ') ++k;
      if (k >= text.size() || text[k] != ':') continue;
      ++k;
      while (k < text.size() && text[k] == ' ') ++k;
      if (k >= text.size() || text[k] != '"') continue;
      size_t end = k + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      if (end >= text.size()) break;
      const json s = json::parse(text.substr(k, end + 1 - k), nullptr, false);
      if (s.is_string()) OfferBody(s.get_ref<const std::string&>());
    }
  }
}

void Collector::OfferBody(std::string_view html_text) {
  if (html_text.size() < kMinEmbeddedBodyBytes || html_text.size() <= embedded_body_.size()) return;
  const std::string_view head = Trim(html_text);
  if (head.starts_with("http") || head.starts_with("{") || head.starts_with("[")) return;
  std::string text = HtmlToText(html_text);
  if (text.size() >= kMinEmbeddedBodyBytes && text.size() > embedded_body_.size()) {
    embedded_body_ = std::move(text);
  }
}

}  // namespace

Metadata ReadMetadata(const html::Document& doc, std::string_view page_url) {
  return Collector(doc, page_url).Run();
}

}  // namespace gleaner::extract::internal
