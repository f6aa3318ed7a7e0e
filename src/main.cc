// The gleaner binary: global library set-up, then the CLI.
#include <curl/curl.h>

#include <clocale>
#include <cstdio>
#include <exception>

#include "gleaner/cli.h"

int main(int argc, char** argv) {
  // curl converts non-ASCII host names to punycode only under a UTF-8
  // character locale; C.UTF-8 exists on every Debian system.
  if (!std::setlocale(LC_CTYPE, "C.UTF-8")) std::setlocale(LC_CTYPE, "");
  // Once, before any thread (libcurl's rule).
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::fputs("gleaner: internal error: libcurl failed to initialise\n", stderr);
    return 1;
  }
  int status = 1;
  try {
    status = gleaner::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gleaner: internal error: %s\n", e.what());
  } catch (...) {
    std::fputs("gleaner: internal error: unknown exception\n", stderr);
  }
  curl_global_cleanup();
  return status;
}
