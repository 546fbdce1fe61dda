package web

import (
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/tractpub/tract/internal/diag"
)

// fieldErrRE finds a misspelt field in a template's execution error:
// "can't evaluate field Titel in type *web.ItemView".
var fieldErrRE = regexp.MustCompile(`can't evaluate field (\w+) in type \*?web\.(\w+)`)

// viewNames maps the name of each type a template can reach, from the
// dots tract gives them (Page, SharedView), to the names it answers to:
// its exported fields and methods.
var viewNames = sync.OnceValue(func() map[string][]string {
	names := map[string][]string{}
	pkg := reflect.TypeFor[Page]().PkgPath()
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() != pkg {
			return
		}
		if _, done := names[t.Name()]; done {
			return
		}
		var list []string
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				list = append(list, f.Name)
			}
		}
		for m := range reflect.PointerTo(t).Methods() {
			list = append(list, m.Name)
		}
		names[t.Name()] = list
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				walk(f.Type)
			}
		}
	}
	walk(reflect.TypeFor[Page]())
	walk(reflect.TypeFor[SharedView]())
	return names
})

// FieldHint rewords a template error about a field the view does not
// have: it says which view it was, the name meant when one is close, and
// where the views' fields are listed. Other messages are returned as
// they are.
func FieldHint(msg string) string {
	m := fieldErrRE.FindStringSubmatchIndex(msg)
	if m == nil {
		return msg
	}
	field, view := msg[m[2]:m[3]], msg[m[4]:m[5]]
	names, ok := viewNames()[view]
	if !ok {
		return msg
	}
	var b strings.Builder
	b.WriteString(msg[:m[0]])
	b.WriteString(view + " has no field " + field)
	if near := diag.Closest(field, names); near != "" {
		b.WriteString(": did you mean ." + near + "?")
	} else {
		b.WriteString(": it has ." + strings.Join(names, ", ."))
	}
	b.WriteString(" (each view's fields are listed in tract's internal/web/views.go)")
	b.WriteString(msg[m[1]:])
	return b.String()
}
