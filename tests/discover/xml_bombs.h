// xml_bombs: hostile XML for the discover tests (hostile_test.cc,
// limits_test.cc).
#ifndef GLEANER_TESTS_DISCOVER_XML_BOMBS_H_
#define GLEANER_TESTS_DISCOVER_XML_BOMBS_H_

#include <string>

namespace gleaner::testing {

// A DOCTYPE for `root` declaring nine levels of ten entities over "lol":
// "&lol9;" would expand to 10^9 copies (3 GB). No XML declaration.
inline std::string BillionLaughsDoctype(const std::string& root) {
  std::string dtd = "<!DOCTYPE " + root + " [\n <!ENTITY lol0 \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    std::string previous = "&lol" + std::to_string(level - 1) + ";";
    dtd += " <!ENTITY lol" + std::to_string(level) + " \"";
    for (int i = 0; i < 10; ++i) dtd += previous;
    dtd += "\">\n";
  }
  return dtd + "]>\n";
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_DISCOVER_XML_BOMBS_H_
