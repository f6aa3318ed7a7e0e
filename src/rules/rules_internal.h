// rules_internal: what the rules module's files share (not a public header).
#ifndef GLEANER_SRC_RULES_RULES_INTERNAL_H_
#define GLEANER_SRC_RULES_RULES_INTERNAL_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace gleaner::rules::internal {

// Compiles one URL pattern with the memory cap (kPatternMaxMem) and RE2's
// logging off (a broken pattern is our caller's error, not a log line).
// On failure returns null and sets `*why` to the text after "KEY: ", with a
// hint when the pattern uses what RE2 lacks (lookaround, backreferences).
std::unique_ptr<RE2> CompilePattern(std::string_view pattern, std::string* why);

// "FILE:LINE: KEY: why", leaving out ":LINE" when `line` is 0 and "FILE:"
// when `origin` is empty.
std::string Located(std::string_view origin, int64_t line, std::string_view key,
                    std::string_view why);

// ---- value checks (values.cc); each returns "" when the value is good,
// else the reason, written to follow "KEY: ".

// An absolute http or https URL.
std::string CheckHttpUrl(std::string_view text);

// A host name for `hosts`: lower-cased into `*host`. No scheme, port, path,
// spaces or wildcards.
std::string CheckHost(std::string_view text, std::string* host);

// A UTC offset ("+08:00", "+0800", "+8", "-05:30", "Z", "UTC"), written
// canonically ("+08:00") into `*canonical`. Hours at most 14, as the
// extractor reads them.
std::string CheckUtcOffset(std::string_view text, std::string* canonical);

// The form of a charset label (ASCII letters, digits, "-_.:", <= 40 bytes).
std::string CheckEncodingForm(std::string_view label);

// The closest candidate to a mistyped key (edit distance 1-2, with a swap
// of neighbours counting 1, or a case difference), or "" when none is close.
std::string Closest(std::string_view key, std::span<const std::string_view> candidates);

// ASCII whitespace trimmed from both ends.
std::string_view Trim(std::string_view text);

// A double as TOML would show it ("1", "0.5", "3601").
std::string FormatNumber(double value);

}  // namespace gleaner::rules::internal

#endif  // GLEANER_SRC_RULES_RULES_INTERNAL_H_
