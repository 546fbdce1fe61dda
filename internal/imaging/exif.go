package imaging

import "encoding/binary"

// exifOrientation returns the EXIF orientation (1 to 8) of the JPEG whose
// first bytes are b, or 1 when it has none. Phones store photographs as
// the sensor saw them and record the turn in this tag; browsers apply it,
// so the copies must too.
//
// The bytes come from anyone who may send a picture: every offset and
// size read from them is compared with what is left of b before it is
// added to anything, so that no sum overflows an int, which has 32 bits
// on 32-bit systems.
func exifOrientation(b []byte) int {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return 1
	}
	i := 2
	for len(b)-i >= 4 {
		if b[i] != 0xFF {
			return 1
		}
		marker := b[i+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 {
			i += 2
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // image data starts: no EXIF before it
			return 1
		}
		size := int(binary.BigEndian.Uint16(b[i+2:])) // counts its own 2 bytes
		if size < 2 || size > len(b)-i-2 {
			return 1
		}
		seg := b[i+4 : i+2+size]
		if marker == 0xE1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + size
	}
	return 1
}

// tiffOrientation reads tag 0x0112 from the first IFD of a TIFF block.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	// The offset is 32 bits, unsigned: compared as a uint64, so that
	// 0x7FFFFFFF is past the block, not a negative sum, on 32-bit systems.
	off := uint64(bo.Uint32(t[4:]))
	if off < 8 || off > uint64(len(t))-2 {
		return 1
	}
	ifd := t[off:]
	n := int(bo.Uint16(ifd))
	entries := ifd[2:]
	if n > len(entries)/12 {
		n = len(entries) / 12 // the entries the block holds; the others are cut off
	}
	for k := range n {
		e := entries[12*k : 12*k+12]
		if bo.Uint16(e) == 0x0112 && bo.Uint16(e[2:]) == 3 { // SHORT
			if o := int(bo.Uint16(e[8:])); o >= 1 && o <= 8 {
				return o
			}
			return 1
		}
	}
	return 1
}
