// Package changes serves the Change Queries routes of a resource,
// GET /data/{project}/{resource}/deletes and /keyChanges, from the plan the
// compiler wrote over the resource's tracked-change table
// (spec.ChangePlan): one round trip per request (the page and, when asked,
// its count pipelined in one snapshot), items in change-version order.
//
// A deletes item is {id, changeVersion, keyValues}; a keyChanges item
// {id, changeVersion, oldKeyValues, newKeyValues}, the first old and last
// new key of the document within the window. Key values are the natural
// key in the resource's query-field names.
package changes

import (
	"context"
	"fmt"
	"strings"

	"github.com/edfi-dmsc/dmsc/runtime/db"
	"github.com/edfi-dmsc/dmsc/runtime/jsonw"
	"github.com/edfi-dmsc/dmsc/runtime/problem"
	"github.com/edfi-dmsc/dmsc/runtime/server"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Route is one of the two Change Queries routes of a resource.
type Route int

// The routes.
const (
	Deletes Route = iota
	KeyChanges
)

// Page is an answered change route: the JSON array of its items and the
// total count (-1 when not asked).
type Page struct {
	Body       []byte
	TotalCount int64
}

// RowFilter is a condition an authorization strategy adds to every
// statement of a route over the tracked rows, aliased c, with its
// parameters numbered from $first (NamespaceBased: the rows' old
// namespace in the client's prefixes). It applies before paging and the
// count, in the same statement.
type RowFilter func(first int) (cond string, args []any)

// Serve answers the route of res for request r, whose paging and
// change-version window dispatch has validated: 404 when res has no
// tracked-change statements, 400 for any query parameter that is not a
// paging or window one. As the reference does, it first validates the query
// fields as a collection GET does, with checkValues (an unknown name or a
// value not valid for its field is that GET's 400), and only then refuses
// the valid ones as not valid for a Change Query endpoint; no value
// reaches a statement. filter, when not nil, limits the rows.
func Serve(r *server.Request, pool *pgxpool.Pool, res *spec.Resource, route Route, p server.Paging, checkValues func(server.QueryParams) error, filter RowFilter) error {
	if res.Changes == nil || res.Changes.Deletes == "" {
		return r.NotFound()
	}
	if err := checkValues(r.Filters()); err != nil {
		return err
	}
	if err := checkFilters(res, r.Filters()); err != nil {
		return err
	}
	page, err := Read(r.Context(), pool, res.Changes, route, p, filter)
	if err != nil {
		return fmt.Errorf("%s of %s: %w", routeName(route), res.Name, err)
	}
	return r.Page(page.Body, page.TotalCount)
}

func routeName(route Route) string {
	if route == Deletes {
		return "deletes"
	}
	return "keyChanges"
}

// checkFilters refuses query parameters on a change route as the
// reference does: a query field of the resource is not valid for a Change
// Query endpoint, any other name is not valid for the resource.
func checkFilters(res *spec.Resource, filters server.QueryParams) error {
	if len(filters) == 0 {
		return nil
	}
	var errs []string
	for _, f := range filters {
		if !isQueryField(res, f.Name) {
			return problem.UnknownQueryField(f.Name)
		}
		errs = append(errs, fmt.Sprintf("The query field '%s' is not valid for this Change Query endpoint.", f.Name))
	}
	return problem.BadRequest(problem.DetailRequestCouldNotBeProcessed, nil, errs...)
}

func isQueryField(res *spec.Resource, name string) bool {
	if res.Read == nil {
		return false
	}
	for _, qf := range res.Read.QueryFields {
		if strings.EqualFold(qf.Name, name) {
			return true
		}
	}
	return false
}

// countPlanning has the count, queued after it in the transaction,
// planned with each execution's parameter values even once its prepared
// statement is cached (pgx prepares every statement; PostgreSQL would
// settle on a generic plan after five executions): the best plan of a
// count depends on the window's width — for /deletes, per-row re-creation
// probes for a client syncing a narrow window and one hashed set of the
// live keys for a wide one; for /keyChanges, how the window's changes are
// grouped (the whole window: 90 ms custom against 165 generic) — and a
// generic plan is one plan for every window. (JIT is off for the server's
// sessions, db.OpenSized: a wide window's estimated cost, inflated by the
// per-row probe it does not run and by an authorization filter's
// subplans, would have it compile for longer than the count runs.)
const countPlanning = "SET LOCAL plan_cache_mode = force_custom_plan"

// Read runs a change route's statements: the page and, when p asks for
// it, the count, pipelined in one round trip inside one read-only
// REPEATABLE READ transaction (db.SnapshotRead), so that both read one
// snapshot and Total-Count agrees with the page whatever commits between
// the two statements; each is limited by filter when it is not nil. The
// count is planned with the request's values (countPlanning). A
// resource without a key-changes statement (its key never changes)
// answers an empty page without touching the database.
func Read(ctx context.Context, pool *pgxpool.Pool, cp *spec.ChangePlan, route Route, p server.Paging, filter RowFilter) (*Page, error) {
	pageSQL, countSQL := cp.Deletes, cp.DeletesCount
	if route == KeyChanges {
		pageSQL, countSQL = cp.KeyChanges, cp.KeyChangesCount
	}
	out := &Page{Body: []byte("[]"), TotalCount: -1}
	if p.TotalCount {
		out.TotalCount = 0
	}
	if pageSQL == "" || (p.Limit == 0 && !p.TotalCount) {
		return out, nil
	}
	w := p.Changes
	var body jsonw.Writer
	err := db.InTx(ctx, pool, db.DefaultRetryPolicy, func(ctx context.Context, tx *db.Tx) error {
		body = jsonw.Writer{}
		b := &pgx.Batch{}
		b.Queue(db.SnapshotRead)
		body.BeginArray()
		if p.Limit > 0 {
			sql, args := filtered(pageSQL, filter, w.Min, w.Max, int64(p.Limit), int64(p.Offset))
			b.Queue(sql, args...).Query(func(rows pgx.Rows) error {
				return writeItems(&body, cp.Keys, route, rows)
			})
		}
		if p.TotalCount {
			// Last, so that the page is planned as PostgreSQL chooses.
			b.Queue(countPlanning)
			sql, args := filtered(countSQL, filter, w.Min, w.Max)
			b.Queue(sql, args...).QueryRow(func(row pgx.Row) error { return row.Scan(&out.TotalCount) })
		}
		return tx.SendFinalBatch(ctx, b).Close()
	})
	if err != nil {
		return nil, err
	}
	body.EndArray()
	out.Body = body.Bytes()
	return out, nil
}

// filtered adds filter's condition to a statement after its window
// condition (spec.ChangeWindowCondition, which the plan checker ensures
// each statement has once), its parameters numbered after the
// statement's own args.
func filtered(sql string, filter RowFilter, args ...any) (string, []any) {
	if filter == nil {
		return sql, args
	}
	cond, more := filter(len(args) + 1)
	return strings.Replace(sql, spec.ChangeWindowCondition, spec.ChangeWindowCondition+" AND "+cond, 1), append(args, more...)
}

// writeItems writes one item per row: id, changeVersion, then the key
// values (old then new for key changes).
func writeItems(w *jsonw.Writer, keys []spec.ChangeKey, route Route, rows pgx.Rows) error {
	values := 1
	if route == KeyChanges {
		values = 2
	}
	var (
		id      uuid.UUID
		version int64
		texts   = make([]*string, values*len(keys))
		dests   = make([]any, 2+len(texts))
	)
	dests[0], dests[1] = &id, &version
	for i := range texts {
		dests[2+i] = &texts[i]
	}
	for rows.Next() {
		if err := rows.Scan(dests...); err != nil {
			return err
		}
		w.BeginObject()
		w.Key("id")
		w.String(id.String())
		w.Key("changeVersion")
		w.Int(version)
		if route == Deletes {
			w.Key("keyValues")
			writeKeys(w, keys, texts)
		} else {
			w.Key("oldKeyValues")
			writeKeys(w, keys, texts[:len(keys)])
			w.Key("newKeyValues")
			writeKeys(w, keys, texts[len(keys):])
		}
		w.EndObject()
	}
	return rows.Err()
}

// writeKeys writes the key-values object; each value is the text the
// statement selected, written bare for numbers and booleans.
func writeKeys(w *jsonw.Writer, keys []spec.ChangeKey, texts []*string) {
	w.BeginObject()
	for i, k := range keys {
		w.Key(k.Name)
		switch v := texts[i]; {
		case v == nil:
			w.Null()
		case k.Type == spec.DecimalType:
			w.Decimal(*v)
		case k.Type == spec.Int32Type || k.Type == spec.Int64Type || k.Type == spec.BooleanType:
			w.Raw([]byte(*v))
		default:
			w.String(*v)
		}
	}
	w.EndObject()
}
