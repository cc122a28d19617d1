package roofmodel

// Every C struct the Go binding passes has, as cgo compiled it, the size
// and field offsets the C compiler gives (the text of bindings/layout.c:
// `struct NAME SIZE`, `field NAME.FIELD OFFSET SIZE`, `const NAME VALUE`),
// and every C field that is not reserved has a Go field in its mirror
// (types.go).  The layout program is ROOFMODEL_LAYOUT_EXE (meson builds
// it), else one compiled here with `cc $(pkg-config --cflags roofmodel)`.

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// C fields with no Go field of their own: a count that is a slice's length
// in Go, and the fields whose Go names follow Go's initialisms.
var layoutRenames = map[string]string{
	"roof_hierarchy.level_count": "",
	"roof_series.count":          "",
	"roof_chart.ceiling_count":   "",
	"roof_chart.series_count":    "",
	"roof_op.id":                 "ID",
	"roof_plan.tag":              "", // checked by C, not a Go field
	"roof_plan.logits":           "", // Plan.SetLogits
	"roof_plan.prepared":         "", // private to C
}

func layoutText(t *testing.T) string {
	exe := os.Getenv("ROOFMODEL_LAYOUT_EXE")
	if exe == "" {
		flags, err := exec.Command("pkg-config", "--cflags", "roofmodel").Output()
		if err != nil {
			t.Fatalf("set ROOFMODEL_LAYOUT_EXE, or PKG_CONFIG_PATH for roofmodel: %v", err)
		}
		exe = filepath.Join(t.TempDir(), "roof_layout")
		args := append(strings.Fields(string(flags)), filepath.Join("..", "layout.c"), "-o", exe)
		if out, err := exec.Command("cc", args...).CombinedOutput(); err != nil {
			t.Fatalf("cc %v: %v\n%s", args, err, out)
		}
	}
	out, err := exec.Command(exe).Output()
	if err != nil {
		t.Fatalf("%s: %v", exe, err)
	}
	return string(out)
}

// camel is a C field name as a Go field name: dram_bytes_per_s is
// DramBytesPerS.
func camel(s string) string {
	var b strings.Builder
	for _, w := range strings.Split(s, "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

func atoi(t *testing.T, s string) uint64 {
	t.Helper()
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatalf("layout text: %q is not a number", s)
	}
	return v
}

func TestLayoutMatchesC(t *testing.T) {
	structs := cLayouts()
	consts := cConstants()
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(layoutText(t)), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 3 && f[0] == "struct":
			seen[f[1]] = true
			checkStruct(t, structs, f[1], atoi(t, f[2]))
		case len(f) == 4 && f[0] == "field":
			checkField(t, structs, f[1], atoi(t, f[2]), atoi(t, f[3]))
		case len(f) == 3 && f[0] == "const":
			if v, ok := consts[f[1]]; ok && v != atoi(t, f[2]) {
				t.Errorf("%s is %s in C, %d in Go", f[1], f[2], v)
			}
			delete(consts, f[1])
		default:
			t.Fatalf("layout text: %q", line)
		}
	}
	for name := range structs {
		if !seen[name] {
			t.Errorf("%s: not printed by bindings/layout.c", name)
		}
	}
	for name := range consts {
		t.Errorf("%s: not printed by bindings/layout.c", name)
	}
}

func checkStruct(t *testing.T, structs map[string]layoutEntry, name string, size uint64) {
	t.Helper()
	e, ok := structs[name]
	if !ok {
		t.Errorf("struct %s: unknown to the Go binding (add it to layout.go and types.go)", name)
		return
	}
	if uint64(e.c.Size()) != size {
		t.Errorf("struct %s: %d bytes in C, %d as cgo compiled it", name, size, e.c.Size())
	}
}

func checkField(t *testing.T, structs map[string]layoutEntry, path string, off, size uint64) {
	t.Helper()
	s, field, _ := strings.Cut(path, ".")
	e, ok := structs[s]
	if !ok {
		return // reported by checkStruct
	}
	cf, ok := e.c.FieldByName(field)
	if !ok {
		t.Errorf("%s: not in the struct cgo compiled", path)
		return
	}
	if uint64(cf.Offset) != off || uint64(cf.Type.Size()) != size {
		t.Errorf("%s: offset %d size %d in C, %d and %d as cgo compiled it",
			path, off, size, cf.Offset, cf.Type.Size())
	}
	if strings.HasPrefix(field, "reserved") {
		return
	}
	goName, renamed := layoutRenames[path]
	if !renamed {
		goName = camel(field)
	}
	if goName == "" {
		return
	}
	if _, ok := e.mirror.FieldByName(goName); !ok {
		t.Errorf("%s: no field %s in %s (types.go)", path, goName, e.mirror.Name())
	}
}

// Every field of the mirrors that go both ways survives a trip through C:
// a field left out of a conversion comes back zero.
func TestMirrorsRoundTrip(t *testing.T) {
	var hw Hardware
	fill(reflect.ValueOf(&hw).Elem())
	r, err := hw.toC()
	if err != nil {
		t.Fatal(err)
	}
	if back := hardwareFromC(&r); back != hw {
		t.Errorf("Hardware: %+v came back as %+v", hw, back)
	}
	var m Model
	fill(reflect.ValueOf(&m).Elem())
	m.Mlp, m.Norm, m.Position = MlpPlain, NormLayer, PositionLearned
	rm, err := m.toC()
	if err != nil {
		t.Fatal(err)
	}
	if back, err := modelFromC(&rm); err != nil || back != m {
		t.Errorf("Model: %+v came back as %+v (%v)", m, back, err)
	}
	var q Request
	fill(reflect.ValueOf(&q).Elem())
	q.Workload.Attention, q.Workload.Precision = AttentionFused, INT4
	rq := q.toC()
	if back, err := requestFromC(&rq); err != nil || back != q {
		t.Errorf("Request: %+v came back as %+v (%v)", q, back, err)
	}
	var c Ceiling
	fill(reflect.ValueOf(&c).Elem())
	if rc := c.toC(); ceilingFromC(&rc) != c {
		t.Errorf("Ceiling: %+v did not come back", c)
	}
}

// fill gives every number and string of v a distinct non-zero value.
func fill(v reflect.Value) {
	n := 0
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		n++
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		case reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Uint32:
			v.SetUint(uint64(n))
		case reflect.Float64:
			v.SetFloat(float64(n) + 0.5)
		case reflect.String:
			v.SetString("s" + strconv.Itoa(n))
		}
	}
	walk(v)
}
