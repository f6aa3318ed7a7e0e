// presets: built-in rules for the CMS templates most Chinese portals run
// (DedeCMS, PHPCMS, EmpireCMS, Discuz! portal, DESTOON) and WordPress,
// chosen by fingerprint. Inside src/extract only.
//
// A preset is a set of CSS selectors like a rules file's [extract]
// section, but soft: a selector that matches nothing usable leaves the
// field to the generic extractor, since templates get customised. Drop
// lists name furniture only, never related-article boxes: dropped elements
// are invisible to the related-list pass too.
#ifndef GLEANER_SRC_EXTRACT_PRESETS_H_
#define GLEANER_SRC_EXTRACT_PRESETS_H_

#include <string_view>

#include "gleaner/extract.h"
#include "gleaner/html.h"

namespace gleaner::extract::internal {

struct Preset {
  std::string_view name;  // "DedeCMS", "PHPCMS v9", ...
  ExtractRules rules;
};

// The preset whose fingerprint the page carries (generator meta, paths the
// CMS always uses, its class names, the page's URL shape), or nullptr.
const Preset* DetectPreset(const html::Document& doc, std::string_view page_url);

// The preset with this name (case-insensitive), or nullptr (tests).
const Preset* PresetNamed(std::string_view name);

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_PRESETS_H_
