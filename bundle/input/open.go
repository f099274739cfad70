package input

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// openRegular opens p for reading without blocking and checks, on the open descriptor,
// that it is a regular file: a FIFO swapped in after the walk's stat must not hang the run.
func openRegular(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("not a regular file (%s): not read", fileType(info.Mode()))
	}
	return f, nil
}

// fileType names a non-regular file mode for people.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	case m.IsDir():
		return "directory"
	}
	return m.Type().String()
}

// walkRoot makes a directory named through a symlink walkable: filepath.WalkDir does not
// follow a symlinked root, a trailing separator makes it resolve. Links met during the
// walk are still never followed into directories, so a link loop cannot recurse.
func walkRoot(p string) string {
	info, err := os.Lstat(p)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 || strings.HasSuffix(p, string(filepath.Separator)) {
		return p
	}
	return p + string(filepath.Separator)
}
