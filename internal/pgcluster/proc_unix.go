//go:build unix

package pgcluster

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
	"syscall"
)

type credential = syscall.Credential

// postgresUser is the OS user the server runs as when this process is root.
func postgresUser() (*credential, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("%w (%v); create one or run as another user", ErrNoUser, err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return &credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
}

// searchable reports whether the user of cred may traverse directory dir.
func searchable(dir string, cred *credential) bool {
	fi, err := os.Stat(dir)
	if err != nil {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	mode := fi.Mode().Perm()
	switch {
	case st.Uid == cred.Uid:
		return mode&0o100 != 0
	case st.Gid == cred.Gid:
		return mode&0o010 != 0
	default:
		return mode&0o001 != 0
	}
}

// userAttr runs a program as cred's user (nil: as this process's).
func userAttr(cred *credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred}
}

// processAttr starts the postmaster in its own process group (so Kill
// reaches its backends, and a terminal's Ctrl-C reaches only this process),
// or its own session when detached, as cred's user.
func processAttr(detached bool, cred *credential) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Setpgid: !detached, Setsid: detached, Credential: cred}
	if !detached {
		stopWithParent(a)
	}
	return a
}

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}

func signalProcess(pid int, sig syscall.Signal) error { return syscall.Kill(pid, sig) }

// signalGroup signals the process group the postmaster leads.
func signalGroup(pid int, sig syscall.Signal) error { return syscall.Kill(-pid, sig) }
