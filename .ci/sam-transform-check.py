#!/usr/bin/env python3
"""Transforms a SAM template offline with aws-sam-translator and lints the result with cfn-lint.

cfn-lint on template.yaml already applies the SAM transform; linting the transformed output
as a plain CloudFormation template as well checks what SAM generates (versions, aliases,
event invoke configs, the HTTP API stage) the way CloudFormation will receive it.

Usage: python3 .ci/sam-transform-check.py [output.json]
       python3 .ci/sam-transform-check.py --template T --parameters P.json --output O.json --no-lint
(the second form is how VersionDigestsTest transforms a template with given parameter values;
needs aws-sam-translator, and cfn-lint unless --no-lint)
"""
import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class NoManagedPolicies:
    """The template names no managed policies, so nothing needs IAM's list (no network)."""

    def load(self):
        return {}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("output", nargs="?", default=str(ROOT / "target" / "transformed-template.json"))
    parser.add_argument("--output", dest="output_option")
    parser.add_argument("--template", default=str(ROOT / "template.yaml"))
    parser.add_argument("--parameters", help="JSON object of parameter values")
    parser.add_argument("--no-lint", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    try:
        from samtranslator.parser.parser import Parser
        from samtranslator.translator.transform import transform
        from samtranslator.yaml_helper import yaml_parse
    except ImportError:
        print("aws-sam-translator is not installed (pip install aws-sam-translator)", file=sys.stderr)
        return 3
    text = Path(args.template).read_text()
    # SAM needs an S3 location for code; `sam build` would write one, any placeholder does here
    # (one per function folder, so each function's code location stays its own).
    text = re.sub(r"(?m)^(\s+CodeUri:) (?!s3://)(\S+)$",
                  lambda m: f"{m.group(1)} s3://newsroom-transform-check/{m.group(2).strip('./') or 'root'}.zip",
                  text)
    parameters = json.loads(Path(args.parameters).read_text()) if args.parameters else {}
    output = transform(yaml_parse(text), parameters, NoManagedPolicies(), Parser())
    out = Path(args.output_option or args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(output, indent=2))
    print(f"transformed: {len(output['Resources'])} resources -> {out}")
    if args.no_lint:
        return 0
    return subprocess.run(["cfn-lint", str(out)]).returncode


if __name__ == "__main__":
    sys.exit(main())
