#!/usr/bin/env python3
"""Checks each function's packaged jar: it holds its template Handler class and nothing from local/.

The module of each function comes from the Makefile's FUNCTION_MODULES (what `sam build` packages);
its template CodeUri must be that module's folder, with the Makefile `sam build` runs there.
Run after `mvn package` (make build). Usage: python3 .ci/jar-check.py
"""
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def handlers():
    text = (ROOT / "template.yaml").read_text()
    found = {}
    for match in re.finditer(r"(?m)^  (\w+Function):\n    Type: AWS::Serverless::Function\n(?:.*\n)*?      Handler: (\S+)", text):
        found[match.group(1)] = match.group(2).split("::")[0]
    return found


def code_uris():
    text = (ROOT / "template.yaml").read_text()
    found = {}
    for match in re.finditer(r"(?m)^  (\w+Function):\n    Type: AWS::Serverless::Function\n(?:.*\n)*?      CodeUri: (\S+)", text):
        found[match.group(1)] = match.group(2)
    return found


def modules():
    text = (ROOT / "Makefile").read_text()
    return dict(re.findall(r"(\w+Function)=([\w-]+)", text))


def main() -> int:
    failures = []
    mapping = modules()
    functions = handlers()
    uris = code_uris()
    for function, handler in sorted(functions.items()):
        module = mapping.get(function)
        if module is None:
            failures.append(f"{function}: not in the Makefile's FUNCTION_MODULES")
            continue
        if uris.get(function) != f"functions/{module}":
            failures.append(f"{function}: CodeUri is {uris.get(function)}, expected functions/{module}")
        makefile = ROOT / "functions" / module / "Makefile"
        if not makefile.is_file() or "build-%" not in makefile.read_text():
            failures.append(f"{function}: functions/{module}/Makefile with a build-% target is missing")
        jars = sorted((ROOT / "functions" / module / "target").glob("*-lambda.jar"))
        if len(jars) != 1:
            failures.append(f"{function}: expected one functions/{module}/target/*-lambda.jar, found {len(jars)} (run make build)")
            continue
        with zipfile.ZipFile(jars[0]) as jar:
            names = set(jar.namelist())
        entry = handler.replace(".", "/") + ".class"
        if entry not in names:
            failures.append(f"{function}: {jars[0].name} lacks its handler {entry}")
        local = sorted(n for n in names if n.startswith("org/newsroom/local/"))
        if local:
            failures.append(f"{function}: {jars[0].name} carries the local stack: {local[:3]}")
        print(f"{function}: {jars[0].name} has {handler}, nothing from local/")
    for failure in failures:
        print("FAIL " + failure, file=sys.stderr)
    if len(functions) < 12:
        print(f"FAIL only {len(functions)} functions found in template.yaml", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
