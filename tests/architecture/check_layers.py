#!/usr/bin/env python3
"""Checks the layering of tiersight's libraries.

The libraries form layers, bottom up, and each may use only the layers its
ALLOWED entry names (all of them below it), so that a change low down never
needs anything above it and tiersightd never carries the command line. Three
things are checked against the same map:

  - links: the targets each target links directly, as CMake resolved them
    (the table tests/architecture/CMakeLists.txt writes at generate time);
  - includes: every `#include "dir/..."` of each library's sources, so that
    a header of a higher layer used without linking it is caught too;
  - sources: a target compiles only files of its own directory (or
    generated ones), never another layer's.

And tiersightd's whole link closure holds none of the command line, the C++
client or the bundle generator.

Usage: check_layers.py --link-table FILE --source-dir DIR --build-dir DIR
       check_layers.py --self-test
Prints every offending edge and exits 1 when there is one; 0 otherwise.
"""

import argparse
import os
import re
import sys
import tempfile

# Bottom up: each layer and the directories that hold it.
LAYERS = [
    ("base", ["base"]),
    ("proto", ["proto"]),
    ("graph", ["graph"]),
    ("generate", ["generate"]),
    ("rules", ["rules"]),
    ("report", ["report"]),
    ("store", ["store"]),
    ("exports", ["exports"]),
    ("core", ["core"]),
    ("client", ["clients/cpp"]),
    ("services", ["services"]),
    ("cli", ["cli"]),
]
LAYER_NAMES = [name for name, _ in LAYERS]

# What each layer may use besides itself.
ALLOWED = {
    "base": set(),
    "proto": set(),
    "graph": {"base"},
    # The generator writes bundles: it names their columns as the reader does.
    "generate": {"graph", "base"},
    "rules": {"graph", "base"},
    "report": {"base"},
    "store": {"graph", "base"},
    "exports": {"graph", "report", "proto", "base"},
    "core": {"graph", "rules", "report", "exports", "proto", "base"},
    "client": {"graph", "proto", "base"},
    "services": {"core", "store", "exports", "rules", "report", "graph", "proto", "base"},
    "cli": set(LAYER_NAMES[: LAYER_NAMES.index("cli")]),
}

# The server, and the targets its link closure must never hold.
SERVER = "tiersightd"
NEVER_IN_SERVER = {"tiersight_cli", "tiersight_client", "tiersight_generate"}

# Directories whose targets are not layered (tests, benchmarks, fuzzers, the
# Python client's generated stubs); any other directory with a target must be
# a layer.
UNLAYERED = ("tests", "bench", "fuzz", "clients/python")

# Include prefixes of the project's headers, generated ones included; a
# library never includes a test's header.
INCLUDE_LAYERS = [
    ("tiersight/v1/", "proto"),
    ("grpc/health/v1/", "proto"),
    ("clients/cpp/", "client"),
    ("tests/", None),
] + [(directory + "/", name) for name, directories in LAYERS for directory in directories]

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
# A static library's private links appear in its interface as $<LINK_ONLY:x>.
LINK_ONLY = re.compile(r"^\$<LINK_ONLY:(.*)>$")
SOURCE_SUFFIXES = (".h", ".cc", ".cpp", ".hpp")


def layer_of_dir(directory):
    """The layer a directory (relative to the source tree) belongs to, or None."""
    for name, directories in LAYERS:
        for d in directories:
            if directory == d or directory.startswith(d + "/"):
                return name
    return None


def layer_of_include(path):
    """(known, layer): whether `path` is a project header, and its layer."""
    for prefix, layer in INCLUDE_LAYERS:
        if path.startswith(prefix):
            return True, layer
    return False, None


def may_use(layer, other):
    return other == layer or other in ALLOWED[layer]


def check_map():
    """The map itself: every allowed layer is below the one using it."""
    problems = []
    for name in LAYER_NAMES:
        for other in ALLOWED[name]:
            if LAYER_NAMES.index(other) >= LAYER_NAMES.index(name):
                problems.append(f"map: {name} may use {other}, which is not below it")
    return problems


def read_link_table(path):
    """target -> (directory, [linked items], [sources])."""
    targets = {}
    with open(path, encoding="utf-8") as table:
        for line in table:
            line = line.rstrip("\n")
            if not line:
                continue
            name, directory, links, sources = (line.split("\t") + ["", "", ""])[:4]
            # A link made from another directory is wrapped in ::@ markers.
            linked = [LINK_ONLY.sub(r"\1", item) for item in links.split()
                      if not item.startswith("::@")]
            # A PUBLIC link is in both the target's links and its interface's.
            targets[name] = (directory, list(dict.fromkeys(linked)), sources.split())
    return targets


def check_links(targets):
    problems = []
    for name, (directory, linked, _) in sorted(targets.items()):
        layer = layer_of_dir(directory)
        if layer is None:
            if not directory.startswith(UNLAYERED):
                problems.append(f"target: {name} in {directory or '.'} belongs to no layer")
            continue
        for item in linked:
            if item not in targets:
                continue  # a system library
            other = layer_of_dir(targets[item][0])
            if other is None or not may_use(layer, other):
                problems.append(
                    f"link: {name} ({layer}) -> {item} ({other or targets[item][0]}); "
                    f"{layer} may link only {describe(layer)}")
    return problems


def check_sources(targets, source_dir, build_dir):
    problems = []
    for name, (directory, _, sources) in sorted(targets.items()):
        layer = layer_of_dir(directory)
        if layer is None:
            continue
        for source in sources:
            path = os.path.normpath(os.path.join(source_dir, directory, source))
            if path.startswith(build_dir + os.sep):
                continue  # generated for this target
            where = os.path.relpath(os.path.dirname(path), source_dir)
            other = layer_of_dir(where)
            if other != layer:
                problems.append(f"source: {name} ({layer}) compiles "
                                f"{os.path.relpath(path, source_dir)} ({other or 'no layer'})")
    return problems


def check_includes(source_dir):
    problems = []
    for layer, directories in LAYERS:
        for directory in directories:
            root = os.path.join(source_dir, directory)
            for parent, _, files in sorted(os.walk(root)):
                for file in sorted(files):
                    if not file.endswith(SOURCE_SUFFIXES):
                        continue
                    path = os.path.join(parent, file)
                    with open(path, encoding="utf-8", errors="replace") as source:
                        for number, line in enumerate(source, 1):
                            match = INCLUDE.match(line)
                            if not match:
                                continue
                            known, other = layer_of_include(match.group(1))
                            if known and (other is None or not may_use(layer, other)):
                                problems.append(
                                    f"include: {os.path.relpath(path, source_dir)}:{number} "
                                    f"({layer}) -> {match.group(1)} ({other or 'tests'}); "
                                    f"{layer} may include only {describe(layer)}")
    return problems


def check_server(targets):
    """tiersightd's link closure, with the chain that brings in anything forbidden."""
    if SERVER not in targets:
        return [f"server: no target {SERVER}"]
    problems = []
    chain = {SERVER: [SERVER]}
    pending = [SERVER]
    while pending:
        current = pending.pop(0)
        for item in targets[current][1]:
            if item in targets and item not in chain:
                chain[item] = chain[current] + [item]
                pending.append(item)
    for forbidden in sorted(NEVER_IN_SERVER & chain.keys()):
        problems.append(f"server: {SERVER} links {forbidden} through {' -> '.join(chain[forbidden])}")
    return problems


def describe(layer):
    allowed = sorted(ALLOWED[layer], key=LAYER_NAMES.index)
    return ", ".join(allowed) if allowed else "nothing of the project"


def check(link_table, source_dir, build_dir):
    source_dir = os.path.realpath(source_dir)
    build_dir = os.path.realpath(build_dir)
    targets = read_link_table(link_table)
    return (check_map() + check_links(targets) + check_sources(targets, source_dir, build_dir) +
            check_includes(source_dir) + check_server(targets))


def self_test():
    """A made-up tree with one violation of each kind: all must be named."""
    with tempfile.TemporaryDirectory() as tree:
        def write(path, text):
            os.makedirs(os.path.dirname(os.path.join(tree, path)), exist_ok=True)
            with open(os.path.join(tree, path), "w", encoding="utf-8") as f:
                f.write(text)
        write("graph/reader.cc", '#include "base/hex.h"\n#include "core/audit_runner.h"\n')
        write("core/audit_runner.h", '#include "tests/graph/bundle_test_util.h"\n')
        write("services/main.cc", '#include "absl/status/status.h"\n#include "cli/x.h"\n')
        write("cli/x.h", '#include "services/server.h"\n')
        table = "\n".join([
            "tiersight_base\tbase\tabsl::status\thex.cc",
            "tiersight_graph\tgraph\ttiersight_base tiersight_core\treader.cc",
            "tiersight_core\tcore\ttiersight_graph $<LINK_ONLY:tiersight_services>\taudit_runner.cc",
            "tiersight_cli\tcli\ttiersight_core\tx.cc",
            "tiersight_services\tservices\t::@(0x1) tiersight_core ::@ tiersight_cli\t../cli/x.cc",
            "tiersightd\tservices\ttiersight_services\tmain.cc",
            "tiersight\tcli\ttiersight_cli tiersight_services\tmain.cc",
            "helper\tnewdir\ttiersight_base\thelper.cc",
            "graph_test\ttests/graph\ttiersight_cli\tt.cc",
        ]) + "\n"
        write("build/link_table.tsv", table)
        problems = check(os.path.join(tree, "build/link_table.tsv"), tree, os.path.join(tree, "build"))
    expected = [
        "link: tiersight_graph (graph) -> tiersight_core (core)",
        "link: tiersight_core (core) -> tiersight_services (services)",
        "link: tiersight_services (services) -> tiersight_cli (cli)",
        "source: tiersight_services (services) compiles cli/x.cc (cli)",
        "include: graph/reader.cc:2 (graph) -> core/audit_runner.h (core)",
        "include: core/audit_runner.h:1 (core) -> tests/graph/bundle_test_util.h (tests)",
        "include: services/main.cc:2 (services) -> cli/x.h (cli)",
        "server: tiersightd links tiersight_cli through tiersightd -> tiersight_services -> tiersight_cli",
        "target: helper in newdir belongs to no layer",
    ]
    missing = [e for e in expected if not any(p.startswith(e) for p in problems)]
    unexpected = [p for p in problems if not any(p.startswith(e) for e in expected)]
    for line in missing:
        print(f"self-test: not reported: {line}")
    for line in unexpected:
        print(f"self-test: reported, but allowed: {line}")
    if missing or unexpected:
        return 1
    print(f"self-test: all {len(expected)} planted violations reported, nothing else")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--link-table")
    parser.add_argument("--source-dir")
    parser.add_argument("--build-dir", help="where generated sources are")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.link_table or not args.source_dir or not args.build_dir:
        parser.error("--link-table, --source-dir and --build-dir are required")
    problems = check(args.link_table, args.source_dir, args.build_dir)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} layering violation(s)")
        return 1
    print(f"layers: {' < '.join(LAYER_NAMES)}: every link, include and source respects them; "
          f"{SERVER} links none of {', '.join(sorted(NEVER_IN_SERVER))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
