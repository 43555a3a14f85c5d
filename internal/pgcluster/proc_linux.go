package pgcluster

import "syscall"

// stopWithParent makes the kernel send the postmaster SIGINT (fast
// shutdown) when this process dies, so a crashed test leaves no server.
func stopWithParent(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGINT }
