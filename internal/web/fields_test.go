package web

import "testing"

func TestFieldHintNamesTheFieldMeant(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`template: item.html:6:5: executing "main" at <.Titel>: can't evaluate field Titel in type *web.ItemView`,
			`template: item.html:6:5: executing "main" at <.Titel>: ItemView has no field Titel: did you mean .Title? (each view's fields are listed in tract's internal/web/views.go)`},
		// A method of the view counts as one of its names.
		{`executing "card" at <.SubCrad>: can't evaluate field SubCrad in type *web.Page`,
			`executing "card" at <.SubCrad>: Page has no field SubCrad: did you mean .SubCard? (each view's fields are listed in tract's internal/web/views.go)`},
		// Nothing close: every name the view has.
		{`at <.Zorglub>: can't evaluate field Zorglub in type web.PDFLink`,
			`at <.Zorglub>: PDFLink has no field Zorglub: it has .Path, .Href, .Label (each view's fields are listed in tract's internal/web/views.go)`},
		// The shared parts' own view.
		{`can't evaluate field Fed in type *web.SharedView`,
			`SharedView has no field Fed: did you mean .Feed? (each view's fields are listed in tract's internal/web/views.go)`},
		// Other errors, and types that are not views, are left as they are.
		{`error calling T: message "Nope" not found`, `error calling T: message "Nope" not found`},
		{`can't evaluate field X in type string`, `can't evaluate field X in type string`},
		{`can't evaluate field X in type web.unknownView`, `can't evaluate field X in type web.unknownView`},
	} {
		if got := FieldHint(c.in); got != c.want {
			t.Errorf("FieldHint(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
