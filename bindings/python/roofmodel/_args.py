"""The one place where Python arguments become C values.

Every integer, enum-like and real argument of the package, and every
dataclass field written into a C struct, goes through these functions, so
they all accept the same things and refuse the same things with the same
kind of error:

- an integer: whatever operator.index accepts (int, numpy.int64, any class
  with __index__), but not bool; out of range is a RangeError (ValueError),
  another type a TypeError;
- an enum: a member, its value (as an integer above), or its name in any
  case, "-" and "_" alike ("attn-proj" = "attn_proj"); anything else is an
  UnknownNameError (both NotFoundError and ValueError) listing the choices;
- a real: a finite or non-finite float or integer, or anything with
  __float__ but not text (the library itself refuses NaN and infinity).
"""

import math
import operator

from . import errors

U32_MAX = 0xFFFFFFFF


def index(name, v):
    """v as a Python int, through operator.index; bool is refused."""
    if isinstance(v, bool):
        raise TypeError("%s must be an integer, not a bool (%r)" % (name, v))
    try:
        return operator.index(v)
    except TypeError:
        raise TypeError("%s must be an integer, not %s %r"
                        % (name, type(v).__name__, v)) from None


def u32(name, v):
    """An unsigned 32-bit argument; ctypes would wrap -1 to 4294967295."""
    if type(v) is int and 0 <= v <= U32_MAX:  # the common case, fast
        return v
    i = index(name, v)
    if not 0 <= i <= U32_MAX:
        raise errors.RangeError(errors.E_RANGE, "%s must be an integer in "
                                "0 .. 2^32-1, not %r" % (name, v))
    return i


def i32(name, v):
    """A signed 32-bit (C int) argument."""
    i = index(name, v)
    if not -0x80000000 <= i <= 0x7FFFFFFF:
        raise errors.RangeError(errors.E_RANGE, "%s must be an integer in "
                                "-2^31 .. 2^31-1, not %r" % (name, v))
    return i


def real(name, v):
    """A double argument: a float, an integer, or anything with __float__
    that is not text."""
    if type(v) is float:
        return v
    if isinstance(v, (str, bytes, bytearray)) or isinstance(v, bool):
        raise TypeError("%s must be a number, not %s %r"
                        % (name, type(v).__name__, v))
    try:
        return float(v)
    except (TypeError, ValueError):
        raise TypeError("%s must be a number, not %s %r"
                        % (name, type(v).__name__, v)) from None
    except OverflowError:
        return math.inf if v > 0 else -math.inf


def _key(text):
    return text.strip().lower().replace("-", "_")


def choice(enum, name, v):
    """A member of the IntEnum `enum`, from a member, a value or a name."""
    if type(v) is enum:
        return v
    if isinstance(v, str):
        for member in enum:
            if member.name.lower() == _key(v):
                return member
    elif not isinstance(v, (float, bytes, bytearray, bool)):
        try:
            return enum(operator.index(v))
        except (TypeError, ValueError):
            pass
    raise errors.UnknownNameError(name, v, [str(m) for m in enum])
