// Package swaggerui embeds Swagger UI for generated servers: the static
// files of the swagger-ui-dist npm package (dist/, version in dist/VERSION;
// scripts/update-swagger-ui.sh replaces them) and this project's
// initializer, which lists the server's OpenAPI documents.
package swaggerui

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// Dist is the swagger-ui-dist site: index.html and the files it loads
// except swagger-initializer.js.
var Dist = mustSub(dist, "dist")

// Initializer is swagger-initializer.js, loaded by index.html: it reads the
// specification list from ../metadata/specifications (relative, so the
// page works under any path base) and shows those documents.
//
//go:embed swagger-initializer.js
var Initializer []byte

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // dir is a literal embedded above
	}
	return sub
}
