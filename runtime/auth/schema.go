package auth

import _ "embed"

// SchemaSQL creates the cms schema's client and signing-key tables; it is
// idempotent (runtime/cms applies it at provisioning).
//
//go:embed schema.sql
var SchemaSQL string
