package pdf

import (
	"context"
	"errors"
	"testing"
)

// A panic while an edition is set on a goroutine of its own (a
// pamphlet's booklet, set on A5 beside its A4 document) comes back on
// Make's goroutine, where the caller can recover it: on the edition's
// own goroutine it would end the program, and tract serve with it.
func TestPanicSettingAnEditionReachesMakesCaller(t *testing.T) {
	m, site := maker(t, editionsSite)
	type boom struct{}
	for _, paper := range []string{"a5", "a4"} { // the booklet's goroutine, then Make's own
		t.Run(paper, func(t *testing.T) {
			m := *m
			m.setting = func(p string) {
				if p == paper {
					panic(boom{})
				}
			}
			defer func() {
				if p := recover(); p != (boom{}) {
					t.Errorf("Make's caller recovered %v, want the panic of the %s edition", p, paper)
				}
			}()
			m.Make(site.Item("pamphlets", "p").Variants["en"])
			t.Errorf("Make returned: the panic setting the %s edition was lost", paper)
		})
	}
}

// MakeContext stops when its context is done: before anything is set if
// it already was, and before the editions are written if it is cancelled
// while they are set. It returns the context's error, and no file.
func TestMakeContextStopsWhenCancelled(t *testing.T) {
	m, site := maker(t, editionsSite)
	v := site.Item("pamphlets", "p").Variants["en"]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	set := 0
	m.setting = func(string) { set++ }
	if files, _, err := m.MakeContext(ctx, v); !errors.Is(err, context.Canceled) || files != nil || set > 0 {
		t.Errorf("cancelled before: %d files, %v, %d editions set", len(files), err, set)
	}
	ctx, cancel = context.WithCancel(context.Background())
	m.setting = func(string) { cancel() } // as the first edition starts to be set
	if files, _, err := m.MakeContext(ctx, v); !errors.Is(err, context.Canceled) || files != nil {
		t.Errorf("cancelled while set: %d files, %v", len(files), err)
	}
	m.setting = nil
	if files, _, err := m.MakeContext(context.Background(), v); err != nil || len(files) != 2 {
		t.Errorf("not cancelled: %d files, %v", len(files), err)
	}
}
