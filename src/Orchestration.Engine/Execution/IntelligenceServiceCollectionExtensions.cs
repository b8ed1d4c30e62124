using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Engine.Execution.Prompts;
using Orchestration.Engine.Knowledge;
using Orchestration.Engine.Review;
using Orchestration.Engine.Tools;
using Orchestration.Engine.Tools.Files;
using Orchestration.Engine.Verification;

namespace Orchestration.Engine.Execution;

public static class IntelligenceServiceCollectionExtensions
{
    /// <summary>
    /// What a task attempt is made of beyond the model call: prompt assembly, the <see cref="ToolRegistry"/> with the
    /// workspace file tools (add more with <c>TryAddEnumerable(ServiceDescriptor.Singleton&lt;ITaskTool, MyTool&gt;())</c>),
    /// the tool loop, verification, knowledge extraction, <see cref="IReviewControl"/> for reviews and checkpoints, and
    /// <see cref="IKnowledgeControl"/> for a person's review of findings.
    /// Called by AddExecution.
    /// </summary>
    public static IServiceCollection AddTaskIntelligence(this IServiceCollection services)
    {
        services.TryAddSingleton<TaskPromptBuilder>();
        // NOTE: registration order is the order tools are offered in; the simulated provider calls the first one.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskTool, WriteFileTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskTool, ReadFileTool>());
        services.TryAddSingleton<ToolRegistry>();
        services.TryAddSingleton<ToolLoop>();
        services.TryAddSingleton<TaskVerifier>();
        services.TryAddSingleton<KnowledgeExtractor>();
        services.TryAddSingleton<IReviewControl, ReviewControl>();
        // Ends waits nobody answers (execution.wait_expiry); idle when its action is none.
        services.AddHostedService<WaitExpirySweeper>();
        services.TryAddSingleton<IKnowledgeControl, KnowledgeControl>();
        return services;
    }
}
