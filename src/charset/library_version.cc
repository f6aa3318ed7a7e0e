// charset::LibraryVersion: pages are converted with glibc's iconv, so its
// version is the C library's, asked at run time.
#include <gnu/libc-version.h>

#include <string>

#include "gleaner/charset.h"

namespace gleaner::charset {

std::string LibraryVersion() { return std::string("iconv (glibc ") + gnu_get_libc_version() + ")"; }

}  // namespace gleaner::charset
