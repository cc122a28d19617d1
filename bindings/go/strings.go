package roofmodel

/*
#include <roofmodel.h>
*/
import "C"

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// cString is s as a NUL-terminated C string in Go memory (it holds no Go
// pointers, so C may read it during the call).
func cString(s, function string) ([]C.char, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, bindingError(ErrInvalid, function, fmt.Sprintf("%q contains a NUL byte", s))
	}
	c := make([]C.char, len(s)+1)
	for i := 0; i < len(s); i++ {
		c[i] = C.char(s[i])
	}
	return c, nil
}

// goString is a fixed C char array up to its first NUL (or its end).
func goString(a []C.char) string {
	b := make([]byte, 0, len(a))
	for _, c := range a {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	if !utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(b)
}

// toCArray copies s into a zeroed C array, leaving room for the NUL.
func toCArray(s string, a []C.char, field string) error {
	if len(s) >= len(a) || strings.IndexByte(s, 0) >= 0 {
		return bindingError(ErrRange, field,
			fmt.Sprintf("%q does not fit in %d bytes", s, len(a)-1))
	}
	for i := range a {
		a[i] = 0
	}
	for i := 0; i < len(s); i++ {
		a[i] = C.char(s[i])
	}
	return nil
}

// cText is text for a (pointer, length) parameter: never a nil pointer,
// even for "", as C refuses NULL.
func cText(text string) ([]byte, C.size_t) {
	b := make([]byte, len(text)+1)
	copy(b, text)
	return b, C.size_t(len(text))
}

// render is the text of a "buf, cap, &len" function: one call with a 4 KiB
// buffer, a second one sized by the first when that was too small.
func render(function string, f func(buf *C.char, cap C.size_t, n *C.size_t) C.int) (string, error) {
	buf := make([]C.char, 4096)
	var n C.size_t
	rc := f(&buf[0], C.size_t(len(buf)), &n)
	if rc == C.ROOF_E_BUFFER_TOO_SMALL && n > 0 {
		buf = make([]C.char, int(n))
		rc = f(&buf[0], C.size_t(len(buf)), &n)
	}
	if err := check(rc, function); err != nil {
		return "", err
	}
	if int(n) > len(buf) {
		return "", bindingError(ErrRange, function, "length beyond the buffer")
	}
	b := make([]byte, int(n))
	for i := range b {
		b[i] = byte(buf[i])
	}
	if !utf8.Valid(b) {
		return "", bindingError(ErrInvalid, function, "output is not UTF-8")
	}
	return string(b), nil
}

// suggest is the "did you mean" names of roof_hardware_suggest or
// roof_model_suggest; none on any failure.
func suggest(name string, f func(c *C.char, names **C.char, cap C.uint32_t, n *C.uint32_t) C.int) []string {
	c, err := cString(name, "suggest")
	if err != nil {
		return nil
	}
	// C fills it with pointers to its static strings, never Go pointers.
	var names [5]*C.char
	var n C.uint32_t
	if f(&c[0], &names[0], 5, &n) != C.ROOF_OK {
		return nil
	}
	out := []string{}
	for i := 0; i < int(n) && i < len(names); i++ {
		out = append(out, staticName(names[i], "name", uint32(i)))
	}
	return out
}
