// Package roofmodel is the Go binding of libroofmodel: how fast can this
// transformer run on this accelerator, and what limits it?
//
//	hw, err := roofmodel.FindHardware("a6000")
//	...
//	model, err := roofmodel.FindModel("llama-2-13b")
//	...
//	w, err := roofmodel.Decode(1, 1024)
//	...
//	step, err := roofmodel.Ops(model, w, hw, nil)
//	for _, op := range step.Ops {
//		fmt.Println(op.ID, op.Flops, op.Bytes, op.Roofline.Bound)
//	}
//
// Every call that can fail returns an error; a failure of the library is an
// *Error carrying the C status (errors.Is(err, roofmodel.ErrNotFound)) and
// the text of roof_status_str.  Every type is plain Go data: values are
// copied into C structs for each call, and nothing is kept on the C side.
// No function of this package panics.
//
// The package is built with cgo and finds the library with
// `pkg-config roofmodel`: an installed roofmodel needs nothing more.  For an
// uninstalled build tree, set PKG_CONFIG_PATH to BUILD/meson-uninstalled and,
// so that programs run without LD_LIBRARY_PATH,
// CGO_LDFLAGS=-Wl,-rpath,BUILD/lib (docs/bindings.md).
package roofmodel

/*
#cgo pkg-config: roofmodel
#include <roofmodel.h>
*/
import "C"

// Version is "MAJOR.MINOR.PATCH" of the library actually linked.
func Version() string {
	return C.GoString(C.roof_version_string())
}

// VersionNumber is major * 10000 + minor * 100 + patch of the library
// actually linked.
func VersionNumber() uint32 {
	return uint32(C.roof_version_number())
}

// FormatSI formats a value with three significant digits and an SI prefix:
// FormatSI(768e9, "B/s") is "768GB/s".  An empty unit prints none.
func FormatSI(value float64, unit string) (string, error) {
	u, err := cString(unit, "roof_format_si")
	if err != nil {
		return "", err
	}
	return render("roof_format_si", func(buf *C.char, cap C.size_t, n *C.size_t) C.int {
		return C.roof_format_si(C.double(value), &u[0], buf, cap, n)
	})
}
