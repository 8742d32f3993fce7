"""Opening bundle files as base/file_read.cc does: only regular files are
read (a directory, device, FIFO or socket is refused with its kind named,
and opening never blocks on a FIFO), and errors say what was wrong in words.
"""

import errno
import os
import stat

from tiersight_bundle.errors import BundleError

# base/file_read.h: kMaxConfigFileBytes, the cap on network.yaml.
MAX_CONFIG_FILE_BYTES = 4 << 20

_OPEN_ERRORS = {
    errno.ENOENT: "does not exist",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "too many levels of symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
}


def path_present(path):
    """Whether anything is at `path`, a broken or looping symbolic link too,
    so that a file that is there but cannot be read is refused with its
    cause rather than skipped as absent."""
    return os.path.lexists(path)


def _kind_of(mode):
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a named pipe, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def read_regular_file(path, file_name, max_bytes=None):
    """The bytes of the regular file at `path`, named `file_name` in errors;
    more than `max_bytes` is refused."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as e:
        reason = _OPEN_ERRORS.get(e.errno, f"cannot open: {e.strerror}")
        raise BundleError(file_name, 0, reason) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise BundleError(file_name, 0, _kind_of(mode))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)
    except OSError as e:
        raise BundleError(file_name, 0, f"cannot read: {e.strerror}") from None
    finally:
        os.close(fd)
    if max_bytes is not None and len(data) > max_bytes:
        raise BundleError(file_name, 0,
                          f"larger than {max_bytes} bytes, the most {file_name} may hold")
    return data
