package content

import "testing"

func TestPassageFences(t *testing.T) {
	tests := []struct {
		line string
		kind FenceKind
		lang string
	}{
		{"::: {lang=es}", OpenFence, "es"},
		{"::: {lang=\"es\"}\n", OpenFence, "es"},
		{"   :::::{lang=pt-br}:::::\r\n", OpenFence, "pt-BR"},
		{"::: { lang=FR }", OpenFence, "fr"},
		{":::", CloseFence, ""},
		{"  :::::   \n", CloseFence, ""},
		{"::: es", BadFence, ""},
		{"::: {lang=}", BadFence, ""},
		{"::: {lang=\"es}", BadFence, ""},
		{"::: {lang=es", BadFence, ""},
		{"::: {.note}", BadFence, ""},
		{"::: {lang=es dir=rtl}", BadFence, ""},
		{"::: {lang=not a tag}", BadFence, ""},
		{"::: {lang=123456789}", BadFence, ""},
		{"    ::: {lang=es}", NoFence, ""},
		{":: {lang=es}", NoFence, ""},
		{"a ::: {lang=es}", NoFence, ""},
		{"", NoFence, ""},
	}
	for _, tt := range tests {
		if kind, lang := PassageFence([]byte(tt.line)); kind != tt.kind || lang != tt.lang {
			t.Errorf("%q: %v %q, want %v %q", tt.line, kind, lang, tt.kind, tt.lang)
		}
	}
}
