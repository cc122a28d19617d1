"""Exceptions: one class per roof_status, all subclasses of RoofError.

Each carries .status (the C value), .message (roof_status_str's text) and
.function (the C function that failed).  Parse failures also carry .line,
.column, .offset and .detail from the library's roof_parse_error.
"""

# enum roof_status: explicit, stable values (include/roofmodel/common.h).
OK = 0
E_NULL = 1
E_RANGE = 2
E_INVALID = 3
E_UNSUPPORTED = 4
E_NOT_FOUND = 5
E_BUFFER_TOO_SMALL = 6
E_PARSE = 7
E_MISSING = 8
E_TYPE = 9
E_WRITE = 10
E_OVERFLOW = 11
E_DOES_NOT_FIT = 12


class RoofError(Exception):
    """A roofmodel function returned a status other than ROOF_OK."""
    status = None

    def __init__(self, status, message, function=None, parse_error=None):
        self.status = status
        self.message = message
        self.function = function
        self.line = self.column = self.offset = self.detail = None
        text = message
        if parse_error is not None:
            self.line = parse_error.line
            self.column = parse_error.column
            self.offset = parse_error.offset
            self.detail = parse_error.message.decode("utf-8", "replace")
            text = "%s at line %d, column %d: %s" % (
                message, self.line, self.column, self.detail)
        if function:
            text = "%s: %s" % (function, text)
        super().__init__(text)


class NullError(RoofError, ValueError):
    status = E_NULL


class RangeError(RoofError, ValueError):
    status = E_RANGE


class InvalidError(RoofError, ValueError):
    status = E_INVALID


class UnsupportedError(RoofError):
    status = E_UNSUPPORTED


class NotFoundError(RoofError, LookupError):
    status = E_NOT_FOUND


class BufferTooSmallError(RoofError):
    status = E_BUFFER_TOO_SMALL


class ParseError(RoofError, ValueError):
    status = E_PARSE


class MissingError(RoofError, ValueError):
    status = E_MISSING


class WrongTypeError(RoofError, ValueError):
    status = E_TYPE


class WriteError(RoofError):
    status = E_WRITE


class RoofOverflowError(RoofError, ArithmeticError):
    status = E_OVERFLOW


class DoesNotFitError(RoofError):
    status = E_DOES_NOT_FIT


class UnknownNameError(NotFoundError, ValueError):
    """A name or value that an enum-like argument does not take: raised by
    the bindings themselves, before any C call.  .argument names the
    argument, .value is what was given, .choices lists what it takes."""

    def __init__(self, argument, value, choices):
        self.argument = argument
        self.value = value
        self.choices = list(choices)
        super().__init__(E_NOT_FOUND, "%s must be one of %s, not %r"
                         % (argument, ", ".join(self.choices), value))


BY_STATUS = {cls.status: cls for cls in (
    NullError, RangeError, InvalidError, UnsupportedError, NotFoundError,
    BufferTooSmallError, ParseError, MissingError, WrongTypeError, WriteError,
    RoofOverflowError, DoesNotFitError)}


def from_status(status, message, function=None, parse_error=None):
    """The exception for a status (RoofError itself for an unknown one)."""
    cls = BY_STATUS.get(status, RoofError)
    return cls(status, message, function, parse_error)
