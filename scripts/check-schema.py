#!/usr/bin/env python3
"""Checks every scenario file under a folder against Scenarios/tether.schema.json.

An editor with a YAML language server (VS Code's YAML extension, for example) reads the schema
named on each file's first line and underlines what it does not allow. Tether's own reader is the
judge of a file (`tether check`); this check keeps the schema true to it, so that an author's
editor never flags a line Tether accepts. The files are read as an editor reads them, by YAML
1.2: only true and false are booleans, so a word such as "no" or "on" in a list is text, but an
unquoted `false` or `2024` is not.

    scripts/check-schema.py [FOLDER]      (default: Scenarios)

Prints file:line:column and what the schema says for each finding; exits 1 if there is any.
Needs PyYAML and jsonschema (CI installs them in a virtual environment).
"""

import glob
import json
import os
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1, where yes, no, on and off are booleans; 1.2 has only true and false."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def place(node, path):
    """The (line, column) of the node at `path` (keys and indices), as far as the path goes."""
    mark = node.start_mark
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step:
                    node = value
                    mark = key.start_mark
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1


def deepest(error):
    """The most specific of an error's alternatives ("not valid under any of the given schemas")."""
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "Scenarios"
    schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Scenarios", "tether.schema.json")
    with open(schema_path, encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    files = sorted(glob.glob(os.path.join(folder, "**", "*.yaml"), recursive=True))
    if not files:
        print(f"check-schema: no .yaml file under {folder}", file=sys.stderr)
        return 1
    findings = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        document = yaml.load(text, Loader=Yaml12Loader)
        root = yaml.compose(text, Loader=Yaml12Loader)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
            line, column = place(root, list(error.absolute_path))
            detail = deepest(error)
            where = "/".join(map(str, error.absolute_path)) or "(the file)"
            print(f"{path}:{line}:{column}: {where}: {detail.message[:300]}")
            findings += 1
    print(f"check-schema: {len(files)} files, {findings} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
