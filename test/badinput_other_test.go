//go:build !linux

package test

import (
	"errors"
	"os"
)

// maxRSS is not measured off Linux.
func maxRSS(*os.ProcessState) int64 { return 0 }

// mkfifo is not available here; FIFO cases are marked goos: linux.
func mkfifo(string) error { return errors.New("no named pipes on this platform") }
