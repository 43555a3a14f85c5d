// Shows the OpenAPI documents the server lists at /metadata/specifications
// (the page is {root}/swagger/, so the list is one level up). The first
// (Resources) is selected; ?urls.primaryName=Descriptors selects another.
window.onload = function () {
  fetch("../metadata/specifications")
    .then(function (response) {
      return response.json();
    })
    .then(function (specifications) {
      window.ui = SwaggerUIBundle({
        urls: specifications.map(function (s) {
          return { url: s.endpointUri, name: s.name };
        }),
        "urls.primaryName": new URLSearchParams(window.location.search).get("urls.primaryName"),
        dom_id: "#swagger-ui",
        deepLinking: true,
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        plugins: [SwaggerUIBundle.plugins.DownloadUrl],
        layout: "StandaloneLayout",
      });
    });
};
