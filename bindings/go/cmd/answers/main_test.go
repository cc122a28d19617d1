package main

import (
	"fmt"
	"testing"
)

// Go's %.17g writes what glibc's printf("%.17g") writes for the same
// double: the cross-language check relies on it.
func TestFormatMatchesCPrintf(t *testing.T) {
	cases := []struct {
		x    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {0.1, "0.10000000000000001"},
		{53687091200, "53687091200"}, {1e17, "1e+17"}, {1.5e-5, "1.5e-05"},
		{0.0001, "0.0001"}, {123456789012345678, "1.2345678901234568e+17"},
		{-2.5, "-2.5"}, {1e-300, "1e-300"}, {99999999999999999, "1e+17"},
	}
	for _, c := range cases {
		if got := fmt.Sprintf("%.17g", c.x); got != c.want {
			t.Errorf("%.17g: %q, C prints %q", c.x, got, c.want)
		}
	}
}
