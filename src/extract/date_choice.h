// date_choice: which of the page's dates is the publication date, and
// which the update. Inside src/extract only; the order of the signals is in
// docs/internals/extraction.md.
#ifndef GLEANER_SRC_EXTRACT_DATE_CHOICE_H_
#define GLEANER_SRC_EXTRACT_DATE_CHOICE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content.h"
#include "extract_internal.h"
#include "gleaner/html.h"

namespace gleaner::extract::internal {

struct DateChoice {
  std::optional<DateTime> published, modified;
  std::string raw;
  std::string signal;  // where the published date came from (--explain)
};

// What the date passes read; every pointer is non-null and borrowed.
struct DateInputs {
  const html::Document* doc = nullptr;
  const Metadata* meta = nullptr;
  html::NodeId rule_node = html::kNoNode;  // the date element of site rules or a preset
  std::string_view rule_origin;            // "site rules" or "preset ..."
  const std::vector<std::string>* info_lines = nullptr;   // under the title
  const std::vector<std::string>* lines_above = nullptr;  // above it
  const Body* body = nullptr;                             // for its byline lines
  const std::vector<std::string>* lines_below = nullptr;  // right after the body
  std::string_view url;
};

DateChoice ChooseDates(const DateInputs& in, const DateContext& date_context);

// ISO form with `default_offset_min` given to a time that has no offset.
std::string FormatWithZone(DateTime when, int default_offset_min);

// "+08:00", "-0500", "+8" -> minutes east of UTC; kNoOffset when malformed.
int ParseOffset(std::string_view tz);

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_DATE_CHOICE_H_
