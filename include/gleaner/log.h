// log: leveled log lines on stderr, one line per event.
// Does:    "W fetch retry url=... status=503 attempt=2" - level letter, module,
//          event, then key=value fields (values with spaces are quoted).
//          stdout is never touched: it carries data only.
// Owns:    the process-wide level and sink (set once in main).
// Threads: Log() is thread-safe (one write per line under a mutex).
// Touches: stderr, or the sink a test installs.
#ifndef GLEANER_LOG_H_
#define GLEANER_LOG_H_

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace gleaner::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

// Lines below `level` are dropped. Default kInfo.
void SetLevel(Level level);
Level GetLevel();
inline bool Enabled(Level level) { return level >= GetLevel(); }

// Replaces the sink (default: stderr). Tests capture lines this way.
void SetSink(std::function<void(std::string_view line)> sink);

using Field = std::pair<std::string_view, std::string>;

// Writes one line: "<L> <module> <event> k=v k=v".
void Log(Level level, std::string_view module, std::string_view event,
         std::initializer_list<Field> fields = {});

inline void Debug(std::string_view m, std::string_view e, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kDebug)) Log(Level::kDebug, m, e, f);
}
inline void Info(std::string_view m, std::string_view e, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kInfo)) Log(Level::kInfo, m, e, f);
}
inline void Warn(std::string_view m, std::string_view e, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kWarn)) Log(Level::kWarn, m, e, f);
}
inline void Error(std::string_view m, std::string_view e, std::initializer_list<Field> f = {}) {
  if (Enabled(Level::kError)) Log(Level::kError, m, e, f);
}

}  // namespace gleaner::log

#endif  // GLEANER_LOG_H_
