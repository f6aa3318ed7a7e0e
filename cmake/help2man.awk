# help2man.awk: one `gleaner ... --help` text (CLI11's layout) -> roff for
# the man page, so gleaner(1) is generated from the CLI and cannot drift.
# POSIX awk (Debian's mawk is enough); run by cmake/gleaner-man.sh.
#
#   awk -f help2man.awk -v mode=command help.txt   # a .SS section for one command
#   awk -f help2man.awk -v mode=global  help.txt   # the global options (.TP list)
#   awk -f help2man.awk -v mode=synopsis help.txt  # the Usage line
#
# CLI11's help is: description lines, "Usage: ...", then sections headed
# "Name:" (Positionals, Options, option groups, Subcommands) whose entries
# are indented two spaces (the description after 2+ spaces, or on the next
# line indented further), then the footer: plain lines, and "Examples:"
# (or "Example: CMD") with indented command lines.

# Roff-escapes text: backslashes, hyphens (so flags copy and paste as
# typed), and a leading dot or quote that roff would read as a request.
function esc(s) {
  gsub(/\\/, "\\e", s)
  gsub(/-/, "\\-", s)
  if (s ~ /^[.']/) s = "\\&" s
  return s
}

function trim(s) {
  sub(/^[ \t]+/, "", s)
  sub(/[ \t]+$/, "", s)
  return s
}

# Ends an entry: prints it once its description (maybe on a continuation
# line) is complete.
function flush(   names, n, i, out, sig, rest, type, def, eq) {
  if (entry == "") return
  sig = entry
  entry = ""
  rest = ""
  if (index(sig, " ") > 0) {
    rest = substr(sig, index(sig, " ") + 1)
    sig = substr(sig, 1, index(sig, " ") - 1)
  }
  if (sig == "-h,--help" && mode == "command") { desc = ""; return }
  if (pending != "") { print ".PP"; print "\\fI" esc(pending) ":\\fR"; pending = "" }
  if (section == "Positionals") {
    # "inputs INPUT ... REQUIRED"
    out = "\\fI" esc(sig) "\\fR"
    if (rest ~ /\.\.\./) out = out " ..."
    if (rest !~ /REQUIRED/) out = "[" out "]"
    print ".TP"
    print out
    print esc(desc)
    desc = ""
    return
  }
  # "-o,--output" or "--follow-pages,--no-follow-pages{false}"
  n = split(sig, names, ",")
  out = ""
  for (i = 1; i <= n; i++) {
    sub(/\{[^}]*\}$/, "", names[i])
    out = out (i > 1 ? ", " : "") "\\fB" esc(names[i]) "\\fR"
  }
  type = rest
  def = ""
  eq = index(rest, "=")
  if (eq > 0) {
    type = substr(rest, 1, eq - 1)
    def = substr(rest, eq + 1)
  }
  if (type != "") out = out " \\fI" esc(trim(type)) "\\fR"
  print ".TP"
  print out
  out = esc(desc)
  # A default the description does not already state.
  if (def != "" && tolower(desc) !~ /default/) {
    out = out (out ~ /\.$/ || out == "" ? " " : ". ") "Default: \\fB" esc(def) "\\fR."
  }
  print out
  desc = ""
}

# A section's heading, printed with its first entry (so "Options:" holding
# only --help, which is left out, prints nothing).
function heading(name) {
  if (mode != "command") return
  if (name == "Positionals") name = "Arguments"
  else if (name != "Options") name = name " options"
  pending = name
}

BEGIN { part = "head"; section = ""; entry = ""; desc = ""; examples = 0; pending = "" }

# The description, up to the Usage line.
part == "head" && /^Usage: / {
  usage = substr($0, 8)
  part = "body"
  if (mode == "synopsis") {
    # "gleaner rules check [OPTIONS] paths..." -> command words in bold, the rest in italics.
    n = split(usage, w, " ")
    out = ""
    for (i = 1; i <= n; i++) {
      if (w[i] ~ /^[a-z-]+$/ && out !~ /fI/) out = out (i > 1 ? " " : "") "\\fB" esc(w[i]) "\\fR"
      else out = out " \\fI" esc(w[i]) "\\fR"
    }
    print out
    print ".br"
    exit
  }
  if (mode == "command") {
    print ".SS \"" esc(usage) "\""
    print esc(head_text)
  }
  next
}
part == "head" {
  if ($0 != "") head_text = head_text (head_text == "" ? "" : " ") $0
  next
}

/^$/ { flush(); next }

# A section header: "Options:", "Output:", "Subcommands:", "Examples:".
/^[A-Za-z][A-Za-z0-9 ()\/_-]*:$/ {
  flush()
  section = substr($0, 1, length($0) - 1)
  if (section ~ /^Examples?$/) {
    if (mode == "command") { print ".PP"; print esc(section) ":"; print ".RS 4"; print ".nf" }
    examples = 1
    section = "Examples"
  } else if (section != "Subcommands") {
    if (examples) { if (mode == "command") { print ".fi"; print ".RE" } examples = 0 }
    heading(section)
  }
  next
}

# Example commands under "Examples:".
section == "Examples" && /^  / {
  if (mode == "command") print esc(trim($0))
  next
}

# An entry: "  --db PATH=...   description" (description maybe on the next line).
/^  [^ ]/ && section != "" && section != "Subcommands" && section != "Footer" && section != "Example" {
  flush()
  if (mode == "global" && section != "Options") next
  line = substr($0, 3)
  if (match(line, /  +/)) {
    entry = substr(line, 1, RSTART - 1)
    desc = substr(line, RSTART + RLENGTH)
  } else {
    entry = line
    desc = ""
  }
  next
}

# A description continued on its own line.
/^   +[^ ]/ && entry != "" {
  desc = trim(desc " " trim($0))
  next
}

section == "Subcommands" && /^  / { next }

# Footer prose: "Exit status: ...", "Example: gleaner ...".
/^[^ ]/ {
  flush()
  if (examples) { if (mode == "command") { print ".fi"; print ".RE" } examples = 0 }
  if (mode != "command") next
  if ($0 ~ /^Examples?: /) {
    print ".PP"
    print "Example:"
    print ".RS 4"
    print ".nf"
    print esc(substr($0, index($0, ":") + 2))
    print ".fi"
    print ".RE"
    section = "Example"
  } else {
    # Consecutive prose lines are one paragraph.
    if (section != "Footer") print ".PP"
    print esc($0)
    section = "Footer"
  }
  next
}

END {
  flush()
  if (examples && mode == "command") { print ".fi"; print ".RE" }
}
