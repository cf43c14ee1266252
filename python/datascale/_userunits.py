# SPDX-License-Identifier: LGPL-3.0-or-later
"""The user's units file, found and checked as the datascale command does.

$DATASCALE_UNITS_FILE names it (then it must exist); otherwise it is
BASE/datascale/units with BASE $XDG_CONFIG_HOME (when absolute) or
~/.config, and may be missing. The default file is refused, as by the
command, when it is a symbolic link, not a regular file, or when it or the
directories BASE/datascale and BASE are writable by others (a sticky
directory aside) or owned by another user (root aside): whoever can change
it changes what every result means. Any file over 16 MiB is refused.
"""

import os
import stat
from typing import Optional, Tuple

_MAX = 16 << 20


def path() -> Tuple[Optional[str], bool]:
    """(the path to read or None, whether it was named by
    $DATASCALE_UNITS_FILE)."""
    env = os.environ.get("DATASCALE_UNITS_FILE")
    if env:
        return env, True
    xdg = os.environ.get("XDG_CONFIG_HOME")
    home = os.environ.get("HOME")
    if xdg and xdg.startswith("/"):
        base = xdg
    elif home:
        base = os.path.join(home, ".config")
    else:
        return None, False
    return os.path.join(base, "datascale", "units"), False


def _unsafe(st: os.stat_result, is_dir: bool) -> Optional[str]:
    if (st.st_mode & 0o022) and not (is_dir and st.st_mode & stat.S_ISVTX):
        return "writable by others"
    if st.st_uid not in (os.geteuid(), 0):
        return "owned by another user"
    return None


def read() -> Tuple[Optional[str], Optional[bytes]]:
    """(path, contents) of the user's units file; (None, None) when there is
    none. Raises OSError (PermissionError with the reason for a refused
    file), as the command refuses to start."""
    p, named = path()
    if p is None:
        return None, None
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    if not named:
        flags |= getattr(os, "O_NOFOLLOW", 0)
        for d in (os.path.dirname(p), os.path.dirname(os.path.dirname(p))):
            try:
                why = _unsafe(os.stat(d), True)
            except OSError:
                continue
            if why:
                raise PermissionError("%s: refused: its directory %s is %s" % (p, d, why))
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        if named:
            raise
        return None, None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise OSError("%s: not a regular file" % p)
        if st.st_size > _MAX:
            raise OSError("%s: file too large" % p)
        if not named:
            why = _unsafe(st, False)
            if why:
                raise PermissionError("%s: refused: the file is %s" % (p, why))
        os.set_blocking(f.fileno(), True)
        return p, f.read(_MAX + 1)
