using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Core.Pricing;
using Orchestration.Engine.Configuration;
using Orchestration.Server.Hosting;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Hosting;

/// <summary>Each component receives the config sections it reads; only the composition root holds the whole config.</summary>
public sealed class ConfigSectionsTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    [Fact]
    public void The_server_serves_each_section_of_its_config_and_not_the_whole_config()
    {
        Assert.Null(app.Services.GetService<OrchestrationConfig>());
        Assert.Same(app.Config.Execution, app.Services.GetRequiredService<ExecutionOptions>());
        Assert.Same(app.Config.Budget, app.Services.GetRequiredService<BudgetOptions>());
        Assert.Same(app.Config.Auth, app.Services.GetRequiredService<AuthOptions>());
        Assert.Same(app.Config.Git, app.Services.GetRequiredService<GitOptions>());
        Assert.Equal(app.Config.ResourceCheckIntervalSec, app.Services.GetRequiredService<ResourceCheckOptions>().IntervalSec);
        Assert.True(app.Services.GetRequiredService<PriceCalculator>().IsPriced("claude-sonnet-4-6"));
    }

    [Fact]
    public void No_component_outside_the_composition_root_takes_the_whole_config()
    {
        Type[] roots = [typeof(ServerHost), typeof(ConfigSectionsServiceCollectionExtensions)];
        var assemblies = new[] { typeof(ServerHost).Assembly, typeof(ConfigSectionsServiceCollectionExtensions).Assembly, typeof(Storage.Sqlite.SqliteDatabase).Assembly };
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        var takers = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => !roots.Any(r => t.Namespace == r.Namespace))
            .SelectMany(t => t.GetConstructors(All).Cast<MethodBase>().Concat(t.GetMethods(All)))
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(OrchestrationConfig)))
            .Select(m => $"{m.DeclaringType}.{m.Name}")
            .ToList();

        Assert.Empty(takers);
    }
}
