// store::LibraryVersion: the SQLite this process runs with (the shared
// library's own answer, not the header it was compiled against).
#include <sqlite3.h>

#include <string>

#include "gleaner/store.h"

namespace gleaner::store {

std::string LibraryVersion() { return std::string("SQLite ") + sqlite3_libversion(); }

}  // namespace gleaner::store
