// html::LibraryVersion: Gumbo 0.10.1 has no run-time version call, so the
// build records pkg-config's version of the gumbo it compiled against
// (GLEANER_GUMBO_VERSION, set in cmake/GleanerInstall.cmake).
#include <string>

#include "gleaner/html.h"

#ifndef GLEANER_GUMBO_VERSION
#define GLEANER_GUMBO_VERSION "(unknown version)"
#endif

namespace gleaner::html {

std::string LibraryVersion() { return "Gumbo " GLEANER_GUMBO_VERSION; }

}  // namespace gleaner::html
