// script_record: the article's own record in the page's scripts.
// Inside src/extract only.
//
// Does:    finds, in embedded app state (window.DATA, var allData,
//          __NEXT_DATA__, __INITIAL_STATE__), the object that describes
//          the article being read - the first one whose title field is the
//          page's title - and reads its date, source, authors and editor;
//          and reads publication dates assigned to script variables
//          (WeChat's `var ct = "1710377760"`, `var publish_time = "..."`).
// Owns:    nothing; results go into a caller's ScriptRecord.
// Threads: pure functions; safe from any thread.
// Errors:  none; values of unexpected shapes are skipped.
// Touches: nothing.
#ifndef GLEANER_SRC_EXTRACT_SCRIPT_RECORD_H_
#define GLEANER_SRC_EXTRACT_SCRIPT_RECORD_H_

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "extract_internal.h"

namespace gleaner::extract::internal {

// Fills the fields of `out` that are still empty from the first object in
// `state` (pre-order, bounded walk) whose title-like key ("title", "name",
// "headline"...) holds the page's title (`og_title` exactly, or a run of
// `html_title`) and that carries at least one field we read. Objects for
// related articles carry other titles, so their dates never leak in.
void RecordFromState(const nlohmann::json& state, std::string_view og_title, std::string_view html_title,
                     ScriptRecord* out);

// Reads `name = "value"` assignments in one inline script whose name says
// publication or update time (publish_time, pubtime, createTime; WeChat's
// `ct` only with a 10-digit epoch value) and fills the dates of `out` that
// are still empty, preferring a value with a time of day.
void RecordFromScriptVariables(std::string_view script, ScriptRecord* out);

}  // namespace gleaner::extract::internal

#endif  // GLEANER_SRC_EXTRACT_SCRIPT_RECORD_H_
