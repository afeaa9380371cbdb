"""What ``python -m ftlib`` needs before the package's imports run (and nothing else does).

The front door's imports (numpy, pandas, every area) take a second or more. A Ctrl-C in that
time raised KeyboardInterrupt inside an import, before the command line's own handler existed,
and printed a traceback. While ``python -m`` loads a package, ``sys.argv[0]`` is ``"-m"``; only
then is SIGINT answered with one line and exit status 130, the way an interrupted command ends.
:func:`ftlib.core.cli.main` puts Python's own handler back as it starts. A plain ``import
ftlib`` changes nothing.
"""

from __future__ import annotations

import signal
import sys


def _interrupted_while_loading(signum: int, frame: object) -> None:
    sys.stderr.write("ftlib: interrupted\n")
    raise SystemExit(130)


if sys.argv[:1] == ["-m"] and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _interrupted_while_loading)
