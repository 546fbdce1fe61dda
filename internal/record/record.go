// Package record writes and reads the plain binary records tract keeps
// in its cache: unsigned numbers as varints, and byte strings after
// their length. A record says nothing of its own layout; whoever writes
// one reads it back in the same order, and a Reader given something
// else fails with an error instead of panicking or allocating without
// bound.
package record

import (
	"encoding/binary"
	"errors"
	"math"
)

// AppendUint appends n to dst.
func AppendUint(dst []byte, n uint64) []byte { return binary.AppendUvarint(dst, n) }

// AppendInt appends n, which must not be negative, to dst.
func AppendInt(dst []byte, n int) []byte { return AppendUint(dst, uint64(n)) }

// AppendBytes appends b after its length to dst.
func AppendBytes(dst, b []byte) []byte { return append(AppendInt(dst, len(b)), b...) }

// AppendString appends s after its length to dst.
func AppendString(dst []byte, s string) []byte { return append(AppendInt(dst, len(s)), s...) }

// AppendBool appends b to dst.
func AppendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, 1)
	}
	return append(dst, 0)
}

// ErrCorrupt is the error of a Reader given what was not written as it
// reads it.
var ErrCorrupt = errors.New("record: corrupt or cut short")

// A Reader reads a record from its bytes. Once a read fails, every
// later read returns the zero value, and Err says why.
type Reader struct {
	data []byte
	err  error
}

// NewReader returns a Reader of data.
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// Err returns ErrCorrupt once a read has failed, else nil.
func (r *Reader) Err() error { return r.err }

// More reports whether bytes are left to read, and no read has failed.
func (r *Reader) More() bool { return r.err == nil && len(r.data) > 0 }

// Done returns Err, or ErrCorrupt if bytes are left unread: a record
// read to its end is read whole.
func (r *Reader) Done() error {
	if r.err == nil && len(r.data) > 0 {
		r.err = ErrCorrupt
	}
	return r.err
}

// Uint reads a number.
func (r *Reader) Uint() uint64 {
	if r.err != nil {
		return 0
	}
	n, size := binary.Uvarint(r.data)
	if size <= 0 {
		r.err = ErrCorrupt
		return 0
	}
	r.data = r.data[size:]
	return n
}

// Int reads a number written by AppendInt: a line, a width, a level.
// One past the range of an int32 is an error.
func (r *Reader) Int() int {
	n := r.Uint()
	if n > math.MaxInt32 {
		r.err = ErrCorrupt
		return 0
	}
	return int(n)
}

// Count reads the number of things that follow, each at least one byte
// long: a count beyond the bytes left is an error, so that a corrupt
// count cannot make its reader allocate without bound.
func (r *Reader) Count() int {
	n := r.Uint()
	if n > uint64(len(r.data)) {
		r.err = ErrCorrupt
		return 0
	}
	return int(n)
}

// Bytes reads bytes written by AppendBytes. They share the Reader's
// memory.
func (r *Reader) Bytes() []byte {
	n := r.Uint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.data)) {
		r.err = ErrCorrupt
		return nil
	}
	b := r.data[:n:n]
	r.data = r.data[n:]
	return b
}

// String reads a string written by AppendString.
func (r *Reader) String() string { return string(r.Bytes()) }

// Bool reads a bool written by AppendBool.
func (r *Reader) Bool() bool {
	if r.err != nil {
		return false
	}
	if len(r.data) == 0 || r.data[0] > 1 {
		r.err = ErrCorrupt
		return false
	}
	b := r.data[0] == 1
	r.data = r.data[1:]
	return b
}

// Rest reads every byte left, sharing the Reader's memory; nil once a
// read has failed.
func (r *Reader) Rest() []byte {
	if r.err != nil {
		return nil
	}
	b := r.data
	r.data = nil
	return b
}

// Fixed reads the next n bytes, written with append. They share the
// Reader's memory.
func (r *Reader) Fixed(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n > len(r.data) {
		r.err = ErrCorrupt
		return nil
	}
	b := r.data[:n:n]
	r.data = r.data[n:]
	return b
}
