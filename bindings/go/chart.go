package roofmodel

/*
#include <stdlib.h>
#include <string.h>
#include <roofmodel.h>
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// cArena holds the C memory a chart's C structs point into: cgo forbids
// passing C a Go struct that holds Go pointers.  free releases it all.
type cArena struct {
	ptrs []unsafe.Pointer
}

func (a *cArena) alloc(size int) unsafe.Pointer {
	if size == 0 {
		size = 1
	}
	p := C.calloc(1, C.size_t(size))
	if p != nil {
		a.ptrs = append(a.ptrs, p)
	}
	return p
}

// str is s as a C string; NULL for "" when empty is nil, or when out of
// memory.
func (a *cArena) str(s string, emptyIsNull bool) *C.char {
	if s == "" && emptyIsNull {
		return nil
	}
	p := a.alloc(len(s) + 1)
	if p != nil && len(s) > 0 {
		C.memcpy(p, unsafe.Pointer(&[]byte(s)[0]), C.size_t(len(s)))
	}
	return (*C.char)(p)
}

func (a *cArena) doubles(v []float64) *C.double {
	p := a.alloc(len(v) * 8)
	if p != nil && len(v) > 0 {
		C.memcpy(p, unsafe.Pointer(&v[0]), C.size_t(len(v)*8))
	}
	return (*C.double)(p)
}

func (a *cArena) free() {
	for _, p := range a.ptrs {
		C.free(p)
	}
}

// SVG is the chart as SVG text.
func (c Chart) SVG() (string, error) {
	a := &cArena{}
	defer a.free()
	chart, err := c.toC(a)
	if err != nil {
		return "", err
	}
	return render("roof_chart_svg", func(buf *C.char, cap C.size_t, n *C.size_t) C.int {
		return C.roof_chart_svg(chart, buf, cap, n)
	})
}

// toC builds the C chart in a's memory.
func (c *Chart) toC(a *cArena) (*C.roof_chart, error) {
	const fn = "roof_chart_svg"
	if err := checkStrings(c); err != nil {
		return nil, err
	}
	r := (*C.roof_chart)(a.alloc(int(C.sizeof_roof_chart)))
	ceils := a.alloc(len(c.Ceilings) * int(C.sizeof_roof_chart_ceiling))
	series := a.alloc(len(c.Series) * int(C.sizeof_roof_series))
	if r == nil || ceils == nil || series == nil {
		return nil, bindingError(ErrRange, fn, "out of memory")
	}
	cs := unsafe.Slice((*C.roof_chart_ceiling)(ceils), len(c.Ceilings))
	for i, x := range c.Ceilings {
		cs[i] = C.roof_chart_ceiling{label: a.str(x.Label, true), value: C.double(x.Value),
			kind: C.uint32_t(x.Kind), color: C.uint32_t(x.Color)}
	}
	ss := unsafe.Slice((*C.roof_series)(series), len(c.Series))
	for i, s := range c.Series {
		if len(s.FlopsPerByte) != len(s.FlopsPerS) {
			return nil, bindingError(ErrRange, fn, fmt.Sprintf("series %q: x and y differ in length", s.Label))
		}
		ss[i] = C.roof_series{label: a.str(s.Label, false), flops_per_byte: a.doubles(s.FlopsPerByte),
			flops_per_s: a.doubles(s.FlopsPerS), count: C.uint32_t(len(s.FlopsPerS)),
			color: C.uint32_t(s.Color), marker: C.uint32_t(s.Marker)}
	}
	r.title = a.str(c.Title, true)
	r.ceilings, r.ceiling_count = (*C.roof_chart_ceiling)(ceils), C.uint32_t(len(c.Ceilings))
	r.series, r.series_count = (*C.roof_series)(series), C.uint32_t(len(c.Series))
	r.x_min, r.x_max = C.double(c.XMin), C.double(c.XMax)
	r.y_min, r.y_max = C.double(c.YMin), C.double(c.YMax)
	r.width_px, r.height_px = C.uint32_t(c.WidthPx), C.uint32_t(c.HeightPx)
	if c.RidgeLine {
		r.ridge_line = 1
	}
	return r, nil
}

// checkStrings refuses a label with a NUL byte (C would cut it short) and
// counts that do not fit a uint32.
func checkStrings(c *Chart) error {
	const fn = "roof_chart_svg"
	labels := []string{c.Title}
	for _, x := range c.Ceilings {
		labels = append(labels, x.Label)
	}
	for _, s := range c.Series {
		labels = append(labels, s.Label)
		if uint64(len(s.FlopsPerS)) > uint64(^uint32(0)) {
			return bindingError(ErrRange, fn, fmt.Sprintf("series %q has too many points", s.Label))
		}
	}
	for _, l := range labels {
		if _, err := cString(l, fn); err != nil {
			return err
		}
	}
	if uint64(len(c.Ceilings)) > uint64(^uint32(0)) || uint64(len(c.Series)) > uint64(^uint32(0)) {
		return bindingError(ErrRange, fn, "too many ceilings or series")
	}
	return nil
}

// KernelsFromCSV is measured kernels from CSV text (plain, or Nsight
// Compute's raw export).
func KernelsFromCSV(text string) ([]Kernel, error) {
	const fn = "roof_kernels_from_csv"
	b, length := cText(text)
	p := (*C.char)(unsafe.Pointer(&b[0]))
	var n C.uint32_t
	var pe C.roof_parse_error
	rc := C.roof_kernels_from_csv(p, length, nil, 0, &n, &pe)
	if rc != C.ROOF_OK && rc != C.ROOF_E_BUFFER_TOO_SMALL {
		return nil, parseFailure(rc, fn, &pe)
	}
	if n == 0 {
		return []Kernel{}, nil
	}
	raw := make([]C.roof_kernel, int(n))
	rc = C.roof_kernels_from_csv(p, length, &raw[0], n, &n, &pe)
	if rc != C.ROOF_OK {
		return nil, parseFailure(rc, fn, &pe)
	}
	out := make([]Kernel, 0, int(n))
	for i := 0; i < int(n) && i < len(raw); i++ {
		out = append(out, kernelFromC(&raw[i]))
	}
	return out, nil
}
