package roofmodel

/*
#include <roofmodel.h>
*/
import "C"

import "unsafe"

// FindHardware is a built-in device by name or alias ("a6000",
// "rtx-a6000", "a6000@2100" for the 2100 MHz clock).
func FindHardware(name string) (Hardware, error) {
	c, err := cString(name, "roof_hardware_find")
	if err != nil {
		return Hardware{}, err
	}
	var r C.roof_hardware
	if err := check(C.roof_hardware_find(&c[0], &r), "roof_hardware_find"); err != nil {
		return Hardware{}, err
	}
	return hardwareFromC(&r), nil
}

// SuggestHardware is the built-in names closest to name, for "did you
// mean" messages.
func SuggestHardware(name string) []string {
	return suggest(name, func(c *C.char, names **C.char, cap C.uint32_t, n *C.uint32_t) C.int {
		return C.roof_hardware_suggest(c, names, cap, n)
	})
}

// ListHardware is every built-in device, in table order.
func ListHardware() ([]Hardware, error) {
	n := uint32(C.roof_hardware_count())
	out := make([]Hardware, 0, n)
	for i := uint32(0); i < n; i++ {
		var r C.roof_hardware
		if err := check(C.roof_hardware_get(C.uint32_t(i), &r), "roof_hardware_get"); err != nil {
			return nil, err
		}
		out = append(out, hardwareFromC(&r))
	}
	return out, nil
}

// HardwareAliases is the other names built-in device index answers to.
func HardwareAliases(index uint32) []string {
	out := []string{}
	for k := uint32(0); ; k++ {
		p := C.roof_hardware_alias(C.uint32_t(index), C.uint32_t(k))
		if p == nil {
			return out
		}
		out = append(out, C.GoString(p))
	}
}

// Validate is nil for a device the library accepts, else why not.
func (h Hardware) Validate() error {
	r, err := h.toC()
	if err != nil {
		return err
	}
	return check(C.roof_hardware_validate(&r), "roof_hardware_validate")
}

// PeakFlopsPerS is the dense peak: units x FLOP/clock/unit x clock.
func (h Hardware) PeakFlopsPerS(p Precision) (float64, error) {
	r, err := h.toC()
	if err != nil {
		return 0, err
	}
	var v C.double
	err = check(C.roof_hardware_peak_flops_per_s(&r, C.uint32_t(p), &v), "roof_hardware_peak_flops_per_s")
	return float64(v), err
}

// AtClock is the same device with every clock at clockHz.
func (h Hardware) AtClock(clockHz float64) (Hardware, error) {
	r, err := h.toC()
	if err != nil {
		return Hardware{}, err
	}
	var out C.roof_hardware
	if err := check(C.roof_hardware_at_clock(&r, C.double(clockHz), &out), "roof_hardware_at_clock"); err != nil {
		return Hardware{}, err
	}
	return hardwareFromC(&out), nil
}

// Ceiling is the two roofs at a precision, eff applied (nil: 1, 1, 1).
func (h Hardware) Ceiling(p Precision, eff *Efficiency) (Ceiling, error) {
	r, err := h.toC()
	if err != nil {
		return Ceiling{}, err
	}
	var out C.roof_ceiling
	var e C.roof_efficiency
	err = check(C.roof_ceiling_from_hardware(&r, C.uint32_t(p), effPtr(eff, &e), &out),
		"roof_ceiling_from_hardware")
	if err != nil {
		return Ceiling{}, err
	}
	return ceilingFromC(&out), nil
}

// HardwareFromJSON is a device from a hardware description file's text.
func HardwareFromJSON(text string) (Hardware, error) {
	b, n := cText(text)
	var r C.roof_hardware
	var pe C.roof_parse_error
	rc := C.roof_hardware_from_json((*C.char)(unsafe.Pointer(&b[0])), n, &r, &pe)
	if rc != C.ROOF_OK {
		return Hardware{}, parseFailure(rc, "roof_hardware_from_json", &pe)
	}
	return hardwareFromC(&r), nil
}

// JSON is the device as a hardware description file.
func (h Hardware) JSON() (string, error) {
	r, err := h.toC()
	if err != nil {
		return "", err
	}
	return render("roof_hardware_to_json", func(buf *C.char, cap C.size_t, n *C.size_t) C.int {
		return C.roof_hardware_to_json(&r, buf, cap, n)
	})
}

// Validate is nil for fractions the library accepts.
func (e Efficiency) Validate() error {
	r := e.toC()
	return check(C.roof_efficiency_validate(&r), "roof_efficiency_validate")
}

// effPtr is NULL for nil, else eff copied into *buf.
func effPtr(eff *Efficiency, buf *C.roof_efficiency) *C.roof_efficiency {
	if eff == nil {
		return nil
	}
	*buf = eff.toC()
	return buf
}

// parseFailure is the error of a parser, with its place when it has one.
func parseFailure(rc C.int, function string, pe *C.roof_parse_error) error {
	err, ok := check(rc, function).(*Error)
	if !ok {
		return bindingError(ErrInvalid, function, "no status")
	}
	if rc == C.ROOF_E_PARSE || rc == C.ROOF_E_MISSING || rc == C.ROOF_E_TYPE || pe.line > 0 {
		err.Location = parseLocationFromC(pe)
	}
	return err
}
