// Package faulttest holds the fault tests of the generated server (issue 9,
// "Fault tests"): the bundled server (generated/default) is built into a
// temporary directory and run as a process against a private PostgreSQL
// cluster (internal/pgcluster), never the machine's shared server, and
//
//   - killed with SIGKILL in the middle of a load: every acknowledged
//     document is present and equal to what was sent, and no stored
//     document is partial (TestServerKilledMidLoad);
//   - kept running while PostgreSQL restarts under light load: no 500s,
//     503 with Retry-After during the outage, service resumes by itself
//     (TestPostgresRestartUnderLoad);
//   - started while PostgreSQL is down: it starts, answers 503 on data
//     routes and /health, then serves once the database appears
//     (TestDatabaseUnreachableAtStartup).
//
// The package has only tests; they run with `make test` (about 20 s).
package faulttest
