package pgcluster

import (
	"errors"
	"syscall"
)

// Private clusters need Unix process groups and signals; on Windows
// starting one fails with this error.
var errUnsupported = errors.New("private PostgreSQL clusters are not supported on Windows")

type credential struct{ Uid, Gid uint32 }

func postgresUser() (*credential, error) { return nil, errUnsupported }

func searchable(string, *credential) bool { return true }

func userAttr(*credential) *syscall.SysProcAttr { return nil }

func processAttr(bool, *credential) *syscall.SysProcAttr { return nil }

func alive(int) bool { return false }

func signalProcess(int, syscall.Signal) error { return errUnsupported }

func signalGroup(int, syscall.Signal) error { return errUnsupported }
