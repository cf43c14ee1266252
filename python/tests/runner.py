# SPDX-License-Identifier: LGPL-3.0-or-later
"""The test programs' common main: runs a module's unittest cases and prints
"N passed, M failed" (and "K skipped") for the test logs. Exits 1 when a case
failed or none passed, so an empty suite never counts as a pass."""

import sys
import unittest


def main(module_name):
    loader = unittest.TestLoader()
    suite = loader.loadTestsFromModule(sys.modules[module_name])
    verbosity = 2 if "-v" in sys.argv[1:] else 1
    result = unittest.TextTestRunner(verbosity=verbosity, stream=sys.stderr).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    sys.stderr.flush()
    if skipped:
        print("%d skipped" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    sys.stdout.flush()
    return 1 if failed or not passed else 0
