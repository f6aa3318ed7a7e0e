#include "gleaner/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace gleaner::log {
namespace {

std::atomic<Level> g_level{Level::kInfo};
std::mutex g_mutex;
std::function<void(std::string_view)> g_sink;  // guarded by g_mutex

constexpr char LevelLetter(Level level) {
  switch (level) {
    case Level::kDebug: return 'D';
    case Level::kInfo: return 'I';
    case Level::kWarn: return 'W';
    case Level::kError: return 'E';
    case Level::kOff: return '-';
  }
  return '?';
}

// Values with spaces, quotes or '=' are quoted so a line stays machine-splittable.
void AppendValue(std::string& line, std::string_view value) {
  bool needs_quotes = value.empty() || value.find_first_of(" \t\"=") != std::string_view::npos;
  if (!needs_quotes) {
    line += value;
    return;
  }
  line += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') line += '\\';
    if (c == '\n') { line += "\\n"; continue; }
    line += c;
  }
  line += '"';
}

}  // namespace

void SetLevel(Level level) { g_level.store(level); }
Level GetLevel() { return g_level.load(std::memory_order_relaxed); }

void SetSink(std::function<void(std::string_view)> sink) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_sink = std::move(sink);
}

void Log(Level level, std::string_view module, std::string_view event,
         std::initializer_list<Field> fields) {
  if (!Enabled(level)) return;
  std::string line;
  line.reserve(96);
  line += LevelLetter(level);
  line += ' ';
  line += module;
  line += ' ';
  line += event;
  for (const Field& field : fields) {
    line += ' ';
    line += field.first;
    line += '=';
    AppendValue(line, field.second);
  }
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_sink) {
    g_sink(line);
    return;
  }
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace gleaner::log
