# Runs Autobahn|Testsuite's fuzzing client (wstest -m fuzzingclient) on Jython, for AutobahnIT: the spec is the
# JSON file named by the first argument (servers, cases, exclude-cases, outdir), and the verdicts are written to
# <outdir>/index.json with a report per case beside it.
import json
import sys


def plain(value):
    # the testsuite expects byte strings where json gives unicode
    if isinstance(value, unicode):
        return str(value)
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return dict((plain(key), plain(item)) for key, item in value.items())
    return value


spec = plain(json.loads(open(sys.argv[1]).read()))
from autobahntestsuite import wstest
wstest.start({"mode": "fuzzingclient"}, spec)
