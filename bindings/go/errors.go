package roofmodel

/*
#include <roofmodel.h>
*/
import "C"

import "fmt"

// Status is a ROOF_E_* status of the C library.  It is an error itself, so
// that errors.Is(err, ErrNotFound) tells what an *Error is about.
type Status int

// The statuses of include/roofmodel/common.h.
const (
	ErrNull           Status = C.ROOF_E_NULL             // a required argument is missing
	ErrRange          Status = C.ROOF_E_RANGE            // a number is out of range
	ErrInvalid        Status = C.ROOF_E_INVALID          // an enum value or a combination of fields is invalid
	ErrUnsupported    Status = C.ROOF_E_UNSUPPORTED      // the device lacks what the question needs
	ErrNotFound       Status = C.ROOF_E_NOT_FOUND        // no built-in device or model of that name
	ErrBufferTooSmall Status = C.ROOF_E_BUFFER_TOO_SMALL // output capacity too small
	ErrParse          Status = C.ROOF_E_PARSE            // malformed input text (JSON, CSV)
	ErrMissing        Status = C.ROOF_E_MISSING          // a required key or column is absent
	ErrType           Status = C.ROOF_E_TYPE             // a key has a value of the wrong type
	ErrWrite          Status = C.ROOF_E_WRITE            // a write callback failed
	ErrOverflow       Status = C.ROOF_E_OVERFLOW         // a result would not be representable
	ErrDoesNotFit     Status = C.ROOF_E_DOES_NOT_FIT     // nothing fits in the device memory
)

// Error is the text roof_status_str gives for the status.
func (s Status) Error() string {
	return StatusString(int(s))
}

// StatusString is the text of a C status, as roof_status_str gives it.
func StatusString(code int) string {
	return C.GoString(C.roof_status_str(C.int(code)))
}

// ParseLocation is where a parser stopped (from roof_parse_error).
type ParseLocation struct {
	Line    uint32 // 1-based; 0 when the error has no place
	Column  uint32 // 1-based
	Offset  uint64 // bytes from the start of the text
	Message string // what the parser expected
}

// Error is a failed call: the status, its roof_status_str text, and the C
// function (or binding step) that failed.
type Error struct {
	Status   Status
	Message  string         // roof_status_str(Status), and for errors found by the binding, what
	Function string         // "roof_hardware_find", ...
	Location *ParseLocation // where a parser stopped; nil for other errors
}

// Error is "function: message", with the parser's place when there is one.
func (e *Error) Error() string {
	s := e.Function + ": " + e.Message
	if e.Location != nil {
		s += fmt.Sprintf(" at line %d, column %d: %s", e.Location.Line,
			e.Location.Column, e.Location.Message)
	}
	return s
}

// Is reports whether target is this error's Status.
func (e *Error) Is(target error) bool {
	s, ok := target.(Status)
	return ok && s == e.Status
}

// check is the one status check: ROOF_OK is nil, anything else an *Error.
func check(code C.int, function string) error {
	if code == C.ROOF_OK {
		return nil
	}
	return &Error{Status: Status(code), Message: StatusString(int(code)),
		Function: function}
}

// bindingError is an error found before calling C: a string with a NUL
// byte or too long for its C array, a value unknown to the binding.
func bindingError(s Status, function, what string) error {
	return &Error{Status: s, Message: s.Error() + ": " + what, Function: function}
}
