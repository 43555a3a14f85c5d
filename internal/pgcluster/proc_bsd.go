//go:build unix && !linux

package pgcluster

import "syscall"

// stopWithParent: only Linux has a parent-death signal; elsewhere the
// caller's Stop (or a test's cleanup) is what stops the server.
func stopWithParent(*syscall.SysProcAttr) {}
