package server

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// TestStartRefusesInconsistentSchema checks that a compiled schema failing
// App.Check stops start-up with the check's error, before the server opens
// its pool (the connection string names no reachable database) or
// registers a resource.
func TestStartRefusesInconsistentSchema(t *testing.T) {
	app := noteApp
	app.Check = func() error { return errors.New("resource Ed-Fi/School: table 1: Parent 7 is out of range") }
	var out, logs bytes.Buffer
	registered := false
	code := Start(context.Background(), app, []string{"--connection-string", "host=/nonexistent dbname=x connect_timeout=1"}, &out, &logs,
		func(*Server) { registered = true })
	if code != 1 || registered {
		t.Fatalf("code %d, registered %t; want 1 before registering", code, registered)
	}
	for _, want := range []string{"the compiled schema is inconsistent", "Parent 7 is out of range"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logs.String())
		}
	}
	if strings.Contains(logs.String(), "database pool") {
		t.Errorf("the pool was opened:\n%s", logs.String())
	}
}
