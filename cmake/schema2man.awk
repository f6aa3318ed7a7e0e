# schema2man.awk: docs/article.schema.json -> the man page's JSON FIELDS
# list (one .TP per property that has a description: name, type, text),
# so the man page and the schema the tests validate against are one copy.
# POSIX awk (Debian's mawk is enough); run by cmake/gleaner-man.sh.
#
# A small JSON reader: it flattens the document into path -> scalar pairs
# ("properties.images.items.properties.url.type" -> "string"), then names
# each property by its path: "images[].url", "encoding.name".

function esc(s) {
  gsub(/\\/, "\\e", s)
  gsub(/-/, "\\-", s)
  if (s ~ /^[.']/) s = "\\&" s
  return s
}

function path(   p, i) {
  p = ""
  for (i = 1; i <= depth; i++) {
    if (kind[i] == "o") p = p (p == "" ? "" : ".") key[i]
    else p = p "[" idx[i] "]"
  }
  return p
}

# A scalar at the current path: remembered per property.
function scalar(v,   n, parts, i, field, attr) {
  n = split(path(), parts, ".")
  field = ""
  i = 1
  while (i <= n) {
    if (parts[i] == "properties" && i < n) { field = field (field == "" ? "" : ".") parts[i + 1]; i += 2; continue }
    if (parts[i] == "items") { field = field "[]"; i++; continue }
    break
  }
  if (field == "" || i > n) return
  attr = parts[i]
  sub(/\[[0-9]+\]$/, "", attr)
  if (!(field in seen)) { seen[field] = 1; order[++fields] = field }
  if (attr == "description") text[field] = v
  else if (attr == "type") types[field] = types[field] (types[field] == "" ? "" : " or ") v
  else if (attr == "enum") values[field] = values[field] (values[field] == "" ? "" : ", ") v
}

# Unescapes a JSON string body (the schema uses no \u escapes).
function unquote(s) {
  gsub(/\\"/, "\"", s)
  gsub(/\\\//, "/", s)
  gsub(/\\\\/, "\\", s)
  return s
}

{ doc = doc $0 "\n" }

END {
  depth = 0
  want_key = 0
  len = length(doc)
  for (pos = 1; pos <= len; pos++) {
    c = substr(doc, pos, 1)
    if (c ~ /[ \t\n\r:]/) continue
    if (c == "{") { kind[++depth] = "o"; want_key = 1; continue }
    if (c == "[") { kind[++depth] = "a"; idx[depth] = 0; continue }
    if (c == "}" || c == "]") { depth--; want_key = 0; continue }
    if (c == ",") { if (kind[depth] == "o") want_key = 1; else idx[depth]++; continue }
    if (c == "\"") {
      start = pos + 1
      for (pos = start; pos <= len; pos++) {
        d = substr(doc, pos, 1)
        if (d == "\\") { pos++; continue }
        if (d == "\"") break
      }
      s = unquote(substr(doc, start, pos - start))
      if (kind[depth] == "o" && want_key) { key[depth] = s; want_key = 0 }
      else scalar(s)
      continue
    }
    # true, false, null or a number.
    start = pos
    while (pos <= len && substr(doc, pos + 1, 1) !~ /[ \t\n\r,}\]]/) pos++
    scalar(substr(doc, start, pos - start + 1))
  }
  for (i = 1; i <= fields; i++) {
    f = order[i]
    if (!(f in text)) continue
    print ".TP"
    line = "\\fB" esc(f) "\\fR"
    type = types[f]
    if (type == "array" && types[f "[]"] != "") type = type " of " types[f "[]"]
    if (type != "") line = line " (" esc(type) ")"
    print line
    line = esc(text[f])
    if (values[f] != "") line = line " One of: " esc(values[f]) "."
    print line
  }
}
