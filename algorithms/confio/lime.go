package confio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
)

// LIME container: a sequence of records, each a 144-byte big-endian
// header (magic 0x456789ab, version 1, flags with message-begin bit 15
// and message-end bit 14, payload length uint64, 128-byte NUL-padded type
// string) followed by the payload padded with zeros to a multiple of 8.

const (
	limeMagic      = 0x456789ab
	limeHeaderSize = 144
	limeTypeSize   = 128
	limeMBFlag     = 1 << 15
	limeMEFlag     = 1 << 14
	// maxMetaRecord bounds the size of non-binary records loaded into memory.
	maxMetaRecord = 64 << 20
)

type limeRecord struct {
	typ    string
	mb, me bool
	offset int64 // of the payload in the file
	length int64 // payload length without padding
	data   []byte
}

func pad8(n int64) int64 { return (n + 7) &^ 7 }

// scanLime reads all record headers of a LIME file of the given size and
// loads the payloads of all records whose type does not end in
// "binary-data".
func scanLime(r io.ReaderAt, size int64, path string) ([]limeRecord, error) {
	var recs []limeRecord
	var hdr [limeHeaderSize]byte
	for off := int64(0); off < size; {
		if size-off < limeHeaderSize {
			return nil, fmt.Errorf("confio: %s: LIME record header at byte %d is cut off (%d bytes left): %w", path, off, size-off, ErrTruncated)
		}
		if _, err := r.ReadAt(hdr[:], off); err != nil {
			return nil, fmt.Errorf("confio: %s: reading LIME header at byte %d: %w", path, off, err)
		}
		if m := binary.BigEndian.Uint32(hdr[0:]); m != limeMagic {
			return nil, fmt.Errorf("confio: %s: bad LIME magic %#x at byte %d (want %#x): %w", path, m, off, uint32(limeMagic), ErrCorrupt)
		}
		flags := binary.BigEndian.Uint16(hdr[6:])
		n := binary.BigEndian.Uint64(hdr[8:])
		typ := string(bytes.TrimRight(hdr[16:], "\x00"))
		if i := strings.IndexByte(typ, 0); i >= 0 {
			typ = typ[:i]
		}
		rec := limeRecord{typ: typ, mb: flags&limeMBFlag != 0, me: flags&limeMEFlag != 0, offset: off + limeHeaderSize, length: int64(n)}
		if n > uint64(size) || rec.offset+rec.length > size {
			return nil, fmt.Errorf("confio: %s: LIME record %q at byte %d declares %d bytes, only %d remain: %w", path, typ, off, n, size-rec.offset, ErrTruncated)
		}
		if !strings.HasSuffix(typ, "binary-data") {
			if rec.length > maxMetaRecord {
				return nil, fmt.Errorf("confio: %s: LIME record %q has %d bytes, too many for metadata: %w", path, typ, n, ErrCorrupt)
			}
			rec.data = make([]byte, rec.length)
			if _, err := r.ReadAt(rec.data, rec.offset); err != nil {
				return nil, fmt.Errorf("confio: %s: reading LIME record %q: %w", path, typ, err)
			}
		}
		recs = append(recs, rec)
		off = rec.offset + pad8(rec.length)
		// The last record's padding may be missing in some writers' files.
		if off > size {
			off = size
		}
	}
	return recs, nil
}

// writeLimeHeader writes a record header; the caller writes exactly
// length payload bytes and then limePadding(length).
func writeLimeHeader(w io.Writer, typ string, mb, me bool, length int64) error {
	if len(typ) >= limeTypeSize {
		return fmt.Errorf("confio: LIME record type %q is longer than %d bytes", typ, limeTypeSize-1)
	}
	var hdr [limeHeaderSize]byte
	binary.BigEndian.PutUint32(hdr[0:], limeMagic)
	binary.BigEndian.PutUint16(hdr[4:], 1)
	var flags uint16
	if mb {
		flags |= limeMBFlag
	}
	if me {
		flags |= limeMEFlag
	}
	binary.BigEndian.PutUint16(hdr[6:], flags)
	binary.BigEndian.PutUint64(hdr[8:], uint64(length))
	copy(hdr[16:], typ)
	_, err := w.Write(hdr[:])
	return err
}

func writeLimePadding(w io.Writer, length int64) error {
	var zeros [8]byte
	_, err := w.Write(zeros[:pad8(length)-length])
	return err
}

// writeLimeRecord writes a complete record with an in-memory payload.
func writeLimeRecord(w io.Writer, typ string, mb, me bool, data []byte) error {
	if err := writeLimeHeader(w, typ, mb, me, int64(len(data))); err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	return writeLimePadding(w, int64(len(data)))
}

// xmlText returns the text between <tag> and </tag> (first occurrence),
// trimmed, and whether it was found. The LIME metadata records are tiny
// and sometimes NUL-terminated or not well-formed XML, so a tag search is
// more forgiving than a parser.
func xmlText(doc []byte, tag string) (string, bool) {
	s := string(doc)
	open := "<" + tag + ">"
	i := strings.Index(s, open)
	if i < 0 {
		return "", false
	}
	s = s[i+len(open):]
	j := strings.Index(s, "</"+tag+">")
	if j < 0 {
		return "", false
	}
	return strings.TrimSpace(s[:j]), true
}
