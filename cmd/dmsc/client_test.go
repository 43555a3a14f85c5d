package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/cms"
	"github.com/edfi-dmsc/dmsc/runtime/db/dbtest"
	"github.com/jackc/pgx/v5"
)

// cmsDB is a fresh database with the cms schema.
func cmsDB(t *testing.T) string {
	t.Helper()
	url := dbtest.New(t)
	if err := cms.Provision(context.Background(), url); err != nil {
		t.Fatal(err)
	}
	return url
}

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(args, &out, &errOut); code != 0 {
		t.Fatalf("dmsc %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String()
}

// credentialsJSON is exactly what --json prints.
var credentialsJSON = regexp.MustCompile(`^\{"client_id": "[a-z2-7]{20}", "client_secret": "[A-Z2-7]{26}"\}\n$`)

func TestClientCommands(t *testing.T) {
	url := cmsDB(t)
	out := runOK(t, "client", "create", "--connection-string", url, "--claim-set", "SIS-Vendor",
		"--namespace-prefix", "uri://ed-fi.org", "--namespace-prefix", "uri://ns2.org",
		"--education-organization-id", "255901", "--profile", "Test-Profile", "--name", "Demo vendor", "--json")
	if !credentialsJSON.MatchString(out) {
		t.Fatalf("client create --json printed %q", out)
	}
	var created struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	}
	if err := json.Unmarshal([]byte(out), &created); err != nil {
		t.Fatal(err)
	}

	// Only a slow hash of the secret is stored.
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var hash string
	if err := conn.QueryRow(ctx, `SELECT "SecretHash" FROM "cms"."ApiClient" WHERE "ClientId" = $1`, created.ClientID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$") || strings.Contains(hash, created.ClientSecret) {
		t.Errorf("stored secret hash %q", hash)
	}

	list := runOK(t, "client", "list", "-c", url)
	for _, want := range []string{created.ClientID, "Demo vendor", "SIS-Vendor", "uri://ed-fi.org,uri://ns2.org", "255901", "Test-Profile"} {
		if !strings.Contains(list, want) {
			t.Errorf("client list lacks %q:\n%s", want, list)
		}
	}
	if strings.Contains(list, created.ClientSecret) {
		t.Error("client list shows the secret")
	}

	rotated := runOK(t, "client", "rotate-secret", "-c", url, created.ClientID, "--json")
	if !credentialsJSON.MatchString(rotated) || strings.Contains(rotated, created.ClientSecret) {
		t.Errorf("rotate-secret printed %q", rotated)
	}
	runOK(t, "client", "delete", "-c", url, created.ClientID)
	if list := runOK(t, "client", "list", "-c", url, "--json"); strings.TrimSpace(list) != "[]" {
		t.Errorf("after delete: %s", list)
	}
	var out2, errOut bytes.Buffer
	if code := run([]string{"client", "delete", "-c", url, created.ClientID}, &out2, &errOut); code != exitFailure || !strings.Contains(errOut.String(), "no API client") {
		t.Errorf("deleting a missing client: exit %d %s", code, errOut.String())
	}

	if out := runOK(t, "keys", "rotate", "-c", url); !regexp.MustCompile(`^new signing key [a-z2-7]{16}\n$`).MatchString(out) {
		t.Errorf("keys rotate printed %q", out)
	}
}

// TestClientOwnershipTokens: --ownership-token new gives a client a new
// catalog token, as creator and read token; a second client shares it by
// id and reads another's; an unknown token is refused.
func TestClientOwnershipTokens(t *testing.T) {
	url := cmsDB(t)
	runOK(t, "client", "create", "-c", url, "--claim-set", "SIS-Vendor", "--name", "First", "--ownership-token", "new")
	runOK(t, "client", "create", "-c", url, "--claim-set", "SIS-Vendor", "--name", "Second", "--ownership-token", "new")
	runOK(t, "client", "create", "-c", url, "--claim-set", "SIS-Vendor", "--name", "Shared", "--ownership-token", "1", "--read-ownership-token", "2")
	var clients []struct {
		Name    string  `json:"name"`
		Creator *int16  `json:"creator_ownership_token_id"`
		Tokens  []int16 `json:"ownership_token_ids"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "client", "list", "-c", url, "--json")), &clients); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range clients {
		b, _ := json.Marshal(c)
		got[c.Name] = string(b)
	}
	for name, want := range map[string]string{
		"First":  `{"name":"First","creator_ownership_token_id":1,"ownership_token_ids":[1]}`,
		"Second": `{"name":"Second","creator_ownership_token_id":2,"ownership_token_ids":[2]}`,
		"Shared": `{"name":"Shared","creator_ownership_token_id":1,"ownership_token_ids":[1,2]}`,
	} {
		if got[name] != want {
			t.Errorf("client %s: %s, want %s", name, got[name], want)
		}
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"client", "create", "-c", url, "--claim-set", "SIS-Vendor", "--read-ownership-token", "9"}, &out, &errOut); code != exitFailure || !strings.Contains(errOut.String(), "no ownership token [9]") {
		t.Errorf("an unknown token: exit %d %s", code, errOut.String())
	}
}
