//go:build linux

package test

import (
	"os"
	"syscall"
)

// maxRSS is the peak resident memory of a finished process in bytes (Linux reports KiB).
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024
	}
	return 0
}

// mkfifo creates a named pipe.
func mkfifo(p string) error { return syscall.Mkfifo(p, 0o644) }
