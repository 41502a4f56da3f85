"""Facts about the platform that the runtime asks for.

Linux-specific calls are looked up with getattr so that the runtime falls
back to portable code on other Unixes and older kernels.
"""
import posix

# fcntl command numbers for pipe sizes (Linux only; Python >= 3.10 exposes
# them in fcntl, but importing fcntl just for two constants is not needed).
F_SETPIPE_SZ = 1031
F_GETPIPE_SZ = 1032

HAVE_SENDFILE = hasattr(posix, "sendfile")
HAVE_SPLICE = hasattr(posix, "splice")
HAVE_COPY_FILE_RANGE = hasattr(posix, "copy_file_range")


def pipe_max_size():
    """The largest pipe buffer an unprivileged process may ask for."""
    try:
        fd = posix.open("/proc/sys/fs/pipe-max-size", posix.O_RDONLY)
    except OSError:
        return 1 << 20
    try:
        return int(posix.read(fd, 64) or 1 << 20)
    except ValueError:
        return 1 << 20
    finally:
        posix.close(fd)


def grow_pipe(fd, size=1 << 20):
    """Enlarge the kernel buffer of pipe `fd`; quietly do nothing elsewhere."""
    try:
        import fcntl
        fcntl.fcntl(fd, F_SETPIPE_SZ, size)
    except (OSError, ImportError, ValueError):
        pass


def utf8_locale():
    """True when the character-type locale (LC_ALL, LC_CTYPE, LANG) is UTF-8.

    Read from the environment rather than through `locale`, which costs
    10 ms to import; only a UTF-8 or the C/POSIX locale matter to pybox.
    """
    env = posix.environ
    for key in (b"LC_ALL", b"LC_CTYPE", b"LANG"):
        val = env.get(key)
        if val:
            val = val.lower().replace(b"-", b"")
            return b"utf8" in val
    return False
