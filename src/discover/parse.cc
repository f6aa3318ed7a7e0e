// parse: sitemap, sitemap index, RSS 2.0, RSS 1.0 (RDF) and Atom documents
// read in one streaming pass into Entry values.
//
// One walker serves every format: the root element picks the entry element
// (url, sitemap, item, entry) and a table maps the entry's direct children
// to fields. A child counts only when it is in the entry's own namespace,
// so extension elements (image:loc, news:title, media:title, atom:link in
// RSS) never replace the real ones. Memory per entry is bounded by
// kMaxFieldBytes per field, whatever the document's size.
#include <libxml/xmlreader.h>

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "discover_internal.h"
#include "gleaner/discover.h"
#include "gleaner/url.h"

namespace gleaner::discover {
namespace {

// The decoded prefix sniffed for the root element and XML declaration; a
// few KB covers the declaration, stylesheet PIs and comments before it.
constexpr size_t kSniffBytes = 8 * 1024;

// Text kept per field. URLs are refused past 8 KB by url::Resolve and
// titles are a line; more is a hostile document, not data.
constexpr size_t kMaxFieldBytes = 16 * 1024;

constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kDublinCoreNs = "http://purl.org/dc/elements/1.1/";

enum class Field { kNone, kUrl, kGuid, kId, kTitle, kLastmod, kPublished };

struct FieldName {
  std::string_view name;  // local name, in the entry's namespace
  Field field;
};

constexpr FieldName kSitemapFields[] = {{"loc", Field::kUrl}, {"lastmod", Field::kLastmod}};
// RSS 1.0 items carry link and title only; the same table reads them.
constexpr FieldName kRssFields[] = {{"link", Field::kUrl},
                                    {"guid", Field::kGuid},
                                    {"title", Field::kTitle},
                                    {"pubDate", Field::kLastmod}};
// Atom's <link> is read from its attributes (see OnAtomLink).
constexpr FieldName kAtomFields[] = {{"id", Field::kId},
                                     {"title", Field::kTitle},
                                     {"updated", Field::kLastmod},
                                     {"published", Field::kPublished}};

struct Format {
  Kind kind;
  std::string_view entry_name;
  std::span<const FieldName> fields;
};

// The format a root element announces, or nullopt for anything else.
std::optional<Format> FormatOf(std::string_view root) {
  if (root == "urlset") return Format{Kind::kUrlSet, "url", kSitemapFields};
  if (root == "sitemapindex") return Format{Kind::kSitemapIndex, "sitemap", kSitemapFields};
  if (root == "rss" || root == "RDF") return Format{Kind::kRss, "item", kRssFields};
  if (root == "feed") return Format{Kind::kAtom, "entry", kAtomFields};
  return std::nullopt;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Titles are often wrapped over lines in the XML; a title is one line.
std::string CollapseSpace(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : Trim(text)) {
    if (IsSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// Appends `piece` to `text` up to kMaxFieldBytes in all, cutting at a
// UTF-8 character boundary.
void AppendCapped(std::string_view piece, std::string* text) {
  if (text->size() + piece.size() > kMaxFieldBytes) {
    size_t keep = kMaxFieldBytes - std::min(text->size(), kMaxFieldBytes);
    auto is_continuation = [&](size_t i) {
      return (static_cast<unsigned char>(piece[i]) & 0xC0) == 0x80;
    };
    while (keep > 0 && keep < piece.size() && is_continuation(keep)) --keep;
    piece = piece.substr(0, keep);
  }
  text->append(piece);
}

// One entry being read. Its URL candidates are kept apart because the
// formats rank them: <link>/<loc>/<link href> first, then a permalink
// <guid> (RSS), the rdf:about (RSS 1.0) or an http <id> (Atom).
struct Draft {
  int depth = 0;
  std::string ns;  // the entry element's namespace; its fields share it
  std::string url;
  std::string guid;
  std::string about;
  std::string id;
  std::string lastmod;
  std::string published;
  std::string title;

  const std::string& BestUrl() const {
    for (const std::string* candidate : {&url, &guid, &about, &id}) {
      if (!candidate->empty()) return *candidate;
    }
    return url;
  }
};

class ListingWalker {
 public:
  ListingWalker(internal::XmlReader* xml, std::string_view url, const Limits& limits)
      : xml_(xml), url_(url), limits_(limits) {}

  Result<Listing> Run();

 private:
  Status OnRoot();
  Status OnElement();
  void OnEndElement();
  void OnAtomLink();
  void FinishField();
  void FinishEntry();
  std::string ResolveHere(std::string_view ref) const;

  internal::XmlReader* xml_;
  std::string url_;
  const Limits& limits_;
  std::optional<Format> format_;  // set at the root element
  bool rdf_ = false;              // RSS 1.0: items are not in the root's namespace
  std::string root_ns_;
  size_t entries_seen_ = 0;
  std::optional<Draft> draft_;  // the entry being read
  Field field_ = Field::kNone;  // the entry child being read
  int field_depth_ = 0;
  bool guid_is_permalink_ = true;
  std::string text_;  // the field's text so far, at most kMaxFieldBytes
  Listing listing_;
};

Result<Listing> ListingWalker::Run() {
  while (!listing_.truncated && xml_->Next()) {
    switch (xml_->type()) {
      case XML_READER_TYPE_ELEMENT:
        GLEANER_TRY(format_ ? OnElement() : OnRoot());
        if (xml_->IsEmptyElement()) OnEndElement();  // <loc/> has no end node
        break;
      case XML_READER_TYPE_END_ELEMENT:
        OnEndElement();
        break;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (field_ != Field::kNone) AppendCapped(xml_->Value(), &text_);
        break;
      default:  // comments, PIs, unexpanded entity references: no data
        break;
    }
  }
  if (listing_.truncated) return std::move(listing_);  // the rest is unread, not wrong
  GLEANER_TRY(xml_->status());
  if (!format_) return MakeError(Code::kInvalidInput, "it has no root element");
  return std::move(listing_);
}

Status ListingWalker::OnRoot() {
  std::string_view name = xml_->LocalName();
  std::string_view ns = xml_->NamespaceUri();
  format_ = FormatOf(name);
  rdf_ = name == "RDF" && ns == kRdfNs;
  if (!format_ || (name == "RDF" && !rdf_)) {
    format_.reset();
    return MakeError(Code::kInvalidInput, "its root element is <" + std::string(name) + ">");
  }
  root_ns_ = ns;
  listing_.kind = format_->kind;
  return Status::Ok();
}

Status ListingWalker::OnElement() {
  std::string_view name = xml_->LocalName();
  std::string_view ns = xml_->NamespaceUri();
  int depth = xml_->depth();
  if (!draft_) {
    bool is_entry = name == format_->entry_name && (rdf_ ? ns != kRdfNs : ns == root_ns_);
    if (!is_entry) return Status::Ok();
    if (++entries_seen_ > limits_.max_entries) {
      listing_.truncated = true;  // keep the first max_entries; stop reading
      return Status::Ok();
    }
    draft_.emplace();
    draft_->depth = depth;
    draft_->ns = ns;
    if (rdf_) draft_->about = ResolveHere(xml_->Attribute("about", kRdfNs.data()));
    return Status::Ok();
  }
  // Only direct children: deeper elements are extensions (image:image/
  // image:loc) or Atom's <source>, whose links are another feed's.
  if (depth != draft_->depth + 1 || field_ != Field::kNone) return Status::Ok();
  if (ns == draft_->ns && name == "link" && format_->kind == Kind::kAtom) {
    OnAtomLink();
    return Status::Ok();
  }
  if (ns == draft_->ns) {
    for (const FieldName& candidate : format_->fields) {
      if (candidate.name == name) field_ = candidate.field;
    }
  } else if (ns == kDublinCoreNs && name == "date" && format_->kind == Kind::kRss) {
    field_ = Field::kPublished;  // RSS 1.0's usual date
  }
  if (field_ == Field::kGuid) guid_is_permalink_ = xml_->Attribute("isPermaLink") != "false";
  field_depth_ = depth;
  text_.clear();
  return Status::Ok();
}

// RFC 4287: rel defaults to "alternate", the entry's own page. The first
// alternate link wins; enclosures, replies and "self" are not articles.
void ListingWalker::OnAtomLink() {
  if (!draft_->url.empty()) return;
  std::string rel = xml_->Attribute("rel");
  if (!rel.empty() && rel != "alternate") return;
  draft_->url = ResolveHere(xml_->Attribute("href"));
}

void ListingWalker::OnEndElement() {
  if (!draft_) return;
  int depth = xml_->depth();
  if (field_ != Field::kNone && depth == field_depth_) {
    FinishField();
    field_ = Field::kNone;
  } else if (field_ == Field::kNone && depth == draft_->depth) {
    FinishEntry();
    draft_.reset();
  }
}

void ListingWalker::FinishField() {
  Draft& draft = *draft_;
  auto set_once = [](std::string& slot, std::string value) {
    if (slot.empty()) slot = std::move(value);
  };
  switch (field_) {
    case Field::kUrl:
      set_once(draft.url, ResolveHere(text_));
      break;
    case Field::kGuid:
      // A guid is a URL only when it says so (isPermaLink defaults to
      // true) and looks like one: many feeds put bare ids there.
      if (guid_is_permalink_ && url::IsHttp(text_)) set_once(draft.guid, ResolveHere(text_));
      break;
    case Field::kId:
      if (url::IsHttp(text_)) set_once(draft.id, ResolveHere(text_));  // not tag:/urn:
      break;
    case Field::kTitle:
      set_once(draft.title, CollapseSpace(text_));
      break;
    case Field::kLastmod:
      set_once(draft.lastmod, std::string(Trim(text_)));
      break;
    case Field::kPublished:
      set_once(draft.published, std::string(Trim(text_)));
      break;
    case Field::kNone:
      break;
  }
  text_.clear();
}

void ListingWalker::FinishEntry() {
  Draft& draft = *draft_;
  const std::string& url = draft.BestUrl();
  if (url.empty()) return;  // no usable http(s) URL: nothing to crawl
  Entry entry;
  entry.url = url;
  entry.lastmod = draft.lastmod.empty() ? std::move(draft.published) : std::move(draft.lastmod);
  entry.title = std::move(draft.title);
  listing_.entries.push_back(std::move(entry));
}

// `ref` resolved against the base in effect here (xml:base, else the
// document URL); "" when it is empty, unparsable or not http(s).
std::string ListingWalker::ResolveHere(std::string_view ref) const {
  std::string_view trimmed = Trim(ref);
  if (trimmed.empty()) return "";
  std::string base = url_;
  if (!url::IsHttp(trimmed)) {
    // Relative links are rare, so libxml2's base walk is paid only here.
    std::string xml_base = xml_->BaseUri();
    if (!xml_base.empty()) base = std::move(xml_base);
  }
  Result<std::string> resolved = url::Resolve(base, trimmed);
  return resolved.ok() ? std::move(resolved).value() : "";
}

Error Explained(Error error, std::string_view url) {
  std::string where = url.empty() ? "document" : std::string(url);
  if (error.code == Code::kInvalidInput) {
    error.message = where + " is not a sitemap or feed: " + error.message;
  } else {
    error.message = where + ": " + error.message;
  }
  return error;
}

}  // namespace

Result<Listing> Parse(std::string_view bytes, std::string_view url, const Limits& limits) {
  if (bytes.empty()) return Explained(MakeError(Code::kInvalidInput, "it is empty"), url);
  if (!internal::IsGzip(bytes) && bytes.size() > limits.max_decoded_bytes) {
    return Explained(MakeError(Code::kTooLarge, "it is larger than " +
                                                    std::to_string(limits.max_decoded_bytes) +
                                                    " bytes"),
                     url);
  }
  std::string prefix = internal::DecodedPrefix(bytes, kSniffBytes);
  // HTML is rarely well-formed XML: name its root before libxml2 gets to
  // complain about an unclosed <p> in the same chunk.
  std::string root = internal::RootName(prefix);
  if (!root.empty() && !FormatOf(root)) {
    return Explained(MakeError(Code::kInvalidInput, "its root element is <" + root + ">"), url);
  }
  internal::Source source(bytes, limits.max_decoded_bytes, internal::NeedsRepair(prefix));
  internal::XmlReader xml(&source, std::string(url), internal::EncodingOverride(prefix));
  ListingWalker walker(&xml, url, limits);
  Result<Listing> listing = walker.Run();
  if (!listing.ok()) return Explained(listing.take_error(), url);
  return listing;
}

bool LooksLikeListing(std::string_view bytes) {
  std::string root = internal::RootName(internal::DecodedPrefix(bytes, kSniffBytes));
  return FormatOf(root).has_value();
}

}  // namespace gleaner::discover
