package roofmodel

/*
#include <roofmodel.h>
*/
import "C"

import (
	"fmt"
	"os"
	"unsafe"
)

// FindModel is a built-in preset by name or alias ("llama-2-13b").
func FindModel(name string) (Model, error) {
	c, err := cString(name, "roof_model_find")
	if err != nil {
		return Model{}, err
	}
	var r C.roof_model
	if err := check(C.roof_model_find(&c[0], &r), "roof_model_find"); err != nil {
		return Model{}, err
	}
	return modelFromC(&r)
}

// SuggestModel is the built-in names closest to name, for "did you mean"
// messages.
func SuggestModel(name string) []string {
	return suggest(name, func(c *C.char, names **C.char, cap C.uint32_t, n *C.uint32_t) C.int {
		return C.roof_model_suggest(c, names, cap, n)
	})
}

// ListModels is every built-in preset, in table order.
func ListModels() ([]Model, error) {
	n := uint32(C.roof_model_count())
	out := make([]Model, 0, n)
	for i := uint32(0); i < n; i++ {
		var r C.roof_model
		if err := check(C.roof_model_get(C.uint32_t(i), &r), "roof_model_get"); err != nil {
			return nil, err
		}
		m, err := modelFromC(&r)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// ModelFromConfig is a model from the text of a HuggingFace config.json.
func ModelFromConfig(text string) (Model, error) {
	b, n := cText(text)
	var r C.roof_model
	var pe C.roof_parse_error
	rc := C.roof_model_from_json((*C.char)(unsafe.Pointer(&b[0])), n, &r, &pe)
	if rc != C.ROOF_OK {
		return Model{}, parseFailure(rc, "roof_model_from_json", &pe)
	}
	return modelFromC(&r)
}

// ModelFromConfigFile is a model from a config.json file.  A file that
// cannot be read is an *Error with ErrMissing naming the path.
func ModelFromConfigFile(path string) (Model, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return Model{}, bindingError(ErrMissing, "ModelFromConfigFile", fmt.Sprint(err))
	}
	return ModelFromConfig(string(text))
}

// JSON is the model as JSON text.
func (m Model) JSON() (string, error) {
	r, err := m.toC()
	if err != nil {
		return "", err
	}
	return render("roof_model_to_json", func(buf *C.char, cap C.size_t, n *C.size_t) C.int {
		return C.roof_model_to_json(&r, buf, cap, n)
	})
}

// Validate is nil for a model the library accepts, else why not.
func (m Model) Validate() error {
	r, err := m.toC()
	if err != nil {
		return err
	}
	return check(C.roof_model_validate(&r), "roof_model_validate")
}

// Params is the model's parameter counts.
func (m Model) Params() (ModelParams, error) {
	r, err := m.toC()
	if err != nil {
		return ModelParams{}, err
	}
	var p C.roof_model_params
	if err := check(C.roof_model_param_count(&r, &p), "roof_model_param_count"); err != nil {
		return ModelParams{}, err
	}
	return modelParamsFromC(&p), nil
}
