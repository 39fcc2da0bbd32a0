#!/usr/bin/env python3
"""Adds up the Surefire and Failsafe XML reports of every module and prints one closing line."""
import glob
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True) + \
        glob.glob("**/target/failsafe-reports/TEST-*.xml", recursive=True):
    suite = ET.parse(path).getroot()
    tests = int(suite.get("tests", 0))
    bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skip = int(suite.get("skipped", 0))
    passed += tests - bad - skip
    failed += bad
    skipped += skip
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
