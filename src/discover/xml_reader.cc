// xml_reader: RAII over libxml2's xmlTextReader, with our safety settings
// and error capture.
//
// Entities: without XML_PARSE_NOENT libxml2 does not substitute entities
// (the reader hands out entity-reference nodes), never loads external ones
// (no DTDLOAD/DTDVALID, NONET), and its amplification check stops a
// billion-laughs document with "Detected an entity reference loop". On top
// of that we refuse any document whose DOCTYPE declares entities: no
// sitemap or feed needs one, so a declaration is a trap, not data.
//
// Errors: libxml2 reports through the parser's handler, the thread's
// structured handler and the thread's generic printf-style handler
// (encoding errors take the last two), all printing to stderr by default.
// For the reader's lifetime all three point at our capture, so a broken
// feed prints nothing and its first message becomes the Error text.
#include <libxml/globals.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <string>

#include "discover_internal.h"

namespace gleaner::discover::internal {
namespace {

// Messages past this are cut: they would only repeat the document back.
constexpr size_t kMaxMessageBytes = 300;

void InitLibxmlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.size() > kMaxMessageBytes) text.resize(kMaxMessageBytes);
  return text;
}

std::string TakeXmlString(xmlChar* owned) {
  if (owned == nullptr) return "";
  std::string text(reinterpret_cast<const char*>(owned));
  xmlFree(owned);
  return text;
}

std::string_view View(const xmlChar* text) {
  if (text == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(text));
}

int ReadFromSource(void* context, char* buffer, int capacity) noexcept {
  try {
    return static_cast<Source*>(context)->Read(buffer, capacity);
  } catch (...) {  // bad_alloc building a message: stop the parse
    return -1;
  }
}

}  // namespace

// Collects the first error libxml2 reports; installs itself as this
// thread's handlers and puts the previous ones back when destroyed.
struct XmlReader::Errors {
  std::string first;    // the first error-level message, with its line
  std::string generic;  // printf-style text, when nothing structured came

  Errors()
      : saved_generic_(xmlGenericError),
        saved_generic_context_(xmlGenericErrorContext),
        saved_structured_(xmlStructuredError),
        saved_structured_context_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(this, &OnGeneric);
    xmlSetStructuredErrorFunc(this, &OnStructured);
  }
  ~Errors() {
    xmlSetGenericErrorFunc(saved_generic_context_, saved_generic_);
    xmlSetStructuredErrorFunc(saved_structured_context_, saved_structured_);
  }
  Errors(const Errors&) = delete;
  Errors& operator=(const Errors&) = delete;

  std::string Message() const {
    if (!first.empty()) return first;
    if (!generic.empty()) return Trimmed(generic);
    return "malformed XML";
  }

  static void OnStructured(void* context, xmlErrorPtr error) noexcept {
    try {
      auto* self = static_cast<Errors*>(context);
      if (error == nullptr || error->level < XML_ERR_ERROR || !self->first.empty()) return;
      std::string message = Trimmed(error->message != nullptr ? error->message : "?");
      self->first = error->line > 0 ? "line " + std::to_string(error->line) + ": " + message
                                    : message;
    } catch (...) {  // out of memory: the generic "malformed XML" will do
    }
  }

  static void OnGeneric(void* context, const char* format, ...) noexcept {
    auto* self = static_cast<Errors*>(context);
    if (self->generic.size() >= kMaxMessageBytes) return;
    char piece[kMaxMessageBytes + 1];
    va_list args;
    va_start(args, format);
    std::vsnprintf(piece, sizeof piece, format, args);
    va_end(args);
    try {
      self->generic += piece;
    } catch (...) {
    }
  }

 private:
  xmlGenericErrorFunc saved_generic_;
  void* saved_generic_context_;
  xmlStructuredErrorFunc saved_structured_;
  void* saved_structured_context_;
};

XmlReader::XmlReader(Source* source, const std::string& url, const std::string& encoding)
    : source_(source) {
  InitLibxmlOnce();
  errors_ = std::make_unique<Errors>();
  // Never XML_PARSE_NOENT (it turns substitution ON), DTDLOAD/DTDATTR/
  // DTDVALID (they fetch and apply external DTDs) or HUGE (it lifts
  // libxml2's limits on text and name sizes and entity amplification).
  // NOBLANKS is left off: it only drops whitespace-only text, which the
  // walker ignores outside a field anyway.
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
  if (!encoding.empty()) options |= XML_PARSE_IGNORE_ENC;
  reader_ = xmlReaderForIO(&ReadFromSource, nullptr, source, url.empty() ? nullptr : url.c_str(),
                           encoding.empty() ? nullptr : encoding.c_str(), options);
  if (reader_ != nullptr) {
    xmlTextReaderSetStructuredErrorHandler(reader_, &Errors::OnStructured, errors_.get());
  }
}

XmlReader::~XmlReader() {
  if (reader_ != nullptr) xmlFreeTextReader(reader_);
  // errors_ goes after this: freeing may still report through its handlers.
}

bool XmlReader::Next() {
  if (reader_ == nullptr || failed_) return false;
  int rc = xmlTextReaderRead(reader_);
  if (rc == 1) {
    if (type() == XML_READER_TYPE_DOCUMENT_TYPE && RefuseEntityDeclarations()) {
      failed_ = true;
      return false;
    }
    return true;
  }
  failed_ = rc < 0;
  return false;
}

bool XmlReader::RefuseEntityDeclarations() {
  xmlNodePtr node = xmlTextReaderCurrentNode(reader_);
  if (node == nullptr || node->type != XML_DTD_NODE) return false;
  auto* dtd = reinterpret_cast<xmlDtdPtr>(node);
  auto declares = [](void* table) {
    return table != nullptr && xmlHashSize(static_cast<xmlHashTablePtr>(table)) > 0;
  };
  if (!declares(dtd->entities) && !declares(dtd->pentities)) return false;
  refused_ = MakeError(Code::kInvalidInput,
                       "its DOCTYPE declares entities (refused: entities are never expanded)");
  return true;
}

Status XmlReader::status() const {
  if (reader_ == nullptr) {
    return MakeError(Code::kInternal, "libxml2 could not create a reader");
  }
  if (!failed_) return Status::Ok();
  if (refused_) return *refused_;
  if (source_->error()) return *source_->error();
  return MakeError(Code::kInvalidInput, errors_->Message());
}

int XmlReader::type() const { return xmlTextReaderNodeType(reader_); }

int XmlReader::depth() const { return xmlTextReaderDepth(reader_); }

bool XmlReader::IsEmptyElement() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }

std::string_view XmlReader::LocalName() const {
  return View(xmlTextReaderConstLocalName(reader_));
}

std::string_view XmlReader::NamespaceUri() const {
  return View(xmlTextReaderConstNamespaceUri(reader_));
}

std::string_view XmlReader::Value() const { return View(xmlTextReaderConstValue(reader_)); }

std::string XmlReader::Attribute(const char* name, const char* ns) const {
  const auto* xml_name = reinterpret_cast<const xmlChar*>(name);
  if (ns == nullptr) return TakeXmlString(xmlTextReaderGetAttribute(reader_, xml_name));
  return TakeXmlString(
      xmlTextReaderGetAttributeNs(reader_, xml_name, reinterpret_cast<const xmlChar*>(ns)));
}

std::string XmlReader::BaseUri() const { return TakeXmlString(xmlTextReaderBaseUri(reader_)); }

}  // namespace gleaner::discover::internal
