// The backend-neutral parts of store.h: choosing a backend, names, the clock.
#include <chrono>

#include "gleaner/store.h"
#include "sqlite_store.h"

namespace gleaner::store {
namespace {

class RealClock final : public Clock {
 public:
  int64_t NowMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

}  // namespace

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

std::string_view PutKindName(PutKind kind) {
  switch (kind) {
    case PutKind::kNew: return "new";
    case PutKind::kUnchanged: return "unchanged";
    case PutKind::kNewVersion: return "new_version";
    case PutKind::kDuplicate: return "duplicate";
  }
  return "unknown";
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const Options& options) {
  // One backend today; a "postgresql://" path will choose pg_store.cc.
  if (path.empty()) return MakeError(Code::kInvalidInput, "no store path given");
  return internal::SqliteStore::Open(path, options);
}

}  // namespace gleaner::store
