using Microsoft.AspNetCore.Mvc;

namespace Orchestration.Server.Hosting;

internal static class Fallbacks
{
    /// <summary>
    /// Unknown GETs serve the web UI (SPA fallback), except under /api where they are a 404 problem. The catch-all
    /// is GET-only, so a wrong method on a known route still gets routing's 405.
    /// </summary>
    public static void MapApiFallbacks(this WebApplication app)
    {
        var index = Path.Combine(app.Environment.WebRootPath ?? "", "index.html");
        app.MapGet("{**path}", (HttpContext context) =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    return TypedResults.Problem(new ProblemDetails
                    {
                        Status = 404,
                        Title = "Not found",
                        Detail = $"There is no API route 'GET {context.Request.Path}'. See /openapi/v1.json.",
                    });
                }
                return File.Exists(index)
                    ? Results.File(index, "text/html; charset=utf-8")
                    : Results.Text("Orchestration Engine API is running. The web UI is not built; see /scalar/v1 for the API.", "text/plain");
            })
            .AllowAnonymous().ExcludeFromDescription().WithOrder(int.MaxValue);
    }
}
