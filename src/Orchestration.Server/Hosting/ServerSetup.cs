using Orchestration.Core.Configuration;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Git;
using Orchestration.Engine.Health;
using Orchestration.Engine.Models;
using Orchestration.Engine.Notifications;
using Orchestration.Engine.Planning;
using Orchestration.Engine.Rag;
using Orchestration.Engine.Tools.Media;
using Orchestration.Engine.Tools.Rag;
using Orchestration.Server.Admin;
using Orchestration.Server.Auth.Oidc;
using Orchestration.Server.Auth;
using Orchestration.Server.Checkpoints;
using Orchestration.Server.Events;
using Orchestration.Server.Execution;
using Orchestration.Server.Health;
using Orchestration.Server.Infrastructure;
using Orchestration.Server.Knowledge;
using Orchestration.Server.Mcp;
using Orchestration.Server.Notifications;
using Orchestration.Server.Plans;
using Orchestration.Server.Projects;
using Orchestration.Server.Rag;
using Orchestration.Server.Services;
using Orchestration.Server.Spend;
using Orchestration.Server.Tasks;
using Orchestration.Server.Usage;
using Scalar.AspNetCore;

namespace Orchestration.Server.Hosting;

/// <summary>The table of contents of the server: one line per concern.</summary>
public static class ServerSetup
{
    public static IServiceCollection AddOrchestrationServer(this IServiceCollection services, OrchestrationConfig config)
    {
        services.AddConfigSections(config);
        services.AddStorage(config);
        services.AddApiInfrastructure(config.Server);
        services.AddAuth(config.Auth);
        services.AddBudget();
        services.AddModels();
        services.AddInfrastructureProbes();
        services.AddPlanning();
        services.AddOpenApi();
        services.AddTelemetry(config.Server);
        services.AddExecution();
        services.AddNotifications(config.Notifications);
        services.AddWorkspaceGit(config.Git);
        services.AddEventStreaming();
        services.AddMcpWorkers();
        services.AddRag();
        services.AddRagTools();
        services.AddCostReports();
        services.AddMediaTools();
        return services;
    }

    public static WebApplication UseOrchestrationServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // NOTE: routing goes after static files; otherwise WebApplication routes first, the SPA catch-all GET matches
        // /assets/*.js too, and the static file middleware steps aside for any request that already has an endpoint.
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        // Every API endpoint declares the problem responses the shared pipeline gives (docs/api.md, Errors).
        var api = app.MapGroup("").WithProblemResponses();
        api.MapHealth();
        api.MapAuth();
        api.MapApiKeys();
        api.MapOidc();
        api.MapProjects();
        api.MapProjectTransfer();
        api.MapExecution();
        api.MapEvents();
        api.MapPlans();
        api.MapTaskQueries();
        api.MapTaskActions();
        api.MapTaskReview();
        api.MapExternalTasks();
        api.MapMcpWorkers();
        api.MapCheckpoints();
        api.MapKnowledge();
        api.MapAdminUsers();
        api.MapAdminStats();
        api.MapUsage();
        api.MapCostReports();
        api.MapServices();
        api.MapRag();
        api.MapNotifications();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapApiFallbacks();
        return app;
    }
}
