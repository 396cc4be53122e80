#!/usr/bin/env bash
# Applies the class moves listed in scripts/dev/package-moves.txt ("old.fq.Name new.fq.Name" per line) to Java
# sources: rewrites imports and fully qualified references, fixes the package line of a moved file, adds the import
# a file now needs because a type it used from its own package moved away (or because the file itself moved away
# from types it used), and drops imports that became same-package. Moving the files themselves is `git mv`'s job;
# run this afterwards (or after merging a branch written against the old packages).
#
# Usage: scripts/dev/apply-package-moves.sh [FILE.java ...]   (no files: every tracked or new .java file)
#        MOVES=other-moves.txt scripts/dev/apply-package-moves.sh ...
# Prints one line per change; lines starting with "CHECK" need a human (e.g. a package-private member now used
# across packages shows up only when compiling).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel)"
moves="${MOVES:-$here/package-moves.txt}"
[[ -f "$moves" ]] || { echo "no mapping file $moves; set MOVES=path" >&2; exit 2; }
if [[ $# -eq 0 ]]; then
    mapfile -t files < <(cd "$root" && git ls-files -co --exclude-standard '*.java' | sed "s|^|$root/|")
else
    files=("$@")
fi
exec python3 - "$root" "$moves" "${files[@]}" <<'PY'
import os, re, sys

root, moves_file, files = sys.argv[1], sys.argv[2], sys.argv[3:]
moves = {}
for n, line in enumerate(open(moves_file, encoding="utf-8"), 1):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    parts = line.split()
    if len(parts) != 2 or not all(re.fullmatch(r"[a-z_][\w.]*\.[A-Z]\w*", p) for p in parts):
        sys.exit(f"{moves_file}:{n}: expected 'old.fq.Name new.fq.Name', got: {line}")
    moves[parts[0]] = parts[1]

def split(fq):
    p, s = fq.rsplit(".", 1)
    return p, s

fq_pattern = re.compile(r"(?<![\w$.])(" + "|".join(re.escape(o) for o in sorted(moves, key=len, reverse=True))
                        + r")(?![\w$])") if moves else None

# Types per package, from every source root of the repository (after the git mv's, so moved types are in their
# new package).
types_by_pkg = {}
for d, dirs, fs in os.walk(root):
    dirs[:] = [x for x in dirs if x not in (".git", "target", "node_modules")]
    m = re.search(r"/src/[^/]+/java/(.+)$", d)
    if not m:
        continue
    pkg = m.group(1).replace("/", ".")
    for f in fs:
        if f.endswith(".java") and f != "package-info.java" and f != "module-info.java":
            types_by_pkg.setdefault(pkg, set()).add(f[:-5])

STRIP = re.compile(r'//[^\n]*|/\*(?!\*).*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
JAVADOC = re.compile(r"/\*\*.*?\*/", re.S)
LINKS = re.compile(r"\{@link(?:plain)?\s+([A-Z]\w*)|@see\s+([A-Z]\w*)|@throws\s+([A-Z]\w*)")

def used_names(text):
    """Simple type names the file uses unqualified: in code, and as javadoc link targets."""
    code = STRIP.sub(" ", text)
    docs = " ".join(JAVADOC.findall(code))
    code = JAVADOC.sub(" ", code)
    code = re.sub(r"^\s*(package|import)\s[^;]*;", " ", code, flags=re.M)
    names = set(re.findall(r"(?<![\w$.])([A-Z]\w*)", code))
    for groups in LINKS.findall(docs):
        names.update(g for g in groups if g)
    return names

def imports(text):
    return re.findall(r"^import\s+(static\s+)?([\w.]+(?:\.\*)?)\s*;", text, re.M)

def add_import(text, fq):
    lines = text.split("\n")
    idx = [i for i, l in enumerate(lines) if re.match(r"import\s+(?!static)[\w.]+\s*;", l)]
    own = [i for i in idx if not re.match(r"import\s+javax?\.", lines[i])]
    new = f"import {fq};"
    if own:
        after = [i for i in own if lines[i] > new]
        lines.insert(after[0] if after else own[-1] + 1, new)
    elif idx:
        lines[idx[0]:idx[0]] = [new, ""]
    else:
        p = next(i for i, l in enumerate(lines) if re.match(r"\s*package\s", l))
        lines[p + 1:p + 1] = ["", new]
    return "\n".join(lines)

def remove_import(text, fq):
    return re.sub(r"^import\s+" + re.escape(fq) + r"\s*;[ \t]*\n", "", text, count=1, flags=re.M)

def sort_own_imports(text):
    """Keeps runs of project imports sorted after rewriting some of them in place."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].startswith("import io.pilothouse."):
            j += 1
        if j > i + 1:
            lines[i:j] = sorted(lines[i:j])
        i = max(j, i + 1)
    return "\n".join(lines)

changed = 0
for path in files:
    if not path.endswith(".java") or not os.path.isfile(path):
        continue
    text = open(path, encoding="utf-8").read()
    orig = text
    m = re.search(r"^\s*package\s+([\w.]+)\s*;", text, re.M)
    if not m:
        continue
    old_pkg = m.group(1)
    name = os.path.basename(path)[:-5]
    new_pkg = old_pkg
    notes = []
    own_fq = f"{old_pkg}.{name}"
    if own_fq in moves:
        new_pkg = split(moves[own_fq])[0]
        text = text[:m.start(1)] + new_pkg + text[m.end(1):]
        notes.append(f"package {old_pkg} -> {new_pkg}")
    if fq_pattern:
        text, n = fq_pattern.subn(lambda x: moves[x.group(1)], text)
        if n:
            notes.append(f"{n} qualified reference(s) rewritten")
    used = used_names(text)
    imported = {fq.rsplit(".", 1)[1]: fq for st, fq in imports(text) if not st and not fq.endswith(".*")}
    wildcards = {fq[:-2] for st, fq in imports(text) if not st and fq.endswith(".*")}
    # Imports that became same-package.
    for simple, fq in list(imported.items()):
        if split(fq)[0] == new_pkg:
            text = remove_import(text, fq)
            del imported[simple]
            notes.append(f"dropped same-package import {fq}")
    needed = {}
    # A type this file used from its (old) package, or through a wildcard, moved elsewhere.
    for old, new in moves.items():
        o_pkg, simple = split(old)
        n_pkg = split(new)[0]
        if simple not in used or simple in imported or n_pkg == new_pkg or simple == name:
            continue
        if o_pkg == old_pkg or o_pkg in wildcards:
            if simple in types_by_pkg.get(new_pkg, ()) and new_pkg != o_pkg:
                print(f"CHECK {path}: uses {simple}; both {new} and {new_pkg}.{simple} exist")
                continue
            needed[simple] = new
    # This file moved away from types of its old package that stayed there.
    if new_pkg != old_pkg:
        for simple in types_by_pkg.get(old_pkg, ()):
            if simple in used and simple not in imported and simple != name \
                    and simple not in types_by_pkg.get(new_pkg, ()):
                needed[simple] = f"{old_pkg}.{simple}"
    for simple, fq in sorted(needed.items()):
        if simple in imported:
            continue
        text = add_import(text, fq)
        notes.append(f"added import {fq} (uses {simple} without importing it)")
    if text != orig:
        text = re.sub(r"^(package [\w.]+;\n)\n\n+", r"\1\n", text, count=1, flags=re.M)
        text = sort_own_imports(text)
        open(path, "w", encoding="utf-8").write(text)
        changed += 1
        print(f"{os.path.relpath(path, root)}: " + "; ".join(notes))
print(f"{changed} file(s) changed", file=sys.stderr)
PY
