package bulkload

// KeepPrepared sets the size up to which a direct load keeps prepared
// documents, until the returned function restores it.
func KeepPrepared(n int) (restore func()) {
	old := keepPrepared
	keepPrepared = n
	return func() { keepPrepared = old }
}
