package record

import (
	"bytes"
	"testing"
)

func TestWhatIsWrittenIsReadBack(t *testing.T) {
	var b []byte
	b = AppendInt(b, 300)
	b = AppendString(b, "Grève")
	b = AppendBytes(b, []byte{0, 1, 2})
	b = AppendBool(b, true)
	b = append(b, "fixed"...)
	b = AppendInt(b, 2)
	b = AppendBool(b, false)
	b = AppendBool(b, true)
	b = append(b, "rest"...)
	r := NewReader(b)
	if n, s, p, ok, f := r.Int(), r.String(), r.Bytes(), r.Bool(), r.Fixed(5); n != 300 || s != "Grève" || !bytes.Equal(p, []byte{0, 1, 2}) || !ok || string(f) != "fixed" {
		t.Fatalf("read %d %q %v %v %q", n, s, p, ok, f)
	}
	if !r.More() || r.Count() != 2 || r.Bool() || !r.Bool() || string(r.Rest()) != "rest" || r.More() || r.Done() != nil {
		t.Fatal("the end of the record was not read as written")
	}
}

func TestACorruptRecordFailsAndStaysFailed(t *testing.T) {
	for name, data := range map[string][]byte{
		"cut varint":        {0x80},
		"length past end":   AppendInt(nil, 10),
		"count past end":    append(AppendInt(nil, 1<<40), 1, 2, 3),
		"bool not 0 or 1":   {7},
		"number past int32": AppendUint(nil, 1<<40),
	} {
		r := NewReader(data)
		switch name {
		case "count past end":
			if r.Count() != 0 {
				t.Errorf("%s: a count", name)
			}
		case "bool not 0 or 1":
			r.Bool()
		case "number past int32":
			r.Int()
		default:
			_ = r.String()
		}
		if r.Err() == nil {
			t.Errorf("%s: no error", name)
		}
		if r.Int() != 0 || r.Bytes() != nil || r.More() || r.Rest() != nil || r.Done() == nil {
			t.Errorf("%s: reads go on after a failure", name)
		}
	}
	if err := NewReader([]byte{1, 2}).Done(); err == nil {
		t.Error("Done with bytes left: no error")
	}
}
