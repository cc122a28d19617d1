//! Statuses of the C library as a Rust error type.

use roofmodel_sys as sys;
use std::ffi::CStr;
use std::fmt;
use std::os::raw::c_int;

/// What went wrong: one variant per `ROOF_E_*` status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// A required argument is missing (`ROOF_E_NULL`).
    Null,
    /// A number is NaN, infinite, negative, zero where it must be positive, or too large (`ROOF_E_RANGE`).
    Range,
    /// An enum value or a combination of fields is not valid (`ROOF_E_INVALID`).
    Invalid,
    /// The device lacks what the question needs (`ROOF_E_UNSUPPORTED`).
    Unsupported,
    /// No built-in device or model of that name (`ROOF_E_NOT_FOUND`).
    NotFound,
    /// Output capacity too small (`ROOF_E_BUFFER_TOO_SMALL`).
    BufferTooSmall,
    /// Malformed input text: JSON, CSV (`ROOF_E_PARSE`).
    Parse,
    /// A required key or column is absent (`ROOF_E_MISSING`).
    Missing,
    /// A key has a value of the wrong type (`ROOF_E_TYPE`).
    Type,
    /// A write callback reported failure (`ROOF_E_WRITE`).
    Write,
    /// A result would not be representable (`ROOF_E_OVERFLOW`).
    Overflow,
    /// Nothing fits in the device memory (`ROOF_E_DOES_NOT_FIT`).
    DoesNotFit,
    /// A status newer than these bindings.
    Other(i32),
}

impl Status {
    /// The status for a C value; `None` for `ROOF_OK`.
    pub fn from_code(code: i32) -> Option<Status> {
        Some(match code {
            sys::ROOF_OK => return None,
            sys::ROOF_E_NULL => Status::Null,
            sys::ROOF_E_RANGE => Status::Range,
            sys::ROOF_E_INVALID => Status::Invalid,
            sys::ROOF_E_UNSUPPORTED => Status::Unsupported,
            sys::ROOF_E_NOT_FOUND => Status::NotFound,
            sys::ROOF_E_BUFFER_TOO_SMALL => Status::BufferTooSmall,
            sys::ROOF_E_PARSE => Status::Parse,
            sys::ROOF_E_MISSING => Status::Missing,
            sys::ROOF_E_TYPE => Status::Type,
            sys::ROOF_E_WRITE => Status::Write,
            sys::ROOF_E_OVERFLOW => Status::Overflow,
            sys::ROOF_E_DOES_NOT_FIT => Status::DoesNotFit,
            other => Status::Other(other),
        })
    }

    /// The C value (`ROOF_E_*`).
    pub fn code(self) -> i32 {
        match self {
            Status::Null => sys::ROOF_E_NULL,
            Status::Range => sys::ROOF_E_RANGE,
            Status::Invalid => sys::ROOF_E_INVALID,
            Status::Unsupported => sys::ROOF_E_UNSUPPORTED,
            Status::NotFound => sys::ROOF_E_NOT_FOUND,
            Status::BufferTooSmall => sys::ROOF_E_BUFFER_TOO_SMALL,
            Status::Parse => sys::ROOF_E_PARSE,
            Status::Missing => sys::ROOF_E_MISSING,
            Status::Type => sys::ROOF_E_TYPE,
            Status::Write => sys::ROOF_E_WRITE,
            Status::Overflow => sys::ROOF_E_OVERFLOW,
            Status::DoesNotFit => sys::ROOF_E_DOES_NOT_FIT,
            Status::Other(v) => v,
        }
    }
}

/// Where a parser stopped (from `roof_parse_error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseLocation {
    /// Line of the error, from 1; 0 when it has no place.
    pub line: u32,
    /// Column of the error in bytes, from 1.
    pub column: u32,
    /// Byte offset of the error.
    pub offset: u64,
    /// What the parser expected, naming the key or column when there is one.
    pub message: String,
}

/// A failed call: the status, its `roof_status_str` text and the C
/// function (or binding step) that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The C status.
    pub status: Status,
    /// The text of `roof_status_str` for the status; for an error found by the bindings, followed by what is wrong.
    pub message: String,
    /// The C function (or binding step) that failed.
    pub function: &'static str,
    /// Where a parser stopped; None for other errors.
    pub location: Option<ParseLocation>,
}

/// The result of every fallible call of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// The text of a status, as `roof_status_str` gives it.
pub fn status_str(code: i32) -> String {
    // SAFETY: roof_status_str returns a static NUL-terminated string, never
    // NULL, for any value.
    let p = unsafe { sys::roof_status_str(code as c_int) };
    // SAFETY: as above.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

impl Error {
    pub(crate) fn new(code: c_int, function: &'static str) -> Error {
        Error {
            status: Status::from_code(code).unwrap_or(Status::Other(0)),
            message: status_str(code),
            function,
            location: None,
        }
    }

    /// An error found by the bindings before calling C (a string with a
    /// NUL byte or too long for its C array, a value unknown to them).
    pub(crate) fn binding(status: Status, function: &'static str, what: String) -> Error {
        Error {
            status,
            message: format!("{}: {}", status_str(status.code()), what),
            function,
            location: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.function, self.message)?;
        if let Some(loc) = &self.location {
            write!(f, " at line {}, column {}: {}", loc.line, loc.column, loc.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// The one status check: ROOF_OK becomes Ok, anything else an Error.
pub(crate) fn check(code: c_int, function: &'static str) -> Result<()> {
    if code == sys::ROOF_OK {
        Ok(())
    } else {
        Err(Error::new(code, function))
    }
}
