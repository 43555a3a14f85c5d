package generated_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/edfi-dmsc/dmsc/runtime/db"
)

// TestServerWritesKeepTheEdOrgHierarchy drives the education organization
// hierarchy table through the generated server's write path (the bundled
// schema has LocalEducationAgency with a parent LEA, and School under an
// LEA; no StateEducationAgency): POST LEAs and a school, move the school to
// another LEA with PUT, nest an LEA under another, POST a school under the
// nested LEA (reaching both LEAs) and DELETE it.
func TestServerWritesKeepTheEdOrgHierarchy(t *testing.T) {
	url, set := provisionDB(t, schemaFiles(t))
	ls := startServerAt(t, url)
	ls.set = set
	pool, err := db.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)

	docs := fakeDocuments(t, set, 1)
	locs := ls.postAll(t, docs)
	var lea, school map[string]any
	for _, d := range docs {
		switch d.Resource {
		case "localEducationAgencies":
			lea = decodeObject(t, d.Body)
		case "schools":
			school = decodeObject(t, d.Body)
		}
	}
	leaA := int64(lea["localEducationAgencyId"].(float64))
	schoolS := int64(school["schoolId"].(float64))
	ref, _ := school["localEducationAgencyReference"].(map[string]any)
	if ref == nil || int64(ref["localEducationAgencyId"].(float64)) != leaA {
		t.Fatalf("the fake school is not under the fake LEA: %v", school)
	}
	// Ids chosen apart from the fake ones.
	leaB, leaC, schoolT := leaA+1000001, leaA+1000002, schoolS+1000003
	ids := []int64{leaA, leaB, leaC, schoolS, schoolT}
	name := func(id int64) string {
		return map[int64]string{leaA: "A", leaB: "B", leaC: "C", schoolS: "S", schoolT: "T"}[id]
	}
	expect := func(step, want string) {
		t.Helper()
		if got := edOrgPairs(t, pool, ids, name); got != want {
			t.Errorf("%s: pairs %s, want %s", step, got, want)
		}
	}
	expect("after the fake documents", "A>A A>S S>S")

	postLEA := func(id int64, parent *int64) {
		t.Helper()
		doc := decodeObject(t, mustJSON(t, lea))
		doc["localEducationAgencyId"] = id
		delete(doc, "parentLocalEducationAgencyReference")
		if parent != nil {
			doc["parentLocalEducationAgencyReference"] = map[string]any{"localEducationAgencyId": *parent}
		}
		if r := ls.do(t, http.MethodPost, "/data/ed-fi/localEducationAgencies", mustJSON(t, doc)); r.status != http.StatusCreated {
			t.Fatalf("POST LEA %d = %d %s", id, r.status, r.body)
		}
	}
	postLEA(leaB, nil)
	expect("LEA B posted", "A>A A>S B>B S>S")

	g := ls.do(t, http.MethodGet, locs["ed-fi/schools"], nil)
	moved := decodeObject(t, g.body)
	moved["localEducationAgencyReference"] = map[string]any{"localEducationAgencyId": leaB}
	if r := ls.do(t, http.MethodPut, locs["ed-fi/schools"], mustJSON(t, moved)); r.status != http.StatusNoContent {
		t.Fatalf("PUT school under LEA B = %d %s", r.status, r.body)
	}
	expect("school moved to LEA B", "A>A B>B B>S S>S")

	postLEA(leaC, &leaB)
	expect("LEA C posted under LEA B", "A>A B>B B>C B>S C>C S>S")

	newSchool := decodeObject(t, mustJSON(t, school))
	newSchool["schoolId"] = schoolT
	newSchool["localEducationAgencyReference"] = map[string]any{"localEducationAgencyId": leaC}
	r := ls.do(t, http.MethodPost, "/data/ed-fi/schools", mustJSON(t, newSchool))
	if r.status != http.StatusCreated {
		t.Fatalf("POST school T = %d %s", r.status, r.body)
	}
	expect("school T posted under LEA C", "A>A B>B B>C B>S B>T C>C C>T S>S T>T")

	if r := ls.do(t, http.MethodDelete, r.header.Get("Location"), nil); r.status != http.StatusNoContent {
		t.Fatalf("DELETE school T = %d %s", r.status, r.body)
	}
	expect("school T deleted", "A>A B>B B>C B>S C>C S>S")
}

func decodeObject(t testing.TB, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// edOrgPairs lists the hierarchy pairs among ids as "a>b", named by name,
// in (source, target) id order.
func edOrgPairs(t *testing.T, pool *pgxpool.Pool, ids []int64, name func(int64) string) string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT "SourceEducationOrganizationId", "TargetEducationOrganizationId"
		FROM "auth"."EducationOrganizationIdToEducationOrganizationId"
		WHERE "SourceEducationOrganizationId" = ANY($1) AND "TargetEducationOrganizationId" = ANY($1)
		ORDER BY 1, 2`, ids)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s, g int64
		if err := rows.Scan(&s, &g); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s>%s", name(s), name(g)))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, " ")
}
