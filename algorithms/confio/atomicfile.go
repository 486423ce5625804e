package confio

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// writeAtomic writes a file through fill so that path is either the
// complete new file or untouched: it writes a temporary file in the same
// directory, fsyncs it, renames it over path and fsyncs the directory
// (so the rename itself survives a crash).
func writeAtomic(path string, fill func(w *bufio.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("confio: cannot create a temporary file next to %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	if err = fill(w); err != nil {
		return fmt.Errorf("confio: writing %s: %w", path, err)
	}
	if err = w.Flush(); err != nil {
		return fmt.Errorf("confio: writing %s: %w", tmp, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("confio: fsync of %s: %w", tmp, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("confio: closing %s: %w", tmp, err)
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("confio: chmod %s: %w", tmp, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("confio: renaming %s to %s: %w", tmp, path, err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("confio: %s written, but its directory cannot be opened for fsync: %w", path, err)
	}
	defer d.Close()
	if err = d.Sync(); err != nil {
		return fmt.Errorf("confio: %s written, but fsync of its directory failed: %w", path, err)
	}
	return nil
}

// WriteFileAtomic writes data to path so that path is either the complete
// new file or untouched (temporary file, fsync, rename, directory fsync).
// Other packages use it for their own small files (checkpoints, tables).
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w *bufio.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
