// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/klauspost/compress/flate"
)

// deflateLevel is the level streams are compressed at: with
// github.com/klauspost/compress/flate, level 3 compresses about twice as
// fast as compress/flate at BestSpeed, and smaller (patch 12).
const deflateLevel = 3

// zlibHeader is the RFC 1950 header of a deflate stream with a 32 KB
// window at deflateLevel, as compress/zlib writes it.
var zlibHeader = []byte{0x78, 0x5e}

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() any {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

// flateWriters holds deflate writers for reuse. A new one allocates and
// clears about 1.2 MB of tables, which cost more than compressing the
// small streams of a typical document; Reset keeps the tables and gives
// the same output as a new writer.
var flateWriters = sync.Pool{
	New: func() any {
		fw, err := flate.NewWriter(nil, deflateLevel)
		if err != nil {
			panic(fmt.Errorf("could not create flate writer: %w", err))
		}
		return fw
	},
}

// compress returns data compressed as a zlib writer of
// github.com/klauspost/compress compresses it at deflateLevel, byte for
// byte (RFC 1950: a two-byte header, the deflate
// stream, the Adler-32 checksum of data). The framing is written here
// for the checksum: see adler32.
func (pool *xmempool) compress(data []byte) *membuffer {
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data))

	buf.Write(zlibHeader)
	fw := flateWriters.Get().(*flate.Writer)
	fw.Reset(buf)
	_, err := fw.Write(data)
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}
	err = fw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	fw.Reset(nil) // drop buf: it goes back to its own pool
	flateWriters.Put(fw)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adler32(data))
	buf.Write(sum[:])
	return mem
}

// compressWithTail returns what compress returns for data, which ends
// with tail, given tailZ, tail compressed on its own into the final
// blocks of a deflate stream: it compresses only what comes before tail,
// ends it with a sync flush (so that the stream goes on at a byte
// boundary) and appends tailZ. The stream decompresses to data; its bytes
// differ from compress's.
func (pool *xmempool) compressWithTail(data, tail, tailZ []byte) *membuffer {
	head := data[:len(data)-len(tail)]
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(head) + len(tailZ) + 16)

	buf.Write(zlibHeader)
	fw := flateWriters.Get().(*flate.Writer)
	fw.Reset(buf)
	if _, err := fw.Write(head); err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}
	if err := fw.Flush(); err != nil {
		panic(fmt.Errorf("could not flush zlib writer: %w", err))
	}
	fw.Reset(nil)
	flateWriters.Put(fw)
	buf.Write(tailZ)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adler32(data))
	buf.Write(sum[:])
	return mem
}

// adler32 is hash/adler32.Checksum, but for runs of zero bytes, which it
// adds eight at a time: each font's CIDToGIDMap is 128 KB of mostly
// zeros, and summing them a byte at a time cost more than compressing
// them.
func adler32(p []byte) uint32 {
	const (
		mod  = 65521
		nmax = 5552 // the most bytes before s2 may overflow, as in hash/adler32
	)
	s1, s2 := uint32(1), uint32(0)
	for len(p) > 0 {
		q := p[:min(len(p), nmax)]
		p = p[len(q):]
		for len(q) >= 8 {
			if binary.LittleEndian.Uint64(q) == 0 {
				s2 += 8 * s1
				q = q[8:]
				continue
			}
			// Not zeros: the next 64 bytes one by one, as hash/adler32 does.
			r := q[:min(len(q), 64)]
			q = q[len(r):]
			for len(r) >= 4 {
				s1 += uint32(r[0])
				s2 += s1
				s1 += uint32(r[1])
				s2 += s1
				s1 += uint32(r[2])
				s2 += s1
				s1 += uint32(r[3])
				s2 += s1
				r = r[4:]
			}
			for _, c := range r {
				s1 += uint32(c)
				s2 += s1
			}
		}
		for _, c := range q {
			s1 += uint32(c)
			s2 += s1
		}
		s1 %= mod
		s2 %= mod
	}
	return s2<<16 | s1
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
