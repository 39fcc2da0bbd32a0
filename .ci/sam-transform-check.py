#!/usr/bin/env python3
"""Transforms template.yaml offline with aws-sam-translator and lints the result with cfn-lint.

cfn-lint on template.yaml already applies the SAM transform; linting the transformed output
as a plain CloudFormation template as well checks what SAM generates (versions, aliases,
event invoke configs, the HTTP API stage) the way CloudFormation will receive it.
Usage: python3 .ci/sam-transform-check.py [output.json]   (needs aws-sam-translator, cfn-lint)
"""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from samtranslator.parser.parser import Parser
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

ROOT = Path(__file__).resolve().parent.parent


class NoManagedPolicies:
    """The template names no managed policies, so nothing needs IAM's list (no network)."""

    def load(self):
        return {}


def main() -> int:
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    text = (ROOT / "template.yaml").read_text()
    # SAM needs an S3 location for code; `sam build` would write one, any placeholder does here.
    text = re.sub(r"(?m)^(\s+CodeUri:) \.$", r"\1 s3://newsroom-transform-check/code.zip", text)
    output = transform(yaml_parse(text), {}, NoManagedPolicies(), Parser())
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "transformed-template.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(output, indent=2))
    print(f"transformed: {len(output['Resources'])} resources -> {out}")
    return subprocess.run(["cfn-lint", str(out)]).returncode


if __name__ == "__main__":
    sys.exit(main())
