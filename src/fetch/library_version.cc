// fetch::LibraryVersion: the libcurl this process runs with (not the one
// it was compiled against), for `gleaner --version` and bug reports.
#include <curl/curl.h>

#include <string>

#include "gleaner/fetch.h"

namespace gleaner::fetch {

std::string LibraryVersion() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  if (info == nullptr || info->version == nullptr) return "libcurl (unknown version)";
  std::string text = std::string("libcurl ") + info->version;
  if (info->ssl_version != nullptr && *info->ssl_version) text += std::string(" (") + info->ssl_version + ")";
  return text;
}

}  // namespace gleaner::fetch
