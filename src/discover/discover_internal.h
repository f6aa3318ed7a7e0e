// discover_internal: pieces shared by the discover module's files (not a
// public API).
// Does:    the byte source the XML reader pulls from (plain or gunzipped,
//          with the decoded-bytes cap), cheap prefix sniffing (root element,
//          declared encoding) and the RAII wrapper over xmlTextReader.
// Owns:    an Inflater owns one z_stream; an XmlReader owns one
//          xmlTextReader and, while it lives, this thread's libxml2 error
//          handlers (restored by its destructor).
// Threads: every object belongs to one thread; free functions are
//          thread-safe.
#ifndef GLEANER_SRC_DISCOVER_DISCOVER_INTERNAL_H_
#define GLEANER_SRC_DISCOVER_DISCOVER_INTERNAL_H_

#include <libxml/xmlreader.h>
#include <zlib.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "gleaner/discover.h"
#include "gleaner/result.h"

namespace gleaner::discover::internal {

// ---- gunzip.cc ----

// True when `bytes` starts with the gzip magic (1f 8b).
bool IsGzip(std::string_view bytes);

// Streaming gunzip of an in-memory gzip file (concatenated members are
// read one after another, as gzip(1) does).
// Errors: a damaged or truncated stream; zlib's text is passed on.
class Inflater {
 public:
  explicit Inflater(std::string_view gzip_bytes);
  ~Inflater();
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Writes up to `capacity` decoded bytes to `out`. Returns the count,
  // 0 at the end of the data, or an error.
  Result<size_t> Read(char* out, size_t capacity);

 private:
  z_stream stream_{};
  bool initialised_ = false;
  bool finished_ = false;
};

class ReferenceRepair;  // repair.cc, below

// The document's bytes as the XML parser sees them: the input itself or
// its gunzipped form, refused with kTooLarge once more than
// `max_decoded_bytes` have been produced. The cap is checked on every
// chunk, so a gzip bomb costs one chunk past the cap, never the whole bomb.
class Source {
 public:
  // With `repair`, the bytes pass through a ReferenceRepair (the cap
  // still counts the document's own bytes).
  Source(std::string_view bytes, size_t max_decoded_bytes, bool repair = false);

  // Fills up to `capacity` bytes of `out`; returns the count, 0 at the end,
  // -1 on failure (then error() says why). The XML reader's read callback.
  int Read(char* out, int capacity);

  // Set after Read() returned -1.
  const std::optional<Error>& error() const { return error_; }
  size_t decoded_bytes() const { return decoded_bytes_; }

 private:
  std::string_view plain_;      // not gzipped: the rest still to hand out
  std::unique_ptr<Inflater> inflater_;  // gzipped: null otherwise
  size_t max_decoded_bytes_;
  size_t decoded_bytes_ = 0;
  std::optional<Error> error_;
  std::unique_ptr<ReferenceRepair> repair_;  // null: bytes pass as they are
  std::string repaired_;                     // repaired bytes not yet handed out
  size_t repaired_offset_ = 0;
  bool raw_ended_ = false;

  int ReadRaw(char* out, int capacity);
  int ReadRepaired(char* out, int capacity);
};

// ---- repair.cc ----
// False for documents whose bytes the repair must not touch (UTF-16/32).
bool NeedsRepair(std::string_view prefix);

// Streaming fix-up of references a parser would reject: a bare `&` becomes
// `&amp;`, `&nbsp;` and the other common HTML names their numeric
// references, unknown names literal text; comments, CDATA, processing
// instructions and the DOCTYPE pass untouched. Holds back at most a few
// dozen bytes between calls.
class ReferenceRepair {
 public:
  // Appends the repaired form of what `chunk` decides to `out`; with
  // `at_end` everything held back is decided too.
  void Feed(std::string_view chunk, bool at_end, std::string* out);

 private:
  enum class State { kText, kTag, kComment, kCData, kInstruction, kDoctype };
  size_t Step(std::string_view in, bool at_end, std::string* out);
  size_t StepMarkup(std::string_view in, bool at_end, std::string* out);
  size_t StepReference(std::string_view in, bool at_end, std::string* out);
  size_t StepOpen(std::string_view in, bool at_end, std::string* out);
  size_t PassUntil(std::string_view in, std::string_view close, bool at_end, std::string* out);
  size_t StepDoctype(std::string_view in, std::string* out);

  std::string held_;  // bytes not yet decided
  State state_ = State::kText;
  char quote_ = 0;  // in a tag: the quote of the attribute value we are in
  int doctype_depth_ = 0;
};

// Up to `max_bytes` decoded bytes from the start of `bytes` (gunzipped when
// gzipped); what could be decoded when the stream is damaged.
std::string DecodedPrefix(std::string_view bytes, size_t max_bytes);

// ---- sniff.cc ----

// The root element's local name ("urlset", "RDF", "html"...) found by
// skipping a BOM, the XML declaration, comments, processing instructions
// and a DOCTYPE; "" when the prefix ends first or is not markup.
std::string RootName(std::string_view prefix);

// The iconv name libxml2 must use instead of the encoding the XML
// declaration names, or "" to let libxml2 follow the document. Portals
// declare gb2312 and send GBK-only characters (喆, 堃, 镕), which iconv's
// GB2312 refuses; the WHATWG label table decodes the whole family as
// GB18030, and big5 as Big5-HKSCS.
std::string EncodingOverride(std::string_view prefix);

// ---- xml_reader.cc ----

// One pass over a document with libxml2's streaming reader: no network, no
// DTD loading, no entity substitution, libxml2's own size limits kept
// (no XML_PARSE_HUGE). Nodes are freed as the reader moves on, so memory
// stays flat however long the document is.
class XmlReader {
 public:
  // Borrows `source` for its whole life. `url` becomes the document's base
  // URI (xml:base resolves against it). A non-empty `encoding` (an iconv
  // name) replaces the one the XML declaration names.
  XmlReader(Source* source, const std::string& url, const std::string& encoding);
  ~XmlReader();
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  // Moves to the next node. False at the end of the document or on an
  // error; status() tells which.
  bool Next();
  // OK, or why reading stopped: the source's error, libxml2's first error
  // message (kInvalidInput), or a refused DOCTYPE.
  Status status() const;

  // The current node. Views stay valid until the next Next().
  int type() const;  // xmlReaderTypes
  int depth() const;
  bool IsEmptyElement() const;
  std::string_view LocalName() const;
  std::string_view NamespaceUri() const;
  std::string_view Value() const;
  // An attribute of the current element ("" when absent); `ns` null means
  // the attribute name as written ("rel", "xml:base").
  std::string Attribute(const char* name, const char* ns = nullptr) const;
  // The base URI in effect at the current node (xml:base against the
  // document URL), or "" when libxml2 cannot build one.
  std::string BaseUri() const;

  struct Errors;  // the handlers' capture; defined in xml_reader.cc

 private:
  bool RefuseEntityDeclarations();

  std::unique_ptr<Errors> errors_;  // outlives reader_: its handlers point here
  xmlTextReaderPtr reader_ = nullptr;
  Source* source_;
  std::optional<Error> refused_;
  bool failed_ = false;
};

}  // namespace gleaner::discover::internal

#endif  // GLEANER_SRC_DISCOVER_DISCOVER_INTERNAL_H_
