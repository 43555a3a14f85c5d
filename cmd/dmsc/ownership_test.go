package main

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// ownershipJSON is what client ownership --json prints for a client.
func ownershipJSON(t *testing.T, url, clientID string) string {
	t.Helper()
	return runOK(t, "client", "ownership", "-c", url, clientID, "--json")
}

// clientWithTokens creates a client (creator token 1, ownership tokens
// [1], as --ownership-token gives) and catalog tokens 1 to 3, and returns
// the client's id.
func clientWithTokens(t *testing.T, url string) string {
	t.Helper()
	for i, d := range []string{"District one", "District two", "District three"} {
		if out := runOK(t, "ownership-token", "create", "-c", url, "--description", d, "--json"); out != `{"id": `+strconv.Itoa(i+1)+"}\n" {
			t.Fatalf("ownership-token create --json printed %q", out)
		}
	}
	var created struct {
		ClientID string `json:"client_id"`
	}
	out := runOK(t, "client", "create", "-c", url, "--claim-set", "SIS-Vendor", "--name", "Vendor", "--ownership-token", "1", "--json")
	if err := json.Unmarshal([]byte(out), &created); err != nil {
		t.Fatal(err)
	}
	return created.ClientID
}

// TestClientOwnershipReplacement: set-ownership replaces the creator token
// and the ownership tokens at once (sorted, the creator not added), a
// repeat is a no-op success, none clears either, and client ownership
// shows the configuration as JSON and with the catalog's descriptions.
func TestClientOwnershipReplacement(t *testing.T) {
	url := cmsDB(t)
	id := clientWithTokens(t, url)
	if got, want := ownershipJSON(t, url, id), `{"creatorOwnershipTokenId": 1, "ownershipTokenIds": [1]}`+"\n"; got != want {
		t.Errorf("after create: %q, want %q", got, want)
	}

	set := []string{"client", "set-ownership", "-c", url, id, "--creator-token", "2", "--token", "3,1", "--token", "2"}
	if out := runOK(t, set...); !strings.HasPrefix(out, "Ownership tokens of client "+id+" replaced. Running servers apply the change within a minute") {
		t.Errorf("set-ownership printed %q", out)
	}
	want := `{"creatorOwnershipTokenId": 2, "ownershipTokenIds": [1,2,3]}` + "\n"
	if got := ownershipJSON(t, url, id); got != want {
		t.Errorf("after set-ownership: %q, want %q", got, want)
	}
	if out := runOK(t, append(set, "--json")...); out != want {
		t.Errorf("repeated set-ownership --json printed %q, want %q", out, want)
	}
	if out := runOK(t, set...); !strings.HasPrefix(out, "Ownership tokens of client "+id+" unchanged.\n") {
		t.Errorf("repeated set-ownership printed %q", out)
	}
	text := runOK(t, "client", "ownership", "-c", url, id)
	for _, line := range []string{"creator token:     2  District two", "ownership tokens:  1  District one", "                   2  District two", "                   3  District three"} {
		if !strings.Contains(text, line+"\n") {
			t.Errorf("client ownership lacks %q:\n%s", line, text)
		}
	}

	// The creator need not be one of the ownership tokens.
	runOK(t, "client", "set-ownership", "-c", url, id, "--creator-token", "3", "--token", "1")
	if got, want := ownershipJSON(t, url, id), `{"creatorOwnershipTokenId": 3, "ownershipTokenIds": [1]}`+"\n"; got != want {
		t.Errorf("creator outside the tokens: %q, want %q", got, want)
	}
	runOK(t, "client", "set-ownership", "-c", url, id, "--creator-token", "none", "--token", "none")
	if got, want := ownershipJSON(t, url, id), `{"creatorOwnershipTokenId": null, "ownershipTokenIds": []}`+"\n"; got != want {
		t.Errorf("none: %q, want %q", got, want)
	}
	if text := runOK(t, "client", "ownership", "-c", url, id); text != "creator token:     none\nownership tokens:  none\n" {
		t.Errorf("client ownership of none printed %q", text)
	}
}

// TestClientSetOwnershipRefusals: every refused replacement names the
// value (and the flag, for a malformed one) and changes nothing; 1,999
// tokens are accepted, 2,000 are not.
func TestClientSetOwnershipRefusals(t *testing.T) {
	url := cmsDB(t)
	id := clientWithTokens(t, url)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `INSERT INTO "cms"."OwnershipToken" ("Description") SELECT 'Bulk ' || g FROM generate_series(4, 2000) g`); err != nil {
		t.Fatal(err)
	}
	tokens := func(n int) string {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = strconv.Itoa(i + 1)
		}
		return strings.Join(ids, ",")
	}
	runOK(t, "client", "set-ownership", "-c", url, id, "--creator-token", "2", "--token", "1,2")
	before := ownershipJSON(t, url, id)

	for _, c := range []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"unknown client", []string{"nosuchclient", "--creator-token", "1", "--token", "1"}, exitFailure, "client nosuchclient: no API client"},
		{"unknown token", []string{id, "--creator-token", "1", "--token", "1,2001"}, exitFailure, "no ownership token [2001] in the catalog"},
		{"unknown creator", []string{id, "--creator-token", "2002", "--token", "1"}, exitFailure, "no ownership token [2002] in the catalog"},
		{"duplicate", []string{id, "--creator-token", "1", "--token", "3", "--token", "1,3"}, exitFailure, "ownership token 3 is listed twice"},
		{"2,000 tokens", []string{id, "--creator-token", "1", "--token", tokens(2000)}, exitFailure, "2000 ownership tokens: a client may hold at most 1999"},
		{"not a number", []string{id, "--creator-token", "1", "--token", "one"}, exitUsage, `--token "one": want none or a token id (1 to 32767)`},
		{"zero", []string{id, "--creator-token", "1", "--token", "0"}, exitUsage, `--token "0": want none or a token id`},
		{"out of range", []string{id, "--creator-token", "1", "--token", "40000"}, exitUsage, `--token "40000": want none or a token id`},
		{"negative creator", []string{id, "--creator-token=-1", "--token", "1"}, exitUsage, `--creator-token "-1": want none or a token id`},
		{"none with ids", []string{id, "--creator-token", "1", "--token", "none,1"}, exitUsage, "--token none stands alone"},
		{"no --token", []string{id, "--creator-token", "1"}, exitUsage, "missing flags: --token"},
		{"no --creator-token", []string{id, "--token", "1"}, exitUsage, "missing flags: --creator-token"},
	} {
		code, _, stderr := runCLI(append([]string{"client", "set-ownership", "-c", url}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.message) {
			t.Errorf("%s: exit %d, %q; want exit %d with %q", c.name, code, stderr, c.code, c.message)
		}
		if got := ownershipJSON(t, url, id); got != before {
			t.Errorf("%s changed the configuration to %s", c.name, got)
		}
	}

	runOK(t, "client", "set-ownership", "-c", url, id, "--creator-token", "none", "--token", tokens(1999))
	var got struct {
		Tokens []int16 `json:"ownershipTokenIds"`
	}
	if err := json.Unmarshal([]byte(ownershipJSON(t, url, id)), &got); err != nil || len(got.Tokens) != 1999 {
		t.Errorf("1,999 tokens: %d stored (%v)", len(got.Tokens), err)
	}
}

// TestOwnershipTokenCommands: the catalog's tokens are created, listed
// with the clients holding them, and described again; descriptions are
// neither blank nor longer than 50 characters.
func TestOwnershipTokenCommands(t *testing.T) {
	url := cmsDB(t)
	if out := runOK(t, "ownership-token", "create", "-c", url, "--description", "  District one "); out != "new ownership token 1\n" {
		t.Errorf("ownership-token create printed %q", out)
	}
	runOK(t, "ownership-token", "create", "-c", url, "--description", "District two")
	runOK(t, "ownership-token", "create", "-c", url, "--description", strings.Repeat("é", 50))
	var created struct {
		ClientID string `json:"client_id"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "client", "create", "-c", url, "--claim-set", "SIS-Vendor", "--ownership-token", "1", "--read-ownership-token", "2", "--json")), &created); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"blank", []string{"create", "--description", "  "}, exitFailure, "an ownership token needs a description"},
		{"51 characters", []string{"create", "--description", strings.Repeat("x", 51)}, exitFailure, "is longer than 50 characters"},
		{"no description", []string{"create"}, exitUsage, "missing flags: --description"},
		{"describe an unknown token", []string{"set-description", "9", "--description", "Nine"}, exitFailure, "ownership token 9: no ownership token with that id"},
		{"describe with a bad id", []string{"set-description", "x", "--description", "Nine"}, exitUsage, `ID "x": want a token id (1 to 32767)`},
		{"describe blank", []string{"set-description", "1", "--description", ""}, exitFailure, "an ownership token needs a description"},
	} {
		code, _, stderr := runCLI(append([]string{"ownership-token", c.args[0], "-c", url}, c.args[1:]...)...)
		if code != c.code || !strings.Contains(stderr, c.message) {
			t.Errorf("%s: exit %d, %q; want exit %d with %q", c.name, code, stderr, c.code, c.message)
		}
	}

	if out := runOK(t, "ownership-token", "set-description", "-c", url, "2", "--description", "District two SIS"); out != "described ownership token 2\n" {
		t.Errorf("set-description printed %q", out)
	}
	var tokens []struct {
		ID          int16    `json:"id"`
		Description string   `json:"description"`
		Creator     []string `json:"creatorClientIds"`
		Ownership   []string `json:"ownershipClientIds"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "ownership-token", "list", "-c", url, "--json")), &tokens); err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(tokens)
	want := `[{"id":1,"description":"District one","creatorClientIds":["` + created.ClientID + `"],"ownershipClientIds":["` + created.ClientID + `"]},` +
		`{"id":2,"description":"District two SIS","creatorClientIds":[],"ownershipClientIds":["` + created.ClientID + `"]},` +
		`{"id":3,"description":"` + strings.Repeat("é", 50) + `","creatorClientIds":[],"ownershipClientIds":[]}]`
	if string(got) != want {
		t.Errorf("ownership-token list --json:\n got %s\nwant %s", got, want)
	}
	list := strings.Split(runOK(t, "ownership-token", "list", "-c", url), "\n")
	for i, want := range []string{"ID DESCRIPTION CREATOR TOKEN OF OWNERSHIP TOKEN OF CREATED", "1 District one " + created.ClientID + " " + created.ClientID, "2 District two SIS " + created.ClientID, "3 " + strings.Repeat("é", 50)} {
		if got := strings.Join(strings.Fields(list[i]), " "); !strings.HasPrefix(got, want) {
			t.Errorf("ownership-token list line %d is %q, want %q...", i, got, want)
		}
	}
}
