package confio

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// ILDG / SciDAC (QIO) LIME files. The binary record holds, for each site
// in lexicographic order (x fastest), the 4 links mu = x,y,z,t, each a
// row-major 3x3 complex matrix of big-endian IEEE reals (re, im). This is
// Config's own order, so a site's bytes map to Links[36*s : 36*s+36].

// Record types that the writer regenerates and therefore does not copy
// from Config.Records.
var limeGenerated = map[string]bool{
	"scidac-private-file-xml":   true,
	"scidac-private-record-xml": true,
	"ildg-format":               true,
	"ildg-binary-data":          true,
	"scidac-binary-data":        true,
	"scidac-checksum":           true,
}

func readLIME(f *os.File, size int64, path string, opts ReadOptions) (*Config, error) {
	recs, err := scanLime(f, size, path)
	if err != nil {
		return nil, err
	}
	info := map[string]string{}
	var kept []Record
	var bin *limeRecord
	format := FormatSciDAC
	var ildgDims, scidacDims *[4]int
	recPrecision := 0
	var suma, sumb string
	for i := range recs {
		r := &recs[i]
		if r.data != nil {
			kept = append(kept, Record{Type: r.typ, Data: r.data})
		}
		switch r.typ {
		case "ildg-binary-data":
			bin = r
		case "scidac-binary-data":
			if bin == nil {
				bin = r
			}
		case "ildg-format":
			format = FormatILDG
			var d [4]int
			for k, tag := range []string{"lx", "ly", "lz", "lt"} {
				v, ok := xmlText(r.data, tag)
				n, err := strconv.Atoi(v)
				if !ok || err != nil {
					return nil, fmt.Errorf("confio: %s: ildg-format record lacks a valid <%s>: %w", path, tag, ErrCorrupt)
				}
				d[k] = n
				info[tag] = v
			}
			ildgDims = &d
			if v, ok := xmlText(r.data, "field"); ok {
				info["field"] = v
				if v != "su3gauge" {
					return nil, fmt.Errorf("confio: %s: ildg-format field is %q, only su3gauge is supported", path, v)
				}
			}
			if v, ok := xmlText(r.data, "precision"); ok {
				info["precision"] = v
				recPrecision, _ = strconv.Atoi(v)
			}
		case "scidac-private-file-xml":
			if v, ok := xmlText(r.data, "dims"); ok {
				info["dims"] = v
				fs := strings.Fields(v)
				if len(fs) == 4 {
					var d [4]int
					for k := range fs {
						d[k], _ = strconv.Atoi(fs[k])
					}
					scidacDims = &d
				}
			}
			if v, ok := xmlText(r.data, "volfmt"); ok {
				info["volfmt"] = v
			}
		case "scidac-private-record-xml":
			for _, tag := range []string{"datatype", "precision", "colors", "typesize", "datacount", "date"} {
				if v, ok := xmlText(r.data, tag); ok {
					info["record."+tag] = v
				}
			}
			switch info["record.precision"] {
			case "F":
				if recPrecision == 0 {
					recPrecision = 32
				}
			case "D":
				if recPrecision == 0 {
					recPrecision = 64
				}
			}
			if v := info["record.datacount"]; v != "" && v != "4" {
				return nil, fmt.Errorf("confio: %s: SciDAC record holds %s matrices per site, a gauge field has 4", path, v)
			}
		case "scidac-checksum":
			suma, _ = xmlText(r.data, "suma")
			sumb, _ = xmlText(r.data, "sumb")
			info["suma"], info["sumb"] = suma, sumb
		case "xlf-info":
			parseXLFInfo(r.data, info)
		}
	}
	if bin == nil {
		return nil, fmt.Errorf("confio: %s: LIME file without ildg-binary-data or scidac-binary-data record: %w", path, ErrCorrupt)
	}
	if bin.typ == "ildg-binary-data" {
		format = FormatILDG
	}
	var dims [4]int
	switch {
	case ildgDims != nil:
		dims = *ildgDims
		if scidacDims != nil && *scidacDims != dims {
			return nil, fmt.Errorf("confio: %s: ildg-format says %v, scidac-private-file-xml says %v: %w", path, dims, *scidacDims, ErrCorrupt)
		}
	case scidacDims != nil:
		dims = *scidacDims
	default:
		return nil, fmt.Errorf("confio: %s: no ildg-format or scidac-private-file-xml record gives the lattice size: %w", path, ErrCorrupt)
	}
	c, err := newConfigFor(path, dims, opts)
	if err != nil {
		return nil, err
	}
	c.Format, c.Info, c.Records = format, info, kept
	vol := int64(c.Volume())
	var prec int
	switch bin.length {
	case vol * 288:
		prec = 32
	case vol * 576:
		prec = 64
	default:
		return nil, fmt.Errorf("confio: %s: %s has %d bytes, a %v lattice needs %d (float32) or %d (float64): %w",
			path, bin.typ, bin.length, dims, vol*288, vol*576, ErrCorrupt)
	}
	if recPrecision != 0 && recPrecision != prec {
		return nil, fmt.Errorf("confio: %s: metadata says %d-bit precision, the data size says %d-bit: %w", path, recPrecision, prec, ErrCorrupt)
	}
	c.Precision = prec
	codec := realCodec{binary.BigEndian, prec / 8}
	siteBytes := 72 * codec.size
	buf := make([]byte, siteBytes)
	rd := sectionReader(f, bin.offset, bin.length)
	var sum scidacSum
	for s := 0; s < c.Volume(); s++ {
		if _, err := io.ReadFull(rd, buf); err != nil {
			return nil, fmt.Errorf("confio: %s: reading site %d: %w", path, s, err)
		}
		sum.add(s, buf)
		codec.getComplex(c.Links[36*s:36*s+36], buf)
	}
	k := checker{path: path}
	if suma != "" || sumb != "" {
		k.hexText("scidac suma", suma, sum.a)
		k.hexText("scidac sumb", sumb, sum.b)
	}
	if v, ok := info["xlf.plaquette"]; ok {
		p, _, _ := c.Plaquette()
		k.approx("xlf-info plaquette", v, p, relTol(prec))
	}
	return c, k.finish(c, opts.IgnoreChecksums)
}

// parseXLFInfo stores the "key = value" items of an xlf-info record
// (one or several per line, separated by commas) as Info["xlf."+key].
func parseXLFInfo(data []byte, info map[string]string) {
	for _, line := range strings.Split(string(data), "\n") {
		for _, item := range strings.Split(line, ",") {
			k, v, ok := strings.Cut(item, "=")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if ok && k != "" && v != "" {
				info["xlf."+k] = v
			}
		}
	}
}

// writeLIME writes an ILDG file (ildg true) or a plain SciDAC file, with
// the QIO record structure: message 1 = scidac-private-file-xml,
// scidac-file-xml; message 2 = scidac-private-record-xml,
// scidac-record-xml, [ildg-format, ildg-data-lfn,] binary data,
// scidac-checksum. Other records kept in c.Records (xlf-info, ...) follow
// as one-record messages.
func writeLIME(w *bufio.Writer, c *Config, prec int, ildg bool) error {
	keptData := func(typ string) ([]byte, bool) {
		for _, r := range c.Records {
			if r.Type == typ {
				return r.Data, true
			}
		}
		return nil, false
	}
	fileXML, ok := keptData("scidac-file-xml")
	if !ok {
		fileXML = []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?><info>goqcd gauge configuration</info>")
	}
	recordXML, ok := keptData("scidac-record-xml")
	if !ok {
		recordXML = []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?><info>SU(3) gauge field</info>")
	}
	d := c.Dims
	privFile := fmt.Sprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?><scidacFile><version>1.1</version>"+
		"<spacetime>4</spacetime><dims>%d %d %d %d </dims><volfmt>0</volfmt></scidacFile>", d[0], d[1], d[2], d[3])
	pc, datatype := "D", "QDP_D3_ColorMatrix"
	if prec == 32 {
		pc, datatype = "F", "QDP_F3_ColorMatrix"
	}
	privRecord := fmt.Sprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?><scidacRecord><version>1.0</version>"+
		"<globaldata>0</globaldata><datatype>%s</datatype><precision>%s</precision><colors>3</colors>"+
		"<spacetime>4</spacetime><typesize>%d</typesize><datacount>4</datacount></scidacRecord>", datatype, pc, 18*prec/8)
	ildgFormat := fmt.Sprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ildgFormat xmlns=\"http://www.lqcd.org/ildg\" "+
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.lqcd.org/ildg/filefmt.xsd\">"+
		"<version>1.0</version><field>su3gauge</field><precision>%d</precision>"+
		"<lx>%d</lx><ly>%d</ly><lz>%d</lz><lt>%d</lt></ildgFormat>", prec, d[0], d[1], d[2], d[3])

	if err := writeLimeRecord(w, "scidac-private-file-xml", true, false, []byte(privFile)); err != nil {
		return err
	}
	if err := writeLimeRecord(w, "scidac-file-xml", false, true, fileXML); err != nil {
		return err
	}
	if err := writeLimeRecord(w, "scidac-private-record-xml", true, false, []byte(privRecord)); err != nil {
		return err
	}
	if err := writeLimeRecord(w, "scidac-record-xml", false, false, recordXML); err != nil {
		return err
	}
	binType := "scidac-binary-data"
	if ildg {
		binType = "ildg-binary-data"
		if err := writeLimeRecord(w, "ildg-format", false, false, []byte(ildgFormat)); err != nil {
			return err
		}
		if lfn, ok := keptData("ildg-data-lfn"); ok {
			if err := writeLimeRecord(w, "ildg-data-lfn", false, false, lfn); err != nil {
				return err
			}
		}
	}
	codec := realCodec{binary.BigEndian, prec / 8}
	siteBytes := 72 * codec.size
	n := int64(siteBytes) * int64(c.Volume())
	if err := writeLimeHeader(w, binType, false, false, n); err != nil {
		return err
	}
	buf := make([]byte, siteBytes)
	var sum scidacSum
	for s := 0; s < c.Volume(); s++ {
		codec.putComplex(buf, c.Links[36*s:36*s+36])
		sum.add(s, buf)
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	if err := writeLimePadding(w, n); err != nil {
		return err
	}
	cks := fmt.Sprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?><scidacChecksum><version>1.0</version>"+
		"<suma>%x</suma><sumb>%x</sumb></scidacChecksum>", sum.a, sum.b)
	if err := writeLimeRecord(w, "scidac-checksum", false, true, []byte(cks)); err != nil {
		return err
	}
	for _, r := range c.Records {
		switch {
		case limeGenerated[r.Type], r.Type == "scidac-file-xml", r.Type == "scidac-record-xml":
			continue
		case r.Type == "ildg-data-lfn" && ildg:
			continue
		}
		if err := writeLimeRecord(w, r.Type, true, true, r.Data); err != nil {
			return err
		}
	}
	return nil
}
