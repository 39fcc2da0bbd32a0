#!/usr/bin/env python3
"""Runs what `sam build` runs for each function, offline, without the SAM CLI.

For BuildMethod: makefile, SAM copies the function's CodeUri folder to a scratch directory and
runs `make --makefile <CodeUri>/Makefile build-<LogicalId>` there with ARTIFACTS_DIR set. This
does the same for every function as a dry run (make -n), checking that the delegation reaches the
root Makefile and packages that function's own module under the build lock; with --build NAME it
really builds that one function and checks its artifact holds exactly one shaded jar.

Usage: python3 .ci/sam-build-check.py [--build MembershipStatsFunction]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_uris():
    text = (ROOT / "template.yaml").read_text()
    pattern = r"(?m)^  (\w+Function):\n    Type: AWS::Serverless::Function\n(?:.*\n)*?      CodeUri: (\S+)"
    return {m.group(1): m.group(2) for m in re.finditer(pattern, text)}


def sam_make(function, uri, scratch, dry_run):
    source = scratch / "source"
    shutil.copytree(ROOT / uri, source, ignore=shutil.ignore_patterns("target"))
    artifacts = scratch / "artifacts"
    artifacts.mkdir()
    command = ["make", "--makefile", str(ROOT / uri / "Makefile"), f"build-{function}"]
    if dry_run:
        command.insert(1, "-n")
    result = subprocess.run(command, cwd=source, env={**os.environ, "ARTIFACTS_DIR": str(artifacts)},
                            capture_output=True, text=True)
    return result, artifacts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", help="a function logical id to build for real")
    args = parser.parse_args()
    failures = []
    uris = code_uris()
    for function, uri in sorted(uris.items()):
        with tempfile.TemporaryDirectory() as tmp:
            result, _ = sam_make(function, uri, Path(tmp), dry_run=True)
        out = result.stdout + result.stderr
        if result.returncode != 0:
            failures.append(f"{function}: make failed from {uri}: {out.strip()[-300:]}")
        elif f"-pl {uri} " not in out or ("flock" not in out and shutil.which("flock")):
            failures.append(f"{function}: the build from {uri} does not package {uri} under the lock")
        else:
            print(f"{function}: sam build from {uri} packages {uri}")
    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            result, artifacts = sam_make(args.build, uris[args.build], Path(tmp), dry_run=False)
            jars = sorted(p.name for p in (artifacts / "lib").glob("*.jar")) if (artifacts / "lib").exists() else []
            if result.returncode != 0 or len(jars) != 1:
                failures.append(f"{args.build}: built artifact holds {jars}: {(result.stdout + result.stderr)[-500:]}")
            else:
                print(f"{args.build}: built lib/{jars[0]}")
    for failure in failures:
        print("FAIL " + failure, file=sys.stderr)
    if len(uris) < 12:
        print(f"FAIL only {len(uris)} functions found in template.yaml", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
