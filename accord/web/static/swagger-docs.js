// Starts Swagger UI on /openapi.json. A file, not an inline script: the pages' Content-Security-Policy
// allows scripts from this origin only.
window.addEventListener("load", function () {
  "use strict";
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
